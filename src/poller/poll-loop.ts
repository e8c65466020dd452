/**
 * The scheduler's dispatch loop: one min-heap of due times and one timer serve any number of
 * repositories. At most max_workers polls run at once; a due repository waits in the heap
 * (earliest first) until a worker is free, so none is ever skipped. Failures back off (doubling,
 * capped at 10× the interval); a success returns the repository to its interval.
 * This module owns the scheduling state (Core), shared with the scheduler's public methods
 * (scheduler.ts); batch jobs (batch-job.ts) get narrow callbacks instead (batchHooks).
 */
import { withoutUserinfo } from '../redact.js';
import type { Config } from '../config/types.js';
import { ReposentryError, UpstreamError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import { startBatch, batchFor, type BatchJobHooks } from './batch-job.js';
import type { Clock, TimerHandle } from './clock.js';
import type { DueHeap } from './due-heap.js';
import { pollDelay } from './interval.js';
import type { ProviderState } from '../providers/types.js';
import { pollRepository, type PollBase, type PollDeps, type PollOutcome, type ProviderLookup } from './poll-repository.js';
import { abortPoll, notFound, rememberer, stoppedError, type Entry, type Waiter } from './schedule-entry.js';
import type { StampBuffer } from './stamp-buffer.js';

/** The scheduler's shared, mutable state. */
export interface Core {
  store: Store;
  clock: Clock;
  log: Logger;
  providers: ProviderLookup;
  random: () => number;
  heap: DueHeap<Entry>;
  entries: Map<string, Entry>;
  listeners: Set<(o: PollOutcome) => void>;
  stamps: StampBuffer;
  onCommitted?: () => void;
  config: Config;
  deps: PollDeps;
  batchGroups: ReadonlySet<string>;
  phase: 'created' | 'running' | 'stopped';
  running: number;
  seq: number;
  /** the scheduler's one timer: the next due repository and the next poll deadline (polling.timeout) */
  timer: TimerHandle | undefined;
  /** when the timer fires, on the monotonic clock; Infinity when none is armed */
  timerAt: number;
  /** single polls in flight, each with its deadline (batch jobs keep their own) */
  polling: Set<Entry>;
  /** no poll in flight has an earlier deadline (monotonic; it may be earlier than all: a poll ended) */
  nextDeadline: number;
  /** never-aborted controllers of finished polls, handed to the next polls (see startPoll) */
  spareControllers: AbortController[];
  pumpQueued: boolean;
}

export function maxWorkers(core: Core): number {
  return Math.max(1, core.config.polling.maxWorkers);
}

export function intervalOf(core: Core, e: Entry): number {
  return e.repo.pollingIntervalMs > 0 ? e.repo.pollingIntervalMs : core.config.polling.intervalMs;
}

function nextDue(core: Core, e: Entry, status: 'ok' | 'error', at: number): number {
  const failures = status === 'ok' ? 0 : e.consecutiveFailures + 1;
  e.plannedDue = at + pollDelay({ intervalMs: intervalOf(core, e), jitter: core.config.polling.jitter, failures, random: core.random() });
  return e.plannedDue;
}

/** Longest spread of the polls that all waited for one budget's reset, so they do not all fire at once. */
const MAX_BUDGET_JITTER_MS = 60_000;

/** After a held budget frees at retryAt: that time plus a jitter, never a backoff. */
function budgetDue(core: Core, e: Entry, retryAt: number): number {
  const spread = Math.min(MAX_BUDGET_JITTER_MS, intervalOf(core, e) * Math.min(Math.max(core.config.polling.jitter, 0), 1));
  e.plannedDue = Math.round(retryAt + spread * core.random());
  return e.plannedDue;
}

export function enqueue(core: Core, e: Entry, dueAt: number, priority: 0 | 1): void {
  e.dueAt = dueAt;
  e.priority = priority;
  e.seq = core.seq++;
  core.heap.push(e);
}

export function stopTimer(core: Core): void {
  if (core.timer !== undefined) core.clock.clearTimeout(core.timer);
  core.timer = undefined;
  core.timerAt = Infinity;
}

/** `at` and `mono` are monotonic clock times: deadlines are, and timers run on it too. */
function wakeAt(core: Core, at: number, mono: number): void {
  stopTimer(core);
  core.timerAt = at;
  core.timer = core.clock.setTimeout(() => onTimer(core), at - mono);
}

/**
 * One timer wakes the loop for the next due repository and for the next poll deadline. A timer
 * armed earlier than needed is left as it is (it fires, looks, and re-arms): clearing and setting
 * it after every poll showed in an unchanged poll's profile.
 */
export function armTimer(core: Core): void {
  const mono = core.clock.monotonic();
  let at = core.nextDeadline;
  if (core.phase !== 'stopped' && core.running < maxWorkers(core)) {
    const top = core.heap.peek();
    // due times are wall-clock (stored, shown in the API): the timer waits for the time left until then
    if (top) at = Math.min(at, mono + (top.dueAt - core.clock.now()));
  }
  if (at === Infinity || (core.timer !== undefined && core.timerAt <= at)) return;
  wakeAt(core, at, mono);
}

function onTimer(core: Core): void {
  core.timer = undefined;
  core.timerAt = Infinity;
  try {
    expireOverdue(core);
  } catch (err) {
    loopFailed(core, err);
    return;
  }
  if (core.phase === 'stopped') armTimer(core);
  else guardedPump(core);
}

/** Aborts the polls past their deadline (polling.timeout) and finds the next deadline. */
function expireOverdue(core: Core): void {
  const now = core.clock.monotonic();
  let next = Infinity;
  for (const e of core.polling) {
    if (e.deadline > now) {
      if (e.deadline < next) next = e.deadline;
      continue;
    }
    core.polling.delete(e);
    abortPoll(e, new UpstreamError('upstream-timeout', `poll of ${e.repo.name} (${withoutUserinfo(e.repo.url)}) took longer than ${e.timeoutMs} ms (polling.timeout)`));
  }
  core.nextDeadline = next;
}

/** A poll is over: it leaves the deadline set; the timer is re-armed exactly when the last one left. */
function pollEnded(core: Core, e: Entry): void {
  core.polling.delete(e);
  if (core.polling.size > 0) return;
  core.nextDeadline = Infinity;
  // a timer armed only for a deadline would otherwise hold the process (a stopped scheduler, run --once)
  stopTimer(core);
  armTimer(core);
}

/** After the loop itself failed (a bug, a store error) look again this much later. */
const LOOP_RETRY_MS = 5_000;

/**
 * pump() from a timer or a promise callback: nothing may escape there (it would be an uncaught
 * exception or an unhandled rejection and stop the daemon). Log it and look again later.
 */
function guardedPump(core: Core): void {
  try {
    pump(core);
  } catch (err) {
    loopFailed(core, err);
  }
}

function loopFailed(core: Core, err: unknown): void {
  core.log.error({ err: errorMessage(err), retryInMs: LOOP_RETRY_MS }, 'scheduler loop failed; looking again later');
  if (core.phase === 'stopped') return;
  const mono = core.clock.monotonic();
  wakeAt(core, mono + LOOP_RETRY_MS, mono);
}

/** Deferred to the end of the current tick so that requests arriving together share one poll. */
export function schedulePump(core: Core): void {
  if (core.pumpQueued) return;
  core.pumpQueued = true;
  queueMicrotask(() => {
    core.pumpQueued = false;
    guardedPump(core);
  });
}

export function pump(core: Core): void {
  if (core.phase === 'stopped') return;
  const now = core.clock.now();
  while (core.running < maxWorkers(core)) {
    const top = core.heap.peek();
    if (!top || top.dueAt > now) break;
    core.heap.pop();
    const batch = core.batchGroups.size === 0 ? undefined : batchFor({ providers: core.providers, batchGroups: core.batchGroups, heap: core.heap, batchSize: core.config.polling.batchSize }, top, now);
    if (batch) startBatch(batchHooks(core), batch.capability, batch.entries);
    else startPoll(core, top);
  }
  armTimer(core);
}

/**
 * The row a poll starts from: the one kept in memory, else SQLite's with the provider state of a
 * stamp still buffered. Reading it on every poll (a SELECT and two JSON.parse) was a large share of
 * an unchanged poll's CPU (figures in docs/performance.md).
 */
function rowFor(core: Core, e: Entry): PollBase {
  if (e.row) return e.row;
  const row = core.store.repositories.getForPoll(e.repo.name) ?? core.store.repositories.sync([e.repo])[0];
  const buffered = core.stamps.get(row.id);
  e.row = pollBase(row, buffered?.state);
  return e.row;
}

function pollBase(row: PollBase, state?: ProviderState): PollBase {
  return { id: row.id, state: state ?? row.state, meta: row.meta, baselineAt: row.baselineAt };
}

/** The callbacks a batch job gets: it never sees Core itself. */
function batchHooks(core: Core): BatchJobHooks {
  return {
    deps: core.deps,
    clock: core.clock,
    timeoutMs: core.config.polling.timeoutMs,
    maxWorkers: maxWorkers(core),
    rowFor: (e) => rowFor(core, e),
    nextDue: (e, status, at) => nextDue(core, e, status, at),
    budgetDue: (e, retryAt) => budgetDue(core, e, retryAt),
    crashed: (e, err) => crashed(core, e, err),
    started: () => {
      core.running++;
    },
    finished: (results) => {
      core.running--;
      for (const r of results) settle(core, r.e, r.outcome, r.waiters);
      pump(core);
    },
    loopFailed: (err) => loopFailed(core, err),
  };
}

function crashed(core: Core, e: Entry, err: unknown): PollOutcome {
  const error = err instanceof ReposentryError ? err : new ReposentryError('internal', errorMessage(err), { cause: err });
  core.log.error({ repo: e.repo.name, err: error.message }, 'poll crashed');
  return { repository: e.repo.name, status: 'error', events: 0, error, durationMs: 0 };
}

const NO_WAITERS: Waiter[] = Object.freeze([]) as unknown as Waiter[];

function startPoll(core: Core, e: Entry): void {
  core.running++;
  // the usual poll has no waiter: the entry keeps its empty array (a new one per poll was garbage)
  const waiters = e.waiters.length > 0 ? e.waiters : NO_WAITERS;
  if (waiters !== NO_WAITERS) e.waiters = [];
  e.plannedDue = null;
  const generation = e.generation;
  // A poll takes a controller that a finished poll left unaborted (abortPoll drops an aborted one):
  // one per poll, or one per repository (each with a signal and an abort listener), showed in the
  // profile of a daemon's first cycle and in its memory. About max_workers of them ever exist, and
  // each signal gets one listener for all the polls it serves (signal-watch.ts).
  const controller = (e.controller = core.spareControllers.pop() ?? new AbortController());
  // polling.timeout: the deadline is kept on the entry and the scheduler's one timer fires at the
  // earliest (expireOverdue), instead of a timer per poll. On the monotonic clock, as a timer of its
  // own was: a step of the wall clock must not move it.
  e.timeoutMs = core.config.polling.timeoutMs;
  e.deadline = core.clock.monotonic() + e.timeoutMs;
  core.polling.add(e);
  if (e.deadline < core.nextDeadline) core.nextDeadline = e.deadline;
  let polled: Promise<PollOutcome>;
  try {
    polled = pollRepository(core.deps, e.repo, rowFor(core, e), {
      signal: controller.signal,
      deadline: e.deadline,
      nextPollAt: (status, at) => nextDue(core, e, status, at),
      filters: e.filters,
      isCurrent: () => e.active && e.generation === generation,
      remember: rememberer(e, generation),
      afterBudgetWait: (retryAt) => budgetDue(core, e, retryAt),
    });
  } catch (err) {
    polled = Promise.resolve(crashed(core, e, err));
  }
  e.inFlight = polled.then(
    (outcome) => finishPoll(core, e, outcome, waiters),
    (err: unknown) => finishPoll(core, e, crashed(core, e, err), waiters),
  );
}

function finishPoll(core: Core, e: Entry, outcome: PollOutcome, waiters: Waiter[]): void {
  try {
    core.running--;
    pollEnded(core, e);
    settle(core, e, outcome, waiters);
    pump(core);
  } catch (err) {
    loopFailed(core, err);
  }
}

/** More spare controllers than this would only hold memory: a burst above max_workers (batch jobs) is rare. */
const MAX_SPARE_CONTROLLERS = 256;

/** One repository's poll is over: tell its waiters and listeners, and schedule its next poll. */
function settle(core: Core, e: Entry, outcome: PollOutcome, waiters: Waiter[]): void {
  e.inFlight = null;
  if (e.controller) {
    if (core.spareControllers.length < MAX_SPARE_CONTROLLERS) core.spareControllers.push(e.controller);
    e.controller = null;
  }
  const superseded = outcome.error?.context.superseded === true;
  // a held rate-limit budget is nobody's failure: the failure count (and so the backoff) stays as it was
  if (!superseded && outcome.status !== 'waiting') e.consecutiveFailures = outcome.status === 'error' ? e.consecutiveFailures + 1 : 0;
  e.budgetWaitUntil = outcome.status === 'waiting' ? (outcome.waitUntil ?? null) : null;
  for (const w of waiters) w.resolve(outcome);
  for (const l of core.listeners) {
    try {
      l(outcome);
    } catch (err) {
      core.log.error({ err: errorMessage(err) }, 'poll listener failed');
    }
  }
  if (outcome.events > 0) core.onCommitted?.();
  if (!e.active || core.phase === 'stopped') {
    rejectWaiters(e, e.active ? stoppedError() : notFound(e.repo.name));
  } else if (e.waiters.length > 0) {
    // pollNow arrived while this poll was running: the change it announces may be newer than this listing
    enqueue(core, e, core.clock.now(), 0);
  } else if (superseded) {
    enqueue(core, e, core.clock.now(), 1);
  } else if (core.phase === 'running') {
    // the poll recorded its next due time (plannedDue) when it wrote its stamp: no clock read then
    enqueue(core, e, e.plannedDue ?? nextDue(core, e, outcome.status === 'error' ? 'error' : 'ok', core.clock.now()), 1);
  }
}

export function rejectWaiters(e: Entry, err: ReposentryError): void {
  const waiters = e.waiters;
  e.waiters = [];
  for (const w of waiters) w.reject(err);
}
