/**
 * Enrichment from Gitea/Forgejo's compare API: GET /repos/{o}/{r}/compare/{base}...{head}
 * (total_commits, commits each with its files), plus the reverse compare for `forced` (the answer
 * does not say whether the old head is an ancestor: {head}...{base} has no commits exactly then).
 * Files are per commit here; the change's paths are their union. Commits come newest first
 * (git log order) in the releases seen; the order is detected from the head rather than assumed.
 */
import { badResponse, field, isRecord, parseJson } from '../providers/answer.js';
import { ZERO_SHA } from '../types.js';
import { toCommit, type ApiEnrichInput } from './github-source.js';
import type { EnrichedCommit, EnrichmentOk } from './types.js';

/** The same input as GitHub's: Gitea's API root and repository path have the same shape. */
type GiteaEnrichInput = ApiEnrichInput;

function toGiteaCommit(item: unknown, url: string): EnrichedCommit {
  const c = toCommit(item, url);
  c.message = c.message.replace(/\n+$/, '');
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
    const head = toGiteaCommit(parseJson(res), url);
    const files = [...head.added, ...head.modified, ...head.removed];
    return {
      status: 'ok', source: 'gitea', commits: limits.maxCommits > 0 ? [head] : [], totalCommits: 1,
      changedFiles: { files: files.slice(0, limits.maxFiles), truncated: files.length > limits.maxFiles },
      forced: false, headCommit: head, range: 'head-only', filesPerCommit: true,
    };
  }
  const answer = await compare(input, base, change.after);
  let all = answer.commits.map((c) => toGiteaCommit(c, answer.url));
  if (all.length > 1 && all[0].id === change.after) all = all.reverse();
  const union = [...new Set(all.flatMap((c) => [...c.added, ...c.modified, ...c.removed]))].sort();
  const forced = !created && (await compare(input, change.after, change.before)).total > 0;
  let headCommit = all.at(-1);
  if (headCommit?.id !== change.after) {
    const url = `${input.repoApiUrl}/git/commits/${change.after}`;
    const res = await input.http.request({ url, token: input.token, authScheme: 'token', provider: 'gitea', signal: input.signal });
    headCommit = toGiteaCommit(parseJson(res), url);
  }
  return {
    status: 'ok', source: 'gitea', commits: limits.maxCommits > 0 ? all.slice(-limits.maxCommits) : [], totalCommits: answer.total,
    changedFiles: { files: union.slice(0, limits.maxFiles), truncated: union.length > limits.maxFiles },
    forced, headCommit, range: created ? 'default-branch' : 'before', filesPerCommit: true,
  };
}
