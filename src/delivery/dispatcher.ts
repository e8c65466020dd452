/**
 * The outbox dispatcher: claims due deliveries from SQLite under a lease, sends at most `concurrency`
 * at once, records every outcome. It sleeps until the earliest claimable delivery is due, or until
 * wake() — no busy polling.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Dispatcher as UndiciDispatcher } from 'undici';
import type { TargetConfig } from '../config/types.js';
import type { Logger } from '../log.js';
import type { ClaimedDelivery, DeliveryStats, Store } from '../store/index.js';
import { attemptDelivery, logAttemptCrash, type AttemptDeps } from './attempt.js';
import type { MirrorDeps } from './mirror/push.js';
import type { OutboundSettings } from '../http/outbound.js';
import { createStorageHealth, type StorageHealth } from '../store/health.js';
import { sqliteErrorCode } from '../store/sqlite-errors.js';
import { createDeliveryAgent, type SendOutcome } from './send.js';

/** Lease = the longest target timeout plus this, so a live attempt never loses its lease. */
const LEASE_MARGIN_MS = 30_000;
/** Re-check the outbox this often even when idle: deliveries written by another process (a CLI redeliver) get picked up. */
const IDLE_RECHECK_MS = 60_000;
export const DEFAULT_HELD_GRACE_MS = 24 * 60 * 60 * 1000;

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

/** What one reconciliation of the outbox with the configured targets changed. */
export interface ReconcileResult {
  held: number;
  resumed: number;
  expired: number;
}

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
  // Our own pool is closed by stop() and made afresh by the next start(), so a restart works.
  let outbound = opts.outbound;
  let ownAgent = opts.agent ? null : createDeliveryAgent(outbound);
  const deps: AttemptDeps = {
    store,
    log,
    now,
    version: opts.version,
    agent: opts.agent ?? ownAgent!,
    stdout: opts.stdout ?? process.stdout,
    random: opts.random,
    lastSuccess: new Map(),
    metrics: opts.metrics,
    mirror: opts.mirror,
  };
  const nextDue = (): number | null => store.deliveries.nextDueAt();
  const health = opts.storageHealth ?? createStorageHealth({ log, now });
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeScheduled = false;
  let onSettled: ((r: { outcome: SendOutcome | 'held'; deliveryId: number }) => void) | undefined;

  let lastReconcile = -Infinity;
  function reconcileTargets(): ReconcileResult {
    const at = now();
    lastReconcile = at;
    const names = opts.targets().map((t) => t.name);
    const graceMs = opts.heldGraceMs?.() ?? DEFAULT_HELD_GRACE_MS;
    const resumed = store.deliveries.resumeTargets(names, at);
    const held = store.deliveries.holdAbsentTargets(names, at);
    const expired = store.deliveries.expireHeld(at - graceMs, `held longer than the grace period (${Math.round(graceMs / 1000)}s) after its target was removed`);
    if (resumed > 0) log.info({ resumed }, 'target configured again: its held deliveries resume');
    if (held > 0) {
      const targets = store.deliveries.heldTargets().map((t) => t.target);
      log.warn({ held, targets, graceMs }, 'target removed from the configuration: its pending deliveries are held');
    }
    if (expired > 0) log.warn({ expired, graceMs }, 'held deliveries dead-lettered: the grace period ran out');
    if (resumed > 0) wake();
    return { held, resumed, expired };
  }

  function leaseMs(): number {
    if (opts.leaseMs !== undefined) return opts.leaseMs;
    const longest = Math.max(0, ...opts.targets().map((t) => t.timeoutMs));
    return longest + LEASE_MARGIN_MS;
  }

  function launch(claimed: ClaimedDelivery): void {
    const target = opts.targets().find((t) => t.name === claimed.delivery.target);
    const p: Promise<void> = attemptDelivery(deps, claimed, target)
      .then((r) => {
        health.succeeded();
        onSettled?.(r);
      })
      .catch((err: unknown) => {
        // the outcome could not be written (disk full…): the lease brings the delivery back later
        if (sqliteErrorCode(err)) health.failed(err, 'recording a delivery outcome');
        else logAttemptCrash(log, claimed, err);
      })
      .finally(() => {
        inFlight.delete(p);
        if (running) pump();
      });
    inFlight.add(p);
  }

  /** Claim what fits in the free slots; returns how many were launched. */
  function claimBatch(): number {
    const slots = concurrency - inFlight.size;
    if (slots <= 0) return 0;
    const claimed = store.deliveries.claim({ now: now(), limit: slots, leaseMs: leaseMs() });
    for (const c of claimed) launch(c);
    return claimed.length;
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = undefined;
    if (!running) return;
    let due: number | null;
    try {
      due = nextDue();
    } catch (err) {
      // Runs from timers and promise callbacks: a throw here would be an uncaught exception.
      health.failed(err, 'next-due query');
      timer = setTimeout(pump, health.retryDelayMs());
      return;
    }
    const delay = due === null ? IDLE_RECHECK_MS : Math.min(Math.max(0, due - now()), IDLE_RECHECK_MS);
    // Due now but nothing claimable: every slot is busy, or the head of line is our own in-flight
    // attempt; its completion pumps again, so don't spin.
    if (delay === 0 && inFlight.size > 0) return;
    timer = setTimeout(pump, Math.max(delay, 1));
  }

  function pump(): void {
    if (!running) return;
    try {
      if (now() - lastReconcile >= IDLE_RECHECK_MS) reconcileTargets();
      // an empty claim writes nothing, so only a claim that leased something proves storage writable
      if (claimBatch() > 0) health.succeeded();
    } catch (err) {
      // Disk full, I/O error, read-only file: wait (exponentially longer, capped) rather than retry at once.
      health.failed(err, 'claiming deliveries');
      clearTimeout(timer);
      timer = running ? setTimeout(pump, health.retryDelayMs()) : undefined;
      return;
    }
    schedule();
  }

  function wake(): void {
    if (!running || wakeScheduled) return;
    wakeScheduled = true;
    setImmediate(() => {
      wakeScheduled = false;
      pump();
    });
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  async function drainOnce(): Promise<DrainResult> {
    if (!opts.agent && !ownAgent) deps.agent = ownAgent = createDeliveryAgent(outbound);
    store.deliveries.releaseAllLeases();
    reconcileTargets();
    const deadline = now() + Math.max(0, ...opts.targets().map((t) => t.timeoutMs));
    const last = new Map<number, SendOutcome | 'held'>();
    onSettled = (r) => last.set(r.deliveryId, r.outcome);
    try {
      for (;;) {
        while (claimBatch() > 0 || inFlight.size > 0) {
          await Promise.race(inFlight);
        }
        const due = nextDue();
        if (due === null || due > deadline) break;
        await sleep(Math.max(0, due - now()));
      }
    } finally {
      onSettled = undefined;
    }
    const result: DrainResult = { delivered: 0, failed: 0, dead: 0 };
    for (const outcome of last.values()) {
      if (outcome === 'delivered') result.delivered++;
      else if (outcome === 'dead') result.dead++;
      else if (outcome === 'retry') result.failed++;
    }
    return result;
  }

  return {
    start() {
      if (running) return;
      if (!opts.agent && !ownAgent) deps.agent = ownAgent = createDeliveryAgent(outbound);
      const released = store.deliveries.releaseAllLeases();
      if (released > 0) log.info({ released }, 'released delivery leases left by a previous process');
      running = true;
      reconcileTargets();
      pump();
    },
    async stop(stopOpts = {}) {
      running = false;
      clearTimeout(timer);
      timer = undefined;
      const deadlineMs = stopOpts.deadlineMs ?? 10_000;
      if (inFlight.size > 0) {
        let deadlineTimer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((resolve) => {
          deadlineTimer = setTimeout(resolve, deadlineMs);
        });
        await Promise.race([Promise.allSettled([...inFlight]), deadline]);
        clearTimeout(deadlineTimer);
      }
      // the caller logs what was cut, once, with the polls it cut
      const abandoned = inFlight.size;
      if (ownAgent) {
        const closing = ownAgent;
        ownAgent = null;
        // destroy() aborts the attempts still in flight: their leases bring them back on the next start
        await closing.destroy().catch(() => undefined);
      }
      return { abandoned };
    },
    wake,
    drainOnce,
    redeliver(eventId, redeliverOpts = {}) {
      const count = store.deliveries.redeliver(eventId, { onlyDead: redeliverOpts.onlyDead, now: now() });
      if (count > 0) wake();
      return count;
    },
    reconcileTargets,
    dropHeld(target) {
      const dropped = store.deliveries.dropHeld(target, `dropped by an operator while held (target ${target} removed from the configuration)`);
      if (dropped > 0) log.warn({ target, dropped }, 'held deliveries dropped by an operator');
      return dropped;
    },
    setOutbound(next) {
      if (isDeepStrictEqual(next ?? {}, outbound ?? {})) return;
      outbound = next;
      // an injected pool is the caller's; a stopped dispatcher builds its pool from `outbound` on start
      if (opts.agent || !ownAgent) return;
      const old = ownAgent;
      // attemptDelivery reads deps.agent when it sends, so only attempts launched from now on see the new pool
      deps.agent = ownAgent = createDeliveryAgent(outbound);
      // close() lets the requests already on the old pool finish, then frees its connections
      void old.close().catch((err: unknown) => log.warn({ err }, 'closing the replaced delivery connection pool failed'));
    },
    stats() {
      return { ...store.deliveries.stats(now()), inFlight: inFlight.size };
    },
  };
}
