/**
 * A real Git server for tests: bare repositories in a temp dir served by `git http-backend` behind
 * a node:http server on 127.0.0.1:0. Repositories can require an Authorization header (to test the
 * token passed through http.extraHeader), hang (timeouts) or answer garbage (malformed answers).
 * Commits are made directly in the bare repository (commit-tree + update-ref), no global git config.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GitServer {
  readonly baseUrl: string;
  readonly root: string;
  /** creates an empty bare repository, e.g. "acme/svc" */
  createRepo(name: string): Promise<void>;
  /** a new commit on branch (child of its tip unless force) → its SHA */
  commit(repo: string, branch: string, message: string, opts?: { force?: boolean }): Promise<string>;
  /** lightweight or annotated tag → the SHA the tag ref points to (the tag object when annotated) */
  tag(repo: string, name: string, sha: string, annotated?: boolean): Promise<string>;
  /** points many refs at one commit in one update-ref transaction */
  setRefs(repo: string, refs: Record<string, string>): Promise<void>;
  deleteRef(repo: string, ref: string): Promise<void>;
  url(name: string): string;
  /** the repository then requires `Authorization: Basic base64(<any>:token)` or `Bearer token` */
  requireToken(name: string, token: string): void;
  /** the next requests for this repository: 'hang' (never answered) or 'garbage' (broken protocol) */
  misbehave(name: string, mode: 'hang' | 'garbage' | 'unavailable' | undefined): void;
  /** the repository accepts pushes over HTTP (http.receivepack) */
  acceptPushes(name: string): Promise<void>;
  /** ref → SHA of every ref of the repository */
  refs(name: string): Promise<Record<string, string>>;
  /** answers requests outside any repository (e.g. a fake Gitea/GitLab API on the same host); return false to 404 */
  setApi(handler: ((req: IncomingMessage, res: ServerResponse, path: string) => boolean) | undefined): void;
  /**
   * Runs (awaited) before each request for a repository is served, e.g. to change a ref between a
   * client's read and its push; undefined removes it.
   */
  beforeRequest(hook: ((path: string, query: string) => Promise<void> | void) | undefined): void;
  /** Authorization headers seen, per request */
  readonly authHeaders: (string | undefined)[];
  close(): Promise<void>;
}

export async function startGitServer(): Promise<GitServer> {
  const root = await mkdtemp(join(tmpdir(), 'reposentry-git-server-'));
  const home = join(root, '.home');
  await mkdir(home);
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };
  const tokens = new Map<string, string>();
  const modes = new Map<string, 'hang' | 'garbage' | 'unavailable'>();
  const authHeaders: (string | undefined)[] = [];
  const hanging = new Set<ServerResponse>();
  let counter = 0;
  let api: ((req: IncomingMessage, res: ServerResponse, path: string) => boolean) | undefined;
  let before: ((path: string, query: string) => Promise<void> | void) | undefined;

  function dir(name: string): string {
    return join(root, `${name}.git`);
  }
  function git(cwd: string, args: string[], input?: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = execFile('git', args, { cwd, env }, (err, stdout, stderr) => {
        if (err) reject(new Error(`git ${args.join(' ')}: ${stderr || err.message}`));
        else resolve(stdout.trim());
      });
      if (input !== undefined) child.stdin?.end(input);
    });
  }

  function repoOf(path: string): string | undefined {
    const m = /^\/(.+?)\.git(\/|$)/.exec(path);
    return m?.[1];
  }

  function allowed(name: string, header: string | undefined): boolean {
    const token = tokens.get(name);
    if (!token) return true;
    if (!header) return false;
    if (header === `Bearer ${token}`) return true;
    const m = /^Basic (.+)$/.exec(header);
    if (!m) return false;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1) === token;
  }

  function cgi(req: IncomingMessage, res: ServerResponse, path: string, query: string): void {
    const child = spawn('git', ['http-backend'], {
      env: {
        ...env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: path,
        QUERY_STRING: query,
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: (req.headers['git-protocol'] as string | undefined) ?? '',
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    req.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let headerDone = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headerDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headerDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('utf8').split('\r\n')) {
        const i = line.indexOf(':');
        const name = line.slice(0, i).trim();
        const value = line.slice(i + 1).trim();
        if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
        else res.setHeader(name, value);
      }
      res.statusCode = status;
      res.write(head.subarray(end + 4));
    });
    child.on('close', () => res.end());
    child.on('error', () => res.destroy());
  }

  const server = createServer((req, res) => {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = decodeURIComponent(q < 0 ? raw : raw.slice(0, q));
    const name = repoOf(path);
    authHeaders.push(req.headers.authorization);
    if (!name && api?.(req, res, path)) return;
    const mode = name ? modes.get(name) : undefined;
    if (mode === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (name && !allowed(name, req.headers.authorization)) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' });
      res.end('unauthorized');
      return;
    }
    if (mode === 'unavailable') {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('down for maintenance');
      return;
    }
    if (mode === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/x-git-upload-pack-advertisement' });
      res.end('this is not a pkt-line stream');
      return;
    }
    const query = q < 0 ? '' : raw.slice(q + 1);
    if (!before) return cgi(req, res, path, query);
    // the request body waits (paused) while the hook runs
    req.pause();
    void Promise.resolve(before(path, query)).then(() => cgi(req, res, path, query), () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    root,
    authHeaders,
    async createRepo(name) {
      await mkdir(dir(name), { recursive: true });
      await git(dir(name), ['init', '--bare', '--quiet', '--initial-branch=main']);
    },
    async commit(repo, branch, message, opts = {}) {
      const cwd = dir(repo);
      const tree = await git(cwd, ['mktree'], '');
      let parent: string | undefined;
      if (!opts.force) parent = await git(cwd, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).catch(() => undefined);
      counter += 1;
      const args = ['commit-tree', tree, '-m', `${message} #${counter}`];
      if (parent) args.push('-p', parent);
      const sha = await git(cwd, args);
      await git(cwd, ['update-ref', `refs/heads/${branch}`, sha]);
      return sha;
    },
    async tag(repo, name, sha, annotated = false) {
      const cwd = dir(repo);
      if (annotated) await git(cwd, ['tag', '-f', '-a', name, sha, '-m', `tag ${name}`]);
      else await git(cwd, ['update-ref', `refs/tags/${name}`, sha]);
      return git(cwd, ['rev-parse', `refs/tags/${name}`]);
    },
    async setRefs(repo, refs) {
      const lines = Object.entries(refs).map(([ref, sha]) => `update ${ref} ${sha}\n`).join('');
      await git(dir(repo), ['update-ref', '--stdin'], lines);
    },
    async deleteRef(repo, ref) {
      await git(dir(repo), ['update-ref', '-d', ref]);
    },
    url: (name) => `${baseUrl}/${name}.git`,
    setApi(handler) {
      api = handler;
    },
    beforeRequest(hook) {
      before = hook;
    },
    async acceptPushes(name) {
      await git(dir(name), ['config', 'http.receivepack', 'true']);
    },
    async refs(name) {
      const out = await git(dir(name), ['for-each-ref', '--format=%(refname) %(objectname)']);
      const refs: Record<string, string> = {};
      for (const line of out.split('\n').filter(Boolean)) {
        const [ref, sha] = line.split(' ');
        refs[ref] = sha;
      }
      return refs;
    },
    requireToken(name, token) {
      tokens.set(name, token);
    },
    misbehave(name, mode) {
      if (mode) modes.set(name, mode);
      else modes.delete(name);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}
