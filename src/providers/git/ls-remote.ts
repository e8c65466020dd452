/**
 * `git ls-remote` with protocol v2, isolated from the host's git configuration:
 * no system/global config, HOME an empty directory, no terminal prompt, no credential helper.
 * The token travels only in the environment (GIT_CONFIG_COUNT → http.extraHeader), never in argv
 * or the URL. A timeout kills the whole process group (git forks git-remote-https).
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { UpstreamError } from '../../errors.js';
import { emptyGitHome, isolatedGitEnv } from '../../git-cache/env.js';
import { redactText } from '../../redact.js';

export type SpawnLike = (command: string, args: string[], options: SpawnOptions) => ChildProcess;

export interface GitRunnerOptions {
  /** per ls-remote (`polling.timeout`) */
  timeoutMs: number;
  gitBinary?: string;
  /** injected in tests to inspect argv and env */
  spawn?: SpawnLike;
  /** empty directory used as HOME; a fresh temp dir by default */
  homeDir?: string;
  /** `http.proxy`, `http.no_proxy`, `http.ca_file` as environment variables (gitOutboundEnv); they win over the process's */
  extraEnv?: Record<string, string>;
  /** let git read file:// repositories (security.allow_file_urls) */
  allowFile?: boolean;
}

export interface LsRemoteRequest {
  url: string;
  heads: boolean;
  tags: boolean;
  /** full header value, e.g. "Authorization: Basic …"; secret */
  authHeader?: string;
  /** the raw token, only so it can be scrubbed from stderr */
  token?: string;
  /** more values to scrub (the URL's user name and password) */
  secrets?: (string | undefined)[];
  signal?: AbortSignal;
}

export interface RemoteRef {
  /** refs/heads/main */
  ref: string;
  sha: string;
}

export type GitFailure = 'auth' | 'not-found' | 'timeout' | 'failed';

function classify(stderr: string): GitFailure {
  if (/authentication failed|could not read (username|password)|terminal prompts disabled|HTTP (401|403)|permission denied|access denied/i.test(stderr)) return 'auth';
  if (/not found|does not appear to be a git repository|HTTP 404|no such repository/i.test(stderr)) return 'not-found';
  return 'failed';
}

const REASON_TEXT: Record<GitFailure, string> = {
  auth: 'authentication failed',
  'not-found': 'repository not found',
  timeout: 'timed out',
  failed: 'failed',
};

export function createGitRunner(options: GitRunnerOptions): { lsRemote(req: LsRemoteRequest): Promise<RemoteRef[]> } {
  const spawn = options.spawn ?? (nodeSpawn as SpawnLike);
  let home = options.homeDir;

  function environment(authHeader: string | undefined): NodeJS.ProcessEnv {
    home ??= emptyGitHome();
    const env = isolatedGitEnv(home, authHeader ? [['http.extraHeader', authHeader]] : [], options.allowFile === true);
    return options.extraEnv ? Object.assign(env, options.extraEnv) : env;
  }

  // Process groups of the ls-remote children alive now. Whatever ends the daemon, none may outlive
  // it: an exit handler kills the groups left (a poll aborted at the shutdown deadline kills its own).
  const live = new Set<number>();
  let exitHook = false;
  function track(pid: number): void {
    live.add(pid);
    if (exitHook) return;
    exitHook = true;
    process.once('exit', () => {
      for (const group of live) {
        try {
          process.kill(-group, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }

  function lsRemote(req: LsRemoteRequest): Promise<RemoteRef[]> {
    // The config refuses other transports already; git refuses them too, whatever URL reaches it
    // (GIT_ALLOW_PROTOCOL in isolatedGitEnv). `--` keeps the URL from being an option.
    const args = ['-c', 'protocol.version=2', '-c', 'credential.helper=', '-c', 'core.askPass=', 'ls-remote'];
    if (req.heads) args.push('--heads');
    if (req.tags) args.push('--tags');
    args.push('--', req.url);
    const secrets = [req.token, req.authHeader, req.authHeader?.replace(/^[^:]+:\s*\S+\s+/, ''), ...(req.secrets ?? [])];
    const where = redactText(req.url, secrets);

    if (req.signal?.aborted) {
      // an abort before the start (shutdown, a superseded poll) must not start a git that nobody kills
      return Promise.reject(new UpstreamError('git', `git ls-remote ${where}: aborted before it started`, { context: { reason: 'timeout' } }));
    }
    return new Promise((resolve, reject) => {
      const child = spawn(options.gitBinary ?? 'git', args, { detached: true, env: environment(req.authHeader), stdio: ['ignore', 'pipe', 'pipe'] });
      const pid = child.pid;
      if (pid) track(pid);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let failure: GitFailure | undefined;
      let settled = false;

      function killGroup(reason: GitFailure): void {
        failure = reason;
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // the group is already gone
        }
        // A helper that left the group could keep our pipes open and 'close' would never come:
        // settle anyway shortly after the kill.
        setTimeout(() => {
          finish(new UpstreamError('git', `git ls-remote ${where}: timed out after ${options.timeoutMs} ms`, { context: { reason: 'timeout' } }));
        }, 2_000).unref();
      }
      const timer = setTimeout(() => killGroup('timeout'), options.timeoutMs);
      const onAbort = (): void => killGroup('timeout');
      req.signal?.addEventListener('abort', onAbort, { once: true });

      function finish(error: UpstreamError | undefined, refs?: RemoteRef[]): void {
        if (settled) return;
        settled = true;
        if (pid) live.delete(pid);
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(refs ?? []);
      }

      child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', (e) => finish(new UpstreamError('git', `git ls-remote ${where} could not start: ${e.message}`, { cause: e, context: { reason: 'failed' } })));
      child.on('close', (code) => {
        const stderr = redactText(Buffer.concat(err).toString('utf8'), secrets).trim().slice(-500);
        if (failure === 'timeout' || code !== 0) {
          const reason = failure ?? classify(stderr);
          const text = reason === 'timeout' ? `timed out after ${options.timeoutMs} ms` : REASON_TEXT[reason];
          finish(new UpstreamError('git', `git ls-remote ${where}: ${text}${stderr ? ` (${stderr.replace(/\s+/g, ' ')})` : ''}`, { context: { reason, exitCode: code } }));
          return;
        }
        try {
          finish(undefined, parseLsRemote(Buffer.concat(out).toString('utf8'), where));
        } catch (e) {
          finish(e as UpstreamError);
        }
      });
    });
  }

  return { lsRemote };
}

/**
 * `<sha>\t<ref>` lines. Peeled lines (`refs/tags/v1^{}`) are skipped: a tag's SHA is the object the
 * ref itself points to (the tag object of an annotated tag), as GitHub's matching-refs reports it.
 */
export function parseLsRemote(output: string, where: string): RemoteRef[] {
  const refs: RemoteRef[] = [];
  for (const line of output.split('\n')) {
    if (line === '') continue;
    const m = /^([0-9a-f]{40}|[0-9a-f]{64})\t(refs\/\S+)$/.exec(line);
    if (!m) throw new UpstreamError('git', `git ls-remote ${where}: unexpected output line ${JSON.stringify(line.slice(0, 100))}`, { context: { reason: 'failed' } });
    if (m[2].endsWith('^{}')) continue;
    refs.push({ ref: m[2], sha: m[1] });
  }
  return refs;
}
