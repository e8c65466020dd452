import { describe, expect, it } from 'vitest';
import { defaultApiBaseUrl, inferProvider } from '../../src/config/provider.js';
import { parseRepoUrl } from '../../src/config/repo-url.js';
import { configSchema } from '../../src/config/schema.js';
import { openApiDocument } from '../../src/api/openapi.js';
import { PROVIDER_DESCRIPTORS } from '../../src/providers/descriptors.js';

const parse = (url: string) => parseRepoUrl(url, { allowFile: true });

describe('inferProvider', () => {
  it.each([
    ['https://github.com/acme/app', 'github', true],
    ['git@github.com:acme/app.git', 'github', true],
    ['https://github.example.com/acme/app', 'github', true],
    ['https://gitlab.com/group/sub/app.git', 'gitlab', true],
    ['https://gitlab.internal.example/group/app', 'gitlab', true],
    ['https://gitea.example.com/org/app', 'gitea', true],
    ['https://forgejo.example.org/org/app', 'gitea', true],
    ['https://codeberg.org/org/app', 'gitea', true],
    ['file:///srv/git/app.git', 'git', true],
    ['https://git.example.com/app.git', 'git', false],
    // a provider's word beats a host that merely contains "github"; gitlab wins a tie with gitea
    ['https://github-mirror.gitlab.example/g/app', 'gitlab', true],
    ['https://github.forgejo.example/o/app', 'gitea', true],
    ['https://gitea.gitlab.example/g/app', 'gitlab', true],
    ['https://www.github.com/acme/app', 'github', true],
    ['ssh://git@git.example.com/app.git', 'git', false],
  ])('%s → %s', (url, provider, recognised) => {
    expect(inferProvider(parse(url))).toEqual({ provider, recognised });
  });
});

describe('defaultApiBaseUrl', () => {
  it('follows each provider convention', () => {
    expect(defaultApiBaseUrl('github', parse('https://github.com/a/b'))).toBe('https://api.github.com');
    expect(defaultApiBaseUrl('github', parse('https://ghe.example.com/a/b'))).toBe('https://ghe.example.com/api/v3');
    expect(defaultApiBaseUrl('gitlab', parse('https://gitlab.com/g/p'))).toBe('https://gitlab.com/api/v4');
    expect(defaultApiBaseUrl('gitlab', parse('http://127.0.0.1:8081/g/p'))).toBe('http://127.0.0.1:8081/api/v4');
    expect(defaultApiBaseUrl('gitea', parse('git@codeberg.org:o/r.git'))).toBe('https://codeberg.org/api/v1');
    expect(defaultApiBaseUrl('git', parse('https://git.example.com/r.git'))).toBe('');
  });
});

describe('provider descriptors', () => {
  it('are the one list the config schema and the OpenAPI document take their provider enums from', () => {
    const ids = PROVIDER_DESCRIPTORS.map((d) => d.id);
    // a new provider is one more entry: the known ones stay (their order is pinned by the host table above)
    expect(ids).toEqual(expect.arrayContaining(['github', 'gitlab', 'gitea', 'git']));
    const schema = configSchema as unknown as { properties: { repositories: { items: { properties: { provider: { enum: string[] } } } } } };
    expect(schema.properties.repositories.items.properties.provider.enum).toEqual(ids);
    expect(JSON.stringify(openApiDocument)).toContain(JSON.stringify({ enum: ids }));
  });
});
