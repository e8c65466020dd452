/**
 * Throttle layer: one budget per (host, token). Seeded from `rate_limit` as a token bucket in
 * bottleneck (reservoir = burst, refilled at the configured rate), then driven by the provider's
 * answers: a spent budget (remaining 0), Retry-After or a secondary limit holds every request of
 * that budget until the given time, while other budgets carry on.
 */
import { createHash } from 'node:crypto';
import Bottleneck from 'bottleneck';
import type { RateLimitConfig } from '../config/types.js';
import { UpstreamError } from '../errors.js';
import type { Clock } from './clock.js';
import type { RateLimitInfo } from './rate-limit-headers.js';
import type { BudgetSnapshot } from './types.js';

export interface Budget {
  readonly key: string;
  /** waits for a held budget and for a bucket token; throws upstream-rate-limited past maxWaitMs */
  acquire(signal: AbortSignal | undefined): Promise<void>;
  /** gives back the token of a request that cost no quota (a 304) */
  refund(): void;
  observe(info: RateLimitInfo): void;
  holdUntil(at: number): void;
  snapshot(): BudgetSnapshot;
  close(): Promise<void>;
}

export function budgetKey(host: string, token: string | undefined): string {
  const id = token ? createHash('sha256').update(token).digest('hex').slice(0, 12) : 'anonymous';
  return `${host}#${id}`;
}

function createLimiter(config: RateLimitConfig | undefined): { limiter?: Bottleneck; limit: number | null } {
  if (!config) return { limit: null };
  const perMs = config.requestsPerSecond
    ? config.requestsPerSecond / 1000
    : config.requestsPerHour
      ? config.requestsPerHour / 3_600_000
      : undefined;
  if (!perMs) return { limit: null };
  const burst = Math.max(1, config.burst ?? 1);
  const limiter = new Bottleneck({
    reservoir: burst,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseInterval: Math.max(1, Math.round(1 / perMs)),
    reservoirIncreaseMaximum: burst,
  });
  return { limiter, limit: config.requestsPerHour ?? config.requestsPerSecond ?? null };
}

export function createBudget(
  host: string,
  token: string | undefined,
  config: RateLimitConfig | undefined,
  clock: Clock,
  maxWaitMs: number,
): Budget {
  const key = budgetKey(host, token);
  const { limiter, limit: seededLimit } = createLimiter(config);
  let limit = seededLimit;
  let remaining: number | null = null;
  let resetAt: number | null = null;
  let heldUntil = 0;

  function blockedUntil(): number {
    const now = clock.now();
    if (remaining === 0 && resetAt !== null) {
      if (resetAt > now) return Math.max(heldUntil, resetAt);
      remaining = null; // the window has reset; the next answer tells us the new numbers
    }
    return heldUntil;
  }

  return {
    key,
    async acquire(signal) {
      for (;;) {
        const until = blockedUntil();
        const wait = until - clock.now();
        if (wait <= 0) break;
        if (wait > maxWaitMs) {
          throw new UpstreamError('upstream-rate-limited', `rate limit for ${host} is spent until ${new Date(until).toISOString()}`, {
            context: { host, retryAt: until },
          });
        }
        await clock.sleep(wait, signal);
      }
      if (limiter) await limiter.schedule(() => Promise.resolve());
    },
    refund() {
      // incrementReservoir is not capped by reservoirIncreaseMaximum, but we only return what acquire took.
      if (limiter) void limiter.incrementReservoir(1);
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
      const snap: BudgetSnapshot = { key, host, limit, remaining, resetAt };
      if (until > clock.now()) snap.waitingUntil = until;
      return snap;
    },
    async close() {
      if (limiter) await limiter.stop({ dropWaitingJobs: true });
    },
  };
}
