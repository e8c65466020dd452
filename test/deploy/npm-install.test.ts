/**
 * `npm install -g ./reposentry-<v>.tgz` on a machine without the npm registry: the package is
 * packed (from a copy of the package files, so dist/ under the other tests is left alone), installed
 * with --offline and an empty cache into a temp prefix, and the installed command runs: version,
 * validate, and `run --once` (SQLite through the packed better-sqlite3, a poll, a delivery).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/run-cli.js';
import { ROOT } from './helpers.js';

let work: string;
let prefix: string;
const PATH = `${dirname(process.execPath)}:/usr/bin:/bin`;

function sh(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { PATH, HOME: work, ...env }, timeout: 120_000 });
}
const reposentry = (args: string[], cwd: string) => sh(join(prefix, 'bin', 'reposentry'), args, cwd);

beforeAll(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), 'reposentry-npm-install-'));
  prefix = join(work, 'prefix');
  const pkg = join(work, 'pkg');
  for (const part of ['package.json', 'bin', 'dist', 'migrations', 'config.example.yaml', 'scripts/stage-runtime-modules.mjs']) {
    cpSync(join(ROOT, part), join(pkg, part), { recursive: true });
  }
  rmSync(join(pkg, 'dist', 'node_modules'), { recursive: true, force: true });
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
  // what prepack runs after the build
  const staged = sh(process.execPath, ['scripts/stage-runtime-modules.mjs'], pkg);
  expect(staged.status, staged.stderr).toBe(0);
  const packed = sh('npm', ['pack', '--ignore-scripts', '--pack-destination', work], pkg);
  expect(packed.status, packed.stderr).toBe(0);
  rmSync(pkg, { recursive: true, force: true });
}, 180_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm install -g of the packed package, offline', () => {
  it('installs with --offline and an empty cache, and the installed command validates a config and runs', () => {
    const [tgz] = readdirSync(work).filter((f) => /^reposentry-.*\.tgz$/.test(f));
    expect(tgz).toBeDefined();
    const cache = join(work, 'empty-cache');
    mkdirSync(cache);
    const install = sh('npm', ['install', '-g', '--prefix', prefix, '--offline', '--cache', cache, '--no-audit', '--no-fund', `./${tgz}`], work);
    expect(install.status, install.stderr).toBe(0);
    const installed = join(prefix, 'lib', 'node_modules', 'reposentry');
    // nothing fetched: the only node_modules is the one packed inside dist/
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
    expect(existsSync(join(installed, 'dist', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);

    const version = reposentry(['version'], work);
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);

    const repo = join(work, 'repo');
    const git = (...args: string[]) => expect(sh('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], work).status).toBe(0);
    git('init', '-q', '-b', 'main', repo);
    git('-C', repo, 'commit', '-q', '--allow-empty', '-m', 'first');
    writeFileSync(join(work, 'config.yaml'), [
      'app:', '  data_dir: ./data', 'security:', '  allow_file_urls: true', 'polling:', '  emit_on_first_poll: true',
      'repositories:', '  - name: local', `    url: file://${repo}`, '    provider: git',
      'triggers:', '  - name: out', '    url: "log:"', '',
    ].join('\n'));
    const validate = reposentry(['validate', '-c', 'config.yaml'], work);
    expect(validate.status, validate.stderr + validate.stdout).toBe(0);
    expect(validate.stdout + validate.stderr).toContain('valid');

    const run = reposentry(['run', '--once', '-c', 'config.yaml'], work);
    expect(run.status, run.stderr).toBe(0);
    const event = JSON.parse(run.stdout.split('\n').find((l) => l.includes('"branch_created"'))!) as { repository: { name: string } };
    expect(event.repository.name).toBe('repo');
    expect(existsSync(join(work, 'data', 'reposentry.db'))).toBe(true);
  }, 180_000);
});
