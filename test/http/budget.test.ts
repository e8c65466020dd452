import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/http/client.js';
import { readRateLimitHeaders } from '../../src/http/rate-limit-headers.js';
import type { HttpClient } from '../../src/http/types.js';
import { silentLogger } from '../../src/log.js';
import { startFakeServer, type FakeServerControl } from '../fakes/common.js';
import { startFakeGitlab, type FakeGitlab } from '../fakes/gitlab-api.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

function client(limits: Record<string, { requestsPerSecond?: number; requestsPerHour?: number; burst?: number }>): HttpClient {
  const c = createHttpClient({ timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 1, log: silentLogger(), limits });
  closers.push(() => c.close());
  return c;
}

describe('budgets', () => {
  it('are seeded from rate_limit by host name before the provider says anything, one per token', async () => {
    const server: FakeServerControl = await startFakeServer(() => ({ status: 200, body: '[]' }), { rateLimitStyle: 'none', rateLimitBody: '' });
    closers.push(() => server.close());
    const c = client({ '127.0.0.1': { requestsPerSecond: 1000, burst: 5 }, gitlab: { requestsPerSecond: 1 } });
    await c.request({ url: `${server.url}/a`, token: 'one', provider: 'gitlab' });
    await c.request({ url: `${server.url}/a`, token: 'two', provider: 'gitlab' });
    const budgets = c.budgets();
    expect(budgets).toHaveLength(2);
    expect(budgets.every((b) => b.limit === 1000)).toBe(true);
    expect(new Set(budgets.map((b) => b.key)).size).toBe(2);
  });

  it('follow GitLab RateLimit-* headers', async () => {
    const fake: FakeGitlab = await startFakeGitlab();
    closers.push(() => fake.close());
    fake.addProject({ path: 'g/p' });
    const reset = Math.floor(Date.now() / 1000) + 60;
    fake.setRateLimit({ limit: 600, remaining: 10, reset });
    const c = client({});
    await c.request({ url: `${fake.apiUrl}/projects/g%2Fp`, token: 't', authScheme: 'private-token', provider: 'gitlab' });
    expect(c.budgets()[0]).toMatchObject({ limit: 600, remaining: 9, resetAt: reset * 1000 });
    expect(fake.log[0].headers['private-token']).toBe('t');
  });

  it('ignore GitHub limits of other resources (search, graphql)', () => {
    expect(readRateLimitHeaders({ 'x-ratelimit-remaining': '0', 'x-ratelimit-resource': 'search' }, 0)).toBeUndefined();
    expect(readRateLimitHeaders({ 'x-ratelimit-remaining': '0', 'x-ratelimit-resource': 'core', 'x-ratelimit-reset': '1700000000' }, 0)).toEqual({ limit: undefined, remaining: 0, resetAt: 1_700_000_000_000 });
  });
});
