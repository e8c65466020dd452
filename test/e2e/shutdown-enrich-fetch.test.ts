/**
 * SIGTERM while commit enrichment fetches from a git host that stops answering: the cache fetch
 * (git fetch into <data_dir>/git-cache) runs in the background past the enrichment wait, so it must
 * be aborted at shutdown like every other git child. A proxy in front of a real git server forwards
 * listings (ls-refs) and hangs every fetch; a git child still alive after the daemon exited would
 * still hold its connection to the proxy.
 */
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/run-cli.js';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { tempConfig, type E2eConfig } from './config.js';
import { eventually, spawnDaemon, type DaemonProcess } from './daemon-process.js';

interface FetchHangingProxy {
  url: string;
  hungFetches: number;
  openHung(): number;
  close(): Promise<void>;
}

/** Forwards to `target`, except git protocol v2 `command=fetch` requests: those are never answered. */
async function startFetchHangingProxy(target: string): Promise<FetchHangingProxy> {
  const hung = new Set<Socket>();
  const all = new Set<Socket>();
  const state = { hungFetches: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && body.includes('command=fetch')) {
        state.hungFetches += 1;
        hung.add(req.socket);
        req.socket.on('close', () => hung.delete(req.socket));
        return;
      }
      const up = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  server.on('connection', (s: Socket) => {
    all.add(s);
    s.on('close', () => all.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get hungFetches() {
      return state.hungFetches;
    },
    openHung: () => hung.size,
    async close() {
      for (const s of all) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let git: GitServer;
let proxy: FetchHangingProxy;
let listener: FakeEventListener;
let cfg: E2eConfig;
let daemon: DaemonProcess | undefined;

beforeAll(async () => {
  assertBuilt();
  git = await startGitServer();
  await git.createRepo('acme/app');
  await git.commit('acme/app', 'main', 'first');
  proxy = await startFetchHangingProxy(git.baseUrl);
  listener = await startFakeEventListener();
  cfg = tempConfig();
  cfg.write({
    listenerUrl: listener.url,
    extraTop: 'enrich:\n  timeout: 1s\n',
    repositories: [{ name: 'app', url: git.url('acme/app').replace(git.baseUrl, proxy.url) }],
  });
});

afterAll(async () => {
  if (daemon && daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  await Promise.all([proxy?.close(), git?.close(), listener?.close()]);
  cfg?.remove();
});

describe('shutdown while an enrichment fetch hangs', () => {
  it('SIGTERM leaves no git fetch child behind, and the event was delivered without enrichment', async () => {
    daemon = spawnDaemon(['run', '-c', cfg.file], {});
    const d = daemon;
    await eventually(() => d.lines().some((l) => l.msg === 'baseline recorded'), 20_000);
    await git.commit('acme/app', 'main', 'second');
    // the change is detected, its enrichment fetch hangs; after enrich.timeout the event goes out without it
    await eventually(() => proxy.hungFetches > 0 && listener.requests.length > 0, 20_000);
    const data = JSON.parse(listener.requests[0].body) as { enrichment?: { status: string } };
    expect(data.enrichment?.status).toBe('unavailable');
    expect(proxy.openHung()).toBeGreaterThan(0);

    d.child.kill('SIGTERM');
    const code = await Promise.race([d.exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))]);
    expect(code, d.stderr().slice(-3000)).toBe(0);
    // the cache fetch is bounded by max(10 × polling.timeout, 60 s): before the fix it outlived the daemon
    await eventually(() => proxy.openHung() === 0, 5_000);
  });
});
