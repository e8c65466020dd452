/** A discover source without a token, matched by a GitHub App credential, lists the organization with the App's installation token. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { createCredentialManager, type CredentialManager } from '../../src/credentials/manager.js';
import { listSource } from '../../src/discover/listing.js';
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClient } from '../../src/http/types.js';
import { silentLogger } from '../../src/log.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { fakeClock } from '../poller/helpers.js';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
let dir: string;
let fake: FakeGithub;
let http: HttpClient;
let manager: CredentialManager | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reposentry-app-discover-'));
  fake = await startFakeGithub({ app: { appId: 31, publicKey: keys.publicKey, installations: { acme: 8 } } });
  fake.addRepo({ owner: 'acme', name: 'one', branches: { main: '1'.repeat(40) } });
  fake.addRepo({ owner: 'acme', name: 'two', branches: { main: '2'.repeat(40) } });
  http = createHttpClient({ timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 1, log: silentLogger() });
});
afterEach(async () => {
  manager?.close();
  await http.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('discover with a GitHub App', () => {
  it('lists the organization with the installation token of its owner (GET /orgs/{org}/installation)', async () => {
    writeFileSync(join(dir, 'app.pem'), keys.privateKey, { mode: 0o600 });
    const r = await loadConfigText(`
credentials:
  - name: acme-app
    match: { host: "${new URL(fake.url).host}", owner: acme }   # the API's host, as for GitHub Enterprise
    github_app: { app_id: 31, private_key_file: app.pem }
discover:
  - name: acme
    provider: github
    org: acme
    api_base_url: "${fake.url}"
`, join(dir, 'config.yaml'), { env: {} });
    expect(r.errors).toEqual([]);
    const config = r.config!;
    const source = config.discover![0];
    expect(source.token).toBeUndefined();
    expect(source.credential).toBe('acme-app');
    // without the App, the fake refuses the listing
    await expect(listSource(http, source, [])).rejects.toThrow(/401/);
    manager = createCredentialManager({ config, http: () => http, clock: fakeClock(Date.now()), log: silentLogger() });
    const token = await manager.sourceToken(source);
    const listing = await listSource(http, source, [], undefined, token);
    expect(listing.repositories.map((x) => x.fullName).sort()).toEqual(['acme/one', 'acme/two']);
    expect(fake.app!.issued.map((t) => t.installation)).toEqual([8]);
    expect(fake.app!.rejectedJwts).toEqual([]);
  });
});
