/**
 * diffRefs: what changed between the stored ref heads of a repository and a fresh listing. Pure.
 *
 * Choices:
 * - The stored state is everything the provider listed for the kinds we watch, not only the refs
 *   matching the regex. The regex decides which changes become events. So a ref leaving the filter
 *   is never a deletion (its row stays, silently kept up to date), and a ref entering the filter
 *   after a regex change is silent when its SHA is what we last saw — only a ref that is really
 *   new or really moved since the last listing makes an event. Filtering the stored state instead
 *   would make every ref entering the filter look "created" and flood the receivers.
 * - Tags are a watched kind only when tagRegex is set. Without it, stored tags are dropped
 *   silently (no events); the poller re-baselines tags when watching starts again.
 * - 'unchanged' (HTTP 304) for a kind yields nothing for that kind.
 * - An empty listing for a kind deletes nothing the first time: "every branch deleted" is more
 *   likely a broken answer than a real change. The kind is reported in `suspicious`; the poller
 *   remembers it and passes it back as `confirmEmpty` when the next listing of that kind is empty
 *   again (or unchanged since the empty one), which makes the deletion real: deleting a
 *   repository's last tag must reach the receivers, a single transient empty answer must not.
 *   A listing with some refs missing is a normal deletion.
 */
import type { Ref, RefChange, RefKind } from '../types.js';
import { ZERO_SHA } from '../types.js';
import { fullRef } from '../events/id.js';

export interface FetchedRefs {
  branches: Ref[] | 'unchanged';
  /** undefined when tags were not listed */
  tags?: Ref[] | 'unchanged';
}

/** Regexes as configured (strings) or compiled once per repository (see compileFilters). */
export interface RefFilters {
  branchRegex?: string | RegExp;
  tagRegex?: string | RegExp;
}

export interface CompiledFilters {
  branchRegex?: RegExp;
  tagRegex?: RegExp;
}

export interface RefDiff {
  /** events to emit, branches first, then tags, each sorted by name */
  changes: RefChange[];
  /** refs to write (new or moved), matching the filter or not */
  upserts: Ref[];
  /** refs to forget: real deletions, and silently dropped tags when tags are not watched */
  deletes: Array<{ kind: RefKind; name: string }>;
  /** kinds whose listing came back empty while refs were stored: nothing was deleted */
  suspicious: RefKind[];
}

/** Compile a repository's regexes once (no flags: test() stays stateless). */
export function compileFilters(filters: { branchRegex?: string; tagRegex?: string }): CompiledFilters {
  const branch = filters.branchRegex || undefined;
  const tag = filters.tagRegex || undefined;
  if (branch === undefined && tag === undefined) return NO_FILTERS;
  // a fleet usually repeats one pair of regexes: consecutive repositories with the same pair share
  // one object (no flags, so sharing is safe) instead of one per repository
  if (last && last.branch === branch && last.tag === tag) return last.compiled;
  const compiled: CompiledFilters = Object.freeze({
    branchRegex: branch === undefined ? undefined : new RegExp(branch),
    tagRegex: tag === undefined ? undefined : new RegExp(tag),
  });
  last = { branch, tag, compiled };
  return compiled;
}

/** Shared by every repository without regexes: one object, not one per repository. */
const NO_FILTERS: CompiledFilters = Object.freeze({ branchRegex: undefined, tagRegex: undefined });
let last: { branch?: string; tag?: string; compiled: CompiledFilters } | undefined;

function toRegExp(r: string | RegExp | undefined): RegExp | undefined {
  if (r === undefined || r === '') return undefined;
  return typeof r === 'string' ? new RegExp(r) : r;
}

const TYPES = {
  branch: { created: 'branch_created', updated: 'branch_updated', deleted: 'branch_deleted' },
  tag: { created: 'tag_created', updated: 'tag_updated', deleted: 'tag_deleted' },
} as const;

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function diffKind(
  kind: RefKind,
  stored: Ref[],
  fetched: Ref[],
  matches: (name: string) => boolean,
  out: RefDiff,
  confirmed: boolean,
): void {
  if (fetched.length === 0 && stored.length > 0 && !confirmed) {
    out.suspicious.push(kind);
    return;
  }
  const before = new Map(stored.map((r) => [r.name, r.sha]));
  const after = new Map<string, string>();
  for (const r of fetched) after.set(r.name, r.sha);
  const changes: RefChange[] = [];
  for (const [name, sha] of after) {
    const old = before.get(name);
    if (old === sha) continue;
    out.upserts.push({ kind, name, sha });
    if (!matches(name)) continue;
    const type = old === undefined ? TYPES[kind].created : TYPES[kind].updated;
    changes.push({ type, kind, name, ref: fullRef(kind, name), before: old ?? ZERO_SHA, after: sha });
  }
  for (const [name, sha] of before) {
    if (after.has(name)) continue;
    out.deletes.push({ kind, name });
    if (!matches(name)) continue;
    changes.push({ type: TYPES[kind].deleted, kind, name, ref: fullRef(kind, name), before: sha, after: ZERO_SHA });
  }
  out.changes.push(...changes.sort(byName));
}

/** `confirmEmpty`: kinds whose previous listing was already empty (suspicious): empty again is real */
export function diffRefs(stored: Ref[], fetched: FetchedRefs, filters: RefFilters, confirmEmpty: readonly RefKind[] = []): RefDiff {
  const out: RefDiff = { changes: [], upserts: [], deletes: [], suspicious: [] };
  const branchRe = toRegExp(filters.branchRegex);
  const tagRe = toRegExp(filters.tagRegex);
  const storedBranches = stored.filter((r) => r.kind === 'branch');
  const storedTags = stored.filter((r) => r.kind === 'tag');

  if (fetched.branches !== 'unchanged') {
    diffKind('branch', storedBranches, fetched.branches, (n) => !branchRe || branchRe.test(n), out, confirmEmpty.includes('branch'));
  }
  if (!tagRe) {
    for (const t of storedTags) out.deletes.push({ kind: 'tag', name: t.name });
  } else if (fetched.tags !== undefined && fetched.tags !== 'unchanged') {
    diffKind('tag', storedTags, fetched.tags, (n) => tagRe.test(n), out, confirmEmpty.includes('tag'));
  }
  return out;
}
