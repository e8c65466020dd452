/**
 * SIGTERM bounds shutdown even while polls hang: a provider API and a git host that accept the
 * connection and never answer, polling.timeout far beyond the stop deadline. The built daemon must
 * exit 0 at the deadline, abort both polls (logged once), and leave no git ls-remote child behind
 * (a child still alive would still hold its connection to the git host).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/run-cli.js';
import { startHangingServer, type HangingServer } from '../helpers/hanging-server.js';
import { tempConfig, type E2eConfig } from './config.js';
import { eventually, spawnDaemon, type DaemonProcess } from './daemon-process.js';

let api: HangingServer;
let gitHost: HangingServer;
let cfg: E2eConfig;
let daemon: DaemonProcess | undefined;

beforeAll(async () => {
  assertBuilt();
  api = await startHangingServer();
  gitHost = await startHangingServer();
  cfg = tempConfig();
  writeFileSync(cfg.file, `app:
  health_check_port: 0
  data_dir: ${JSON.stringify(join(cfg.dir, 'data'))}
api:
  listen: 127.0.0.1
polling:
  interval: 1m
  timeout: 10m
  retry_attempts: 0
  enable_api_fallback: false
tekton:
  event_listener_url: http://127.0.0.1:9/unused
repositories:
  - name: api-hangs
    url: https://github.com/acme/svc
    provider: github
    api_base_url: ${api.url}
  - name: git-hangs
    url: ${gitHost.url}/acme/slow.git
    provider: git
`);
});

afterAll(async () => {
  if (daemon && daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  await Promise.all([api?.close(), gitHost?.close()]);
  cfg?.remove();
});

describe('shutdown deadline', () => {
  it('SIGTERM with a hanging API and a hanging git host: exit 0 at the deadline, both polls aborted, no git child left', async () => {
    daemon = spawnDaemon(['run', '-c', cfg.file], {});
    await eventually(() => api.requests.length > 0 && gitHost.requests.length > 0, 20_000);
    expect(gitHost.openConnections()).toBeGreaterThan(0);
    daemon.child.kill('SIGTERM');
    // polling.timeout is 10 minutes: before the fix the daemon waited for it
    const code = await Promise.race([daemon.exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))]);
    expect(code, daemon.stderr().slice(-3000)).toBe(0);

    const lines = daemon.lines();
    const aborted = lines.filter((l) => l.msg.startsWith('shutdown deadline reached'));
    expect(aborted).toHaveLength(1);
    expect([...(aborted[0].polls as string[])].sort()).toEqual(['api-hangs', 'git-hangs']);
    const order = (msg: string) => lines.findIndex((l) => l.msg === msg);
    expect(order('scheduler stopped')).toBeGreaterThan(-1);
    expect(order('scheduler stopped')).toBeLessThan(order('stopped'));
    // nothing is logged after "stopped" (before the fix: "poll failed", "scheduler stopped")
    expect(lines.at(-1)?.msg).toBe('stopped');
    // the aborted polls recorded no failure
    expect(lines.filter((l) => l.msg === 'poll failed')).toEqual([]);

    // every connection to the git host was closed: no git ls-remote (or its helper) outlived the daemon
    await eventually(() => gitHost.openConnections() === 0 && api.openConnections() === 0, 5_000);
  });
});
