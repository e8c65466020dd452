/**
 * One error base class with a stable kebab-case code (what logs, the API and tests match on).
 * Upstream failures (providers, receivers) are kept apart from config errors and from bugs.
 */
export type ErrorCode =
  | 'config-invalid'
  | 'usage'
  | 'storage'
  | 'upstream'
  | 'upstream-auth'
  | 'upstream-not-found'
  | 'upstream-rate-limited'
  | 'upstream-timeout'
  | 'upstream-bad-response'
  | 'git'
  | 'startup'
  | 'not-found'
  | 'internal';

export class ReposentryError extends Error {
  readonly code: ErrorCode;
  readonly context: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.context = options.context ?? {};
  }
}

/** A failure of something outside reposentry: a provider API, a git server, a receiver. */
export class UpstreamError extends ReposentryError {
  readonly status?: number;
  constructor(
    code: Extract<ErrorCode, `upstream${string}` | 'git'>,
    message: string,
    options: { cause?: unknown; context?: Record<string, unknown>; status?: number } = {},
  ) {
    super(code, message, options);
    this.status = options.status;
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
