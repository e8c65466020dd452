/** Bearer-token guard for /api/* and the constant-time comparisons the webhooks share. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

/**
 * Compares two secrets in constant time. Both sides are hashed first so that neither the
 * content nor the length of the expected value leaks through timing.
 */
export function safeEqual(actual: string, expected: string): boolean {
  const a = createHash('sha256').update(actual).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && actual.length === expected.length;
}

/** Requires `Authorization: Bearer <token>` when a token is configured; read per request so a reload applies. */
export function bearerAuth(token: () => string | undefined): MiddlewareHandler {
  return async (c, next) => {
    const expected = token();
    if (expected) {
      const header = c.req.header('authorization') ?? '';
      const match = /^Bearer\s+(.+)$/i.exec(header.trim());
      if (!match || !safeEqual(match[1], expected)) {
        c.header('WWW-Authenticate', 'Bearer realm="reposentry"');
        throw new ApiError(401, 'unauthorized', 'missing or wrong bearer token (api.auth_token)');
      }
    }
    await next();
  };
}
