import { getEventListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClient } from '../../src/http/types.js';
import { ReposentryError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { startFakeServer, type FakeServerControl } from '../fakes/common.js';
import { fakeClock, type FakeClock } from './fake-clock.js';

const SHA = 'a'.repeat(40);
let fake: FakeGithub;
let client: HttpClient | undefined;
const others: FakeServerControl[] = [];

async function setup(opts: { clock?: FakeClock; retryAttempts?: number; maxWaitMs?: number; limits?: Record<string, { requestsPerHour?: number; burst?: number }>; timeoutMs?: number } = {}): Promise<HttpClient> {
  fake = await startFakeGithub({ token: 'tok-secret' });
  fake.addRepo({ owner: 'acme', name: 'svc', branches: { main: SHA } });
  client = createHttpClient({
    timeoutMs: opts.timeoutMs ?? 5_000,
    retryAttempts: opts.retryAttempts ?? 3,
    retryBackoffMs: 100,
    log: silentLogger(),
    clock: opts.clock,
    maxWaitMs: opts.maxWaitMs,
    limits: opts.limits,
  });
  return client;
}

function refsUrl(): string {
  return `${fake.url}/repos/acme/svc/git/matching-refs/heads/`;
}

function get(c: HttpClient, extra: { etag?: string } = {}) {
  return c.request({ url: refsUrl(), token: 'tok-secret', authScheme: 'bearer', provider: 'github', ...extra });
}

async function failure(p: Promise<unknown>): Promise<ReposentryError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ReposentryError);
  return err as ReposentryError;
}

afterEach(async () => {
  await client?.close();
  client = undefined;
  await fake?.close();
  for (const o of others.splice(0)) await o.close();
});

describe('http client', () => {
  it('sends the token as a header, If-None-Match from the caller, and returns a 304 untouched', async () => {
    const c = await setup();
    const first = await get(c);
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"[0-9a-f]+"$/);
    const second = await get(c, { etag: first.etag });
    expect(second.status).toBe(304);
    expect(second.etag).toBe(first.etag);
    expect(fake.log[0].headers.authorization).toBe('Bearer tok-secret');
    expect(fake.log[1].headers['if-none-match']).toBe(first.etag);
  });

  it('keeps the old ETag when a 304 omits it', async () => {
    const server = await startFakeServer(() => ({ status: 304 }), { rateLimitStyle: 'none', rateLimitBody: '' });
    others.push(server);
    const c = await setup();
    const res = await c.request({ url: `${server.url}/x`, etag: '"old"' });
    expect(res.status).toBe(304);
    expect(res.etag).toBe('"old"');
  });

  it('sends a plain path as written and lets the URL parser normalize any other (dot segments, escapes, host case)', async () => {
    const server = await startFakeServer(() => ({ status: 200, body: '[]' }), { rateLimitStyle: 'none', rateLimitBody: '' });
    others.push(server);
    const c = await setup();
    const upper = server.url.replace('http://127.0.0.1', 'HTTP://127.0.0.1');
    await c.request({ url: `${server.url}/repos/a/b/git/matching-refs/heads/?per_page=100` });
    await c.request({ url: `${server.url}/a/./b/../c?q=x y` });
    await c.request({ url: `${upper}/d#fragment` });
    expect(server.log.map((r) => r.url)).toEqual(['/repos/a/b/git/matching-refs/heads/?per_page=100', '/a/c?q=x%20y', '/d']);
  });

  it('retries a 500 with exponential backoff and succeeds', async () => {
    const clock = fakeClock();
    const c = await setup({ clock });
    fake.failNext(2, { kind: 'status', status: 500 });
    const res = await get(c);
    expect(res.status).toBe(200);
    expect(fake.count('matching-refs')).toBe(3);
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('gives up after retryAttempts with code upstream', async () => {
    const c = await setup({ clock: fakeClock(), retryAttempts: 2 });
    fake.failNext(5, { kind: 'status', status: 502 });
    const err = await failure(get(c));
    expect(err.code).toBe('upstream');
    expect(fake.count('matching-refs')).toBe(3);
  });

  it('names the request method in its errors (a GraphQL POST is not reported as a GET)', async () => {
    const c = await setup({ clock: fakeClock(), retryAttempts: 0 });
    fake.failNext(2, { kind: 'status', status: 404 });
    const post = await failure(c.request({ url: `${fake.url}/graphql`, method: 'POST', body: '{"query":"{}"}', token: 'tok-secret', authScheme: 'bearer', provider: 'github' }));
    expect(post.message).toMatch(/ on POST http:\/\/127\.0\.0\.1:\d+\/graphql/);
    const got = await failure(get(c));
    expect(got.message).toMatch(/ on GET http:/);
  });

  it.each([
    [401, 'upstream-auth'],
    [403, 'upstream-auth'],
    [404, 'upstream-not-found'],
    [400, 'upstream'],
    [422, 'upstream'],
  ])('never retries a %i (→ %s)', async (status, code) => {
    const c = await setup({ clock: fakeClock() });
    fake.failNext(1, { kind: 'status', status });
    const err = await failure(get(c));
    expect(err.code).toBe(code);
    expect(fake.count('matching-refs')).toBe(1);
    expect(err.message).not.toContain('tok-secret');
  });

  it('waits at least 60 s after a secondary-limit 403 without Retry-After', async () => {
    const clock = fakeClock();
    const c = await setup({ clock });
    fake.failNext(1, { kind: 'secondary-limit' });
    const res = await get(c);
    expect(res.status).toBe(200);
    expect(fake.count('matching-refs')).toBe(2);
    expect(Math.max(...clock.sleeps)).toBeGreaterThanOrEqual(60_000);
  });

  it('honours Retry-After on a 429 and on a secondary limit', async () => {
    const clock = fakeClock();
    const c = await setup({ clock });
    fake.failNext(1, { kind: 'too-many-requests', retryAfter: '7' });
    expect((await get(c)).status).toBe(200);
    expect(clock.sleeps).toEqual([7_000]);
    fake.failNext(1, { kind: 'secondary-limit', retryAfter: '3', status: 429 });
    expect((await get(c)).status).toBe(200);
    expect(clock.sleeps).toEqual([7_000, 3_000]);
  });

  it('sends no request while a spent budget waits for its reset, then continues', async () => {
    const reset = Math.floor(Date.now() / 1000) + 1800;
    // the fake's window resets when the client's clock has slept through it
    const clock = fakeClock(Date.now(), () => fake.setRateLimit({ remaining: 5000 }));
    const c = await setup({ clock, maxWaitMs: 3_600_000 });
    fake.setRateLimit({ remaining: 1, reset });
    await get(c);
    expect(c.budgets()[0]).toMatchObject({ remaining: 0, resetAt: reset * 1000 });
    expect(c.budgets()[0].waitingUntil).toBe(reset * 1000);
    const countBefore = fake.count('matching-refs');
    const res = await get(c);
    expect(res.status).toBe(200);
    expect(fake.count('matching-refs')).toBe(countBefore + 1);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(reset * 1000 - Date.now() - 5_000);
  });

  it('fails fast with upstream-rate-limited, sending nothing, when the reset is beyond maxWaitMs', async () => {
    const c = await setup({ clock: fakeClock(), maxWaitMs: 60_000 });
    fake.setRateLimit({ remaining: 1, reset: Math.floor(Date.now() / 1000) + 1800 });
    await get(c);
    const err = await failure(get(c));
    expect(err.code).toBe('upstream-rate-limited');
    expect(fake.count('matching-refs')).toBe(1);
  });

  it('keeps other hosts going while one budget is spent', async () => {
    const other = await startFakeServer(() => ({ status: 200, body: '[]' }), { rateLimitStyle: 'none', rateLimitBody: '' });
    others.push(other);
    const c = await setup({ clock: fakeClock(), maxWaitMs: 60_000 });
    fake.setRateLimit({ remaining: 1, reset: Math.floor(Date.now() / 1000) + 1800 });
    await get(c);
    expect((await failure(get(c))).code).toBe('upstream-rate-limited');
    const res = await c.request({ url: `${other.url}/ok`, token: 'tok-secret' });
    expect(res.status).toBe(200);
  });

  it('does not charge a 304 to the client-side budget', async () => {
    // one request an hour, burst 1: a second charged request would wait about an hour
    const c = await setup({ limits: { github: { requestsPerHour: 1, burst: 1 } } });
    const probe = createHttpClient({ timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 1, log: silentLogger() });
    const { etag } = await probe.request({ url: refsUrl(), token: 'tok-secret' });
    await probe.close();
    let timer: NodeJS.Timeout | undefined;
    const blocked = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('blocked'), 10_000);
    });
    const statuses = await Promise.race([
      (async () => {
        const out: number[] = [];
        for (let i = 0; i < 3; i++) out.push((await get(c, { etag })).status);
        return out.join(',');
      })(),
      blocked,
    ]);
    clearTimeout(timer);
    expect(statuses).toBe('304,304,304');
  });

  it('maps a hung request to upstream-timeout after its retries', async () => {
    const c = await setup({ timeoutMs: 200, retryAttempts: 1, clock: fakeClock() });
    fake.failNext(2, { kind: 'hang' });
    const err = await failure(get(c));
    expect(err.code).toBe('upstream-timeout');
    expect(fake.count('matching-refs')).toBe(2);
  });

  it('times out a hung request at its own deadline after requests that started before it have ended', async () => {
    const c = await setup({ timeoutMs: 300, retryAttempts: 0 });
    expect((await get(c)).status).toBe(200);
    fake.failNext(1, { kind: 'hang' });
    const err = await failure(get(c));
    expect(err.code).toBe('upstream-timeout');
    expect(err.message).toContain('no answer within 300 ms');
    expect((await get(c)).status).toBe(200);
  });

  it('listens once on a caller signal for all its requests, and aborts every request in flight under it', async () => {
    const c = await setup({ retryAttempts: 0 });
    const controller = new AbortController();
    const { signal } = controller;
    expect((await c.request({ url: refsUrl(), token: 'tok-secret', signal })).status).toBe(200);
    fake.failNext(3, { kind: 'hang' });
    const hung = [1, 2, 3].map(() => failure(c.request({ url: refsUrl(), token: 'tok-secret', signal })));
    await new Promise((r) => setTimeout(r, 50));
    expect(getEventListeners(signal, 'abort')).toHaveLength(1);
    controller.abort(new Error('shutting down'));
    for (const err of await Promise.all(hung)) {
      expect(err.code).toBe('upstream-timeout');
      expect(err.message).toContain('request aborted');
    }
    // a signal aborted before the request: nothing is sent
    const before = fake.count('matching-refs');
    expect((await failure(c.request({ url: refsUrl(), token: 'tok-secret', signal }))).message).toContain('request aborted');
    expect(fake.count('matching-refs')).toBe(before);
  });

  it('hands back header names in lower case whatever case the server wrote, repeated headers joined, on every answer', async () => {
    let n = 0;
    const server = createServer((_req, res) => {
      n++;
      res.setHeader(n === 1 ? 'ETag' : 'ETAG', `"v${n}"`);
      res.setHeader(n === 1 ? 'X-RateLimit-Remaining' : 'x-ratelimit-remaining', String(100 - n));
      res.setHeader('X-Multi', ['a', 'b']);
      res.setHeader(`X-Only-${n}`, 'once');
      res.end('[]');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    others.push({ close: () => new Promise<void>((r) => server.close(() => r())) } as unknown as FakeServerControl);
    client = createHttpClient({ timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 100, log: silentLogger() });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
    for (const i of [1, 2, 3]) {
      const res = await client.request({ url });
      expect(res.etag).toBe(`"v${i}"`);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(100 - i));
      expect(res.headers['x-multi']).toBe('a, b');
      expect(res.headers[`x-only-${i}`]).toBe('once');
      expect(Object.keys(res.headers).every((k) => k === k.toLowerCase())).toBe(true);
      expect(res.body).toBe('[]');
    }
  });

  it('exposes budgets keyed by host and a token hash, never the token', async () => {
    const c = await setup();
    await get(c);
    const [budget] = c.budgets();
    expect(budget.host).toBe(new URL(fake.url).host);
    expect(budget.key).not.toContain('tok-secret');
    expect(budget.key.startsWith(budget.host)).toBe(true);
    expect(budget.limit).toBe(5000);
    expect(budget.remaining).toBe(4999);
  });
});
