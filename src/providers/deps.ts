import type { HttpClient } from '../http/types.js';
import type { Logger } from '../log.js';
import type { Provider } from './types.js';

/** What an API provider needs: the shared HTTP client and a logger. */
export interface ApiProviderDeps {
  http: HttpClient;
  log: Logger;
}

/** What a provider's factory (its entry in providers/descriptors.ts) is given by the registry. */
export interface ProviderContext {
  api: ApiProviderDeps;
  /** the plain git provider: the API providers' fallback */
  git: Provider;
  /** adds the git fallback when `polling.enable_api_fallback` is on */
  wrap: (p: Provider) => Provider;
}
