/**
 * A config rewritten in place in two steps must not cost a pending delivery: the built daemon, a real
 * git server and a receiver that is down. A half-written file is not parsed until the file is stable;
 * a half config that does get applied (the writer paused) holds the removed target's deliveries
 * instead of dead-lettering them, and they go out when the full file returns.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { assertBuilt } from '../cli/run-cli.js';
import { configText, tempConfig, type E2eConfig } from './config.js';
import { eventually, spawnDaemon, type DaemonProcess } from './daemon-process.js';

let git: GitServer;
let listener: FakeEventListener;
let cfg: E2eConfig;
let daemon: DaemonProcess;
let base: string;
let full: string;
let half: string;

interface DeliveryJson {
  target: string;
  status: string;
  last_error: string | null;
}

async function deliveriesOf(id: string): Promise<DeliveryJson[]> {
  const body = (await (await fetch(`${base}/api/v1/events/${id}`)).json()) as { deliveries: DeliveryJson[] };
  return body.deliveries;
}

async function pendingEvent(): Promise<string> {
  const sha = await git.commit('acme/svc', 'main', `change ${Date.now()}`);
  return eventually(async () => {
    const body = (await (await fetch(`${base}/api/v1/events?repository=svc`)).json()) as { events: Array<{ id: string; after: string }> };
    return body.events.find((e) => e.after === sha)?.id;
  });
}

beforeAll(async () => {
  assertBuilt();
  git = await startGitServer();
  await git.createRepo('acme/svc');
  await git.commit('acme/svc', 'main', 'first');
  // the receiver is down: deliveries stay pending (an outage never spends the retry budget)
  listener = await startFakeEventListener({ default: { kind: 'status', status: 503 } });
  cfg = tempConfig();
  full = configText(cfg.dir, { listenerUrl: listener.url, retryAttempts: 100, repositories: [{ name: 'svc', url: git.url('acme/svc') }] });
  // the first step of the writer: valid on its own, with no target and no repository
  half = full.slice(0, full.indexOf('tekton:'));
  writeFileSync(cfg.file, full);
  daemon = spawnDaemon(['run', '-c', cfg.file], {});
  base = `http://127.0.0.1:${await daemon.port()}`;
  await daemon.waitForLog((l) => l.msg === 'baseline recorded' && l.repo === 'svc');
});

afterAll(async () => {
  if (daemon && daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  await Promise.all([git?.close(), listener?.close()]);
});

describe('a config written in two steps', () => {
  it('is not parsed half-written: the reload waits until the file is stable', async () => {
    const id = await pendingEvent();
    await eventually(async () => (await deliveriesOf(id))[0]?.status === 'pending' && listener.requests.length > 0);
    const reloadsBefore = daemon.lines().filter((l) => l.msg.startsWith('config reload')).length;
    writeFileSync(cfg.file, half);
    await new Promise((r) => setTimeout(r, 450));
    appendFileSync(cfg.file, full.slice(half.length));
    await daemon.waitForLog((l) => l.msg === 'config reloaded; nothing changed');
    const reloads = daemon.lines().filter((l) => l.msg.startsWith('config reload')).slice(reloadsBefore);
    expect(reloads.map((l) => l.msg)).toEqual(['config reloaded; nothing changed']);
    expect((await deliveriesOf(id))[0]?.status).toBe('pending');
  });

  it('holds the pending deliveries of a target the half config removed, and delivers them when it returns', async () => {
    const id = await pendingEvent();
    await eventually(async () => (await deliveriesOf(id))[0]?.status === 'pending');
    writeFileSync(cfg.file, half);
    await daemon.waitForLog((l) => l.msg === 'config reloaded' && Array.isArray(l.targetsRemoved) && l.targetsRemoved.includes('tekton'));
    const held = await eventually(async () => {
      const [d] = await deliveriesOf(id);
      return d?.status === 'held' ? d : undefined;
    });
    expect(held.last_error).toContain('target tekton removed from the configuration');
    const status = (await (await fetch(`${base}/api/v1/status`)).json()) as { events: { held: number; dead: number } };
    expect(status.events.held).toBeGreaterThanOrEqual(2);
    expect(status.events.dead).toBe(0);

    listener.setDefault({ kind: 'accept' });
    writeFileSync(cfg.file, full);
    await daemon.waitForLog((l) => l.msg === 'target configured again: its held deliveries resume');
    await eventually(async () => (await deliveriesOf(id))[0]?.status === 'delivered');
    const after = (await (await fetch(`${base}/api/v1/status`)).json()) as { events: { held: number; dead: number; pending: number } };
    expect(after.events).toMatchObject({ held: 0, dead: 0 });
  });
});
