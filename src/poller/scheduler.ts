/**
 * The scheduler: every enabled repository is polled once at start, then every interval ± jitter.
 * One min-heap of due times and one timer serve any number of repositories. At most max_workers
 * polls run at once; a due repository waits in the heap (earliest first) until a worker is free,
 * so none is ever skipped. Failures back off (doubling, capped at 10× the interval); a success
 * returns the repository to its interval. pollNow() jumps the queue and coalesces callers.
 */
import type { Config } from '../config/types.js';
import { ReposentryError, UpstreamError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { BatchCapability } from '../providers/types.js';
import type { Store } from '../store/index.js';
import { listBatch, takeBatch } from './batch-pick.js';
import type { Clock, TimerHandle } from './clock.js';
import { compileFilters } from './diff.js';
import { createDueHeap } from './due-heap.js';
import { pollRepository, type PollDeps, type PollMetrics, type PollOutcome, type ProviderLookup } from './poll-repository.js';
import { pollDelay } from './interval.js';
import { newEntry, notFound, stoppedError, type Entry, type Waiter } from './schedule-entry.js';
import { createStampBuffer } from './stamp-buffer.js';

export interface RepoScheduleState {
  name: string;
  /** epoch ms of the next scheduled poll; null while in flight or not scheduled */
  nextPollAt: number | null;
  inFlight: boolean;
  consecutiveFailures: number;
}

export interface SchedulerOptions {
  store: Store;
  providers: ProviderLookup;
  config: Config;
  clock: Clock;
  log: Logger;
  /** called after a poll committed events, to nudge the dispatcher */
  onCommitted?: () => void;
  onPoll?: (outcome: PollOutcome) => void;
  metrics?: PollMetrics;
  /** [0, 1); injected so tests can pin the jitter */
  random?: () => number;
  /** how long unchanged-poll stamps are buffered before one transaction writes them */
  stampFlushMs?: number;
  /**
   * Batch keys (provider `batch.key`) of the (host, token) groups to poll in batches of
   * polling.batch_size — the planner's GraphQL groups. Asked again on reload. Absent: no batching.
   */
  batchGroups?: (config: Config) => ReadonlySet<string>;
}

export interface Scheduler {
  start(): void;
  /** stops starting polls and waits for the ones in flight */
  stop(): Promise<void>;
  reload(config: Config): void;
  pollNow(name: string): Promise<PollOutcome>;
  /** every enabled repository once, at most max_workers at a time (run --once) */
  pollAllOnce(): Promise<PollOutcome[]>;
  states(): RepoScheduleState[];
  onPoll(listener: (outcome: PollOutcome) => void): () => void;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { store, clock } = opts;
  const log = opts.log.child({ component: 'poller' });
  const random = opts.random ?? Math.random;
  let config = opts.config;
  let phase: 'created' | 'running' | 'stopped' = 'created';
  let running = 0;
  let seq = 0;
  let timer: TimerHandle | undefined;
  const heap = createDueHeap<Entry>();
  const entries = new Map<string, Entry>();
  const listeners = new Set<(o: PollOutcome) => void>();
  if (opts.onPoll) listeners.add(opts.onPoll);
  const stamps = createStampBuffer({
    store, clock, flushMs: opts.stampFlushMs,
    onError: (err) => log.error({ err: errorMessage(err) }, 'could not write poll stamps'),
  });
  let deps = pollDeps();
  let batchGroups: ReadonlySet<string> = opts.batchGroups?.(config) ?? new Set();

  function pollDeps(): PollDeps {
    return {
      store, providers: opts.providers, targets: config.targets, clock, log,
      emitOnFirstPoll: config.polling.emitOnFirstPoll, metrics: opts.metrics, stamps,
    };
  }

  function intervalOf(e: Entry): number {
    return e.repo.pollingIntervalMs > 0 ? e.repo.pollingIntervalMs : config.polling.intervalMs;
  }

  function nextDue(e: Entry, status: 'ok' | 'error', at: number): number {
    const failures = status === 'ok' ? 0 : e.consecutiveFailures + 1;
    e.plannedDue = at + pollDelay({ intervalMs: intervalOf(e), jitter: config.polling.jitter, failures, random: random() });
    return e.plannedDue;
  }

  function enqueue(e: Entry, dueAt: number, priority: 0 | 1): void {
    e.dueAt = dueAt;
    e.priority = priority;
    e.seq = seq++;
    heap.push(e);
  }

  function armTimer(): void {
    if (timer !== undefined) {
      clock.clearTimeout(timer);
      timer = undefined;
    }
    if (phase === 'stopped' || running >= maxWorkers()) return;
    const top = heap.peek();
    if (!top) return;
    timer = clock.setTimeout(() => {
      timer = undefined;
      pump();
    }, top.dueAt - clock.now());
  }

  function maxWorkers(): number {
    return Math.max(1, config.polling.maxWorkers);
  }

  // Deferred to the end of the current tick so that requests arriving together share one poll.
  let pumpQueued = false;
  function schedulePump(): void {
    if (pumpQueued) return;
    pumpQueued = true;
    queueMicrotask(() => {
      pumpQueued = false;
      pump();
    });
  }

  function pump(): void {
    if (phase === 'stopped') return;
    const now = clock.now();
    while (running < maxWorkers()) {
      const top = heap.peek();
      if (!top || top.dueAt > now) break;
      heap.pop();
      const batch = batchFor(top, now);
      if (batch) startBatch(batch.capability, batch.entries);
      else startPoll(top);
    }
    armTimer();
  }

  function batchCapability(e: Entry): { capability: BatchCapability; key: string } | undefined {
    try {
      const capability = opts.providers.get(e.repo.provider).batch;
      const key = capability?.key(e.repo);
      return capability && key && batchGroups.has(key) ? { capability, key } : undefined;
    } catch {
      return undefined; // an unknown provider fails in its own poll, with its own message
    }
  }

  /** The due entries to poll together with e (one worker slot), or undefined for a single poll. */
  function batchFor(e: Entry, now: number): { capability: BatchCapability; entries: Entry[] } | undefined {
    if (batchGroups.size === 0) return undefined;
    const found = batchCapability(e);
    if (!found) return undefined;
    const entries = takeBatch(heap, e, {
      now, size: Math.max(1, config.polling.batchSize), key: found.key,
      keyOf: (other) => batchCapability(other)?.key ?? null,
    });
    return { capability: found.capability, entries };
  }

  function rowFor(e: Entry) {
    const row = store.repositories.getForPoll(e.repo.name) ?? store.repositories.sync([e.repo])[0];
    const buffered = stamps.get(row.id);
    return buffered?.state ? { ...row, state: buffered.state } : row;
  }

  function crashed(e: Entry, err: unknown): PollOutcome {
    const error = err instanceof ReposentryError ? err : new ReposentryError('internal', errorMessage(err), { cause: err });
    log.error({ repo: e.repo.name, err: error.message }, 'poll crashed');
    return { repository: e.repo.name, status: 'error', events: 0, error, durationMs: 0 };
  }

  /**
   * One job for several repositories: one batched listing, then each result through pollRepository's
   * usual diff/commit path. Its deadline is twice polling.timeout: a timed-out request, then the
   * smaller batches the provider retries with.
   */
  function startBatch(capability: BatchCapability, list: Entry[]): void {
    running++;
    const timeoutMs = config.polling.timeoutMs * 2;
    const job = new AbortController();
    const timeout = clock.setTimeout(
      () => job.abort(new UpstreamError('upstream-timeout', `batched poll of ${list.length} repositories took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
    const started = list.map((e) => {
      const waiters = e.waiters;
      e.waiters = [];
      e.plannedDue = null;
      const controller = new AbortController();
      e.controller = controller;
      return { e, waiters, generation: e.generation, signal: AbortSignal.any([controller.signal, job.signal]) };
    });
    const run = async (): Promise<PollOutcome[]> => {
      const rows = started.map((s) => rowFor(s.e));
      const items = started.map((s, i) => ({ repo: s.e.repo, opts: { includeTags: Boolean(s.e.repo.tagRegex), state: rows[i].state, signal: job.signal } }));
      const listings = await listBatch(capability, items, job.signal);
      const outcomes: PollOutcome[] = [];
      for (const [i, s] of started.entries()) {
        const outcome = await pollRepository(deps, s.e.repo, rows[i], {
          signal: s.signal,
          nextPollAt: (status, at) => nextDue(s.e, status, at),
          filters: s.e.filters,
          isCurrent: () => s.e.active && s.e.generation === s.generation,
          listing: listings[i],
        }).catch((err: unknown) => crashed(s.e, err));
        outcomes.push(outcome);
      }
      return outcomes;
    };
    const done = run()
      .catch((err: unknown) => started.map((s) => crashed(s.e, err)))
      .then((outcomes) => {
        running--;
        clock.clearTimeout(timeout);
        outcomes.forEach((outcome, i) => settle(started[i].e, outcome, started[i].waiters));
        pump();
      });
    for (const s of started) s.e.inFlight = done;
  }

  function startPoll(e: Entry): void {
    running++;
    const waiters = e.waiters;
    e.waiters = [];
    e.plannedDue = null;
    const generation = e.generation;
    const controller = new AbortController();
    e.controller = controller;
    const timeoutMs = config.polling.timeoutMs;
    const timeout = clock.setTimeout(
      () => controller.abort(new UpstreamError('upstream-timeout', `poll of ${e.repo.name} took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
    const poll = async (): Promise<PollOutcome> => {
      return pollRepository(deps, e.repo, rowFor(e), {
        signal: controller.signal,
        nextPollAt: (status, at) => nextDue(e, status, at),
        filters: e.filters,
        isCurrent: () => e.active && e.generation === generation,
      });
    };
    e.inFlight = poll()
      .catch((err: unknown): PollOutcome => crashed(e, err))
      .then((outcome) => finish(e, outcome, waiters, timeout));
  }

  function finish(e: Entry, outcome: PollOutcome, waiters: Waiter[], timeout: TimerHandle): void {
    running--;
    clock.clearTimeout(timeout);
    settle(e, outcome, waiters);
    pump();
  }

  /** One repository's poll is over: tell its waiters and listeners, and schedule its next poll. */
  function settle(e: Entry, outcome: PollOutcome, waiters: Waiter[]): void {
    e.inFlight = null;
    e.controller = null;
    const superseded = outcome.error?.context.superseded === true;
    if (!superseded) e.consecutiveFailures = outcome.status === 'error' ? e.consecutiveFailures + 1 : 0;
    for (const w of waiters) w.resolve(outcome);
    for (const l of listeners) {
      try {
        l(outcome);
      } catch (err) {
        log.error({ err: errorMessage(err) }, 'poll listener failed');
      }
    }
    if (outcome.events > 0) opts.onCommitted?.();
    const now = clock.now();
    if (!e.active || phase === 'stopped') {
      rejectWaiters(e, e.active ? stoppedError() : notFound(e.repo.name));
    } else if (e.waiters.length > 0) {
      // pollNow arrived while this poll was running: the change it announces may be newer than this listing
      enqueue(e, now, 0);
    } else if (superseded) {
      enqueue(e, now, 1);
    } else if (phase === 'running') {
      enqueue(e, e.plannedDue ?? nextDue(e, outcome.status === 'error' ? 'error' : 'ok', now), 1);
    }
  }

  function rejectWaiters(e: Entry, err: ReposentryError): void {
    const waiters = e.waiters;
    e.waiters = [];
    for (const w of waiters) w.reject(err);
  }




  function syncRows(cfg: Config): Map<string, number> {
    const rows = store.repositories.sync(cfg.repositories.map((r) => ({ name: r.name, url: r.url, provider: r.provider })));
    return new Map(rows.map((r) => [r.name, r.consecutiveFailures]));
  }

  async function pollNow(name: string): Promise<PollOutcome> {
    if (phase === 'stopped') throw stoppedError();
    const e = entries.get(name);
    if (!e) throw notFound(name);
    return new Promise<PollOutcome>((resolve, reject) => {
      e.waiters.push({ resolve, reject });
      // In flight: finish() queues the follow-up poll because a waiter is pending.
      if (!e.inFlight && !(heap.has(e) && e.priority === 0)) {
        enqueue(e, clock.now(), 0);
        schedulePump();
      }
    });
  }

  {
    const failures = syncRows(config);
    for (const repo of config.repositories) {
      if (repo.enabled) entries.set(repo.name, newEntry(repo, failures.get(repo.name) ?? 0, seq++));
    }
  }

  return {
    start() {
      if (phase !== 'created') return;
      phase = 'running';
      const now = clock.now();
      for (const e of entries.values()) {
        if (e.active && !e.inFlight && !heap.has(e)) enqueue(e, now, 1);
      }
      log.info({ repositories: entries.size, maxWorkers: maxWorkers() }, 'scheduler started');
      pump();
    },

    async stop() {
      if (phase === 'stopped') return;
      phase = 'stopped';
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      while (heap.size > 0) rejectWaiters(heap.pop()!, stoppedError());
      await Promise.all([...entries.values()].map((e) => e.inFlight));
      stamps.flush();
      log.info('scheduler stopped');
    },

    reload(next) {
      config = next;
      deps = pollDeps();
      batchGroups = opts.batchGroups?.(next) ?? new Set();
      const failures = syncRows(next);
      const now = clock.now();
      const keep = new Set<string>();
      for (const repo of next.repositories) {
        if (!repo.enabled) continue;
        keep.add(repo.name);
        const e = entries.get(repo.name);
        if (!e) {
          const added = newEntry(repo, failures.get(repo.name) ?? 0, seq++);
          entries.set(repo.name, added);
          if (phase === 'running') enqueue(added, now, 1);
          continue;
        }
        const identityChanged = e.repo.url !== repo.url || e.repo.provider !== repo.provider;
        const intervalChanged = e.repo.pollingIntervalMs !== repo.pollingIntervalMs;
        e.repo = repo;
        e.filters = compileFilters(repo);
        if (identityChanged) {
          // store.repositories.sync has re-baselined the row; a poll still running lists the old URL
          e.generation++;
          e.consecutiveFailures = 0;
          if (e.inFlight) e.controller?.abort(new ReposentryError('internal', `${repo.name} changed`, { context: { superseded: true } }));
          else if (phase === 'running' && !(heap.has(e) && e.priority === 0)) enqueue(e, now, 1);
        } else if (intervalChanged && heap.has(e) && e.priority === 1) {
          enqueue(e, Math.min(e.dueAt, now + pollDelay({ intervalMs: intervalOf(e), jitter: config.polling.jitter, failures: 0, random: random() })), 1);
        }
      }
      for (const [name, e] of entries) {
        if (keep.has(name)) continue;
        e.active = false;
        heap.remove(e);
        entries.delete(name);
        rejectWaiters(e, notFound(name));
      }
      log.info({ repositories: entries.size }, 'scheduler reloaded');
      pump();
    },

    pollNow,

    async pollAllOnce() {
      const outcomes = await Promise.all([...entries.keys()].map((name) => pollNow(name)));
      stamps.flush();
      return outcomes;
    },

    states() {
      return [...entries.values()].map((e) => ({
        name: e.repo.name,
        nextPollAt: heap.has(e) ? e.dueAt : null,
        inFlight: e.inFlight !== null,
        consecutiveFailures: e.consecutiveFailures,
      }));
    },

    onPoll(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
