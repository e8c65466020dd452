/**
 * The polling engine against the fake GitHub API (real HTTP on 127.0.0.1) through the real
 * provider registry and HTTP client. No path here may produce a false event.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { eventId } from '../../src/events/id.js';
import { createHttpClient } from '../../src/http/client.js';
import type { Clock as HttpClock } from '../../src/http/clock.js';
import type { HttpClient } from '../../src/http/types.js';
import { silentLogger } from '../../src/log.js';
import type { PollOutcome } from '../../src/poller/poll-repository.js';
import { createScheduler, type Scheduler } from '../../src/poller/scheduler.js';
import { createProviderRegistry } from '../../src/providers/registry.js';
import { openStore, type Store } from '../../src/store/index.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { fakeClock as fakeHttpClock } from '../http/fake-clock.js';
import { fakeClock, flushAsync, makeConfig, target, type FakeClock } from './helpers.js';
import { withLocation } from '../helpers/repo-config.js';

const TOKEN = 'ghp_integration_token_value';
const sha = (c: string) => c.repeat(40);
const MAIN1 = sha('1');
const MAIN2 = sha('2');

let fake: FakeGithub;
let http: HttpClient;
let store: Store;
let clock: FakeClock;
let scheduler: Scheduler;
let repo: RepositoryConfig;

async function setup(opts: { retryAttempts?: number; httpClock?: HttpClock; maxWaitMs?: number; tagRegex?: string; pollTimeoutMs?: number } = {}) {
  http = createHttpClient({
    timeoutMs: 5_000, retryAttempts: opts.retryAttempts ?? 0, retryBackoffMs: 1, log: silentLogger(),
    clock: opts.httpClock, maxWaitMs: opts.maxWaitMs,
  });
  // fallback off: with it, a 500 would be retried with ls-remote against github.com (the internet)
  const providers = createProviderRegistry({ http, git: { timeoutMs: 5_000 }, log: silentLogger(), enableApiFallback: false });
  repo = withLocation({ name: 'svc', url: 'https://github.com/acme/svc', provider: 'github', token: TOKEN, enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: fake.url, tagRegex: opts.tagRegex });
  const config = makeConfig([repo], {
    targets: [target('tekton'), target('log', { url: 'log:', format: 'log' }), target('tags', { filter: { events: ['tag_created'] } })],
    polling: opts.pollTimeoutMs === undefined ? undefined : { timeoutMs: opts.pollTimeoutMs },
  });
  scheduler = createScheduler({ store, providers, config, clock, log: silentLogger() });
}

beforeEach(async () => {
  fake = await startFakeGithub({ token: TOKEN });
  fake.addRepo({ owner: 'acme', name: 'svc', branches: { main: MAIN1, dev: sha('3') } });
  clock = fakeClock(Date.now());
  store = openStore(':memory:', { now: clock.now });
});
afterEach(async () => {
  await scheduler.stop();
  await http.close();
  await fake.close();
  store.close();
});

function counts() {
  const c = (t: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { refs: c('refs'), events: c('events'), deliveries: c('deliveries') };
}
const refRows = () => store.db.prepare('SELECT kind, name, sha, updated_at FROM refs ORDER BY name').all();
const row = () => store.repositories.get('svc')!;
const events = () => store.events.list().events;

describe('polling the fake GitHub API', () => {
  it('an idle repository costs exactly one 304 per cycle and writes no refs or events', async () => {
    await setup();
    expect((await scheduler.pollNow('svc')).status).toBe('baseline');
    expect(counts()).toEqual({ refs: 2, events: 0, deliveries: 0 });
    const before = refRows();
    fake.resetCounters();
    for (let cycle = 1; cycle <= 3; cycle++) {
      await clock.advance(60_000);
      const out = await scheduler.pollNow('svc');
      expect(out).toMatchObject({ status: 'unchanged', events: 0, requests: 1 });
      expect(fake.count('matching-refs')).toBe(cycle);
      expect(fake.countByStatus(304)).toBe(cycle);
    }
    expect(fake.count()).toBe(3);
    expect(refRows()).toEqual(before);
    expect(counts().events).toBe(0);
  });

  it('keeps the row in memory between polls, writes a changed ETag to SQLite, and a new scheduler resumes from it', async () => {
    await setup();
    await scheduler.pollNow('svc');
    let reads = 0;
    const getForPoll = store.repositories.getForPoll;
    store.repositories.getForPoll = (name) => {
      reads++;
      return getForPoll(name);
    };
    fake.setBranch('acme', 'svc', 'main', MAIN2);
    expect((await scheduler.pollNow('svc')).status).toBe('changed');
    const etag = row().state.etags?.heads;
    expect(etag).toBeTruthy();
    fake.resetCounters();
    expect((await scheduler.pollNow('svc')).status).toBe('unchanged');
    expect(fake.countByStatus(304)).toBe(1);
    expect(reads).toBe(0);
    await scheduler.stop();
    await http.close();
    // a restart: a new scheduler over the same database sends the ETag SQLite kept
    await setup();
    fake.resetCounters();
    expect(await scheduler.pollNow('svc')).toMatchObject({ status: 'unchanged', events: 0 });
    expect(fake.countByStatus(304)).toBe(1);
    expect(row().state.etags?.heads).toBe(etag);
  });

  it('polls on the scheduler clock: start, then one conditional request per interval', async () => {
    await setup();
    const outcomes: string[] = [];
    let notify: () => void = () => {};
    scheduler.onPoll((o) => {
      outcomes.push(o.status);
      notify();
    });
    const next = () => new Promise<void>((r) => (notify = r));
    let polled = next();
    scheduler.start();
    await polled;
    for (let i = 0; i < 2; i++) {
      polled = next();
      await clock.advance(60_000);
      await polled;
    }
    expect(outcomes).toEqual(['baseline', 'unchanged', 'unchanged']);
    expect(fake.countByStatus(304)).toBe(2);
  });

  it('a new commit makes one branch_updated event with the right SHAs and one pending delivery per matching target', async () => {
    await setup();
    await scheduler.pollNow('svc');
    fake.setBranch('acme', 'svc', 'main', MAIN2);
    const out = await scheduler.pollNow('svc');
    expect(out).toMatchObject({ status: 'changed', events: 1 });
    const [ev] = events();
    expect(ev).toMatchObject({ type: 'branch_updated', refName: 'main', before: MAIN1, after: MAIN2, repositoryUrl: repo.url });
    expect(ev.id).toBe(eventId({ repositoryUrl: repo.url, ref: 'refs/heads/main', before: MAIN1, after: MAIN2, transition: 1 }));
    expect(ev.data.repository).toMatchObject({ provider: 'github', fullName: 'acme/svc' });
    const deliveries = store.db.prepare('SELECT target, status FROM deliveries ORDER BY target').all();
    expect(deliveries).toEqual([{ target: 'log', status: 'pending' }, { target: 'tekton', status: 'pending' }]);
    expect(store.refs.list(row().id).find((r) => r.name === 'main')?.sha).toBe(MAIN2);
  });

  it('a force-push is a branch_updated; a deletion is a branch_deleted', async () => {
    await setup();
    await scheduler.pollNow('svc');
    fake.setBranch('acme', 'svc', 'main', sha('9'));
    await scheduler.pollNow('svc');
    fake.deleteBranch('acme', 'svc', 'dev');
    await scheduler.pollNow('svc');
    const got = events().map((e) => [e.type, e.refName, e.before, e.after]).reverse();
    expect(got).toEqual([
      ['branch_updated', 'main', MAIN1, sha('9')],
      ['branch_deleted', 'dev', sha('3'), '0'.repeat(40)],
    ]);
    expect(store.refs.list(row().id).map((r) => r.name)).toEqual(['main']);
  });

  it('stores all 250 branches across pages, and a branch moved on page 3 makes one event', async () => {
    await setup();
    const branches = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`b-${String(i).padStart(3, '0')}`, sha('a')]));
    fake.setBranches('acme', 'svc', branches);
    expect((await scheduler.pollNow('svc')).status).toBe('baseline');
    expect(row().refCount).toBe(250);
    expect(counts().events).toBe(0);
    fake.setBranch('acme', 'svc', 'b-240', sha('b'));
    const out = await scheduler.pollNow('svc');
    expect(out.events).toBe(1);
    expect(events()[0]).toMatchObject({ type: 'branch_updated', refName: 'b-240', before: sha('a'), after: sha('b') });
    expect(row().refCount).toBe(250);
  });

  it('the only tag deleted: reported by the second poll (a 304 on the empty listing confirms it); a transient empty listing deletes nothing', async () => {
    fake.setTags('acme', 'svc', { 'v1.0': MAIN1 });
    await setup({ tagRegex: '^v' });
    await scheduler.pollNow('svc');
    // transient: the tag listing comes back empty once
    fake.setTags('acme', 'svc', {});
    await scheduler.pollNow('svc');
    fake.setTags('acme', 'svc', { 'v1.0': MAIN1 });
    await scheduler.pollNow('svc');
    expect(events()).toEqual([]);
    // deleted for real: empty, then 304 on that empty answer
    fake.deleteTag('acme', 'svc', 'v1.0');
    await scheduler.pollNow('svc');
    expect(events()).toEqual([]);
    fake.resetCounters();
    await scheduler.pollNow('svc');
    expect(fake.countByStatus(304)).toBeGreaterThan(0);
    expect(events().map((e) => [e.type, e.refName, e.before, e.after])).toEqual([['tag_deleted', 'v1.0', MAIN1, '0'.repeat(40)]]);
    expect(store.refs.list(row().id).map((r) => `${r.kind}:${r.name}`)).toEqual(['branch:dev', 'branch:main']);
  });

  it('a 500 fails the poll without events; recovery produces no false events', async () => {
    // three attempts (two retries), all answered 500
    await setup({ retryAttempts: 2 });
    await scheduler.pollNow('svc');
    fake.failNext(3, { kind: 'status', status: 500 });
    const failed = await scheduler.pollNow('svc');
    expect(failed.status).toBe('error');
    expect(failed.events).toBe(0);
    expect(row()).toMatchObject({ lastStatus: 'error', consecutiveFailures: 1 });
    expect(counts()).toEqual({ refs: 2, events: 0, deliveries: 0 });
    expect(row().lastError).not.toContain(TOKEN);
    const recovered = await scheduler.pollNow('svc');
    expect(recovered.status).toBe('unchanged');
    // unchanged stamps are written behind, within ~100 ms
    await clock.advance(100);
    expect(row()).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0 });
    expect(counts()).toEqual({ refs: 2, events: 0, deliveries: 0 });
  });

  it('a change made during an outage is reported once after recovery', async () => {
    await setup({ retryAttempts: 2 });
    await scheduler.pollNow('svc');
    fake.setBranch('acme', 'svc', 'main', MAIN2);
    fake.failNext(3, { kind: 'status', status: 502 });
    expect((await scheduler.pollNow('svc')).status).toBe('error');
    expect(counts().events).toBe(0);
    expect((await scheduler.pollNow('svc')).events).toBe(1);
    expect((await scheduler.pollNow('svc')).events).toBe(0);
    expect(events().map((e) => e.type)).toEqual(['branch_updated']);
  });

  it('malformed JSON: no events, the repository is marked failing', async () => {
    await setup();
    await scheduler.pollNow('svc');
    fake.setBranch('acme', 'svc', 'main', MAIN2);
    fake.failNext(1, { kind: 'malformed' }, 'matching-refs');
    const out = await scheduler.pollNow('svc');
    expect(out.status).toBe('error');
    expect(out.error?.code).toBe('upstream-bad-response');
    expect(row()).toMatchObject({ lastStatus: 'error', consecutiveFailures: 1 });
    expect(counts()).toEqual({ refs: 2, events: 0, deliveries: 0 });
    expect(store.refs.list(row().id).find((r) => r.name === 'main')?.sha).toBe(MAIN1);
  });

  it('a spent budget sends no request until its reset, then polls normally', async () => {
    const reset = Math.floor(Date.now() / 1000) + 1800;
    // the fake's window refills when the HTTP client has slept through the reset
    const httpClock = fakeHttpClock(Date.now(), () => fake.setRateLimit({ remaining: 5000 }));
    await setup({ httpClock, maxWaitMs: 3_600_000 });
    await scheduler.pollNow('svc');
    // a first event fetches the repository metadata (once), while the budget is still full
    fake.setBranch('acme', 'svc', 'dev', sha('4'));
    expect((await scheduler.pollNow('svc')).events).toBe(1);
    fake.setRateLimit({ remaining: 1, reset });
    fake.setBranch('acme', 'svc', 'dev', MAIN2);
    expect((await scheduler.pollNow('svc')).events).toBe(1);
    expect(http.budgets()[0]).toMatchObject({ remaining: 0 });
    expect(httpClock.sleeps).toHaveLength(0);
    fake.setBranch('acme', 'svc', 'main', MAIN2);
    const before = fake.count('matching-refs');
    const out = await scheduler.pollNow('svc');
    expect(httpClock.sleeps).toHaveLength(1);
    expect(httpClock.sleeps[0]).toBeGreaterThanOrEqual(reset * 1000 - Date.now() - 5_000);
    expect(fake.count('matching-refs')).toBe(before + 1);
    expect(out.events).toBe(1);
    expect(events().map((e) => e.refName).sort()).toEqual(['dev', 'dev', 'main']);
  });

  it('a budget spent beyond the wait limit is no failure: the poll waits for the reset, sends and emits nothing, never backs off', async () => {
    await setup({ httpClock: fakeHttpClock(), maxWaitMs: 60_000 });
    await scheduler.pollNow('svc');
    const reset = Math.floor(Date.now() / 1000) + 1800;
    fake.setRateLimit({ remaining: 1, reset });
    fake.setBranch('acme', 'svc', 'dev', MAIN2);
    expect((await scheduler.pollNow('svc')).events).toBe(1);
    fake.setBranch('acme', 'svc', 'main', MAIN2);
    const before = fake.count();
    for (let i = 0; i < 4; i++) {
      const out = await scheduler.pollNow('svc');
      expect(out.status).toBe('waiting');
      // the reset plus a jitter (at most polling.jitter x interval, a minute at most), not a backoff
      expect(out.waitUntil).toBeGreaterThanOrEqual(reset * 1000);
      expect(out.waitUntil).toBeLessThanOrEqual(reset * 1000 + 6_000);
      expect(row()).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0, nextPollAt: out.waitUntil });
      expect(row().lastError).toBe(`rate limit for ${new URL(fake.url).host} is spent until ${new Date(reset * 1000).toISOString()}`);
      expect(scheduler.waitingForBudget('svc')).toBe(out.waitUntil);
      expect(scheduler.states()[0]).toMatchObject({ consecutiveFailures: 0, budgetWaitUntil: out.waitUntil });
    }
    expect(fake.count()).toBe(before);
    expect(counts()).toMatchObject({ refs: 2, events: 1 });
    expect(events().map((e) => e.refName)).toEqual(['dev']);
  });

  it('a secondary limit past the retries reschedules the poll for its Retry-After instead of failing it', async () => {
    await setup({ httpClock: fakeHttpClock(), maxWaitMs: 600_000, retryAttempts: 0 });
    await scheduler.pollNow('svc');
    fake.failNext(1, { kind: 'secondary-limit', retryAfter: '900' });
    const out = await scheduler.pollNow('svc');
    expect(out.status).toBe('waiting');
    expect(out.waitUntil).toBeGreaterThanOrEqual(Date.now() + 890_000);
    expect(row()).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0 });
    expect(http.budgets()[0].waitingUntil).toBeGreaterThan(Date.now() + 890_000);
  });

  it('a wrong token is an auth error, never an event', async () => {
    await setup();
    await scheduler.pollNow('svc');
    scheduler.reload(makeConfig([{ ...repo, token: 'wrong-token' }]));
    const out = await scheduler.pollNow('svc');
    expect(out.error?.code).toBe('upstream-auth');
    expect(counts().events).toBe(0);
  });

  it('a poll hung on the server times out at polling.timeout though the wall clock stepped back an hour', async () => {
    // the HTTP timeout (5 s of real time) never comes into play: only the fake clock moves
    await setup({ pollTimeoutMs: 2_000 });
    fake.failNext(1, { kind: 'hang' });
    let outcome: PollOutcome | undefined;
    void scheduler.pollNow('svc').then((o) => (outcome = o));
    for (let i = 0; i < 200 && fake.count() === 0; i++) await flushAsync(5);
    expect(fake.count()).toBe(1);
    clock.stepWall(-3_600_000);
    await clock.advance(2_000);
    await flushAsync();
    expect(outcome?.error?.code).toBe('upstream-timeout');
    expect(counts().events).toBe(0);
  });
});
