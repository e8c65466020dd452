/** One registry map from provider id to its implementation, built from the provider list (descriptors.ts). */
import { ReposentryError } from '../errors.js';
import type { HttpClient } from '../http/types.js';
import type { Logger } from '../log.js';
import type { ProviderId } from '../types.js';
import type { ProviderContext } from './deps.js';
import { PROVIDER_DESCRIPTORS } from './descriptors.js';
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
  const context: ProviderContext = {
    api: { http: deps.http, log },
    git,
    wrap: (p) => (deps.enableApiFallback ? withFallback(p, git, log) : p),
  };
  const creds = deps.credentials;
  const outer = (p: Provider): Provider => (creds ? withCredentials(p, creds) : p);
  const providers = new Map<string, Provider>(PROVIDER_DESCRIPTORS.map((d) => [d.id, outer(d.create(context))]));
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
