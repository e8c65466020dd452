/** A revoked token (401) marks its credential as failing, once, for every repository behind it. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import { createCredentialManager, type CredentialManager } from '../../src/credentials/manager.js';
import { serializeCredential } from '../../src/credentials/serialize.js';
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClient } from '../../src/http/types.js';
import { createProviderRegistry, type ProviderRegistry } from '../../src/providers/registry.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { fakeClock } from '../poller/helpers.js';

let fake: FakeGithub;
let http: HttpClient;
let manager: CredentialManager;
let providers: ProviderRegistry;
let config: Config;
const lines: Array<Record<string, unknown>> = [];

beforeEach(async () => {
  lines.length = 0;
  fake = await startFakeGithub({ token: 'good-token' });
  for (const n of ['a', 'b', 'c', 'd']) fake.addRepo({ owner: 'acme', name: n, branches: { main: '1'.repeat(40) } });
  const r = await loadConfigText(`
credentials:
  - name: ci-token
    match: { host: github.com, owner: acme }
    token: revoked-token
repositories:
  - { name: a, url: https://github.com/acme/a, api_base_url: "${fake.url}" }
  - { name: b, url: https://github.com/acme/b, api_base_url: "${fake.url}" }
  - { name: c, url: https://github.com/acme/c, api_base_url: "${fake.url}" }
  - { name: d, url: https://github.com/acme/d, api_base_url: "${fake.url}", token: good-token }
`, '/tmp/config.yaml', { env: {} });
  config = r.config!;
  const log = pino({ level: 'info' }, new Writable({
    write(chunk: Buffer, _e, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  }));
  http = createHttpClient({ timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 1, log });
  manager = createCredentialManager({ config, http: () => http, clock: fakeClock(), log });
  providers = createProviderRegistry({ http, git: { timeoutMs: 5_000 }, log, enableApiFallback: false, credentials: manager });
});
afterEach(async () => {
  manager.close();
  await http.close();
  await fake.close();
});

describe('a credential refused with 401', () => {
  it('is reported once, as the cause of every repository behind it; other credentials stay ok', async () => {
    const list = (name: string) => providers.get('github').listRefs(config.repositories.find((r) => r.name === name)!, { includeTags: false, state: {} });
    for (const name of ['a', 'b', 'c']) await expect(list(name)).rejects.toThrow(/^credential ci-token was refused: authentication failed \(401\).*Bad credentials/);
    await expect(list('d')).resolves.toBeDefined();
    const warnings = lines.filter((l) => typeof l.msg === 'string' && (l.msg as string).startsWith('credential refused'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ credential: 'ci-token', repositories: 3 });
    const status = manager.status().map(serializeCredential);
    expect(status.find((s) => s.name === 'ci-token')).toMatchObject({ kind: 'token', state: 'failing', repositories: 3 });
    expect(status.find((s) => s.kind === 'repository-token')).toMatchObject({ state: 'ok', repositories: 1 });
    expect(JSON.stringify(status)).not.toContain('revoked-token');
    expect(JSON.stringify(status)).not.toContain('good-token');
  });
});
