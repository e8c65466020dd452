/**
 * When the dispatcher should next look at the outbox. store.deliveries.nextDueAt() is the minimum over
 * every open delivery, including ones held back behind an earlier delivery of the same ref and target;
 * those are "due" in the past but cannot be claimed, and sleeping until then would spin. Only the
 * first open delivery of each (repository, ref, target) can be claimed, so only those count here.
 * (A candidate to move into src/store/deliveries.ts.)
 */
import type Database from 'better-sqlite3';

export type NextDue = () => number | null;

export function createNextDue(db: Database.Database): NextDue {
  const stmt = db.prepare(
    `SELECT MIN(CASE WHEN d.status = 'pending' THEN d.next_attempt_at ELSE d.lease_until END) AS t
     FROM deliveries d
     WHERE d.status IN ('pending', 'delivering')
       AND NOT EXISTS (SELECT 1 FROM deliveries p
         WHERE p.order_key = d.order_key AND p.id < d.id AND p.status IN ('pending', 'delivering'))`,
  );
  return () => (stmt.get() as { t: number | null }).t;
}
