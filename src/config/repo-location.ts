/**
 * Where a configured repository lives, derived once from its parsed URL, provider and API root:
 * the value every component reads (providers build API paths from it, payloads take their
 * repository block from it, webhooks match on its key). Nothing else parses a repository URL.
 */
import { ReposentryError } from '../errors.js';
import type { ProviderId } from '../types.js';
import type { RepoLocation } from './types.js';
import { defaultApiBaseUrl } from './provider.js';
import { parseRepoUrl, repoUrlKey, type RepoUrl, type RepoUrlPolicy } from './repo-url.js';

/**
 * A self-managed instance served under a sub-path (https://host/gitlab, API at /gitlab/api/v4):
 * that prefix is part of the web URL but not of the repository's path.
 */
function instancePrefix(url: RepoUrl, apiBaseUrl: string): string[] {
  if (!apiBaseUrl) return [];
  const api = apiRoot(apiBaseUrl);
  if (!api || api.host !== url.host) return [];
  const prefix = api.prefix;
  if (prefix.length === 0 || prefix.length >= url.segments.length) return [];
  return prefix.every((s, i) => s === url.segments[i]) ? prefix : [];
}

/** host and path segments (below /api/vN) of an API root; a fleet shares a few, parsed once each */
const apiRoots = new Map<string, { host: string; prefix: string[] } | null>();
function apiRoot(apiBaseUrl: string): { host: string; prefix: string[] } | null {
  let root = apiRoots.get(apiBaseUrl);
  if (root !== undefined) return root;
  try {
    const api = new URL(apiBaseUrl);
    root = { host: api.hostname.toLowerCase(), prefix: api.pathname.replace(/\/api\/v\d+\/?$/, '').split('/').filter((s) => s !== '') };
  } catch {
    root = null;
  }
  // discovered repositories bring API roots too: keep the cache small
  if (apiRoots.size >= 1000) apiRoots.clear();
  apiRoots.set(apiBaseUrl, root);
  return root;
}

function webOrigin(url: RepoUrl): string {
  if (url.transport === 'http' || url.transport === 'https') return url.origin;
  if (url.transport === 'file') return 'file://';
  // ssh and git servers: the web page, if any, is https on the same host
  return `https://${url.host}`;
}

/**
 * Decoded path segments as a URL path, encoded as the WHATWG parser writes one (a space, `%`, `/`
 * inside a segment, `?`, `#`, non-ASCII… escaped; `@`, `+`, `:`, `,`, `;`, `=`, `$`, `&` kept).
 */
export function urlPath(segments: readonly string[]): string {
  return segments.map((s) => encodeURIComponent(s).replace(/%(?:24|26|2B|2C|3A|3B|3D|40)/g, decodeURIComponent)).join('/');
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
  const base = webOrigin(url) + (prefix.length > 0 ? `/${urlPath(prefix)}` : '');
  return {
    host: url.host,
    origin: url.origin,
    namespace,
    name,
    fullName: `${namespace}/${name}`,
    path,
    webUrl: `${base}/${urlPath(segments)}`,
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
