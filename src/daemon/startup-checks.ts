/** Checks that turn the usual startup failures into one clear line instead of a stack trace. */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Config } from '../config/types.js';
import { ReposentryError, errorMessage } from '../errors.js';
import type { Store } from '../store/index.js';
import { holdExclusiveLock } from '../store/process-lock.js';

export function ensureWritableDir(dir: string, key: string): void {
  const path = resolve(dir);
  try {
    mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : errorMessage(err);
    throw new ReposentryError('startup', `${key} ${path} is not writable (${why}): fix its permissions or point ${key} elsewhere`, { cause: err });
  }
}

export function checkStorageDirs(config: Config): void {
  ensureWritableDir(config.app.dataDir, 'app.data_dir');
  if (config.storage.sqlitePath !== ':memory:') ensureWritableDir(dirname(config.storage.sqlitePath), 'storage.sqlite.path');
}

/**
 * Holds SQLite's lock for the life of the process, so a second daemon on the same database fails
 * at start with a clear message instead of both polling and delivering the same events.
 */
export function lockDatabase(store: Store, path: string): void {
  try {
    holdExclusiveLock(store.db, path);
  } catch (err) {
    store.close();
    throw err;
  }
}
