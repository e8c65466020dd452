import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReposentryError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { createProviderRegistry } from '../../src/providers/registry.js';
import type { HttpClient } from '../../src/http/types.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { fakeClock } from '../http/fake-clock.js';
import { repoConfig, testHttp } from './helpers.js';

const NAME = 'acme/svc';
let fake: FakeGithub;
let server: GitServer;
let http: HttpClient;
let branches: Record<string, string>;

beforeEach(async () => {
  server = await startGitServer();
  await server.createRepo(NAME);
  server.requireToken(NAME, 'good-token');
  const main = await server.commit(NAME, 'main', 'first');
  const dev = await server.commit(NAME, 'dev', 'dev');
  branches = { main, dev };
  fake = await startFakeGithub({ token: 'good-token' });
  fake.addRepo({ owner: 'acme', name: 'svc', branches });
  http = testHttp({ clock: fakeClock(), retryAttempts: 2 });
});

afterEach(async () => {
  await http.close();
  await fake.close();
  await server.close();
});

function registry(enableApiFallback: boolean) {
  return createProviderRegistry({ http, git: { timeoutMs: 10_000 }, log: silentLogger(), enableApiFallback });
}

// The repository URL points at the real git server; the API at the fake: both serve acme/svc.
function repo(token = 'good-token') {
  return repoConfig('github', server.url(NAME), fake.url, token);
}

function asMap(refs: unknown): Record<string, string> {
  return Object.fromEntries((refs as { name: string; sha: string }[]).map((r) => [r.name, r.sha]));
}

describe('API fallback to git ls-remote', () => {
  it('falls back after 5xx answers outlast the retries, authenticated, and says so', async () => {
    fake.failNext(3, { kind: 'status', status: 503 });
    const state = { etags: { heads: '"kept"' } };
    const result = await registry(true).get('github').listRefs(repo(), { includeTags: false, state });
    expect(result.method).toBe('ls-remote');
    expect(asMap(result.branches)).toEqual(branches);
    expect(result.state).toBe(state);
    expect(fake.count('matching-refs')).toBe(3);
    const basic = `Basic ${Buffer.from('x-access-token:good-token').toString('base64')}`;
    expect(server.authHeaders).toContain(basic);
  });

  it('falls back on malformed JSON', async () => {
    fake.failNext(1, { kind: 'malformed' });
    const result = await registry(true).get('github').listRefs(repo(), { includeTags: false, state: {} });
    expect(result.method).toBe('ls-remote');
    expect(asMap(result.branches)).toEqual(branches);
  });

  it('does not fall back when disabled', async () => {
    fake.failNext(3, { kind: 'status', status: 500 });
    const err = await registry(false).get('github').listRefs(repo(), { includeTags: false, state: {} }).catch((e: unknown) => e);
    expect((err as ReposentryError).code).toBe('upstream');
    expect(server.authHeaders).toHaveLength(0);
  });

  it.each([
    [401, 'upstream-auth'],
    [403, 'upstream-auth'],
    [404, 'upstream-not-found'],
  ])('does not mask a %i', async (status, code) => {
    fake.failNext(1, { kind: 'status', status });
    const err = await registry(true).get('github').listRefs(repo(), { includeTags: false, state: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReposentryError);
    expect((err as ReposentryError).code).toBe(code);
    expect(server.authHeaders).toHaveLength(0);
  });

  it('reports a failing fallback as the git error', async () => {
    fake.failNext(3, { kind: 'status', status: 500 });
    server.misbehave(NAME, 'garbage');
    const err = await registry(true).get('github').listRefs(repo(), { includeTags: false, state: {} }).catch((e: unknown) => e);
    expect((err as ReposentryError).code).toBe('git');
  });
});

describe('provider registry', () => {
  it('returns each provider by id and rejects an unknown id listing the known ones', () => {
    const r = registry(true);
    expect(r.get('gitlab').id).toBe('gitlab');
    expect(r.get('git').id).toBe('git');
    expect(() => r.get('bitbucket' as never)).toThrow(/unknown provider "bitbucket"; known providers: github, gitlab, gitea, git/);
  });
});
