/**
 * Repository URLs as users write them, through the built daemon: credentials in the URL poll a git
 * server that requires them, and a canary in them is found nowhere that leaves the process (API
 * answers, payloads of every format, the log target, log lines, metrics, the database, argv); a
 * single-segment plain git URL polls, and its payloads carry an owner/name full name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../api/helpers.js';
import { assertBuilt, runCli } from '../cli/run-cli.js';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { tempConfig, type E2eConfig } from './config.js';
import { eventually, spawnDaemon, type DaemonProcess } from './daemon-process.js';
import { filesUnder } from '../helpers/files-under.js';

const CANARY = 'canary-userinfo-7c1e93b0d2';

let git: GitServer;
let listener: FakeEventListener;
let cfg: E2eConfig;
let daemon: DaemonProcess;
let base: string;
let credsUrl: string;
const answers: string[] = [];

async function api(path: string): Promise<Response> {
  const res = await fetch(`${base}${path}`);
  answers.push(await res.clone().text());
  return res;
}

beforeAll(async () => {
  assertBuilt();
  git = await startGitServer();
  await git.createRepo('acme/creds');
  git.requireToken('acme/creds', CANARY);
  await git.commit('acme/creds', 'main', 'first');
  await git.createRepo('single');
  await git.commit('single', 'main', 'first');
  listener = await startFakeEventListener();
  credsUrl = git.url('acme/creds').replace('http://', `http://x-access-token:${CANARY}@`);
  cfg = tempConfig();
  cfg.write({
    listenerUrl: listener.url,
    emitOnFirstPoll: true,
    extraTop: [
      'triggers:',
      `  - { name: gh, url: ${JSON.stringify(`${listener.url.replace(/\/$/, '')}/github`)}, format: github, retry_attempts: 1 }`,
      `  - { name: gl, url: ${JSON.stringify(`${listener.url.replace(/\/$/, '')}/gitlab`)}, format: gitlab, retry_attempts: 1 }`,
      '  - { name: out, format: log }',
      '',
    ].join('\n'),
    repositories: [
      { name: 'creds', url: credsUrl },
      { name: 'single', url: git.url('single') },
    ],
  });
  daemon = spawnDaemon(['run', '-c', cfg.file], {});
  base = `http://127.0.0.1:${await daemon.port()}`;
});

afterAll(async () => {
  if (daemon && daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  await Promise.all([git?.close(), listener?.close()]);
});

describe('repository URLs through the daemon', () => {
  it('validate accepts both URLs and warns that a token key is the better place for credentials', async () => {
    const r = await runCli(['validate', '-c', cfg.file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain(CANARY);
    const out = JSON.parse(r.stdout) as { valid: boolean; warnings: Array<{ path: string; message: string }> };
    expect(out.valid).toBe(true);
    expect(out.warnings.find((w) => w.path === 'repositories[0].url')?.message).toMatch(/credentials.*token/);
  });

  it('polls with the credentials of the URL and delivers both repositories in every format', async () => {
    // 2 repositories × (cloudevents, github, gitlab)
    const requests = await listener.waitForRequests(6, 30_000);
    expect(git.authHeaders.some((h) => h === `Basic ${Buffer.from(`x-access-token:${CANARY}`).toString('base64')}`)).toBe(true);
    // payload bodies, read loosely: each format is validated by its own tests
    type Body = { repository: { full_name: string; name: string; organization: string; clone_url: string }; project: { path_with_namespace: string } };
    const bodies = requests.map((r) => ({ path: r.path, body: JSON.parse(r.body) as Body }));
    const ce = bodies.filter((b) => b.path === '/').map((b) => b.body);
    expect(ce.map((b) => b.repository.full_name).sort()).toEqual(['127.0.0.1/single', 'acme/creds']);
    const single = ce.find((b) => b.repository.name === 'single')!;
    expect(single.repository).toMatchObject({ organization: '127.0.0.1', name: 'single', clone_url: git.url('single') });
    const creds = ce.find((b) => b.repository.name === 'creds')!;
    expect(creds.repository.clone_url).toBe(git.url('acme/creds'));
    const gh = bodies.filter((b) => b.path === '/github').map((b) => b.body);
    expect(gh.map((b) => b.repository.full_name).sort()).toEqual(['127.0.0.1/single', 'acme/creds']);
    const gl = bodies.filter((b) => b.path === '/gitlab').map((b) => b.body);
    expect(gl.map((b) => b.project.path_with_namespace).sort()).toEqual(['127.0.0.1/single', 'acme/creds']);
  });

  it('never shows the credentials in API answers, payloads, the log target, logs, metrics, the database or argv', async () => {
    const repos = (await json(api('/api/v1/repositories'))).repositories as Array<{ name: string; url: string; last_status: string }>;
    expect(repos.find((r) => r.name === 'creds')).toMatchObject({ url: git.url('acme/creds'), last_status: 'ok' });
    for (const path of ['/api/v1/status', '/api/v1/repositories/creds', '/api/v1/repositories/single', '/metrics', '/']) {
      expect((await api(path)).status, path).toBeLessThan(400);
    }
    const events = (await json(api('/api/v1/events'))).events as Array<{ id: string; repository_url: string }>;
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const e of events) expect((await api(`/api/v1/events/${e.id}`)).status).toBe(200);
    await eventually(() => daemon.stdout().split('\n').filter((l) => l.trim()).length >= 2);

    for (const text of answers) expect(text).not.toContain(CANARY);
    for (const r of listener.requests) expect(JSON.stringify(r.headers) + r.body).not.toContain(CANARY);
    expect(daemon.stdout()).not.toContain(CANARY);
    expect(daemon.stderr()).not.toContain(CANARY);
    expect(readFileSync(`/proc/${daemon.child.pid}/cmdline`, 'utf8')).not.toContain(CANARY);
    for (const file of filesUnder(join(cfg.dir, 'data'))) expect(readFileSync(file).includes(CANARY), file).toBe(false);
  });
});
