/**
 * The outbox: one row per (event, target) delivery. Claiming takes a lease instead of a stuck
 * "sending" flag, so a delivery in flight when the process dies is sent again after restart.
 */
import type Database from 'better-sqlite3';
import type { DeliveryStatus, StoredEvent } from '../types.js';
import { toStoredEvent, type RawEvent } from './events.js';

/** One target's backlog, for the status page. */
export interface TargetQueueStats {
  target: string;
  pending: number;
  held: number;
  dead: number;
  /** epoch ms */
  oldestPendingAt: number | null;
}

export interface NewDelivery {
  eventId: string;
  target: string;
  /** a content filter kept the event from this target: stored as `filtered` with this reason, never sent */
  filtered?: string;
}

export interface DeliveryRow {
  id: number;
  eventId: string;
  target: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  leaseUntil: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: number | null;
  receiverEventId: string | null;
  createdAt: number;
  /** when the previous attempt ended; null before the first */
  lastAttemptAt: number | null;
  /** when it was held (its target left the configuration); null unless held */
  heldSince: number | null;
}

/**
 * What one attempt changes in its delivery's row, recorded by `record` together with the other
 * outcomes of a dispatcher round (one transaction for all of them).
 */
export type DeliveryOutcome =
  | { status: 'delivered'; id: number; at: number; statusCode: number | null; receiverEventId: string | null }
  | { status: 'retry'; id: number; at: number; nextAttemptAt: number; statusCode: number | null; error: string }
  | {
      status: 'dead';
      id: number;
      at: number;
      statusCode: number | null;
      error: string;
      /** 410 Gone: the target's other pending deliveries are dead-lettered too, with this reason */
      goneTarget?: { target: string; reason: string; count?: number };
    }
  /** claimed just before a reload removed its target */
  | { status: 'held'; id: number; at: number };

export interface ClaimedDelivery {
  delivery: DeliveryRow;
  event: StoredEvent;
}

export interface DeliveryStats {
  pending: number;
  delivering: number;
  delivered: number;
  held: number;
  /** kept from their target by a content filter (absent from stats made elsewhere) */
  filtered?: number;
  dead: number;
  oldestPendingAt: number | null;
}

/** A delivery not (yet) delivered, with what keeps it: for the `run --once` summary. */
export interface UndeliveredDelivery {
  target: string;
  status: DeliveryStatus;
  nextAttemptAt: number;
  lastStatusCode: number | null;
  lastError: string | null;
  repositoryName: string;
  ref: string;
  /** set when an earlier open delivery of the same (repository, ref, target) holds it back: that one's next attempt */
  blockedUntil: number | null;
}

interface RawDelivery {
  id: number;
  event_id: string;
  target: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: number | null;
  receiver_event_id: string | null;
  created_at: number;
  last_attempt_at: number | null;
  held_since: number | null;
}

function toRow(r: RawDelivery): DeliveryRow {
  return {
    id: r.id,
    eventId: r.event_id,
    target: r.target,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    leaseUntil: r.lease_until,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    receiverEventId: r.receiver_event_id,
    createdAt: r.created_at,
    lastAttemptAt: r.last_attempt_at,
    heldSince: r.held_since ?? null,
  };
}

export function orderKey(repository: string, ref: string, target: string): string {
  return `${repository}\u0000${ref}\u0000${target}`;
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;

export function createDeliveryStore(db: Database.Database, now: () => number) {
  const insert = db.prepare(
    `INSERT INTO deliveries (event_id, target, order_key, status, next_attempt_at, created_at)
     VALUES (?, ?, ?, 'pending', ?, ?)`,
  );
  // Due, not held by a live lease, and first in line for its (repository, ref, target): an earlier
  // undelivered delivery of the same ref and target holds it back; other refs and targets go on.
  // Each branch repeats the partial index's own condition (status IN …) so SQLite can walk
  // deliveries_open in next_attempt_at order and stop at the limit: with an OR (or without the
  // repeated term) it scanned and sorted the whole backlog for every claim, O(backlog) per delivery.
  const HEAD_OF_LINE = `NOT EXISTS (SELECT 1 FROM deliveries p
         WHERE p.order_key = d.order_key AND p.id < d.id AND p.status IN ('pending', 'delivering'))`;
  const due = db.prepare(
    `SELECT d.*, e.seq AS e_seq, e.type AS e_type, e.repository_name, e.repository_url, e.provider,
       e.ref_kind, e.ref_name, e.before_sha, e.after_sha, e.detected_at, e.data
     FROM (
       SELECT * FROM (SELECT d.id FROM deliveries d
         WHERE d.status IN ('pending', 'delivering') AND d.status = 'pending' AND d.next_attempt_at <= @now AND ${HEAD_OF_LINE}
         ORDER BY d.next_attempt_at, d.id LIMIT @limit)
       UNION ALL
       SELECT * FROM (SELECT d.id FROM deliveries d
         WHERE d.status IN ('pending', 'delivering') AND d.status = 'delivering' AND d.lease_until <= @now AND ${HEAD_OF_LINE}
         ORDER BY d.next_attempt_at, d.id LIMIT @limit)
     ) h JOIN deliveries d ON d.id = h.id JOIN events e ON e.id = d.event_id
     ORDER BY d.next_attempt_at, d.id LIMIT @limit`,
  );
  const insertFiltered = db.prepare(
    `INSERT INTO deliveries (event_id, target, order_key, status, next_attempt_at, created_at, last_error)
     VALUES (?, ?, ?, 'filtered', ?, ?, ?)`,
  );
  const lease = db.prepare(
    `UPDATE deliveries SET status = 'delivering', lease_until = ?, attempts = attempts + 1 WHERE id = ?`,
  );
  // positional parameters: the outcomes of every attempt go through these, binding no objects
  const delivered = db.prepare(
    `UPDATE deliveries SET status = 'delivered', lease_until = NULL, delivered_at = ?, last_attempt_at = ?,
       last_status_code = ?, last_error = NULL, receiver_event_id = ? WHERE id = ?`,
  );
  const retry = db.prepare(
    `UPDATE deliveries SET status = 'pending', lease_until = NULL, next_attempt_at = ?, last_attempt_at = ?,
       last_status_code = ?, last_error = ? WHERE id = ?`,
  );
  const dead = db.prepare(
    `UPDATE deliveries SET status = 'dead', lease_until = NULL, last_status_code = ?, last_attempt_at = ?,
       last_error = ? WHERE id = ?`,
  );
  const deadTarget = db.prepare(
    `UPDATE deliveries SET status = 'dead', lease_until = NULL, last_error = ? WHERE target = ? AND status = 'pending'`,
  );
  const release = db.prepare(
    `UPDATE deliveries SET status = 'pending', lease_until = NULL WHERE status = 'delivering'`,
  );
  const requeueAll = db.prepare(
    `UPDATE deliveries SET status = 'pending', next_attempt_at = ?, attempts = 0, lease_until = NULL
     WHERE event_id = ? AND status IN ('delivered', 'dead')`,
  );
  const requeueDead = db.prepare(
    `UPDATE deliveries SET status = 'pending', next_attempt_at = ?, attempts = 0, lease_until = NULL
     WHERE event_id = ? AND status = 'dead'`,
  );
  // Targets are passed as a JSON array (json_each), so one prepared statement serves any target list.
  const holdAbsent = db.prepare(
    `UPDATE deliveries SET status = 'held', held_since = @at, lease_until = NULL,
       last_error = 'target ' || target || ' removed from the configuration; held until it returns'
     WHERE status = 'pending' AND target NOT IN (SELECT value FROM json_each(@targets))`,
  );
  const holdOne = db.prepare(
    `UPDATE deliveries SET status = 'held', held_since = @at, lease_until = NULL,
       last_error = 'target ' || target || ' removed from the configuration; held until it returns'
     WHERE id = @id AND status IN ('pending', 'delivering')`,
  );
  const resume = db.prepare(
    `UPDATE deliveries SET status = 'pending', held_since = NULL, next_attempt_at = @at, last_error = NULL
     WHERE status = 'held' AND target IN (SELECT value FROM json_each(@targets))`,
  );
  const dropHeldTarget = db.prepare(
    `UPDATE deliveries SET status = 'dead', held_since = NULL, last_error = @reason WHERE status = 'held' AND target = @target`,
  );
  const expireHeld = db.prepare(
    `UPDATE deliveries SET status = 'dead', held_since = NULL, last_error = @reason WHERE status = 'held' AND held_since <= @before`,
  );
  const heldByTarget = db.prepare(
    `SELECT target, COUNT(*) AS n, MIN(held_since) AS since FROM deliveries WHERE status = 'held' GROUP BY target ORDER BY target`,
  );
  const forEvent = db.prepare('SELECT * FROM deliveries WHERE event_id = ? ORDER BY id');
  const nextDue = db.prepare(
    // only heads of line count: a delivery held back by an earlier one is not due before it.
    // The pending half walks deliveries_open in order and stops at the first head (see `due`).
    `SELECT MIN(t) AS t FROM (
       SELECT * FROM (SELECT d.next_attempt_at AS t FROM deliveries d
         WHERE d.status IN ('pending', 'delivering') AND d.status = 'pending' AND ${HEAD_OF_LINE}
         ORDER BY d.next_attempt_at LIMIT 1)
       UNION ALL
       SELECT MIN(d.lease_until) AS t FROM deliveries d
         WHERE d.status IN ('pending', 'delivering') AND d.status = 'delivering' AND ${HEAD_OF_LINE})`,
  );
  const undeliveredSince = db.prepare(
    `SELECT d.target, d.status, d.next_attempt_at, d.last_status_code, d.last_error, e.repository_name, e.ref_kind, e.ref_name,
       (SELECT MIN(p.next_attempt_at) FROM deliveries p
         WHERE p.order_key = d.order_key AND p.id < d.id AND p.status IN ('pending', 'delivering')) AS blocked_until
     FROM events e JOIN deliveries d ON d.event_id = e.id
     WHERE e.seq > ? AND d.status NOT IN ('delivered', 'filtered')
     ORDER BY d.id`,
  );
  const maxSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM events').pluck();
  const counts = db.prepare('SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status');
  const oldest = db.prepare(`SELECT MIN(created_at) AS t FROM deliveries WHERE status IN ('pending', 'delivering')`);
  const countsByTarget = db.prepare(
    `SELECT target, status, COUNT(*) AS n,
       MIN(CASE WHEN status IN ('pending', 'delivering') THEN created_at END) AS oldest
     FROM deliveries WHERE status IN ('pending', 'delivering', 'held', 'dead') GROUP BY target, status`,
  );

  function recordOne(o: DeliveryOutcome): void {
    // a 410's count of dead-lettered deliveries is written back into the outcome, for its log line
    switch (o.status) {
      case 'delivered':
        delivered.run(o.at, o.at, o.statusCode, o.receiverEventId, o.id);
        return;
      case 'retry':
        retry.run(o.nextAttemptAt, o.at, o.statusCode, o.error, o.id);
        return;
      case 'dead':
        dead.run(o.statusCode, o.at, o.error, o.id);
        if (o.goneTarget) o.goneTarget.count = deadTarget.run(o.goneTarget.reason, o.goneTarget.target).changes;
        return;
      case 'held':
        holdOne.run({ id: o.id, at: o.at });
        return;
    }
  }
  const inTransaction = db.transaction(<T>(fn: () => T): T => fn());

  const claim = db.transaction((opts: { now: number; limit: number; leaseMs: number; targets?: string[] }) => {
    const rows = due.all({ now: opts.now, limit: opts.limit }) as Array<RawDelivery & Record<string, unknown>>;
    const claimed: ClaimedDelivery[] = [];
    for (const r of rows) {
      if (opts.targets && !opts.targets.includes(r.target)) continue;
      const leaseUntil = opts.now + opts.leaseMs;
      lease.run(leaseUntil, r.id);
      const delivery = toRow({ ...r, status: 'delivering', lease_until: leaseUntil, attempts: r.attempts + 1 });
      const event = toStoredEvent({
        seq: r.e_seq as number,
        id: r.event_id,
        type: r.e_type as RawEvent['type'],
        repository_name: r.repository_name as string,
        repository_url: r.repository_url as string,
        provider: r.provider as RawEvent['provider'],
        ref_kind: r.ref_kind as RawEvent['ref_kind'],
        ref_name: r.ref_name as string,
        before_sha: r.before_sha as string,
        after_sha: r.after_sha as string,
        detected_at: r.detected_at as number,
        data: r.data as string,
      });
      claimed.push({ delivery, event });
    }
    return claimed;
  });

  return {
    /** call inside a transaction */
    insert(d: NewDelivery & { orderKey: string; at: number }): void {
      if (d.filtered !== undefined) insertFiltered.run(d.eventId, d.target, d.orderKey, d.at, d.at, d.filtered);
      else insert.run(d.eventId, d.target, d.orderKey, d.at, d.at);
    },
    claim: (opts: { now: number; limit: number; leaseMs: number; targets?: string[] }): ClaimedDelivery[] => claim(opts),
    /** Records one attempt's outcome; the dispatcher calls it inside `transaction`, for a round's outcomes together. */
    record: recordOne,
    /** Runs `fn` in one transaction (nested: a savepoint), so its writes commit together. */
    transaction: <T>(fn: () => T): T => inTransaction(fn) as T,
    markDelivered(id: number, r: { at: number; statusCode: number | null; receiverEventId?: string | null }): void {
      delivered.run(r.at, r.at, r.statusCode, r.receiverEventId ?? null, id);
    },
    markRetry(id: number, r: { nextAttemptAt: number; statusCode: number | null; error: string; at?: number }): void {
      retry.run(r.nextAttemptAt, r.at ?? now(), r.statusCode, r.error, id);
    },
    markDead(id: number, r: { statusCode: number | null; error: string; at?: number }): void {
      dead.run(r.statusCode, r.at ?? now(), r.error, id);
    },
    deadLetterTarget(target: string, reason: string): number {
      return deadTarget.run(reason, target).changes;
    },
    /** Holds the pending deliveries of every target not in `targets` (removed from the configuration). */
    holdAbsentTargets(targets: readonly string[], at: number = now()): number {
      return holdAbsent.run({ targets: JSON.stringify(targets), at }).changes;
    },
    /** Holds one claimed delivery whose target is gone (it was claimed before a reload removed it). */
    hold(id: number, at: number = now()): void {
      holdOne.run({ id, at });
    },
    /** Held deliveries of these (configured again) targets become pending, due now. */
    resumeTargets(targets: readonly string[], at: number = now()): number {
      return resume.run({ targets: JSON.stringify(targets), at }).changes;
    },
    /** Operator action: dead-letters the held deliveries of one target (still redeliverable). */
    dropHeld(target: string, reason: string): number {
      return dropHeldTarget.run({ target, reason }).changes;
    },
    /** Dead-letters deliveries held since `before` or earlier (the grace period ran out). */
    expireHeld(before: number, reason: string): number {
      return expireHeld.run({ before, reason }).changes;
    },
    heldTargets(): Array<{ target: string; count: number; since: number | null }> {
      return (heldByTarget.all() as Array<{ target: string; n: number; since: number | null }>).map((r) => ({ target: r.target, count: r.n, since: r.since }));
    },
    releaseAllLeases(): number {
      return release.run().changes;
    },
    redeliver(eventId: string, opts: { onlyDead?: boolean; now?: number } = {}): number {
      const at = opts.now ?? now();
      return (opts.onlyDead ? requeueDead : requeueAll).run(at, eventId).changes;
    },
    forEvent: (eventId: string): DeliveryRow[] => (forEvent.all(eventId) as RawDelivery[]).map(toRow),
    nextDueAt(): number | null {
      return (nextDue.get() as { t: number | null }).t;
    },
    /** the newest event's seq (0 when none): events written later have a larger one */
    lastEventSeq: (): number => maxSeq.get() as number,
    /** deliveries of the events written after `seq` that are not delivered (nor filtered out) */
    undeliveredSince(seq: number): UndeliveredDelivery[] {
      return (undeliveredSince.all(seq) as Array<Record<string, unknown>>).map((r) => ({
        target: r.target as string,
        status: r.status as DeliveryStatus,
        nextAttemptAt: r.next_attempt_at as number,
        lastStatusCode: r.last_status_code as number | null,
        lastError: r.last_error as string | null,
        repositoryName: r.repository_name as string,
        ref: `refs/${r.ref_kind === 'tag' ? 'tags' : 'heads'}/${r.ref_name as string}`,
        blockedUntil: r.blocked_until as number | null,
      }));
    },
    /** pending (incl. delivering), held and dead deliveries per target, with the oldest pending one's creation */
    statsByTarget(): TargetQueueStats[] {
      const byTarget = new Map<string, TargetQueueStats>();
      for (const r of countsByTarget.all() as Array<{ target: string; status: DeliveryStatus; n: number; oldest: number | null }>) {
        let t = byTarget.get(r.target);
        if (!t) byTarget.set(r.target, (t = { target: r.target, pending: 0, held: 0, dead: 0, oldestPendingAt: null }));
        if (r.status === 'pending' || r.status === 'delivering') {
          t.pending += r.n;
          if (r.oldest !== null && (t.oldestPendingAt === null || r.oldest < t.oldestPendingAt)) t.oldestPendingAt = r.oldest;
        } else if (r.status === 'held' || r.status === 'dead') {
          t[r.status] += r.n;
        }
      }
      return [...byTarget.values()].sort((a, b) => a.target.localeCompare(b.target));
    },
    stats(_now: number = now()): DeliveryStats {
      const s: DeliveryStats = { pending: 0, delivering: 0, delivered: 0, held: 0, filtered: 0, dead: 0, oldestPendingAt: null };
      for (const row of counts.all() as Array<{ status: DeliveryStatus; n: number }>) if (row.status in s) s[row.status] = row.n;
      s.oldestPendingAt = (oldest.get() as { t: number | null }).t;
      return s;
    },
  };
}
