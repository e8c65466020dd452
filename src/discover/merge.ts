/**
 * The repositories a daemon watches: the configured ones, then those its discover sources found,
 * named by full name. A configured repository with the same URL (or name) wins; a repository found
 * by two sources is watched once, as the first source in the config names it.
 */
import { appBudgetId, matchCredential } from '../config/credentials.js';
import { repositoryLocation } from '../config/repo-location.js';
import { repoUrlKey, tryParseRepoUrl } from '../config/repo-url.js';
import type { Config, CredentialConfig, DiscoverSourceConfig, RepositoryConfig } from '../config/types.js';
import type { DiscoveredRow } from '../store/discovery.js';

/** host/path of a repository URL in lower case (the one parser's key), or the URL itself when it is none. */
export function urlKey(url: string): string {
  const parsed = tryParseRepoUrl(url);
  return parsed ? repoUrlKey(parsed) : url.toLowerCase();
}

/**
 * Whether a URL from a source's answer is on that source's own host: the API's origin (GitHub
 * Enterprise, GitLab, Gitea), or the host below an `api.` API host (api.github.com → github.com)
 * with the same scheme and port. Anything else is another host, which gets no credentials from git.
 */
export function onSourceHost(location: { origin: string }, apiBaseUrl: string): boolean {
  let api: URL;
  let repo: URL;
  try {
    api = new URL(apiBaseUrl);
    repo = new URL(location.origin);
  } catch {
    return false;
  }
  if (api.origin === repo.origin) return true;
  return api.protocol === repo.protocol && api.port === repo.port && api.hostname.toLowerCase() === `api.${repo.hostname.toLowerCase()}`;
}

/** A discovered repository as the scheduler, API and delivery see it. */
export function discoveredRepository(
  source: DiscoverSourceConfig, row: DiscoveredRow, defaultIntervalMs: number, credentials: readonly CredentialConfig[] = [],
): RepositoryConfig {
  // the provider's answer goes through the one URL parser too: a URL it refuses is not watched (throws)
  const location = repositoryLocation(row.url, source.provider, source.apiBaseUrl, { allowFile: false });
  // the source's own token polls what it found; else the most specific credential, as for a configured repository
  const cred = source.token === undefined ? matchCredential(credentials, location, source.provider) : undefined;
  return {
    name: row.fullName,
    url: location.cloneUrl,
    provider: source.provider,
    location,
    token: source.token ?? cred?.token,
    ...(cred ? { credential: cred.name } : {}),
    ...(cred?.kind === 'github-app' ? { budgetId: appBudgetId(cred, location) } : {}),
    branchRegex: source.defaults.branchRegex,
    tagRegex: source.defaults.tagRegex,
    enabled: source.defaults.enabled,
    pollingIntervalMs: source.defaults.pollingIntervalMs ?? defaultIntervalMs,
    discoveredBy: source.name,
    ...(onSourceHost(location, source.apiBaseUrl) ? {} : { gitCredentials: false as const }),
  };
}

export interface MergeResult {
  config: Config;
  /** discovered repositories left out because a configured (or earlier) one has that name or URL */
  shadowed: Array<{ source: string; fullName: string; by: string }>;
}

export function mergeDiscovered(base: Config, rows: readonly DiscoveredRow[]): MergeResult {
  const sources = base.discover ?? [];
  if (sources.length === 0) return { config: base, shadowed: [] };
  const names = new Map(base.repositories.map((r) => [r.name, r.name]));
  const urls = new Map(base.repositories.map((r) => [r.location.key, r.name]));
  const bySource = new Map<string, DiscoveredRow[]>();
  for (const row of rows) {
    if (!row.active) continue;
    const list = bySource.get(row.source) ?? [];
    list.push(row);
    bySource.set(row.source, list);
  }
  const found: RepositoryConfig[] = [];
  const shadowed: MergeResult['shadowed'] = [];
  for (const source of sources) {
    for (const row of bySource.get(source.name) ?? []) {
      const key = urlKey(row.url);
      const by = urls.get(key) ?? urls.get(urlKey(row.cloneUrl)) ?? names.get(row.fullName);
      if (by !== undefined) {
        shadowed.push({ source: source.name, fullName: row.fullName, by });
        continue;
      }
      let repo: RepositoryConfig;
      try {
        repo = discoveredRepository(source, row, base.polling.intervalMs, base.credentials);
      } catch {
        // a URL the config would refuse (a path segment starting with "-", …) is not polled
        shadowed.push({ source: source.name, fullName: row.fullName, by: '(refused URL)' });
        continue;
      }
      names.set(repo.name, repo.name);
      urls.set(key, repo.name);
      found.push(repo);
    }
  }
  if (found.length === 0) return { config: base, shadowed };
  return { config: { ...base, repositories: [...base.repositories, ...found] }, shadowed };
}
