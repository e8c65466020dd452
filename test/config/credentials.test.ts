import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reposentry-creds-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function secret(name: string, content: string, mode = 0o600): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  await chmod(file, mode);
  return file;
}

function load(text: string, env: Record<string, string> = {}) {
  return loadConfigText(text, path.join(dir, 'config.yaml'), { env });
}

describe('credentials: section', () => {
  it('serves every matching repository; the most specific match wins; a repository token wins', async () => {
    await secret('gl', 'gl-secret\n');
    const r = await load(`
credentials:
  - name: gh-all
    match: { host: github.com }
    token: \${ALL}
  - name: gh-acme
    match: { host: github.com, owner: acme }
    token_file: gl
  - name: gl-group
    match: { host: gitlab.example.com, owner: group/sub }
    token: gl-token
repositories:
  - { name: a, url: https://github.com/acme/a }
  - { name: b, url: https://github.com/other/b }
  - { name: c, url: https://github.com/acme-corp/c }
  - { name: d, url: https://github.com/ACME/d, token: own }
  - { name: e, url: https://gitlab.example.com/group/sub/deeper/e }
  - { name: f, url: https://gitlab.example.com/group/subway/f }
`, { ALL: 'all-token' });
    expect(r.errors).toEqual([]);
    const byName = new Map(r.config!.repositories.map((x) => [x.name, x]));
    expect(byName.get('a')).toMatchObject({ credential: 'gh-acme', token: 'gl-secret' });
    expect(byName.get('b')).toMatchObject({ credential: 'gh-all', token: 'all-token' });
    // owner is a path-segment prefix: acme does not match acme-corp
    expect(byName.get('c')).toMatchObject({ credential: 'gh-all', token: 'all-token' });
    expect(byName.get('d')?.credential).toBeUndefined();
    expect(byName.get('d')?.token).toBe('own');
    expect(byName.get('e')).toMatchObject({ credential: 'gl-group', token: 'gl-token' });
    expect(byName.get('f')?.credential).toBeUndefined();
    expect(r.config!.secretFiles).toEqual([path.join(dir, 'gl')]);
  });

  it('username and password_file serve plain git repositories with Basic auth', async () => {
    await secret('pw', 'pass-word\n');
    const r = await load(`
credentials:
  - name: plain
    match: { host: git.example.com }
    username: bot
    password_file: pw
repositories:
  - { name: a, url: https://git.example.com/team/a.git, provider: git }
`);
    expect(r.errors).toEqual([]);
    expect(r.config!.repositories[0]).toMatchObject({ credential: 'plain', username: 'bot', token: 'pass-word' });
  });

  it('reports an entry with no kind, two kinds, duplicate names and a URL as host', async () => {
    const r = await load(`
credentials:
  - name: none
    match: { host: github.com }
  - name: two
    match: { host: github.com }
    token: x
    username: u
    password: p
  - name: none
    match: { host: "https://github.com" }
    token: y
repositories:
  - { name: a, url: https://github.com/acme/a }
`);
    const messages = r.errors.map((e) => `${e.path} ${e.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^credentials\[0\] a credential needs one of token/),
      expect.stringMatching(/^credentials\[1\] a credential is one kind only; this one sets token and username/),
      expect.stringMatching(/^credentials\[2\]\.name duplicate credential name "none"/),
      expect.stringMatching(/^credentials\[2\]\.match\.host match\.host is a host name/),
    ]));
    expect(r.errors.every((e) => e.line > 1)).toBe(true);
  });

  it('warns about a credential that serves no repository', async () => {
    const r = await load(`
credentials:
  - name: unused
    match: { host: gitlab.com }
    token: x
repositories:
  - { name: a, url: https://github.com/acme/a }
`);
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toContain('credential "unused" serves no repository (each repository with a token of its own uses that instead)');
  });
});

describe('*_file secrets', () => {
  it('reads every secret key from its _file form, dropping the trailing newline', async () => {
    await secret('api', 'api-secret\n');
    await secret('tek', 'tekton-secret\r\n');
    await secret('trg', 'trigger-secret');
    await secret('ghs', 'gh-hook');
    await secret('glt', 'gl-hook');
    await secret('repo', 'repo-token\n');
    const r = await load(`
api: { auth_token_file: api }
tekton: { event_listener_url: "http://127.0.0.1:1/", secret_file: tek }
triggers:
  - { name: t, url: "http://127.0.0.1:2/", secret_file: "\${CREDENTIALS_DIRECTORY}/trg" }
webhooks: { github_secret_file: ghs, gitlab_token_file: glt }
security: { allowed_env_vars: [GITHUB_TOKEN] }
repositories:
  - { name: a, url: https://github.com/acme/a, token_file: repo }
`, { CREDENTIALS_DIRECTORY: dir });
    expect(r.errors).toEqual([]);
    const c = r.config!;
    expect(c.api.authToken).toBe('api-secret');
    expect(c.targets.map((t) => t.secret)).toEqual(['tekton-secret', 'trigger-secret']);
    expect(c.webhooks).toEqual({ githubSecret: 'gh-hook', gitlabToken: 'gl-hook' });
    expect(c.repositories[0].token).toBe('repo-token');
    expect(c.secretFiles).toHaveLength(6);
  });

  it('refuses a missing file, an empty file and both forms at once, at the _file key', async () => {
    await secret('empty', '\n');
    const r = await load(`
api: { auth_token_file: nope }
webhooks: { github_secret: x, github_secret_file: empty, gitlab_token_file: empty }
repositories:
  - { name: a, url: https://github.com/acme/a }
`);
    const messages = r.errors.map((e) => `${e.path} ${e.message}`);
    expect(messages).toEqual([
      `api.auth_token_file secret file ${path.join(dir, 'nope')} does not exist (relative paths start at the config file's folder)`,
      'webhooks.github_secret_file set either github_secret or github_secret_file, not both',
      `webhooks.gitlab_token_file secret file ${path.join(dir, 'empty')} is empty`,
    ]);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 3]);
  });

  it('warns when a secret file is readable by others', async () => {
    await secret('open', 'tok', 0o644);
    const r = await load(`
repositories:
  - { name: a, url: https://github.com/acme/a, token_file: open }
`);
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => `${w.path} ${w.message}`)).toEqual([
      `repositories[0].token_file secret file ${path.join(dir, 'open')} is readable by others (mode 0644); chmod 0600 it (or 0400)`,
    ]);
    expect(r.config!.repositories[0].token).toBe('tok');
  });
});
