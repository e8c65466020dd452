/**
 * The built daemon with shared credentials against the fake GitHub API: a GitHub App polling with
 * no personal token anywhere (key from a file), a token credential that expires soon (warning,
 * status, gauge) and a revoked one behind several repositories (one failing credential), and none
 * of the secrets in argv, answers, logs or the database.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { assertBuilt } from '../cli/run-cli.js';
import { tempConfig, type E2eConfig } from './config.js';
import { eventually, spawnDaemon, type DaemonProcess } from './daemon-process.js';
import { filesUnder } from '../helpers/files-under.js';

const DAY = 86_400_000;
const GOOD = 'canary-good-token-51c0ffee';
const REVOKED = 'canary-revoked-token-9badbeef';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const KEY_MARK = keys.privateKey.split('\n')[5];

let github: FakeGithub;
let listener: FakeEventListener;
let cfg: E2eConfig;
let daemon: DaemonProcess;
let base: string;
const answers: string[] = [];

async function get(path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`);
  const text = await res.text();
  answers.push(text);
  return JSON.parse(text) as Record<string, unknown>;
}

beforeAll(async () => {
  assertBuilt();
  const expiry = new Date(Date.now() + 3 * DAY).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
  github = await startFakeGithub({ token: GOOD, user: { login: 'ci-bot', scopes: 'repo', expiration: expiry }, app: { appId: 99, publicKey: keys.publicKey, installations: { acme: 5 } } });
  for (const [owner, name] of [['acme', 'api'], ['acme', 'web'], ['team', 'one'], ['old', 'a'], ['old', 'b'], ['old', 'c']]) {
    github.addRepo({ owner, name, branches: { main: '1'.repeat(40) } });
  }
  listener = await startFakeEventListener();
  cfg = tempConfig();
  writeFileSync(join(cfg.dir, 'app.pem'), keys.privateKey, { mode: 0o600 });
  writeFileSync(join(cfg.dir, 'good-token'), `${GOOD}\n`, { mode: 0o600 });
  const api = JSON.stringify(github.url);
  cfg.write({
    listenerUrl: listener.url,
    logFile: true,
    extraTop: `credentials:
  - name: acme-app
    match: { host: github.com, owner: acme }
    github_app: { app_id: 99, private_key_file: app.pem }
  - name: team-token
    match: { host: github.com, owner: team }
    token_file: good-token
  - name: old-token
    match: { host: github.com, owner: old }
    token: \${OLD_TOKEN}
`,
    repositories: [
      { name: 'acme-api', url: 'https://github.com/acme/api', provider: 'github', extra: `    api_base_url: ${api}\n` },
      { name: 'acme-web', url: 'https://github.com/acme/web', provider: 'github', extra: `    api_base_url: ${api}\n` },
      { name: 'team-one', url: 'https://github.com/team/one', provider: 'github', extra: `    api_base_url: ${api}\n` },
      { name: 'old-a', url: 'https://github.com/old/a', provider: 'github', extra: `    api_base_url: ${api}\n` },
      { name: 'old-b', url: 'https://github.com/old/b', provider: 'github', extra: `    api_base_url: ${api}\n` },
      { name: 'old-c', url: 'https://github.com/old/c', provider: 'github', extra: `    api_base_url: ${api}\n` },
    ],
  });
  daemon = spawnDaemon(['run', '-c', cfg.file], { OLD_TOKEN: REVOKED });
  base = `http://127.0.0.1:${await daemon.port()}`;
}, 30_000);

afterAll(async () => {
  if (daemon && daemon.child.exitCode === null) {
    daemon.child.kill('SIGTERM');
    await daemon.exited;
  }
  await github?.close();
  await listener?.close();
  cfg?.remove();
});

describe('daemon with shared credentials', () => {
  it('polls as a GitHub App with installation tokens and a token from a file', async () => {
    await eventually(async () => {
      const repos = (await get('/api/v1/repositories')).repositories as Array<{ name: string; last_status: string | null }>;
      const ok = repos.filter((r) => ['acme-api', 'acme-web', 'team-one'].includes(r.name) && r.last_status === 'ok');
      return ok.length === 3;
    });
    expect(github.app!.issued.length).toBeGreaterThanOrEqual(1);
    expect(github.app!.rejectedJwts).toEqual([]);
  });

  it('reports the revoked credential once, as the cause for its three repositories', async () => {
    const status = await eventually(async () => {
      const s = await get('/api/v1/status');
      const creds = s.credentials as Array<Record<string, unknown>>;
      return creds.find((c) => c.name === 'old-token' && c.state === 'failing') ? creds : undefined;
    });
    expect(status.find((c) => c.name === 'old-token')).toMatchObject({ kind: 'token', repositories: 3, state: 'failing' });
    const repo = ((await get('/api/v1/repositories/old-a')) as { last_error?: string }).last_error;
    expect(repo).toMatch(/^credential old-token was refused: authentication failed \(401\)/);
    await daemon.waitForLog((l) => l.msg.startsWith('credential refused') && l.credential === 'old-token');
    expect(daemon.lines().filter((l) => l.msg.startsWith('credential refused') && l.credential === 'old-token')).toHaveLength(1);
  });

  it('checks credentials at start: an expiring token is a warning, in status and in the gauge', async () => {
    const line = await daemon.waitForLog((l) => l.msg === 'credential expires soon; renew it' && l.credential === 'team-token');
    expect(line.level).toBe(40);
    await daemon.waitForLog((l) => l.msg === 'credential check failed: the repositories using it cannot be polled' && l.credential === 'old-token');
    const creds = (await get('/api/v1/status')).credentials as Array<Record<string, unknown>>;
    const team = creds.find((c) => c.name === 'team-token')!;
    expect(team).toMatchObject({ expiring: true, state: 'ok' });
    expect(Date.parse(team.expires_at as string) - Date.now()).toBeLessThan(3 * DAY);
    const app = creds.find((c) => c.name === 'acme-app')!;
    expect(app.installations).toEqual([expect.objectContaining({ id: 5, owners: ['acme'], refresh_error: null })]);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`^reposentry_credential_expiry_timestamp_seconds\\{credential="team-token"\\} ${Math.floor(Date.parse(team.expires_at as string) / 1000)}$`, 'm'));
  });

  it('keeps every secret out of argv, answers, logs and the database', async () => {
    const cmdline = readFileSync(`/proc/${daemon.child.pid}/cmdline`, 'utf8');
    const issued = github.app!.issued.map((t) => t.token);
    for (const secret of [GOOD, REVOKED, KEY_MARK, ...issued]) {
      expect(cmdline).not.toContain(secret);
      for (const text of answers) expect(text).not.toContain(secret);
      expect(daemon.stdout()).not.toContain(secret);
      expect(daemon.stderr()).not.toContain(secret);
      for (const file of [...filesUnder(join(cfg.dir, 'logs')), ...filesUnder(join(cfg.dir, 'data'))]) {
        expect(readFileSync(file).includes(secret), file).toBe(false);
      }
    }
  });
});
