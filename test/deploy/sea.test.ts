// The single executable (npm run build:sea), built once per run and started from an empty folder
// without node_modules. Registered on linux-x64 only: the build targets that platform.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath, ROOT } from './helpers.js';

const isLinuxX64 = process.platform === 'linux' && process.arch === 'x64';

describe.runIf(isLinuxX64)('single executable (dist-sea/reposentry)', () => {
  let work: string;
  let exe: string;
  let tmp: string;
  let repo: string;

  function git(args: string[], cwd = repo) {
    const res = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    if (res.status !== 0) throw new Error(`git ${args.join(' ')}: ${res.stderr}`);
    return res.stdout.trim();
  }

  function run(args: string[], env: Record<string, string> = {}) {
    return spawnSync(exe, args, {
      cwd: work,
      encoding: 'utf8',
      // TMPDIR: the executable's private folder for the addon goes here, so the test can see it is removed.
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, TMPDIR: tmp, ...env },
      timeout: 60_000,
    });
  }

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'reposentry-sea-'));
    tmp = join(work, 'tmp');
    mkdirSync(tmp);
    exe = join(work, 'reposentry');
    // built straight into the empty folder (--out), so parallel runs never share dist-sea/
    const build = spawnSync(process.execPath, [repoPath('scripts/build-sea.mjs'), '--out', exe], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    if (build.status !== 0) throw new Error(`build:sea failed: ${build.stderr}`);

    repo = join(work, 'repo');
    mkdirSync(repo);
    git(['init', '-q', '-b', 'main']);
    writeFileSync(join(repo, 'README'), 'hello\n');
    git(['add', 'README']);
    git(['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'first']);

    writeFileSync(
      join(work, 'config.yaml'),
      [
        'app:',
        '  data_dir: ./data',
        'polling:',
        '  emit_on_first_poll: true',
        'security:',
        '  allow_file_urls: true',
        'triggers:',
        '  - name: stdout',
        '    format: log',
        'repositories:',
        '  - name: demo',
        `    url: file://${repo}`,
        '    provider: git',
        '    branch_regex: ".*"',
        '',
      ].join('\n'),
    );
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('runs from a folder with nothing but itself and its config', () => {
    expect(readdirSync(work).sort()).toEqual(['config.yaml', 'repo', 'reposentry', 'tmp']);
    expect(existsSync(join(work, 'node_modules'))).toBe(false);
  });

  it('prints the package version', () => {
    const res = run(['version']);
    expect(res.stderr).toBe('');
    expect(res.stdout.trim()).toBe(JSON.parse(readFileSync(repoPath('package.json'), 'utf8')).version);
    expect(res.status).toBe(0);
  });

  it('validates a config, and rejects a broken one with exit 2', () => {
    const ok = run(['validate', '-c', 'config.yaml']);
    expect(ok.stdout).toContain('valid');
    expect(ok.status).toBe(0);
    writeFileSync(join(work, 'bad.yaml'), 'polling:\n  interval: soon\n');
    const bad = run(['validate', '-c', 'bad.yaml']);
    expect(bad.status).toBe(2);
    expect(bad.stdout + bad.stderr).toContain('polling.interval');
  });

  it('runs --once against a local git repository, keeping state in its SQLite file between runs', () => {
    const first = run(['run', '--once', '-c', 'config.yaml']);
    expect(first.status, first.stderr).toBe(0);
    const head = git(['rev-parse', 'HEAD']);
    const created = first.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: { type: string }; commit: { sha: string } });
    expect(created.map((e) => [e.event.type, e.commit.sha])).toEqual([['branch_created', head]]);
    expect(existsSync(join(work, 'data/reposentry.db'))).toBe(true);

    writeFileSync(join(repo, 'README'), 'hello again\n');
    git(['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-am', 'second']);
    const second = run(['run', '--once', '-c', 'config.yaml']);
    expect(second.status, second.stderr).toBe(0);
    const updated = second.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: { type: string }; commit: { sha: string } });
    expect(updated.map((e) => [e.event.type, e.commit.sha])).toEqual([['branch_updated', git(['rev-parse', 'HEAD'])]]);
  });

  it('removes its private copy of the SQLite addon when it exits', () => {
    expect(run(['run', '--once', '-c', 'config.yaml']).status).toBe(0);
    const leftovers = readdirSync(tmp).filter((name) => existsSync(join(tmp, name, 'better_sqlite3.node')));
    expect(leftovers).toEqual([]);
  });
});
