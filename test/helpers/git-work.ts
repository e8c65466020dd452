/**
 * A working repository for tests that need real file changes (the git-server helper makes empty
 * trees): write, rename and delete files, commit, merge, and push to a bare repository of the
 * git server by its path. Identity and dates are fixed, configuration isolated.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile, rename, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface GitWork {
  readonly dir: string;
  git(args: string[]): Promise<string>;
  /** write files (path → content) and commit them on the current branch → SHA */
  commit(message: string, files?: Record<string, string>, opts?: { remove?: string[]; rename?: Record<string, string> }): Promise<string>;
  checkout(branch: string, opts?: { create?: boolean; from?: string }): Promise<void>;
  /** push refspecs (e.g. "main", "+main", "refs/tags/v1") to the bare repository at barePath */
  push(barePath: string, refspecs: string[]): Promise<void>;
  close(): Promise<void>;
}

export async function createGitWork(): Promise<GitWork> {
  const dir = await mkdtemp(join(tmpdir(), 'reposentry-work-'));
  const home = join(dir, '.home');
  const repo = join(dir, 'repo');
  await mkdir(home);
  await mkdir(repo);
  let tick = 0;
  const env = (): NodeJS.ProcessEnv => {
    const date = `${1_700_000_000 + tick} +0000`;
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Ada Author', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: 'Cy Committer', GIT_COMMITTER_EMAIL: 'cy@example.com', GIT_COMMITTER_DATE: date,
    };
  };
  const git = (args: string[]): Promise<string> => new Promise((resolve, reject) => {
    execFile('git', args, { cwd: repo, env: env(), maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`git ${args.join(' ')}: ${stderr || err.message}`));
      else resolve(stdout.trim());
    });
  });
  await git(['init', '--quiet', '--initial-branch=main']);
  return {
    dir: repo,
    git,
    async commit(message, files = {}, opts = {}) {
      tick += 60;
      for (const [path, content] of Object.entries(files)) {
        await mkdir(dirname(join(repo, path)), { recursive: true });
        await writeFile(join(repo, path), content);
      }
      for (const [from, to] of Object.entries(opts.rename ?? {})) {
        await mkdir(dirname(join(repo, to)), { recursive: true });
        await rename(join(repo, from), join(repo, to));
      }
      for (const path of opts.remove ?? []) await unlink(join(repo, path));
      await git(['add', '--all']);
      await git(['commit', '--quiet', '--allow-empty', '-m', message]);
      return git(['rev-parse', 'HEAD']);
    },
    async checkout(branch, opts = {}) {
      const args = ['checkout', '--quiet'];
      if (opts.create) args.push('-b');
      args.push(branch);
      if (opts.from) args.push(opts.from);
      await git(args);
    },
    async push(barePath, refspecs) {
      await git(['push', '--quiet', barePath, ...refspecs]);
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
