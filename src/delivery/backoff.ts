/**
 * Retry delays. The first retry waits exactly `retry_backoff` (as config.example.yaml promises); each
 * later one waits a uniformly random time between `retry_backoff` and the doubled ceiling
 * `min(max_backoff, retry_backoff * 2^(attempt-1))` — AWS "full jitter"
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/) with a floor, so a
 * burst of failures spreads out without ever retrying faster than configured.
 */

/** Retry-After is honoured, but never beyond this (or max_backoff, if larger): a receiver must not park a delivery for days. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

export interface BackoffInput {
  /** the attempt that just failed, 1-based */
  attempt: number;
  retryBackoffMs: number;
  maxBackoffMs: number;
  /** the receiver's Retry-After, in ms, when it sent one */
  retryAfterMs?: number | null;
  /** injectable for tests; returns [0, 1) */
  random?: () => number;
}

export function backoffDelay(input: BackoffInput): number {
  const base = Math.max(0, input.retryBackoffMs);
  const max = Math.max(base, input.maxBackoffMs);
  const exponent = Math.min(Math.max(input.attempt, 1) - 1, 52);
  const ceiling = Math.min(max, base * 2 ** exponent);
  const random = input.random ?? Math.random;
  const computed = Math.round(base + random() * (ceiling - base));
  if (input.retryAfterMs == null || input.retryAfterMs <= 0) return computed;
  return Math.max(computed, Math.min(input.retryAfterMs, Math.max(max, MAX_RETRY_AFTER_MS)));
}

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Null when absent or unparseable —
 * a blank or garbage value is ignored rather than treated as "retry now".
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return null;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (text === '') return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
