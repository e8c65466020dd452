/**
 * The outbox dispatcher: claims due deliveries from SQLite under a lease, sends at most `concurrency`
 * at once, records every outcome. Outcomes and claims are written in rounds (outbox-round.ts): the
 * attempts that finished since the last round, one transaction. It sleeps until the earliest
 * claimable delivery is due, or until wake() — no busy polling.
 */
import type { Dispatcher as UndiciDispatcher } from 'undici';
import type { TargetConfig } from '../config/types.js';
import type { Logger } from '../log.js';
import type { ClaimedDelivery, DeliveryStats, Store } from '../store/index.js';
import { attemptDelivery, logAttemptCrash, type AttemptDeps, type AttemptResult } from './attempt.js';
import type { MirrorDeps } from './mirror/push.js';
import type { OutboundSettings } from '../http/outbound.js';
import { createStorageHealth, type StorageHealth } from '../store/health.js';
import { sqliteErrorCode } from '../store/sqlite-errors.js';
import { createOutboxRound } from './outbox-round.js';
import { createDeliveryPool } from './delivery-pool.js';
import { createTargetReconciler } from './reconcile.js';
import type { SendOutcome } from './send.js';

/** Lease = the longest target timeout plus this, so a live attempt never loses its lease. */
const LEASE_MARGIN_MS = 30_000;
/** Re-check the outbox this often even when idle: deliveries written by another process (a CLI redeliver) get picked up. */
const IDLE_RECHECK_MS = 60_000;
export { DEFAULT_HELD_GRACE_MS } from './reconcile.js';

export interface DispatcherOptions {
  store: Store;
  /** the current targets; hot reload swaps what this returns */
  targets: () => readonly TargetConfig[];
  log: Logger;
  clock?: { now(): number };
  /** deliveries in flight at once (default 16) */
  concurrency?: number;
  /** default: the longest target timeout + 30s */
  leaseMs?: number;
  version: string;
  /** where the log target writes (default process.stdout) */
  stdout?: NodeJS.WritableStream;
  metrics?: { onOutcome(target: string, outcome: SendOutcome, durationMs: number): void };
  /** how mirror targets push (git cache, lease bookkeeping); absent: mirror deliveries wait */
  mirror?: MirrorDeps;
  /** for backoff jitter; returns [0, 1) */
  random?: () => number;
  /** HTTP connection pool; default: a keep-alive undici Agent owned (and closed) by the dispatcher */
  agent?: UndiciDispatcher;
  /** `http:` proxy, bypass list and CA bundle for the owned pool */
  outbound?: OutboundSettings;
  /** how long deliveries of a removed target are held before they are dead-lettered (default 24 h) */
  heldGraceMs?: () => number;
  /** shared with the poller: failures back off and are logged once per state change */
  storageHealth?: StorageHealth;
}

export type { ReconcileResult } from './reconcile.js';
import type { ReconcileResult } from './reconcile.js';

export interface DrainResult {
  delivered: number;
  /** still pending (retryable) when the drain window closed */
  failed: number;
  dead: number;
}

export interface DispatcherStats extends DeliveryStats {
  inFlight: number;
}

export interface Dispatcher {
  start(): void;
  /**
   * Stop claiming; wait for in-flight attempts up to the deadline, then abort the rest (their
   * leases bring them back). Resolves with how many were aborted.
   */
  stop(opts?: { deadlineMs?: number }): Promise<{ abandoned: number }>;
  /** something new was committed: look now */
  wake(): void;
  /**
   * For `run --once`: send every open delivery and retry failures while their next attempt falls
   * within the drain window — the longest target timeout, counted from the drain's start. Returns
   * what was delivered, dead-lettered, and left pending (failed) in this drain.
   */
  drainOnce(): Promise<DrainResult>;
  /** re-queue an event's deliveries (all, or only the dead ones), due now; returns how many */
  redeliver(eventId: string, opts?: { onlyDead?: boolean }): number;
  /**
   * Holds the pending deliveries of targets no longer configured, resumes held ones whose target is
   * back, dead-letters those held past the grace period. Runs at start, after a reload, and once a minute.
   */
  reconcileTargets(): ReconcileResult;
  /** operator action: dead-letters the held deliveries of a removed target; returns how many */
  dropHeld(target: string): number;
  /**
   * A reload changed `http.proxy`/`http.no_proxy`/`http.ca_file`: attempts from now on use a pool
   * built from the new settings; those in flight finish on the old pool, which closes after them.
   */
  setOutbound(outbound: OutboundSettings | undefined): void;
  stats(): DispatcherStats;
}

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const { store, log } = opts;
  const now = () => (opts.clock ? opts.clock.now() : Date.now());
  const concurrency = Math.max(1, opts.concurrency ?? 16);
  const pool = createDeliveryPool({ agent: opts.agent, outbound: opts.outbound, log });
  const deps: AttemptDeps = {
    log,
    now,
    version: opts.version,
    get agent() {
      return pool.current();
    },
    stdout: opts.stdout ?? process.stdout,
    random: opts.random,
    lastSuccess: new Map(),
    metrics: opts.metrics,
    mirror: opts.mirror,
  };
  const health = opts.storageHealth ?? createStorageHealth({ log, now });
  const reconciler = createTargetReconciler({ store, log, now, targets: opts.targets, heldGraceMs: opts.heldGraceMs, onResumed: () => wake() });
  let onSettled: ((r: AttemptResult) => void) | undefined;
  const round = createOutboxRound(store.deliveries, (r) => onSettled?.(r));
  /** attempts being sent; each settles into `round` */
  const sending = new Set<Promise<void>>();
  /** bumped by stop(): attempts abandoned by an earlier start settle into nothing (their leases bring them back) */
  let generation = 0;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeScheduled = false;

  function leaseMs(): number {
    if (opts.leaseMs !== undefined) return opts.leaseMs;
    const longest = Math.max(0, ...opts.targets().map((t) => t.timeoutMs));
    return longest + LEASE_MARGIN_MS;
  }

  function launch(claimed: ClaimedDelivery): void {
    const target = opts.targets().find((t) => t.name === claimed.delivery.target);
    const born = generation;
    const p: Promise<void> = attemptDelivery(deps, claimed, target).then(
      (r) => {
        sending.delete(p);
        if (born !== generation) return;
        round.settle(r);
        wake();
      },
      (err: unknown) => {
        sending.delete(p);
        // a mirror push's own bookkeeping failed (disk full…), or a defect: the lease brings the delivery back later
        if (sqliteErrorCode(err)) health.failed(err, 'recording a delivery outcome');
        else logAttemptCrash(log, claimed, err);
        wake();
      },
    );
    sending.add(p);
  }

  /** One round: the finished attempts' outcomes recorded and the free slots claimed together; returns how many were launched. */
  function runRound(): number {
    const claimed = round.run({ now: now(), limit: concurrency - sending.size, leaseMs: leaseMs() });
    for (const c of claimed) launch(c);
    return claimed.length;
  }

  /** Sleeps until the earliest claimable delivery is due (at most IDLE_RECHECK_MS). */
  function schedule(): void {
    clearTimeout(timer);
    timer = undefined;
    if (!running) return;
    let due: number | null;
    try {
      due = store.deliveries.nextDueAt();
    } catch (err) {
      // Runs from timers and promise callbacks: a throw here would be an uncaught exception.
      health.failed(err, 'next-due query');
      timer = setTimeout(pump, health.retryDelayMs());
      return;
    }
    const delay = due === null ? IDLE_RECHECK_MS : Math.min(Math.max(0, due - now()), IDLE_RECHECK_MS);
    // Due now but nothing claimable: every slot is busy, or the head of line is our own in-flight
    // attempt; its completion pumps again, so don't spin.
    if (delay === 0 && sending.size > 0) return;
    timer = setTimeout(pump, Math.max(delay, 1));
  }

  function pump(): void {
    if (!running) return;
    const free = concurrency - sending.size;
    const recording = round.settled;
    let launched: number;
    try {
      if (now() - reconciler.last() >= IDLE_RECHECK_MS) reconciler.reconcile();
      launched = runRound();
      // an empty round writes nothing, so only one that recorded or leased something proves storage writable
      if (launched > 0 || recording > 0) health.succeeded();
    } catch (err) {
      // Disk full, I/O error, read-only file: wait (exponentially longer, capped) rather than retry at once.
      health.failed(err, recording > 0 ? 'recording delivery outcomes' : 'claiming deliveries');
      clearTimeout(timer);
      timer = running ? setTimeout(pump, health.retryDelayMs()) : undefined;
      return;
    }
    // Fewer claimed than free slots: nothing more is due now, sleep until something is. Every slot
    // busy: a completion pumps again.
    if (launched < free) schedule();
  }

  /** Something changed (a commit, a finished attempt): one round soon, for everything that happened meanwhile. */
  function wake(): void {
    if (!running || wakeScheduled) return;
    wakeScheduled = true;
    setImmediate(() => {
      wakeScheduled = false;
      pump();
    });
  }

  async function drainOnce(): Promise<DrainResult> {
    pool.open();
    store.deliveries.releaseAllLeases();
    reconciler.reconcile();
    const deadline = now() + Math.max(0, ...opts.targets().map((t) => t.timeoutMs));
    const last = new Map<number, SendOutcome | 'held'>();
    onSettled = (r) => last.set(r.deliveryId, r.outcome);
    try {
      for (;;) {
        // the round after the last attempt settles records its outcome: none is left unrecorded
        while (runRound() > 0 || sending.size > 0) await Promise.race(sending);
        const due = store.deliveries.nextDueAt();
        if (due === null || due > deadline) break;
        await sleep(Math.max(0, due - now()));
      }
    } finally {
      onSettled = undefined;
    }
    return countOutcomes(last.values());
  }

  async function stop(stopOpts: { deadlineMs?: number } = {}): Promise<{ abandoned: number }> {
    running = false;
    clearTimeout(timer);
    timer = undefined;
    await settleWithin(sending, stopOpts.deadlineMs ?? 10_000);
    try {
      round.run({ now: now(), limit: 0, leaseMs: 0 });
    } catch (err) {
      // not recorded: the leases bring these deliveries back at the next start (sent again, never lost)
      health.failed(err, 'recording delivery outcomes');
      round.discard();
    }
    // the caller logs what was cut, once, with the polls it cut
    const abandoned = sending.size;
    generation++;
    // destroy() aborts the attempts still in flight: their leases bring them back on the next start
    await pool.destroy();
    return { abandoned };
  }

  return {
    start() {
      if (running) return;
      pool.open();
      const released = store.deliveries.releaseAllLeases();
      if (released > 0) log.info({ released }, 'released delivery leases left by a previous process');
      running = true;
      reconciler.reconcile();
      pump();
    },
    stop,
    wake,
    drainOnce,
    redeliver(eventId, redeliverOpts = {}) {
      const count = store.deliveries.redeliver(eventId, { onlyDead: redeliverOpts.onlyDead, now: now() });
      if (count > 0) wake();
      return count;
    },
    reconcileTargets: () => reconciler.reconcile(),
    dropHeld(target) {
      const dropped = store.deliveries.dropHeld(target, `dropped by an operator while held (target ${target} removed from the configuration)`);
      if (dropped > 0) log.warn({ target, dropped }, 'held deliveries dropped by an operator');
      return dropped;
    },
    setOutbound: (next) => pool.setOutbound(next),
    stats() {
      return { ...store.deliveries.stats(now()), inFlight: sending.size + round.settled };
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits for the attempts in flight, at most `deadlineMs`. */
async function settleWithin(inFlight: ReadonlySet<Promise<void>>, deadlineMs: number): Promise<void> {
  if (inFlight.size === 0) return;
  let deadlineTimer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    deadlineTimer = setTimeout(resolve, deadlineMs);
  });
  await Promise.race([Promise.allSettled([...inFlight]), deadline]);
  clearTimeout(deadlineTimer);
}

function countOutcomes(outcomes: Iterable<SendOutcome | 'held'>): DrainResult {
  const result: DrainResult = { delivered: 0, failed: 0, dead: 0 };
  for (const outcome of outcomes) {
    if (outcome === 'delivered') result.delivered++;
    else if (outcome === 'dead') result.dead++;
    else if (outcome === 'retry') result.failed++;
  }
  return result;
}
