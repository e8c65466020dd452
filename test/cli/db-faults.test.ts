/**
 * Damaged and read-only database files, and the `db` commands, with the built CLI and real files:
 * one line that says what to do and exit 1, never a stack trace (unless --log-level debug).
 */
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.js';
import { newEvent, sha } from '../delivery/helpers.js';
import { assertBuilt, runCli } from './run-cli.js';
import { spawnDaemon, type DaemonProcess } from '../e2e/daemon-process.js';

const STACK = /\n\s+at /;
let daemon: DaemonProcess | undefined;

/** A config and a database with `events` events (about 1 KB each), in a directory anyone may write. */
function setup(events = 0): { dir: string; config: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'reposentry-db-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const config = join(dir, 'config.yaml');
  writeFileSync(config, `app:\n  data_dir: ${JSON.stringify(data)}\n  health_check_port: 0\nrepositories: []\n`);
  chmodSync(config, 0o644);
  const db = join(data, 'reposentry.db');
  const store = openStore(db);
  const [repo] = store.repositories.sync([{ name: 'svc', url: 'https://github.com/acme/svc', provider: 'github' }]);
  for (let i = 0; i < events; i += 100) {
    const batch = Array.from({ length: 100 }, (_, j) => {
      const e = newEvent({ name: `b${i + j}`, before: sha(i + j), after: sha(i + j + 1) }, repo!.id);
      return { ...e, data: { ...e.data, commit: { message: randomBytes(500).toString('hex') } } };
    });
    store.commitPoll({
      repositoryId: repo!.id, at: Date.now(), nextPollAt: Date.now(), method: 'api', state: {}, baseline: true, upserts: [], deletes: [],
      events: batch, deliveries: batch.map((e) => ({ eventId: e.id, target: 'tekton' })),
    });
  }
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  chmodSync(data, 0o777);
  return { dir, config, db };
}

/** Overwrites `pages` pages with random bytes, starting at page `from` (0-based). */
function garbage(file: string, from: number, pages: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, randomBytes(4096 * pages), 0, 4096 * pages, 4096 * from);
  closeSync(fd);
}

beforeAll(() => assertBuilt());
afterAll(() => {
  if (daemon && daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
});

describe('a damaged or read-only database', () => {
  it('read-only file: one line saying to fix the permissions, exit 1, no stack', async () => {
    const { config, db } = setup();
    chmodSync(db, 0o444);
    // root ignores file modes: run as nobody, for whom 0444 binds (and who needs to pass through the test temp dir)
    const root = process.getuid?.() === 0;
    if (root) chmodSync(tmpdir(), 0o711);
    const as = root ? { uid: 65534, gid: 65534 } : {};
    const run = await runCli(['run', '--once', '-c', config], as);
    expect(run.code, run.stderr).toBe(1);
    const line = run.stderr.split('\n').filter((l) => l.startsWith('reposentry:'));
    expect(line).toEqual([expect.stringContaining(`database ${db}: the database file (or its directory, or its -wal/-shm files) is read-only: fix its permissions`)]);
    expect(run.stderr).not.toMatch(STACK);
    expect(run.stderr).not.toContain('internal error');
    // with --log-level debug the stack is there for a bug report
    const debug = await runCli(['run', '--once', '-c', config, '--log-level', 'debug'], as);
    expect(debug.code, debug.stderr).toBe(1);
    expect(debug.stderr).toMatch(STACK);
  });

  it('garbage over the first pages: refused at start as damaged, no stack', async () => {
    const { config, db } = setup(200);
    garbage(db, 0, 2);
    const run = await runCli(['run', '--once', '-c', config]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`database ${db} is damaged`);
    expect(run.stderr).toContain('restore the last backup');
    expect(run.stderr).not.toMatch(STACK);
    const check = await runCli(['db', 'check', '-c', config]);
    expect(check.code).toBe(1);
    expect(check.stderr).not.toMatch(STACK);
  });

  it('garbage over later pages: quick_check at start refuses it (it used to start and answer 500 later); db check lists the damage', async () => {
    const { config, db } = setup(2000);
    const pages = statSync(db).size / 4096;
    garbage(db, Math.floor(pages * 0.6), 8);
    const run = await runCli(['run', '--once', '-c', config]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`database ${db} is damaged (quick_check:`);
    expect(run.stderr).not.toMatch(STACK);
    const check = await runCli(['db', 'check', '-c', config]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('is damaged');
  });
});

describe('a start that fails before the database is opened', () => {
  // the database check's worker starts before the config is read: it must not keep such a process alive
  it('exits at once on an invalid config and on a missing database its marker remembers', async () => {
    const { dir, config, db } = setup();
    writeFileSync(join(dir, 'bad.yaml'), 'polling:\n  interval: soon\nrepositories: []\n');
    const bad = await runCli(['run', '-c', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('polling.interval');
    const first = await runCli(['run', '-c', config, '--once']);
    expect(first.code).toBe(0);
    for (const f of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(f)) rmSync(f);
    const missing = await runCli(['run', '-c', config]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('is missing, but');
  });
});

describe('reposentry db', () => {
  it('backs up while the daemon runs (through it), checks and vacuums once it stopped', async () => {
    const { dir, config, db } = setup(300);
    daemon = spawnDaemon(['run', '-c', config], {});
    const port = await daemon.port();
    const url = `http://127.0.0.1:${port}`;
    const inUse = await runCli(['db', 'check', '-c', config]);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toContain('in use by a running reposentry');
    const copy = join(dir, 'copy.db');
    const backup = await runCli(['db', 'backup', copy, '-c', config, '--url', url]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('by the running daemon');
    const restored = new Database(copy, { readonly: true });
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((restored.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(300);
    restored.close();
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);

    const check = await runCli(['db', 'check', '-c', config, '--full']);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain(': ok (integrity_check');
    const offline = join(dir, 'offline.db');
    expect((await runCli(['db', 'backup', offline, '-c', config])).code).toBe(0);
    expect(existsSync(offline)).toBe(true);
    const vacuum = await runCli(['db', 'vacuum', '--db', db]);
    expect(vacuum.code, vacuum.stderr).toBe(0);
    expect(vacuum.stdout).toMatch(/^vacuumed .* -> \d+ bytes$/m);
  });
});
