/**
 * The storage's health as the daemon sees it: a failing write (disk full, I/O error, read-only file)
 * turns it degraded until a write succeeds again. Callers back off by retryDelayMs() (exponential,
 * capped) instead of retrying in a tight loop, and the state is logged once per change, with a
 * reminder while it lasts, instead of a line per failed write (docs/performance.md has what that was).
 */
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { sqliteErrorCode } from './sqlite-errors.js';

export interface StorageHealth {
  /** a storage operation failed; `what` names it in the log */
  failed(err: unknown, what: string): void;
  /** a storage write succeeded (a no-op while healthy) */
  succeeded(): void;
  ok(): boolean;
  /** how long to wait before the next try: 0 while healthy */
  retryDelayMs(): number;
  state(): { ok: boolean; since: number | null; failures: number; lastError: string | null };
}

export interface StorageHealthOptions {
  log: Logger;
  now?: () => number;
  /** first retry delay (default 500 ms), doubled per failure up to maxDelayMs (default 60 s) */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** while degraded, log a reminder this often (default 5 min) */
  reminderMs?: number;
}

export function createStorageHealth(opts: StorageHealthOptions): StorageHealth {
  const now = opts.now ?? Date.now;
  const base = opts.baseDelayMs ?? 500;
  const max = opts.maxDelayMs ?? 60_000;
  const reminderMs = opts.reminderMs ?? 5 * 60_000;
  let since: number | null = null;
  let failures = 0;
  let lastError: string | null = null;
  let lastLogged = 0;

  return {
    failed(err, what) {
      const at = now();
      failures++;
      lastError = errorMessage(err);
      const code = sqliteErrorCode(err);
      if (since === null) {
        since = at;
        lastLogged = at;
        opts.log.error({ what, code, err: lastError }, 'storage failing: writes are retried with backoff; nothing is lost meanwhile');
      } else if (at - lastLogged >= reminderMs) {
        lastLogged = at;
        opts.log.error({ what, code, err: lastError, failures, sinceMs: at - since }, 'storage still failing');
      }
    },
    succeeded() {
      if (since === null) return;
      opts.log.info({ failures, downMs: now() - since }, 'storage recovered');
      since = null;
      failures = 0;
      lastError = null;
    },
    ok: () => since === null,
    retryDelayMs: () => (since === null ? 0 : Math.min(max, base * 2 ** Math.min(failures - 1, 20))),
    state: () => ({ ok: since === null, since, failures, lastError }),
  };
}
