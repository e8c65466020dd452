/**
 * GitHub answers a spent GraphQL budget with a 200 whose body carries a `RATE_LIMITED` error
 * (https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api):
 * the HTTP layer sees a success, so the hold is set here, until `x-ratelimit-reset` (or
 * Retry-After, or a minute when neither is sent), and the error says when the budget frees.
 */
import { UpstreamError } from '../../errors.js';
import { parseRetryAfter } from '../../http/retry-after.js';
import type { HttpClient, HttpResponse } from '../../http/types.js';

/** GitHub: "wait at least one minute" when a limit answer says nothing about when to retry. */
const DEFAULT_WAIT_MS = 60_000;

function freeAt(res: HttpResponse, now: number): number {
  const reset = Number(res.headers['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset * 1000 > now) return reset * 1000;
  const retryAfter = parseRetryAfter(res.headers['retry-after'], now);
  return now + (retryAfter ?? DEFAULT_WAIT_MS);
}

export function holdIfLimited<T>(http: HttpClient, req: { url: string; token?: string; budgetId?: string }, res: HttpResponse, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof UpstreamError) || err.code !== 'upstream-rate-limited') throw err;
    const retryAt = freeAt(res, Date.now());
    http.holdUntil({ ...req, resource: 'graphql', provider: 'github' }, retryAt);
    throw new UpstreamError('upstream-rate-limited', `${err.message} (GraphQL budget held until ${new Date(retryAt).toISOString()})`, {
      cause: err, context: { ...err.context, retryAt },
    });
  }
}
