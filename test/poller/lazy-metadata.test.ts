/**
 * Repository metadata only decorates payloads: a silent baseline costs one listing per repository
 * and nothing else; the metadata is asked for by the first poll with an event to send, and GitLab
 * keeps the project object of its id lookup instead of fetching it again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { createHttpClient } from '../../src/http/client.js';
import { silentLogger } from '../../src/log.js';
import { createScheduler, type Scheduler } from '../../src/poller/scheduler.js';
import { createProviderRegistry } from '../../src/providers/registry.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { FakeServerControl } from '../fakes/common.js';
import { startFakeGithub } from '../fakes/github-api.js';
import { startFakeGitlab } from '../fakes/gitlab-api.js';
import { fakeClock, makeConfig } from './helpers.js';
import { withLocation } from '../helpers/repo-config.js';

const TOKEN = 'lazy-meta-token-123';
const sha = (c: string) => c.repeat(40);
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function engine(repo: RepositoryConfig, fake: FakeServerControl, file = ':memory:'): { store: Store; scheduler: Scheduler } {
  const http = createHttpClient({ timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 1, log: silentLogger() });
  const providers = createProviderRegistry({ http, git: { timeoutMs: 5_000 }, log: silentLogger(), enableApiFallback: false });
  const clock = fakeClock(Date.now());
  const store = openStore(file, { now: clock.now });
  const scheduler = createScheduler({ store, providers, config: makeConfig([repo]), clock, log: silentLogger() });
  cleanups.push(() => fake.close(), () => http.close(), () => store.close(), () => scheduler.stop());
  return { store, scheduler };
}

/** requests whose path (without query) is exactly `path` */
const exact = (fake: FakeServerControl, path: string) => fake.log.filter((r) => r.url.split('?')[0] === path).length;

describe('repository metadata', () => {
  it('GitHub: the baseline does not ask for it; the first event does, once', async () => {
    const fake = await startFakeGithub({ token: TOKEN });
    fake.addRepo({ owner: 'acme', name: 'svc', branches: { main: sha('1') }, description: 'the service' });
    const repo: RepositoryConfig = withLocation({ name: 'svc', url: 'https://github.com/acme/svc', provider: 'github', token: TOKEN, enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: fake.url });
    const { store, scheduler } = engine(repo, fake);

    expect((await scheduler.pollNow('svc')).status).toBe('baseline');
    expect(exact(fake, '/repos/acme/svc')).toBe(0);
    expect(fake.log).toHaveLength(1);
    expect(store.repositories.getForPoll('svc')!.meta).toBeNull();

    fake.setBranch('acme', 'svc', 'main', sha('2'));
    expect((await scheduler.pollNow('svc')).events).toBe(1);
    fake.setBranch('acme', 'svc', 'main', sha('3'));
    expect((await scheduler.pollNow('svc')).events).toBe(1);
    expect(exact(fake, '/repos/acme/svc')).toBe(1);
    const [latest] = store.events.list().events;
    expect(latest!.data.repository).toMatchObject({ fullName: 'acme/svc', description: 'the service' });
  });

  it('GitLab: the project object of the id lookup is kept, never fetched again', async () => {
    const fake = await startFakeGitlab({ token: TOKEN });
    const path = 'group/sub/svc';
    fake.addProject({ path, branches: { main: sha('1') } });
    const repo: RepositoryConfig = withLocation({ name: 'svc', url: `${fake.url}/${path}.git`, provider: 'gitlab', token: TOKEN, enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: fake.apiUrl });
    const { store, scheduler } = engine(repo, fake);
    const projectPaths = () => fake.log.filter((r) => /^\/api\/v4\/projects\/[^/?]+(\?|$)/.test(r.url)).length;

    expect((await scheduler.pollNow('svc')).status).toBe('baseline');
    expect(projectPaths()).toBe(1);
    expect(store.repositories.getForPoll('svc')!.meta).toMatchObject({ fullName: path, organization: 'group/sub', name: 'svc' });

    fake.setBranch(path, 'main', sha('2'));
    expect((await scheduler.pollNow('svc')).events).toBe(1);
    expect(projectPaths()).toBe(1);
    const [ev] = store.events.list().events;
    expect(ev!.data.repository).toMatchObject({ fullName: path, cloneUrl: `${fake.url}/${path}.git` });
  });

  it('after a restart, the first poll sends the stored ETags (a 304) and the first event uses the stored metadata', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reposentry-lazy-meta-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'state.db');
    const fake = await startFakeGithub({ token: TOKEN });
    fake.addRepo({ owner: 'acme', name: 'svc', branches: { main: sha('1') }, description: 'the service' });
    const repo: RepositoryConfig = withLocation({ name: 'svc', url: 'https://github.com/acme/svc', provider: 'github', token: TOKEN, enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: fake.url });

    // first run: baseline, one event (the metadata is fetched and stored), then the daemon stops
    const first = engine(repo, fake, file);
    expect((await first.scheduler.pollNow('svc')).status).toBe('baseline');
    fake.setBranch('acme', 'svc', 'main', sha('2'));
    expect((await first.scheduler.pollNow('svc')).events).toBe(1);
    expect(exact(fake, '/repos/acme/svc')).toBe(1);
    const stored = first.store.repositories.getForPoll('svc')!;
    const etags = JSON.stringify(stored.state);
    expect(etags).toMatch(/"/);
    first.scheduler.stop();
    first.store.close();

    // second run on the same file: the start keeps the row's JSON text; the first poll must still use it
    const before = fake.log.length;
    const second = engine(repo, fake, file);
    expect((await second.scheduler.pollNow('svc')).status).toBe('unchanged');
    const listing = fake.log.slice(before);
    expect(listing).toHaveLength(1);
    expect(listing[0]!.status).toBe(304);
    expect(listing[0]!.headers['if-none-match']).toBeTruthy();
    expect(etags).toContain(listing[0]!.headers['if-none-match']!.replace(/"/g, ''));
    expect(JSON.stringify(second.store.repositories.getForPoll('svc')!.state)).toBe(etags);

    fake.setBranch('acme', 'svc', 'main', sha('3'));
    expect((await second.scheduler.pollNow('svc')).events).toBe(1);
    expect(exact(fake, '/repos/acme/svc')).toBe(1);
    const [latest] = second.store.events.list().events;
    expect(latest!.data.repository).toMatchObject({ fullName: 'acme/svc', description: 'the service' });
  });
  it('after a restart, stored metadata that is not valid JSON is asked for again and replaced: the change is stored, not failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reposentry-lazy-meta-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'state.db');
    const fake = await startFakeGithub({ token: TOKEN });
    fake.addRepo({ owner: 'acme', name: 'svc', branches: { main: sha('1') }, description: 'the service' });
    const repo: RepositoryConfig = withLocation({ name: 'svc', url: 'https://github.com/acme/svc', provider: 'github', token: TOKEN, enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: fake.url });
    const first = engine(repo, fake, file);
    expect((await first.scheduler.pollNow('svc')).status).toBe('baseline');
    fake.setBranch('acme', 'svc', 'main', sha('2'));
    expect((await first.scheduler.pollNow('svc')).events).toBe(1);
    first.scheduler.stop();
    // a hand-edited database: metadata only decorates payloads, so it is simply asked for again
    first.store.db.prepare(`UPDATE repositories SET metadata = '{"fullName": ' WHERE name = 'svc'`).run();
    first.store.close();

    const second = engine(repo, fake, file);
    fake.setBranch('acme', 'svc', 'main', sha('3'));
    const outcome = await second.scheduler.pollNow('svc');
    expect([outcome.status, outcome.events, outcome.error?.message]).toEqual(['changed', 1, undefined]);
    expect(exact(fake, '/repos/acme/svc')).toBe(2);
    const [latest] = second.store.events.list().events;
    expect(latest!.data.repository).toMatchObject({ fullName: 'acme/svc', description: 'the service' });
    expect(second.store.repositories.getForPoll('svc')!.meta).toMatchObject({ fullName: 'acme/svc' });
  });
});
