import { describe, expect, it } from 'vitest';
import { defaultApiBaseUrl, inferProvider, parseRepoUrl } from '../../src/config/provider.js';

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
    ['ssh://git@git.example.com/app.git', 'git', false],
  ])('%s → %s', (url, provider, recognised) => {
    expect(inferProvider(url)).toEqual({ provider, recognised });
  });
});

describe('defaultApiBaseUrl', () => {
  it('follows each provider convention', () => {
    expect(defaultApiBaseUrl('github', 'https://github.com/a/b')).toBe('https://api.github.com');
    expect(defaultApiBaseUrl('github', 'https://ghe.example.com/a/b')).toBe('https://ghe.example.com/api/v3');
    expect(defaultApiBaseUrl('gitlab', 'https://gitlab.com/g/p')).toBe('https://gitlab.com/api/v4');
    expect(defaultApiBaseUrl('gitlab', 'http://127.0.0.1:8081/g/p')).toBe('http://127.0.0.1:8081/api/v4');
    expect(defaultApiBaseUrl('gitea', 'git@codeberg.org:o/r.git')).toBe('https://codeberg.org/api/v1');
    expect(defaultApiBaseUrl('git', 'https://git.example.com/r.git')).toBe('');
  });

  it('parses scp-like URLs', () => {
    expect(parseRepoUrl('git@example.com:org/repo.git')).toEqual({ protocol: 'ssh:', host: 'example.com', origin: 'https://example.com' });
    expect(parseRepoUrl('not a url')).toBeUndefined();
  });
});
