/**
 * GitHub (github.com and Enterprise Server via api_base_url):
 * GET /repos/{o}/{r}/git/matching-refs/heads/ (and tags/), conditional, paginated.
 * https://docs.github.com/en/rest/git/refs#list-matching-references
 */
import type { RepositoryConfig } from '../../config/types.js';
import type { HttpResponse } from '../../http/types.js';
import type { RepositoryMeta } from '../../types.js';
import { badResponse, field, gitRefItems, assertUnique, parseJson, requireString } from '../answer.js';
import type { ApiProviderDeps } from '../deps.js';
import { fetchPagedList, mergeEtags, type PagedListResult } from '../paged-list.js';
import type { ListRefsOptions, ListRefsResult, Provider, ProviderState } from '../types.js';
import type { ListedProvider } from '../descriptor.js';
import { githubDescriptor } from './descriptor.js';
import { createGithubGraphqlBatch } from './graphql.js';

/** GitHub answers 409 "Git Repository is empty." on the git refs endpoints of an empty repository. */
async function confirmEmptyRepository(res: HttpResponse): Promise<void> {
  const message = field(safeJson(res.body), ['message']);
  if (typeof message === 'string' && /empty/i.test(message)) return;
  throw badResponse(res.url, `status ${res.status}${typeof message === 'string' ? `: ${message}` : ''}`);
}

function safeJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export function createGithubProvider(deps: ApiProviderDeps): Provider {
  // A repository's listing URL is fixed for the life of its config object (a reload makes new
  // objects), so it is built once instead of on every poll.
  const refsBase = new WeakMap<RepositoryConfig, string>();
  function refsUrl(repo: RepositoryConfig, kind: 'heads' | 'tags'): string {
    let base = refsBase.get(repo);
    if (base === undefined) {
      base = `${repo.location.apiBaseUrl}/repos/${repo.location.path}/git/matching-refs/`;
      refsBase.set(repo, base);
    }
    return `${base}${kind}/?per_page=100`;
  }

  function list(repo: RepositoryConfig, kind: 'heads' | 'tags', state: ProviderState, signal?: AbortSignal): Promise<PagedListResult> {
    return fetchPagedList({
      http: deps.http,
      firstUrl: refsUrl(repo, kind),
      kind,
      state,
      token: repo.token,
      budgetId: repo.budgetId,
      authScheme: githubDescriptor.authScheme,
      provider: 'github',
      signal,
      emptyStatuses: [409],
      confirmEmpty: confirmEmptyRepository,
    });
  }

  return {
    id: 'github',
    async listRefs(repo: RepositoryConfig, opts: ListRefsOptions): Promise<ListRefsResult> {
      const heads = await list(repo, 'heads', opts.state, opts.signal);
      const tags = opts.includeTags ? await list(repo, 'tags', opts.state, opts.signal) : undefined;
      const url = repo.url;
      return {
        branches: heads.items === 'unchanged' ? 'unchanged' : assertUnique(gitRefItems(heads.items, 'branch', url), url),
        tags: tags === undefined ? undefined : tags.items === 'unchanged' ? 'unchanged' : assertUnique(gitRefItems(tags.items, 'tag', url), url),
        method: 'api',
        // tag ETags are dropped when tags are not listed, so a later tag_regex cannot get a stale 304
        state: mergeEtags(opts.state, { heads: heads.etags, tags: tags?.etags ?? {} }),
        requests: heads.requests + (tags?.requests ?? 0),
      };
    },
    async describe(repo: RepositoryConfig, _state: ProviderState, signal?: AbortSignal): Promise<RepositoryMeta> {
      const res = await deps.http.request({
        url: `${repo.location.apiBaseUrl}/repos/${repo.location.path}`,
        token: repo.token,
      budgetId: repo.budgetId,
        authScheme: githubDescriptor.authScheme,
        provider: 'github',
        signal,
      });
      const body = parseJson(res);
      const id = field(body, ['id']);
      if (typeof id !== 'number') throw badResponse(res.url, 'id is not a number');
      const fullName = requireString(field(body, ['full_name']), res.url, 'full_name');
      const description = field(body, ['description']);
      return {
        provider: 'github',
        organization: requireString(field(body, ['owner', 'login']), res.url, 'owner.login'),
        name: requireString(field(body, ['name']), res.url, 'name'),
        fullName,
        url: requireString(field(body, ['html_url']), res.url, 'html_url'),
        cloneUrl: requireString(field(body, ['clone_url']), res.url, 'clone_url'),
        id,
        defaultBranch: requireString(field(body, ['default_branch']), res.url, 'default_branch'),
        private: field(body, ['private']) === true,
        description: typeof description === 'string' ? description : null,
      };
    },
  };
}

/** GitHub's entry in the provider list: REST listings, and GraphQL batches where the scheduler puts a (host, token) group in graphql mode. */
export const githubProvider: ListedProvider<'github'> = {
  ...githubDescriptor,
  create(c) {
    const rest = c.wrap(createGithubProvider(c.api));
    return { ...rest, batch: createGithubGraphqlBatch({ ...c.api, rest }) };
  },
};
