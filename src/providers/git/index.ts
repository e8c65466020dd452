/**
 * Plain git server (and the API providers' fallback): one `git ls-remote` per listing. Nothing to
 * make conditional, so every listing is complete; state is passed through untouched.
 */
import type { RepositoryConfig } from '../../config/types.js';
import type { ProviderId, Ref, RepositoryMeta } from '../../types.js';
import { metaFromLocation } from '../../config/repo-meta.js';
import type { ListRefsOptions, ListRefsResult, Provider, ProviderState } from '../types.js';
import type { ListedProvider } from '../descriptor.js';
import { gitDescriptor } from './descriptor.js';
import { createGitRunner, type GitRunnerOptions } from './ls-remote.js';

/**
 * The header git sends with the token. HTTPS git servers take Basic auth with the token as the
 * password; the user name each host expects: GitHub `x-access-token`, GitLab `oauth2`, others any.
 */
export function gitAuthHeader(provider: ProviderId, token: string | undefined, username?: string): string | undefined {
  if (!token) return undefined;
  // a username/password credential names its own user; a token goes with the host's convention
  const user = username ?? (provider === 'gitlab' ? 'oauth2' : 'x-access-token');
  return `Authorization: Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
}

/** The URL's own credentials win: they name the user the server expects. */
function authHeaderFor(repo: RepositoryConfig): string | undefined {
  if (repo.gitCredentials === false) return undefined;
  const creds = repo.location.credentials;
  if (creds) return `Authorization: Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
  return gitAuthHeader(repo.provider, repo.token, repo.username);
}

export function createGitProvider(options: GitRunnerOptions): Provider {
  const runner = createGitRunner(options);
  return {
    id: 'git',
    async listRefs(repo: RepositoryConfig, opts: ListRefsOptions): Promise<ListRefsResult> {
      const remote = await runner.lsRemote({
        url: repo.location.cloneUrl,
        heads: true,
        tags: opts.includeTags,
        authHeader: authHeaderFor(repo),
        token: repo.token,
        secrets: [repo.location.credentials?.username, repo.location.credentials?.password],
        signal: opts.signal,
      });
      const branches: Ref[] = [];
      const tags: Ref[] = [];
      for (const { ref, sha } of remote) {
        if (ref.startsWith('refs/heads/')) branches.push({ kind: 'branch', name: ref.slice('refs/heads/'.length), sha });
        else if (ref.startsWith('refs/tags/') && opts.includeTags) tags.push({ kind: 'tag', name: ref.slice('refs/tags/'.length), sha });
      }
      return { branches, tags: opts.includeTags ? tags : undefined, method: 'ls-remote', state: opts.state, requests: 1 };
    },
    async describe(repo: RepositoryConfig, _state: ProviderState): Promise<RepositoryMeta> {
      return metaFromLocation(repo.provider, repo.location);
    },
  };
}

/** Plain git's entry in the provider list: the registry's one git provider, also the API providers' fallback. */
export const gitProvider: ListedProvider<'git'> = { ...gitDescriptor, create: (c) => c.git };
