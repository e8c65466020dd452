/**
 * The benchmark's second process: the fake GitHub API with N repositories × B branches, a fake
 * EventListener and (with --gitlab N) the fake GitLab API with N projects × --gitlab-branches, so
 * their CPU is not counted in reposentry's. Driven over the fork IPC channel:
 *   → {cmd:'change-all'}          each of the first --changed GitHub repositories (default: all) gets
 *                                 one new commit on one branch
 *   → {cmd:'deliveries'}          receipts so far: count, first and last receipt time
 *   → {cmd:'latencies'}           the detection-to-receipt latencies of those receipts
 *   → {cmd:'stats'}               cumulative request counts (REST by status, GraphQL queries and
 *                                 points, primary quota used, GitLab by status), process CPU
 *   → {cmd:'mark'}                listing requests from reposentry (not the raw loop's) are counted anew,
 *                                 with the times of the first and the last (`stats` → listings)
 *   → {cmd:'hold'} / {cmd:'release'}  the receiver keeps its answers back (deliveries queue up in the
 *                                 sender's outbox) until released; then it answers all and keeps answering
 *   → {cmd:'close'}
 * Each answer is {reply: cmd, ...}. The first message is {ready, githubUrl, listenerUrl, gitlabUrl?}.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeGithub } from '../fakes/github-api.js';
import { startFakeGitlab, type FakeGitlab } from '../fakes/gitlab-api.js';

interface Args {
  repos: number;
  branches: number;
  gitlab: number;
  gitlabBranches: number;
  changed: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string, def: number): number => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : def;
  };
  const repos = get('--repos', 10_000);
  return { repos, branches: get('--branches', 50), gitlab: get('--gitlab', 0), gitlabBranches: get('--gitlab-branches', 20), changed: get('--changed', repos) };
}

/** A deterministic 40-hex commit id: repository, branch and version are enough to make it unique. */
export function fakeSha(repo: number, branch: number, version: number): string {
  const head = (repo * 1009 + branch).toString(16).padStart(16, '0');
  const tail = (version * 7919 + branch * 31 + repo).toString(16).padStart(24, '0');
  return (head + tail).slice(0, 40);
}

export function repoName(i: number): string {
  return `repo-${String(i).padStart(5, '0')}`;
}

export function branchName(b: number): string {
  return b === 0 ? 'main' : `feature/b-${String(b).padStart(3, '0')}`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const github = await startFakeGithub({ keepLog: false });
  // 304s are free; the baseline's 200s (listing + describe per repository) must not hit the fake's primary limit.
  github.setRateLimit({ limit: 1_000_000_000, remaining: 1_000_000_000 });
  for (let i = 0; i < args.repos; i++) {
    const branches: Record<string, string> = {};
    for (let b = 0; b < args.branches; b++) branches[branchName(b)] = fakeSha(i, b, 0);
    github.addRepo({ owner: 'bench', name: repoName(i), branches });
  }
  let gitlab: FakeGitlab | undefined;
  if (args.gitlab > 0) {
    gitlab = await startFakeGitlab({ keepLog: false });
    gitlab.setRateLimit({ limit: 1_000_000_000, remaining: 1_000_000_000 });
    for (let i = 0; i < args.gitlab; i++) {
      const branches: Record<string, string> = {};
      for (let b = 0; b < args.gitlabBranches; b++) branches[branchName(b)] = fakeSha(i, b, 0);
      gitlab.addProject({ path: `bench/${repoName(i)}`, branches });
    }
  }
  // Listing requests from reposentry since the last `mark`: how many, first and last (epoch ms).
  // The raw loop tags its requests with ?raw=1 so they do not count.
  const listings = { count: 0, firstAt: 0, lastAt: 0 };
  github.beforeAnswer((path, query) => {
    if (!path.includes('/git/matching-refs/') || query.has('raw')) return;
    const now = Date.now();
    if (listings.count === 0) listings.firstAt = now;
    listings.count++;
    listings.lastAt = now;
  });

  // The loopback receiver: answers as a Tekton EventListener does (202 + ids), keeps only the
  // receipt time and the detection-to-receipt latency (CloudEvents ce-time), and holds its answers
  // back on demand so an outbox fills up before the drain is timed.
  const latencies: number[] = [];
  let firstAt = 0;
  let lastAt = 0;
  let held: ServerResponse[] | undefined;
  let answered = 0;
  const answer = (res: ServerResponse): void => {
    answered++;
    res.writeHead(202, { 'content-type': 'application/json' }).end(`{"eventListenerUID":"bench","eventID":"e-${answered}"}`);
  };
  const receiver = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      const at = Date.now();
      const time = req.headers['ce-time'];
      if (typeof time === 'string') latencies.push(at - Date.parse(time));
      if (firstAt === 0) firstAt = at;
      lastAt = at;
      if (held) held.push(res);
      else answer(res);
    });
  });
  receiver.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const listenerUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
  let version = 0;

  const send = (msg: unknown): void => {
    process.send?.(msg);
  };

  process.on('message', (msg: { cmd: string }) => {
    switch (msg.cmd) {
      case 'change-all': {
        version++;
        const b = version % args.branches;
        for (let i = 0; i < args.changed; i++) github.setBranch('bench', repoName(i), branchName(b), fakeSha(i, b, version));
        send({ reply: 'change-all', version, branch: branchName(b) });
        return;
      }
      case 'mark': {
        Object.assign(listings, { count: 0, firstAt: 0, lastAt: 0 });
        send({ reply: 'mark' });
        return;
      }
      case 'hold': {
        held ??= [];
        send({ reply: 'hold' });
        return;
      }
      case 'release': {
        const queued = held ?? [];
        held = undefined;
        const at = Date.now();
        for (const res of queued) answer(res);
        send({ reply: 'release', at, queued: queued.length });
        return;
      }
      case 'deliveries': {
        send({ reply: 'deliveries', count: latencies.length, firstAt, lastAt });
        return;
      }
      case 'latencies': {
        send({ reply: 'latencies', latencies });
        return;
      }
      case 'reset-deliveries': {
        latencies.length = 0;
        firstAt = 0;
        lastAt = 0;
        send({ reply: 'reset-deliveries' });
        return;
      }
      case 'stats': {
        const cpu = process.cpuUsage();
        const graphql = github.graphqlStats();
        const window = github.rateLimit();
        send({
          reply: 'stats',
          requests: github.count(),
          s200: github.countByStatus(200),
          s304: github.countByStatus(304),
          // GraphQL queries are POSTs to /graphql on the same server; `requests` above includes them
          graphqlRequests: graphql.requests,
          graphqlPoints: graphql.points,
          // the fake's primary REST window: it charges every answer except 304s and GraphQL's
          coreUsed: window.limit - window.remaining,
          listings: { ...listings },
          gitlab: gitlab && { requests: gitlab.count(), s200: gitlab.countByStatus(200), s304: gitlab.countByStatus(304) },
          cpuSeconds: (cpu.user + cpu.system) / 1e6,
        });
        return;
      }
      case 'close': {
        receiver.closeAllConnections();
        void Promise.all([github.close(), new Promise((r) => receiver.close(r)), gitlab?.close()]).then(() => {
          send({ reply: 'close' });
          process.exit(0);
        });
        return;
      }
    }
  });
  send({ ready: true, githubUrl: github.url, listenerUrl, gitlabUrl: gitlab?.apiUrl });
}

void main();
