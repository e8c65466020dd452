import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config, RepositoryConfig } from '../../src/config/types.js';
import { ReposentryError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import type { PollOutcome } from '../../src/poller/poll-repository.js';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../../src/poller/scheduler.js';
import type { ListRefsResult } from '../../src/providers/types.js';
import { openStore, type Store } from '../../src/store/index.js';
import { branch, fakeClock, makeConfig, repoConfig, scriptedProvider, sha, stopOnFakeClock, type FakeClock, type ScriptedProvider } from './helpers.js';

const MIN = 60_000;
let store: Store;
let clock: FakeClock;
let provider: ScriptedProvider;
let scheduler: Scheduler | undefined;

beforeEach(() => {
  clock = fakeClock();
  store = openStore(':memory:', { now: clock.now });
  provider = scriptedProvider(clock);
});
afterEach(async () => {
  provider.release();
  if (scheduler) await stopOnFakeClock(scheduler, clock);
  scheduler = undefined;
  store.close();
});

function repos(n: number, over: Partial<RepositoryConfig> = {}): RepositoryConfig[] {
  return Array.from({ length: n }, (_, i) => repoConfig(`r${String(i).padStart(3, '0')}`, over));
}

function make(config: Config, over: Partial<SchedulerOptions> = {}): Scheduler {
  scheduler = createScheduler({ store, providers: { get: () => provider }, config, clock, log: silentLogger(), random: () => 0.5, ...over });
  return scheduler;
}

function callsOf(name: string): number[] {
  return provider.calls.filter((c) => c.repo === name).map((c) => c.at);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => clock.setTimeout(r, ms));
}

function ok(branches = [branch('main', sha(1))]): () => ListRefsResult {
  return () => ({ branches, method: 'api', state: {}, requests: 1 });
}

describe('scheduler', () => {
  it('polls every enabled repository once at start, then every interval', async () => {
    const config = makeConfig([...repos(3), repoConfig('off', { enabled: false })]);
    const t0 = clock.now();
    make(config).start();
    await clock.settle();
    expect(provider.calls.map((c) => c.repo).sort()).toEqual(['r000', 'r001', 'r002']);
    await clock.advance(MIN - 1);
    expect(provider.calls).toHaveLength(3);
    await clock.advance(1);
    expect(provider.calls).toHaveLength(6);
    expect(callsOf('r001')).toEqual([t0, t0 + MIN]);
    expect(callsOf('off')).toEqual([]);
  });

  it('honours per-repository intervals', async () => {
    const t0 = clock.now();
    make(makeConfig([repoConfig('fast', { pollingIntervalMs: 10_000 }), repoConfig('slow', { pollingIntervalMs: 30_000 })])).start();
    await clock.advance(60_000);
    expect(callsOf('fast')).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => t0 + i * 10_000));
    expect(callsOf('slow')).toEqual([t0, t0 + 30_000, t0 + 60_000]);
  });

  it('applies ± jitter to the interval', async () => {
    const t0 = clock.now();
    make(makeConfig(repos(1), { polling: { jitter: 0.1 } }), { random: () => 0 }).start();
    await clock.advance(MIN);
    expect(callsOf('r000')).toEqual([t0, t0 + 54_000]);
    await scheduler!.stop();
    provider.calls.length = 0;
    const t1 = clock.now();
    store.close();
    store = openStore(':memory:', { now: clock.now });
    make(makeConfig(repos(1), { polling: { jitter: 0.1 } }), { random: () => 0.999999 }).start();
    await clock.advance(2 * MIN);
    const calls = callsOf('r000');
    expect(calls[0]).toBe(t1);
    expect(calls[1] - t1).toBe(66_000);
  });

  it('never runs more than max_workers polls and skips no repository (50 repos, 2 workers)', async () => {
    const list = repos(50);
    for (const r of list) provider.scripts.set(r.name, async () => { await sleep(1000); return ok()(); });
    const t0 = clock.now();
    make(makeConfig(list, { polling: { maxWorkers: 2 } })).start();
    await clock.advance(24_000);
    expect(provider.calls.length).toBe(50);
    expect(provider.maxInFlight).toBe(2);
    // queued in due (config) order
    expect(provider.calls.map((c) => c.repo)).toEqual(list.map((r) => r.name));
    await clock.advance(MIN + 30_000);
    expect(provider.maxInFlight).toBe(2);
    for (const r of list) expect(callsOf(r.name).length).toBe(2);
    // the second cycle keeps the spacing of the first: each repository one interval after its completion
    expect(callsOf('r049')[1] - callsOf('r049')[0]).toBe(MIN + 1000);
    expect(t0).toBeLessThan(callsOf('r049')[0]);
  });

  it('backs off a failing repository (doubling, capped at 10×) and returns to its interval after a success', async () => {
    let fail = true;
    provider.scripts.set('r000', () => {
      if (fail) throw new Error('boom');
      return ok()();
    });
    make(makeConfig(repos(1))).start();
    await clock.advance(1);
    for (let i = 0; i < 7; i++) await clock.advance(10 * MIN);
    const gaps = (xs: number[]) => xs.slice(1).map((x, i) => (x - xs[i]) / MIN);
    const failures = callsOf('r000');
    expect(gaps(failures).slice(0, 6)).toEqual([1, 2, 4, 8, 10, 10]);
    expect(gaps(failures).slice(4).every((g) => g === 10)).toBe(true);
    expect(scheduler!.states()[0].consecutiveFailures).toBeGreaterThanOrEqual(6);
    expect(store.repositories.get('r000')!.consecutiveFailures).toBe(scheduler!.states()[0].consecutiveFailures);
    fail = false;
    const before = callsOf('r000').length;
    await clock.advance(10 * MIN);
    await clock.advance(2 * MIN);
    const after = callsOf('r000').slice(before - 1);
    // the last failure, the recovering poll 10× later, then back to the interval
    expect(gaps(after).slice(0, 3)).toEqual([10, 1, 1]);
    expect(scheduler!.states()[0].consecutiveFailures).toBe(0);
    expect(store.events.list().events).toHaveLength(0);
  });

  it('bounds each poll with polling.timeout', async () => {
    provider.hold();
    make(makeConfig(repos(1), { polling: { timeoutMs: 5000 } }));
    const outcome = scheduler!.pollNow('r000');
    await clock.advance(5000);
    const o = await outcome;
    expect(o.status).toBe('error');
    expect(o.error?.code).toBe('upstream-timeout');
    expect(store.repositories.get('r000')).toMatchObject({ lastStatus: 'error', consecutiveFailures: 1, baselineAt: null });
  });

  it('a poll after a timed-out one gets a fresh, unaborted signal; polls before it share one', async () => {
    make(makeConfig(repos(1), { polling: { timeoutMs: 5000 } }));
    const signals: Array<AbortSignal | undefined> = [];
    provider.scripts.set('r000', (_repo, opts) => {
      signals.push(opts.signal);
      return ok()();
    });
    await scheduler!.pollNow('r000');
    expect((await scheduler!.pollNow('r000')).status).toBe('unchanged');
    provider.hold();
    const timedOut = scheduler!.pollNow('r000');
    await clock.advance(5000);
    expect((await timedOut).error?.code).toBe('upstream-timeout');
    provider.release();
    const next = await scheduler!.pollNow('r000');
    expect(next.status).toBe('unchanged');
    expect(signals[0]).toBe(signals[1]);
    expect(signals.at(-1)).not.toBe(signals[0]);
    expect(signals.at(-1)?.aborted).toBe(false);
  });

  it('writes the polls that finish together in one group commit, and reports none done before its commit', async () => {
    make(makeConfig(repos(6), { polling: { maxWorkers: 6 } }));
    for (const r of repos(6)) provider.scripts.set(r.name, ok());
    const commitPolls = store.commitPolls.bind(store);
    const groups: string[][] = [];
    let fail = true;
    store.commitPolls = (inputs, first) => {
      groups.push(inputs.map((i) => String(i.repositoryId)));
      if (fail) {
        fail = false;
        // the transaction fails as a whole (as when the process dies before COMMIT): no poll is stored
        throw new Error('disk I/O error');
      }
      return commitPolls(inputs, first);
    };
    const first = await Promise.all(repos(6).map((r) => scheduler!.pollNow(r.name)));
    expect(groups[0]!.length).toBeGreaterThan(1);
    const failed = first.filter((o) => o.status === 'error');
    expect(failed.length).toBe(groups[0]!.length);
    for (const o of failed) expect(o.error?.code).toBe('storage');
    for (const o of failed) expect(store.repositories.get(o.repository)).toMatchObject({ baselineAt: null, refCount: 0 });
    // the next polls list and write them again
    const again = await Promise.all(failed.map((o) => scheduler!.pollNow(o.repository)));
    expect(again.map((o) => o.status)).toEqual(failed.map(() => 'baseline'));
    for (const o of again) expect(store.repositories.get(o.repository)).toMatchObject({ refCount: 1 });
    expect(groups.flat()).toHaveLength(6 + failed.length);
  });

  it('bounds a poll even when the provider ignores the abort signal, and frees the worker', async () => {
    provider.scripts.set('r000', () => new Promise<ListRefsResult>(() => {}));
    provider.scripts.set('r001', ok());
    make(makeConfig(repos(2), { polling: { timeoutMs: 5000, maxWorkers: 1 } })).start();
    await clock.advance(4999);
    expect(callsOf('r001')).toEqual([]);
    await clock.advance(1);
    expect(store.repositories.get('r000')).toMatchObject({ lastStatus: 'error', consecutiveFailures: 1 });
    expect(store.repositories.get('r000')!.lastError).toContain('5000 ms');
    expect(callsOf('r001')).toHaveLength(1);
    expect(store.events.list().events).toHaveLength(0);
  });

  it('times a poll out at its own deadline when polls that started before it have ended', async () => {
    make(makeConfig(repos(2), { polling: { timeoutMs: 5000 } }));
    const t0 = clock.now();
    expect((await scheduler!.pollNow('r000')).status).not.toBe('error');
    await clock.advance(1000);
    provider.hold();
    let outcome: PollOutcome | undefined;
    void scheduler!.pollNow('r001').then((o) => (outcome = o));
    await clock.advance(4999);
    expect(outcome).toBeUndefined();
    await clock.advance(1);
    expect(outcome?.error?.code).toBe('upstream-timeout');
    expect(clock.now()).toBe(t0 + 6000);
  });

  it('keeps the deadlines of the polls in flight on its one timer, not a timer per poll', async () => {
    make(makeConfig(repos(8), { polling: { timeoutMs: 5000, maxWorkers: 4 } }));
    provider.hold();
    scheduler!.start();
    await clock.settle();
    expect(provider.inFlight).toBe(4);
    expect(clock.pendingTimers()).toBe(1);
    provider.release();
    await clock.settle();
  });

  it('hands the polls of many repositories a few signals (about max_workers), never an aborted one', async () => {
    make(makeConfig(repos(50), { polling: { timeoutMs: 5000, maxWorkers: 3 } }));
    const signals = new Set<AbortSignal | undefined>();
    for (let i = 0; i < 50; i++) provider.scripts.set(`r${String(i).padStart(3, '0')}`, (_repo, opts) => (signals.add(opts.signal), ok()()));
    await scheduler!.pollAllOnce();
    await scheduler!.pollAllOnce();
    expect(signals.size).toBeLessThanOrEqual(3);
    expect([...signals].every((s) => s && !s.aborted)).toBe(true);
  });

  it('a stopping scheduler still times out a hung poll, and leaves no timer once it has stopped', async () => {
    provider.scripts.set('r000', () => new Promise<ListRefsResult>(() => {}));
    make(makeConfig(repos(1), { polling: { timeoutMs: 5000 } })).start();
    await clock.advance(1);
    let stopped = false;
    const stopping = scheduler!.stop().then(() => (stopped = true));
    await clock.advance(4998);
    expect(stopped).toBe(false);
    await clock.advance(1);
    await stopping;
    expect(store.repositories.get('r000')).toMatchObject({ lastStatus: 'error' });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('pollNow coalesces concurrent requests into one poll', async () => {
    provider.scripts.set('r000', ok());
    make(makeConfig(repos(2)));
    provider.hold();
    const a = scheduler!.pollNow('r000');
    const b = scheduler!.pollNow('r000');
    await clock.settle();
    const c = scheduler!.pollNow('r000');
    await clock.settle();
    expect(callsOf('r000')).toHaveLength(1);
    provider.release();
    const [oa, ob] = await Promise.all([a, b]);
    expect(oa).toBe(ob);
    expect(oa.status).toBe('baseline');
    // a request that arrived during the poll gets a fresh poll after it
    const oc = await c;
    expect(callsOf('r000')).toHaveLength(2);
    expect(oc).not.toBe(oa);
    expect(callsOf('r001')).toHaveLength(0);
  });

  it('pollNow jumps the queue but respects max_workers', async () => {
    const list = repos(5);
    for (const r of list) provider.scripts.set(r.name, async () => { await sleep(1000); return ok()(); });
    make(makeConfig(list, { polling: { maxWorkers: 1 } })).start();
    await clock.settle();
    const now = scheduler!.pollNow('r004');
    await clock.advance(1000);
    expect(provider.calls.map((c) => c.repo)).toEqual(['r000', 'r004']);
    await clock.advance(1000);
    expect((await now).status).toBe('baseline');
    expect(provider.calls.map((c) => c.repo)).toEqual(['r000', 'r004', 'r001']);
    expect(provider.maxInFlight).toBe(1);
  });

  it('pollNow rejects an unknown repository with not-found', async () => {
    make(makeConfig(repos(1)));
    await expect(scheduler!.pollNow('nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(scheduler!.pollNow('nope')).rejects.toBeInstanceOf(ReposentryError);
  });

  it('pollAllOnce polls every enabled repository once within max_workers and schedules nothing after', async () => {
    const list = repos(10);
    for (const r of list) provider.scripts.set(r.name, async () => { await sleep(100); return ok()(); });
    make(makeConfig(list, { polling: { maxWorkers: 3 } }));
    const all = scheduler!.pollAllOnce();
    await clock.advance(400);
    const outcomes = await all;
    expect(outcomes.map((o) => o.repository).sort()).toEqual(list.map((r) => r.name));
    expect(outcomes.every((o) => o.status === 'baseline')).toBe(true);
    expect(provider.maxInFlight).toBe(3);
    await clock.advance(10 * MIN);
    expect(provider.calls).toHaveLength(10);
  });

  it('reload adds, removes and changes repositories without restart', async () => {
    provider.scripts.set('keep', ok([branch('main', sha(1)), branch('dev', sha(2))]));
    provider.scripts.set('gone', ok());
    provider.scripts.set('moved', ok());
    const keep = repoConfig('keep');
    const t0 = clock.now();
    make(makeConfig([keep, repoConfig('gone'), repoConfig('moved')])).start();
    await clock.advance(1000);
    expect(store.refs.list(store.repositories.get('moved')!.id)).toHaveLength(1);

    const committed: PollOutcome[] = [];
    scheduler!.onPoll((o) => committed.push(o));
    provider.scripts.set('new', ok());
    provider.scripts.set('moved', ok([branch('main', sha(7)), branch('x', sha(8))]));
    scheduler!.reload(makeConfig([
      { ...keep, pollingIntervalMs: 10_000 },
      repoConfig('moved', { url: 'https://github.test/other/moved' }),
      repoConfig('new'),
    ]));
    await clock.settle();
    expect(callsOf('new')).toEqual([t0 + 1000]);
    // the moved repository was re-baselined: polled again at once, silently
    expect(callsOf('moved')).toEqual([t0, t0 + 1000]);
    expect(store.repositories.get('moved')!.url).toBe('https://github.test/other/moved');
    expect(committed.find((o) => o.repository === 'moved')?.status).toBe('baseline');
    await clock.advance(2 * MIN);
    expect(callsOf('gone')).toEqual([t0]);
    await expect(scheduler!.pollNow('gone')).rejects.toMatchObject({ code: 'not-found' });
    // the shorter interval applies at once: due no later than one new interval after the reload
    expect(callsOf('keep').slice(0, 3)).toEqual([t0, t0 + 11_000, t0 + 21_000]);
    expect(store.events.list().events).toHaveLength(0);
    expect(scheduler!.states().map((s) => s.name).sort()).toEqual(['keep', 'moved', 'new']);
  });

  it('reload during an in-flight poll of a changed repository writes nothing for the old URL', async () => {
    provider.scripts.set('r000', ok([branch('old', sha(1))]));
    make(makeConfig(repos(1))).start();
    await clock.advance(1);
    provider.hold();
    await clock.advance(MIN);
    expect(callsOf('r000')).toHaveLength(2);
    provider.scripts.set('r000', ok([branch('new', sha(2))]));
    scheduler!.reload(makeConfig([repoConfig('r000', { url: 'https://github.test/acme/elsewhere' })]));
    await clock.settle();
    provider.release();
    await clock.advance(10);
    const row = store.repositories.get('r000')!;
    expect(store.refs.list(row.id)).toEqual([branch('new', sha(2))]);
    expect(row.consecutiveFailures).toBe(0);
    expect(store.events.list().events).toHaveLength(0);
  });

  it('stop waits for polls in flight and starts no more', async () => {
    provider.scripts.set('r000', ok());
    make(makeConfig(repos(2), { polling: { maxWorkers: 1 } }));
    provider.hold();
    scheduler!.start();
    await clock.settle();
    let stopped = false;
    const stopping = scheduler!.stop().then(() => (stopped = true));
    await clock.settle();
    expect(stopped).toBe(false);
    provider.release();
    await stopping;
    expect(stopped).toBe(true);
    await clock.advance(10 * MIN);
    expect(provider.calls.map((c) => c.repo)).toEqual(['r000']);
    await expect(scheduler!.pollNow('r000')).rejects.toMatchObject({ code: 'internal' });
  });

  it('batches the stamps of unchanged repositories into few transactions', async () => {
    const list = repos(30);
    const batches: number[] = [];
    const original = store.repositories.stampUnchanged;
    store.repositories.stampUnchanged = Object.assign((stamps: Parameters<typeof original>[0]) => {
      batches.push(stamps.length);
      original(stamps);
    }, original);
    make(makeConfig(list, { polling: { maxWorkers: 30 } })).start();
    await clock.advance(1000);
    await clock.advance(MIN);
    // two cycles of 30 unchanged polls
    expect(batches.reduce((a, b) => a + b, 0)).toBe(60);
    expect(batches.length).toBeLessThan(6);
    expect(store.repositories.get('r017')!.lastPollAt).toBe(clock.now() - 1000);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM refs').get()).toEqual({ n: 0 });
  });

  it('calls onCommitted when a poll wrote events', async () => {
    let nudges = 0;
    provider.scripts.set('r000', ok([branch('main', sha(1))]));
    make(makeConfig(repos(1)), { onCommitted: () => nudges++ }).start();
    await clock.advance(1);
    expect(nudges).toBe(0);
    provider.scripts.set('r000', ok([branch('main', sha(2))]));
    await clock.advance(MIN);
    expect(nudges).toBe(1);
    expect(store.events.list().events.map((e) => e.type)).toEqual(['branch_updated']);
  });

  it('states() reports next poll times and in-flight polls', async () => {
    make(makeConfig(repos(2), { polling: { maxWorkers: 1 } }));
    provider.hold();
    scheduler!.start();
    await clock.settle();
    const s = Object.fromEntries(scheduler!.states().map((x) => [x.name, x]));
    expect(s.r000).toMatchObject({ inFlight: true, nextPollAt: null });
    expect(s.r001).toMatchObject({ inFlight: false, nextPollAt: clock.now() });
    provider.release();
    await clock.advance(1);
    expect(scheduler!.states().every((x) => x.nextPollAt === clock.now() - 1 + MIN)).toBe(true);
  });

  it('schedules 10,000 repositories with one timer, none skipped', async () => {
    const list = repos(10_000).map((r, i) => ({ ...r, name: `repo-${i}` }));
    make(makeConfig(list, { polling: { maxWorkers: 5, jitter: 0.1 } }), { random: Math.random }).start();
    await clock.advance(1000);
    expect(new Set(provider.calls.map((c) => c.repo)).size).toBe(10_000);
    expect(provider.maxInFlight).toBeLessThanOrEqual(5);
    // the scheduler's one timer (plus the stamp buffer's, if stamps are pending)
    expect(clock.pendingTimers()).toBeLessThanOrEqual(2);
    await clock.advance(MIN * 1.2);
    expect(provider.calls.length).toBe(20_000);
    const states = scheduler!.states();
    expect(states.every((s) => s.nextPollAt !== null && !s.inFlight)).toBe(true);
  });
});
