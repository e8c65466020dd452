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
    lastPushed(target: string, repository: string, ref: string): string | null {
      return (get.get(target, repository, ref) as string | undefined) ?? null;
    },
    recordPush(target: string, repository: string, ref: string, sha: string, at: number, _bytes = 0): void {
      upsert.run(target, repository, ref, sha, at);
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
