import { repositoryLocation } from '../../src/config/repo-location.js';
import type { RepositoryConfig } from '../../src/config/types.js';

/** A repository config built in code: its location comes from the one URL parser, as loadConfig's does. */
export function withLocation(fields: Omit<RepositoryConfig, 'location'> & { apiBaseUrl?: string }): RepositoryConfig {
  const { apiBaseUrl, ...rest } = fields;
  const location = repositoryLocation(rest.url, rest.provider, apiBaseUrl);
  return { ...rest, url: location.cloneUrl, location };
}

/** The same repository config at another URL (same provider and API root). */
export function atUrl(repo: RepositoryConfig, url: string): RepositoryConfig {
  return { ...repo, url, location: repositoryLocation(url, repo.provider, repo.location.apiBaseUrl) };
}
