/**
 * A fake GitHub REST API on 127.0.0.1 speaking the real shapes (checked against @octokit/openapi in
 * test/providers/github-fake-schema.test.ts): matching-refs with strong ETags, 304 on If-None-Match,
 * `Link` pagination, x-ratelimit-* headers (304s are free), `{message, documentation_url}` errors.
 * Bodies and ETags are computed once per repository state, so the benchmark's hot path is cheap.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { IncomingMessage } from 'node:http';
import { linkHeader, pageParams, startFakeServer, type FakeAnswer, type FakeServerControl } from './common.js';
import { createGraphqlHandler, type GraphqlStats } from './github-graphql.js';
import { createFakeGithubApp, type FakeGithubApp, type FakeGithubAppOptions } from './github-app.js';

export type FakeTag = string | { sha: string; type: 'commit' | 'tag' };

export interface FakeGithubRepoInput {
  owner: string;
  name: string;
  branches?: Record<string, string>;
  tags?: Record<string, FakeTag>;
  private?: boolean;
  defaultBranch?: string;
  description?: string | null;
  archived?: boolean;
  fork?: boolean;
  topics?: string[];
}

export interface FakeGithubOptions {
  /** when set, every request must carry `Authorization: Bearer <token>` (or `token <token>`), else 401 */
  token?: string;
  /** GET /user for opts.token: its login, X-OAuth-Scopes (classic tokens) and expiry header (tokens with an expiry) */
  user?: { login: string; scopes?: string; expiration?: string };
  /** a GitHub App: its routes, and its installation tokens accepted (until they expire) */
  app?: FakeGithubAppOptions;
  /** matching-refs page size when the client sends no per_page (GitHub: 30) */
  defaultPerPage?: number;
  keepLog?: boolean;
}

export interface FakeGithub extends FakeServerControl {
  addRepo(input: FakeGithubRepoInput): void;
  removeRepo(owner: string, name: string): void;
  setBranches(owner: string, name: string, branches: Record<string, string>): void;
  setTags(owner: string, name: string, tags: Record<string, FakeTag>): void;
  /** create or move a branch */
  setBranch(owner: string, name: string, branch: string, sha: string): void;
  deleteBranch(owner: string, name: string, branch: string): void;
  setTag(owner: string, name: string, tag: string, value: FakeTag): void;
  deleteTag(owner: string, name: string, tag: string): void;
  setArchived(owner: string, name: string, archived: boolean): void;
  /** `user` stars / unstars a repository (GET /users/{user}/starred) */
  star(user: string, owner: string, name: string): void;
  unstar(user: string, owner: string, name: string): void;
  /** GraphQL requests and the points GitHub's formula charges for them (POST /graphql, /api/graphql) */
  graphqlStats(): GraphqlStats;
  resetGraphqlStats(): void;
  /** GraphQL's own points window; at remaining 0 every query gets GitHub's 200 + RATE_LIMITED */
  setGraphqlRateLimit(next: { remaining?: number; reset?: number }): void;
  /** the App side, when opts.app is set */
  app?: FakeGithubApp;
}

interface RepoState {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  defaultBranch: string;
  description: string | null;
  archived: boolean;
  fork: boolean;
  topics: string[];
  branches: Map<string, string>;
  tags: Map<string, { sha: string; type: 'commit' | 'tag' }>;
  /** `${kind}|${perPage}|${page}` → precomputed answer */
  pages: Map<string, { body: string; etag: string; pages: number }>;
  /** sorted refs per kind for GraphQL answers; cleared with pages */
  sortedRefs: Map<'heads' | 'tags', Array<{ name: string; oid: string }>>;
}

const DOCS = 'https://docs.github.com/rest';
let template: Record<string, unknown> | undefined;

/** GitHub's own example of a full repository, so every required field of the schema is present. */
function repositoryTemplate(): Record<string, unknown> {
  if (!template) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    const spec = JSON.parse(readFileSync(file, 'utf8')) as { components: { examples: Record<string, { value: Record<string, unknown> }> } };
    template = spec.components.examples['full-repository-default-response'].value;
  }
  return template;
}

function error(status: number, message: string): FakeAnswer {
  return { status, body: JSON.stringify({ message, documentation_url: DOCS, status: String(status) }) };
}

function strongEtag(body: string): string {
  return `"${createHash('sha1').update(body).digest('hex')}"`;
}

export async function startFakeGithub(opts: FakeGithubOptions = {}): Promise<FakeGithub> {
  const repos = new Map<string, RepoState>();
  /** user (lower-case) → repository keys in the order starred */
  const stars = new Map<string, Set<string>>();
  let nextId = 1000;
  let base = '';

  function key(owner: string, name: string): string {
    return `${owner}/${name}`.toLowerCase();
  }
  function repo(owner: string, name: string): RepoState {
    const found = repos.get(key(owner, name));
    if (!found) throw new Error(`fake github: no repository ${owner}/${name}`);
    return found;
  }
  function changed(state: RepoState): void {
    state.pages.clear();
    state.sortedRefs.clear();
  }
  function sortedRefs(state: RepoState, kind: 'heads' | 'tags'): Array<{ name: string; oid: string }> {
    let list = state.sortedRefs.get(kind);
    if (!list) {
      const entries: Array<[string, string]> =
        kind === 'heads' ? [...state.branches] : [...state.tags].map(([n, t]) => [n, t.sha]);
      list = entries.map(([name, oid]) => ({ name, oid })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      state.sortedRefs.set(kind, list);
    }
    return list;
  }
  const graphql = createGraphqlHandler((owner, name) => {
    const state = repos.get(key(owner, name));
    return state ? { refs: (kind) => sortedRefs(state, kind) } : undefined;
  });
  function normalizeTag(value: FakeTag): { sha: string; type: 'commit' | 'tag' } {
    return typeof value === 'string' ? { sha: value, type: 'commit' } : value;
  }

  function refsPage(state: RepoState, kind: 'heads' | 'tags', perPage: number, page: number): { body: string; etag: string; pages: number } {
    const cacheKey = `${kind}|${perPage}|${page}`;
    const cached = state.pages.get(cacheKey);
    if (cached) return cached;
    const apiRepo = `${base}/repos/${state.owner}/${state.name}`;
    const entries: { ref: string; sha: string; type: string }[] =
      kind === 'heads'
        ? [...state.branches].map(([n, sha]) => ({ ref: `refs/heads/${n}`, sha, type: 'commit' }))
        : [...state.tags].map(([n, t]) => ({ ref: `refs/tags/${n}`, sha: t.sha, type: t.type }));
    entries.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
    const pages = Math.max(1, Math.ceil(entries.length / perPage));
    const slice = entries.slice((page - 1) * perPage, page * perPage);
    const body = JSON.stringify(
      slice.map((e) => ({
        ref: e.ref,
        node_id: Buffer.from(`03:Ref${e.ref}`).toString('base64'),
        url: `${apiRepo}/git/${e.ref}`,
        object: { sha: e.sha, type: e.type, url: `${apiRepo}/git/${e.type === 'tag' ? 'tags' : 'commits'}/${e.sha}` },
      })),
    );
    const answer = { body, etag: strongEtag(body), pages };
    state.pages.set(cacheKey, answer);
    return answer;
  }

  function repositoryJson(state: RepoState): string {
    // not a fork: no parent/source (optional in the schema, and incomplete in GitHub's example)
    const { parent: _parent, source: _source, ...t } = repositoryTemplate();
    const html = `https://github.com/${state.owner}/${state.name}`;
    return JSON.stringify({
      ...t,
      id: state.id,
      node_id: Buffer.from(`010:Repository${state.id}`).toString('base64'),
      name: state.name,
      full_name: `${state.owner}/${state.name}`,
      owner: { ...(t.owner as Record<string, unknown>), login: state.owner },
      private: state.private,
      visibility: state.private ? 'private' : 'public',
      description: state.description,
      html_url: html,
      clone_url: `${html}.git`,
      url: `${base}/repos/${state.owner}/${state.name}`,
      default_branch: state.defaultBranch,
      archived: state.archived,
      fork: state.fork,
      topics: state.topics,
      // required by the schema but missing from GitHub's own example
      language: (t.language as string | null | undefined) ?? null,
    });
  }

  const app = opts.app ? createFakeGithubApp(opts.app) : undefined;
  /**
   * GET /orgs/{org}/repos, /users/{u}/repos, /users/{u}/starred: repositories in the listing's order
   * (GitHub sorts org and user listings by creation here: insertion order; stars by when starred).
   */
  function repositoryListing(parts: string[]): RepoState[] | undefined {
    if (parts.length !== 4) return undefined;
    if (parts[1] === 'orgs' && parts[3] === 'repos') return [...repos.values()].filter((r) => r.owner.toLowerCase() === parts[2].toLowerCase());
    if (parts[1] === 'users' && parts[3] === 'repos') return [...repos.values()].filter((r) => r.owner.toLowerCase() === parts[2].toLowerCase());
    if (parts[1] === 'users' && parts[3] === 'starred') {
      return [...(stars.get(parts[2].toLowerCase()) ?? [])].map((k) => repos.get(k)).filter((r): r is RepoState => r !== undefined);
    }
    return undefined;
  }

  function listingAnswer(req: IncomingMessage, path: string, query: URLSearchParams, list: RepoState[]): FakeAnswer {
    const { page, perPage } = pageParams(query, opts.defaultPerPage ?? 30);
    const pages = Math.max(1, Math.ceil(list.length / perPage));
    const body = `[${list.slice((page - 1) * perPage, page * perPage).map(repositoryJson).join(',')}]`;
    const etag = strongEtag(body);
    const headers: Record<string, string> = { etag, 'cache-control': 'private, max-age=60, s-maxage=60', vary: 'Accept, Authorization, Cookie, X-GitHub-OTP' };
    const link = linkHeader(`${base}${path}`, query, page, pages);
    if (link) headers.link = link;
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) return { status: 304, headers };
    return { status: 200, headers, body };
  }

  function authorized(req: IncomingMessage): boolean {
    if (!opts.token && !app) return true;
    const header = req.headers.authorization ?? '';
    if (opts.token && (header === `Bearer ${opts.token}` || header === `token ${opts.token}`)) return true;
    return app?.validToken(header) !== undefined;
  }

  function handle(req: IncomingMessage, path: string, query: URLSearchParams, body: string): FakeAnswer {
    const appAnswer = app?.handle(req, path);
    if (appAnswer) return appAnswer;
    if (!authorized(req)) return error(401, 'Bad credentials');
    if (path === '/user' && req.method === 'GET') {
      // an installation token is not a user: GitHub answers 403 "Resource not accessible by integration"
      if (!opts.user || app?.validToken(req.headers.authorization ?? '')) return error(403, 'Resource not accessible by integration');
      const headers: Record<string, string> = {};
      if (opts.user.scopes !== undefined) headers['x-oauth-scopes'] = opts.user.scopes;
      if (opts.user.expiration) headers['github-authentication-token-expiration'] = opts.user.expiration;
      return { status: 200, headers, body: JSON.stringify({ login: opts.user.login, id: 1, type: 'User' }) };
    }
    if (path === '/graphql' || path === '/api/graphql') {
      return req.method === 'POST' ? graphql.handle(body) : error(404, 'Not Found');
    }
    const parts = path.split('/');
    const listing = repositoryListing(parts);
    if (listing) return listingAnswer(req, path, query, listing);
    // ['', 'repos', owner, name, ...]
    if (parts[1] !== 'repos' || parts.length < 4) return error(404, 'Not Found');
    const state = repos.get(key(parts[2], parts[3]));
    if (!state) return error(404, 'Not Found');
    if (parts.length === 4) {
      const body = repositoryJson(state);
      return { status: 200, headers: { etag: strongEtag(body) }, body };
    }
    if (parts[4] === 'git' && parts[5] === 'matching-refs' && (parts[6] === 'heads' || parts[6] === 'tags') && (parts.length === 7 || (parts.length === 8 && parts[7] === ''))) {
      const kind = parts[6];
      // GitHub answers 409 on the git refs endpoints of a repository without any commit.
      if (state.branches.size === 0 && state.tags.size === 0) return error(409, 'Git Repository is empty.');
      const { page, perPage } = pageParams(query, opts.defaultPerPage ?? 30);
      const answer = refsPage(state, kind, perPage, page);
      const headers: Record<string, string> = { etag: answer.etag, 'cache-control': 'private, max-age=60, s-maxage=60', vary: 'Accept, Authorization, Cookie, X-GitHub-OTP' };
      const link = linkHeader(`${base}${path}`, query, page, answer.pages);
      if (link) headers.link = link;
      const inm = req.headers['if-none-match'];
      if (inm && inm.split(',').some((t) => t.trim() === answer.etag || t.trim() === `W/${answer.etag}`)) {
        return { status: 304, headers };
      }
      return { status: 200, headers, body: answer.body };
    }
    return error(404, 'Not Found');
  }

  const control = await startFakeServer(handle, {
    rateLimitStyle: 'github',
    rateLimitBody: JSON.stringify({ message: 'API rate limit exceeded for user ID 1.', documentation_url: `${DOCS}/overview/resources-in-the-rest-api#rate-limiting` }),
    keepLog: opts.keepLog,
  });
  base = control.url;

  return Object.assign(control, {
    addRepo(input: FakeGithubRepoInput) {
      repos.set(key(input.owner, input.name), {
        id: nextId++,
        owner: input.owner,
        name: input.name,
        private: input.private ?? false,
        defaultBranch: input.defaultBranch ?? 'main',
        description: input.description ?? null,
        archived: input.archived ?? false,
        fork: input.fork ?? false,
        topics: input.topics ?? [],
        branches: new Map(Object.entries(input.branches ?? {})),
        tags: new Map(Object.entries(input.tags ?? {}).map(([n, v]) => [n, normalizeTag(v)])),
        pages: new Map(),
        sortedRefs: new Map(),
      });
    },
    removeRepo(owner: string, name: string) {
      repos.delete(key(owner, name));
    },
    setBranches(owner: string, name: string, branches: Record<string, string>) {
      const state = repo(owner, name);
      state.branches = new Map(Object.entries(branches));
      changed(state);
    },
    setTags(owner: string, name: string, tags: Record<string, FakeTag>) {
      const state = repo(owner, name);
      state.tags = new Map(Object.entries(tags).map(([n, v]) => [n, normalizeTag(v)]));
      changed(state);
    },
    setBranch(owner: string, name: string, branch: string, sha: string) {
      const state = repo(owner, name);
      state.branches.set(branch, sha);
      changed(state);
    },
    deleteBranch(owner: string, name: string, branch: string) {
      const state = repo(owner, name);
      state.branches.delete(branch);
      changed(state);
    },
    setTag(owner: string, name: string, tag: string, value: FakeTag) {
      const state = repo(owner, name);
      state.tags.set(tag, normalizeTag(value));
      changed(state);
    },
    deleteTag(owner: string, name: string, tag: string) {
      const state = repo(owner, name);
      state.tags.delete(tag);
      changed(state);
    },
    setArchived(owner: string, name: string, archived: boolean) {
      repo(owner, name).archived = archived;
    },
    star(user: string, owner: string, name: string) {
      repo(owner, name);
      const set = stars.get(user.toLowerCase()) ?? new Set<string>();
      set.add(key(owner, name));
      stars.set(user.toLowerCase(), set);
    },
    unstar(user: string, owner: string, name: string) {
      stars.get(user.toLowerCase())?.delete(key(owner, name));
    },
    graphqlStats: () => graphql.stats(),
    resetGraphqlStats: () => graphql.reset(),
    setGraphqlRateLimit: (next: { remaining?: number; reset?: number }) => graphql.setRateLimit(next),
    app,
  });
}
