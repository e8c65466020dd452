/**
 * What reposentry knows about a provider before it polls anything: its id, which repository hosts
 * it claims, where its API is by default and how the token is sent. Each provider's folder has one
 * (descriptor.ts, free of the implementation); its index.ts adds the factory, and that entry is
 * listed once in descriptors.ts, from which the config schema's enum, the OpenAPI enum and the
 * registry are built.
 */
import type { AuthScheme } from '../http/auth.js';
import type { ProviderContext } from './deps.js';
import type { Provider } from './types.js';

/** The parts of a parsed repository URL (config/repo-url.ts) a descriptor reads. */
export interface DescribedUrl {
  transport: string;
  host: string;
  origin: string;
}

export interface ProviderDescriptor<Id extends string = string> {
  id: Id;
  /**
   * How strongly a repository host names this provider: 0 not at all; the strongest claim wins,
   * a tie goes to the descriptor listed first (an exact host beats a word in the host name).
   */
  hostMatch(host: string): number;
  /** The API root when api_base_url is not given ("" for none: plain git). */
  defaultApiBase(url: DescribedUrl): string;
  /** how the token is sent to the API; absent: no API */
  authScheme?: AuthScheme;
}

/** A provider as descriptors.ts lists it: its descriptor and the factory the registry calls. */
export type ListedProvider<Id extends string = string> = ProviderDescriptor<Id> & {
  /** builds the provider for one HTTP client (a reload that replaces the client builds it again) */
  create(context: ProviderContext): Provider;
};

/** A provider polled through an HTTP API. */
export type ApiProviderDescriptor<Id extends string = string> = ProviderDescriptor<Id> & { authScheme: AuthScheme };

/** Host match strengths, shared so the descriptors rank alike. */
export const EXACT_HOST = 3;
export const HOST_WORD = 2;
export const WEAK_HOST_WORD = 1;

/** The API is https on the repository's host unless the URL itself is http(s) (ssh and git:// servers). */
export function httpOrigin(url: DescribedUrl): string {
  return url.transport === 'http' || url.transport === 'https' ? url.origin : `https://${url.host}`;
}
