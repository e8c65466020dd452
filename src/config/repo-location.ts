/**
 * Where a configured repository lives, derived once from its parsed URL, provider and API root:
 * the value every component reads (providers build API paths from it, payloads take their
 * repository block from it, webhooks match on its key). Nothing else parses a repository URL.
 */
import { ReposentryError } from '../errors.js';
import type { ProviderId, RepositoryMeta } from '../types.js';
import { defaultApiBaseUrl } from './provider.js';
import { parseRepoUrl, repoUrlKey, type RepoUrl, type RepoUrlPolicy, type UrlCredentials } from './repo-url.js';

export interface RepoLocation {
  /** lower-case host name, no port ('' for a file URL) */
  host: string;
  /** scheme://host[:port] of the URL (ssh://host for scp-style, file:// for files) */
  origin: string;
  /** owner or group path on the provider ("acme", "group/sub"); the host for a single-segment plain git URL */
  namespace: string;
  name: string;
  /** namespace/name: always owner/name shaped, as payload consumers split it */
  fullName: string;
  /** the repository's path on its server below any instance prefix ("group/sub/app", or "app") */
  path: string;
  /** http(s) web page (https on the same host for ssh and git URLs), or the file URL without `.git` */
  webUrl: string;
  /** what git is given: the configured URL without credentials */
  cloneUrl: string;
  /** API root without trailing slash ("" for plain git) */
  apiBaseUrl: string;
  /** host/path in lower case, the same for every transport: what webhook payload URLs are matched on */
  key: string;
  /** userinfo of the URL: used for the poll only */
  credentials?: UrlCredentials;
}

/**
 * A self-managed instance served under a sub-path (https://host/gitlab, API at /gitlab/api/v4):
 * that prefix is part of the web URL but not of the repository's path.
 */
function instancePrefix(url: RepoUrl, apiBaseUrl: string): string[] {
  if (!apiBaseUrl) return [];
  let api: URL;
  try {
    api = new URL(apiBaseUrl);
  } catch {
    return [];
  }
  if (api.hostname.toLowerCase() !== url.host) return [];
  const prefix = api.pathname.replace(/\/api\/v\d+\/?$/, '').split('/').filter((s) => s !== '');
  if (prefix.length === 0 || prefix.length >= url.segments.length) return [];
  return prefix.every((s, i) => s === url.segments[i]) ? prefix : [];
}

function webOrigin(url: RepoUrl): string {
  if (url.transport === 'http' || url.transport === 'https') return url.origin;
  if (url.transport === 'file') return 'file://';
  // ssh and git servers: the web page, if any, is https on the same host
  return `https://${url.host}`;
}

/** Locates a parsed URL; throws config-invalid when the provider needs an owner/name path and there is none. */
export function locateRepository(url: RepoUrl, provider: ProviderId, apiBaseUrl?: string): RepoLocation {
  const api = (apiBaseUrl ?? '').trim().replace(/\/+$/, '') || defaultApiBaseUrl(provider, url);
  if (provider !== 'git' && url.transport === 'file') {
    throw new ReposentryError('config-invalid', `provider ${provider} has no API at a file:// URL (use provider: git)`);
  }
  const prefix = instancePrefix(url, api);
  const segments = url.segments.slice(prefix.length);
  if (segments.length < 2 && provider !== 'git') {
    throw new ReposentryError('config-invalid', `provider ${provider} needs an owner/name path, got "${url.cloneUrl}" (use provider: git for a plain git server)`);
  }
  const name = segments[segments.length - 1];
  const path = segments.join('/');
  // Payload consumers (Tekton's GitHub interceptor among them) split full_name at "/": a repository
  // at the top of a plain git server gets its host as owner.
  const namespace = segments.length > 1 ? segments.slice(0, -1).join('/') : url.host || 'localhost';
  const base = webOrigin(url) + (prefix.length > 0 ? `/${prefix.join('/')}` : '');
  return {
    host: url.host,
    origin: url.origin,
    namespace,
    name,
    fullName: `${namespace}/${name}`,
    path,
    webUrl: `${base}/${path}`,
    cloneUrl: url.cloneUrl,
    apiBaseUrl: api,
    key: repoUrlKey(url),
    credentials: url.credentials,
  };
}

/** Parse and locate in one step, for repositories built in code (discovery, tests). Throws config-invalid. */
export function repositoryLocation(url: string, provider: ProviderId, apiBaseUrl?: string, policy: RepoUrlPolicy = { allowFile: true }): RepoLocation {
  return locateRepository(parseRepoUrl(url, policy), provider, apiBaseUrl);
}

/** Payload metadata derived from the location, for providers that cannot describe a repository. */
export function metaFromLocation(provider: ProviderId, loc: RepoLocation): RepositoryMeta {
  return { provider, organization: loc.namespace, name: loc.name, fullName: loc.fullName, url: loc.webUrl, cloneUrl: loc.cloneUrl };
}
