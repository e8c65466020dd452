/**
 * The Docker runtime stage without Docker: dist, bin, migrations, package.json and only the
 * node_modules in RUNTIME_MODULES, copied to a temp dir, run `run --once` end to end (poll a git
 * repository, store it in SQLite, deliver). Also prints the size of that application content.
 */
import { cpSync, mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { assertBuilt } from '../cli/run-cli.js';
import { tempConfig } from '../e2e/config.js';
import { ROOT } from './helpers.js';
import { RUNTIME_MODULES } from './runtime-modules.js';

function size(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((n, f) => n + size(join(path, f)), 0);
}

let app: string;
let git: GitServer;
let listener: FakeEventListener;

beforeAll(async () => {
  assertBuilt();
  app = mkdtempSync(join(tmpdir(), 'reposentry-runtime-'));
  for (const part of ['package.json', 'dist', 'bin', 'migrations']) cpSync(join(ROOT, part), join(app, part), { recursive: true });
  for (const m of RUNTIME_MODULES) cpSync(join(ROOT, 'node_modules', m), join(app, 'node_modules', m), { recursive: true });
  git = await startGitServer();
  await git.createRepo('acme/svc');
  await git.commit('acme/svc', 'main', 'first');
  listener = await startFakeEventListener();
});
afterAll(async () => {
  rmSync(app, { recursive: true, force: true });
  await Promise.all([git?.close(), listener?.close()]);
});

describe('the runtime content of the image', () => {
  it('runs with only the bundle and better-sqlite3 (no other node_modules)', async () => {
    const cfg = tempConfig();
    cfg.write({ listenerUrl: listener.url, emitOnFirstPoll: true, repositories: [{ name: 'svc', url: git.url('acme/svc') }] });
    const received = listener.requests.length;
    // asynchronously: the git server and the receiver answer from this process
    const child = spawn(process.execPath, [join(app, 'bin/reposentry'), 'run', '--once', '-c', cfg.file], { cwd: app, env: { PATH: process.env.PATH ?? '' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const r = { status, stderr };
    expect(r.status, r.stderr).toBe(0);
    expect(listener.requests.length).toBe(received + 1);
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    const modules = size(join(app, 'node_modules'));
    console.log(`runtime content: dist ${mb(size(join(app, 'dist')))}, node_modules ${mb(modules)}, total ${mb(size(app))}`);
    expect(modules).toBeLessThan(10 * 1024 * 1024);
    cfg.remove();
  });
});
