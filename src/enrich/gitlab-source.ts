/**
 * Enrichment from GitLab's repository API:
 * GET /projects/:id/repository/compare?from=&to=&straight=false (commits oldest first, diffs of
 * the merge base against the head), plus GET /projects/:id/repository/merge_base for `forced`
 * (GitLab's compare does not say whether the old head is an ancestor), or for a created ref
 * without a base GET /projects/:id/repository/commits/:sha and …/commits/:sha/diff.
 * https://docs.gitlab.com/api/repositories/#compare-branches-tags-or-commits
 * The compare answer lists diffs for the whole change: they are reported on the head commit.
 */
import type { HttpClient } from '../http/types.js';
import { badResponse, field, isRecord, parseJson } from '../providers/answer.js';
import { ZERO_SHA } from '../types.js';
import type { EnrichLimits, EnrichRequest, EnrichedCommit, EnrichmentOk } from './types.js';

export interface GitlabEnrichInput {
  http: HttpClient;
  /** e.g. https://gitlab.example.com/api/v4/projects/group%2Fproject */
  projectApiUrl: string;
  token?: string;
  change: EnrichRequest;
  limits: EnrichLimits;
  defaultBranch?: string;
  signal?: AbortSignal;
}

function s(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function toCommit(c: unknown): EnrichedCommit {
  const id = field(c, ['id']);
  if (typeof id !== 'string') throw badResponse('gitlab compare', 'commit without id');
  return {
    id,
    message: s(field(c, ['message'])).replace(/\n+$/, ''),
    author: { name: s(field(c, ['author_name'])), email: s(field(c, ['author_email'])), date: s(field(c, ['authored_date'])) },
    committer: { name: s(field(c, ['committer_name'])), email: s(field(c, ['committer_email'])), date: s(field(c, ['committed_date'])) },
    url: s(field(c, ['web_url'])),
    added: [], modified: [], removed: [],
  };
}

/** GitLab diff entries → added/modified/removed (a rename is a removal and an addition). */
export function classifyGitlabDiffs(diffs: unknown[]): { added: string[]; modified: string[]; removed: string[]; all: string[] } {
  const out = { added: [] as string[], modified: [] as string[], removed: [] as string[], all: [] as string[] };
  for (const d of diffs) {
    const oldPath = s(field(d, ['old_path']));
    const newPath = s(field(d, ['new_path']));
    if (field(d, ['new_file']) === true) out.added.push(newPath);
    else if (field(d, ['deleted_file']) === true) out.removed.push(oldPath);
    else if (field(d, ['renamed_file']) === true) {
      out.removed.push(oldPath);
      out.added.push(newPath);
      out.all.push(oldPath);
    } else out.modified.push(newPath);
    out.all.push(field(d, ['deleted_file']) === true ? oldPath : newPath);
  }
  return out;
}

async function getJson(input: GitlabEnrichInput, url: string): Promise<unknown> {
  const res = await input.http.request({ url, token: input.token, authScheme: 'private-token', provider: 'gitlab', signal: input.signal });
  return parseJson(res);
}

export async function enrichFromGitlab(input: GitlabEnrichInput): Promise<EnrichmentOk> {
  const { change, limits } = input;
  const api = `${input.projectApiUrl}/repository`;
  const created = change.before === ZERO_SHA;
  const base = created ? (input.defaultBranch && !(change.kind === 'branch' && change.ref === `refs/heads/${input.defaultBranch}`) ? input.defaultBranch : undefined) : change.before;

  if (base === undefined) {
    const head = toCommit(await getJson(input, `${api}/commits/${change.after}`));
    const diffs = await getJson(input, `${api}/commits/${change.after}/diff?per_page=100`);
    const f = classifyGitlabDiffs(Array.isArray(diffs) ? diffs : []);
    Object.assign(head, { added: f.added, modified: f.modified, removed: f.removed });
    return {
      status: 'ok', source: 'gitlab', commits: limits.maxCommits > 0 ? [head] : [], totalCommits: 1,
      changedFiles: { files: f.all.slice(0, limits.maxFiles), truncated: f.all.length > limits.maxFiles || f.all.length >= 100 },
      forced: false, headCommit: head, range: 'head-only', filesPerCommit: false,
    };
  }

  const url = `${api}/compare?from=${encodeURIComponent(base)}&to=${change.after}&straight=false`;
  const body = await getJson(input, url);
  if (!isRecord(body) || !Array.isArray(body.commits)) throw badResponse(url, 'commits missing');
  const all = body.commits.map(toCommit);
  const commits = limits.maxCommits > 0 ? all.slice(-limits.maxCommits) : [];
  const f = classifyGitlabDiffs(Array.isArray(body.diffs) ? body.diffs : []);
  let headCommit = all.at(-1);
  if (headCommit?.id !== change.after) {
    // nothing new (a branch created at the default branch's tip, a tag on an old commit)
    headCommit = isRecord(body.commit) && body.commit.id === change.after ? toCommit(body.commit) : headCommit;
  }
  if (headCommit) Object.assign(headCommit, { added: f.added, modified: f.modified, removed: f.removed });
  let forced = false;
  if (!created) {
    const mb = await getJson(input, `${api}/merge_base?refs[]=${change.before}&refs[]=${change.after}`);
    forced = field(mb, ['id']) !== change.before;
  }
  return {
    status: 'ok', source: 'gitlab', commits, totalCommits: all.length,
    changedFiles: { files: f.all.slice(0, limits.maxFiles), truncated: f.all.length > limits.maxFiles || body.overflow === true },
    forced, headCommit, range: created ? 'default-branch' : 'before', filesPerCommit: false,
  };
}
