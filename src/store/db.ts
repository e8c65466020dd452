/** Opens the SQLite database with the pragmas reposentry relies on, then migrates it. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ReposentryError, errorMessage } from '../errors.js';
import { migrate, type Migration } from './migrate.js';
import { describeSqliteError } from './sqlite-errors.js';

export interface OpenDatabaseOptions {
  /** path to better_sqlite3.node, for the single executable build which ships the addon as an asset */
  nativeBinding?: string;
  /** migrations to apply instead of reading migrations/ (the single executable embeds them) */
  migrations?: Migration[];
  readonly?: boolean;
}

export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): Database.Database {
  let db: Database.Database;
  try {
    if (path !== ':memory:' && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { nativeBinding: opts.nativeBinding, readonly: opts.readonly ?? false, timeout: 5000 });
  } catch (err) {
    throw new ReposentryError('storage', describeSqliteError(err, path) ?? `cannot open database ${path}: ${errorMessage(err)}`, { cause: err });
  }
  try {
    if (!opts.readonly) {
      // Takes effect only on a database without tables yet (a new one), or at the next full VACUUM:
      // retention's deletes then give their pages back with incremental_vacuum.
      db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode is durable across process crashes (kill -9); only an OS crash may lose the last commits.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) migrate(db, opts.migrations);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof ReposentryError) throw err;
    const known = describeSqliteError(err, path);
    if (known) throw new ReposentryError('storage', known, { cause: err });
    const message = errorMessage(err);
    const hint = /locked|busy/i.test(message) ? ' (is another reposentry using this database?)' : '';
    throw new ReposentryError('storage', `cannot prepare database ${path}: ${message}${hint}`, { cause: err });
  }
}
