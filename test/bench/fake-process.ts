/**
 * The benchmark's second process: the fake GitHub API with N repositories × B branches, a fake
 * EventListener and (with --gitlab N) the fake GitLab API with N projects × --gitlab-branches, so
 * their CPU is not counted in reposentry's. Driven over the fork IPC channel:
 *   → {cmd:'change-all'}          every GitHub repository gets one new commit on one branch
 *   → {cmd:'deliveries'}          receipts so far: count and detection-to-receipt latencies
 *   → {cmd:'stats'}               cumulative request counts (REST by status, GraphQL queries and
 *                                 points, primary quota used, GitLab by status), process CPU
 *   → {cmd:'close'}
 * Each answer is {reply: cmd, ...}. The first message is {ready, githubUrl, listenerUrl, gitlabUrl?}.
 */
import { startFakeEventListener, type RecordedRequest } from '../fakes/event-listener.js';
import { startFakeGithub } from '../fakes/github-api.js';
import { startFakeGitlab, type FakeGitlab } from '../fakes/gitlab-api.js';

interface Args {
  repos: number;
  branches: number;
  gitlab: number;
  gitlabBranches: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string, def: number): number => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : def;
  };
  return { repos: get('--repos', 10_000), branches: get('--branches', 50), gitlab: get('--gitlab', 0), gitlabBranches: get('--gitlab-branches', 20) };
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
  const listener = await startFakeEventListener();
  let version = 0;
  let counted = 0;
  const latencies: number[] = [];
  let firstAt = 0;
  let lastAt = 0;

  function collect(requests: RecordedRequest[]): void {
    // Bodies are dropped once counted, so a long run does not grow this process without bound.
    for (; counted < requests.length; counted++) {
      const r = requests[counted];
      const time = r.headers['ce-time'];
      if (typeof time === 'string') latencies.push(r.at - Date.parse(time));
      if (firstAt === 0) firstAt = r.at;
      lastAt = r.at;
    }
    requests.length = 0;
    counted = 0;
  }

  const send = (msg: unknown): void => {
    process.send?.(msg);
  };

  process.on('message', (msg: { cmd: string }) => {
    switch (msg.cmd) {
      case 'change-all': {
        version++;
        const b = version % args.branches;
        for (let i = 0; i < args.repos; i++) github.setBranch('bench', repoName(i), branchName(b), fakeSha(i, b, version));
        send({ reply: 'change-all', version, branch: branchName(b) });
        return;
      }
      case 'deliveries': {
        collect(listener.requests);
        send({ reply: 'deliveries', count: latencies.length, latencies, firstAt, lastAt });
        return;
      }
      case 'reset-deliveries': {
        collect(listener.requests);
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
          gitlab: gitlab && { requests: gitlab.count(), s200: gitlab.countByStatus(200), s304: gitlab.countByStatus(304) },
          cpuSeconds: (cpu.user + cpu.system) / 1e6,
        });
        return;
      }
      case 'close': {
        void Promise.all([github.close(), listener.close(), gitlab?.close()]).then(() => {
          send({ reply: 'close' });
          process.exit(0);
        });
        return;
      }
    }
  });
  send({ ready: true, githubUrl: github.url, listenerUrl: listener.url, gitlabUrl: gitlab?.apiUrl });
}

void main();
