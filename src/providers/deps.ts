import type { HttpClient } from '../http/types.js';
import type { Logger } from '../log.js';

/** What an API provider needs: the shared HTTP client and a logger. */
export interface ApiProviderDeps {
  http: HttpClient;
  log: Logger;
}
