/**
 * A receiver (or a proxy before it) that refuses a delivery and quotes the request's credentials in
 * its answer: the target's secret (sent as X-Gitlab-Token in the gitlab format) and its configured
 * headers (Authorization). The answer becomes the delivery's last_error: through the built daemon,
 * neither the API, the log nor the database may show those values.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/run-cli.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { tempConfig, type E2eConfig } from './config.js';
import { eventually, spawnDaemon, type DaemonProcess } from './daemon-process.js';
import { filesUnder } from '../helpers/files-under.js';

const SECRET = 'canary-target-secret-4e8a1f';
const BEARER = 'canary-target-bearer-90b2c7';

let git: GitServer;
let receiver: Server;
let receiverUrl: string;
let cfg: E2eConfig;
let daemon: DaemonProcess;

beforeAll(async () => {
  assertBuilt();
  git = await startGitServer();
  await git.createRepo('acme/app');
  await git.commit('acme/app', 'main', 'first');
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end(`refused: token ${String(req.headers['x-gitlab-token'])} auth ${String(req.headers.authorization)}`);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  cfg = tempConfig();
  cfg.write({
    listenerUrl: receiverUrl,
    emitOnFirstPoll: true,
    extraTop: `triggers:\n  - { name: gl, url: ${JSON.stringify(receiverUrl)}, format: gitlab, secret: ${SECRET}, headers: { Authorization: "Bearer ${BEARER}" }, retry_attempts: 1 }\n`,
    repositories: [{ name: 'app', url: git.url('acme/app') }],
  });
  daemon = spawnDaemon(['run', '-c', cfg.file], {});
});

afterAll(async () => {
  if (daemon && daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  await Promise.all([git?.close(), new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()))]);
  cfg?.remove();
});

describe('a receiver that quotes the credentials it was sent', () => {
  it('keeps its answer in last_error with the secret and the header values hidden', async () => {
    const base = `http://127.0.0.1:${await daemon.port()}`;
    const delivery = await eventually(async () => {
      const list = (await (await fetch(`${base}/api/v1/events`)).json()) as { events: Array<{ id: string }> };
      if (list.events.length === 0) return undefined;
      const text = await (await fetch(`${base}/api/v1/events/${list.events[0].id}`)).text();
      const doc = JSON.parse(text) as { deliveries: Array<{ target: string; status: string; last_error: string | null }> };
      const gl = doc.deliveries.find((d) => d.target === 'gl');
      return gl && gl.status === 'dead' ? { gl, text } : undefined;
    }, 30_000);
    expect(delivery.gl.last_error).toMatch(/^HTTP 401: refused: token /);
    expect(delivery.text).not.toContain(SECRET);
    expect(delivery.text).not.toContain(BEARER);
    expect(daemon.stdout() + daemon.stderr()).not.toContain(SECRET);
    expect(daemon.stdout() + daemon.stderr()).not.toContain(BEARER);
    for (const file of filesUnder(join(cfg.dir, 'data'))) {
      const bytes = readFileSync(file);
      expect(bytes.includes(SECRET) || bytes.includes(BEARER), file).toBe(false);
    }
  });
});
