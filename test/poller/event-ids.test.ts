/**
 * Event ids: deterministic for the same detection redone after a crash, new for every later,
 * distinct change — even when (ref, before, after) repeat. Receivers dedupe by id, so a reused id
 * would silently drop a real change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { createHttpClient } from '../../src/http/client.js';
import { silentLogger } from '../../src/log.js';
import { createScheduler, type Scheduler } from '../../src/poller/scheduler.js';
import { createProviderRegistry } from '../../src/providers/registry.js';
import { openStore, type Store } from '../../src/store/index.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { fakeClock, makeConfig, target } from './helpers.js';
import { withLocation } from '../helpers/repo-config.js';

const TOKEN = 'event-id-token-123';
const sha = (c: string) => c.repeat(40);
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(dbPath = ':memory:'): Promise<{ fake: FakeGithub; store: Store; scheduler: Scheduler; repo: RepositoryConfig }> {
  const fake = await startFakeGithub({ token: TOKEN });
  fake.addRepo({ owner: 'acme', name: 'svc', branches: { main: sha('a') }, tags: { v0: sha('c'), v1: sha('a') } });
  const repo: RepositoryConfig = withLocation({
    name: 'svc', url: 'https://github.com/acme/svc', provider: 'github', token: TOKEN, enabled: true,
    pollingIntervalMs: 60_000, apiBaseUrl: fake.url, tagRegex: '^v',
  });
  const http = createHttpClient({ timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 1, log: silentLogger() });
  const providers = createProviderRegistry({ http, git: { timeoutMs: 5_000 }, log: silentLogger(), enableApiFallback: false });
  const clock = fakeClock(Date.now());
  const store = openStore(dbPath, { now: clock.now });
  const scheduler = createScheduler({ store, providers, config: makeConfig([repo], { targets: [target('tekton')] }), clock, log: silentLogger() });
  cleanups.push(() => fake.close(), () => http.close(), () => store.close(), () => scheduler.stop());
  return { fake, store, scheduler, repo };
}

const history = (store: Store) =>
  store.events.list({ limit: 100 }).events.reverse().map((e) => ({ id: e.id, type: e.type, name: e.refName, before: e.before, after: e.after }));

describe('event ids', () => {
  it('A→B→A→B on a branch: every transition is its own event with its own id and delivery', async () => {
    const { fake, store, scheduler } = await setup();
    await scheduler.pollNow('svc');
    for (const s of ['b', 'a', 'b']) {
      fake.setBranch('acme', 'svc', 'main', sha(s));
      expect((await scheduler.pollNow('svc')).events).toBe(1);
    }
    const got = history(store);
    expect(got.map((e) => [e.before[0], e.after[0]])).toEqual([['a', 'b'], ['b', 'a'], ['a', 'b']]);
    expect(new Set(got.map((e) => e.id)).size).toBe(3);
    expect(store.deliveries.stats().pending).toBe(3);
    for (const e of got) expect(store.deliveries.forEvent(e.id)).toHaveLength(1);
  });

  it('a tag deleted and re-created at the same SHA gets a new id (the ref row is gone in between)', async () => {
    const { fake, store, scheduler } = await setup();
    await scheduler.pollNow('svc');
    fake.deleteTag('acme', 'svc', 'v1');
    expect((await scheduler.pollNow('svc')).events).toBe(1);
    fake.setTag('acme', 'svc', 'v1', sha('a'));
    expect((await scheduler.pollNow('svc')).events).toBe(1);
    fake.deleteTag('acme', 'svc', 'v1');
    expect((await scheduler.pollNow('svc')).events).toBe(1);
    fake.setTag('acme', 'svc', 'v1', sha('a'));
    expect((await scheduler.pollNow('svc')).events).toBe(1);
    const got = history(store);
    expect(got.map((e) => e.type)).toEqual(['tag_deleted', 'tag_created', 'tag_deleted', 'tag_created']);
    expect(new Set(got.map((e) => e.id)).size).toBe(4);
  });

  it('the same detection redone after a failed commit keeps its id', async () => {
    const { fake, store, scheduler } = await setup();
    await scheduler.pollNow('svc');
    fake.setBranch('acme', 'svc', 'main', sha('b'));
    const attempted: string[][] = [];
    const commit = store.commitPolls;
    let fail = true;
    store.commitPolls = (inputs, first) => {
      attempted.push(...inputs.map((input) => input.events.map((e) => e.id)));
      if (fail) {
        fail = false;
        // the transaction never commits, as when the process dies before COMMIT
        throw new Error('database or disk is full');
      }
      return commit(inputs, first);
    };
    expect((await scheduler.pollNow('svc')).status).toBe('error');
    expect(history(store)).toEqual([]);
    expect((await scheduler.pollNow('svc')).events).toBe(1);
    expect(attempted).toHaveLength(2);
    expect(attempted[1]).toEqual(attempted[0]);
    expect(history(store).map((e) => e.id)).toEqual(attempted[0]);
  });

  it('ids stay distinct across a restart on the same database', async () => {
    const dir = await import('node:fs/promises').then((fs) => fs.mkdtemp(`${(process.env.TMPDIR ?? '/tmp')}/rs-ids-`));
    const db = `${dir}/reposentry.db`;
    const first = await setup(db);
    await first.scheduler.pollNow('svc');
    first.fake.setBranch('acme', 'svc', 'main', sha('b'));
    await first.scheduler.pollNow('svc');
    const firstId = history(first.store)[0]!.id;
    for (const c of cleanups.splice(0).reverse()) await c();

    const second = await setup(db);
    // the new fake starts at main = a again: a→… is seen as b→a, then a→b repeats the first change
    await second.scheduler.pollNow('svc');
    second.fake.setBranch('acme', 'svc', 'main', sha('b'));
    await second.scheduler.pollNow('svc');
    const got = history(second.store);
    expect(got.map((e) => [e.before[0], e.after[0]])).toEqual([['a', 'b'], ['b', 'a'], ['a', 'b']]);
    expect(got[0]!.id).toBe(firstId);
    expect(new Set(got.map((e) => e.id)).size).toBe(3);
  });
});
