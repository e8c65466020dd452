/**
 * Throttle layer: one budget per (host, token). Seeded from `rate_limit` as a token bucket
 * (token-bucket.ts: burst, refilled at the configured rate), then driven by the provider's
 * answers: a spent budget (remaining 0), Retry-After or a secondary limit holds every request of
 * that budget until the given time, while other budgets carry on.
 */
import { createHash } from 'node:crypto';
import type { RateLimitConfig } from '../config/types.js';
import { UpstreamError } from '../errors.js';
import type { Clock } from './clock.js';
import { createRateMeter } from './rate-meter.js';
import type { RateLimitInfo } from './rate-limit-headers.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';
import type { BudgetSnapshot, LearnedBudget } from './types.js';

export interface Budget {
  readonly key: string;
  /**
   * Takes a request's slot: undefined when it is free at once (no promise to wait for: most
   * requests), else a promise that waits for a held budget and a bucket token and rejects with
   * upstream-rate-limited past maxWaitMs.
   */
  acquire(signal: AbortSignal | undefined): Promise<void> | undefined;
  /** gives back the token of a request that cost no quota (a 304); `at`: the clock's time when the caller has read it */
  refund(at?: number): void;
  observe(info: RateLimitInfo): void;
  holdUntil(at: number): void;
  snapshot(): BudgetSnapshot;
  /** what the provider told this budget, for a client that replaces this one (a reload) */
  learned(): LearnedBudget;
}

/**
 * A token's identity in budget keys, plans, logs and the status API: a short sha256 prefix, so
 * groups can be told apart without carrying the secret.
 */
export function tokenId(token: string | undefined): string {
  return token ? createHash('sha256').update(token).digest('hex').slice(0, 12) : 'anonymous';
}

/** The `rate_limit` entry that paces a budget: by host (with port), then host name, then provider id. */
export function rateLimitFor(
  limits: Record<string, RateLimitConfig>,
  host: string,
  hostname: string,
  provider: string | undefined,
): RateLimitConfig | undefined {
  return limits[host] ?? limits[hostname] ?? (provider ? limits[provider] : undefined);
}

export function budgetKey(host: string, token: string | undefined, resource?: string, budgetId?: string): string {
  if (budgetId) return resource ? `${host}#${budgetId}/${resource}` : `${host}#${budgetId}`;
  const id = tokenId(token);
  return resource ? `${host}#${id}/${resource}` : `${host}#${id}`;
}

/** Requests per second of a `rate_limit` entry, or null when it sets no rate. */
export function configuredPerSecond(config: RateLimitConfig | undefined): number | null {
  if (config?.requestsPerSecond) return config.requestsPerSecond;
  if (config?.requestsPerHour) return config.requestsPerHour / 3600;
  return null;
}

export function createBudget(
  host: string,
  token: string | undefined,
  config: RateLimitConfig | undefined,
  clock: Clock,
  maxWaitMs: number,
  learned?: LearnedBudget,
  resource?: string,
  budgetId?: string,
): Budget {
  const key = budgetKey(host, token, resource, budgetId);
  const perSecond = configuredPerSecond(config);
  const bucket: TokenBucket | undefined = perSecond ? createTokenBucket(perSecond, config?.burst ?? 1, clock) : undefined;
  const meter = createRateMeter(clock);
  let limit = learned?.limit ?? config?.requestsPerHour ?? config?.requestsPerSecond ?? null;
  let remaining: number | null = learned?.remaining ?? null;
  let resetAt: number | null = learned?.resetAt ?? null;
  let heldUntil = learned?.heldUntil ?? 0;

  function blockedUntil(now = clock.now()): number {
    if (remaining === 0 && resetAt !== null) {
      if (resetAt > now) return Math.max(heldUntil, resetAt);
      remaining = null; // the window has reset; the next answer tells us the new numbers
    }
    return heldUntil;
  }

  async function waitAndTake(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      const until = blockedUntil();
      const wait = until - clock.now();
      if (wait <= 0) break;
      if (wait > maxWaitMs) {
        const what = resource ? `${resource} rate limit` : 'rate limit';
        throw new UpstreamError('upstream-rate-limited', `${what} for ${host} is spent until ${new Date(until).toISOString()}`, {
          context: { host, retryAt: until },
        });
      }
      await clock.sleep(wait, signal);
    }
    if (bucket) await bucket.take(signal);
    meter.add(1);
  }

  return {
    key,
    acquire(signal) {
      const now = clock.now();
      if (bucket || blockedUntil(now) > now) return waitAndTake(signal);
      meter.add(1, now);
      return undefined;
    },
    refund(at) {
      bucket?.giveBack();
      meter.add(-1, at);
    },
    observe(info) {
      if (info.limit !== undefined) limit = info.limit;
      if (info.remaining !== undefined) remaining = info.remaining;
      if (info.resetAt !== undefined) resetAt = info.resetAt;
    },
    holdUntil(at) {
      heldUntil = Math.max(heldUntil, at);
    },
    snapshot() {
      const until = blockedUntil();
      const snap: BudgetSnapshot = {
        key, host, limit, remaining, resetAt,
        configuredPerSecond: perSecond,
        achievedPerSecond: Math.round(meter.perSecond() * 100) / 100,
      };
      if (until > clock.now()) snap.waitingUntil = until;
      if (resource) snap.resource = resource;
      return snap;
    },
    learned() {
      return { key, limit, remaining, resetAt, heldUntil };
    },
  };
}
