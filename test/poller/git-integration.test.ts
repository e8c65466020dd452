/** The polling engine with the git provider (ls-remote) against a real git http-backend, real commits pushed during the test. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { eventId } from '../../src/events/id.js';
import { silentLogger } from '../../src/log.js';
import { createScheduler, type Scheduler } from '../../src/poller/scheduler.js';
import { createGitProvider } from '../../src/providers/git/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { ZERO_SHA } from '../../src/types.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { fakeClock, makeConfig } from './helpers.js';
import { withLocation } from '../helpers/repo-config.js';

const TOKEN = 'git-server-token-123';
let server: GitServer;
let n = 0;

beforeAll(async () => {
  server = await startGitServer();
});
afterAll(async () => {
  await server.close();
});

let store: Store;
let scheduler: Scheduler;
let repo: RepositoryConfig;
let name: string;

beforeEach(async () => {
  name = `acme/repo${n++}`;
  await server.createRepo(name);
  server.requireToken(name, TOKEN);
  const clock = fakeClock(Date.now());
  store = openStore(':memory:', { now: clock.now });
  repo = withLocation({ name: 'svc', url: server.url(name), provider: 'git', token: TOKEN, tagRegex: '^v', enabled: true, pollingIntervalMs: 60_000 });
  const provider = createGitProvider({ timeoutMs: 10_000 });
  scheduler = createScheduler({ store, providers: { get: () => provider }, config: makeConfig([repo]), clock, log: silentLogger() });
  return async () => {
    await scheduler.stop();
    store.close();
  };
});

function changes() {
  return store.events.list({ limit: 100 }).events.reverse().map((e) => ({ type: e.type, name: e.refName, before: e.before, after: e.after, id: e.id }));
}

describe('polling a real git server with ls-remote', () => {
  it('records a silent baseline, then reports created, updated, force-pushed and deleted branches', async () => {
    const main1 = await server.commit(name, 'main', 'first');
    expect((await scheduler.pollNow('svc')).status).toBe('baseline');
    expect(changes()).toEqual([]);
    // metadata is asked for by the first event, not by the silent baseline
    expect(store.repositories.get('svc')!.meta).toBeNull();

    const main2 = await server.commit(name, 'main', 'second');
    const feature = await server.commit(name, 'feature/x', 'feature');
    const out = await scheduler.pollNow('svc');
    expect(out).toMatchObject({ status: 'changed', events: 2, method: 'ls-remote' });
    expect(store.repositories.get('svc')!.meta).toMatchObject({ provider: 'git' });

    const forced = await server.commit(name, 'main', 'rewritten', { force: true });
    await scheduler.pollNow('svc');
    await server.deleteRef(name, 'refs/heads/feature/x');
    await scheduler.pollNow('svc');
    expect((await scheduler.pollNow('svc')).events).toBe(0);

    expect(changes().map(({ id: _id, ...c }) => c)).toEqual([
      { type: 'branch_created', name: 'feature/x', before: ZERO_SHA, after: feature },
      { type: 'branch_updated', name: 'main', before: main1, after: main2 },
      { type: 'branch_updated', name: 'main', before: main2, after: forced },
      { type: 'branch_deleted', name: 'feature/x', before: feature, after: ZERO_SHA },
    ]);
    expect(changes()[1].id).toBe(eventId({ repositoryUrl: repo.url, ref: 'refs/heads/main', before: main1, after: main2, transition: 1 }));
    expect(store.refs.list(store.repositories.get('svc')!.id)).toEqual([{ kind: 'branch', name: 'main', sha: forced }]);
  });

  it('reports created, moved and deleted tags that match tag_regex only', async () => {
    const c1 = await server.commit(name, 'main', 'one');
    await scheduler.pollNow('svc');
    const v1 = await server.tag(name, 'v1.0', c1);
    await server.tag(name, 'nightly', c1);
    const c2 = await server.commit(name, 'main', 'two');
    const v2 = await server.tag(name, 'v2.0', c2, true);
    await scheduler.pollNow('svc');
    await server.setRefs(name, { 'refs/tags/v1.0': c2 });
    await scheduler.pollNow('svc');
    await server.deleteRef(name, 'refs/tags/v2.0');
    await scheduler.pollNow('svc');

    expect(changes().map(({ id: _id, ...c }) => c)).toEqual([
      { type: 'branch_updated', name: 'main', before: c1, after: c2 },
      { type: 'tag_created', name: 'v1.0', before: ZERO_SHA, after: v1 },
      { type: 'tag_created', name: 'v2.0', before: ZERO_SHA, after: v2 },
      { type: 'tag_updated', name: 'v1.0', before: v1, after: c2 },
      { type: 'tag_deleted', name: 'v2.0', before: v2, after: ZERO_SHA },
    ]);
    // the unwatched tag is stored (so a later regex change does not flood) but made no event
    expect(store.refs.list(store.repositories.get('svc')!.id).map((r) => `${r.kind}:${r.name}`)).toEqual(['branch:main', 'tag:nightly', 'tag:v1.0']);
  });

  it('deleting the repository\'s only tag is reported within two polls', async () => {
    const c1 = await server.commit(name, 'main', 'one');
    const v1 = await server.tag(name, 'v1.0', c1);
    await scheduler.pollNow('svc');
    await server.deleteRef(name, 'refs/tags/v1.0');
    await scheduler.pollNow('svc');
    expect(changes()).toEqual([]); // one empty tag listing could be a broken answer
    await scheduler.pollNow('svc');
    expect(changes().map(({ id: _id, ...c }) => c)).toEqual([{ type: 'tag_deleted', name: 'v1.0', before: v1, after: ZERO_SHA }]);
    expect(store.refs.list(store.repositories.get('svc')!.id).map((r) => `${r.kind}:${r.name}`)).toEqual(['branch:main']);
  });

  it('a failing server (garbage, bad token) produces no events and marks the repository failing', async () => {
    await server.commit(name, 'main', 'one');
    await scheduler.pollNow('svc');
    await server.commit(name, 'main', 'two');
    server.misbehave(name, 'garbage');
    const broken = await scheduler.pollNow('svc');
    expect(broken.status).toBe('error');
    server.misbehave(name, undefined);
    server.requireToken(name, 'another-token');
    const denied = await scheduler.pollNow('svc');
    expect(denied.status).toBe('error');
    expect(denied.error?.message).not.toContain(TOKEN);
    expect(store.repositories.get('svc')).toMatchObject({ lastStatus: 'error', consecutiveFailures: 2 });
    expect(store.repositories.get('svc')!.lastError).not.toContain(TOKEN);
    expect(changes()).toEqual([]);
    server.requireToken(name, TOKEN);
    expect((await scheduler.pollNow('svc')).events).toBe(1);
  });
});
