/**
 * Enrichment from the local git cache: one fetch of the changed refs per poll, then rev-list / log
 * --name-status / diff / merge-base in the cache. Used for plain git repositories and when an API
 * source fails (polling.enable_api_fallback). Files are per commit (first parent for merges);
 * renames are reported as a removal and an addition, as GitHub's push payload does.
 */
import { UpstreamError } from '../errors.js';
import { HEAD_REF, type GitCache } from '../git-cache/cache.js';
import { ZERO_SHA } from '../types.js';
import type { CommitUrl, EnrichLimits, EnrichRequest, EnrichedCommit, EnrichmentOk } from './types.js';

const FORMAT = '%x1e%H%x1f%T%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%B%x1d';

/** git's C-style quoting of unusual paths ("a\tb", "caf\303\251") back to the path. */
export function unquotePath(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const bytes: number[] = [];
  const body = p.slice(1, -1);
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1];
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Parses `git log --format=FORMAT --name-status` output. */
export function parseLog(out: string, commitUrl: CommitUrl): EnrichedCommit[] {
  const commits: EnrichedCommit[] = [];
  for (const chunk of out.split('\x1e')) {
    if (chunk.trim() === '') continue;
    const end = chunk.indexOf('\x1d');
    const [id, treeId, an, ae, ad, cn, ce, cd, ...message] = chunk.slice(0, end).split('\x1f');
    const c: EnrichedCommit = {
      id, treeId, message: message.join('\x1f').replace(/\n+$/, ''),
      author: { name: an, email: ae, date: ad },
      committer: { name: cn, email: ce, date: cd },
      url: commitUrl(id), added: [], modified: [], removed: [],
    };
    for (const line of chunk.slice(end + 1).split('\n')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      const status = line[0];
      const path = unquotePath(line.slice(tab + 1));
      if (status === 'A') c.added.push(path);
      else if (status === 'D') c.removed.push(path);
      else c.modified.push(path);
    }
    commits.push(c);
  }
  return commits;
}

export interface GitSourceInput {
  cache: GitCache;
  /** the cache directory, already fetched with every ref of `changes` (see refsToFetch) */
  dir: string;
  change: EnrichRequest;
  limits: EnrichLimits;
  commitUrl: CommitUrl;
  /** refs/heads/<default branch> in the cache, when known; else the fetched remote HEAD is tried */
  defaultBranchRef?: string;
  signal?: AbortSignal;
}

/** Refs one fetch must bring for these changes (deletions need nothing). */
export function refsToFetch(changes: EnrichRequest[], defaultBranch: string | undefined): { refs: string[]; includeHead: boolean; shas: string[] } {
  const refs = new Set<string>();
  const shas = new Set<string>();
  let created = false;
  for (const c of changes) {
    if (c.after === ZERO_SHA) continue;
    refs.add(c.ref);
    shas.add(c.after);
    if (c.before === ZERO_SHA) created = true;
    else shas.add(c.before);
  }
  if (created && defaultBranch) refs.add(`refs/heads/${defaultBranch}`);
  return { refs: [...refs], includeHead: created && !defaultBranch, shas: [...shas] };
}

async function exists(cache: GitCache, dir: string, ref: string): Promise<boolean> {
  try {
    await cache.read(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

async function isAncestor(cache: GitCache, dir: string, a: string, b: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await cache.read(dir, ['merge-base', '--is-ancestor', a, b], { signal });
    return true;
  } catch (err) {
    if (err instanceof UpstreamError && err.context.exitCode === 1) return false;
    throw err;
  }
}

export async function enrichFromGit(input: GitSourceInput): Promise<EnrichmentOk> {
  const { cache, dir, change, limits, signal } = input;
  const head = `${change.after}^{commit}`;
  if (!(await cache.has(dir, change.after))) {
    throw new UpstreamError('git', `the new head ${change.after.slice(0, 12)} is not in the git cache`, { context: { reason: 'missing-head' } });
  }
  const created = change.before === ZERO_SHA;
  if (!created && !(await cache.has(dir, change.before))) {
    throw new UpstreamError('git', `the old head ${change.before.slice(0, 12)} is no longer available (history rewritten?)`, { context: { reason: 'missing-base' } });
  }
  let range: EnrichmentOk['range'] = 'before';
  let exclude: string | undefined = created ? undefined : `${change.before}^{commit}`;
  if (created) {
    // Commits not on the default branch. Creating the default branch itself, or a remote without
    // a known default branch: only the head commit.
    const base = input.defaultBranchRef ?? HEAD_REF;
    if (!(change.kind === 'branch' && base === change.ref) && (await exists(cache, dir, base))) {
      exclude = base;
      range = 'default-branch';
    } else range = 'head-only';
  }
  const forced = !created && !(await isAncestor(cache, dir, change.before, change.after, signal));
  const revs = range === 'head-only' ? ['-n', '1', head] : [head, '--not', exclude as string];
  const total = range === 'head-only' ? 1 : Number((await cache.read(dir, ['rev-list', '--count', ...revs], { signal })).trim());
  const log = (extra: string[]): Promise<string> =>
    cache.read(dir, ['-c', 'core.quotePath=true', 'log', `--format=${FORMAT}`, '--name-status', '--no-renames', '--diff-merges=first-parent', ...extra], { signal });
  // --max-count applies before --reverse: the newest max_commits, listed oldest first
  const commits = limits.maxCommits > 0 && total > 0 ? parseLog(await log(['--reverse', `--max-count=${limits.maxCommits}`, ...revs]), input.commitUrl) : [];
  const headSha = (await cache.read(dir, ['rev-parse', head])).trim();
  const last = commits.at(-1);
  const headCommit = last && last.id === headSha ? last : parseLog(await log(['-n', '1', head]), input.commitUrl)[0];

  // the union: what the head tree differs in from where the change started (merge base for a rewrite)
  const names = range === 'head-only'
    ? [...(headCommit?.added ?? []), ...(headCommit?.modified ?? []), ...(headCommit?.removed ?? [])].sort()
    : (await cache.read(dir, ['diff', '--name-only', '--no-renames', '-z', `${exclude as string}...${head}`], { signal, maxOutputBytes: 256 * 1024 * 1024 }))
      .split('\0').filter(Boolean);
  return {
    status: 'ok',
    source: 'git',
    commits,
    totalCommits: total,
    changedFiles: { files: names.slice(0, limits.maxFiles), truncated: names.length > limits.maxFiles },
    forced,
    headCommit,
    range,
    filesPerCommit: true,
  };
}
