/**
 * A fake GitLab REST API (v4) on 127.0.0.1: project lookup by URL-encoded full path (nested groups),
 * branches and tags with offset pagination (X-Total, X-Total-Pages, X-Next-Page, Link), ETag/304,
 * RateLimit-* headers and GitLab's `{"message":"404 Project Not Found"}` bodies.
 * The API root is `${url}/api/v4`.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { linkHeader, pageParams, startFakeServer, type FakeAnswer, type FakeServerControl } from './common.js';

/** lightweight: the commit SHA; annotated: the tag object SHA and the commit it points to */
export type FakeGitlabTag = string | { sha: string; type: 'tag'; commit?: string };

export interface FakeGitlab extends FakeServerControl {
  readonly apiUrl: string;
  addProject(input: { path: string; branches?: Record<string, string>; tags?: Record<string, FakeGitlabTag>; defaultBranch?: string; visibility?: 'public' | 'private' | 'internal'; archived?: boolean; topics?: string[]; forkedFrom?: string }): number;
  setBranches(path: string, branches: Record<string, string>): void;
  setTags(path: string, tags: Record<string, FakeGitlabTag>): void;
  setBranch(path: string, branch: string, sha: string): void;
  deleteBranch(path: string, branch: string): void;
  setArchived(path: string, archived: boolean): void;
  removeProject(path: string): void;
}

interface Project {
  id: number;
  path: string;
  defaultBranch: string;
  visibility: string;
  archived: boolean;
  topics: string[];
  forkedFrom?: string;
  branches: Map<string, string>;
  tags: Map<string, FakeGitlabTag>;
  cache: Map<string, { body: string; etag: string; total: number }>;
}

function message(status: number, text: string): FakeAnswer {
  return { status, body: JSON.stringify({ message: text }) };
}

/** What GET /personal_access_tokens/self answers about the token (https://docs.gitlab.com/api/personal_access_tokens/). */
export interface FakeGitlabTokenInfo {
  scopes: string[];
  /** "YYYY-MM-DD" or null */
  expires_at: string | null;
  active?: boolean;
  revoked?: boolean;
}

export async function startFakeGitlab(opts: { token?: string; defaultPerPage?: number; keepLog?: boolean; tokenInfo?: FakeGitlabTokenInfo } = {}): Promise<FakeGitlab> {
  const byPath = new Map<string, Project>();
  const byId = new Map<number, Project>();
  let nextId = 100;
  let base = '';

  function project(path: string): Project {
    const found = byPath.get(path);
    if (!found) throw new Error(`fake gitlab: no project ${path}`);
    return found;
  }

  function projectJson(p: Project): string {
    const slash = p.path.lastIndexOf('/');
    const name = p.path.slice(slash + 1);
    const web = `${base}/${p.path}`;
    return JSON.stringify({
      id: p.id,
      description: null,
      name,
      name_with_namespace: p.path.split('/').join(' / '),
      path: name,
      path_with_namespace: p.path,
      default_branch: p.defaultBranch,
      visibility: p.visibility,
      web_url: web,
      http_url_to_repo: `${web}.git`,
      ssh_url_to_repo: `git@127.0.0.1:${p.path}.git`,
      namespace: { full_path: p.path.slice(0, slash) },
      archived: p.archived,
      topics: p.topics,
      tag_list: p.topics,
      ...(p.forkedFrom ? { forked_from_project: { id: 1, path_with_namespace: p.forkedFrom } } : {}),
    });
  }

  function commit(sha: string): Record<string, unknown> {
    return { id: sha, short_id: sha.slice(0, 8), title: 'commit', message: 'commit\n', parent_ids: [], author_name: 'A', author_email: 'a@example.com', authored_date: '2024-01-01T00:00:00.000Z', committer_name: 'A', committer_email: 'a@example.com', committed_date: '2024-01-01T00:00:00.000Z', web_url: `${base}/-/commit/${sha}` };
  }

  function listing(p: Project, kind: 'branches' | 'tags', perPage: number, page: number): { body: string; etag: string; total: number } {
    const key = `${kind}|${perPage}|${page}`;
    const cached = p.cache.get(key);
    if (cached) return cached;
    let rows: unknown[];
    if (kind === 'branches') {
      rows = [...p.branches.keys()].sort().map((name) => ({ name, commit: commit(p.branches.get(name) as string), merged: false, protected: name === p.defaultBranch, developers_can_push: false, developers_can_merge: false, can_push: true, default: name === p.defaultBranch, web_url: `${base}/${p.path}/-/tree/${name}` }));
    } else {
      rows = [...p.tags.keys()].sort().map((name) => {
        const t = p.tags.get(name) as FakeGitlabTag;
        const target = typeof t === 'string' ? t : t.sha;
        const commitSha = typeof t === 'string' ? t : (t.commit ?? createHash('sha1').update(`commit-of-${t.sha}`).digest('hex'));
        return { name, message: typeof t === 'string' ? '' : 'annotated', target, commit: commit(commitSha), release: null, protected: false, created_at: null };
      });
    }
    const body = JSON.stringify(rows.slice((page - 1) * perPage, page * perPage));
    const result = { body, etag: `W/"${createHash('md5').update(body).digest('hex')}"`, total: rows.length };
    p.cache.set(key, result);
    return result;
  }

  /** GET /groups/:id/projects[?include_subgroups=true]: offset pagination with X-Total, X-Next-Page and Link */
  function groupProjects(req: IncomingMessage, path: string, query: URLSearchParams, group: string): FakeAnswer {
    if (![...byPath.keys()].some((p) => p.startsWith(`${group}/`))) return message(404, '404 Group Not Found');
    const deep = query.get('include_subgroups') === 'true';
    const list = [...byId.values()]
      .filter((p) => (deep ? p.path.startsWith(`${group}/`) : p.path.slice(0, p.path.lastIndexOf('/')) === group))
      .sort((a, b) => a.id - b.id);
    const { page, perPage } = pageParams(query, opts.defaultPerPage ?? 20);
    const pages = Math.max(1, Math.ceil(list.length / perPage));
    const body = `[${list.slice((page - 1) * perPage, page * perPage).map(projectJson).join(',')}]`;
    const etag = `W/"${createHash('md5').update(body).digest('hex')}"`;
    const headers: Record<string, string> = {
      etag, 'x-total': String(list.length), 'x-total-pages': String(pages), 'x-page': String(page), 'x-per-page': String(perPage),
      'x-next-page': page < pages ? String(page + 1) : '', 'x-prev-page': page > 1 ? String(page - 1) : '',
    };
    const link = linkHeader(`${base}${path}`, query, page, pages);
    if (link) headers.link = link;
    if (req.headers['if-none-match'] === etag) return { status: 304, headers };
    return { status: 200, headers, body };
  }

  function handle(req: IncomingMessage, path: string, query: URLSearchParams): FakeAnswer {
    if (opts.token && req.headers['private-token'] !== opts.token) return message(401, '401 Unauthorized');
    if (path === '/api/v4/personal_access_tokens/self') {
      const info = opts.tokenInfo ?? { scopes: ['read_api'], expires_at: null };
      return { status: 200, body: JSON.stringify({ id: 42, name: 'reposentry', revoked: info.revoked ?? false, created_at: '2026-01-01T00:00:00.000Z', scopes: info.scopes, user_id: 7, last_used_at: null, active: info.active ?? true, expires_at: info.expires_at }) };
    }
    const g = /^\/api\/v4\/groups\/([^/]+)\/projects$/.exec(path);
    if (g) return groupProjects(req, path, query, decodeURIComponent(g[1]));
    const m = /^\/api\/v4\/projects\/([^/]+)(\/repository\/(branches|tags))?$/.exec(path);
    if (!m) return { status: 404, body: JSON.stringify({ error: '404 Not Found' }) };
    const id = decodeURIComponent(m[1]);
    const p = /^\d+$/.test(id) ? byId.get(Number(id)) : byPath.get(id);
    if (!p) return message(404, '404 Project Not Found');
    if (!m[2]) return { status: 200, body: projectJson(p) };
    const kind = m[3] as 'branches' | 'tags';
    const { page, perPage } = pageParams(query, opts.defaultPerPage ?? 20);
    const answer = listing(p, kind, perPage, page);
    const pages = Math.max(1, Math.ceil(answer.total / perPage));
    const headers: Record<string, string> = {
      etag: answer.etag,
      'x-total': String(answer.total),
      'x-total-pages': String(pages),
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-next-page': page < pages ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
    };
    const link = linkHeader(`${base}${path}`, query, page, pages);
    if (link) headers.link = link;
    if (req.headers['if-none-match'] === answer.etag) return { status: 304, headers };
    return { status: 200, headers, body: answer.body };
  }

  const control = await startFakeServer(handle, { rateLimitStyle: 'gitlab', rateLimitBody: 'Retry later', keepLog: opts.keepLog });
  base = control.url;
  function changed(p: Project): void {
    p.cache.clear();
  }
  return Object.assign(control, {
    apiUrl: `${control.url}/api/v4`,
    addProject(input: { path: string; branches?: Record<string, string>; tags?: Record<string, FakeGitlabTag>; defaultBranch?: string; visibility?: string; archived?: boolean; topics?: string[]; forkedFrom?: string }) {
      const p: Project = { id: nextId++, path: input.path, defaultBranch: input.defaultBranch ?? 'main', visibility: input.visibility ?? 'private', archived: input.archived ?? false, topics: input.topics ?? [], forkedFrom: input.forkedFrom, branches: new Map(Object.entries(input.branches ?? {})), tags: new Map(Object.entries(input.tags ?? {})), cache: new Map() };
      byPath.set(p.path, p);
      byId.set(p.id, p);
      return p.id;
    },
    setBranches(path: string, branches: Record<string, string>) {
      const p = project(path);
      p.branches = new Map(Object.entries(branches));
      changed(p);
    },
    setTags(path: string, tags: Record<string, FakeGitlabTag>) {
      const p = project(path);
      p.tags = new Map(Object.entries(tags));
      changed(p);
    },
    setBranch(path: string, branch: string, sha: string) {
      const p = project(path);
      p.branches.set(branch, sha);
      changed(p);
    },
    deleteBranch(path: string, branch: string) {
      const p = project(path);
      p.branches.delete(branch);
      changed(p);
    },
    setArchived(path: string, archived: boolean) {
      project(path).archived = archived;
    },
    removeProject(path: string) {
      const p = project(path);
      byPath.delete(path);
      byId.delete(p.id);
    },
  });
}
