/** One registry map from provider id to its implementation (STYLE.md §3). */
import { ReposentryError } from '../errors.js';
import type { HttpClient } from '../http/types.js';
import type { Logger } from '../log.js';
import type { ProviderId } from '../types.js';
import { createGiteaProvider } from './gitea/index.js';
import { createGithubGraphqlBatch } from './github/graphql.js';
import { createGithubProvider } from './github/index.js';
import { createGitlabProvider } from './gitlab/index.js';
import { createGitProvider } from './git/index.js';
import type { GitRunnerOptions } from './git/ls-remote.js';
import type { Provider } from './types.js';
import { withFallback } from './with-fallback.js';
import { withCredentials } from './with-credentials.js';
import type { CredentialHooks } from '../credentials/manager.js';

export interface ProviderRegistryDeps {
  http: HttpClient;
  git: GitRunnerOptions;
  log: Logger;
  /** `polling.enable_api_fallback` */
  enableApiFallback: boolean;
  /** GitHub App tokens and credential health; absent: repositories use their configured token as is */
  credentials?: CredentialHooks;
}

export interface ProviderRegistry {
  /** throws ReposentryError('config-invalid') listing the known ids for an unknown one */
  get(id: ProviderId): Provider;
}

export function createProviderRegistry(deps: ProviderRegistryDeps): ProviderRegistry {
  const log = deps.log.child({ component: 'providers' });
  const git = createGitProvider(deps.git);
  const api = { http: deps.http, log };
  const wrap = (p: Provider): Provider => (deps.enableApiFallback ? withFallback(p, git, log) : p);
  const githubRest = wrap(createGithubProvider(api));
  // GraphQL batches are used only where the scheduler puts a (host, token) group in graphql mode.
  const github: Provider = { ...githubRest, batch: createGithubGraphqlBatch({ ...api, rest: githubRest }) };
  const creds = deps.credentials;
  const outer = (p: Provider): Provider => (creds ? withCredentials(p, creds) : p);
  const providers = new Map<string, Provider>([
    ['github', outer(github)],
    ['gitlab', outer(wrap(createGitlabProvider(api)))],
    ['gitea', outer(wrap(createGiteaProvider(api)))],
    ['git', outer(git)],
  ]);
  return {
    get(id) {
      const provider = providers.get(id);
      if (!provider) {
        throw new ReposentryError('config-invalid', `unknown provider "${String(id)}"; known providers: ${[...providers.keys()].join(', ')}`);
      }
      return provider;
    },
  };
}
