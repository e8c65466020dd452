/** The polling engine against the fake GitLab and Gitea APIs: exactly the right events, none from failures. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClient } from '../../src/http/types.js';
import { silentLogger } from '../../src/log.js';
import { createScheduler, type Scheduler } from '../../src/poller/scheduler.js';
import { createProviderRegistry } from '../../src/providers/registry.js';
import { openStore, type Store } from '../../src/store/index.js';
import { ZERO_SHA } from '../../src/types.js';
import type { FakeServerControl } from '../fakes/common.js';
import { startFakeGitea } from '../fakes/gitea-api.js';
import { startFakeGitlab } from '../fakes/gitlab-api.js';
import { fakeClock, makeConfig } from './helpers.js';
import { withLocation } from '../helpers/repo-config.js';

const TOKEN = 'fake-api-token-456';
const sha = (c: string) => c.repeat(40);

interface Fixture {
  fake: FakeServerControl;
  repo: RepositoryConfig;
  setBranches(b: Record<string, string>): void;
  setBranch(name: string, s: string): void;
  deleteBranch(name: string): void;
}

const fixtures: Record<string, () => Promise<Fixture>> = {
  async gitlab() {
    const fake = await startFakeGitlab({ token: TOKEN });
    const path = 'group/sub/svc';
    fake.addProject({ path });
    return {
      fake,
      repo: withLocation({ name: 'svc', url: `${fake.url}/${path}.git`, provider: 'gitlab', token: TOKEN, enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: fake.apiUrl }),
      setBranches: (b) => fake.setBranches(path, b),
      setBranch: (n, s) => fake.setBranch(path, n, s),
      deleteBranch: (n) => fake.deleteBranch(path, n),
    };
  },
  async gitea() {
    const fake = await startFakeGitea({ token: TOKEN });
    fake.addRepo({ owner: 'acme', name: 'svc' });
    return {
      fake,
      repo: withLocation({ name: 'svc', url: `${fake.url}/acme/svc`, provider: 'gitea', token: TOKEN, enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: fake.apiUrl }),
      setBranches: (b) => fake.setBranches('acme', 'svc', b),
      setBranch: (n, s) => fake.setBranch('acme', 'svc', n, s),
      deleteBranch: (n) => fake.deleteBranch('acme', 'svc', n),
    };
  },
};

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(kind: string): Promise<{ fx: Fixture; store: Store; scheduler: Scheduler; http: HttpClient }> {
  const fx = await fixtures[kind]();
  const http = createHttpClient({ timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 1, log: silentLogger() });
  const providers = createProviderRegistry({ http, git: { timeoutMs: 5_000 }, log: silentLogger(), enableApiFallback: false });
  const clock = fakeClock(Date.now());
  const store = openStore(':memory:', { now: clock.now });
  const scheduler = createScheduler({ store, providers, config: makeConfig([fx.repo]), clock, log: silentLogger() });
  cleanups.push(() => fx.fake.close(), () => http.close(), () => store.close(), () => scheduler.stop());
  return { fx, store, scheduler, http };
}

describe.each(['gitlab', 'gitea'])('polling the fake %s API', (kind) => {
  it('baseline, then created, updated and deleted branches; failures make no events', async () => {
    const { fx, store, scheduler } = await start(kind);
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`b-${String(i).padStart(3, '0')}`, sha('a')]));
    fx.setBranches({ main: sha('1'), old: sha('2'), ...many });
    expect((await scheduler.pollNow('svc')).status).toBe('baseline');
    expect(store.repositories.get('svc')!.refCount).toBe(152);
    expect(store.events.list().events).toHaveLength(0);

    fx.setBranch('main', sha('3'));
    fx.setBranch('new', sha('4'));
    fx.deleteBranch('old');
    fx.setBranch('b-149', sha('5'));
    const out = await scheduler.pollNow('svc');
    expect(out.events).toBe(4);

    fx.setBranch('main', sha('6'));
    fx.fake.failNext(1, { kind: 'malformed' });
    expect((await scheduler.pollNow('svc')).status).toBe('error');
    fx.fake.failNext(1, { kind: 'status', status: 500 });
    expect((await scheduler.pollNow('svc')).status).toBe('error');
    expect(store.repositories.get('svc')).toMatchObject({ lastStatus: 'error', consecutiveFailures: 2 });
    expect((await scheduler.pollNow('svc')).events).toBe(1);
    expect((await scheduler.pollNow('svc')).events).toBe(0);

    const got = store.events.list().events.reverse().map((e) => [e.type, e.refName, e.before, e.after]);
    expect(got).toEqual([
      ['branch_updated', 'b-149', sha('a'), sha('5')],
      ['branch_updated', 'main', sha('1'), sha('3')],
      ['branch_created', 'new', ZERO_SHA, sha('4')],
      ['branch_deleted', 'old', sha('2'), ZERO_SHA],
      ['branch_updated', 'main', sha('3'), sha('6')],
    ]);
  });
});
