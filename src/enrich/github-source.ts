/**
 * Enrichment from GitHub's compare API, one request per change (two when the change has more than
 * 100 commits: the newest are on the last page).
 * https://docs.github.com/en/rest/commits/commits#compare-two-commits
 * https://docs.github.com/en/rest/commits/commits#get-a-commit (created ref without a base)
 * The compare answer lists files for the whole change, not per commit: they are reported on the
 * head commit (filesPerCommit false); the union is exact up to GitHub's 300-file cap.
 */
import type { HttpClient } from '../http/types.js';
import { badResponse, field, isRecord, parseJson } from '../providers/answer.js';
import { ZERO_SHA } from '../types.js';
import type { EnrichLimits, EnrichRequest, EnrichedCommit, EnrichedPerson, EnrichmentOk } from './types.js';

/** GitHub lists at most this many files in a compare or commit answer. */
const GITHUB_FILE_CAP = 300;
const PER_PAGE = 100;

export interface ApiEnrichInput {
  http: HttpClient;
  /** e.g. https://api.github.com/repos/acme/app */
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

/** A commit of GitHub's shape (Gitea and Forgejo answer the same), without its files. */
export function toCommit(item: unknown, url: string): EnrichedCommit {
  const sha = field(item, ['sha']);
  if (typeof sha !== 'string') throw badResponse(url, 'commit without sha');
  const message = field(item, ['commit', 'message']);
  const tree = field(item, ['commit', 'tree', 'sha']);
  const html = field(item, ['html_url']);
  return {
    id: sha,
    treeId: typeof tree === 'string' ? tree : undefined,
    message: typeof message === 'string' ? message : '',
    author: person(field(item, ['commit', 'author'])),
    committer: person(field(item, ['commit', 'committer'])),
    url: typeof html === 'string' ? html : '',
    added: [],
    modified: [],
    removed: [],
  };
}

/** GitHub file entries → added/modified/removed (a rename is a removal and an addition, as in push payloads). */
export function classifyFiles(files: unknown[]): { added: string[]; modified: string[]; removed: string[]; all: string[] } {
  const out = { added: [] as string[], modified: [] as string[], removed: [] as string[], all: [] as string[] };
  for (const f of files) {
    const name = field(f, ['filename']);
    if (typeof name !== 'string') continue;
    const status = field(f, ['status']);
    const previous = field(f, ['previous_filename']);
    if (status === 'added' || status === 'copied') out.added.push(name);
    else if (status === 'removed') out.removed.push(name);
    else if (status === 'renamed') {
      out.added.push(name);
      if (typeof previous === 'string') {
        out.removed.push(previous);
        out.all.push(previous);
      }
    } else out.modified.push(name);
    out.all.push(name);
  }
  return out;
}

async function getJson(input: ApiEnrichInput, url: string): Promise<unknown> {
  const res = await input.http.request({ url, token: input.token, authScheme: 'bearer', provider: 'github', signal: input.signal });
  return parseJson(res);
}

export async function enrichFromGithub(input: ApiEnrichInput): Promise<EnrichmentOk> {
  const { change, limits } = input;
  const created = change.before === ZERO_SHA;
  const base = created ? (input.defaultBranch && !(change.kind === 'branch' && change.ref === `refs/heads/${input.defaultBranch}`) ? input.defaultBranch : undefined) : change.before;

  if (base === undefined) {
    const url = `${input.repoApiUrl}/commits/${change.after}`;
    const body = await getJson(input, url);
    const head = toCommit(body, url);
    const files = field(body, ['files']);
    const f = classifyFiles(Array.isArray(files) ? files : []);
    Object.assign(head, { added: f.added, modified: f.modified, removed: f.removed });
    return {
      status: 'ok', source: 'github', commits: limits.maxCommits > 0 ? [head] : [], totalCommits: 1,
      changedFiles: { files: f.all.slice(0, limits.maxFiles), truncated: f.all.length > limits.maxFiles || f.all.length >= GITHUB_FILE_CAP },
      forced: false, headCommit: head, range: 'head-only', filesPerCommit: false,
    };
  }

  const compare = `${input.repoApiUrl}/compare/${encodeURIComponent(base)}...${change.after}`;
  const first = `${compare}?per_page=${PER_PAGE}&page=1`;
  const body = await getJson(input, first);
  if (!isRecord(body)) throw badResponse(first, 'not an object');
  const status = body.status;
  const total = body.total_commits;
  const pageCommits = body.commits;
  if (typeof status !== 'string' || typeof total !== 'number' || !Array.isArray(pageCommits)) {
    throw badResponse(first, 'status, total_commits or commits missing');
  }
  let items: unknown[] = pageCommits;
  if (total > pageCommits.length && limits.maxCommits > 0) {
    // oldest first, so the newest are on the last page; the one before it completes a short last page
    const pages = Math.ceil(total / PER_PAGE);
    const lastUrl = `${compare}?per_page=${PER_PAGE}&page=${pages}`;
    const last = field(await getJson(input, lastUrl), ['commits']);
    items = Array.isArray(last) ? last : [];
    if (items.length < limits.maxCommits && pages > 2) {
      const prev = field(await getJson(input, `${compare}?per_page=${PER_PAGE}&page=${pages - 1}`), ['commits']);
      items = [...(Array.isArray(prev) ? prev : []), ...items];
    } else if (items.length < limits.maxCommits && pages === 2) items = [...pageCommits, ...items];
  }
  const commits = limits.maxCommits > 0 ? items.slice(-limits.maxCommits).map((c) => toCommit(c, first)) : [];
  const files = Array.isArray(body.files) ? body.files : [];
  const f = classifyFiles(files);
  let headCommit = commits.at(-1);
  if (headCommit?.id !== change.after && total === 0) {
    // nothing new (a branch created from the default branch's tip, a tag on an old commit): the head is the merge base
    const mb = body.merge_base_commit;
    headCommit = isRecord(mb) && mb.sha === change.after ? toCommit(mb, first) : headCommit;
  }
  if (headCommit) Object.assign(headCommit, { added: f.added, modified: f.modified, removed: f.removed });
  return {
    status: 'ok',
    source: 'github',
    commits,
    totalCommits: total,
    changedFiles: { files: f.all.slice(0, limits.maxFiles), truncated: f.all.length > limits.maxFiles || files.length >= GITHUB_FILE_CAP },
    forced: !created && (status === 'diverged' || status === 'behind'),
    headCommit,
    range: created ? 'default-branch' : 'before',
    filesPerCommit: false,
  };
}
