/**
 * Enrichment from Gitea/Forgejo's compare API: GET /repos/{o}/{r}/compare/{base}...{head}
 * (total_commits, commits each with its files), plus the reverse compare for `forced` (the answer
 * does not say whether the old head is an ancestor: {head}...{base} has no commits exactly then).
 * Files are per commit here; the change's paths are their union. Commits come newest first
 * (git log order) in the releases seen; the order is detected from the head rather than assumed.
 */
import type { HttpClient } from '../http/types.js';
import { badResponse, field, isRecord, parseJson } from '../providers/answer.js';
import { ZERO_SHA } from '../types.js';
import type { EnrichLimits, EnrichRequest, EnrichedCommit, EnrichedPerson, EnrichmentOk } from './types.js';

export interface GiteaEnrichInput {
  http: HttpClient;
  /** e.g. https://gitea.example.com/api/v1/repos/acme/app */
  repoApiUrl: string;
  token?: string;
  change: EnrichRequest;
  limits: EnrichLimits;
  defaultBranch?: string;
  signal?: AbortSignal;
}

function person(v: unknown): EnrichedPerson {
  const s = (k: string): string => {
    const x = field(v, [k]);
    return typeof x === 'string' ? x : '';
  };
  return { name: s('name'), email: s('email'), date: s('date') };
}

function toCommit(item: unknown, url: string): EnrichedCommit {
  const sha = field(item, ['sha']);
  if (typeof sha !== 'string') throw badResponse(url, 'commit without sha');
  const message = field(item, ['commit', 'message']);
  const tree = field(item, ['commit', 'tree', 'sha']);
  const html = field(item, ['html_url']);
  const c: EnrichedCommit = {
    id: sha, treeId: typeof tree === 'string' ? tree : undefined,
    message: typeof message === 'string' ? message.replace(/\n+$/, '') : '',
    author: person(field(item, ['commit', 'author'])), committer: person(field(item, ['commit', 'committer'])),
    url: typeof html === 'string' ? html : '', added: [], modified: [], removed: [],
  };
  const files = field(item, ['files']);
  for (const f of Array.isArray(files) ? files : []) {
    const name = field(f, ['filename']);
    if (typeof name !== 'string') continue;
    const status = field(f, ['status']);
    if (status === 'added') c.added.push(name);
    else if (status === 'removed' || status === 'deleted') c.removed.push(name);
    else c.modified.push(name);
  }
  return c;
}

async function compare(input: GiteaEnrichInput, base: string, head: string): Promise<{ total: number; commits: unknown[]; url: string }> {
  const url = `${input.repoApiUrl}/compare/${encodeURIComponent(base)}...${encodeURIComponent(head)}`;
  const res = await input.http.request({ url, token: input.token, authScheme: 'token', provider: 'gitea', signal: input.signal });
  const body = parseJson(res);
  if (!isRecord(body) || typeof body.total_commits !== 'number') throw badResponse(url, 'total_commits missing');
  return { total: body.total_commits, commits: Array.isArray(body.commits) ? body.commits : [], url };
}

export async function enrichFromGitea(input: GiteaEnrichInput): Promise<EnrichmentOk> {
  const { change, limits } = input;
  const created = change.before === ZERO_SHA;
  const base = created ? (input.defaultBranch && !(change.kind === 'branch' && change.ref === `refs/heads/${input.defaultBranch}`) ? input.defaultBranch : undefined) : change.before;
  if (base === undefined) {
    const url = `${input.repoApiUrl}/git/commits/${change.after}`;
    const res = await input.http.request({ url, token: input.token, authScheme: 'token', provider: 'gitea', signal: input.signal });
    const head = toCommit(parseJson(res), url);
    const files = [...head.added, ...head.modified, ...head.removed];
    return {
      status: 'ok', source: 'gitea', commits: limits.maxCommits > 0 ? [head] : [], totalCommits: 1,
      changedFiles: { files: files.slice(0, limits.maxFiles), truncated: files.length > limits.maxFiles },
      forced: false, headCommit: head, range: 'head-only', filesPerCommit: true,
    };
  }
  const answer = await compare(input, base, change.after);
  let all = answer.commits.map((c) => toCommit(c, answer.url));
  if (all.length > 1 && all[0].id === change.after) all = all.reverse();
  const union = [...new Set(all.flatMap((c) => [...c.added, ...c.modified, ...c.removed]))].sort();
  const forced = !created && (await compare(input, change.after, change.before)).total > 0;
  let headCommit = all.at(-1);
  if (headCommit?.id !== change.after) {
    const url = `${input.repoApiUrl}/git/commits/${change.after}`;
    const res = await input.http.request({ url, token: input.token, authScheme: 'token', provider: 'gitea', signal: input.signal });
    headCommit = toCommit(parseJson(res), url);
  }
  return {
    status: 'ok', source: 'gitea', commits: limits.maxCommits > 0 ? all.slice(-limits.maxCommits) : [], totalCommits: answer.total,
    changedFiles: { files: union.slice(0, limits.maxFiles), truncated: union.length > limits.maxFiles },
    forced, headCommit, range: created ? 'default-branch' : 'before', filesPerCommit: true,
  };
}
