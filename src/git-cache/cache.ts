/**
 * A local cache of remote repositories: one bare repository per clone URL under
 * `<data_dir>/git-cache/`, fetched on demand with only the refs asked for. Enrichment reads commits,
 * changed paths and ancestry from it; the mirror target fetches objects into it before pushing.
 *
 * - Partial by default (`--filter=blob:none`: commits and trees, no file contents), so a cache stays
 *   small; `blobs: true` keeps a separate full cache for consumers that need contents.
 * - Isolation as for ls-remote: no system/global config, empty HOME, no prompts, the token only in
 *   the environment (http.extraHeader), the URL only in the environment (remote.origin.url), so
 *   neither ever appears in argv nor on disk; a timeout kills the process group.
 * - Argument injection is impossible: refs must be `refs/…` names without spaces, control
 *   characters or `:`, SHAs must be hex, and every refspec starts with `+`.
 * - One fetch at a time per cache; `git gc --auto` after each fetch keeps it packed.
 * - A cache that git cannot read (corrupt, half-written) is removed and fetched again once.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UpstreamError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { emptyGitHome, isLocalGitUrl, isolatedGitEnv } from './env.js';
import { runGit, type SpawnLike } from './run.js';
import { redactText } from '../redact.js';

export interface GitCacheOptions {
  /** `app.data_dir`; caches live in `<dataDir>/git-cache/` */
  dataDir: string;
  /** one fetch; independent of the callers' own waits so a slow first fetch still warms the cache */
  fetchTimeoutMs: number;
  /** one read command (rev-list, log, merge-base) */
  readTimeoutMs: number;
  log: Logger;
  gitBinary?: string;
  spawn?: SpawnLike;
}

export interface CacheFetchRequest {
  /** clone URL; may carry userinfo, which never reaches argv, disk or logs */
  url: string;
  /** full ref names to fetch, each into the same name in the cache */
  refs: string[];
  /** also fetch the remote's HEAD as refs/reposentry/HEAD (the default branch), when it has one */
  includeHead?: boolean;
  /** objects that should be present: fetched by id when the refs did not bring them (servers may refuse) */
  shas?: string[];
  /** full header, e.g. "Authorization: Basic …"; secret */
  authHeader?: string;
  token?: string;
  /** false (default): commits and trees only */
  blobs?: boolean;
  signal?: AbortSignal;
}

export interface GitCache {
  /** the bare repository that caches url */
  pathFor(url: string, opts?: { blobs?: boolean }): string;
  /** fetch refs (and HEAD, shas) into the cache; resolves to its path */
  fetch(req: CacheFetchRequest): Promise<string>;
  /** a read-only git command in a cache (no network: lazy fetching of missing objects is off) */
  read(dir: string, args: string[], opts?: { signal?: AbortSignal; maxOutputBytes?: number }): Promise<string>;
  /** whether the object exists in the cache */
  has(dir: string, sha: string): Promise<boolean>;
  /** kills every git command still running (a background fetch would outlive the daemon) and refuses new ones */
  close(): void;
}

export const HEAD_REF = 'refs/reposentry/HEAD';
const SHA_RE = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export function assertRefName(ref: string): void {
  // git check-ref-format is stricter; this is what keeps a ref from being read as an option or a refspec
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  if (!/^refs\/[^\s:\\^~?*[\x00-\x1f\x7f]+$/.test(ref) || ref.includes('..')) {
    throw new UpstreamError('git', `refusing to fetch a ref with an unexpected name: ${JSON.stringify(ref.slice(0, 200))}`, { context: { reason: 'bad-ref' } });
  }
}

export function assertSha(sha: string): void {
  if (!SHA_RE.test(sha)) throw new UpstreamError('git', `not a commit id: ${JSON.stringify(sha.slice(0, 80))}`, { context: { reason: 'bad-sha' } });
}

/** The URL without userinfo: the cache key and what error messages may show. */
function publicUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

export function createGitCache(options: GitCacheOptions): GitCache {
  const root = join(options.dataDir, 'git-cache');
  const locks = new Map<string, Promise<unknown>>();
  const log = options.log.child({ component: 'git-cache' });
  // A fetch runs past the enrichment wait (it warms the cache) and is bounded only by fetchTimeoutMs:
  // at shutdown it is killed with every other command of the cache, so no git child outlives the daemon.
  const closing = new AbortController();
  const signalFor = (signal?: AbortSignal): AbortSignal => (signal ? AbortSignal.any([signal, closing.signal]) : closing.signal);

  function pathFor(url: string, opts: { blobs?: boolean } = {}): string {
    const key = createHash('sha256').update(publicUrl(url)).digest('hex').slice(0, 24);
    return join(root, `${key}${opts.blobs ? '-full' : ''}.git`);
  }

  /** Runs work after every earlier fetch of the same cache has settled. */
  function serialized<T>(dir: string, work: () => Promise<T>): Promise<T> {
    const before = locks.get(dir) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.catch(() => undefined);
    locks.set(dir, tail);
    void tail.then(() => {
      if (locks.get(dir) === tail) locks.delete(dir);
    });
    return run;
  }

  function env(extra: Array<[string, string]> = [], allowFile = false): NodeJS.ProcessEnv {
    // objects missing from a partial cache are never fetched behind our back by a read
    return { ...isolatedGitEnv(emptyGitHome(), extra, allowFile), GIT_NO_LAZY_FETCH: '1' };
  }

  async function initialize(dir: string, blobs: boolean, displayUrl: string): Promise<void> {
    await mkdir(root, { recursive: true });
    const base = { env: env(), timeoutMs: options.readTimeoutMs, signal: closing.signal, gitBinary: options.gitBinary, spawn: options.spawn };
    await runGit({ ...base, args: ['init', '--bare', '--quiet', '--', dir], what: 'git init (cache)' });
    const settings: Array<[string, string]> = [['gc.auto', '2000'], ['core.logAllRefUpdates', 'false'], ['fetch.writeCommitGraph', 'true']];
    if (!blobs) {
      settings.push(['core.repositoryformatversion', '1'], ['extensions.partialClone', 'origin'], ['remote.origin.promisor', 'true'], ['remote.origin.partialCloneFilter', 'blob:none']);
    }
    for (const [key, value] of settings) await runGit({ ...base, cwd: dir, args: ['config', key, value], what: 'git config (cache)' });
    await writeFile(join(dir, 'description'), `reposentry cache of ${displayUrl}\n`);
  }

  async function fetchOnce(dir: string, req: CacheFetchRequest, withHead: boolean): Promise<void> {
    const display = publicUrl(redactText(req.url, [req.token]));
    if (!existsSync(join(dir, 'HEAD'))) await initialize(dir, req.blobs === true, display);
    const args = ['-c', 'protocol.version=2', '-c', 'credential.helper=', '-c', 'core.askPass=', 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--no-recurse-submodules'];
    if (!req.blobs) args.push('--filter=blob:none');
    args.push('origin');
    for (const ref of req.refs) args.push(`+${ref}:${ref}`);
    if (withHead) args.push(`+HEAD:${HEAD_REF}`);
    if (args.at(-1) === 'origin') return;
    const config: Array<[string, string]> = [['remote.origin.url', req.url]];
    if (req.authHeader) config.push(['http.extraHeader', req.authHeader]);
    await runGit({
      args, cwd: dir, env: env(config, isLocalGitUrl(req.url)), timeoutMs: options.fetchTimeoutMs, signal: signalFor(req.signal),
      secrets: [req.token, req.authHeader, req.url], what: `git fetch ${display}`, gitBinary: options.gitBinary, spawn: options.spawn,
    });
  }

  async function fetchMissing(dir: string, req: CacheFetchRequest): Promise<void> {
    const missing: string[] = [];
    for (const sha of req.shas ?? []) if (!(await has(dir, sha))) missing.push(sha);
    if (missing.length === 0) return;
    // Fetching by id needs the server's consent (uploadpack.allowReachableSHA1InWant, GitHub/GitLab
    // allow it); when refused the caller works with what it has.
    const tmp = missing.map((sha) => `+${sha}:refs/reposentry/objects/${sha}`);
    const args = ['-c', 'protocol.version=2', '-c', 'credential.helper=', 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head'];
    if (!req.blobs) args.push('--filter=blob:none');
    const config: Array<[string, string]> = [['remote.origin.url', req.url]];
    if (req.authHeader) config.push(['http.extraHeader', req.authHeader]);
    await runGit({
      args: [...args, 'origin', ...tmp], cwd: dir, env: env(config, isLocalGitUrl(req.url)), timeoutMs: options.fetchTimeoutMs, signal: signalFor(req.signal),
      secrets: [req.token, req.authHeader, req.url], what: 'git fetch by id', gitBinary: options.gitBinary, spawn: options.spawn,
    }).catch((err: unknown) => log.debug({ err: redactText(errorMessage(err), [req.token]) }, 'fetch by id refused'));
  }

  async function fetchInto(dir: string, req: CacheFetchRequest): Promise<void> {
    try {
      await fetchOnce(dir, req, req.includeHead === true);
    } catch (err) {
      // a remote without HEAD (no default branch) answers "couldn't find remote ref HEAD"
      if (req.includeHead && err instanceof UpstreamError && /remote ref HEAD/i.test(String(err.context.stderr))) {
        await fetchOnce(dir, req, false);
      } else throw err;
    }
  }

  async function has(dir: string, sha: string): Promise<boolean> {
    assertSha(sha);
    try {
      await runGit({ args: ['cat-file', '-e', `${sha}^{commit}`], cwd: dir, env: env(), timeoutMs: options.readTimeoutMs, signal: closing.signal, what: 'git cat-file', gitBinary: options.gitBinary, spawn: options.spawn });
      return true;
    } catch {
      return false;
    }
  }

  return {
    pathFor,
    has,
    close() {
      closing.abort();
    },
    async fetch(req: CacheFetchRequest): Promise<string> {
      for (const ref of req.refs) assertRefName(ref);
      for (const sha of req.shas ?? []) assertSha(sha);
      const dir = pathFor(req.url, { blobs: req.blobs });
      return serialized(dir, async () => {
        const existed = existsSync(join(dir, 'HEAD'));
        try {
          await fetchInto(dir, req);
        } catch (err) {
          const reason = err instanceof UpstreamError ? err.context.reason : undefined;
          if (!existed || reason === 'timeout' || reason === 'aborted' || /could not read|authentication|not found|unable to access/i.test(errorMessage(err))) throw err;
          // something in the cache itself is broken: start it over once
          log.warn({ dir, err: errorMessage(err) }, 'git cache unusable; fetching it again');
          await rm(dir, { recursive: true, force: true });
          await fetchInto(dir, req);
        }
        await fetchMissing(dir, req);
        await runGit({ args: ['gc', '--auto', '--quiet'], cwd: dir, env: env(), timeoutMs: options.fetchTimeoutMs, signal: closing.signal, what: 'git gc', gitBinary: options.gitBinary, spawn: options.spawn })
          .catch((err: unknown) => log.warn({ dir, err: errorMessage(err) }, 'git gc failed'));
        return dir;
      });
    },
    async read(dir, args, opts = {}) {
      const r = await runGit({
        args, cwd: dir, env: env(), timeoutMs: options.readTimeoutMs, signal: signalFor(opts.signal), maxOutputBytes: opts.maxOutputBytes,
        what: `git ${args[0]} (cache)`, gitBinary: options.gitBinary, spawn: options.spawn,
      });
      return r.stdout;
    },
  };
}
