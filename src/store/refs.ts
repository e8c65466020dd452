/** Stored ref heads per repository: the state every listing is diffed against. */
import type Database from 'better-sqlite3';
import type { Ref, RefKind } from '../types.js';

export type RefStore = ReturnType<typeof createRefStore>;

export function createRefStore(db: Database.Database) {
  const list = db.prepare('SELECT kind, name, sha FROM refs WHERE repository_id = ? ORDER BY kind, name');
  const upsert = db.prepare(
    `INSERT INTO refs (repository_id, kind, name, sha, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (repository_id, kind, name) DO UPDATE SET sha = excluded.sha, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM refs WHERE repository_id = ? AND kind = ? AND name = ?');
  const transitions = db.prepare('SELECT count FROM ref_transitions WHERE repository_name = ? AND ref = ?').pluck();
  const bump = db.prepare(
    `INSERT INTO ref_transitions (repository_name, ref, count) VALUES (?, ?, 1)
     ON CONFLICT (repository_name, ref) DO UPDATE SET count = count + 1`,
  );
  return {
    list: (repositoryId: number): Ref[] => list.all(repositoryId) as Ref[],
    /** call inside a transaction */
    upsert(repositoryId: number, ref: Ref, at: number): void {
      upsert.run(repositoryId, ref.kind, ref.name, ref.sha, at);
    },
    /** call inside a transaction */
    remove(repositoryId: number, kind: RefKind, name: string): void {
      remove.run(repositoryId, kind, name);
    },
    /** events recorded so far for this full ref of this repository (survives the ref's deletion) */
    transitions(repositoryName: string, ref: string): number {
      return (transitions.get(repositoryName, ref) as number | undefined) ?? 0;
    },
    /** call inside the transaction that writes the ref's event */
    countTransition(repositoryName: string, ref: string): void {
      bump.run(repositoryName, ref);
    },
  };
}
