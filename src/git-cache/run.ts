/**
 * Runs one git command in the isolated environment (see env.ts): detached in its own process
 * group, killed as a group on timeout or abort (git forks git-remote-https and pack helpers), its
 * stderr scrubbed of secrets before it reaches an error message.
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { UpstreamError } from '../errors.js';
import { redactText } from '../redact.js';

export type SpawnLike = (command: string, args: string[], options: SpawnOptions) => ChildProcess;

export interface RunGitOptions {
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** values removed from stderr (tokens, headers, URLs with userinfo) */
  secrets?: (string | undefined)[];
  /** what the error message calls this command, e.g. "git fetch https://host/o/r" (already scrubbed) */
  what: string;
  /** stop reading stdout past this many bytes (the command is then killed and the run fails) */
  maxOutputBytes?: number;
  gitBinary?: string;
  spawn?: SpawnLike;
}

export interface RunGitResult {
  stdout: string;
  stderr: string;
}

export function runGit(opts: RunGitOptions): Promise<RunGitResult> {
  const spawn = opts.spawn ?? (nodeSpawn as SpawnLike);
  const max = opts.maxOutputBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(opts.gitBinary ?? 'git', opts.args, { cwd: opts.cwd, detached: true, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      reject(new UpstreamError('git', `${opts.what} could not start: ${(e as Error).message}`, { cause: e, context: { reason: 'failed' } }));
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let killedFor: 'timeout' | 'aborted' | 'too-large' | undefined;
    let settled = false;

    const finish = (error: UpstreamError | undefined, result?: RunGitResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(result as RunGitResult);
    };
    const killGroup = (why: 'timeout' | 'aborted' | 'too-large'): void => {
      killedFor ??= why;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is already gone
      }
      // A helper that left the group could hold our pipes open and 'close' would never come.
      setTimeout(() => finish(failure()), 2_000).unref();
    };
    const failure = (code?: number | null): UpstreamError => {
      const stderr = redactText(Buffer.concat(err).toString('utf8'), opts.secrets ?? []).trim().slice(-500).replace(/\s+/g, ' ');
      const text = killedFor === 'timeout' ? `timed out after ${opts.timeoutMs} ms`
        : killedFor === 'aborted' ? 'aborted'
          : killedFor === 'too-large' ? `output larger than ${max} bytes`
            : `failed (exit ${code})`;
      // stdout too: `git push --porcelain` reports a rejected ref (e.g. `[rejected] (stale info)`) there
      const stdout = redactText(Buffer.concat(out).toString('utf8'), opts.secrets ?? []).trim().slice(-500);
      return new UpstreamError('git', `${opts.what}: ${text}${stderr ? ` (${stderr})` : ''}`, { context: { reason: killedFor ?? 'failed', exitCode: code, stderr, stdout } });
    };
    const timer = setTimeout(() => killGroup('timeout'), opts.timeoutMs);
    const onAbort = (): void => killGroup('aborted');
    if (opts.signal?.aborted) killGroup('aborted');
    else opts.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout?.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > max) {
        killGroup('too-large');
        return;
      }
      out.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      // keep only the tail: progress output of a long fetch must not grow without bound
      err.push(chunk);
      if (err.length > 64) err.splice(0, err.length - 64);
    });
    child.on('error', (e) => finish(new UpstreamError('git', `${opts.what} could not start: ${e.message}`, { cause: e, context: { reason: 'failed' } })));
    child.on('close', (code) => {
      if (killedFor || code !== 0) {
        finish(failure(code));
        return;
      }
      finish(undefined, { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
