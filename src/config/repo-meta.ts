/**
 * Payload metadata of a repository read from its location alone. Apart from repo-location.ts so
 * that the git provider, which uses it, does not import the provider descriptors through it.
 */
import type { ProviderId, RepositoryMeta } from '../types.js';
import type { RepoLocation } from './types.js';

/** Payload metadata derived from the location, for providers that cannot describe a repository. */
export function metaFromLocation(provider: ProviderId, loc: RepoLocation): RepositoryMeta {
  return { provider, organization: loc.namespace, name: loc.name, fullName: loc.fullName, url: loc.webUrl, cloneUrl: loc.cloneUrl };
}
