/**
 * Reads a provider's rate-limit headers into one shape.
 * GitHub: x-ratelimit-limit/remaining/used/reset (epoch s)/resource
 *   https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 * GitLab: RateLimit-Limit/Remaining/Reset (epoch s) and RateLimit-ResetTime (HTTP date)
 *   https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/#response-headers
 */
import { MAX_DATE_MS } from './retry-after.js';

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** epoch ms */
  resetAt?: number;
}

function num(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Reset values below 1e9 are deltas in seconds (IETF RateLimit draft), larger ones epoch seconds.
 * A reset past the last date a Date holds is no reset (ignored like any garbage value).
 */
function resetToMs(value: number | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const ms = value < 1e9 ? now + value * 1000 : value * 1000;
  return ms <= MAX_DATE_MS ? ms : undefined;
}

/** @param expected the budget's resource: `core` (REST) unless the request named another (`graphql`) */
export function readRateLimitHeaders(headers: Record<string, string>, now: number, expected = 'core'): RateLimitInfo | undefined {
  const resource = headers['x-ratelimit-resource'];
  // GitHub resources (core, graphql, search…) have limits of their own: an answer drives only its own budget.
  if (resource !== undefined ? resource !== expected : expected !== 'core') return undefined;
  const limit = num(headers['x-ratelimit-limit'] ?? headers['ratelimit-limit']);
  const remaining = num(headers['x-ratelimit-remaining'] ?? headers['ratelimit-remaining']);
  let resetAt = resetToMs(num(headers['x-ratelimit-reset'] ?? headers['ratelimit-reset']), now);
  if (resetAt === undefined && headers['ratelimit-resettime']) {
    const parsed = Date.parse(headers['ratelimit-resettime']);
    if (!Number.isNaN(parsed)) resetAt = parsed;
  }
  if (limit === undefined && remaining === undefined && resetAt === undefined) return undefined;
  return { limit, remaining, resetAt };
}
