/**
 * GitLab (gitlab.com and self-managed): the numeric project id is looked up once from the
 * URL-encoded full path (nested groups) and kept in state.remoteId; branches and tags are listed
 * with per_page=100 following every page (Link, else X-Next-Page).
 * https://docs.gitlab.com/api/branches/ · https://docs.gitlab.com/api/tags/ · https://docs.gitlab.com/api/rest/#pagination
 */
import type { RepositoryConfig } from '../../config/types.js';
import type { Ref, RefKind, RepositoryMeta } from '../../types.js';
import { assertUnique, badResponse, field, parseJson, requireSha, requireString } from '../answer.js';
import type { ApiProviderDeps } from '../deps.js';
import { fetchPagedList, mergeEtags, type PagedListResult } from '../paged-list.js';
import type { ListRefsOptions, ListRefsResult, Provider, ProviderState } from '../types.js';
import type { ListedProvider } from '../descriptor.js';
import { gitlabDescriptor } from './descriptor.js';

function items(list: PagedListResult, kind: RefKind, url: string): Ref[] | 'unchanged' {
  if (list.items === 'unchanged') return 'unchanged';
  const refs = list.items.map((item, i): Ref => {
    const name = requireString(field(item, ['name']), url, `item ${i}.name`);
    // Tags: `target` is what the ref points to (the tag object of an annotated tag), the same SHA
    // GitHub's matching-refs and `git ls-remote` report; commit.id would be the peeled commit.
    const sha = kind === 'branch' ? field(item, ['commit', 'id']) : field(item, ['target']);
    return { kind, name, sha: requireSha(sha, url, `item ${i}.${kind === 'branch' ? 'commit.id' : 'target'}`) };
  });
  // X-Total (absent above 10,000 rows) catches a listing that shifted between pages.
  const total = list.lastHeaders?.['x-total'];
  if (total !== undefined && /^\d+$/.test(total) && Number(total) !== refs.length) {
    throw badResponse(url, `listed ${refs.length} ${kind === 'branch' ? 'branches' : 'tags'} but X-Total says ${total}`);
  }
  return assertUnique(refs, url);
}

/** RepositoryMeta from a GitLab project object (GET /projects/:id). */
function projectMeta(repo: RepositoryConfig, body: unknown, url: string): RepositoryMeta {
  const loc = repo.location;
  const id = field(body, ['id']);
  if (typeof id !== 'number') throw badResponse(url, 'project id is not a number');
  const fullPath = requireString(field(body, ['path_with_namespace']), url, 'path_with_namespace');
  const slash = fullPath.lastIndexOf('/');
  const description = field(body, ['description']);
  const defaultBranch = field(body, ['default_branch']);
  return {
    provider: 'gitlab',
    organization: slash > 0 ? fullPath.slice(0, slash) : loc.namespace,
    name: slash > 0 ? fullPath.slice(slash + 1) : fullPath,
    fullName: fullPath,
    url: requireString(field(body, ['web_url']), url, 'web_url'),
    cloneUrl: requireString(field(body, ['http_url_to_repo']), url, 'http_url_to_repo'),
    id,
    defaultBranch: typeof defaultBranch === 'string' ? defaultBranch : undefined,
    private: field(body, ['visibility']) === 'private' || field(body, ['visibility']) === 'internal',
    description: typeof description === 'string' ? description : null,
  };
}

export function createGitlabProvider(deps: ApiProviderDeps): Provider {
  function projectUrl(repo: RepositoryConfig, idOrPath: string | number): string {
    const key = typeof idOrPath === 'number' ? String(idOrPath) : encodeURIComponent(idOrPath);
    return `${repo.location.apiBaseUrl}/projects/${key}`;
  }

  async function project(repo: RepositoryConfig, idOrPath: string | number, signal?: AbortSignal): Promise<{ body: unknown; url: string }> {
    const res = await deps.http.request({ url: projectUrl(repo, idOrPath), token: repo.token,
      budgetId: repo.budgetId, authScheme: gitlabDescriptor.authScheme, provider: 'gitlab', signal });
    return { body: parseJson(res), url: res.url };
  }

  /** The id, and the project's metadata when it had to be looked up (kept: describe() would ask again). */
  async function projectId(
    repo: RepositoryConfig,
    state: ProviderState,
    signal?: AbortSignal,
  ): Promise<{ id: number; requests: number; meta?: RepositoryMeta }> {
    if (typeof state.remoteId === 'number') return { id: state.remoteId, requests: 0 };
    if (typeof state.remoteId === 'string' && /^\d+$/.test(state.remoteId)) return { id: Number(state.remoteId), requests: 0 };
    const { body, url } = await project(repo, repo.location.path, signal);
    const meta = projectMeta(repo, body, url);
    return { id: meta.id as number, requests: 1, meta };
  }

  function list(repo: RepositoryConfig, id: number, kind: 'branches' | 'tags', state: ProviderState, signal?: AbortSignal): Promise<PagedListResult> {
    return fetchPagedList({
      http: deps.http,
      firstUrl: `${projectUrl(repo, id)}/repository/${kind}?per_page=100`,
      kind,
      state,
      token: repo.token,
      budgetId: repo.budgetId,
      authScheme: gitlabDescriptor.authScheme,
      provider: 'gitlab',
      signal,
    });
  }

  return {
    id: 'gitlab',
    async listRefs(repo: RepositoryConfig, opts: ListRefsOptions): Promise<ListRefsResult> {
      const { id, requests: lookups, meta } = await projectId(repo, opts.state, opts.signal);
      const branches = await list(repo, id, 'branches', opts.state, opts.signal);
      const tags = opts.includeTags ? await list(repo, id, 'tags', opts.state, opts.signal) : undefined;
      let state = mergeEtags(opts.state, { branches: branches.etags, tags: tags?.etags ?? {} });
      if (state.remoteId !== id) state = { ...state, remoteId: id };
      return {
        branches: items(branches, 'branch', repo.url),
        tags: tags === undefined ? undefined : items(tags, 'tag', repo.url),
        method: 'api',
        state,
        requests: lookups + branches.requests + (tags?.requests ?? 0),
        meta,
      };
    },
    async describe(repo: RepositoryConfig, state: ProviderState, signal?: AbortSignal): Promise<RepositoryMeta> {
      const { body, url } = await project(repo, typeof state.remoteId === 'number' ? state.remoteId : repo.location.path, signal);
      return projectMeta(repo, body, url);
    },
  };
}

/** GitLab's entry in the provider list. */
export const gitlabProvider: ListedProvider<'gitlab'> = { ...gitlabDescriptor, create: (c) => c.wrap(createGitlabProvider(c.api)) };
