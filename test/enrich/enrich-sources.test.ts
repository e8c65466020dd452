import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { createEnrichmentTally } from '../../src/enrich/tally.js';
import { createEnricher, type Enricher } from '../../src/enrich/enricher.js';
import type { EnrichRequest, Enrichment, EnrichmentOk } from '../../src/enrich/types.js';
import { createGitCache } from '../../src/git-cache/cache.js';
import { silentLogger } from '../../src/log.js';
import type { RepositoryMeta } from '../../src/types.js';
import { startFakeCompare, type FakeCompare } from '../fakes/compare-api.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { testHttp } from '../providers/helpers.js';
import { buildScenario, type Built } from './scenario.js';
import { withLocation } from '../helpers/repo-config.js';

const NAME = 'acme/mono';
const LIMITS = { maxCommits: 20, maxFiles: 3000, waitMs: 60_000 };

let server: GitServer;
let compare: FakeCompare;
let built: Built;
let dataDir: string;

beforeAll(async () => {
  server = await startGitServer();
  compare = await startFakeCompare();
  built = await buildScenario(server, NAME);
  compare.addRepo('acme', 'mono', built.bareDir);
  dataDir = await mkdtemp(join(tmpdir(), 'reposentry-enrich-'));
}, 120_000);
afterAll(async () => {
  await built?.work.close();
  await compare?.close();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function setup(provider: 'git' | 'github' | 'gitlab' | 'gitea', opts: { fallback?: boolean; cacheDir?: string } = {}) {
  const cache = createGitCache({ dataDir: opts.cacheDir ?? join(dataDir, provider), fetchTimeoutMs: 60_000, readTimeoutMs: 30_000, log: silentLogger() });
  const counts: string[] = [];
  const enricher: Enricher = createEnricher({
    // the fakes run git synchronously per request; on a loaded machine a 300-commit answer takes seconds
    http: () => testHttp({ timeoutMs: 30_000 }), cache, log: silentLogger(), apiFallback: () => opts.fallback ?? false,
    metrics: { enriched: (_p, r) => counts.push(`${r.status}:${r.source ?? r.reason}`) },
  });
  const repo: RepositoryConfig = withLocation({
    name: 'mono', url: server.url(NAME), provider, enabled: true, pollingIntervalMs: 60_000,
    apiBaseUrl: provider === 'github' ? compare.url : provider === 'gitlab' ? `${compare.url}/api/v4` : provider === 'gitea' ? `${compare.url}/api/v1` : '',
  });
  const meta: RepositoryMeta = {
    provider, organization: 'acme', name: 'mono', fullName: 'acme/mono', url: 'https://github.com/acme/mono', cloneUrl: server.url(NAME),
    defaultBranch: provider === 'git' ? undefined : 'main',
  };
  return { enricher, repo, meta, counts, one: async (change: EnrichRequest, limits = LIMITS): Promise<Enrichment> => (await enricher.enrich(repo, meta, [change], limits))[0] as Enrichment };
}

function ok(e: Enrichment | undefined): EnrichmentOk {
  if (e?.status !== 'ok') throw new Error(`expected enrichment, got ${JSON.stringify(e)}`);
  return e;
}

const TITLES = { git: 'the git cache (git http-backend)', github: 'the GitHub compare API (fake answering from the real repository)', gitlab: 'the GitLab compare API (fake answering from the real repository)', gitea: 'the Gitea compare API (fake answering from the real repository)' };
for (const source of ['git', 'github', 'gitlab', 'gitea'] as const) {
  describe(`enrichment from ${TITLES[source]}`, () => {
    it('gets every scenario right: commits oldest first, total, changed files, forced, head commit', async () => {
      const { one } = setup(source);
      for (const s of built.scenarios) {
        const e = ok(await one(s.change));
        expect({ name: s.name, commits: e.commits.map((c) => c.id) }).toEqual({ name: s.name, commits: s.expected.commits });
        expect({ name: s.name, total: e.totalCommits, forced: e.forced, head: e.headCommit?.id })
          .toEqual({ name: s.name, total: s.expected.total, forced: s.expected.forced, head: s.expected.head });
        expect({ name: s.name, files: [...e.changedFiles.files].sort() }).toEqual({ name: s.name, files: [...s.expected.files].sort() });
        // GitHub lists at most 300 files: at 300 it cannot say there were not more
        expect(e.changedFiles.truncated).toBe(source === 'github' && s.expected.files.length >= 300);
        expect(e.source).toBe(source);
        for (const c of e.commits) {
          // every commit carries the three arrays, and the real identities
          expect(Array.isArray(c.added) && Array.isArray(c.modified) && Array.isArray(c.removed)).toBe(true);
          expect(c.author).toMatchObject({ name: 'Ada Author', email: 'ada@example.com' });
          expect(c.committer).toMatchObject({ name: 'Cy Committer', email: 'cy@example.com' });
          expect(c.url).toBe({ gitlab: `https://gitlab.example.com/acme/mono/-/commit/${c.id}`, gitea: `https://gitea.example.com/acme/mono/commit/${c.id}` }[source as string] ?? `https://github.com/acme/mono/commit/${c.id}`);
        }
        if (source === 'git' || source === 'gitea') {
          for (const [id, files] of Object.entries(s.expected.perCommit ?? {})) {
            const c = e.commits.find((x) => x.id === id);
            expect({ name: s.name, added: c?.added ?? [], modified: c?.modified ?? [], removed: c?.removed ?? [] })
              .toEqual({ name: s.name, added: files.added ?? [], modified: files.modified ?? [], removed: files.removed ?? [] });
          }
        } else if (e.headCommit) {
          // the API lists the change's files once: they are on the head commit
          const h = e.headCommit;
          expect([...h.added, ...h.modified, ...h.removed].sort()).toEqual([...s.expected.files].sort());
        }
      }
    }, 120_000);

    it('caps the changed files at max_files and says so', async () => {
      const { one } = setup(source);
      const bulk = built.scenarios.find((s) => s.name === 'a push of 300 commits');
      const e = ok(await one(bulk!.change, { ...LIMITS, maxFiles: 100, maxCommits: 5 }));
      expect(e.changedFiles.files).toHaveLength(100);
      expect(e.changedFiles.truncated).toBe(true);
      expect(e.commits.map((c) => c.id)).toEqual(bulk!.expected.commits.slice(-5));
      expect(e.totalCommits).toBe(300);
    }, 60_000);

    it('marks the change unavailable, with a reason, when the old commit does not exist (compare 404)', async () => {
      const { one, counts } = setup(source);
      const e = await one(built.missingBase);
      expect(e.status).toBe('unavailable');
      expect((e as { reason: string }).reason).toMatch(source === 'git' ? /no longer available/ : /compare: .*404/);
      expect(counts).toEqual([source === 'git' ? 'unavailable:missing-commit' : 'unavailable:not-found']);
    }, 60_000);
  });
}

describe('GitHub enrichment budget and fallback', () => {
  it('costs one compare request per change (two pages only past 100 commits)', async () => {
    const { enricher, repo, meta } = setup('github');
    compare.resetCounters();
    const small = built.scenarios.filter((s) => s.name !== 'a push of 300 commits').map((s) => s.change);
    await enricher.enrich(repo, meta, small, LIMITS);
    expect(compare.count('/repos/')).toBe(small.length);
    compare.resetCounters();
    await enricher.enrich(repo, meta, [built.scenarios.find((s) => s.name === 'a push of 300 commits')!.change], LIMITS);
    expect(compare.count('/compare/')).toBe(2);
  }, 60_000);

  it('counts the requests enrichment spends, and the unavailable ones with the last reason (the status API tally)', async () => {
    const tally = createEnrichmentTally();
    const enricher = createEnricher({
      http: () => testHttp({ timeoutMs: 30_000 }), cache: createGitCache({ dataDir: join(dataDir, 'tally'), fetchTimeoutMs: 60_000, readTimeoutMs: 30_000, log: silentLogger() }),
      log: silentLogger(), apiFallback: () => false, metrics: tally,
    });
    const { repo, meta } = setup('github');
    compare.resetCounters();
    const small = built.scenarios.filter((s) => s.name !== 'a push of 300 commits').map((s) => s.change);
    await enricher.enrich(repo, meta, small, LIMITS);
    expect(tally.snapshot()).toEqual({ requests: compare.count('/repos/'), unavailable: 0, lastReason: null });
    expect(tally.snapshot().requests).toBeGreaterThan(0);
    compare.failNext(1, { kind: 'status', status: 404 }, '/compare/');
    const before = tally.snapshot().requests;
    const [e] = await enricher.enrich(repo, meta, [built.scenarios[0].change], LIMITS);
    expect(e?.status).toBe('unavailable');
    expect(tally.snapshot()).toMatchObject({ requests: before + 1, unavailable: 1, lastReason: 'not-found' });
  }, 60_000);

  it('falls back to the git cache when the compare API fails (enable_api_fallback)', async () => {
    const { one, counts } = setup('github', { fallback: true, cacheDir: join(dataDir, 'fallback') });
    const s = built.scenarios[0];
    compare.failNext(3, { kind: 'status', status: 502 }, '/compare/');
    const e = ok(await one(s.change));
    expect(e.source).toBe('git');
    expect(e.commits.map((c) => c.id)).toEqual(s.expected.commits);
    expect(counts).toEqual(['ok:git']);
  }, 60_000);

  it('never holds an event longer than the bounded wait: a hanging API yields unavailable (timed out)', async () => {
    const { enricher, repo, meta, counts } = setup('github');
    compare.failNext(1, { kind: 'hang' }, '/compare/');
    const [e] = await enricher.enrich(repo, meta, [built.scenarios[0].change], { ...LIMITS, waitMs: 300 });
    expect(e).toEqual({ status: 'unavailable', reason: 'timed out after 300 ms' });
    expect(counts).toEqual(['unavailable:timeout']);
  }, 30_000);

  it('a repository served by a GitHub App compares with its installation token; no token, no request', async () => {
    const { repo, meta } = setup('github');
    const cache = createGitCache({ dataDir: join(dataDir, 'app'), fetchTimeoutMs: 60_000, readTimeoutMs: 30_000, log: silentLogger() });
    const TOKEN = 'ghs_installation_token_5d1f0c';
    let refuse = false;
    const enricher = createEnricher({
      http: () => testHttp({ timeoutMs: 30_000 }), cache, log: silentLogger(), apiFallback: () => false,
      // what the credential manager does for a repository whose credential is a GitHub App
      authorize: async (r) => {
        if (refuse) throw new Error('no installation for acme');
        return { ...r, token: TOKEN };
      },
    });
    const s = built.scenarios[0];
    compare.resetCounters();
    const [e] = await enricher.enrich(repo, meta, [s.change], LIMITS);
    expect(ok(e).commits.map((c) => c.id)).toEqual(s.expected.commits);
    const sent = compare.log.filter((r) => r.url.includes('/compare/'));
    expect(sent.length).toBeGreaterThan(0);
    // before the fix the compare went out without Authorization (a private repository: 404, enrichment unavailable)
    expect(sent.map((r) => r.headers.authorization)).toEqual(sent.map(() => `Bearer ${TOKEN}`));

    refuse = true;
    compare.resetCounters();
    const [u] = await enricher.enrich(repo, meta, [s.change], LIMITS);
    expect(u).toEqual({ status: 'unavailable', reason: 'credentials: no installation for acme' });
    expect(compare.count('/compare/')).toBe(0);
  }, 60_000);

  it('does not enrich deletions', async () => {
    const { enricher, repo, meta } = setup('github');
    compare.resetCounters();
    const [e] = await enricher.enrich(repo, meta, [{ kind: 'branch', ref: 'refs/heads/x', before: built.scenarios[0].change.after, after: '0'.repeat(40) }], LIMITS);
    expect(e).toBeUndefined();
    expect(compare.count()).toBe(0);
  });
});
