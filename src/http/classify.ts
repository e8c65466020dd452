/**
 * The HTTP status rules, in one place. classifyStatus: a provider's error answer (polling).
 * receiverOutcome: a delivery receiver's answer.
 *
 * Provider answers: maps an error answer to an UpstreamError and a retry decision.
 * Retried: 5xx and rate-limit answers (429, GitHub's primary 403 with remaining 0, secondary-limit 403).
 * Never retried: 400, 401, 403 (other), 404, 422 — asking again cannot change the answer.
 */
import { UpstreamError } from '../errors.js';
import { MAX_DATE_MS, parseRetryAfter } from './retry-after.js';

export interface Verdict {
  error: UpstreamError;
  retry: boolean;
  /** how long the whole budget must wait before the next request (rate limits) */
  holdMs?: number;
}

/** GitHub: "wait at least one minute before retrying" when a secondary limit answer has no Retry-After. */
const SECONDARY_LIMIT_DEFAULT_WAIT_MS = 60_000;

function providerMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string') {
      return (parsed as { message: string }).message.slice(0, 200);
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 200);
}

export function classifyStatus(
  status: number,
  headers: Record<string, string>,
  body: string,
  url: string,
  now: number,
  method: string = 'GET',
): Verdict {
  const detail = providerMessage(body);
  const where = `${method} ${url}`;
  const context = { url, status };
  const suffix = detail ? `: ${detail}` : '';
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  const remaining = headers['x-ratelimit-remaining'] ?? headers['ratelimit-remaining'];
  const resetSeconds = Number(headers['x-ratelimit-reset'] ?? headers['ratelimit-reset']);
  // a reset past the last date a Date holds is garbage: the default wait applies
  const untilReset = Number.isFinite(resetSeconds) && resetSeconds > 1e9 && resetSeconds * 1000 <= MAX_DATE_MS ? Math.max(0, resetSeconds * 1000 - now) : undefined;

  // GitHub documents both limits here:
  // https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
  // Secondary limit: 403 or 429 whose body mentions it; honour Retry-After, else wait at least 60 s.
  if ((status === 403 || status === 429) && /secondary rate limit/i.test(body)) {
    const holdMs = Math.max(retryAfter ?? SECONDARY_LIMIT_DEFAULT_WAIT_MS, 0);
    return { error: new UpstreamError('upstream-rate-limited', `secondary rate limit (${status}) on ${where}${suffix}`, { status, context }), retry: true, holdMs };
  }
  // Primary limit spent: 403 or 429 with x-ratelimit-remaining 0; wait for x-ratelimit-reset.
  if ((status === 403 || status === 429) && remaining === '0') {
    const holdMs = retryAfter ?? untilReset ?? SECONDARY_LIMIT_DEFAULT_WAIT_MS;
    return { error: new UpstreamError('upstream-rate-limited', `rate limit spent (${status}) on ${where}${suffix}`, { status, context }), retry: true, holdMs };
  }
  if (status === 429 || (status === 403 && retryAfter !== undefined)) {
    return { error: new UpstreamError('upstream-rate-limited', `rate limited (${status}) on ${where}${suffix}`, { status, context }), retry: true, holdMs: retryAfter };
  }
  if (status === 401 || status === 403) {
    return { error: new UpstreamError('upstream-auth', `authentication failed (${status}) on ${where}${suffix}`, { status, context }), retry: false };
  }
  if (status === 404 || status === 410) {
    return { error: new UpstreamError('upstream-not-found', `not found (${status}) on ${where}${suffix}`, { status, context }), retry: false };
  }
  if (status >= 500) {
    return { error: new UpstreamError('upstream', `server error (${status}) on ${where}${suffix}`, { status, context }), retry: true };
  }
  return { error: new UpstreamError('upstream', `unexpected status ${status} on ${where}${suffix}`, { status, context }), retry: false };
}

/** What a delivery receiver's status means for the delivery. */
export type ReceiverOutcome = 'delivered' | 'retry' | 'dead';

/**
 * 2xx delivered; 408, 429, 5xx and 3xx retried (a redirect is not followed, so it counts as a
 * failed, retryable attempt); any other 4xx is dead: sending the same body again cannot help.
 */
export function receiverOutcome(status: number): ReceiverOutcome {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500 || (status >= 300 && status < 400)) return 'retry';
  return 'dead';
}
