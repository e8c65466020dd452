/**
 * Retention: old events that are done with (every delivery delivered, dead or filtered, or none at
 * all) are deleted in small batches, their deliveries with them (ON DELETE CASCADE); events with a
 * delivery pending, in flight or held are never deleted. Freed pages go back to the file system by
 * incremental vacuum (auto_vacuum = INCREMENTAL, set when the database is created; an older
 * database needs one full VACUUM to switch). Also the size and row counts for status and metrics.
 */
import type Database from 'better-sqlite3';

/** storage.retention when not configured: 30 days */
export const DEFAULT_RETENTION_MS = 30 * 86_400_000;

export interface StorageStats {
  /** bytes of the database file's pages (page_count × page_size), free pages included */
  sizeBytes: number;
  /** bytes of free pages (reclaimable) */
  freeBytes: number;
  rows: { repositories: number; refs: number; events: number; deliveries: number };
}

export type RetentionStore = ReturnType<typeof createRetentionStore>;

export function createRetentionStore(db: Database.Database) {
  // oldest first (events_by_detected); the NOT EXISTS uses deliveries_by_event
  const pruneBatch = db.prepare(
    `DELETE FROM events WHERE seq IN (
       SELECT e.seq FROM events e
        WHERE e.detected_at < @before
          AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND d.status IN ('pending', 'delivering', 'held'))
        ORDER BY e.detected_at LIMIT @limit)`,
  );
  const count = (table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck();
  const counts = { repositories: count('repositories'), refs: count('refs'), events: count('events'), deliveries: count('deliveries') };

  return {
    /** deletes up to `limit` done events detected before `before`; returns how many */
    pruneBatch(before: number, limit: number): number {
      return pruneBatch.run({ before, limit }).changes;
    },
    /**
     * Returns up to `pages` free pages to the file system; a no-op unless auto_vacuum is
     * INCREMENTAL. Returns the pages freed.
     */
    incrementalVacuum(pages: number): number {
      if (db.pragma('auto_vacuum', { simple: true }) !== 2) return 0;
      const free = db.pragma('freelist_count', { simple: true }) as number;
      if (free === 0) return 0;
      db.pragma(`incremental_vacuum(${Math.max(1, Math.floor(pages))})`);
      return free - (db.pragma('freelist_count', { simple: true }) as number);
    },
    stats(): StorageStats {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      const pageCount = db.pragma('page_count', { simple: true }) as number;
      const free = db.pragma('freelist_count', { simple: true }) as number;
      return {
        sizeBytes: pageSize * pageCount,
        freeBytes: pageSize * free,
        rows: {
          repositories: counts.repositories.get() as number,
          refs: counts.refs.get() as number,
          events: counts.events.get() as number,
          deliveries: counts.deliveries.get() as number,
        },
      };
    },
  };
}
