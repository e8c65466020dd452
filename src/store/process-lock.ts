/** The database held by one process only. */
import type Database from 'better-sqlite3';
import { ReposentryError, errorMessage } from '../errors.js';

/**
 * Holds SQLite's lock for the life of the process, so a second daemon on the same database fails
 * at start with a clear message instead of both polling and delivering the same events. Throws
 * (ReposentryError 'storage') when another process holds it; the caller closes the store.
 */
export function holdExclusiveLock(db: Database.Database, path: string): void {
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    // the exclusive lock is taken by the first write and then kept
    db.exec('BEGIN IMMEDIATE; COMMIT;');
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    throw new ReposentryError('storage', `database ${path} is locked: is another reposentry running on it? (${errorMessage(err)})`, { cause: err });
  }
}
