/** The status page in process (app.request): what it shows, its auth, api.ui: false, the redeliver action. */
import { describe, expect, it } from 'vitest';
import { harness, makeConfig, repo, seedEvents } from './helpers.js';

function failSvc(h: ReturnType<typeof harness>, error: string) {
  const row = h.store.repositories.get('svc')!;
  const at = Date.now() - 120_000;
  h.store.repositories.recordFailure({ id: row.id, at, nextPollAt: at + 60_000, error });
  h.store.repositories.recordFailure({ id: row.id, at: at + 60_000, nextPollAt: at + 120_000, error });
}

describe('GET / (status page)', () => {
  it('lists the failing repository first with its error and since when, deliveries per target, budgets and events', async () => {
    const h = harness(makeConfig({ repositories: [repo('alpha', 'https://github.com/acme/alpha'), repo('svc', 'https://github.com/acme/svc')] }));
    seedEvents(h.store, 'alpha', 'https://github.com/acme/alpha', 2);
    failSvc(h, 'HTTP 500 from https://api.github.com/repos/acme/svc <boom>');
    const res = await h.app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page.indexOf('data-repository="svc"')).toBeGreaterThan(0);
    expect(page.indexOf('data-repository="svc"')).toBeLessThan(page.indexOf('data-repository="alpha"'));
    // escaped, not markup
    expect(page).toContain('HTTP 500 from https://api.github.com/repos/acme/svc &lt;boom&gt;');
    expect(page).toMatch(/failing since <time datetime="[^"]+"[^>]*>2m ago<\/time> \(2 polls\)/);
    expect(page).toContain('data-target="tekton"');
    expect(page).toContain('api.github.com');
    expect(page).toContain('<meta http-equiv="refresh"');
    expect(page).not.toMatch(/<script|src="http|href="http/);
  });

  it('is behind the API token: Basic (the browser prompt) or Bearer; 404 with api.ui: false', async () => {
    const config = makeConfig({ authToken: 's3cret-token' });
    const h = harness(config);
    const denied = await h.app.request('/');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toContain('Basic realm="reposentry"');
    const basic = `Basic ${Buffer.from('anyone:s3cret-token').toString('base64')}`;
    expect((await h.app.request('/', { headers: { authorization: basic } })).status).toBe(200);
    expect((await h.app.request('/', { headers: { authorization: 'Bearer s3cret-token' } })).status).toBe(200);
    expect((await h.app.request('/', { headers: { authorization: `Basic ${Buffer.from('x:wrong').toString('base64')}` } })).status).toBe(401);
    config.api.ui = false;
    expect((await h.app.request('/', { headers: { authorization: 'Bearer s3cret-token' } })).status).toBe(404);
  });

  it('a dead event has a redeliver button; its POST requeues only from the same origin', async () => {
    const h = harness();
    const [e] = seedEvents(h.store, 'svc', 'https://github.com/acme/svc', 1);
    const [d] = h.store.deliveries.forEvent(e.id);
    h.store.deliveries.markDead(d.id, { statusCode: 400, error: 'HTTP 400' });
    const page = await (await h.app.request('http://127.0.0.1:8080/')).text();
    expect(page).toContain(`action="/ui/events/${e.id}/redeliver"`);
    const form = { method: 'POST', body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    const crossSite = await h.app.request(`http://127.0.0.1:8080/ui/events/${e.id}/redeliver`, { ...form, headers: { ...form.headers, origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(h.store.deliveries.forEvent(e.id)[0].status).toBe('dead');
    const ok = await h.app.request(`http://127.0.0.1:8080/ui/events/${e.id}/redeliver`, { ...form, headers: { ...form.headers, origin: 'http://127.0.0.1:8080' } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/?redelivered=${e.id}#events`);
    expect(h.redeliveries).toEqual([{ id: e.id, onlyDead: true }]);
    expect(h.store.deliveries.forEvent(e.id)[0].status).toBe('pending');
  });
});
