import { describe, expect, it } from 'vitest';
import { locateRepository } from '../../src/config/repo-location.js';
import type { RepoLocation } from '../../src/config/types.js';
import { parseRepoUrl } from '../../src/config/repo-url.js';
import type { ProviderId } from '../../src/types.js';

interface Row {
  url: string;
  provider: ProviderId;
  api?: string;
  want: Partial<RepoLocation> & { user?: string; password?: string };
}

/** Every form the one parser reads, and what the rest of reposentry sees of it. */
const TABLE: Row[] = [
  {
    url: 'https://github.com/acme/svc',
    provider: 'github',
    want: { host: 'github.com', namespace: 'acme', name: 'svc', fullName: 'acme/svc', path: 'acme/svc', webUrl: 'https://github.com/acme/svc', cloneUrl: 'https://github.com/acme/svc', apiBaseUrl: 'https://api.github.com', key: 'github.com/acme/svc' },
  },
  {
    url: 'http://git.example.com:8080/team/app.git/',
    provider: 'gitea',
    want: { host: 'git.example.com', origin: 'http://git.example.com:8080', fullName: 'team/app', webUrl: 'http://git.example.com:8080/team/app', cloneUrl: 'http://git.example.com:8080/team/app.git', apiBaseUrl: 'http://git.example.com:8080/api/v1' },
  },
  {
    url: 'ssh://git@git.example.com:2222/team/repo.git',
    provider: 'git',
    want: { host: 'git.example.com', origin: 'ssh://git.example.com:2222', fullName: 'team/repo', webUrl: 'https://git.example.com/team/repo', cloneUrl: 'ssh://git@git.example.com:2222/team/repo.git', apiBaseUrl: '', key: 'git.example.com/team/repo' },
  },
  {
    url: 'git@GitHub.com:acme/svc.git',
    provider: 'github',
    want: { host: 'github.com', origin: 'ssh://github.com', fullName: 'acme/svc', webUrl: 'https://github.com/acme/svc', cloneUrl: 'git@GitHub.com:acme/svc.git', apiBaseUrl: 'https://api.github.com', key: 'github.com/acme/svc' },
  },
  {
    url: 'git://127.0.0.1:9418/app.git',
    provider: 'git',
    want: { host: '127.0.0.1', namespace: '127.0.0.1', name: 'app', fullName: '127.0.0.1/app', path: 'app', cloneUrl: 'git://127.0.0.1:9418/app.git', key: '127.0.0.1/app' },
  },
  {
    url: 'http://host.example/slow.git',
    provider: 'git',
    want: { namespace: 'host.example', name: 'slow', fullName: 'host.example/slow', webUrl: 'http://host.example/slow', cloneUrl: 'http://host.example/slow.git' },
  },
  {
    url: 'file:///srv/git/team/repo.git',
    provider: 'git',
    want: { host: '', namespace: 'srv/git/team', name: 'repo', webUrl: 'file:///srv/git/team/repo', cloneUrl: 'file:///srv/git/team/repo.git', apiBaseUrl: '' },
  },
  {
    url: 'file:///app.git',
    provider: 'git',
    want: { namespace: 'localhost', name: 'app', fullName: 'localhost/app' },
  },
  {
    url: 'https://gitlab.com/group/sub/deeper/proj.git',
    provider: 'gitlab',
    want: { namespace: 'group/sub/deeper', name: 'proj', fullName: 'group/sub/deeper/proj', path: 'group/sub/deeper/proj', webUrl: 'https://gitlab.com/group/sub/deeper/proj', apiBaseUrl: 'https://gitlab.com/api/v4' },
  },
  {
    url: 'https://git.example.com/gitlab/team/proj',
    provider: 'gitlab',
    api: 'https://git.example.com/gitlab/api/v4/',
    want: { path: 'team/proj', fullName: 'team/proj', webUrl: 'https://git.example.com/gitlab/team/proj', apiBaseUrl: 'https://git.example.com/gitlab/api/v4', key: 'git.example.com/gitlab/team/proj' },
  },
  {
    url: 'https://github.com/acme/svc///',
    provider: 'github',
    want: { fullName: 'acme/svc', cloneUrl: 'https://github.com/acme/svc' },
  },
  {
    url: 'http://x-access-token:s3cr%40t@git.example.com/org/repo.git',
    provider: 'git',
    want: { host: 'git.example.com', fullName: 'org/repo', webUrl: 'http://git.example.com/org/repo', cloneUrl: 'http://git.example.com/org/repo.git', user: 'x-access-token', password: 's3cr@t' },
  },
  {
    // the names are decoded; the web URL is a URL again, encoded as the WHATWG parser writes a path
    url: 'http://git.example.com/my%20org/caf%C3%A9+x%40y.git',
    provider: 'git',
    want: { namespace: 'my org', name: 'café+x@y', fullName: 'my org/café+x@y', webUrl: 'http://git.example.com/my%20org/caf%C3%A9+x@y', cloneUrl: 'http://git.example.com/my%20org/caf%C3%A9+x%40y.git' },
  },
  {
    url: 'https://git.example.com/gitlab/a%2Fb/proj',
    provider: 'gitlab',
    api: 'https://git.example.com/gitlab/api/v4',
    want: { namespace: 'a/b', webUrl: 'https://git.example.com/gitlab/a%2Fb/proj' },
  },
  {
    url: 'https://TOKENVALUE@github.com/acme/svc.git',
    provider: 'github',
    want: { cloneUrl: 'https://github.com/acme/svc.git', user: 'TOKENVALUE', password: '' },
  },
];

describe('parseRepoUrl + locateRepository', () => {
  it.each(TABLE)('$url ($provider)', ({ url, provider, api, want }) => {
    const loc = locateRepository(parseRepoUrl(url, { allowFile: true }), provider, api);
    const { user, password, ...fields } = want;
    expect(loc).toMatchObject(fields);
    if (user === undefined) expect(loc.credentials).toBeUndefined();
    else expect(loc.credentials).toMatchObject({ username: user, password });
    // credentials never show in anything derived from the URL, nor when the location is printed
    for (const secret of [user, password].filter((s) => s)) {
      expect(JSON.stringify(loc)).not.toContain(secret);
      expect(`${loc.webUrl} ${loc.cloneUrl} ${loc.origin}`).not.toContain(secret);
    }
  });

  it('refuses a single-segment path for the API providers, which need owner/name', () => {
    expect(() => locateRepository(parseRepoUrl('https://github.com/acme'), 'github')).toThrow(/owner\/name path.*provider: git/);
  });

  it.each([
    ['not a url', /not a valid repository URL/],
    ['ext::sh -c touch% /tmp/pwned', /"ext::" remote helper is refused/],
    ['fd::17/a/b', /"fd::" remote helper is refused/],
    ['-oProxyCommand=touch /tmp/x@host:a/b', /starts with "-"/],
    ['git@-oProxyCommand:a/b', /host .* starts with "-"/],
    ['git@[-oProxyCommand=x]:a/b', /host .* starts with "-"/],
    ['[-oProxyCommand=x]:a/b', /host .* starts with "-"/],
    ['ssh://-oProxyCommand=touch/x/y', /host .* starts with "-"/],
    ['https://github.com/acme/-x', /path segment "-x"/],
    ['https://github.com/acme/svc\nx', /control character/],
    ['https://github.com/ac\tme/svc', /control character/],
    ['https://github.com/acme/svc%0aINFO%20forged', /encoded control character/],
    ['git://git.example.com/app%7F.git', /encoded control character/],
    ['file:///etc', /allow_file_urls/],
    ['ftp://example.com/a/b', /unsupported URL scheme "ftp:"/],
    ['https://github.com', /no path/],
    ['ssh://git:pw@host/a/b', /cannot carry a password/],
    // host gitea.example.com to the WHATWG parser, 127.0.0.1 to git
    ['https://gitea.example.com\\@127.0.0.1/acme/app.git', /backslash, which git and URL parsers read differently/],
    ['https://github.com/acme\\svc', /backslash/],
    ['git@host:acme\\svc.git', /backslash/],
  ])('refuses %j', (url, message) => {
    expect(() => parseRepoUrl(url)).toThrow(message);
  });

  it('refuses http:// under require_https except to loopback', () => {
    expect(() => parseRepoUrl('http://git.example.com/a/b', { requireHttps: true })).toThrow(/require_https/);
    expect(parseRepoUrl('http://127.0.0.1:3000/a/b', { requireHttps: true }).host).toBe('127.0.0.1');
  });

  it('never repeats credentials in its errors', () => {
    expect(() => parseRepoUrl('ftp://user:CANARY-SECRET@example.com/a/b')).toThrow(/^(?!.*CANARY-SECRET)/s);
    try {
      parseRepoUrl('http://user:CANARY-SECRET@example.com/-a/b');
    } catch (err) {
      expect((err as Error).message).not.toContain('CANARY-SECRET');
    }
  });
});

describe('parseRepoUrl of plain http(s) URLs (read without new URL)', () => {
  /** what the WHATWG parser makes of the URL: the full path's answer */
  function viaWhatwg(raw: string) {
    const u = new URL(raw);
    const segments = u.pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
    const last = segments.length - 1;
    if (segments[last].toLowerCase().endsWith('.git')) segments[last] = segments[last].slice(0, -4);
    if (segments[last] === '') segments.pop();
    return { transport: u.protocol.slice(0, -1), scpStyle: false, host: u.hostname, port: u.port, segments, origin: `${u.protocol}//${u.host}`, cloneUrl: raw.replace(/\/+$/, '') };
  }

  it.each([
    'https://github.com/acme/svc',
    'https://GitHub.COM/Acme/Svc.GIT',
    'http://git.example.com/team/app.git/',
    'https://gitlab.example.com/group/sub/deep/project///',
    'https://h-1.example.org/o_1/r~x/a..b/c.d.git',
    'https://localhost/a/b',
    // the parser rewrites these hosts, an explicit port or an escape: the full path must answer
    'https://127.1/a/b',
    'https://0x7f.0.0.1/a/b',
    'https://10.0.0.5/a/b',
    'https://example.com:443/a/b',
    'https://example.com:8443/a/b',
    'https://xn--bcher-kva.example/a/b',
    'https://example.com/a/./b',
    'https://example.com/a/%62c',
  ])('%s reads as the WHATWG parser reads it', (raw) => {
    expect(parseRepoUrl(raw)).toEqual(viaWhatwg(raw));
  });

  it('keeps the same refusals: an option-like segment, no path, http under require_https', () => {
    expect(() => parseRepoUrl('https://github.com/-acme/svc')).toThrow('the path segment "-acme" in "https://github.com/-acme/svc" starts with "-"');
    expect(() => parseRepoUrl('https://-github.com/acme/svc')).toThrow(/host .* starts with "-"|not a valid repository URL/);
    expect(() => parseRepoUrl('https://github.com/.git')).toThrow(/no path/);
    expect(() => parseRepoUrl('http://git.example.com/a/b', { requireHttps: true })).toThrow('http:// is refused because security.require_https is true; use https:// (got "http://git.example.com/a/b")');
    expect(parseRepoUrl('http://localhost/a/b', { requireHttps: true }).host).toBe('localhost');
  });
});
