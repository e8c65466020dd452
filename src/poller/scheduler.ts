/**
 * The scheduler: every enabled repository is polled once at start, then every interval ± jitter.
 * The poll loop (heap, timer, workers, backoff) is in poll-loop.ts, GraphQL batch jobs in
 * batch-job.ts; this file owns the public methods: start/stop, reload, pollNow (which jumps the
 * queue and coalesces callers), pollAllOnce and states.
 */
import type { Config, RepositoryConfig } from '../config/types.js';
import { ReposentryError, errorMessage } from '../errors.js';
import type { StorageHealth } from '../store/health.js';
import type { Logger } from '../log.js';
import type { StartRow, Store } from '../store/index.js';
import type { Clock } from './clock.js';
import { compileFilters } from './diff.js';
import { armTimer, enqueue, intervalOf, pump, rejectWaiters, schedulePump, stopTimer, maxWorkers, type Core } from './poll-loop.js';
import { createDueHeap } from './due-heap.js';
import type { Enricher } from '../enrich/enricher.js';
import type { PollDeps, PollMetrics, PollOutcome, ProviderLookup } from './poll-repository.js';
import { pollDelay } from './interval.js';
import { abortPoll, newEntry, notFound, stoppedError, type Entry } from './schedule-entry.js';
import { createStampBuffer, type StampBuffer } from './stamp-buffer.js';

export interface RepoScheduleState {
  name: string;
  /** epoch ms of the next scheduled poll; null while in flight or not scheduled */
  nextPollAt: number | null;
  inFlight: boolean;
  consecutiveFailures: number;
  /** epoch ms: waiting for a held rate-limit budget, polled again then; null otherwise */
  budgetWaitUntil: number | null;
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
  /** shared with the dispatcher: storage failures are logged once per state change */
  storageHealth?: StorageHealth;
  /** enriches changes (commits, files, forced) when config.enrich is on */
  enricher?: Enricher;
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
  /** epoch ms until which the repository waits for a held rate-limit budget, or null */
  waitingForBudget(name: string): number | null;
  /** resolves when every poll in flight now has settled (later polls are not waited for) */
  inFlightSettled(): Promise<void>;
  /**
   * Aborts every poll in flight (shutdown past its deadline): each writes nothing and is simply
   * polled again on the next start. Returns the names of the repositories whose polls were cut.
   */
  abortInFlight(reason: string): string[];
  onPoll(listener: (outcome: PollOutcome) => void): () => void;
}

/** What a poll needs from the scheduler's options and the current config. */
function pollDeps(opts: SchedulerOptions, log: Logger, stamps: StampBuffer, config: Config): PollDeps {
  return {
    store: opts.store, providers: opts.providers, targets: config.targets, clock: opts.clock, log,
    emitOnFirstPoll: config.polling.emitOnFirstPoll, metrics: opts.metrics, stamps, storageHealth: opts.storageHealth,
    enricher: opts.enricher,
    // the wait stays well inside the poll's own timeout, or an aborted poll would redo (and re-enrich) the change forever
    enrich: config.enrich && { ...config.enrich, timeoutMs: Math.min(config.enrich.timeoutMs, Math.floor(config.polling.timeoutMs / 2)) },
  };
}

/** The scheduler's shared state (poll-loop.ts), before any repository is added. */
function createCore(opts: SchedulerOptions): Core & { pollDeps: (config: Config) => PollDeps } {
  const log = opts.log.child({ component: 'poller' });
  const listeners = new Set<(o: PollOutcome) => void>();
  if (opts.onPoll) listeners.add(opts.onPoll);
  const stamps = createStampBuffer({
    store: opts.store, clock: opts.clock, flushMs: opts.stampFlushMs,
    onError: (err) =>
      opts.storageHealth ? opts.storageHealth.failed(err, 'writing poll stamps') : log.error({ err: errorMessage(err) }, 'could not write poll stamps'),
  });
  return {
    store: opts.store, clock: opts.clock, log, providers: opts.providers, random: opts.random ?? Math.random,
    heap: createDueHeap<Entry>(), entries: new Map(), listeners, stamps, onCommitted: opts.onCommitted,
    config: opts.config, deps: pollDeps(opts, log, stamps, opts.config), pollDeps: (config) => pollDeps(opts, log, stamps, config),
    batchGroups: opts.batchGroups?.(opts.config) ?? new Set(), phase: 'created', running: 0, seq: 0,
    timer: undefined, timerAt: Infinity, polling: new Set(), nextDeadline: Infinity, spareControllers: [], pumpQueued: false,
  };
}

/** One row per configured repository, in the config's order (no map by name: a large start builds 100,000 of them). */
function syncRows(core: Core, cfg: Config): StartRow[] {
  return core.store.repositories.syncForPoll(cfg.repositories.map((r) => ({ name: r.name, url: r.url, provider: r.provider })));
}

/** A new entry starts from the row sync just read (its state is current: nothing is buffered for it). */
function addEntry(core: Core, repo: RepositoryConfig, row: StartRow | undefined): Entry {
  const e = newEntry(repo, row?.consecutiveFailures ?? 0, core.seq++, row && !core.stamps.get(row.id) ? row.base : null);
  core.entries.set(repo.name, e);
  return e;
}

function pollNow(core: Core, name: string): Promise<PollOutcome> {
  if (core.phase === 'stopped') return Promise.reject(stoppedError());
  const e = core.entries.get(name);
  if (!e) return Promise.reject(notFound(name));
  return new Promise<PollOutcome>((resolve, reject) => {
    e.waiters.push({ resolve, reject });
    // In flight: settle() queues the follow-up poll because a waiter is pending.
    if (!e.inFlight && !(core.heap.has(e) && e.priority === 0)) {
      enqueue(core, e, core.clock.now(), 0);
      schedulePump(core);
    }
  });
}

/** A kept repository's config changed: a new URL or provider re-baselines it, a new interval reschedules it. */
function updateEntry(core: Core, e: Entry, repo: RepositoryConfig, now: number): void {
  const identityChanged = e.repo.url !== repo.url || e.repo.provider !== repo.provider;
  const intervalChanged = e.repo.pollingIntervalMs !== repo.pollingIntervalMs;
  e.repo = repo;
  e.filters = compileFilters(repo);
  if (identityChanged) {
    // store.repositories.sync has re-baselined the row; a poll still running lists the old URL
    e.generation++;
    e.consecutiveFailures = 0;
    e.row = null;
    if (e.inFlight) abortPoll(e, new ReposentryError('internal', `${repo.name} changed`, { context: { superseded: true } }));
    else if (core.phase === 'running' && !(core.heap.has(e) && e.priority === 0)) enqueue(core, e, now, 1);
  } else if (intervalChanged && core.heap.has(e) && e.priority === 1) {
    const delay = pollDelay({ intervalMs: intervalOf(core, e), jitter: core.config.polling.jitter, failures: 0, random: core.random() });
    enqueue(core, e, Math.min(e.dueAt, now + delay), 1);
  }
}

/** The entries follow a new config: added, updated, removed (their waiters told). */
function reloadEntries(core: Core, next: Config): void {
  // buffered stamps first: a re-baseline below must not be overwritten by an older poll's ETags
  core.stamps.flush();
  const rows = syncRows(core, next);
  const now = core.clock.now();
  const keep = new Set<string>();
  for (const [i, repo] of next.repositories.entries()) {
    if (!repo.enabled) continue;
    keep.add(repo.name);
    const e = core.entries.get(repo.name);
    if (e) updateEntry(core, e, repo, now);
    else {
      const added = addEntry(core, repo, rows[i]);
      if (core.phase === 'running') enqueue(core, added, now, 1);
    }
  }
  for (const [name, e] of core.entries) {
    if (keep.has(name)) continue;
    e.active = false;
    core.heap.remove(e);
    core.entries.delete(name);
    rejectWaiters(e, notFound(name));
  }
}

async function stopScheduler(core: Core): Promise<void> {
  core.phase = 'stopped';
  stopTimer(core);
  // the polls in flight keep their deadlines: the timer stays armed for those alone
  armTimer(core);
  while (core.heap.size > 0) rejectWaiters(core.heap.pop()!, stoppedError());
  await Promise.all([...core.entries.values()].map((e) => e.inFlight));
  core.stamps.flush();
  core.log.info('scheduler stopped');
}

/** Aborts every poll in flight; the outcome of each writes nothing (no failure recorded, no stamp), like a reload's cut. */
function abortInFlight(core: Core, reason: string): string[] {
  const cut: string[] = [];
  for (const e of core.entries.values()) {
    if (!e.inFlight || !e.controller) continue;
    cut.push(e.repo.name);
    abortPoll(e, new ReposentryError('internal', `poll of ${e.repo.name} aborted: ${reason}`, { context: { superseded: true } }));
  }
  return cut;
}

function stateOf(core: Core, e: Entry): RepoScheduleState {
  return {
    name: e.repo.name,
    nextPollAt: core.heap.has(e) ? e.dueAt : null,
    inFlight: e.inFlight !== null,
    consecutiveFailures: e.consecutiveFailures,
    budgetWaitUntil: e.budgetWaitUntil,
  };
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const core = createCore(opts);
  const rows = syncRows(core, core.config);
  core.config.repositories.forEach((repo, i) => {
    if (repo.enabled) addEntry(core, repo, rows[i]);
  });

  return {
    start() {
      if (core.phase !== 'created') return;
      core.phase = 'running';
      const now = core.clock.now();
      for (const e of core.entries.values()) {
        if (e.active && !e.inFlight && !core.heap.has(e)) enqueue(core, e, now, 1);
      }
      core.log.info({ repositories: core.entries.size, maxWorkers: maxWorkers(core) }, 'scheduler started');
      pump(core);
    },
    stop: () => (core.phase === 'stopped' ? Promise.resolve() : stopScheduler(core)),
    reload(next) {
      core.config = next;
      core.deps = core.pollDeps(next);
      core.batchGroups = opts.batchGroups?.(next) ?? new Set();
      reloadEntries(core, next);
      core.log.info({ repositories: core.entries.size }, 'scheduler reloaded');
      pump(core);
    },
    pollNow: (name) => pollNow(core, name),
    async pollAllOnce() {
      const outcomes = await Promise.all([...core.entries.keys()].map((name) => pollNow(core, name)));
      core.stamps.flush();
      return outcomes;
    },
    states: () => [...core.entries.values()].map((e) => stateOf(core, e)),
    waitingForBudget: (name) => core.entries.get(name)?.budgetWaitUntil ?? null,
    async inFlightSettled() {
      await Promise.all([...new Set([...core.entries.values()].map((e) => e.inFlight))]);
    },
    abortInFlight: (reason) => abortInFlight(core, reason),
    onPoll(listener) {
      core.listeners.add(listener);
      return () => core.listeners.delete(listener);
    },
  };
}
