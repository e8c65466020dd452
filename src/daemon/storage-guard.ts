/**
 * Guards against losing events to a vanished database. At start: a missing database file where a
 * marker says one existed is refused (a fresh one would silently re-baseline every repository and
 * forget the pending deliveries) unless the operator accepts an empty database. While running: the
 * path is compared with the open file (device and inode); when it was deleted or replaced, polling
 * stops and /ready fails, while the dispatcher keeps sending pending deliveries from the open file.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { ReposentryError } from '../errors.js';
import type { Logger } from '../log.js';
import type { FileStatus, Store } from '../store/index.js';
import { prepareQuickCheck, type QuickCheck } from '../store/maintenance.js';

/** The start waits at most this long for `PRAGMA quick_check`; a longer check is left to `reposentry db check`. */
export const QUICK_CHECK_TIMEOUT_MS = 10_000;

/** Refuses to start on a damaged database (quick_check), instead of failing later with a 500 on some query. */
export async function checkDatabaseAtStart(dbPath: string, log: Logger, timeoutMs = QUICK_CHECK_TIMEOUT_MS, quickCheck: QuickCheck = prepareQuickCheck()): Promise<void> {
  const check = await quickCheck.run(dbPath, timeoutMs);
  if (check.status === 'damaged') {
    throw new ReposentryError(
      'storage',
      `database ${dbPath} is damaged (quick_check: ${check.problems[0]}${check.problems.length > 1 ? `, and ${check.problems.length - 1} more` : ''}): ` +
        'stop here, keep a copy of the file, and restore the last backup; `reposentry db check` lists the problems (see docs/operations.md)',
    );
  }
  if (check.status === 'timeout') log.warn({ durationMs: check.durationMs }, 'database quick_check did not finish in time; starting anyway (run reposentry db check)');
  else if (check.status === 'ok') log.info({ durationMs: check.durationMs }, 'database quick_check ok');
  else if (check.error) log.debug({ err: check.error }, 'database quick_check skipped');
}

export function markerPath(dbPath: string): string {
  return `${dbPath}.marker`;
}

/** Before opening: refuses a missing database that the marker says existed, unless accepted. */
export function checkDatabaseMarker(dbPath: string, acceptEmpty: boolean, log: Logger): void {
  if (dbPath === ':memory:' || existsSync(dbPath) || !existsSync(markerPath(dbPath))) return;
  if (!acceptEmpty) {
    throw new ReposentryError(
      'storage',
      `database ${dbPath} is missing, but ${markerPath(dbPath)} shows that one existed: starting empty would lose its pending ` +
        'deliveries and re-baseline every repository silently. Restore the file from a backup (see docs/operations.md), ' +
        'or start with --accept-empty-db (storage.sqlite.accept_empty_db: true) to begin with an empty database',
    );
  }
  log.warn({ path: dbPath }, 'database missing; starting with an empty one as accepted (--accept-empty-db)');
}

/** After opening: the marker that makes a later disappearance of the file visible. */
export function writeDatabaseMarker(dbPath: string): void {
  if (dbPath === ':memory:' || existsSync(markerPath(dbPath))) return;
  writeFileSync(
    markerPath(dbPath),
    `${JSON.stringify({ database: dbPath, created_at: new Date().toISOString(), note: 'written by reposentry: this directory held a database' })}\n`,
  );
}

export interface FileGuard {
  /** compares the path with the open file; on the first mismatch logs and calls onLost once */
  check(): FileStatus;
  close(): void;
}

export function guardDatabaseFile(opts: { store: Store; path: string; log: Logger; onLost: () => void; intervalMs?: number }): FileGuard {
  let lost: FileStatus = 'ok';
  function check(): FileStatus {
    if (lost !== 'ok') return lost;
    const status = opts.store.fileStatus();
    if (status === 'ok') return status;
    lost = status;
    opts.log.error(
      { path: opts.path, status },
      'database file deleted or replaced while running: polling stopped, pending deliveries still go out from the open file; ' +
        'restore the file (or keep this process running until the queue drains) and restart',
    );
    opts.onLost();
    return status;
  }
  // between readiness probes, too: nobody may be probing
  const timer = setInterval(check, opts.intervalMs ?? 10_000);
  timer.unref();
  return { check, close: () => clearInterval(timer) };
}
