/** Events: one row per detected change, id deterministic (src/events/id.ts), newest-first listing. */
import type Database from 'better-sqlite3';
import type { DeliveryStatus, EventData, EventType, ProviderId, RefKind, StoredEvent } from '../types.js';

/** An event about to be written: a StoredEvent before SQLite gives it its seq, with its repository's row id. */
export interface NewEvent extends Omit<StoredEvent, 'seq'> {
  repositoryId: number;
}

export interface EventQuery {
  repository?: string;
  type?: StoredEvent['type'];
  status?: DeliveryStatus;
  limit?: number;
  /** opaque: the seq of the last event of the previous page */
  cursor?: string;
}

export interface EventSummary extends StoredEvent {
  /** the least advanced status among its deliveries: dead, then delivering, pending, delivered; null without deliveries */
  deliveryStatus: DeliveryStatus | null;
}

export interface RawEvent {
  seq: number;
  id: string;
  type: EventType;
  repository_name: string;
  repository_url: string;
  provider: ProviderId;
  ref_kind: RefKind;
  ref_name: string;
  before_sha: string;
  after_sha: string;
  detected_at: number;
  data: string;
}

export function toStoredEvent(raw: RawEvent): StoredEvent {
  return {
    id: raw.id,
    seq: raw.seq,
    type: raw.type,
    repositoryName: raw.repository_name,
    repositoryUrl: raw.repository_url,
    provider: raw.provider,
    refKind: raw.ref_kind,
    refName: raw.ref_name,
    before: raw.before_sha,
    after: raw.after_sha,
    detectedAt: raw.detected_at,
    data: JSON.parse(raw.data) as EventData,
  };
}

const STATUS_RANK = `(SELECT CASE
    WHEN SUM(d.status = 'dead') > 0 THEN 'dead'
    WHEN SUM(d.status = 'delivering') > 0 THEN 'delivering'
    WHEN SUM(d.status = 'pending') > 0 THEN 'pending'
    WHEN SUM(d.status = 'held') > 0 THEN 'held'
    WHEN SUM(d.status = 'filtered') = COUNT(*) AND COUNT(*) > 0 THEN 'filtered'
    WHEN COUNT(*) > 0 THEN 'delivered' END
  FROM deliveries d WHERE d.event_id = e.id) AS delivery_status`;

export type EventStore = ReturnType<typeof createEventStore>;

export function createEventStore(db: Database.Database) {
  // INSERT OR IGNORE: the same detection (same id: same ref, SHAs and transition number) written
  // again keeps its first row. A later change of the ref has the next transition number, hence its
  // own id and row, even when its SHAs repeat an earlier change.
  const insert = db.prepare(
    `INSERT OR IGNORE INTO events (id, type, repository_id, repository_name, repository_url, provider,
       ref_kind, ref_name, before_sha, after_sha, detected_at, data)
     VALUES (@id, @type, @repositoryId, @repositoryName, @repositoryUrl, @provider,
       @refKind, @refName, @before, @after, @detectedAt, @data)`,
  );
  const byId = db.prepare('SELECT * FROM events WHERE id = ?');
  // a range on the primary key: a prefix lookup uses its index
  const idsFrom = db.prepare('SELECT id FROM events WHERE id >= ? AND id < ? ORDER BY id LIMIT ?').pluck();
  const listCache = new Map<string, Database.Statement>();

  function listStatement(q: EventQuery): Database.Statement {
    const where: string[] = [];
    if (q.repository !== undefined) where.push('e.repository_name = @repository');
    if (q.type !== undefined) where.push('e.type = @type');
    if (q.status !== undefined) where.push('EXISTS (SELECT 1 FROM deliveries x WHERE x.event_id = e.id AND x.status = @status)');
    if (q.cursor !== undefined) where.push('e.seq < @cursor');
    const sql = `SELECT e.*, ${STATUS_RANK} FROM events e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY e.seq DESC LIMIT @limit`;
    let stmt = listCache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      listCache.set(sql, stmt);
    }
    return stmt;
  }

  return {
    /** call inside a transaction; returns whether a new row was written */
    insert(e: NewEvent): boolean {
      return insert.run({ ...e, data: JSON.stringify(e.data) }).changes > 0;
    },
    /** event ids starting with `prefix` (at most `limit`), like git's abbreviated commit ids */
    idsWithPrefix(prefix: string, limit = 10): string[] {
      return idsFrom.all(prefix, `${prefix}\uffff`, limit) as string[];
    },
    get(id: string): StoredEvent | undefined {
      const raw = byId.get(id) as RawEvent | undefined;
      return raw && toStoredEvent(raw);
    },
    list(q: EventQuery = {}): { events: EventSummary[]; nextCursor: string | null } {
      const limit = Math.min(Math.max(q.limit ?? 50, 1), 1000);
      const cursor = q.cursor !== undefined ? Number.parseInt(q.cursor, 10) : undefined;
      const params = {
        repository: q.repository,
        type: q.type,
        status: q.status,
        cursor: Number.isFinite(cursor) ? cursor : undefined,
        limit: limit + 1,
      };
      const stmt = listStatement({ ...q, cursor: params.cursor === undefined ? undefined : String(params.cursor) });
      const bound = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
      const rows = stmt.all(bound) as Array<RawEvent & { delivery_status: DeliveryStatus | null }>;
      const page = rows.slice(0, limit);
      return {
        events: page.map((r) => ({ ...toStoredEvent(r), deliveryStatus: r.delivery_status })),
        nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null,
      };
    },
  };
}
