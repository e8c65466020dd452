/** One registry map from provider id to its implementation (STYLE.md §3). */
import { ReposentryError } from '../errors.js';
import type { HttpClient } from '../http/types.js';
import type { Logger } from '../log.js';
import type { ProviderId } from '../types.js';
import type { ApiProviderDeps } from './deps.js';
import { PROVIDER_DESCRIPTORS } from './descriptors.js';
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

interface FactoryContext {
  api: ApiProviderDeps;
  /** the plain git provider: the API providers' fallback */
  git: Provider;
  /** adds the git fallback when `polling.enable_api_fallback` is on */
  wrap: (p: Provider) => Provider;
}

/**
 * Each provider's factory, one line per descriptor in PROVIDER_DESCRIPTORS: keyed by ProviderId, so
 * typecheck fails when a descriptor has no factory. (Config loading imports only the descriptors.)
 */
const FACTORIES: { readonly [K in ProviderId]: (c: FactoryContext) => Provider } = {
  github: (c) => githubWithBatch(c.wrap(createGithubProvider(c.api)), c.api),
  gitlab: (c) => c.wrap(createGitlabProvider(c.api)),
  gitea: (c) => c.wrap(createGiteaProvider(c.api)),
  git: (c) => c.git,
};

/** GraphQL batches are used only where the scheduler puts a (host, token) group in graphql mode. */
function githubWithBatch(rest: Provider, api: ApiProviderDeps): Provider {
  return { ...rest, batch: createGithubGraphqlBatch({ ...api, rest }) };
}

export function createProviderRegistry(deps: ProviderRegistryDeps): ProviderRegistry {
  const log = deps.log.child({ component: 'providers' });
  const git = createGitProvider(deps.git);
  const context: FactoryContext = {
    api: { http: deps.http, log },
    git,
    wrap: (p) => (deps.enableApiFallback ? withFallback(p, git, log) : p),
  };
  const creds = deps.credentials;
  const outer = (p: Provider): Provider => (creds ? withCredentials(p, creds) : p);
  const providers = new Map<string, Provider>(PROVIDER_DESCRIPTORS.map((d) => [d.id, outer(FACTORIES[d.id](context))]));
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
