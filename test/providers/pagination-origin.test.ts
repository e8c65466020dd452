/**
 * A provider answer that sends the next page to another origin must not get our token: the listing
 * fails as a bad answer (no events) and the error names no query string. Two real servers on
 * 127.0.0.1: the "provider" and the elsewhere its Link points to.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ReposentryError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { createGithubProvider } from '../../src/providers/github/index.js';
import { createGitlabProvider } from '../../src/providers/gitlab/index.js';
import { repoConfig, testHttp } from './helpers.js';

const TOKEN = 'tok-must-stay-home-4711';
const SHA = 'a'.repeat(40);
const servers: Server[] = [];

async function serve(handler: (req: IncomingMessage, url: URL) => { status?: number; headers?: Record<string, string>; body: unknown }): Promise<string> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const answer = handler(req, url);
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function refs(names: string[]): unknown[] {
  return names.map((n) => ({ ref: `refs/heads/${n}`, object: { sha: SHA, type: 'commit' } }));
}

describe('pagination links to another origin', () => {
  it('GitHub: the token is not sent to the other host; the listing fails as a bad answer', async () => {
    const elsewhere: Array<string | undefined> = [];
    const other = await serve((req) => {
      elsewhere.push(req.headers.authorization);
      return { body: refs(['stolen']) };
    });
    const api = await serve((_req, url) =>
      url.searchParams.get('page') === '2'
        ? { body: refs(['b']) }
        : { headers: { link: `<${other}/repos/acme/svc/git/matching-refs/heads/?page=2&access_token=LEAKED-QUERY>; rel="next"` }, body: refs(['a']) },
    );
    const http = testHttp();
    const provider = createGithubProvider({ http, log: silentLogger() });
    const err = await provider.listRefs(repoConfig('github', 'https://github.com/acme/svc', api, TOKEN), { includeTags: false, state: {} }).catch((e: unknown) => e);
    await http.close();
    expect(err).toBeInstanceOf(ReposentryError);
    expect((err as ReposentryError).code).toBe('upstream-bad-response');
    expect((err as Error).message).toMatch(/another origin/);
    expect((err as Error).message).not.toContain('LEAKED-QUERY');
    expect(elsewhere).toEqual([]);
  });

  it('a different port on the same host is another origin; a relative link on the same origin is followed', async () => {
    const elsewhere: string[] = [];
    const other = await serve((req) => {
      elsewhere.push(String(req.headers['private-token']));
      return { body: [] };
    });
    let redirectFirst = true;
    const api = await serve((_req, url) => {
      if (url.pathname === '/api/v4/projects/group%2Fsvc') return { body: { id: 7, path_with_namespace: 'group/svc', web_url: 'http://x/group/svc', http_url_to_repo: 'http://x/group/svc.git' } };
      if (url.searchParams.get('page') === '2') return { body: [{ name: 'b', commit: { id: SHA } }] };
      const next = redirectFirst ? `${other}/api/v4/projects/7/repository/branches?page=2` : '/api/v4/projects/7/repository/branches?page=2';
      return { headers: { link: `<${next}>; rel="next"` }, body: [{ name: 'a', commit: { id: SHA } }] };
    });
    const http = testHttp();
    const provider = createGitlabProvider({ http, log: silentLogger() });
    const repo = repoConfig('gitlab', `${api}/group/svc`, `${api}/api/v4`, TOKEN);
    const err = await provider.listRefs(repo, { includeTags: false, state: {} }).catch((e: unknown) => e);
    expect((err as ReposentryError).code).toBe('upstream-bad-response');
    expect(elsewhere).toEqual([]);
    redirectFirst = false;
    const ok = await provider.listRefs(repo, { includeTags: false, state: {} });
    await http.close();
    expect(ok.branches).toEqual([
      { kind: 'branch', name: 'a', sha: SHA },
      { kind: 'branch', name: 'b', sha: SHA },
    ]);
  });
});
