/**
 * Fake GitHub (and GitLab under /api/v4, Gitea under /api/v1) compare and commit endpoints that answer from a real bare repository, so commits,
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

  function gitlabCommit(dir: string, web: string, sha: string) {
    const [an, ae, ad, cn, ce, cd, parents, ...msg] = git(dir, ['show', '-s', '--format=%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%P%x1f%B', sha]).split('\x1f');
    const message = msg.join('\x1f');
    return {
      id: sha, short_id: sha.slice(0, 8), title: message.split('\n')[0], message, parent_ids: parents.split(' ').filter(Boolean),
      author_name: an, author_email: ae, authored_date: ad, committer_name: cn, committer_email: ce, committed_date: cd,
      web_url: `${web}/-/commit/${sha}`,
    };
  }

  function gitlabDiffs(dir: string, from: string | undefined, to: string) {
    const args = from ? ['diff', '--name-status', '-M', from, to] : ['diff-tree', '-r', '--root', '--no-commit-id', '--name-status', '-M', '-m', '--first-parent', to];
    return git(dir, args).split('\n').filter(Boolean).map((line) => {
      const [status, a, b] = line.split('\t');
      const renamed = status.startsWith('R');
      return {
        old_path: a, new_path: renamed ? b : a, new_file: status === 'A', renamed_file: renamed, deleted_file: status === 'D',
        a_mode: '100644', b_mode: '100644', diff: '',
      };
    });
  }

  /** GitLab: /api/v4/projects/:id/repository/{compare,merge_base,commits/:sha[/diff]} */
  function gitlab(path: string, query: URLSearchParams) {
    const m = /^\/api\/v4\/projects\/([^/]+)\/repository\/(compare|merge_base|commits\/([0-9a-f]{40})(\/diff)?)$/.exec(path);
    const id = m ? decodeURIComponent(m[1]) : '';
    const dir = repos.get(id);
    const notFound = { status: 404, body: JSON.stringify({ message: '404 Not found' }) };
    if (!m || !dir) return notFound;
    const web = `https://gitlab.example.com/${id}`;
    if (m[2] === 'merge_base') {
      const refs = query.getAll('refs[]').map((r) => tryGit(dir, ['rev-parse', '--verify', `${r}^{commit}`]));
      if (refs.length !== 2 || refs.some((r) => !r)) return notFound;
      return { status: 200, body: JSON.stringify(gitlabCommit(dir, web, git(dir, ['merge-base', refs[0]!, refs[1]!]).trim())) };
    }
    if (m[3]) {
      const sha = tryGit(dir, ['rev-parse', '--verify', `${m[3]}^{commit}`]);
      if (!sha) return notFound;
      if (m[4]) return { status: 200, body: JSON.stringify(gitlabDiffs(dir, tryGit(dir, ['rev-parse', '--verify', `${sha}^1`]), sha)) };
      return { status: 200, body: JSON.stringify(gitlabCommit(dir, web, sha)) };
    }
    const from = tryGit(dir, ['rev-parse', '--verify', `${query.get('from')}^{commit}`]);
    const to = tryGit(dir, ['rev-parse', '--verify', `${query.get('to')}^{commit}`]);
    if (!from || !to) return notFound;
    // straight=false: commits from..to, diffs against the merge base (GitLab's default)
    const mergeBase = git(dir, ['merge-base', from, to]).trim();
    const shas = git(dir, ['rev-list', '--reverse', to, `^${from}`]).split('\n').filter(Boolean);
    return {
      status: 200,
      body: JSON.stringify({
        commit: gitlabCommit(dir, web, to), commits: shas.map((x) => gitlabCommit(dir, web, x)),
        diffs: gitlabDiffs(dir, mergeBase, to), compare_timeout: false, compare_same_ref: from === to, web_url: `${web}/-/compare/${from}...${to}`,
      }),
    };
  }

  /** Gitea/Forgejo: /api/v1/repos/{o}/{r}/compare/{base}...{head} (commits newest first, each with its files) and git/commits/{sha} */
  function gitea(path: string) {
    const m = /^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/(compare|git\/commits)\/(.+)$/.exec(path);
    const dir = m && repos.get(`${m[1]}/${m[2]}`);
    const notFound = { status: 404, body: JSON.stringify({ message: 'The target couldn\'t be found.', errors: [] }) };
    if (!m || !dir) return notFound;
    const web = `https://gitea.example.com/${m[1]}/${m[2]}`;
    const commit = (sha: string) => {
      const parent = tryGit(dir, ['rev-parse', '--verify', `${sha}^1`]);
      const files = git(dir, parent ? ['diff', '--name-status', '--no-renames', parent, sha] : ['diff-tree', '-r', '--root', '--no-commit-id', '--name-status', '--no-renames', sha])
        .split('\n').filter(Boolean).map((line) => {
          const [st, name] = line.split('\t');
          return { filename: name, status: st === 'A' ? 'added' : st === 'D' ? 'removed' : 'modified' };
        });
      return { ...commitJson(dir, web, sha), files, parents: (parent ? [parent] : []).map((p) => ({ sha: p })) };
    };
    if (m[3] === 'git/commits') {
      const sha = tryGit(dir, ['rev-parse', '--verify', `${decodeURIComponent(m[4])}^{commit}`]);
      return sha ? { status: 200, body: JSON.stringify(commit(sha)) } : notFound;
    }
    const [rawBase, rawHead] = decodeURIComponent(m[4]).split('...');
    const b = tryGit(dir, ['rev-parse', '--verify', `${rawBase}^{commit}`]);
    const h = tryGit(dir, ['rev-parse', '--verify', `${rawHead}^{commit}`]);
    if (!b || !h) return notFound;
    // git log base..head order (newest first), as Gitea's CompareInfo lists them; one git log for all
    const out = git(dir, ['log', '--format=%x1e%H', '--name-status', '--no-renames', '--diff-merges=first-parent', h, `^${b}`]);
    const commits = out.split('\x1e').filter((x) => x.trim() !== '').map((chunk) => {
      const [sha, ...lines] = chunk.split('\n');
      const files = lines.filter((l) => l.includes('\t')).map((line) => {
        const [st, name] = line.split('\t');
        return { filename: name, status: st === 'A' ? 'added' : st === 'D' ? 'removed' : 'modified' };
      });
      return { ...commitJson(dir, web, sha), files };
    });
    return { status: 200, body: JSON.stringify({ total_commits: commits.length, commits }) };
  }

  const server = await startFakeServer((_req, path, query) => {
    if (path.startsWith('/api/v4/')) return gitlab(path, query);
    if (path.startsWith('/api/v1/')) return gitea(path);
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
