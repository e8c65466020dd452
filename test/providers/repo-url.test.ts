import { describe, expect, it } from 'vitest';
import { parseRepoUrl } from '../../src/providers/repo-url.js';

describe('parseRepoUrl', () => {
  it('reads owner/name and strips .git and trailing slashes', () => {
    expect(parseRepoUrl('https://github.com/acme/svc.git')).toMatchObject({ namespace: 'acme', name: 'svc', fullPath: 'acme/svc', webUrl: 'https://github.com/acme/svc' });
    expect(parseRepoUrl('https://github.com/acme/svc/')).toMatchObject({ namespace: 'acme', name: 'svc' });
  });
  it('keeps nested GitLab groups in the namespace', () => {
    expect(parseRepoUrl('https://gitlab.com/group/sub/deeper/proj.git')).toMatchObject({ namespace: 'group/sub/deeper', name: 'proj', fullPath: 'group/sub/deeper/proj' });
  });
  it('drops the path prefix of a self-managed instance served under a sub-path', () => {
    const loc = parseRepoUrl('https://git.example.com/gitlab/team/proj', 'https://git.example.com/gitlab/api/v4');
    expect(loc).toMatchObject({ fullPath: 'team/proj', webUrl: 'https://git.example.com/gitlab/team/proj' });
  });
  it('accepts scp-like URLs', () => {
    expect(parseRepoUrl('git@github.com:acme/svc.git')).toMatchObject({ namespace: 'acme', name: 'svc' });
  });
  it('gives file: and ssh: URLs a usable web URL, never "null"', () => {
    expect(parseRepoUrl('file:///srv/git/team/repo.git').webUrl).toBe('file:///srv/git/team/repo');
    expect(parseRepoUrl('ssh://git@git.example.com:2222/team/repo.git').webUrl).toBe('https://git.example.com/team/repo');
  });
  it('rejects URLs without owner/name', () => {
    expect(() => parseRepoUrl('https://github.com/acme')).toThrow(/no owner\/name/);
    expect(() => parseRepoUrl('not a url')).toThrow(/not a URL/);
  });
});
