/**
 * Where each provider lists an organization's, user's, group's or starred repositories, and how
 * one listed item becomes a ListedRepository. Only the fields discovery uses are checked (STYLE §6).
 *
 * GitHub: GET /orgs/{org}/repos, /users/{u}/repos, /users/{u}/starred (Link pagination, ETags)
 *   https://docs.github.com/rest/repos/repos#list-organization-repositories
 * GitLab: GET /groups/:id/projects[?include_subgroups=true], /users/:u/projects (X-Next-Page, Link)
 *   https://docs.gitlab.com/api/groups/#list-projects
 * Gitea/Forgejo: GET /orgs/{org}/repos, /users/{u}/repos, /users/{u}/starred (Link, X-Total-Count)
 */
import type { DiscoverSourceConfig } from '../config/types.js';
import type { AuthScheme } from '../http/types.js';
import { badResponse, field, isRecord, requireString } from '../providers/answer.js';
import type { ListedRepository } from '../store/discovery.js';

export interface SourceApi {
  firstUrl: string;
  authScheme: AuthScheme;
  parse(item: unknown, url: string, index: number): ListedRepository;
}

const PER_PAGE = 100;

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function topicsOf(item: unknown): string[] {
  const t = field(item, ['topics']);
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

function bool(item: unknown, key: string): boolean {
  return field(item, [key]) === true;
}

function githubLike(item: unknown, url: string, i: number): ListedRepository {
  if (!isRecord(item)) throw badResponse(url, `item ${i} is not an object`);
  const fullName = requireString(field(item, ['full_name']), url, `item ${i}.full_name`);
  const web = requireString(field(item, ['html_url']), url, `item ${i}.html_url`);
  const clone = field(item, ['clone_url']);
  return {
    fullName,
    url: web,
    cloneUrl: typeof clone === 'string' && clone !== '' ? clone : `${web}.git`,
    // a disabled GitHub repository cannot be read: treat it as archived
    archived: bool(item, 'archived') || bool(item, 'disabled'),
    fork: bool(item, 'fork'),
    topics: topicsOf(item),
  };
}

function gitlab(item: unknown, url: string, i: number): ListedRepository {
  if (!isRecord(item)) throw badResponse(url, `item ${i} is not an object`);
  const fullName = requireString(field(item, ['path_with_namespace']), url, `item ${i}.path_with_namespace`);
  const web = requireString(field(item, ['web_url']), url, `item ${i}.web_url`);
  const clone = field(item, ['http_url_to_repo']);
  // topics since GitLab 14.5; tag_list before (deprecated)
  const topics = topicsOf(item);
  const legacy = field(item, ['tag_list']);
  return {
    fullName,
    url: web,
    cloneUrl: typeof clone === 'string' && clone !== '' ? clone : `${web}.git`,
    archived: bool(item, 'archived'),
    fork: isRecord(field(item, ['forked_from_project'])),
    topics: topics.length > 0 || !Array.isArray(legacy) ? topics : legacy.filter((x): x is string => typeof x === 'string'),
  };
}

export function sourceApi(source: DiscoverSourceConfig): SourceApi {
  const base = source.apiBaseUrl.replace(/\/+$/, '');
  const owner = source.owner;
  switch (source.provider) {
    case 'github': {
      const path =
        source.kind === 'org' ? `/orgs/${enc(owner)}/repos?type=all&per_page=${PER_PAGE}`
        : source.kind === 'starred' ? `/users/${enc(owner)}/starred?per_page=${PER_PAGE}`
        : `/users/${enc(owner)}/repos?type=owner&per_page=${PER_PAGE}`;
      return { firstUrl: base + path, authScheme: 'bearer', parse: githubLike };
    }
    case 'gitea': {
      const path =
        source.kind === 'org' ? `/orgs/${enc(owner)}/repos?limit=50`
        : source.kind === 'starred' ? `/users/${enc(owner)}/starred?limit=50`
        : `/users/${enc(owner)}/repos?limit=50`;
      return { firstUrl: base + path, authScheme: 'token', parse: githubLike };
    }
    case 'gitlab': {
      // order_by=id keeps pages stable while projects are created (the default orders by creation date, newest first)
      const query = `order_by=id&sort=asc&per_page=${PER_PAGE}`;
      const path =
        source.kind === 'group'
          ? `/groups/${enc(owner)}/projects?${query}${source.includeSubgroups ? '&include_subgroups=true' : ''}`
          : `/users/${enc(owner)}/projects?${query}`;
      return { firstUrl: base + path, authScheme: 'private-token', parse: gitlab };
    }
  }
}
