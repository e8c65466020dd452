/**
 * A GitHub App credential end to end through the real config loader, HTTP client and provider
 * registry, against the fake GitHub API that verifies the App's JWT with its public key and issues
 * short-lived installation tokens. Time is a hand-driven clock shared by reposentry and the fake.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import type { Config, RepositoryConfig } from '../../src/config/types.js';
import { createCredentialManager, type CredentialManager } from '../../src/credentials/manager.js';
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClient } from '../../src/http/types.js';
import type { Logger } from '../../src/log.js';
import { createProviderRegistry, type ProviderRegistry } from '../../src/providers/registry.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { fakeClock, type FakeClock } from '../poller/helpers.js';

const APP_ID = 4242;
const MIN = 60_000;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

let dir: string;
let fake: FakeGithub;
let clock: FakeClock;
let http: HttpClient;
let manager: CredentialManager;
let providers: ProviderRegistry;
let config: Config;
let logLines: Array<Record<string, unknown>>;

function capturingLogger(): Logger {
  logLines = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return pino({ level: 'info' }, sink);
}

async function setup(privateKey: string, extra = ''): Promise<void> {
  writeFileSync(join(dir, 'app.pem'), privateKey, { mode: 0o600 });
  const r = await loadConfigText(`
credentials:
  - name: acme-app
    match: { host: github.com }
    github_app: { app_id: ${APP_ID}, private_key_file: app.pem${extra} }
repositories:
  - { name: a, url: https://github.com/acme/a, api_base_url: "${fake.url}" }
  - { name: b, url: https://github.com/acme/b, api_base_url: "${fake.url}" }
  - { name: c, url: https://github.com/other/c, api_base_url: "${fake.url}" }
`, join(dir, 'config.yaml'), { env: {} });
  expect(r.errors).toEqual([]);
  config = r.config!;
  const log = capturingLogger();
  http = createHttpClient({ timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 1, log });
  manager = createCredentialManager({ config, http: () => http, clock, log, refreshBeforeMs: 5 * MIN, retryBaseMs: 10_000 });
  providers = createProviderRegistry({ http, git: { timeoutMs: 5_000 }, log, enableApiFallback: false, credentials: manager });
}

function repo(name: string): RepositoryConfig {
  return config.repositories.find((r) => r.name === name)!;
}

function list(name: string) {
  return providers.get('github').listRefs(repo(name), { includeTags: false, state: {} });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reposentry-app-'));
  clock = fakeClock(Date.parse('2026-11-30T00:00:00Z'));
  fake = await startFakeGithub({ app: { appId: APP_ID, publicKey: keys.publicKey, installations: { acme: 11, other: 22 }, tokenTtlMs: 60 * MIN, now: clock.now } });
  fake.addRepo({ owner: 'acme', name: 'a', branches: { main: '1'.repeat(40) } });
  fake.addRepo({ owner: 'acme', name: 'b', branches: { main: '2'.repeat(40) } });
  fake.addRepo({ owner: 'other', name: 'c', branches: { main: '3'.repeat(40) } });
});
afterEach(async () => {
  manager?.close();
  await http?.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GitHub App credential', () => {
  it('lists with an installation token per owner; the fake verified the JWT; budgets are per installation', async () => {
    await setup(keys.privateKey);
    expect(repo('a')).toMatchObject({ credential: 'acme-app', budgetId: 'app-acme-app-acme' });
    expect(repo('a').token).toBeUndefined();
    const [a, b, c] = await Promise.all([list('a'), list('b'), list('c')]);
    expect(a.branches).toEqual([{ kind: 'branch', name: 'main', sha: '1'.repeat(40) }]);
    expect(b.branches).not.toBe('unchanged');
    expect(c.branches).toEqual([{ kind: 'branch', name: 'main', sha: '3'.repeat(40) }]);
    expect(fake.app!.rejectedJwts).toEqual([]);
    // one token per installation, shared by the two acme repositories polled at once
    expect(fake.app!.issued.map((t) => t.installation).sort()).toEqual([11, 22]);
    const host = new URL(fake.url).host;
    const keysSeen = http.budgets().map((x) => x.key);
    expect(keysSeen).toEqual(expect.arrayContaining([`${host}#app-acme-app-acme`, `${host}#app-acme-app-other`, `${host}#app-acme-app`]));
    const status = manager.status().find((s) => s.name === 'acme-app')!;
    expect(status).toMatchObject({ kind: 'github-app', repositories: 3, state: 'ok' });
    expect(status.installations?.map((i) => [i.id, i.owners])).toEqual([[11, ['acme']], [22, ['other']]]);
  });

  it('refreshes the token in the background before it expires; polls never use an expired token', async () => {
    await setup(keys.privateKey);
    await list('a');
    const first = fake.app!.issued[0];
    await list('a');
    expect(fake.app!.issued).toHaveLength(1);
    // 55 minutes: the refresh timer (5 minutes before expiry) fires, with no poll asking
    await clock.advance(55 * MIN);
    await vi.waitFor(() => expect(fake.app!.issued).toHaveLength(2));
    const second = fake.app!.issued[1];
    expect(second.token).not.toBe(first.token);
    await clock.advance(10 * MIN); // the first token has expired by now
    await list('a');
    await list('b');
    expect(fake.app!.issued).toHaveLength(2);
    expect(fake.app!.expiredUses).toBe(0);
    expect(manager.status().find((s) => s.name === 'acme-app')!.installations![0].expiresAt).toBe(second.expiresAt);
  });

  it('a failing refresh is retried with backoff and shown in status before the old token expires', async () => {
    await setup(keys.privateKey, ', installation_id: 11');
    await list('a');
    expect(repo('c').budgetId).toBe('app-acme-app-11');
    fake.failNext(3, { kind: 'status', status: 502 }, 'access_tokens');
    await clock.advance(55 * MIN);
    const inst = () => manager.status().find((s) => s.name === 'acme-app')!.installations![0];
    await vi.waitFor(() => expect(inst().refreshFailures).toBeGreaterThanOrEqual(1));
    expect(inst().refreshError).toMatch(/server error \(502\)/);
    expect(inst().expiresAt! > clock.now()).toBe(true);
    expect(logLines.some((l) => l.msg === 'installation token refresh failed; retrying')).toBe(true);
    // polls keep working with the old token meanwhile
    await list('a');
    // the retries (10 s, 20 s, 40 s…) get through once the provider answers again
    for (let i = 0; i < 6 && inst().refreshError !== undefined; i++) {
      await clock.advance(MIN);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(inst().refreshError).toBeUndefined();
    expect(inst().refreshFailures).toBe(0);
    expect(fake.app!.issued).toHaveLength(2);
    expect(fake.app!.expiredUses).toBe(0);
  });

  it('after the old token expired with every refresh failing, a poll fails naming the cause (no expired token is sent)', async () => {
    await setup(keys.privateKey);
    await list('a');
    fake.app!.setInstallation('acme', undefined);
    fake.app!.setInstallation('moved', 999);
    await clock.advance(61 * MIN);
    await expect(list('a')).rejects.toThrow(/acme-app: the installation token of installation 11 expired and refreshing it fails: .*404/);
    expect(fake.app!.expiredUses).toBe(0);
  });

  it('a JWT signed with another key is refused by the fake, and the poll says so', async () => {
    await setup(otherKeys.privateKey);
    await expect(list('a')).rejects.toThrow(/authentication failed \(401\).*JWT signature does not match/);
    expect(fake.app!.rejectedJwts).toEqual(['JWT signature does not match the App public key']);
  });

  it('an owner without an installation fails that owner only, with what to do', async () => {
    await setup(keys.privateKey);
    fake.app!.setInstallation('other', undefined);
    await expect(list('c')).rejects.toThrow('credential acme-app: GitHub App 4242 is not installed for other');
    await expect(list('a')).resolves.toBeDefined();
  });

  it('the fake refuses an expired installation token', async () => {
    await setup(keys.privateKey);
    await list('a');
    const token = fake.app!.issued[0].token;
    manager.close(); // no refresh: use the old token by hand
    await clock.advance(61 * MIN);
    const res = await fetch(`${fake.url}/repos/acme/a/git/matching-refs/heads/`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(fake.app!.expiredUses).toBe(1);
  });
});
