import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/api/openapi.js';
import { harness, json, makeConfig, repo, seedEvents } from './helpers.js';

describe('health and readiness', () => {
  it('answers /health and /ready with the checks, 503 until ready', async () => {
    const h = harness();
    expect(await json(h.app.request('/health'))).toEqual({ status: 'ok' });
    h.ready.value = false;
    const notReady = await h.app.request('/ready');
    expect(notReady.status).toBe(503);
    expect(await json(notReady)).toEqual({ status: 'not-ready', checks: [{ name: 'scheduler', ok: false }] });
    h.ready.value = true;
    expect((await h.app.request('/ready')).status).toBe(200);
  });
});

describe('status', () => {
  it('reports version, repositories by state, queue and budgets without the budget key', async () => {
    const h = harness();
    seedEvents(h.store, 'svc', 'https://github.com/acme/svc', 3);
    const res = await h.app.request('/api/v1/status');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.version).toBe('9.9.9');
    expect(body.uptime_seconds).toBeGreaterThanOrEqual(4);
    expect(body.repositories).toEqual({ total: 3, ok: 1, error: 0, pending: 1, disabled: 1, waiting_for_budget: 0 });
    expect(body.events).toMatchObject({ pending: 3, delivered: 0, dead: 0, queue_depth: 3 });
    expect(body.events.oldest_pending_at).toBe('2026-01-01T00:00:00.000Z');
    expect(body.rate_limits).toEqual([
      { host: 'api.github.com', limit: 5000, remaining: 4990, reset_at: '2026-01-01T01:00:00.000Z', waiting_until: null, configured_requests_per_second: null, achieved_requests_per_second: 0 },
    ]);
    expect(JSON.stringify(body)).not.toContain('abc123');
  });
});

describe('repositories', () => {
  it('lists configured repositories with snake_case keys and ISO times', async () => {
    const h = harness();
    seedEvents(h.store, 'svc', 'https://github.com/acme/svc', 2);
    const body = await json(h.app.request('/api/v1/repositories'));
    expect(body.repositories.map((r: { name: string }) => r.name)).toEqual(['svc', 'lib', 'off']);
    expect(body.repositories[0]).toMatchObject({
      name: 'svc', provider: 'github', url: 'https://github.com/acme/svc', enabled: true, interval: '1m',
      method: 'api', state: 'ok', last_poll_at: '2026-01-01T00:00:00.000Z', next_poll_at: '2026-01-01T00:01:00.000Z',
      last_status: 'ok', last_error: null, refs: 2,
    });
    expect(body.repositories[1]).toMatchObject({ name: 'lib', state: 'pending', last_poll_at: null, refs: 0 });
  });

  it('shows a repository whose rate-limit budget is held as waiting for budget until T, not failing', async () => {
    const h = harness();
    seedEvents(h.store, 'svc', 'https://github.com/acme/svc', 1);
    const until = Date.parse('2026-01-01T02:00:00Z');
    h.deps.scheduler.waitingForBudget = (name) => (name === 'svc' ? until : null);
    const list = await json(h.app.request('/api/v1/repositories'));
    expect(list.repositories[0]).toMatchObject({ name: 'svc', state: 'waiting_for_budget', waiting_for_budget_until: '2026-01-01T02:00:00.000Z' });
    expect(list.repositories[1]).toMatchObject({ name: 'lib', state: 'pending', waiting_for_budget_until: null });
    const one = await json(h.app.request('/api/v1/repositories/svc'));
    expect(one).toMatchObject({ state: 'waiting_for_budget', waiting_for_budget_until: '2026-01-01T02:00:00.000Z' });
    const status = await json(h.app.request('/api/v1/status'));
    expect(status.repositories).toMatchObject({ ok: 0, error: 0, waiting_for_budget: 1 });
  });

  it('shows one repository with branches and tags, URL-decoded names, 404 for unknown', async () => {
    const h = harness(makeConfig({ repositories: [repo('team/a b', 'https://github.com/acme/ab')] }));
    seedEvents(h.store, 'team/a b', 'https://github.com/acme/ab', 1);
    const res = await h.app.request(`/api/v1/repositories/${encodeURIComponent('team/a b')}`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.branches).toEqual([{ name: 'b0', sha: '0000000000000000000000000000000000000001' }]);
    expect(body.tags).toEqual([]);
    const missing = await h.app.request('/api/v1/repositories/nope');
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ error: { code: 'not-found', message: 'no repository named "nope" is configured' } });
  });

  it('POST …/poll answers 202 and asks the scheduler; disabled → 409', async () => {
    const h = harness();
    const res = await h.app.request('/api/v1/repositories/svc/poll', { method: 'POST' });
    expect(res.status).toBe(202);
    expect(h.polls).toEqual(['svc']);
    const off = await h.app.request('/api/v1/repositories/off/poll', { method: 'POST' });
    expect(off.status).toBe(409);
    expect((await json(off)).error.code).toBe('conflict');
  });
});

describe('events', () => {
  it('pages newest first with a cursor until next_cursor is null', async () => {
    const h = harness();
    const events = seedEvents(h.store, 'svc', 'https://github.com/acme/svc', 5);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const body = await json(h.app.request(`/api/v1/events?limit=2${q}`));
      seen.push(...body.events.map((e: { id: string }) => e.id));
      cursor = body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(events.map((e) => e.id).reverse());
  });

  it('filters by repository, type and status and rejects bad filters', async () => {
    const h = harness();
    seedEvents(h.store, 'svc', 'https://github.com/acme/svc', 2);
    seedEvents(h.store, 'lib', 'https://gitlab.example.com/group/lib', 1);
    const byRepo = await json(h.app.request('/api/v1/events?repository=lib'));
    expect(byRepo.events).toHaveLength(1);
    expect(byRepo.events[0]).toMatchObject({ repository: 'lib', type: 'branch_created', ref: 'refs/heads/b0', status: 'pending' });
    expect((await json(h.app.request('/api/v1/events?type=tag_created'))).events).toHaveLength(0);
    // a mirror target's initial sync is an event type of its own
    expect((await json(h.app.request('/api/v1/events?type=mirror_sync'))).events).toHaveLength(0);
    expect((await json(h.app.request('/api/v1/events?status=pending'))).events).toHaveLength(3);
    expect((await json(h.app.request('/api/v1/events?status=dead'))).events).toHaveLength(0);
    for (const bad of ['type=nope', 'status=sent', 'limit=0', 'limit=abc', 'limit=5000', 'cursor=x']) {
      const res = await h.app.request(`/api/v1/events?${bad}`);
      expect(res.status, bad).toBe(400);
      expect((await json(res)).error.code).toBe('bad-request');
    }
  });

  it('shows an event with its deliveries and redelivers (all or only dead)', async () => {
    const h = harness();
    const [e] = seedEvents(h.store, 'svc', 'https://github.com/acme/svc', 1);
    const [d] = h.store.deliveries.forEvent(e.id);
    h.store.deliveries.markDead(d.id, { statusCode: 400, error: 'HTTP 400 from receiver' });
    const body = await json(h.app.request(`/api/v1/events/${e.id}`));
    expect(body.event).toMatchObject({ id: e.id, status: 'dead', detected_at: '2026-01-01T00:00:00.000Z' });
    expect(body.deliveries).toEqual([expect.objectContaining({
      target: 'tekton', status: 'dead', attempts: 0, last_status_code: 400, last_error: 'HTTP 400 from receiver',
      next_attempt_at: null, delivered_at: null,
    })]);
    const res = await h.app.request(`/api/v1/events/${e.id}/redeliver?only_dead=true`, { method: 'POST' });
    expect(res.status).toBe(202);
    expect(await json(res)).toEqual({ event_id: e.id, requeued: 1, only_dead: true });
    expect(h.redeliveries).toEqual([{ id: e.id, onlyDead: true }]);
    expect(h.store.deliveries.forEvent(e.id)[0].status).toBe('pending');
    expect((await h.app.request('/api/v1/events/nope')).status).toBe(404);
    expect((await h.app.request('/api/v1/events/nope/redeliver', { method: 'POST' })).status).toBe(404);
  });

  it('accepts a unique id prefix (4+ characters) like git; an ambiguous one answers 409 with the candidates', async () => {
    const h = harness();
    const events = seedEvents(h.store, 'svc', 'https://github.com/acme/svc', 3);
    // give the events ids that share prefixes (deliveries follow through ON UPDATE or by hand)
    const ids = ['abcd1111-0000-5000-8000-000000000001', 'abcd2222-0000-5000-8000-000000000002', 'ef012345-0000-5000-8000-000000000003'];
    h.store.db.pragma('foreign_keys = OFF');
    events.forEach((e, i) => {
      h.store.db.prepare('UPDATE events SET id = ? WHERE id = ?').run(ids[i], e.id);
      h.store.db.prepare('UPDATE deliveries SET event_id = ? WHERE event_id = ?').run(ids[i], e.id);
    });
    h.store.db.pragma('foreign_keys = ON');

    expect((await json(h.app.request('/api/v1/events/EF01'))).event.id).toBe(ids[2]);
    expect((await json(h.app.request('/api/v1/events/abcd1'))).event.id).toBe(ids[0]);
    const redeliver = await h.app.request('/api/v1/events/abcd2/redeliver', { method: 'POST' });
    expect(redeliver.status).toBe(202);
    expect((await json(redeliver)).event_id).toBe(ids[1]);

    const res = await h.app.request('/api/v1/events/abcd');
    expect(res.status).toBe(409);
    const body = await json(res);
    expect(body.error.code).toBe('ambiguous');
    expect(body.error.message).toContain(`candidates: ${ids[0]}, ${ids[1]}`);
    // fewer than 4 characters is never taken as a prefix
    expect((await h.app.request('/api/v1/events/ef0')).status).toBe(404);
  });
});

describe('held deliveries', () => {
  it('shows held deliveries, filters by held, counts them in status and metrics, and drops them on request', async () => {
    const h = harness();
    const [e] = seedEvents(h.store, 'svc', 'https://github.com/acme/svc', 1);
    // this harness configures no target: the seeded "tekton" deliveries are those of a removed target
    expect(h.store.deliveries.holdAbsentTargets(['other'])).toBe(1);
    const body = await json(h.app.request(`/api/v1/events/${e.id}`));
    expect(body.event.status).toBe('held');
    expect(body.deliveries[0]).toMatchObject({ target: 'tekton', status: 'held', next_attempt_at: null });
    expect(body.deliveries[0].held_since).toMatch(/^\d{4}-/);
    expect((await json(h.app.request('/api/v1/events?status=held'))).events).toHaveLength(1);
    expect((await json(h.app.request('/api/v1/status'))).events).toMatchObject({ pending: 0, held: 1 });
    expect(await json(h.app.request('/api/v1/targets/held'))).toEqual({ targets: [{ target: 'tekton', held: 1, held_since: body.deliveries[0].held_since }] });
    const drop = await h.app.request('/api/v1/targets/tekton/drop-held', { method: 'POST' });
    expect(await json(drop)).toEqual({ target: 'tekton', dropped: 1 });
    expect(h.store.deliveries.forEvent(e.id)[0]).toMatchObject({ status: 'dead', lastError: 'dropped by an operator' });
    expect((await json(h.app.request('/api/v1/status'))).events).toMatchObject({ held: 0, dead: 1 });
  });
});

describe('storage failures', () => {
  it('answers 503 storage-unavailable with what to do, not a bare 500', async () => {
    const h = harness();
    const [e] = seedEvents(h.store, 'svc', 'https://github.com/acme/svc', 1);
    h.store.deliveries.markDead(h.store.deliveries.forEvent(e.id)[0].id, { statusCode: 400, error: 'no' });
    // a real SQLITE_READONLY from SQLite itself
    h.store.db.pragma('query_only = ON');
    const res = await h.app.request(`/api/v1/events/${e.id}/redeliver`, { method: 'POST' });
    expect(res.status).toBe(503);
    const body = await json(res);
    expect(body.error.code).toBe('storage-unavailable');
    expect(body.error.message).toContain('is read-only: fix its permissions');
  });
});

describe('auth', () => {
  it('requires the bearer token on /api/* only', async () => {
    const h = harness(makeConfig({ authToken: 's3cret-token' }));
    const none = await h.app.request('/api/v1/status');
    expect(none.status).toBe(401);
    expect(await json(none)).toEqual({ error: { code: 'unauthorized', message: 'missing or wrong bearer token (api.auth_token)' } });
    expect((await h.app.request('/api/v1/status', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await h.app.request('/api/v1/status', { headers: { Authorization: 's3cret-token' } })).status).toBe(401);
    expect((await h.app.request('/api/v1/status', { headers: { Authorization: 'Bearer s3cret-token' } })).status).toBe(200);
    expect((await h.app.request('/api/v1/repositories/svc/poll', { method: 'POST' })).status).toBe(401);
    expect(h.polls).toEqual([]);
    for (const open of ['/health', '/ready', '/metrics']) expect((await h.app.request(open)).status, open).toBe(200);
  });
});

describe('errors and limits', () => {
  it('answers unknown routes and oversized bodies with the JSON error shape', async () => {
    const h = harness(makeConfig({ githubSecret: 'gh' }));
    const res = await h.app.request('/api/v2/nothing');
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('not-found');
    const big = await h.app.request('/webhooks/github', {
      method: 'POST', body: 'x'.repeat(1024 * 1024 + 1), headers: { 'content-length': String(1024 * 1024 + 1) },
    });
    expect(big.status).toBe(413);
    expect((await json(big)).error.code).toBe('payload-too-large');
  });

  it('hides the details of unexpected failures behind a 500', async () => {
    const h = harness();
    h.deps.store.repositories.list = () => { throw new Error('disk on fire at /secret/path'); };
    const res = await h.app.request('/api/v1/repositories');
    expect(res.status).toBe(500);
    const body = await json(res);
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(body)).not.toContain('/secret/path');
  });
});

describe('webhooks', () => {
  const payload = JSON.stringify({ ref: 'refs/heads/main', repository: { html_url: 'https://GitHub.com/Acme/Svc', clone_url: 'https://github.com/acme/svc.git' } });
  const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

  it('GitHub: a good signature polls the matching repository; a bad one is 401 and polls nothing', async () => {
    const h = harness(makeConfig({ githubSecret: 'hook-secret' }));
    const bad = await h.app.request('/webhooks/github', { method: 'POST', body: payload, headers: { 'x-hub-signature-256': sign('other', payload) } });
    expect(bad.status).toBe(401);
    const missing = await h.app.request('/webhooks/github', { method: 'POST', body: payload });
    expect(missing.status).toBe(401);
    expect(h.polls).toEqual([]);
    const good = await h.app.request('/webhooks/github', {
      method: 'POST', body: payload, headers: { 'x-hub-signature-256': sign('hook-secret', payload), 'x-github-event': 'push', 'content-type': 'application/json' },
    });
    expect(good.status).toBe(202);
    expect(await json(good)).toEqual({ matched: ['svc'] });
    expect(h.polls).toEqual(['svc']);
  });

  it('GitHub: a replayed X-GitHub-Delivery within five minutes is dropped without a poll', async () => {
    const h = harness(makeConfig({ githubSecret: 'hook-secret' }));
    const send = (id: string) =>
      h.app.request('/webhooks/github', { method: 'POST', body: payload, headers: { 'x-hub-signature-256': sign('hook-secret', payload), 'x-github-delivery': id } });
    expect((await send('d-1')).status).toBe(202);
    for (let i = 0; i < 20; i++) {
      const replay = await send('d-1');
      expect(replay.status).toBe(200);
      expect(await json(replay)).toEqual({ matched: [], replay: true });
    }
    expect((await send('d-2')).status).toBe(202);
    expect(h.polls).toEqual(['svc', 'svc']);
  });

  it('GitHub: form-encoded payloads and unknown repositories are accepted without polling anything else', async () => {
    const h = harness(makeConfig({ githubSecret: 'hook-secret' }));
    const form = `payload=${encodeURIComponent(JSON.stringify({ repository: { ssh_url: 'git@github.com:acme/svc.git' } }))}`;
    const res = await h.app.request('/webhooks/github', {
      method: 'POST', body: form, headers: { 'x-hub-signature-256': sign('hook-secret', form), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await json(res)).toEqual({ matched: ['svc'] });
    const other = JSON.stringify({ repository: { html_url: 'https://github.com/acme/unknown' } });
    const res2 = await h.app.request('/webhooks/github', { method: 'POST', body: other, headers: { 'x-hub-signature-256': sign('hook-secret', other) } });
    expect(res2.status).toBe(202);
    expect(await json(res2)).toEqual({ matched: [] });
    expect(h.polls).toEqual(['svc']);
  });

  it('GitLab: X-Gitlab-Token must equal the configured token', async () => {
    const h = harness(makeConfig({ gitlabToken: 'gl-token' }));
    const body = JSON.stringify({ object_kind: 'push', project: { web_url: 'https://gitlab.example.com/group/lib', git_http_url: 'https://gitlab.example.com/group/lib.git' } });
    expect((await h.app.request('/webhooks/gitlab', { method: 'POST', body, headers: { 'x-gitlab-token': 'nope' } })).status).toBe(401);
    expect(h.polls).toEqual([]);
    const ok = await h.app.request('/webhooks/gitlab', { method: 'POST', body, headers: { 'x-gitlab-token': 'gl-token' } });
    expect(ok.status).toBe(202);
    expect(h.polls).toEqual(['lib']);
  });

  it('is off (404 not-configured) without a secret', async () => {
    const h = harness();
    const res = await h.app.request('/webhooks/github', { method: 'POST', body: payload });
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('not-configured');
  });
});

describe('metrics and OpenAPI', () => {
  it('counts API requests by matched route and exposes the Prometheus text', async () => {
    const h = harness();
    await h.app.request('/api/v1/repositories/svc');
    await h.app.request('/api/v1/repositories/lib');
    await h.app.request('/nothing');
    const res = await h.app.request('/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('reposentry_http_requests_total{route="/api/v1/repositories/:name",status="200"} 2');
    expect(text).toContain('reposentry_http_requests_total{route="unmatched",status="404"} 1');
    expect(text).toContain('reposentry_rate_limit_remaining');
  });

  it('describes every route of the app', async () => {
    const h = harness();
    const doc = await json(h.app.request('/api/v1/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    const routes = h.app.routes.filter((r) => r.method !== 'ALL');
    expect(routes.length).toBeGreaterThanOrEqual(13);
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      const item = (openApiDocument.paths as Record<string, Record<string, unknown>>)[path];
      expect(item?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined();
    }
  });
});
