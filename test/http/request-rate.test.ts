/**
 * The configured request rate is the achieved rate, from 0.1/s to thousands a second. Before, the
 * bucket was refilled only on bottleneck's 250 ms heartbeat: every rate above 4/s came out as 4/s.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBudget } from '../../src/http/budget.js';
import { createHttpClient } from '../../src/http/client.js';
import { silentLogger } from '../../src/log.js';
import { startFakeServer, type FakeServerControl } from '../fakes/common.js';
import { fakeClock } from './fake-clock.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

const SETTINGS = [
  { requestsPerSecond: 0.1 },
  { requestsPerSecond: 1 },
  { requestsPerSecond: 4, burst: 4 },
  { requestsPerSecond: 10, burst: 5 },
  { requestsPerHour: 360_000, burst: 10 },
  { requestsPerSecond: 1000, burst: 10 },
  { requestsPerSecond: 5000 },
];

describe('request rate', () => {
  it.each(SETTINGS)('achieves the configured rate on a fake clock: %o', async (setting) => {
    const perSecond = setting.requestsPerSecond ?? setting.requestsPerHour! / 3600;
    const clock = fakeClock(1_700_000_000_000);
    const budget = createBudget('api.example.com', 't', setting, clock, 60_000);
    const burst = setting.burst ?? 1;
    for (let i = 0; i < burst; i++) await budget.acquire(undefined);
    // the burst went at once; after it the bucket hands out exactly one token per 1/rate
    expect(clock.sleeps).toEqual([]);
    const started = clock.now();
    const n = Math.max(200, Math.ceil(perSecond * 65));
    for (let i = 0; i < n; i++) await budget.acquire(undefined);
    const achieved = n / ((clock.now() - started) / 1000);
    expect(achieved).toBeGreaterThan(perSecond * 0.98);
    expect(achieved).toBeLessThan(perSecond * 1.02);
    const snap = budget.snapshot();
    expect(snap.configuredPerSecond).toBeCloseTo(perSecond, 6);
    expect(snap.achievedPerSecond).toBeGreaterThan(perSecond * 0.95);
    expect(snap.achievedPerSecond).toBeLessThan(perSecond * 1.05);
  });

  it('refills the burst after an idle spell, never more than the burst', async () => {
    const clock = fakeClock(1_700_000_000_000);
    const budget = createBudget('api.example.com', 't', { requestsPerSecond: 100, burst: 5 }, clock, 60_000);
    for (let i = 0; i < 5; i++) await budget.acquire(undefined);
    clock.advance(3_600_000);
    for (let i = 0; i < 5; i++) await budget.acquire(undefined);
    expect(clock.sleeps).toEqual([]);
    await budget.acquire(undefined);
    expect(clock.sleeps).toEqual([10]);
  });

  it('sends at the configured 200/s through the HTTP client in a short real run, not at 4/s', async () => {
    const server: FakeServerControl = await startFakeServer(() => ({ status: 200, body: '[]' }), { rateLimitStyle: 'none', rateLimitBody: '' });
    closers.push(() => server.close());
    const client = createHttpClient({
      timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 1, log: silentLogger(),
      limits: { gitlab: { requestsPerSecond: 200, burst: 1 } },
    });
    closers.push(() => client.close());
    const until = Date.now() + 1_000;
    let sent = 0;
    const worker = async (): Promise<void> => {
      while (Date.now() < until) {
        await client.request({ url: `${server.url}/projects`, token: 't', provider: 'gitlab' });
        sent++;
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    // wide margins for a loaded machine; the old limiter sent 4 or 5 in this second
    expect(sent).toBeGreaterThan(80);
    expect(sent).toBeLessThanOrEqual(200 + 16 + 1);
    const [budget] = client.budgets();
    expect(budget.configuredPerSecond).toBe(200);
    expect(budget.achievedPerSecond).toBeGreaterThan(80);
  });
});
