/** Shared test plumbing for provider tests: repository configs, random SHAs, a fast HTTP client. */
import { randomBytes } from 'node:crypto';
import type { RepositoryConfig } from '../../src/config/types.js';
import { createHttpClient } from '../../src/http/client.js';
import type { Clock } from '../../src/http/clock.js';
import type { HttpClient } from '../../src/http/types.js';
import { silentLogger } from '../../src/log.js';
import type { ProviderId } from '../../src/types.js';

export function sha(): string {
  return randomBytes(20).toString('hex');
}

export function shas(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, sha()]));
}

export function manyNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `b-${String(i).padStart(3, '0')}`);
}

export function repoConfig(provider: ProviderId, url: string, apiBaseUrl: string, token?: string): RepositoryConfig {
  return { name: `test-${provider}`, url, provider, token, enabled: true, pollingIntervalMs: 60_000, apiBaseUrl };
}

export function testHttp(overrides: { clock?: Clock; retryAttempts?: number; timeoutMs?: number; maxWaitMs?: number } = {}): HttpClient {
  return createHttpClient({
    timeoutMs: overrides.timeoutMs ?? 5_000,
    retryAttempts: overrides.retryAttempts ?? 1,
    retryBackoffMs: 1,
    log: silentLogger(),
    clock: overrides.clock,
    maxWaitMs: overrides.maxWaitMs,
  });
}
