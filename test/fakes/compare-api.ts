/**
 * Fake GitHub compare and commit endpoints that answer from a real bare repository, so commits,
 * files and ancestry are what git says (shapes as in https://docs.github.com/en/rest/commits/commits):
 * GET /repos/{o}/{r}/compare/{base}...{head}?per_page&page (status, ahead_by, behind_by,
 * total_commits, merge_base_commit, commits oldest first, files with renames) and
 * GET /repos/{o}/{r}/commits/{sha}. An unknown base or head answers 404 as GitHub does.
 */
import { execFileSync } from 'node:child_process';
import { startFakeServer, type FakeServerControl } from './common.js';

export interface FakeCompare extends FakeServerControl {
  /** serve owner/name from this bare repository */
  addRepo(owner: string, name: string, bareDir: string): void;
}

const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: '/nonexistent' };

function git(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: ENV, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
}

function tryGit(dir: string, args: string[]): string | undefined {
  try {
    return git(dir, args).trim();
  } catch {
    return undefined;
  }
}

export async function startFakeCompare(): Promise<FakeCompare> {
  const repos = new Map<string, string>();
  let base = '';

  function commitJson(dir: string, web: string, sha: string) {
    const [tree, an, ae, ad, cn, ce, cd, ...msg] = git(dir, ['show', '-s', '--format=%T%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%B', sha]).split('\x1f');
    return {
      sha,
      node_id: Buffer.from(`commit:${sha}`).toString('base64'),
      html_url: `${web}/commit/${sha}`,
      url: `${base}/commits/${sha}`,
      commit: {
        message: msg.join('\x1f').replace(/\n+$/, ''),
        author: { name: an, email: ae, date: ad },
        committer: { name: cn, email: ce, date: cd },
        tree: { sha: tree },
      },
    };
  }

  function files(dir: string, from: string | undefined, to: string) {
    const args = from ? ['diff', '--name-status', '-M', from, to] : ['diff-tree', '-r', '--root', '--no-commit-id', '--name-status', '-M', '-m', '--first-parent', to];
    return git(dir, args).split('\n').filter(Boolean).map((line) => {
      const [status, a, b] = line.split('\t');
      if (status.startsWith('R')) return { filename: b, previous_filename: a, status: 'renamed' };
      return { filename: a, status: status === 'A' ? 'added' : status === 'D' ? 'removed' : 'modified' };
    });
  }

  const server = await startFakeServer((_req, path, query) => {
    const m = /^\/repos\/([^/]+)\/([^/]+)\/(compare|commits)\/(.+)$/.exec(path);
    const dir = m && repos.get(`${m[1]}/${m[2]}`);
    if (!m || !dir) return { status: 404, body: JSON.stringify({ message: 'Not Found' }) };
    const web = `https://github.com/${m[1]}/${m[2]}`;
    const notFound = { status: 404, body: JSON.stringify({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest/commits/commits#compare-two-commits' }) };
    if (m[3] === 'commits') {
      const sha = tryGit(dir, ['rev-parse', '--verify', `${m[4]}^{commit}`]);
      if (!sha) return notFound;
      const parent = tryGit(dir, ['rev-parse', '--verify', `${sha}^1`]);
      return { status: 200, body: JSON.stringify({ ...commitJson(dir, web, sha), files: files(dir, parent, sha) }) };
    }
    const [rawBase, rawHead] = decodeURIComponent(m[4]).split('...');
    const b = tryGit(dir, ['rev-parse', '--verify', `${rawBase}^{commit}`]);
    const h = tryGit(dir, ['rev-parse', '--verify', `${rawHead}^{commit}`]);
    if (!b || !h) return notFound;
    const mergeBase = git(dir, ['merge-base', b, h]).trim();
    const ahead = git(dir, ['rev-list', '--reverse', h, `^${b}`]).split('\n').filter(Boolean);
    const behind = Number(git(dir, ['rev-list', '--count', b, `^${h}`]).trim());
    const status = b === h ? 'identical' : behind === 0 ? 'ahead' : ahead.length === 0 ? 'behind' : 'diverged';
    const perPage = Number(query.get('per_page') ?? 250);
    const page = Number(query.get('page') ?? 1);
    const pageShas = ahead.slice((page - 1) * perPage, page * perPage);
    return {
      status: 200,
      body: JSON.stringify({
        url: `${base}/repos/${m[1]}/${m[2]}/compare/${m[4]}`,
        html_url: `${web}/compare/${m[4]}`,
        status,
        ahead_by: ahead.length,
        behind_by: behind,
        total_commits: ahead.length,
        base_commit: commitJson(dir, web, b),
        merge_base_commit: commitJson(dir, web, mergeBase),
        commits: pageShas.map((s) => commitJson(dir, web, s)),
        files: files(dir, mergeBase, h).slice(0, 300),
      }),
    };
  }, { rateLimitStyle: 'github', rateLimitBody: JSON.stringify({ message: 'API rate limit exceeded' }), keepLog: true });
  base = server.url;
  return Object.assign(server, {
    addRepo(owner: string, name: string, bareDir: string) {
      repos.set(`${owner}/${name}`, bareDir);
    },
  });
}
