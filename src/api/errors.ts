/** The API's one error shape, `{"error":{"code","message"}}`, and the exception routes throw to produce it. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../log.js';
import { describeSqliteError, sqliteErrorCode } from '../store/sqlite-errors.js';
import { redactText } from '../redact.js';

export type ApiErrorCode =
  | 'bad-request'
  | 'unauthorized'
  | 'not-found'
  | 'conflict'
  | 'ambiguous'
  | 'payload-too-large'
  | 'not-configured'
  | 'storage-unavailable'
  | 'internal';

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ApiErrorCode;
  constructor(status: ContentfulStatusCode, code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** The single onError: known errors answer their status; anything else is a bug, logged, answered 500 without details. */
export function handleError(err: Error, c: Context, log: Logger): Response {
  if (err instanceof ApiError) return c.json(errorBody(err.code, redactText(err.message)), err.status);
  const storage = describeSqliteError(err);
  if (storage) {
    // the database cannot answer (damaged, locked, I/O error): say so instead of a bare 500
    log.error({ err: err.message, code: sqliteErrorCode(err), method: c.req.method, path: c.req.path }, 'api request failed: storage');
    return c.json(errorBody('storage-unavailable', storage), 503);
  }
  log.error({ err, method: c.req.method, path: c.req.path }, 'api request failed');
  return c.json(errorBody('internal', 'internal error; see the daemon log'), 500);
}
