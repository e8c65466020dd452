/** `run --demo`: a data dir with a local Git repository (one commit) and the embedded demo config. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultConfigText, defaultDemoRepoDir } from '../config/default-config.js';
import { ReposentryError, errorMessage } from '../errors.js';

export interface DemoSetup {
  dataDir: string;
  repoDir: string;
  /** a name for messages; the config is never written to disk */
  configFile: string;
  configText: string;
}

function git(repoDir: string, args: string[]): void {
  execFileSync('git', ['-C', repoDir, '-c', 'user.name=reposentry demo', '-c', 'user.email=demo@reposentry.invalid', '-c', 'commit.gpgsign=false', ...args], {
    stdio: 'ignore',
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
}

export function prepareDemo(dataDir: string, repoDir?: string, port?: number): DemoSetup {
  const data = resolve(dataDir);
  const repo = resolve(repoDir ?? defaultDemoRepoDir(data));
  try {
    mkdirSync(data, { recursive: true });
    if (!existsSync(join(repo, '.git')) && !existsSync(join(repo, 'HEAD'))) {
      mkdirSync(repo, { recursive: true });
      git(repo, ['init', '-q', '-b', 'main']);
      git(repo, ['commit', '-q', '--allow-empty', '-m', 'reposentry demo: first commit']);
    }
  } catch (err) {
    throw new ReposentryError('startup', `cannot prepare the demo repository ${repo} (is git installed?): ${errorMessage(err)}`, { cause: err });
  }
  return { dataDir: data, repoDir: repo, configFile: '<demo config>', configText: defaultConfigText({ repoDir: repo, dataDir: data, port }) };
}
