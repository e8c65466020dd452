/**
 * The database file deleted under a running daemon (the built CLI, a real git server, real SQLite):
 * /ready turns 503 and says why, polling stops, the pending delivery still goes out from the open
 * file, and the next start refuses the missing database unless --accept-empty-db is given.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { assertBuilt, runCli } from '../cli/run-cli.js';
import { tempConfig, type E2eConfig } from './config.js';
import { eventually, spawnDaemon, type DaemonProcess } from './daemon-process.js';

let git: GitServer;
let listener: FakeEventListener;
let cfg: E2eConfig;
let daemon: DaemonProcess | undefined;
let dbPath: string;

beforeAll(async () => {
  assertBuilt();
  git = await startGitServer();
  await git.createRepo('acme/svc');
  await git.commit('acme/svc', 'main', 'first');
  listener = await startFakeEventListener({ default: { kind: 'status', status: 503 } });
  cfg = tempConfig();
  cfg.write({ listenerUrl: listener.url, retryAttempts: 100, repositories: [{ name: 'svc', url: git.url('acme/svc') }] });
  dbPath = join(cfg.dir, 'data', 'reposentry.db');
});

afterAll(async () => {
  if (daemon && daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  await Promise.all([git?.close(), listener?.close()]);
});

describe('a database deleted while the daemon runs', () => {
  it('turns /ready 503, stops polling, and still sends the pending delivery from the open file', async () => {
    daemon = spawnDaemon(['run', '-c', cfg.file], {});
    const base = `http://127.0.0.1:${await daemon.port()}`;
    await daemon.waitForLog((l) => l.msg === 'baseline recorded' && l.repo === 'svc');
    expect(existsSync(`${dbPath}.marker`)).toBe(true);
    const sha = await git.commit('acme/svc', 'main', 'second');
    await daemon.waitForLog((l) => l.msg === 'ref changed' && l.after === sha);
    await eventually(() => listener.requests.length > 0);
    expect((await fetch(`${base}/ready`)).status).toBe(200);

    rmSync(dbPath);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { checks: Array<{ name: string; ok: boolean; detail?: string }> };
    expect(body.checks.find((c) => c.name === 'storage')).toMatchObject({ ok: false, detail: 'database file missing: polling stopped' });
    await daemon.waitForLog((l) => l.level === 50 && l.msg.startsWith('database file deleted or replaced while running'));
    await daemon.waitForLog((l) => l.msg === 'scheduler stopped');

    // the receiver comes back: the delivery queued before the deletion is not lost
    listener.setDefault({ kind: 'accept' });
    const sent = await eventually(() => listener.requests.find((r) => r.behaviour === 'accept' && JSON.parse(r.body).commit.sha === sha));
    expect(sent.headers['ce-type']).toBe('dev.reposentry.repository.branch_updated');
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });

  it('refuses the next start on the missing database unless --accept-empty-db is given', async () => {
    expect(existsSync(dbPath)).toBe(false);
    const refused = await runCli(['run', '-c', cfg.file, '--once']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`database ${dbPath} is missing`);
    expect(refused.stderr).toContain('--accept-empty-db');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(dbPath)).toBe(false);

    const accepted = await runCli(['run', '-c', cfg.file, '--once', '--accept-empty-db']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stderr).toContain('starting with an empty one as accepted');
    expect(existsSync(dbPath)).toBe(true);
  });
});
