/**
 * Retry delays. The first retry waits exactly `retry_backoff` (as config.example.yaml promises); each
 * later one waits a uniformly random time between `retry_backoff` and the doubled ceiling
 * `min(max_backoff, retry_backoff * 2^(attempt-1))` — AWS "full jitter"
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/) with a floor, so a
 * burst of failures spreads out without ever retrying faster than configured.
 */

/**
 * Retry-After is honoured up to the target's max_retry_after, by default the larger of max_backoff and
 * this: a receiver asking for an hour must not hold every later delivery of that ref for an hour.
 */
export const DEFAULT_RETRY_AFTER_CAP_MS = 5 * 60 * 1000;

/** The longest Retry-After honoured for a target. */
export function retryAfterCap(t: { maxBackoffMs: number; maxRetryAfterMs?: number }): number {
  return t.maxRetryAfterMs ?? Math.max(t.maxBackoffMs, DEFAULT_RETRY_AFTER_CAP_MS);
}

export interface BackoffInput {
  /** the attempt that just failed, 1-based */
  attempt: number;
  retryBackoffMs: number;
  maxBackoffMs: number;
  /** the receiver's Retry-After, in ms, when it sent one */
  retryAfterMs?: number | null;
  /** cap of an honoured Retry-After (default: retryAfterCap of maxBackoffMs) */
  maxRetryAfterMs?: number;
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
  const cap = retryAfterCap({ maxBackoffMs: max, maxRetryAfterMs: input.maxRetryAfterMs });
  return Math.max(computed, Math.min(input.retryAfterMs, cap));
}
