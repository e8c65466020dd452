/**
 * The whole path with the git provider against git http-backend: poll → enrichment from the git
 * cache → per-target content filters → stored deliveries (pending or filtered with a reason) →
 * payloads checked by the independent validators.
 */
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { HTTP, type CloudEvent } from 'cloudevents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepositoryConfig, TargetConfig } from '../../src/config/types.js';
import { cloudeventsFormat } from '../../src/delivery/formats/cloudevents.js';
import { githubFormat } from '../../src/delivery/formats/github.js';
import { gitlabFormat } from '../../src/delivery/formats/gitlab.js';
import { createEnricher } from '../../src/enrich/enricher.js';
import { createGitCache } from '../../src/git-cache/cache.js';
import { silentLogger } from '../../src/log.js';
import { createScheduler, type Scheduler } from '../../src/poller/scheduler.js';
import { createGitProvider } from '../../src/providers/git/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { StoredEvent } from '../../src/types.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { createGitWork, type GitWork } from '../helpers/git-work.js';
import { fakeClock, makeConfig, target } from '../poller/helpers.js';
import { withLocation } from '../helpers/repo-config.js';

const require = createRequire(import.meta.url);
const webhookSchemas = require('@octokit/webhooks-schemas/schema.json') as object;
const NAME = 'acme/app';
const opts = { version: '1.0.0', now: Date.now() };

function pushValidator() {
  const isUri = (s: string): boolean => {
    try {
      new URL(s);
      return true;
    } catch {
      return false;
    }
  };
  const ajv = new Ajv.default({ strict: false, allErrors: true, validateSchema: false, formats: { uri: isUri, 'uri-template': true, 'date-time': (s: string) => !Number.isNaN(Date.parse(s)) } });
  ajv.addSchema(webhookSchemas, 'webhooks');
  return ajv.getSchema('webhooks#/definitions/push$event')!;
}

let server: GitServer;
let work: GitWork;
let store: Store;
let scheduler: Scheduler;
let dataDir: string;
let bare: string;

const TARGETS: TargetConfig[] = [
  target('all', { format: 'github', filter: { skipCi: false } }),
  target('src-only', { filter: { paths: ['src/**'], skipCi: false } }),
  target('no-docs', { filter: { ignorePaths: ['docs/**', '**/*.md'], skipCi: false } }),
  target('skip-ci', { filter: { skipCi: true } }),
  target('forced-only', { filter: { forced: 'only' } }),
  target('not-forced', { filter: { forced: 'exclude' } }),
];

beforeAll(async () => {
  server = await startGitServer();
  await server.createRepo(NAME);
  bare = join(server.root, `${NAME}.git`);
  work = await createGitWork();
  dataDir = await mkdtemp(join(tmpdir(), 'reposentry-poll-enrich-'));
  const clock = fakeClock(Date.now());
  store = openStore(':memory:', { now: clock.now });
  const repo: RepositoryConfig = withLocation({ name: 'app', url: server.url(NAME), provider: 'git', tagRegex: '^v', enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: '' });
  const provider = createGitProvider({ timeoutMs: 10_000 });
  const config = { ...makeConfig([repo], { targets: TARGETS }), enrich: { enabled: true, maxCommits: 20, maxFiles: 3000, timeoutMs: 20_000 } };
  const enricher = createEnricher({
    http: () => { throw new Error('no API for plain git'); },
    cache: createGitCache({ dataDir, fetchTimeoutMs: 30_000, readTimeoutMs: 10_000, log: silentLogger() }),
    log: silentLogger(), apiFallback: () => true,
  });
  scheduler = createScheduler({ store, providers: { get: () => provider }, config, clock, log: silentLogger(), enricher });
  await work.commit('init', { 'src/a.ts': '1', 'docs/d.md': 'd' });
  await work.push(bare, ['main']);
  const first = await scheduler.pollNow('app');
  expect(first.error?.message ?? first.status).toBe('baseline');
}, 60_000);
afterAll(async () => {
  await scheduler?.stop();
  store?.close();
  await work?.close();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function lastEvent(): StoredEvent {
  return store.events.list({ limit: 1 }).events[0];
}

function statuses(e: StoredEvent): Record<string, string> {
  return Object.fromEntries(store.deliveries.forEvent(e.id).map((d) => [d.target, d.status]));
}

describe('content filters on enriched events', () => {
  it('stores an event filtered per target with its reason, and sends the rest', async () => {
    await work.commit('src change', { 'src/a.ts': '2' });
    await work.commit('docs too', { 'docs/d.md': 'd2' });
    await work.push(bare, ['main']);
    expect((await scheduler.pollNow('app')).events).toBe(1);
    const e = lastEvent();
    expect(e.data.enrichment).toMatchObject({ status: 'ok', source: 'git', totalCommits: 2, forced: false });
    expect(statuses(e)).toEqual({ all: 'pending', 'src-only': 'pending', 'no-docs': 'pending', 'skip-ci': 'pending', 'forced-only': 'filtered', 'not-forced': 'pending' });
    const forcedOnly = store.deliveries.forEvent(e.id).find((d) => d.target === 'forced-only');
    expect(forcedOnly?.lastError).toMatch(/^forced: only rewritten history/);
  });

  it('drops docs-only changes for paths and ignore_paths, skip-ci commits for skip_ci', async () => {
    await work.commit('only docs [skip ci]', { 'docs/d.md': 'd3', 'README.md': 'r' });
    await work.push(bare, ['main']);
    await scheduler.pollNow('app');
    const e = lastEvent();
    // skip_ci is on by default for branch events: not-forced (no skip_ci key) drops it too; all has skip_ci: false
    expect(statuses(e)).toEqual({ all: 'pending', 'src-only': 'filtered', 'no-docs': 'filtered', 'skip-ci': 'filtered', 'forced-only': 'filtered', 'not-forced': 'filtered' });
    const reasons = Object.fromEntries(store.deliveries.forEvent(e.id).map((d) => [d.target, d.lastError]));
    expect(reasons['src-only']).toMatch(/^paths: none of the 2 changed files matches src\/\*\*/);
    expect(reasons['no-docs']).toMatch(/^ignore_paths: every one of the 2 changed files/);
    expect(reasons['skip-ci']).toBe('skip_ci: the head commit message contains [skip ci]');
    expect(reasons['not-forced']).toBe('skip_ci: the head commit message contains [skip ci]');
    // visible as `events list --status filtered`, and not claimed for delivery
    expect(store.events.list({ status: 'filtered' }).events.map((x) => x.id)).toContain(e.id);
    // drain the queue as the dispatcher would: filtered deliveries are never claimed
    const sent: string[] = [];
    for (let round = 0; round < 10; round++) {
      const claimed = store.deliveries.claim({ now: Date.now() + 1e9, limit: 100, leaseMs: 1000 });
      for (const c of claimed) {
        if (c.event.id === e.id) sent.push(c.delivery.target);
        store.deliveries.markDelivered(c.delivery.id, { at: Date.now(), statusCode: 202 });
      }
    }
    expect(sent.sort()).toEqual(['all']);
    expect(statuses(e)).toMatchObject({ 'src-only': 'filtered', 'no-docs': 'filtered', 'skip-ci': 'filtered' });
  });

  it('skip_ci by default spares tags: a release tag on a [skip ci] commit is delivered unless skip_ci is set', async () => {
    await work.git(['tag', 'v1.0.0']);
    await work.push(bare, ['refs/tags/v1.0.0']);
    await scheduler.pollNow('app');
    const e = lastEvent();
    expect(e.type).toBe('tag_created');
    const reasons = Object.fromEntries(store.deliveries.forEvent(e.id).map((d) => [d.target, d.lastError ?? '']));
    expect(reasons['not-forced']).not.toMatch(/skip_ci/);
    expect(reasons['skip-ci']).toBe('skip_ci: the head commit message contains [skip ci]');
  });

  it('sees a force-push: forced true in every format, forced-only gets it, exclude does not', async () => {
    await work.git(['reset', '--quiet', '--hard', 'HEAD~2']);
    await work.commit('rewrite', { 'src/b.ts': 'b' });
    await work.push(bare, ['+main']);
    await scheduler.pollNow('app');
    const e = lastEvent();
    expect(e.data.enrichment).toMatchObject({ status: 'ok', forced: true, totalCommits: 1 });
    expect(statuses(e)).toMatchObject({ 'forced-only': 'pending', 'not-forced': 'filtered' });
    const push = JSON.parse(githubFormat(e, TARGETS[0], opts).body);
    expect(push.forced).toBe(true);
    expect(JSON.parse(cloudeventsFormat(e, TARGETS[1], opts).body).forced).toBe(true);
  });

  it('github payloads: valid push$event, real commits with all three file arrays, owner/name full_name', async () => {
    const validate = pushValidator();
    for (const e of store.events.list({ limit: 100 }).events) {
      const body = JSON.parse(githubFormat(e, TARGETS[0], opts).body);
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      expect(body.repository.full_name).toBe('acme/app');
      for (const c of body.commits) {
        expect(c).toHaveProperty('added');
        expect(c).toHaveProperty('modified');
        expect(c).toHaveProperty('removed');
      }
      expect(body.head_commit.id).toBe(e.after);
      expect(body.head_commit.tree_id).toMatch(/^[0-9a-f]{40}$/);
    }
    const first = store.events.list({ limit: 100 }).events.at(-1)!;
    const body = JSON.parse(githubFormat(first, TARGETS[0], opts).body);
    expect(body.commits.map((c: { message: string }) => c.message)).toEqual(['src change', 'docs too']);
    expect(body.commits[0]).toMatchObject({ modified: ['src/a.ts'], added: [], removed: [], author: { name: 'Ada Author', email: 'ada@example.com' } });
  });

  it('cloudevents and gitlab payloads carry commits, changed files and the enrichment status', async () => {
    const first = store.events.list({ limit: 100 }).events.at(-1)!;
    const req = cloudeventsFormat(first, TARGETS[1], opts);
    const ce = HTTP.toEvent({ headers: req.headers, body: req.body }) as CloudEvent<Record<string, unknown>>;
    expect(ce.validate()).toBe(true);
    const data = JSON.parse(req.body);
    expect(data.changed_files).toEqual({ files: ['docs/d.md', 'src/a.ts'], truncated: false });
    expect(data.commits).toHaveLength(2);
    expect(data.total_commits).toBe(2);
    expect(data.enrichment).toEqual({ status: 'ok', source: 'git', range: 'before', files_per_commit: true });
    expect(data.commit.message).toBe('docs too');
    const gl = JSON.parse(gitlabFormat(first, TARGETS[1], opts).body);
    expect(gl.total_commits_count).toBe(2);
    expect(gl.checkout_sha).toBe(first.after);
    expect(gl.commits[1]).toMatchObject({ modified: ['docs/d.md'], added: [], removed: [] });
  });
});
