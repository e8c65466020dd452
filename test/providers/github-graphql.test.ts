import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { UpstreamError } from '../../src/errors.js';
import type { HttpClient } from '../../src/http/types.js';
import { silentLogger } from '../../src/log.js';
import { createGithubGraphqlBatch } from '../../src/providers/github/graphql.js';
import { buildQuery, graphqlEndpoint } from '../../src/providers/github/graphql-query.js';
import { createGithubProvider } from '../../src/providers/github/index.js';
import type { BatchCapability, ListRefsResult, Provider } from '../../src/providers/types.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { manyNames, sha, shas, testHttp } from './helpers.js';
import { withLocation } from '../helpers/repo-config.js';

const TOKEN = 'graphql-token';

function repo(fake: FakeGithub, name: string, tagRegex?: string): RepositoryConfig {
  return withLocation({
    name, url: `https://github.com/acme/${name}`, provider: 'github', token: TOKEN, enabled: true,
    pollingIntervalMs: 60_000, apiBaseUrl: fake.url, tagRegex,
  });
}

function ok(r: ListRefsResult | Error): ListRefsResult {
  if (r instanceof Error) throw r;
  return r;
}

function byName(refs: ListRefsResult['tags']): Record<string, string> {
  if (refs === 'unchanged' || refs === undefined) throw new Error('expected a list');
  return Object.fromEntries(refs.map((r) => [r.name, r.sha]));
}

describe('GitHub GraphQL batch listing', () => {
  let fake: FakeGithub;
  let http: HttpClient;
  let rest: Provider;
  let batch: BatchCapability;
  let branches: Record<string, Record<string, string>>;

  beforeEach(async () => {
    fake = await startFakeGithub({ token: TOKEN });
    branches = {};
    for (let i = 0; i < 10; i++) {
      branches[`svc${i}`] = shas(['main', `feature-${i}`]);
      fake.addRepo({ owner: 'acme', name: `svc${i}`, branches: branches[`svc${i}`] });
    }
    http = testHttp({ retryAttempts: 0 });
    rest = createGithubProvider({ http, log: silentLogger() });
    batch = createGithubGraphqlBatch({ http, log: silentLogger(), rest });
  });
  afterEach(async () => {
    await http.close();
    await fake.close();
  });

  it('lists 10 repositories with one POST /graphql, method graphql, 1 point', async () => {
    const items = Object.keys(branches).map((n) => ({ repo: repo(fake, n), opts: { includeTags: false, state: {} } }));
    const results = (await batch.listRefsBatch(items)).map(ok);
    expect(results).toHaveLength(10);
    results.forEach((r, i) => {
      expect(byName(r.branches)).toEqual(branches[`svc${i}`]);
      expect(r.tags).toBeUndefined();
      expect(r.method).toBe('graphql');
    });
    expect(results.reduce((n, r) => n + r.requests, 0)).toBe(1);
    expect(fake.count('/graphql')).toBe(1);
    expect(fake.count('/repos/')).toBe(0);
    expect(fake.graphqlStats()).toEqual({ requests: 1, points: 1 });
  });

  it('follows cursors for a repository with 250 branches until the listing is complete', async () => {
    const big = shas(manyNames(250));
    fake.addRepo({ owner: 'acme', name: 'big', branches: big });
    const items = [repo(fake, 'svc0'), repo(fake, 'big')].map((r) => ({ repo: r, opts: { includeTags: false, state: {} } }));
    const [small, large] = (await batch.listRefsBatch(items)).map(ok);
    expect(byName(small.branches)).toEqual(branches.svc0);
    expect(byName(large.branches)).toEqual(big);
    // page 1 for both, then pages 2 and 3 for the big one only
    expect(fake.count('/graphql')).toBe(3);
    expect(small.requests + large.requests).toBe(3);
  });

  it('fails only the repository GitHub answers NOT_FOUND for', async () => {
    const names = ['svc0', 'svc1', 'svc2', 'missing', 'svc3'];
    const results = await batch.listRefsBatch(names.map((n) => ({ repo: repo(fake, n), opts: { includeTags: false, state: {} } })));
    const failed = results[3];
    expect(failed).toBeInstanceOf(UpstreamError);
    expect((failed as UpstreamError).code).toBe('upstream-not-found');
    expect((failed as UpstreamError).message).toContain('acme/missing');
    for (const i of [0, 1, 2, 4]) expect(byName(ok(results[i]).branches)).toEqual(branches[names[i]]);
    expect(fake.count('/graphql')).toBe(1);
  });

  it('fails every repository with upstream-auth on a 401, without falling back', async () => {
    const items = ['svc0', 'svc1'].map((n) => ({ repo: { ...repo(fake, n), token: 'wrong' }, opts: { includeTags: false, state: {} } }));
    const results = await batch.listRefsBatch(items);
    for (const r of results) expect((r as UpstreamError).code).toBe('upstream-auth');
    expect(fake.count('/repos/')).toBe(0);
  });

  it('halves the batch on a 502 and retries until the listings arrive', async () => {
    fake.failNext(2, { kind: 'status', status: 502 }, '/graphql');
    const items = Object.keys(branches).map((n) => ({ repo: repo(fake, n), opts: { includeTags: false, state: {} } }));
    const results = (await batch.listRefsBatch(items)).map(ok);
    results.forEach((r, i) => expect(byName(r.branches)).toEqual(branches[`svc${i}`]));
    expect(results.every((r) => r.method === 'graphql')).toBe(true);
    // 10 fails, its first half (5) fails, then 3 + 2 succeed, then the second half (5) succeeds
    expect(fake.count('/graphql')).toBe(5);
    expect(fake.count('/repos/')).toBe(0);
  });

  it('falls back to REST per repository when even a batch of one fails with a transport error', async () => {
    // the batch of two fails, then its first half (svc0 alone) fails: svc0 over REST, svc1 over GraphQL
    fake.failNext(2, { kind: 'status', status: 502 }, '/graphql');
    const items = ['svc0', 'svc1'].map((n) => ({ repo: repo(fake, n), opts: { includeTags: false, state: {} } }));
    const results = (await batch.listRefsBatch(items)).map(ok);
    expect(results.map((r) => r.method)).toEqual(['api', 'graphql']);
    expect(byName(results[0].branches)).toEqual(branches.svc0);
    expect(byName(results[1].branches)).toEqual(branches.svc1);
    expect(fake.count('/git/matching-refs/heads')).toBe(1);
  });

  it('treats a hung GraphQL request like a transport error (timeout → smaller batch)', async () => {
    const fastHttp = testHttp({ retryAttempts: 0, timeoutMs: 200 });
    const quick = createGithubGraphqlBatch({ http: fastHttp, log: silentLogger(), rest: createGithubProvider({ http: fastHttp, log: silentLogger() }) });
    fake.failNext(1, { kind: 'hang' }, '/graphql');
    const items = ['svc0', 'svc1'].map((n) => ({ repo: repo(fake, n), opts: { includeTags: false, state: {} } }));
    const results = (await quick.listRefsBatch(items)).map(ok);
    expect(results.map((r) => r.method)).toEqual(['graphql', 'graphql']);
    expect(fake.count('/graphql')).toBe(3);
    await fastHttp.close();
  });

  it('asks for tags only for repositories that watch them', async () => {
    fake.setTags('acme', 'svc1', { 'v1.0': sha() });
    const items = [
      { repo: repo(fake, 'svc0'), opts: { includeTags: false, state: {} } },
      { repo: repo(fake, 'svc1', '^v'), opts: { includeTags: true, state: {} } },
    ];
    const [plain, tagged] = (await batch.listRefsBatch(items)).map(ok);
    expect(plain.tags).toBeUndefined();
    expect(Object.keys(byName(tagged.tags))).toEqual(['v1.0']);
    const { query } = buildQuery([
      { owner: 'acme', name: 'svc0', connections: [{ kind: 'heads' }] },
      { owner: 'acme', name: 'svc1', connections: [{ kind: 'heads' }, { kind: 'tags' }] },
    ]);
    expect(query.match(/refs\/tags\//g)).toHaveLength(1);
  });

  it('gives annotated and lightweight tags the same SHAs as the REST provider', async () => {
    const tagObject = sha();
    const commit = sha();
    fake.setTags('acme', 'svc2', { annotated: { sha: tagObject, type: 'tag' }, light: commit });
    const r = repo(fake, 'svc2', '.');
    const [viaGraphql] = (await batch.listRefsBatch([{ repo: r, opts: { includeTags: true, state: {} } }])).map(ok);
    const viaRest = await rest.listRefs(r, { includeTags: true, state: {} });
    expect(byName(viaGraphql.tags)).toEqual({ annotated: tagObject, light: commit });
    expect(byName(viaGraphql.tags)).toEqual(byName(viaRest.tags));
  });

  it('drops stored REST ETags, which describe an older listing', async () => {
    const state = { etags: { heads: '"abc"', 'heads#probe': 'x' }, remoteId: 7 };
    const [r] = (await batch.listRefsBatch([{ repo: repo(fake, 'svc0'), opts: { includeTags: false, state } }])).map(ok);
    expect(r.state).toEqual({ etags: {}, remoteId: 7 });
  });

  it('sends owner and name as variables, never inside the query text', () => {
    const { query, variables } = buildQuery([{ owner: 'ac"me', name: 'x") { id } evil: viewer { login', connections: [{ kind: 'heads', after: 'Y3Vyc29yOjk5' }] }]);
    expect(query).not.toContain('evil');
    expect(query).not.toContain('Y3Vyc29yOjk5');
    expect(variables).toEqual({ o0: 'ac"me', n0: 'x") { id } evil: viewer { login', a0h: 'Y3Vyc29yOjk5' });
  });

  it('derives the GraphQL endpoint from the REST root (github.com and Enterprise Server)', () => {
    expect(graphqlEndpoint('https://api.github.com')).toBe('https://api.github.com/graphql');
    expect(graphqlEndpoint('https://ghe.example.com/api/v3/')).toBe('https://ghe.example.com/api/graphql');
  });

  it('keys repositories by API root and token, never by the token itself', () => {
    const a = batch.key(repo(fake, 'svc0'));
    expect(a).toBe(batch.key(repo(fake, 'svc1')));
    expect(a).not.toContain(TOKEN);
    expect(batch.key({ ...repo(fake, 'svc0'), token: 'other' })).not.toBe(a);
    expect(batch.key({ ...repo(fake, 'svc0'), provider: 'gitlab' })).toBeNull();
  });
});
