/**
 * A fake Gitea/Forgejo API (v1) on 127.0.0.1: GET /repos/{o}/{r}/git/refs/{heads|tags} answers an
 * array of {ref, url, object{type, sha, url}} and 404 when no ref matches (as Gitea does, e.g. on
 * an empty repository); GET /repos/{o}/{r}. No ETags and no pagination on git/refs, like Gitea.
 * The API root is `${url}/api/v1`.
 */
import type { IncomingMessage } from 'node:http';
import { startFakeServer, type FakeAnswer, type FakeServerControl } from './common.js';

export type FakeGiteaTag = string | { sha: string; type: 'tag' };

export interface FakeGitea extends FakeServerControl {
  readonly apiUrl: string;
  addRepo(input: { owner: string; name: string; branches?: Record<string, string>; tags?: Record<string, FakeGiteaTag>; private?: boolean; archived?: boolean; fork?: boolean; topics?: string[] }): void;
  removeRepo(owner: string, name: string): void;
  setArchived(owner: string, name: string, archived: boolean): void;
  setBranches(owner: string, name: string, branches: Record<string, string>): void;
  setTags(owner: string, name: string, tags: Record<string, FakeGiteaTag>): void;
  setBranch(owner: string, name: string, branch: string, sha: string): void;
  deleteBranch(owner: string, name: string, branch: string): void;
}

interface Repo {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  archived: boolean;
  fork: boolean;
  topics: string[];
  branches: Map<string, string>;
  tags: Map<string, FakeGiteaTag>;
}

export async function startFakeGitea(opts: { token?: string; keepLog?: boolean } = {}): Promise<FakeGitea> {
  const repos = new Map<string, Repo>();
  let nextId = 1;
  let base = '';

  function notFound(): FakeAnswer {
    return { status: 404, body: JSON.stringify({ errors: [], message: "The target couldn't be found.", url: `${base}/api/swagger` }) };
  }
  function repo(owner: string, name: string): Repo {
    const r = repos.get(`${owner}/${name}`);
    if (!r) throw new Error(`fake gitea: no repository ${owner}/${name}`);
    return r;
  }

  function repoJson(r: Repo): Record<string, unknown> {
    const html = `${base}/${r.owner}/${r.name}`;
    const [defaultBranch] = r.branches.has('main') ? ['main'] : [...r.branches.keys()];
    return { id: r.id, owner: { id: 1, login: r.owner }, name: r.name, full_name: `${r.owner}/${r.name}`, description: '', empty: r.branches.size === 0, private: r.private, fork: r.fork, archived: r.archived, topics: r.topics, html_url: html, clone_url: `${html}.git`, default_branch: defaultBranch ?? '' };
  }

  /** GET /orgs/{org}/repos?page=&limit=: Gitea pages with `Link` and `X-Total-Count` (default limit 30, max 50) */
  function orgRepos(path: string, query: URLSearchParams, org: string): FakeAnswer {
    const list = [...repos.values()].filter((r) => r.owner === org).sort((a, b) => a.id - b.id);
    const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
    const limit = Math.min(50, Math.max(1, Number(query.get('limit') ?? '30') || 30));
    const pages = Math.max(1, Math.ceil(list.length / limit));
    const headers: Record<string, string> = { 'x-total-count': String(list.length) };
    const links: string[] = [];
    const make = (n: number, rel: string): string => {
      const q = new URLSearchParams(query);
      q.set('page', String(n));
      return `<${base}${path}?${q.toString()}>; rel="${rel}"`;
    };
    if (page < pages) links.push(make(page + 1, 'next'), make(pages, 'last'));
    if (page > 1) links.push(make(1, 'first'), make(page - 1, 'prev'));
    if (links.length) headers.link = links.join(',');
    return { status: 200, headers, body: JSON.stringify(list.slice((page - 1) * limit, page * limit).map(repoJson)) };
  }

  function handle(req: IncomingMessage, path: string, query: URLSearchParams): FakeAnswer {
    if (opts.token && req.headers.authorization !== `token ${opts.token}`) {
      return { status: 401, body: JSON.stringify({ message: 'token is required', url: `${base}/api/swagger` }) };
    }
    if (path === '/api/v1/user') return { status: 200, body: JSON.stringify({ id: 1, login: 'reposentry-bot', full_name: '', email: 'bot@example.com' }) };
    const org = /^\/api\/v1\/orgs\/([^/]+)\/repos$/.exec(path);
    if (org) return orgRepos(path, query, org[1]);
    const m = /^\/api\/v1\/repos\/([^/]+)\/([^/]+)(?:\/git\/refs\/(heads|tags))?\/?$/.exec(path);
    if (!m) return notFound();
    const r = repos.get(`${m[1]}/${m[2]}`);
    if (!r) return notFound();
    const html = `${base}/${r.owner}/${r.name}`;
    if (!m[3]) {
      const [defaultBranch] = r.branches.has('main') ? ['main'] : [...r.branches.keys()];
      return {
        status: 200,
        body: JSON.stringify({ id: r.id, owner: { id: 1, login: r.owner }, name: r.name, full_name: `${r.owner}/${r.name}`, description: '', empty: r.branches.size === 0, private: r.private, html_url: html, clone_url: `${html}.git`, default_branch: defaultBranch ?? '' }),
      };
    }
    const apiRepo = `${base}/api/v1/repos/${r.owner}/${r.name}`;
    const rows =
      m[3] === 'heads'
        ? [...r.branches].map(([n, sha]) => ({ ref: `refs/heads/${n}`, sha, type: 'commit' }))
        : [...r.tags].map(([n, t]) => ({ ref: `refs/tags/${n}`, sha: typeof t === 'string' ? t : t.sha, type: typeof t === 'string' ? 'commit' : 'tag' }));
    if (rows.length === 0) return notFound();
    rows.sort((a, b) => (a.ref < b.ref ? -1 : 1));
    const body = rows.map((e) => ({ ref: e.ref, url: `${apiRepo}/git/${e.ref}`, object: { type: e.type, sha: e.sha, url: `${apiRepo}/git/${e.type === 'tag' ? 'tags' : 'commits'}/${e.sha}` } }));
    return { status: 200, body: JSON.stringify(body) };
  }

  const control = await startFakeServer((req, path, query) => handle(req, path, query), { rateLimitStyle: 'none', rateLimitBody: '', keepLog: opts.keepLog });
  base = control.url;
  return Object.assign(control, {
    apiUrl: `${control.url}/api/v1`,
    addRepo(input: { owner: string; name: string; branches?: Record<string, string>; tags?: Record<string, FakeGiteaTag>; private?: boolean; archived?: boolean; fork?: boolean; topics?: string[] }) {
      repos.set(`${input.owner}/${input.name}`, { id: nextId++, owner: input.owner, name: input.name, private: input.private ?? false, archived: input.archived ?? false, fork: input.fork ?? false, topics: input.topics ?? [], branches: new Map(Object.entries(input.branches ?? {})), tags: new Map(Object.entries(input.tags ?? {})) });
    },
    removeRepo(owner: string, name: string) {
      repos.delete(`${owner}/${name}`);
    },
    setArchived(owner: string, name: string, archived: boolean) {
      repo(owner, name).archived = archived;
    },
    setBranches(owner: string, name: string, branches: Record<string, string>) {
      repo(owner, name).branches = new Map(Object.entries(branches));
    },
    setTags(owner: string, name: string, tags: Record<string, FakeGiteaTag>) {
      repo(owner, name).tags = new Map(Object.entries(tags));
    },
    setBranch(owner: string, name: string, branch: string, sha: string) {
      repo(owner, name).branches.set(branch, sha);
    },
    deleteBranch(owner: string, name: string, branch: string) {
      repo(owner, name).branches.delete(branch);
    },
  });
}
