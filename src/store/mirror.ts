/** What each mirror target last pushed, per (repository, ref): the lease's expectation and the lag. */
import type Database from 'better-sqlite3';

export interface MirrorLag {
  target: string;
  /** watched refs whose source SHA differs from the SHA last pushed (or never pushed) */
  refsBehind: number;
  /** refs pushed and equal to the source */
  refsInSync: number;
  lastPushAt: number | null;
}

export type MirrorStore = ReturnType<typeof createMirrorStore>;

export function createMirrorStore(db: Database.Database) {
  const get = db.prepare('SELECT sha FROM mirror_refs WHERE target = ? AND repository = ? AND ref = ?').pluck();
  const upsert = db.prepare(
    `INSERT INTO mirror_refs (target, repository, ref, sha, pushed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (target, repository, ref) DO UPDATE SET sha = excluded.sha, pushed_at = excluded.pushed_at`,
  );
  const remove = db.prepare('DELETE FROM mirror_refs WHERE target = ? AND repository = ? AND ref = ?');
  const sourceRef = db.prepare(
    'SELECT f.sha FROM refs f JOIN repositories r ON r.id = f.repository_id WHERE r.name = ? AND f.kind = ? AND f.name = ?',
  ).pluck();
  const sourceRefs = db.prepare(
    'SELECT f.kind, f.name, f.sha FROM refs f JOIN repositories r ON r.id = f.repository_id WHERE r.name = ? ORDER BY f.kind, f.name',
  );
  const synced = db.prepare('SELECT 1 FROM mirror_syncs WHERE target = ? AND repository = ?').pluck();
  const addSync = db.prepare('INSERT OR IGNORE INTO mirror_syncs (target, repository, event_id, queued_at) VALUES (?, ?, ?, ?)');
  const lastPush = db.prepare('SELECT MAX(pushed_at) FROM mirror_refs WHERE target = ?').pluck();
  // refs of the named repositories against what the target holds
  const compare = db.prepare(
    `SELECT COUNT(*) AS total, SUM(CASE WHEN m.sha = f.sha THEN 1 ELSE 0 END) AS same
       FROM refs f JOIN repositories r ON r.id = f.repository_id
       LEFT JOIN mirror_refs m ON m.target = ? AND m.repository = r.name
         AND m.ref = (CASE f.kind WHEN 'branch' THEN 'refs/heads/' ELSE 'refs/tags/' END) || f.name
      WHERE r.name IN (SELECT value FROM json_each(?)) AND (f.kind = 'branch' OR ?)`,
  );

  return {
    /** the ref's SHA on the source as last listed; null when it is gone */
    sourceSha(repository: string, kind: 'branch' | 'tag', name: string): string | null {
      return (sourceRef.get(repository, kind, name) as string | undefined) ?? null;
    },
    /** every ref of the repository as last listed (the initial sync picks the watched ones) */
    sourceRefs(repository: string): Array<{ kind: 'branch' | 'tag'; name: string; sha: string }> {
      return sourceRefs.all(repository) as Array<{ kind: 'branch' | 'tag'; name: string; sha: string }>;
    },
    lastPushed(target: string, repository: string, ref: string): string | null {
      return (get.get(target, repository, ref) as string | undefined) ?? null;
    },
    recordPush(target: string, repository: string, ref: string, sha: string, at: number, _bytes = 0): void {
      upsert.run(target, repository, ref, sha, at);
    },
    /** whether the target's initial sync of the repository was queued (once, ever) */
    syncQueued(target: string, repository: string): boolean {
      return synced.get(target, repository) !== undefined;
    },
    /** records the sync as queued; false when it already was (call inside the transaction that queues it) */
    markSyncQueued(target: string, repository: string, eventId: string, at: number): boolean {
      return addSync.run(target, repository, eventId, at).changes > 0;
    },
    forget(target: string, repository: string, ref: string): void {
      remove.run(target, repository, ref);
    },
    /** lag of one target over the repositories it mirrors (tags counted when `tags`) */
    lag(target: string, repositories: string[], tags: boolean): MirrorLag {
      const row = compare.get(target, JSON.stringify(repositories), tags ? 1 : 0) as { total: number; same: number | null };
      return { target, refsBehind: row.total - (row.same ?? 0), refsInSync: row.same ?? 0, lastPushAt: (lastPush.get(target) as number | null) ?? null };
    },
  };
}
