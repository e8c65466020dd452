/**
 * SQLite failures an operator can act on, mapped from better-sqlite3's error codes (SQLITE_FULL,
 * SQLITE_READONLY_DBMOVED, …; the primary code is the part before a second underscore) to one line
 * that says what to do.
 */
export type SqliteProblem = 'readonly' | 'corrupt' | 'full' | 'ioerr' | 'busy' | 'cantopen';

/** The extended SQLite code of an error (e.g. "SQLITE_IOERR_WRITE"), or undefined. */
export function sqliteErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return undefined;
}

export function sqliteProblem(err: unknown): SqliteProblem | undefined {
  const code = sqliteErrorCode(err);
  if (!code) return undefined;
  if (code.startsWith('SQLITE_READONLY')) return 'readonly';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_IOERR')) return 'ioerr';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'cantopen';
  return undefined;
}

const ADVICE: Record<SqliteProblem, string> = {
  readonly: 'the database file (or its directory, or its -wal/-shm files) is read-only: fix its permissions or ownership so the reposentry user can write it',
  corrupt: 'the database file is damaged: stop reposentry, keep a copy of the file, and restore the last backup (reposentry db backup); see docs/operations.md',
  full: 'the disk holding the database is full: free space there (reposentry retries by itself and loses nothing)',
  ioerr: 'the disk returned an I/O error: check the device and the kernel log; if the file is damaged, restore the last backup',
  busy: 'the database is locked by another process: is another reposentry (or a tool) using this file?',
  cantopen: 'the database file cannot be opened: check that its directory exists and is writable by the reposentry user',
};

/** One line for an operator: what happened and what to do; undefined for errors that are not SQLite's. */
export function describeSqliteError(err: unknown, path?: string): string | undefined {
  const problem = sqliteProblem(err);
  if (!problem) return undefined;
  const code = sqliteErrorCode(err);
  const where = path ? `database ${path}: ` : 'database: ';
  return `${where}${ADVICE[problem]} (${code})`;
}
