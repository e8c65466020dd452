/** SIGTERM with a delivery in flight: exit 0 within the deadline, and the delivery is not lost. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { assertBuilt } from '../cli/run-cli.js';
import { tempConfig, type E2eConfig } from './config.js';
import { eventually, spawnDaemon, type DaemonProcess } from './daemon-process.js';

let git: GitServer;
let listener: FakeEventListener;
let cfg: E2eConfig;
const spawned: DaemonProcess[] = [];

function start(): DaemonProcess {
  const d = spawnDaemon(['run', '-c', cfg.file], {});
  spawned.push(d);
  return d;
}

beforeAll(async () => {
  assertBuilt();
  git = await startGitServer();
  await git.createRepo('acme/svc');
  await git.commit('acme/svc', 'main', 'first');
  listener = await startFakeEventListener();
  cfg = tempConfig();
  cfg.write({ listenerUrl: listener.url, emitOnFirstPoll: true, retryAttempts: 10, repositories: [{ name: 'svc', url: git.url('acme/svc') }] });
});

afterAll(async () => {
  for (const d of spawned) if (d.child.exitCode === null) d.child.kill('SIGKILL');
  await Promise.all([git?.close(), listener?.close()]);
});

describe('shutdown', () => {
  it('exits 0 on SIGTERM with a delivery in flight, which the next start delivers', async () => {
    listener.setDefault({ kind: 'hang' });
    const first = start();
    const [hung] = await listener.waitForRequests(1, 15_000);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    listener.setDefault({ kind: 'accept' });
    const second = start();
    await eventually(() => listener.requests.find((r) => r.behaviour === 'accept' && r.headers['ce-id'] === hung.headers['ce-id'])).catch((err: Error) => {
      throw new Error(`${err.message}\nfirst:\n${first.stderr().slice(-2500)}\nsecond:\n${second.stderr().slice(-2500)}`);
    });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('a second signal exits at once', async () => {
    await git.commit('acme/svc', 'main', 'another');
    listener.setDefault({ kind: 'hang' });
    const before = listener.requests.length;
    const d = start();
    await listener.waitForRequests(before + 1, 15_000);
    d.child.kill('SIGTERM');
    await d.waitForLog((l) => l.msg === 'signal received');
    d.child.kill('SIGINT');
    expect(await d.exited).toBe(1);
    expect(d.stderr()).toContain('second signal: exiting now');
  });
});
