/** Provider behaviour beyond the shared contract: ETag cost, annotated tags, ids, empty repositories, describe(). */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createGiteaProvider } from '../../src/providers/gitea/index.js';
import { createGithubProvider } from '../../src/providers/github/index.js';
import { createGitlabProvider } from '../../src/providers/gitlab/index.js';
import type { HttpClient } from '../../src/http/types.js';
import { startFakeGitea } from '../fakes/gitea-api.js';
import { startFakeGithub } from '../fakes/github-api.js';
import { startFakeGitlab } from '../fakes/gitlab-api.js';
import { repoConfig, sha, testHttp } from './helpers.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});
function http(): HttpClient {
  const client = testHttp();
  cleanup.push(() => client.close());
  return client;
}

describe('github provider', () => {
  async function setup(branches: Record<string, string>, tags: Record<string, string | { sha: string; type: 'tag' }> = {}) {
    const fake = await startFakeGithub();
    cleanup.push(() => fake.close());
    fake.addRepo({ owner: 'acme', name: 'svc', branches, tags, description: 'svc', defaultBranch: 'main' });
    const provider = createGithubProvider({ http: http(), log: silentLogger() });
    return { fake, provider, repo: repoConfig('github', 'https://github.com/acme/svc', fake.url, 't') };
  }

  it('costs one free conditional request for an idle repository, and keeps the same state object', async () => {
    const { fake, provider, repo } = await setup({ main: sha() });
    const first = await provider.listRefs(repo, { includeTags: false, state: {} });
    fake.resetCounters();
    const before = fake.rateLimit().remaining;
    const second = await provider.listRefs(repo, { includeTags: false, state: first.state });
    expect(second.branches).toBe('unchanged');
    expect(second.requests).toBe(1);
    expect(second.state).toBe(first.state);
    expect(fake.countByStatus(304)).toBe(1);
    expect(fake.count()).toBe(1);
    expect(fake.rateLimit().remaining).toBe(before);
  });

  it('reports the tag object SHA for an annotated tag', async () => {
    const commit = sha();
    const tagObject = sha();
    const { provider, repo } = await setup({ main: commit }, { v1: commit, v2: { sha: tagObject, type: 'tag' } });
    const result = await provider.listRefs(repo, { includeTags: true, state: {} });
    expect(result.tags).toEqual([
      { kind: 'tag', name: 'v1', sha: commit },
      { kind: 'tag', name: 'v2', sha: tagObject },
    ]);
  });

  it('drops tag ETags when tags are no longer listed, so a new tag_regex gets a full listing', async () => {
    const { provider, repo } = await setup({ main: sha() }, { v1: sha() });
    const first = await provider.listRefs(repo, { includeTags: true, state: {} });
    expect(first.state.etags?.tags).toBeDefined();
    const second = await provider.listRefs(repo, { includeTags: false, state: first.state });
    expect(second.state.etags?.tags).toBeUndefined();
    const third = await provider.listRefs(repo, { includeTags: true, state: second.state });
    expect(Array.isArray(third.tags)).toBe(true);
  });

  it('lists an empty repository (GitHub answers 409) as no refs', async () => {
    const { provider, repo } = await setup({});
    const result = await provider.listRefs(repo, { includeTags: true, state: {} });
    expect(result.branches).toEqual([]);
    expect(result.tags).toEqual([]);
  });

  it.each([
    ['an item without object.sha', '[{"ref":"refs/heads/x","object":{}}]'],
    ['a ref outside refs/heads/', `[{"ref":"refs/pull/1/head","object":{"sha":"${'a'.repeat(40)}"}}]`],
    ['an object instead of an array', '{"message":"hi"}'],
  ])('rejects %s as upstream-bad-response', async (_what, body) => {
    const { fake, provider, repo } = await setup({ main: sha() });
    fake.failNext(1, { kind: 'status', status: 200, body }, 'matching-refs');
    const err = await provider.listRefs(repo, { includeTags: false, state: {} }).catch((e: unknown) => e);
    expect((err as { code: string }).code).toBe('upstream-bad-response');
  });

  it('describes the repository', async () => {
    const { provider, repo } = await setup({ main: sha() });
    const meta = await provider.describe(repo, {});
    expect(meta).toMatchObject({ provider: 'github', organization: 'acme', name: 'svc', fullName: 'acme/svc', defaultBranch: 'main', private: false, description: 'svc', url: 'https://github.com/acme/svc' });
    expect(typeof meta.id).toBe('number');
  });
});

describe('gitlab provider', () => {
  it('looks the project id up once, keeps it in state, and uses it afterwards', async () => {
    const fake = await startFakeGitlab();
    cleanup.push(() => fake.close());
    const id = fake.addProject({ path: 'group/sub/svc', branches: { main: sha() } });
    const provider = createGitlabProvider({ http: http(), log: silentLogger() });
    const repo = repoConfig('gitlab', `${fake.url}/group/sub/svc.git`, fake.apiUrl, 't');
    const first = await provider.listRefs(repo, { includeTags: false, state: {} });
    expect(first.state.remoteId).toBe(id);
    expect(fake.count('/projects/group%2Fsub%2Fsvc')).toBe(1);
    fake.setBranch('group/sub/svc', 'dev', sha());
    const second = await provider.listRefs(repo, { includeTags: false, state: first.state });
    expect((second.branches as unknown[]).length).toBe(2);
    expect(fake.count('/projects/group%2Fsub%2Fsvc')).toBe(1);
    expect(fake.count(`/projects/${id}/repository/branches`)).toBe(2);
    const meta = await provider.describe(repo, second.state);
    expect(meta).toMatchObject({ provider: 'gitlab', organization: 'group/sub', name: 'svc', fullName: 'group/sub/svc', id });
  });

  it('uses the tag target (the tag object for annotated tags), not the peeled commit', async () => {
    const fake = await startFakeGitlab();
    cleanup.push(() => fake.close());
    const tagObject = sha();
    fake.addProject({ path: 'g/p', branches: { main: sha() }, tags: { v1: { sha: tagObject, type: 'tag', commit: sha() } } });
    const provider = createGitlabProvider({ http: http(), log: silentLogger() });
    const result = await provider.listRefs(repoConfig('gitlab', `${fake.url}/g/p`, fake.apiUrl), { includeTags: true, state: {} });
    expect(result.tags).toEqual([{ kind: 'tag', name: 'v1', sha: tagObject }]);
  });
});

describe('gitea provider', () => {
  it('treats the 404 of an empty repository as no refs, and a missing repository as not found', async () => {
    const fake = await startFakeGitea();
    cleanup.push(() => fake.close());
    fake.addRepo({ owner: 'acme', name: 'empty' });
    const provider = createGiteaProvider({ http: http(), log: silentLogger() });
    const result = await provider.listRefs(repoConfig('gitea', `${fake.url}/acme/empty`, fake.apiUrl), { includeTags: true, state: {} });
    expect(result.branches).toEqual([]);
    expect(result.tags).toEqual([]);
    const err = await provider.listRefs(repoConfig('gitea', `${fake.url}/acme/none`, fake.apiUrl), { includeTags: false, state: {} }).catch((e: unknown) => e);
    expect((err as { code: string }).code).toBe('upstream-not-found');
  });

  it('describes the repository', async () => {
    const fake = await startFakeGitea();
    cleanup.push(() => fake.close());
    fake.addRepo({ owner: 'acme', name: 'svc', branches: { main: sha() }, private: true });
    const provider = createGiteaProvider({ http: http(), log: silentLogger() });
    const meta = await provider.describe(repoConfig('gitea', `${fake.url}/acme/svc`, fake.apiUrl), {});
    expect(meta).toMatchObject({ provider: 'gitea', organization: 'acme', name: 'svc', fullName: 'acme/svc', defaultBranch: 'main', private: true });
  });
});
