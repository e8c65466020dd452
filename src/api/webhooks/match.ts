/**
 * Which configured repositories a provider webhook is about. Only the payload's repository URLs are
 * read, and only to choose what to poll: the poll itself asks the provider, so a forged payload can
 * at most cause an extra poll of a repository that is already watched.
 */
import { repoUrlKey, tryParseRepoUrl } from '../../config/repo-url.js';
import type { RepositoryConfig } from '../../config/types.js';

/** The payload URL's host/path key (see repoUrlKey), or null when it is not a repository URL. */
function payloadKey(url: string): string | null {
  const parsed = tryParseRepoUrl(url);
  return parsed && parsed.host !== '' ? repoUrlKey(parsed) : null;
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
  const wanted = new Set(urls.map(payloadKey).filter((u): u is string => u !== null));
  if (wanted.size === 0) return [];
  return repositories.filter((r) => r.enabled && wanted.has(r.location.key));
}
