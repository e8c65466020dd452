import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigText } from '../../src/config/default-config.js';
import { loadConfig, loadConfigText } from '../../src/config/load.js';

const VALID = path.resolve('test/fixtures/config/valid');
const ENV = { GITHUB_TOKEN: 'gh-token', GITLAB_TOKEN: 'gl-token', GHE_TOKEN: 'ghe-token' };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reposentry-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('original RepoSentry configurations', () => {
  it.each(['original-basic.yaml', 'original-production.yaml', 'original-minimal.yaml', 'original-test-config.yaml', 'original-setup-config.yaml'])(
    '%s loads without errors or warnings',
    async (name) => {
      const r = await loadConfig(path.join(VALID, name), { env: ENV, strict: true });
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([]);
      expect(r.config?.repositories.length).toBeGreaterThan(0);
      expect(r.config?.targets[0].name).toBe('tekton');
    },
  );

  it('keeps the meaning of the original keys', async () => {
    const { config } = await loadConfig(path.join(VALID, 'original-basic.yaml'), { env: ENV });
    expect(config).toBeDefined();
    const c = config!;
    expect(c.polling.intervalMs).toBe(300_000);
    expect(c.polling.timeoutMs).toBe(30_000);
    expect(c.app.dataDir).toBe(path.join(VALID, 'data'));
    expect(c.storage.sqlitePath).toBe(path.join(VALID, 'data/reposentry.db'));
    expect(c.targets[0]).toMatchObject({ url: 'http://localhost:8080/webhook', timeoutMs: 10_000, retryAttempts: 3, retryBackoffMs: 1000, format: 'cloudevents' });
    expect(c.targets[0].headers).toEqual({ 'X-Source': 'reposentry', 'Content-Type': 'application/json' });
    expect(c.repositories.map((r) => [r.name, r.provider, r.enabled, r.pollingIntervalMs, r.location.apiBaseUrl, r.token])).toEqual([
      ['example-github', 'github', true, 180_000, 'https://api.github.com', 'gh-token'],
      ['example-gitlab', 'gitlab', true, 300_000, 'https://gitlab.com/api/v4', 'gl-token'],
      ['example-ghe', 'github', false, 300_000, 'https://github.example.com/api/v3', 'ghe-token'],
    ]);
    expect(c.rateLimit).toEqual({ github: { requestsPerHour: 4000, burst: 10 }, gitlab: { requestsPerSecond: 8, burst: 5 } });
    expect(c.security).toMatchObject({ allowedEnvVars: ['GITHUB_TOKEN', 'GITLAB_TOKEN', 'GHE_TOKEN', 'CUSTOM_TOKEN_*'], requireHttps: true, allowFileUrls: false, credentialCheckIntervalMs: 86_400_000, credentialExpiryWarningDays: 14 });
  });

  it('merges repositories_config and lists both files as sources', async () => {
    const { config, errors } = await loadConfig(path.join(VALID, 'original-setup-config.yaml'), { env: ENV });
    expect(errors).toEqual([]);
    expect(config!.repositories.map((r) => [r.name, r.enabled])).toEqual([
      ['example-org-project', true],
      ['group-service', true],
    ]);
    expect(config!.sourceFiles).toEqual([path.join(VALID, 'original-setup-config.yaml'), path.join(VALID, 'original-setup.repos.yaml')]);
  });
});

describe('repositories_config', () => {
  it('applies global_settings.default_polling_enabled, appends to inline repositories and checks names across files', async () => {
    const sub = path.join(dir, 'nested');
    await import('node:fs/promises').then((fs) => fs.mkdir(sub, { recursive: true }));
    await writeFile(
      path.join(sub, 'repos.yaml'),
      'global_settings:\n  default_polling_enabled: false\nrepositories:\n  - name: off-by-default\n    url: https://github.com/a/b\n  - name: on\n    url: https://github.com/a/c\n    enabled: true\n',
    );
    const main = path.join(dir, 'main.yaml');
    await writeFile(main, 'repositories_config: nested/repos.yaml\nrepositories:\n  - name: inline\n    url: https://github.com/a/inline\n');
    const r = await loadConfig(main, { env: {} });
    expect(r.errors).toEqual([]);
    expect(r.config!.repositories.map((x) => [x.name, x.enabled])).toEqual([
      ['inline', true],
      ['off-by-default', false],
      ['on', true],
    ]);
    expect(r.warnings).toEqual([expect.objectContaining({ path: 'repositories_config', line: 1 })]);

    await writeFile(path.join(sub, 'repos.yaml'), 'repositories:\n  - name: inline\n    url: https://github.com/a/dup\n');
    const dup = await loadConfig(main, { env: {} });
    expect(dup.errors).toEqual([
      expect.objectContaining({ file: path.join(dir, 'nested/repos.yaml'), path: 'repositories[0].name', line: 2, message: expect.stringContaining(`first defined at ${main}:3`) }),
    ]);
  });
});

describe('loadConfigText', () => {
  const base = 'repositories:\n  - name: r\n    url: https://github.com/a/b\n';

  it('fills defaults from the schema', async () => {
    const { config } = await loadConfigText(base, path.join(dir, 'c.yaml'), { env: {} });
    expect(config!.app).toMatchObject({ name: 'reposentry', logLevel: 'info', logFormat: 'json', healthCheckPort: 8080, dataDir: path.join(dir, 'data') });
    expect(config!.polling).toEqual({ intervalMs: 300_000, timeoutMs: 30_000, maxWorkers: 5, batchSize: 10, githubMode: 'auto', enableApiFallback: true, jitter: 0.1, emitOnFirstPoll: false, retryAttempts: 3, retryBackoffMs: 1000 });
    expect(config!.targets).toEqual([]);
    expect(config!.repositories[0]).toMatchObject({ enabled: true, provider: 'github', pollingIntervalMs: 300_000 });
  });

  it('retypes unquoted ${VAR} numbers and keeps quoted ones strings', async () => {
    const text = 'app:\n  health_check_port: ${PORT}\n  name: "${PORT}"\n' + base;
    const { config, errors } = await loadConfigText(text, 'c.yaml', { env: { PORT: '9191' } });
    expect(errors).toEqual([]);
    expect(config!.app.healthCheckPort).toBe(9191);
    expect(config!.app.name).toBe('9191');
  });

  it('require_https refuses http:// but allows loopback hosts', async () => {
    const ok = await loadConfigText(`security: { require_https: true }\ntekton: { event_listener_url: "http://127.0.0.1:8080" }\n${base}`, 'c.yaml', { env: {} });
    expect(ok.errors).toEqual([]);
    const bad = await loadConfigText(`security: { require_https: true }\ntriggers:\n  - name: t\n    url: http://hooks.example.com/x\n${base}`, 'c.yaml', { env: {} });
    expect(bad.errors).toEqual([expect.objectContaining({ path: 'triggers[0].url', line: 4, message: expect.stringContaining('require_https') })]);
    const off = await loadConfigText(`triggers:\n  - name: t\n    url: http://hooks.example.com/x\n${base}`, 'c.yaml', { env: {} });
    expect(off.errors).toEqual([]);
  });

  it('unknown keys are errors with a suggestion; allowUnknownKeys (or REPOSENTRY_ALLOW_UNKNOWN_KEYS=1) makes them warnings', async () => {
    const text = 'polling:\n  intreval: 1m\n' + base;
    const problem = { file: 'c.yaml', path: 'polling.intreval', line: 2, col: 3, message: 'unknown key "intreval" (did you mean "interval"?)' };
    const byDefault = await loadConfigText(text, 'c.yaml', { env: {} });
    expect(byDefault.config).toBeUndefined();
    expect(byDefault.errors).toEqual([problem]);
    const lax = await loadConfigText(text, 'c.yaml', { env: {}, allowUnknownKeys: true });
    expect(lax.config).toBeDefined();
    expect(lax.warnings).toEqual([problem]);
    const byEnv = await loadConfigText(text, 'c.yaml', { env: { REPOSENTRY_ALLOW_UNKNOWN_KEYS: '1' } });
    expect(byEnv.warnings).toEqual([problem]);
    const strict = await loadConfigText(text, 'c.yaml', { env: {}, strict: true, allowUnknownKeys: true });
    expect(strict.config).toBeUndefined();
    expect(strict.errors).toEqual([problem]);
  });

  it('shows its hints whole: the default syntax of a secret-named variable and the URL examples are not redacted as secrets', async () => {
    const text = 'tekton:\n  event_listener_url: http://127.0.0.1:9/\nrepositories:\n  - name: a\n    url: https://github.com/o/a\n    token: ${GITHUB_TOKEN}\n  - name: b\n    url: "c:/x/y"\n';
    const r = await loadConfigText(text, 'hints.yaml', { env: {} });
    const messages = r.errors.map((e) => e.message);
    expect(messages).toHaveLength(2);
    expect(messages.join('\n')).not.toContain('[redacted]');
    expect(messages[0]).toMatch(/GITHUB_TOKEN is not set .*\$\{[A-Z_]+:-value\}/);
    expect(messages[1]).toContain('ssh://');
  });

  it('a misspelt branch_regex is an error, not a silently wider watch', async () => {
    const r = await loadConfigText('repositories:\n  - name: r\n    url: https://github.com/a/b\n    brnach_regex: "^main$"\n', 'c.yaml', { env: {} });
    expect(r.config).toBeUndefined();
    expect(r.errors).toEqual([expect.objectContaining({ path: 'repositories[0].brnach_regex', line: 4, message: 'unknown key "brnach_regex" (did you mean "branch_regex"?)' })]);
  });

  it('warns when the provider is guessed from an unknown host', async () => {
    const r = await loadConfigText('repositories:\n  - name: r\n    url: https://git.example.com/r.git\n', 'c.yaml', { env: {} });
    expect(r.config!.repositories[0].provider).toBe('git');
    expect(r.warnings).toEqual([expect.objectContaining({ path: 'repositories[0].url', line: 3 })]);
  });

  it('reads the embedded demo config with the git provider and the log target', async () => {
    const text = defaultConfigText({ repoDir: path.join(dir, 'demo $repo'), dataDir: path.join(dir, 'data') });
    const r = await loadConfigText(text, path.join(dir, '(embedded)'), { env: {}, strict: true });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.config!.repositories).toEqual([expect.objectContaining({ provider: 'git', url: `file://${path.join(dir, 'demo%20$repo')}`, pollingIntervalMs: 5000, tagRegex: '.*' })]);
    expect(r.config!.targets).toEqual([expect.objectContaining({ name: 'stdout', url: 'log:', format: 'log' })]);
    expect(r.config!.polling.emitOnFirstPoll).toBe(true);
    expect(r.config!.storage.sqlitePath).toBe(path.join(dir, 'data', 'reposentry.db'));
  });
});

describe('aliases the parser only fails on when the data is built', () => {
  const HEAD = 'tekton:\n  event_listener_url: http://127.0.0.1:9/\nrepositories:\n  - name: a\n    url: https://github.com/o/a\n';
  it('an alias whose anchor is not set before it: an error at the alias, not an internal error', async () => {
    const r = await loadConfigText(`${HEAD}app:\n  name: *nowhere\n`, 'alias.yaml', { env: ENV });
    expect(r.config).toBeUndefined();
    expect(r.errors).toEqual([expect.objectContaining({ file: 'alias.yaml', line: 7, col: 9, message: expect.stringMatching(/^YAML error: Unresolved alias.*nowhere/) })]);
  });

  it('an alias bomb: an error, not an internal error', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 6; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const r = await loadConfigText(`${HEAD}bomb:\n${levels.map((l) => `  ${l}`).join('\n')}\n`, 'bomb.yaml', { env: ENV });
    expect(r.config).toBeUndefined();
    expect(r.errors).toEqual([expect.objectContaining({ file: 'bomb.yaml', message: expect.stringMatching(/^YAML error: .*alias/i) })]);
  });
});
