/** One place that turns a configured repository URL into owner/name (nested GitLab groups included). */
import { ReposentryError } from '../errors.js';

export interface RepoLocation {
  /** owner or group path: "acme", "group/subgroup" */
  namespace: string;
  name: string;
  /** namespace/name */
  fullPath: string;
  /** web URL without `.git` */
  webUrl: string;
  /** URL for git ls-remote: the configured URL as given */
  cloneUrl: string;
}

/**
 * Parses https://host[/prefix]/ns.../name[.git]. When the API root lives under a path prefix on
 * the same host (self-managed GitLab at https://host/gitlab/api/v4), that prefix is not part of
 * the namespace. scp-like URLs (git@host:ns/name.git) are accepted too.
 */
export function parseRepoUrl(url: string, apiBaseUrl?: string): RepoLocation {
  let host: string;
  let origin: string;
  let path: string;
  const scp = /^[\w.-]+@([\w.-]+):(.+)$/.exec(url);
  if (scp) {
    host = scp[1];
    origin = `https://${host}`;
    path = scp[2];
  } else {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ReposentryError('config-invalid', `repository URL is not a URL: ${url}`);
    }
    host = parsed.host;
    // WHATWG gives "null" as the origin of file:, ssh: and git: URLs: a file repository's web URL is
    // its file URL; an ssh/git server's is assumed to be https on the same host.
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') origin = parsed.origin;
    else if (parsed.protocol === 'file:') origin = 'file://';
    else origin = `https://${parsed.hostname}`;
    path = decodeURIComponent(parsed.pathname);
    if (apiBaseUrl) {
      try {
        const api = new URL(apiBaseUrl);
        const prefix = api.pathname.replace(/\/api\/v\d+\/?$/, '').replace(/\/+$/, '');
        if (api.host === host && prefix && path.startsWith(`${prefix}/`)) {
          origin += prefix;
          path = path.slice(prefix.length);
        }
      } catch {
        // an unusable api_base_url is reported by the request that uses it
      }
    }
  }
  const segments = path
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/')
    .filter((s) => s !== '');
  if (segments.length < 2) {
    throw new ReposentryError('config-invalid', `repository URL has no owner/name path: ${url}`);
  }
  const name = segments[segments.length - 1];
  const namespace = segments.slice(0, -1).join('/');
  const fullPath = `${namespace}/${name}`;
  return { namespace, name, fullPath, webUrl: `${origin}/${fullPath}`, cloneUrl: url.replace(/\/+$/, '') };
}

export function apiRoot(apiBaseUrl: string): string {
  return apiBaseUrl.replace(/\/+$/, '');
}
