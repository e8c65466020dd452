/**
 * One daemon, spawned from the built CLI, against the fakes: change refs and see the events arrive,
 * watch it with status/events/curl, nudge it by webhook, reload it (bad, then good), stop it, and
 * grep everything it wrote or answered for a canary secret.
 */
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { assertBuilt, runCli } from '../cli/run-cli.js';
import { json } from '../api/helpers.js';
import { tempConfig, type ConfigOptions, type E2eConfig } from './config.js';
import { eventually, spawnDaemon, type DaemonProcess } from './daemon-process.js';
import { filesUnder } from '../helpers/files-under.js';

const CANARY = 'canary-0f9d2c7be41a55e3';
const SHA1 = '1111111111111111111111111111111111111111';
const SHA2 = '2222222222222222222222222222222222222222';

let git: GitServer;
let listener: FakeEventListener;
let github: FakeGithub;
let cfg: E2eConfig;
let options: ConfigOptions;
let daemon: DaemonProcess;
let base: string;
const answers: string[] = [];

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${CANARY}`, ...(init.headers ?? {}) } });
  answers.push(await res.clone().text());
  return res;
}

beforeAll(async () => {
  assertBuilt();
  git = await startGitServer();
  await git.createRepo('acme/svc');
  await git.createRepo('acme/extra');
  await git.commit('acme/svc', 'main', 'first');
  await git.commit('acme/extra', 'main', 'first');
  listener = await startFakeEventListener();
  github = await startFakeGithub({ token: CANARY });
  github.addRepo({ owner: 'acme', name: 'api', branches: { main: SHA1 } });
  cfg = tempConfig();
  options = {
    listenerUrl: listener.url,
    logFile: true,
    authToken: '${API_TOKEN}',
    githubSecret: '${HOOK_SECRET}',
    repositories: [
      { name: 'svc', url: git.url('acme/svc') },
      { name: 'gh', url: 'https://github.com/acme/api', provider: 'github', extra: `    api_base_url: ${github.url}\n    token: \${GITHUB_TOKEN}\n` },
    ],
  };
  cfg.write(options);
  daemon = spawnDaemon(['run', '-c', cfg.file], { GITHUB_TOKEN: CANARY, API_TOKEN: CANARY, HOOK_SECRET: CANARY });
  base = `http://127.0.0.1:${await daemon.port()}`;
});

afterAll(async () => {
  if (daemon && daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  await Promise.all([git?.close(), listener?.close(), github?.close()]);
});

describe('a running daemon', () => {
  it('becomes ready and delivers a pushed commit to the EventListener', async () => {
    await eventually(async () => (await api('/ready')).status === 200);
    await daemon.waitForLog((l) => l.msg === 'baseline recorded' && l.repo === 'svc');
    const sha = await git.commit('acme/svc', 'main', 'second');
    const req = await eventually(() => listener.requests.find((r) => r.headers['ce-type'] === 'dev.reposentry.repository.branch_updated' && JSON.parse(r.body).commit.sha === sha));
    expect(JSON.parse(req.body).branch.name).toBe('main');
  });

  it('polls the GitHub fake with the token and delivers a new branch', async () => {
    await daemon.waitForLog((l) => l.msg === 'baseline recorded' && l.repo === 'gh');
    github.setBranch('acme', 'api', 'feature', SHA2);
    await eventually(() => listener.requests.find((r) => r.headers['ce-type'] === 'dev.reposentry.repository.branch_created' && JSON.parse(r.body).branch.name === 'feature'));
  });

  it('answers status through the CLI, and refuses it without the token', async () => {
    const ok = await runCli(['status', '--url', base], { env: { REPOSENTRY_API_TOKEN: CANARY } });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^svc\s+ls-remote\s+\d{4}-/m);
    expect(ok.stdout).toMatch(/^gh\s+api\s+/m);
    expect(ok.stdout).toContain('queue:');
    const json = await runCli(['status', '--url', base, '--json'], { env: { REPOSENTRY_API_TOKEN: CANARY } });
    expect(JSON.parse(json.stdout).repositories.map((r: { name: string }) => r.name)).toEqual(['svc', 'gh']);
    answers.push(ok.stdout, json.stdout);
    const denied = await runCli(['status', '--url', base]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('HTTP 401');
    const unreachable = await runCli(['status', '--url', 'http://127.0.0.1:9']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('cannot reach the reposentry daemon at http://127.0.0.1:9');
  });

  it('lists, shows and redelivers events through the CLI', async () => {
    const env = { REPOSENTRY_API_TOKEN: CANARY };
    const list = await runCli(['events', 'list', '--url', base, '--repo', 'svc', '--json'], { env });
    expect(list.code, list.stderr).toBe(0);
    const events = JSON.parse(list.stdout).events as Array<{ id: string; type: string; status: string }>;
    expect(events[0]).toMatchObject({ type: 'branch_updated', status: 'delivered' });
    const table = await runCli(['events', 'list', '--url', base, '--limit', '5'], { env });
    expect(table.stdout).toContain(events[0].id);
    const show = await runCli(['events', 'show', events[0].id.slice(0, 8), '--url', base], { env });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^tekton\s+delivered\s+1\s+202/m);
    const before = listener.requests.filter((r) => r.headers['ce-id'] === events[0].id).length;
    const redeliver = await runCli(['events', 'redeliver', events[0].id, '--url', base], { env });
    expect(redeliver.stdout).toContain('re-queued 1 delivery');
    await eventually(() => listener.requests.filter((r) => r.headers['ce-id'] === events[0].id).length === before + 1);
    const missing = await runCli(['events', 'show', 'nope', '--url', base], { env });
    expect(missing.code).toBe(1);
    const none = await runCli(['events', 'list', '--url', base, '--type', 'tag_deleted'], { env });
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('no events match (type tag_deleted)\n');
    answers.push(list.stdout, table.stdout, show.stdout);
  });

  it('polls on a verified GitHub webhook, and answers 401 to a forged one', async () => {
    const body = JSON.stringify({ repository: { html_url: 'https://github.com/acme/api' } });
    const sig = `sha256=${createHmac('sha256', CANARY).update(body).digest('hex')}`;
    const forged = await api('/webhooks/github', { method: 'POST', body, headers: { 'x-hub-signature-256': 'sha256=00' } });
    expect(forged.status).toBe(401);
    const good = await api('/webhooks/github', { method: 'POST', body, headers: { 'x-hub-signature-256': sig } });
    expect(good.status).toBe(202);
    expect(await good.json()).toEqual({ matched: ['gh'] });
  });

  it('exposes Prometheus metrics of polls, changes and deliveries', async () => {
    const text = await (await api('/metrics')).text();
    expect(text).toMatch(/reposentry_polls_total\{repository="svc",provider="git",result="\w+"\} \d+/);
    expect(text).toMatch(/reposentry_ref_changes_total\{type="branch_updated"\} [1-9]/);
    expect(text).toMatch(/reposentry_deliveries_total\{target="tekton",result="delivered"\} [1-9]/);
    expect(text).toContain('reposentry_delivery_queue_depth');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('keeps running on SIGHUP with an invalid config and logs the error', async () => {
    writeFileSync(cfg.file, 'polling:\n  interval: whenever\nrepositories: []\n');
    daemon.child.kill('SIGHUP');
    const line = await daemon.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('config reload rejected:'));
    expect(line.msg).toContain('polling.interval');
    expect((await api('/health')).status).toBe(200);
    expect((await json(api('/api/v1/repositories'))).repositories).toHaveLength(2);
  });

  it('applies a valid config edit on disk: a repository is added', async () => {
    cfg.write({ ...options, repositories: [...options.repositories, { name: 'extra', url: git.url('acme/extra') }] });
    await eventually(async () => {
      const body = await json(api('/api/v1/repositories'));
      return body.repositories.some((r: { name: string; last_poll_at: string | null }) => r.name === 'extra' && r.last_poll_at);
    });
    const reloaded = await daemon.waitForLog((l) => l.msg === 'config reloaded' && Array.isArray(l.added) && (l.added as string[]).includes('extra'));
    expect(reloaded.removed).toEqual([]);
  });

  it('never shows the canary secret in argv, answers, logs, the log file or the database', async () => {
    for (const path of ['/api/v1/status', '/api/v1/repositories', '/api/v1/repositories/gh', '/api/v1/events', '/api/v1/openapi.json']) {
      expect((await api(path)).status).toBe(200);
    }
    const events = (await json(api('/api/v1/events'))).events as Array<{ id: string }>;
    expect((await api(`/api/v1/events/${events[0].id}`)).status).toBe(200);
    expect((await api('/api/v1/repositories/gh/poll', { method: 'POST' })).status).toBe(202);
    expect((await fetch(`${base}/api/v1/status`)).status).toBe(401);
    const cmdline = readFileSync(`/proc/${daemon.child.pid}/cmdline`, 'utf8');
    expect(cmdline).toContain('run');
    expect(cmdline).not.toContain(CANARY);
    for (const text of answers) expect(text).not.toContain(CANARY);
    expect(daemon.stdout()).not.toContain(CANARY);
    expect(daemon.stderr()).not.toContain(CANARY);
    const logs = filesUnder(join(cfg.dir, 'logs'));
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.map((f) => readFileSync(f, 'utf8')).join('')).toContain('reposentry ready');
    const data = filesUnder(join(cfg.dir, 'data'));
    expect(data.some((f) => f.endsWith('.db'))).toBe(true);
    for (const file of [...logs, ...data]) expect(readFileSync(file).includes(CANARY), file).toBe(false);
  });

  it('stops on SIGTERM with exit 0', async () => {
    daemon.child.kill('SIGTERM');
    const code = await daemon.exited;
    expect(code, daemon.stderr().slice(-3000)).toBe(0);
    await daemon.waitForLog((l) => l.msg === 'stopped');
  });
});
