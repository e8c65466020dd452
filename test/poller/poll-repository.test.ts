import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { eventId } from '../../src/events/id.js';
import { createLogger, type Logger } from '../../src/log.js';
import { pollRepository, WATCHED_TAGS_KEY, type PollDeps } from '../../src/poller/poll-repository.js';
import { createStampBuffer } from '../../src/poller/stamp-buffer.js';
import { openStore, type Store } from '../../src/store/index.js';
import { ZERO_SHA, type Ref } from '../../src/types.js';
import { branch, fakeClock, repoConfig, scriptedProvider, sha, tag, target, type FakeClock, type ScriptedProvider } from './helpers.js';

const S1 = sha(1);
const S2 = sha(2);
const S3 = sha(3);
const TOKEN = 'ghp_supersecrettoken123';

let store: Store;
let clock: FakeClock;
let provider: ScriptedProvider;
let lines: string[];
let log: Logger;

beforeEach(() => {
  clock = fakeClock();
  store = openStore(':memory:', { now: clock.now });
  provider = scriptedProvider(clock);
  lines = [];
  const destination = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  log = createLogger({ level: 'debug', destination });
});
afterEach(() => store.close());

function deps(over: Partial<PollDeps> = {}): PollDeps {
  return {
    store, providers: { get: () => provider }, clock, log, emitOnFirstPoll: false,
    targets: [
      target('tekton'),
      target('log', { url: 'log:', format: 'log' }),
      target('tags-only', { filter: { events: ['tag_created'] } }),
      target('other-team', { filter: { repositories: ['^other/'] } }),
    ],
    ...over,
  };
}

function listing(branches: Ref[] | 'unchanged', tags?: Ref[] | 'unchanged', state = {}) {
  return () => ({ branches, tags, method: 'api' as const, state, requests: 1 });
}

function setup(over: Partial<RepositoryConfig> = {}) {
  const repo = repoConfig('svc', { token: TOKEN, ...over });
  store.repositories.sync([{ name: repo.name, url: repo.url, provider: repo.provider }]);
  return repo;
}

async function poll(repo: RepositoryConfig, d: PollDeps = deps(), signal?: AbortSignal) {
  return pollRepository(d, repo, store.repositories.get(repo.name)!, { nextPollAt: clock.now() + 60_000, signal });
}

function counts() {
  const c = (t: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { refs: c('refs'), events: c('events'), deliveries: c('deliveries') };
}

describe('pollRepository', () => {
  it('records the first listing as a silent baseline without asking for metadata', async () => {
    const repo = setup();
    provider.scripts.set('svc', listing([branch('main', S1), branch('dev', S2)], undefined, { etags: { heads: '"e1"' } }));
    const out = await poll(repo);
    expect(out).toMatchObject({ repository: 'svc', status: 'baseline', method: 'api', events: 0 });
    expect(counts()).toEqual({ refs: 2, events: 0, deliveries: 0 });
    const row = store.repositories.get('svc')!;
    expect(row.baselineAt).toBe(clock.now());
    expect(row.meta).toBeNull();
    expect(provider.describeCalls).toEqual([]);
    expect(row.state.etags).toEqual({ heads: '"e1"' });
    expect(row.lastStatus).toBe('ok');
    expect(row.nextPollAt).toBe(clock.now() + 60_000);
  });

  it('emits the first listing when emit_on_first_poll is set', async () => {
    const repo = setup();
    provider.scripts.set('svc', listing([branch('main', S1)]));
    const out = await poll(repo, deps({ emitOnFirstPoll: true }));
    expect(out).toMatchObject({ status: 'baseline', events: 1 });
    const ev = store.events.list().events[0];
    expect(ev).toMatchObject({ type: 'branch_created', refName: 'main', before: ZERO_SHA, after: S1 });
  });

  it('turns a moved branch into one event with a deterministic id and one delivery per matching target', async () => {
    const repo = setup();
    provider.scripts.set('svc', listing([branch('main', S1)]));
    await poll(repo);
    provider.scripts.set('svc', listing([branch('main', S2)]));
    clock.now();
    const out = await poll(repo);
    expect(out).toMatchObject({ status: 'changed', events: 1 });
    const [ev] = store.events.list().events;
    expect(ev.id).toBe(eventId({ repositoryUrl: repo.url, ref: 'refs/heads/main', before: S1, after: S2, transition: 1 }));
    expect(ev).toMatchObject({ type: 'branch_updated', repositoryName: 'svc', provider: 'github', refKind: 'branch', before: S1, after: S2, detectedAt: clock.now() });
    expect(ev.data.repository.fullName).toBe('acme/svc');
    const targets = (store.db.prepare('SELECT target, status FROM deliveries ORDER BY target').all() as Array<{ target: string; status: string }>);
    expect(targets).toEqual([{ target: 'log', status: 'pending' }, { target: 'tekton', status: 'pending' }]);
    expect(store.refs.list(store.repositories.get('svc')!.id)).toEqual([branch('main', S2)]);
    expect(lines.some((l) => l.includes('"msg":"ref changed"') && l.includes('refs/heads/main') && l.includes(S2))).toBe(true);
  });

  it('creates and deletes branches', async () => {
    const repo = setup();
    provider.scripts.set('svc', listing([branch('main', S1), branch('old', S2)]));
    await poll(repo);
    provider.scripts.set('svc', listing([branch('main', S1), branch('new', S3)]));
    await poll(repo);
    const types = store.events.list().events.map((e) => `${e.type}:${e.refName}`).sort();
    expect(types).toEqual(['branch_created:new', 'branch_deleted:old']);
  });

  it('an unchanged listing writes only a buffered poll stamp', async () => {
    const repo = setup();
    provider.scripts.set('svc', listing([branch('main', S1)], undefined, { etags: { heads: '"e1"' } }));
    await poll(repo);
    const before = store.db.prepare('SELECT * FROM refs').all();
    const stamps = createStampBuffer({ store, clock, flushMs: 100 });
    provider.scripts.set('svc', (_r, opts) => ({ branches: 'unchanged', method: 'api', state: opts.state, requests: 1 }));
    await clock.advance(5000);
    const out = await poll(repo, deps({ stamps }));
    expect(out).toMatchObject({ status: 'unchanged', events: 0 });
    expect(stamps.size).toBe(1);
    expect(stamps.get(store.repositories.get('svc')!.id)?.state).toBeUndefined();
    expect(store.repositories.get('svc')!.lastPollAt).toBe(clock.now() - 5000);
    await clock.advance(100);
    expect(stamps.size).toBe(0);
    expect(store.repositories.get('svc')!.lastPollAt).toBe(clock.now() - 100);
    expect(store.db.prepare('SELECT * FROM refs').all()).toEqual(before);
    expect(counts().events).toBe(0);
    expect(provider.describeCalls).toEqual([]);
  });

  it('a failed listing records the failure, writes nothing else and never logs the token', async () => {
    const repo = setup();
    provider.scripts.set('svc', listing([branch('main', S1)]));
    await poll(repo);
    provider.scripts.set('svc', () => {
      throw new Error(`connect failed for https://x-access-token:${TOKEN}@github.test`);
    });
    const out = await poll(repo);
    expect(out.status).toBe('error');
    expect(out.events).toBe(0);
    expect(out.error?.code).toBe('internal');
    const row = store.repositories.get('svc')!;
    expect(row).toMatchObject({ lastStatus: 'error', consecutiveFailures: 1 });
    expect(row.lastError).toContain('[redacted]');
    expect(row.lastError).not.toContain(TOKEN);
    expect(counts()).toEqual({ refs: 1, events: 0, deliveries: 0 });
    expect(lines.some((l) => l.includes('"msg":"poll failed"') && l.includes('svc'))).toBe(true);
    expect(lines.join('')).not.toContain(TOKEN);
  });

  it('an aborted poll is a timeout error and writes no refs or events', async () => {
    const repo = setup();
    provider.scripts.set('svc', listing([branch('main', S1)]));
    const ac = new AbortController();
    provider.hold();
    const p = poll(repo, deps(), ac.signal);
    await clock.settle();
    ac.abort();
    const out = await p;
    expect(out.status).toBe('error');
    expect(out.error?.code).toBe('upstream-timeout');
    expect(counts()).toEqual({ refs: 0, events: 0, deliveries: 0 });
    expect(store.repositories.get('svc')!.baselineAt).toBeNull();
  });

  it('a superseded poll writes nothing at all', async () => {
    const repo = setup();
    provider.scripts.set('svc', listing([branch('main', S1)]));
    const out = await pollRepository(deps(), repo, store.repositories.get('svc')!, { nextPollAt: 0, isCurrent: () => false });
    expect(out.status).toBe('error');
    const row = store.repositories.get('svc')!;
    expect(row).toMatchObject({ lastStatus: null, lastPollAt: null, baselineAt: null });
    expect(counts().refs).toBe(0);
  });

  it('an empty listing deletes nothing and warns', async () => {
    const repo = setup();
    provider.scripts.set('svc', listing([branch('main', S1)]));
    await poll(repo);
    provider.scripts.set('svc', listing([]));
    const out = await poll(repo);
    expect(out.events).toBe(0);
    expect(counts()).toEqual({ refs: 1, events: 0, deliveries: 0 });
    expect(lines.some((l) => l.includes('nothing deleted'))).toBe(true);
  });

  it('deleting the last tag is reported by the second consecutive empty listing, a transient empty one deletes nothing', async () => {
    const repo = setup({ tagRegex: '^v' });
    provider.scripts.set('svc', listing([branch('main', S1)], [tag('v1', S2)]));
    await poll(repo);
    // transient: empty once, then the tag again
    provider.scripts.set('svc', listing([branch('main', S1)], []));
    expect((await poll(repo)).events).toBe(0);
    provider.scripts.set('svc', listing([branch('main', S1)], [tag('v1', S2)]));
    expect((await poll(repo)).events).toBe(0);
    provider.scripts.set('svc', listing([branch('main', S1)], []));
    expect((await poll(repo)).events).toBe(0);
    expect(counts().refs).toBe(2);
    // a real deletion: empty twice in a row
    provider.scripts.set('svc', listing([branch('main', S1)], []));
    expect((await poll(repo)).events).toBe(1);
    expect(store.events.list().events.map((e) => `${e.type} ${e.refName}`)).toEqual(['tag_deleted v1']);
    expect(counts().refs).toBe(1);
    // and the next empty listing is quiet
    expect((await poll(repo)).events).toBe(0);
  });

  it('an empty tag listing followed by a 304 on it (ETag) confirms the deletion', async () => {
    const repo = setup({ tagRegex: '^v' });
    provider.scripts.set('svc', listing([branch('main', S1)], [tag('v1', S2)]));
    await poll(repo);
    provider.scripts.set('svc', listing('unchanged', []));
    expect((await poll(repo)).events).toBe(0);
    provider.scripts.set('svc', listing('unchanged', 'unchanged'));
    expect((await poll(repo)).events).toBe(1);
    expect(store.events.list().events[0]).toMatchObject({ type: 'tag_deleted', refName: 'v1', after: ZERO_SHA });
  });

  it('the last branch deleted is reported by the second empty listing', async () => {
    const repo = setup();
    provider.scripts.set('svc', listing([branch('main', S1)]));
    await poll(repo);
    provider.scripts.set('svc', listing([]));
    expect((await poll(repo)).events).toBe(0);
    expect((await poll(repo)).events).toBe(1);
    expect(store.events.list().events[0]).toMatchObject({ type: 'branch_deleted', refName: 'main' });
  });

  it('a failing describe does not fail the poll: metadata comes from the URL and is asked again later', async () => {
    const repo = setup();
    provider.describeFails = true;
    provider.scripts.set('svc', listing([branch('main', S1)]));
    expect((await poll(repo, deps({ emitOnFirstPoll: true }))).status).toBe('baseline');
    const ev = store.events.list().events[0];
    expect(ev.data.repository).toMatchObject({ provider: 'github', organization: 'acme', name: 'svc', fullName: 'acme/svc', url: repo.url });
    expect(store.repositories.get('svc')!.meta).toBeNull();
    provider.describeFails = false;
    provider.scripts.set('svc', listing([branch('main', S2)]));
    await poll(repo);
    expect(provider.describeCalls).toEqual(['svc', 'svc']);
    expect(store.repositories.get('svc')!.meta?.id).toBe(42);
  });

  it('starting to watch tags records them silently; later tags make events', async () => {
    const repo = setup();
    provider.scripts.set('svc', listing([branch('main', S1)]));
    await poll(repo);
    const withTags = { ...repo, tagRegex: '^v' };
    provider.scripts.set('svc', listing('unchanged', [tag('v1', S1), tag('v2', S2)]));
    const first = await poll(withTags);
    expect(first).toMatchObject({ status: 'changed', events: 0 });
    expect(store.repositories.get('svc')!.state[WATCHED_TAGS_KEY]).toBe(true);
    provider.scripts.set('svc', listing('unchanged', [tag('v1', S1), tag('v2', S2), tag('v3', S3)]));
    const second = await poll(withTags);
    expect(second.events).toBe(1);
    expect(store.events.list().events[0]).toMatchObject({ type: 'tag_created', refName: 'v3' });
    const targets = store.db.prepare('SELECT target FROM deliveries ORDER BY target').all();
    expect(targets).toEqual([{ target: 'log' }, { target: 'tags-only' }, { target: 'tekton' }]);
  });

  it('stops watching tags: stored tags are dropped silently', async () => {
    const repo = setup({ tagRegex: '.' });
    provider.scripts.set('svc', listing([branch('main', S1)], [tag('v1', S1)]));
    await poll(repo);
    expect(counts().refs).toBe(2);
    const noTags = { ...repo, tagRegex: undefined };
    provider.scripts.set('svc', (_r, opts) => ({ branches: 'unchanged', method: 'api', state: opts.state, requests: 1 }));
    await poll(noTags);
    expect(counts()).toEqual({ refs: 1, events: 0, deliveries: 0 });
    expect(store.repositories.get('svc')!.state[WATCHED_TAGS_KEY]).toBeUndefined();
  });

  it('a 200 with the same refs is unchanged and writes no events', async () => {
    const repo = setup();
    provider.scripts.set('svc', listing([branch('main', S1)]));
    await poll(repo);
    const out = await poll(repo);
    expect(out).toMatchObject({ status: 'unchanged', events: 0 });
    expect(counts().events).toBe(0);
  });

  it('reports to metrics', async () => {
    const repo = setup();
    const seen: string[] = [];
    provider.scripts.set('svc', listing([branch('main', S1)]));
    await poll(repo, deps({ metrics: { pollCompleted: (o) => seen.push(o.status) } }));
    expect(seen).toEqual(['baseline']);
  });
});
