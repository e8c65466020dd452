/**
 * Gitea / Forgejo: GET /repos/{o}/{r}/git/refs/heads (and /tags). Gitea answers 404 when no ref
 * matches (an empty repository, or no tags), the same status as a missing repository, so a 404 is
 * confirmed with GET /repos/{o}/{r}: repository found → empty list, else upstream-not-found.
 * https://gitea.com/api/swagger#/repository/repoListGitRefs
 */
import type { RepositoryConfig } from '../../config/types.js';
import type { RefKind, RepositoryMeta } from '../../types.js';
import { assertUnique, badResponse, field, gitRefItems, isRecord, parseJson, requireString } from '../answer.js';
import type { ApiProviderDeps } from '../deps.js';
import { fetchPagedList, mergeEtags, type PagedListResult } from '../paged-list.js';
import type { ListRefsOptions, ListRefsResult, Provider, ProviderState } from '../types.js';
import type { ListedProvider } from '../descriptor.js';
import { giteaDescriptor } from './descriptor.js';

export function createGiteaProvider(deps: ApiProviderDeps): Provider {
  function repoUrl(repo: RepositoryConfig): string {
    return `${repo.location.apiBaseUrl}/repos/${repo.location.path}`;
  }

  async function repository(repo: RepositoryConfig, signal?: AbortSignal): Promise<{ body: unknown; url: string }> {
    const res = await deps.http.request({ url: repoUrl(repo), token: repo.token,
      budgetId: repo.budgetId, authScheme: giteaDescriptor.authScheme, provider: 'gitea', signal });
    return { body: parseJson(res), url: res.url };
  }

  function list(repo: RepositoryConfig, kind: 'heads' | 'tags', state: ProviderState, signal?: AbortSignal): Promise<PagedListResult> {
    return fetchPagedList({
      http: deps.http,
      firstUrl: `${repoUrl(repo)}/git/refs/${kind}`,
      kind,
      state,
      token: repo.token,
      budgetId: repo.budgetId,
      authScheme: giteaDescriptor.authScheme,
      provider: 'gitea',
      signal,
      emptyStatuses: [404],
      acceptObject: true,
      confirmEmpty: async () => {
        const { body, url } = await repository(repo, signal);
        if (!isRecord(body) || typeof body.id !== 'number') throw badResponse(url, 'repository answer has no id');
      },
    });
  }

  function refs(result: PagedListResult, kind: RefKind, url: string): ListRefsResult['branches'] {
    if (result.items === 'unchanged') return 'unchanged';
    return assertUnique(gitRefItems(result.items, kind, url), url);
  }

  return {
    id: 'gitea',
    async listRefs(repo: RepositoryConfig, opts: ListRefsOptions): Promise<ListRefsResult> {
      const heads = await list(repo, 'heads', opts.state, opts.signal);
      const tags = opts.includeTags ? await list(repo, 'tags', opts.state, opts.signal) : undefined;
      return {
        branches: refs(heads, 'branch', repo.url),
        tags: tags === undefined ? undefined : refs(tags, 'tag', repo.url),
        method: 'api',
        state: mergeEtags(opts.state, { heads: heads.etags, tags: tags?.etags ?? {} }),
        requests: heads.requests + (tags?.requests ?? 0),
      };
    },
    async describe(repo: RepositoryConfig, _state: ProviderState, signal?: AbortSignal): Promise<RepositoryMeta> {
      const { body, url } = await repository(repo, signal);
      const id = field(body, ['id']);
      if (typeof id !== 'number') throw badResponse(url, 'id is not a number');
      const description = field(body, ['description']);
      const defaultBranch = field(body, ['default_branch']);
      return {
        provider: 'gitea',
        organization: requireString(field(body, ['owner', 'login']), url, 'owner.login'),
        name: requireString(field(body, ['name']), url, 'name'),
        fullName: requireString(field(body, ['full_name']), url, 'full_name'),
        url: requireString(field(body, ['html_url']), url, 'html_url'),
        cloneUrl: requireString(field(body, ['clone_url']), url, 'clone_url'),
        id,
        defaultBranch: typeof defaultBranch === 'string' && defaultBranch !== '' ? defaultBranch : undefined,
        private: field(body, ['private']) === true,
        description: typeof description === 'string' ? description : null,
      };
    },
  };
}

/** Gitea's entry in the provider list. */
export const giteaProvider: ListedProvider<'gitea'> = { ...giteaDescriptor, create: (c) => c.wrap(createGiteaProvider(c.api)) };
