import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { assertBuilt, runCli } from '../cli/run-cli.js';
import { configText, tempConfig } from './config.js';

let git: GitServer;
let listener: FakeEventListener;

beforeAll(async () => {
  assertBuilt();
  git = await startGitServer();
  await git.createRepo('acme/svc');
  await git.commit('acme/svc', 'main', 'first');
  listener = await startFakeEventListener();
});
afterAll(async () => {
  await git?.close();
  await listener?.close();
});

describe('run --once', () => {
  it('exits 0 when every poll and delivery succeeded, after delivering the events', async () => {
    const cfg = tempConfig();
    cfg.write({ listenerUrl: listener.url, emitOnFirstPoll: true, repositories: [{ name: 'svc', url: git.url('acme/svc') }] });
    const before = listener.requests.length;
    const run = await runCli(['run', '--once', '-c', cfg.file]);
    expect(run.stderr).not.toContain('    at ');
    expect(run.code, run.stderr).toBe(0);
    const got = listener.requests.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0].headers['ce-type']).toBe('dev.reposentry.repository.branch_created');
    // a second run finds nothing new and still succeeds
    expect((await runCli(['run', '--once', '-c', cfg.file])).code).toBe(0);
    expect(listener.requests.length).toBe(before + 1);
  });

  it('exits 1 when a delivery is dead-lettered', async () => {
    const cfg = tempConfig();
    cfg.write({ listenerUrl: listener.url, emitOnFirstPoll: true, repositories: [{ name: 'svc', url: git.url('acme/svc') }] });
    listener.next({ kind: 'status', status: 400, body: 'nope' });
    const run = await runCli(['run', '--once', '-c', cfg.file]);
    expect(run.code, run.stderr).toBe(1);
  });

  it('exits 1, saying why, when a new event waits behind an older delivery on a far-off retry', async () => {
    await git.createRepo('acme/held');
    await git.commit('acme/held', 'main', 'first');
    const cfg = tempConfig();
    cfg.write({ listenerUrl: listener.url, emitOnFirstPoll: true, retryAttempts: 10, repositories: [{ name: 'held', url: git.url('acme/held') }] });
    // the first run's delivery is told to come back in an hour (capped at 5 minutes: still past the drain)
    listener.next({ kind: 'retry-after', seconds: 3600, status: 503 });
    const first = await runCli(['run', '--once', '-c', cfg.file]);
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toMatch(/run --once: 1 delivery of this run's events not delivered \(held refs\/heads\/main → tekton next attempt \S+, last answer HTTP 503\)/);

    await git.commit('acme/held', 'main', 'second');
    const before = listener.requests.length;
    const second = await runCli(['run', '--once', '-c', cfg.file]);
    // the new event was detected but never sent: it is held behind the first one
    expect(listener.requests.length).toBe(before);
    expect(second.code, second.stderr).toBe(1);
    const summary = second.stderr.split('\n').filter((l) => l.startsWith('run --once:'));
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatch(/1 delivery of this run's events not delivered \(held refs\/heads\/main → tekton waits behind an older delivery of the same ref and target \(its next attempt \S+\)\)/);
  });

  it('exits 1 when a poll fails, logging the failure once, with progress and a summary on stderr', async () => {
    const cfg = tempConfig();
    cfg.write({ listenerUrl: listener.url, emitOnFirstPoll: true, repositories: [{ name: 'gone', url: git.url('acme/does-not-exist') }, { name: 'svc', url: git.url('acme/svc') }] });
    const run = await runCli(['run', '--once', '-c', cfg.file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const failures = lines.filter((l) => l.msg === 'poll failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ repo: 'gone', reason: expect.stringContaining('acme/does-not-exist') });
    // what is watched, at info, before anything else happens
    expect(lines.filter((l) => l.msg === 'watching repository').map((l) => [l.repo, l.provider, l.method])).toEqual([['gone', 'git', 'ls-remote'], ['svc', 'git', 'ls-remote']]);
    expect(lines.find((l) => l.msg === 'delivery target')).toMatchObject({ target: 'tekton', format: 'cloudevents' });
    expect(lines.find((l) => l.msg === 'run --once: polled; delivering')).toMatchObject({ polled: 2, total: 2, failed: 1, events: 1 });
    expect(lines.find((l) => String(l.msg).startsWith('run --once finished'))).toMatchObject({ ok: false, polls: 2, failedPolls: 1, events: 1, delivered: 1, dead: 0 });
    // and the CLI's one-line summary names the failed poll
    expect(run.stderr.split('\n').filter((l) => l.startsWith('run --once:'))).toEqual([expect.stringContaining('1 poll failed (gone: ')]);
    cfg.remove();
  });

  it('a poll that does not answer in time fails naming the URL that did not answer', async () => {
    await git.createRepo('acme/slow');
    await git.commit('acme/slow', 'main', 'first');
    git.misbehave('acme/slow', 'hang');
    const cfg = tempConfig();
    cfg.write({ listenerUrl: listener.url, repositories: [{ name: 'slow', url: git.url('acme/slow') }] });
    try {
      const run = await runCli(['run', '--once', '-c', cfg.file]);
      expect(run.code).toBe(1);
      const failure = run.stderr.split('\n').filter((l) => l.includes('"msg":"poll failed"'));
      expect(failure).toHaveLength(1);
      expect(failure[0]).toContain(git.url('acme/slow'));
      expect(failure[0]).toMatch(/timed out|took longer/);
    } finally {
      git.misbehave('acme/slow', undefined);
      cfg.remove();
    }
  });

  it('exits 2 with the problems in validate format for an invalid config', async () => {
    const cfg = tempConfig();
    writeFileSync(cfg.file, 'polling:\n  interval: soon\nrepositories: []\n');
    const run = await runCli(['run', '--once', '-c', cfg.file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${cfg.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+  polling\\.interval  `));
    expect(run.stderr).not.toContain('    at ');
  });
});

describe('startup errors', () => {
  let blocker: Server;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => blocker.close(() => r())));

  it('a port in use is one clear line and exit 1', async () => {
    const port = (blocker.address() as { port: number }).port;
    const cfg = tempConfig();
    cfg.write({ listenerUrl: listener.url, port, repositories: [{ name: 'svc', url: git.url('acme/svc') }] });
    const run = await runCli(['run', '-c', cfg.file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`reposentry: port ${port} on 127.0.0.1 is in use: set app.health_check_port or stop the other process`);
    expect(run.stderr).not.toContain('    at ');
  });

  it('an unusable data_dir is one clear line and exit 1', async () => {
    const cfg = tempConfig();
    const file = join(cfg.dir, 'a-file');
    writeFileSync(file, '');
    writeFileSync(
      cfg.file,
      configText(cfg.dir, { listenerUrl: listener.url, repositories: [{ name: 'svc', url: git.url('acme/svc') }] }).replace(
        /data_dir: .*/,
        `data_dir: ${JSON.stringify(join(file, 'data'))}`,
      ),
    );
    const run = await runCli(['run', '--once', '-c', cfg.file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/reposentry: app\.data_dir .* is not writable/);
    expect(run.stderr).not.toContain('    at ');
  });
});
