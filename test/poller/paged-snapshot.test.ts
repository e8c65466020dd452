/**
 * Offset pagination is not a snapshot: refs inserted or deleted between the page reads of one
 * listing shift the later pages. Randomized against the real fakes through the real provider, HTTP
 * client, scheduler and store: never an event for a ref that was not touched, and every real change
 * reported within two polls (a poll during which the refs moved, then a quiet one).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { createHttpClient } from '../../src/http/client.js';
import { silentLogger } from '../../src/log.js';
import { createScheduler } from '../../src/poller/scheduler.js';
import { createProviderRegistry } from '../../src/providers/registry.js';
import { openStore } from '../../src/store/index.js';
import { ZERO_SHA } from '../../src/types.js';
import type { FakeServerControl } from '../fakes/common.js';
import { startFakeGithub } from '../fakes/github-api.js';
import { startFakeGitlab } from '../fakes/gitlab-api.js';
import { fakeClock, makeConfig, target } from './helpers.js';
import { withLocation } from '../helpers/repo-config.js';

const TOKEN = 'paged-snapshot-token';
const ROUNDS = 30;

/** mulberry32: a seeded PRNG, so a failing seed can be replayed */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Fixture {
  fake: FakeServerControl;
  repo: RepositoryConfig;
  /** path fragment of a branch listing page */
  pagePath: string;
  set(name: string, sha: string): void;
  remove(name: string): void;
}

async function fixture(kind: 'gitlab' | 'github', initial: Record<string, string>): Promise<Fixture> {
  if (kind === 'gitlab') {
    const fake = await startFakeGitlab({ token: TOKEN });
    const path = 'group/svc';
    fake.addProject({ path, branches: initial });
    return {
      fake, pagePath: '/repository/branches',
      repo: withLocation({ name: 'svc', url: `${fake.url}/${path}.git`, provider: 'gitlab', token: TOKEN, enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: fake.apiUrl }),
      set: (n, s) => fake.setBranch(path, n, s),
      remove: (n) => fake.deleteBranch(path, n),
    };
  }
  const fake = await startFakeGithub({ token: TOKEN });
  fake.addRepo({ owner: 'acme', name: 'svc', branches: initial });
  return {
    fake, pagePath: '/git/matching-refs/heads',
    repo: withLocation({ name: 'svc', url: 'https://github.com/acme/svc', provider: 'github', token: TOKEN, enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: fake.url }),
    set: (n, s) => fake.setBranch('acme', 'svc', n, s),
    remove: (n) => fake.deleteBranch('acme', 'svc', n),
  };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.each(['gitlab', 'github'] as const)('a %s listing that changes between its pages', (kind) => {
  it('never reports an untouched ref, and reports every real change within two polls', async () => {
    const seed = Number(process.env.SNAPSHOT_SEED ?? Date.now() % 1_000_000);
    const rnd = prng(seed);
    const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
    const truth = new Map<string, string>();
    for (let i = 0; i < 230; i++) truth.set(`b-${hex(6)}`, hex(40));
    const fx = await fixture(kind, Object.fromEntries(truth));

    const http = createHttpClient({ timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 1, log: silentLogger() });
    const providers = createProviderRegistry({ http, git: { timeoutMs: 5_000 }, log: silentLogger(), enableApiFallback: false });
    const clock = fakeClock(Date.now());
    const store = openStore(':memory:', { now: clock.now });
    const scheduler = createScheduler({ store, providers, config: makeConfig([fx.repo], { targets: [target('tekton')] }), clock, log: silentLogger() });
    cleanups.push(() => fx.fake.close(), () => http.close(), () => store.close(), () => scheduler.stop());
    expect((await scheduler.pollNow('svc')).status).toBe('baseline');
    const repoId = store.repositories.get('svc')!.id;

    let touched = new Set<string>();
    let armed = false;
    function mutate(): void {
      const op = rnd();
      const names = [...truth.keys()];
      if (op < 0.4 || names.length < 150) {
        const name = `b-${hex(6)}`;
        truth.set(name, hex(40));
        fx.set(name, truth.get(name)!);
        touched.add(name);
      } else if (op < 0.8) {
        const name = names[Math.floor(rnd() * names.length)]!;
        truth.delete(name);
        fx.remove(name);
        touched.add(name);
      } else {
        const name = names[Math.floor(rnd() * names.length)]!;
        truth.set(name, hex(40));
        fx.set(name, truth.get(name)!);
        touched.add(name);
      }
    }
    // between page reads: before a page of the branch listing is answered, move some refs
    fx.fake.beforeAnswer((path) => {
      if (!armed || !path.includes(fx.pagePath)) return;
      if (rnd() < 0.5) for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) mutate();
    });

    let lastSeq = 0;
    let changedRounds = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const before = new Map(truth);
      touched = new Set();
      armed = true;
      await scheduler.pollNow('svc');
      armed = false;
      const quiet = await scheduler.pollNow('svc');
      expect(quiet.status, `seed ${seed} round ${round}: ${quiet.error?.message}`).not.toBe('error');

      const events = store.events.list({ limit: 1000 }).events.filter((e) => e.seq > lastSeq).reverse();
      lastSeq = Math.max(lastSeq, ...events.map((e) => e.seq));
      const untouched = events.filter((e) => !touched.has(e.refName));
      expect(untouched.map((e) => `${e.type} ${e.refName}`), `seed ${seed} round ${round}: events for untouched refs`).toEqual([]);

      const stored = store.refs.list(repoId).filter((r) => r.kind === 'branch').map((r) => [r.name, r.sha]);
      expect(stored, `seed ${seed} round ${round}: stored refs`).toEqual([...truth].sort(([a], [b]) => (a < b ? -1 : 1)));
      for (const name of new Set([...before.keys(), ...truth.keys()])) {
        if (before.get(name) === truth.get(name)) continue;
        changedRounds++;
        const last = events.filter((e) => e.refName === name).at(-1);
        expect(last?.after, `seed ${seed} round ${round}: change of ${name} reported`).toBe(truth.get(name) ?? ZERO_SHA);
      }
    }
    // the rounds really moved refs between pages
    expect(changedRounds).toBeGreaterThan(ROUNDS);
  });
});
