/**
 * Which configured repositories a provider webhook is about. Only the payload's repository URLs are
 * read, and only to choose what to poll: the poll itself asks the provider, so a forged payload can
 * at most cause an extra poll of a repository that is already watched.
 */
import type { RepositoryConfig } from '../../config/types.js';

/** host (lower case, no port, no credentials) + path (lower case, no trailing / or .git), or null. */
export function normalizeRepoUrl(url: string): string | null {
  let host: string;
  let path: string;
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(url.trim());
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    host = scp[1];
    path = scp[2];
  } else {
    try {
      const u = new URL(url.trim());
      host = u.hostname;
      path = u.pathname;
    } catch {
      return null;
    }
  }
  path = path.replace(/\/+$/, '').replace(/\.git$/i, '').replace(/^\/+/, '');
  if (!host || !path) return null;
  return `${host.toLowerCase()}/${path.toLowerCase()}`;
}

function strings(values: unknown[]): string[] {
  return values.filter((v): v is string => typeof v === 'string' && v.length > 0);
}

function field(obj: unknown, key: string): unknown {
  return obj !== null && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined;
}

/** GitHub: repository.html_url, clone_url, ssh_url, git_url, url (the API URL is not a clone URL; ignored if unmatched). */
export function githubPayloadUrls(payload: unknown): string[] {
  const repo = field(payload, 'repository');
  return strings(['html_url', 'clone_url', 'ssh_url', 'git_url', 'svn_url'].map((k) => field(repo, k)));
}

/** GitLab: project.web_url, git_http_url, git_ssh_url, and the older repository.* spellings. */
export function gitlabPayloadUrls(payload: unknown): string[] {
  const project = field(payload, 'project');
  const repo = field(payload, 'repository');
  return strings([
    ...['web_url', 'git_http_url', 'git_ssh_url', 'http_url', 'ssh_url'].map((k) => field(project, k)),
    ...['homepage', 'url', 'git_http_url', 'git_ssh_url'].map((k) => field(repo, k)),
  ]);
}

export function matchRepositories(repositories: readonly RepositoryConfig[], urls: string[]): RepositoryConfig[] {
  const wanted = new Set(urls.map(normalizeRepoUrl).filter((u): u is string => u !== null));
  if (wanted.size === 0) return [];
  return repositories.filter((r) => r.enabled && wanted.has(normalizeRepoUrl(r.url) ?? ''));
}
