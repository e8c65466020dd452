/** Events per type since a sequence number: the metrics' events counter reads only what is new. */
import type Database from 'better-sqlite3';

export interface EventCounts {
  counts: Array<{ type: string; n: number }>;
  maxSeq: number;
}

export function createEventCounter(db: Database.Database): (afterSeq: number) => EventCounts {
  const counts = db.prepare('SELECT type, COUNT(*) AS n FROM events WHERE seq > ? GROUP BY type');
  const max = db.prepare('SELECT COALESCE(MAX(seq), 0) AS m FROM events');
  return (afterSeq) => ({
    counts: counts.all(afterSeq) as Array<{ type: string; n: number }>,
    maxSeq: (max.get() as { m: number }).m,
  });
}
