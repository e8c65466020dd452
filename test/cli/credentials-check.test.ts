/**
 * `reposentry validate --online` and `reposentry credentials check`, the built CLI against the fake
 * GitHub (token and App), GitLab and Gitea APIs: one line per credential, exit 1 when any is unusable.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitea, type FakeGitea } from '../fakes/gitea-api.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { startFakeGitlab, type FakeGitlab } from '../fakes/gitlab-api.js';
import { assertBuilt, runCli } from './run-cli.js';

const DAY = 86_400_000;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const CANARY = 'canary-cred-7d1e0b9a44';

let dir: string;
let github: FakeGithub;
let gitlab: FakeGitlab;
let gitea: FakeGitea;

function githubExpiry(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'reposentry-credcheck-'));
  github = await startFakeGithub({
    token: CANARY,
    user: { login: 'octo-bot', scopes: 'repo, read:org', expiration: githubExpiry(Date.now() + 5 * DAY) },
    app: { appId: 77, publicKey: keys.publicKey, installations: { acme: 11 } },
  });
  gitlab = await startFakeGitlab({ token: 'gl-token', tokenInfo: { scopes: ['read_api', 'read_repository'], expires_at: new Date(Date.now() + 100 * DAY).toISOString().slice(0, 10) } });
  gitea = await startFakeGitea({ token: 'gt-token' });
  writeFileSync(join(dir, 'app.pem'), keys.privateKey, { mode: 0o600 });
  writeFileSync(join(dir, 'gh-token'), `${CANARY}\n`, { mode: 0o600 });
});
afterAll(async () => {
  await Promise.all([github.close(), gitlab.close(), gitea.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function config(name: string, ghToken: string, glToken = 'gl-token'): string {
  const file = join(dir, name);
  writeFileSync(file, `
app: { data_dir: ./data }
credentials:
  - name: gh-ci
    match: { host: github.com, owner: team }
    ${ghToken === 'file' ? 'token_file: gh-token' : `token: ${ghToken}`}
  - name: acme-app
    match: { host: github.com, owner: acme }
    github_app: { app_id: 77, private_key_file: app.pem }
  - name: gitlab-ci
    match: { host: gitlab.example.com }
    token: ${glToken}
repositories:
  - { name: t1, url: https://github.com/team/one, api_base_url: "${github.url}" }
  - { name: t2, url: https://github.com/team/two, api_base_url: "${github.url}" }
  - { name: a1, url: https://github.com/acme/svc, api_base_url: "${github.url}" }
  - { name: g1, url: https://gitlab.example.com/group/app, api_base_url: "${gitlab.url}/api/v4" }
  - { name: e1, url: https://gitea.example.com/org/app, provider: gitea, token: gt-token, api_base_url: "${gitea.url}/api/v1" }
`);
  return file;
}

describe('validate --online', () => {
  it('prints one line per credential with what the provider said, and exits 0 when all are usable', async () => {
    const res = await runCli(['validate', '--online', '-c', config('good.yaml', 'file')]);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/good\.yaml: valid/);
    const byName = (n: string) => lines.find((l) => l.split(/\s+/)[1] === n) ?? '';
    expect(byName('gh-ci')).toMatch(/^WARN {2}gh-ci {2}token, 2 repositories \(t1, t2\) {2}GitHub accepted the token as octo-bot; expires \d{4}-\d\d-\d\d \(in 4 days\): renew it soon; scopes: repo, read:org$/);
    expect(byName('acme-app')).toMatch(/^ok {4}acme-app {2}github-app, 1 repository \(a1\) {2}JWT accepted; installed for acme \(installation 11\)$/);
    expect(byName('gitlab-ci')).toMatch(/^ok {4}gitlab-ci {2}token, 1 repository \(g1\) {2}GitLab accepted the token; expires .* \(in 99 days\); scopes: read_api, read_repository$/);
    expect(lines.find((l) => l.includes('repository-token'))).toMatch(/^ok {4}token:[0-9a-f]{12} {2}repository-token, 1 repository \(e1\) {2}Gitea accepted the token as reposentry-bot$/);
    expect(lines).toHaveLength(5);
    expect(res.stdout + res.stderr).not.toContain(CANARY);
    expect(github.app!.rejectedJwts).toEqual([]);
  });

  it('exits 1 naming the refused token; the other credentials still check', async () => {
    const res = await runCli(['validate', '--online', '-c', config('bad.yaml', 'revoked-token', 'gl-token')]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^FAIL {2}gh-ci {2}token, 2 repositories \(t1, t2\) {2}refused \(401\): .*Bad credentials$/m);
    expect(res.stdout).toMatch(/^ok {4}acme-app /m);
  });

  it('exits 1 when the App is not installed for an owner it serves', async () => {
    github.app!.setInstallation('acme', undefined);
    try {
      const res = await runCli(['credentials', 'check', '--json', '-c', config('noapp.yaml', 'file')]);
      expect(res.code).toBe(1);
      const doc = JSON.parse(res.stdout) as { credentials: Array<{ name: string; ok: boolean; message: string }> };
      const app = doc.credentials.find((c) => c.name === 'acme-app')!;
      expect(app.ok).toBe(false);
      expect(app.message).toMatch(/^JWT accepted; GitHub App 77 is not installed for acme/);
      expect(doc.credentials.filter((c) => !c.ok).map((c) => c.name)).toEqual(['acme-app']);
    } finally {
      github.app!.setInstallation('acme', 11);
    }
  });

  it('validate without --online asks no provider', async () => {
    const before = github.count();
    const res = await runCli(['validate', '-c', config('offline.yaml', 'revoked-token')]);
    expect(res.code).toBe(0);
    expect(github.count()).toBe(before);
  });
});

describe('GitLab token self-inspection', () => {
  it('reports a token without read_api (or api) as unusable', async () => {
    const weak = await startFakeGitlab({ token: 'weak', tokenInfo: { scopes: ['read_repository'], expires_at: null } });
    try {
      const file = join(dir, 'gl.yaml');
      writeFileSync(file, `
repositories:
  - { name: g1, url: https://gitlab.example.com/group/app, token: weak, api_base_url: "${weak.url}/api/v4" }
`);
      const res = await runCli(['credentials', 'check', '-c', file]);
      expect(res.code).toBe(1);
      expect(res.stdout.trim()).toMatch(/^FAIL {2}token:[0-9a-f]{12} {2}repository-token, 1 repository \(g1\) {2}GitLab accepted the token, but it cannot read the API \(needs read_api or api\); scopes: read_repository; missing scopes: read_api$/);
    } finally {
      await weak.close();
    }
  });
});

describe('a provider answer that repeats the credential', () => {
  it('never prints the token, nor its header, in the reason (JSON and text)', async () => {
    // some proxies and servers quote the request's Authorization header in their error bodies
    const echo = createServer((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `Bad credentials: ${req.headers.authorization ?? ''} ${req.headers['private-token'] ?? ''}` }));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    try {
      writeFileSync(join(dir, 'echo-token'), `${CANARY}-echo\n`, { mode: 0o600 });
      const file = join(dir, 'echo.yaml');
      writeFileSync(file, `
credentials:
  - { name: gh, match: { host: github.com }, token_file: echo-token }
  - { name: gl, match: { host: gitlab.example.com }, token: ${CANARY}-gl }
repositories:
  - { name: a, url: https://github.com/acme/a, api_base_url: "${base}" }
  - { name: b, url: https://gitlab.example.com/acme/b, api_base_url: "${base}/api/v4" }
`);
      for (const args of [['credentials', 'check', '--json', '-c', file], ['validate', '--online', '-c', file]]) {
        const res = await runCli(args);
        expect(res.code).toBe(1);
        expect(res.stdout).toMatch(/Bad credentials/);
        expect(res.stdout + res.stderr).not.toContain(CANARY);
      }
    } finally {
      await new Promise<void>((resolve) => echo.close(() => resolve()));
    }
  });
});
