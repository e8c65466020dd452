/**
 * A provider whose rate-limit reset lies centuries ahead (a bogus or hostile x-ratelimit-reset):
 * the repository waits for it, and the scheduler's one timer, armed for a wake-up further away than
 * a Node.js timer can hold (2^31-1 ms), must not fire at once over and over. Before the fix the
 * built daemon re-armed a 1 ms timer in a loop: a TimeoutOverflowWarning on stderr each time
 * (thousands a second) and the CPU that goes with it. A reset past the last date a Date holds is
 * garbage: taken as a time, every message and status answer showing it threw (the poll failed with
 * 'Invalid time value', GET /api/v1/status answered 500 for as long as the daemon ran).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/run-cli.js';
import { tempConfig, type E2eConfig } from './config.js';
import { spawnDaemon, type DaemonProcess } from './daemon-process.js';

let api: Server;
let requests = 0;
let reset = '9999999999';
let cfg: E2eConfig | undefined;
let daemon: DaemonProcess | undefined;

beforeAll(async () => {
  assertBuilt();
  api = createServer((_req, res) => {
    requests++;
    res.writeHead(403, { 'content-type': 'application/json', 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
    res.end('{"message":"API rate limit exceeded"}');
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
});

function writeConfig(c: E2eConfig): void {
  writeFileSync(c.file, `app:
  health_check_port: 0
  data_dir: ${JSON.stringify(join(c.dir, 'data'))}
api:
  listen: 127.0.0.1
polling:
  interval: 1m
tekton:
  event_listener_url: http://127.0.0.1:9/unused
repositories:
  - name: held
    url: https://github.com/acme/svc
    provider: github
    api_base_url: http://127.0.0.1:${(api.address() as AddressInfo).port}
`);
}

async function stopDaemon(): Promise<void> {
  if (daemon && daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  await daemon?.exited;
  daemon = undefined;
}

afterAll(async () => {
  await stopDaemon();
  await new Promise((resolve) => api?.close(resolve));
  cfg?.remove();
});

describe('a rate-limit reset beyond what a timer can hold', () => {
  it('the repository waits for it without the scheduler timer firing in a loop', async () => {
    cfg = tempConfig();
    writeConfig(cfg);
    daemon = spawnDaemon(['run', '-c', cfg.file], {});
    const waiting = await daemon.waitForLog((l) => l.msg === 'poll waits for the rate-limit budget');
    expect(waiting.until).toBe('2286-11-20T17:46:39.000Z');
    // a window for the loop to show: before the fix, thousands of warnings in it
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(daemon.stderr()).not.toContain('TimeoutOverflowWarning');
    expect(requests).toBe(1);
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });

  it('a reset past the last date a Date holds is ignored: the default wait, and the status API still answers', async () => {
    await stopDaemon();
    cfg?.remove();
    // a database of its own: the first test's repository is due in 2286
    cfg = tempConfig();
    writeConfig(cfg);
    reset = '99999999999999';
    daemon = spawnDaemon(['run', '-c', cfg.file], {});
    const port = await daemon.port();
    const waiting = await daemon.waitForLog((l) => l.msg === 'poll waits for the rate-limit budget' || l.msg === 'poll failed');
    expect(waiting.msg, JSON.stringify(waiting)).toBe('poll waits for the rate-limit budget');
    expect(Date.parse(String(waiting.until)) - Date.parse(String(waiting.time))).toBeLessThanOrEqual(120_000);
    const status = await fetch(`http://127.0.0.1:${port}/api/v1/status`);
    expect(status.status, await status.text()).toBe(200);
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });
});
