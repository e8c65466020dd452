/**
 * A provider whose rate-limit reset lies centuries ahead (a bogus or hostile x-ratelimit-reset):
 * the repository waits for it, and the scheduler's one timer, armed for a wake-up further away than
 * a Node.js timer can hold (2^31-1 ms), must not fire at once over and over. Before the fix the
 * built daemon re-armed a 1 ms timer in a loop: a TimeoutOverflowWarning on stderr each time
 * (thousands a second) and the CPU that goes with it.
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
let cfg: E2eConfig;
let daemon: DaemonProcess | undefined;

beforeAll(async () => {
  assertBuilt();
  api = createServer((_req, res) => {
    requests++;
    res.writeHead(403, { 'content-type': 'application/json', 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '9999999999' });
    res.end('{"message":"API rate limit exceeded"}');
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  cfg = tempConfig();
  writeFileSync(cfg.file, `app:
  health_check_port: 0
  data_dir: ${JSON.stringify(join(cfg.dir, 'data'))}
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
});

afterAll(async () => {
  if (daemon && daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  await new Promise((resolve) => api?.close(resolve));
  cfg?.remove();
});

describe('a rate-limit reset beyond what a timer can hold', () => {
  it('the repository waits for it without the scheduler timer firing in a loop', async () => {
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
});
