/**
 * Enrichment never costs an event: its wait ends before the poll's own deadline (polling.timeout).
 * A git host whose listings are slow (3 s of a 5 s polling.timeout) and whose fetches hang: the
 * enrichment wait (capped at half of polling.timeout) used to start after the slow listing, the
 * poll hit polling.timeout, failed, and the next poll failed the same way, so the change was never
 * recorded nor delivered while the fetch kept hanging.
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
  proxy = await startFetchHangingProxy(git.baseUrl, { listDelayMs: 3_000 });
  listener = await startFakeEventListener();
  cfg = tempConfig();
  // polling.timeout 5s (the e2e config), enrich.timeout its default (10s, capped at half of polling.timeout)
  cfg.write({ listenerUrl: listener.url, repositories: [{ name: 'app', url: git.url('acme/app').replace(git.baseUrl, proxy.url) }] });
});

afterAll(async () => {
  if (daemon && daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  await Promise.all([proxy?.close(), git?.close(), listener?.close()]);
  cfg?.remove();
});

describe('enrichment within the poll deadline', () => {
  it('a slow listing and a hanging enrichment fetch: the change is delivered without enrichment, no poll fails', async () => {
    daemon = spawnDaemon(['run', '-c', cfg.file], {});
    const d = daemon;
    await eventually(() => d.lines().some((l) => l.msg === 'baseline recorded'), 20_000);
    await git.commit('acme/app', 'main', 'second');
    await eventually(() => listener.requests.length > 0, 30_000).catch(() => undefined);
    const failed = d.lines().filter((l) => l.msg === 'poll failed');
    expect(listener.requests.length, `polls failed: ${String(JSON.stringify(failed[0])).slice(0, 700)}`).toBeGreaterThan(0);
    const data = JSON.parse(listener.requests[0].body) as { enrichment?: { status: string } };
    expect(data.enrichment?.status).toBe('unavailable');
    // the enrichment fetch goes on in the background and hangs (its listing phase is slow too)
    await eventually(() => proxy.hungFetches > 0, 15_000);
    expect(failed).toEqual([]);
    d.child.kill('SIGTERM');
    expect(await d.exited).toBe(0);
  }, 60_000);
});
