/**
 * The one place errors become exit codes (README.md documents them):
 * 0 success, 1 runtime failure, 2 invalid config or invalid usage.
 */
import { CommanderError } from 'commander';
import { ReposentryError, type ErrorCode } from '../errors.js';
import { describeSqliteError } from '../store/sqlite-errors.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INVALID = 2;

const INVALID_CODES: readonly ErrorCode[] = ['config-invalid', 'usage'];

export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version end in a CommanderError with exitCode 0
    return err.exitCode === 0 ? EXIT_OK : EXIT_INVALID;
  }
  if (err instanceof ReposentryError && INVALID_CODES.includes(err.code)) return EXIT_INVALID;
  return EXIT_FAILURE;
}

/**
 * One clear line for stderr, or undefined when commander already printed it. A stack only for bugs,
 * or with `debug` (--log-level debug): a read-only or damaged database is the operator's to fix.
 */
export function errorLine(err: unknown, opts: { debug?: boolean } = {}): string | undefined {
  if (err instanceof CommanderError) return undefined;
  const stack = (e: unknown) => (opts.debug && e instanceof Error && e.stack ? `\n${e.stack}` : '');
  if (err instanceof ReposentryError) return `reposentry: ${err.message}${stack(err.cause)}`;
  const sqlite = describeSqliteError(err);
  if (sqlite) return `reposentry: ${sqlite}${stack(err)}`;
  // An unexpected bug: keep the stack, it is what a bug report needs.
  return `reposentry: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
}
