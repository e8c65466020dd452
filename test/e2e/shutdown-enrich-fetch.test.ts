/**
 * SIGTERM while commit enrichment fetches from a git host that stops answering: the cache fetch
 * (git fetch into <data_dir>/git-cache) runs in the background past the enrichment wait, so it must
 * be aborted at shutdown like every other git child. A proxy in front of a real git server forwards
 * listings (ls-refs) and hangs every fetch; a git child still alive after the daemon exited would
 * still hold its connection to the proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/run-cli.js';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startFetchHangingProxy, type FetchHangingProxy } from '../helpers/fetch-hanging-proxy.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { tempConfig, type E2eConfig } from './config.js';
import { eventually, spawnDaemon, type DaemonProcess } from './daemon-process.js';

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
