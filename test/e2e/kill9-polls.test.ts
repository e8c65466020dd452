/**
 * kill -9 of the built daemon while it polls and delivers (group commits of polls, rounds of
 * delivery outcomes): after restarts, every ref's last change reaches the receiver, and each
 * ref's changes arrive in the order they were made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/run-cli.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { tempConfig, type E2eConfig } from './config.js';
import { eventually, spawnDaemon, type DaemonProcess } from './daemon-process.js';

const REPOS = 24;
let gh: FakeGithub;
let listener: FakeEventListener;
let cfg: E2eConfig;
let daemon: DaemonProcess | undefined;
const sha = (repo: number, n: number) => `${repo.toString(16).padStart(4, '0')}${n.toString(16).padStart(36, '0')}`;

beforeAll(async () => {
  assertBuilt();
  gh = await startFakeGithub({ token: 'tok' });
  for (let i = 0; i < REPOS; i++) gh.addRepo({ owner: 'acme', name: `r${i}`, branches: { main: sha(i, 0) } });
  listener = await startFakeEventListener();
  let n = 0;
  // every fifth answer a 503: retries and ordering behind them
  listener.onRequest(() => (++n % 5 === 0 ? { kind: 'status', status: 503 } : undefined));
  cfg = tempConfig();
  cfg.write({
    listenerUrl: listener.url,
    retryAttempts: 50,
    repositories: Array.from({ length: REPOS }, (_, i) => ({ name: `r${i}`, url: `https://github.com/acme/r${i}`, provider: 'github', extra: `    api_base_url: ${gh.url}\n    token: tok\n` })),
  });
});

afterAll(async () => {
  if (daemon && daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  await listener?.close();
  await gh?.close();
  cfg?.remove();
});

describe('kill -9 while polling and delivering', () => {
  it('every ref\'s last change reaches the receiver, each ref in order', { timeout: 180_000 }, async () => {
    const last = Array.from({ length: REPOS }, () => 0);
    daemon = spawnDaemon(['run', '-c', cfg.file], {});
    await daemon.port();
    // the baseline of every repository first (silent)
    await eventually(() => daemon!.lines().filter((l) => l.msg === 'baseline recorded').length >= REPOS, 30_000);
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < REPOS; i++) {
        if (Math.random() < 0.6) gh.setBranch('acme', `r${i}`, 'main', sha(i, ++last[i]));
      }
      await new Promise((r) => setTimeout(r, 400 + Math.random() * 1400));
      daemon.child.kill('SIGKILL');
      await daemon.exited;
      daemon = spawnDaemon(['run', '-c', cfg.file], {});
      await daemon.port();
    }
    const delivered = () => {
      const seen = new Map<number, number[]>();
      for (const r of listener.requests) {
        if (r.behaviour !== 'accept') continue;
        const body = JSON.parse(r.body) as { commit?: { sha?: string } };
        const s = body.commit?.sha;
        if (!s) continue;
        const repo = parseInt(s.slice(0, 4), 16);
        const n = parseInt(s.slice(4), 16);
        seen.set(repo, [...(seen.get(repo) ?? []), n]);
      }
      return seen;
    };
    await eventually(() => {
      const seen = delivered();
      return last.every((n, i) => n === 0 || (seen.get(i) ?? []).includes(n));
    }, 90_000).catch(() => undefined);
    const seen = delivered();
    const missing = last.map((n, i) => ({ i, n, got: seen.get(i) ?? [] })).filter((x) => x.n > 0 && !x.got.includes(x.n));
    expect(missing, daemon.stderr().slice(-2000)).toEqual([]);
    // per ref: accepted deliveries never go back to an older change (a redelivery repeats the last one)
    for (const [i, list] of seen) {
      for (let k = 1; k < list.length; k++) expect(list[k], `r${i}: ${list.join(',')}`).toBeGreaterThanOrEqual(list[k - 1]);
    }
  });
});
