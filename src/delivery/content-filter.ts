/**
 * Per-target filters on what a change contains (paths, skip-ci markers, forced pushes), judged on
 * the event's enrichment. Semantics of Concourse's git resource for paths: an event passes when at
 * least one changed file matches `paths` and not every changed file matches `ignore_paths`.
 * Missing information never filters out: without enrichment (disabled, unavailable, a deletion) or
 * with a truncated file list that would decide against the event, the event passes.
 */
import picomatch from 'picomatch';
import type { ContentFilter } from '../config/types.js';
import type { Enrichment } from '../enrich/types.js';
import type { EventType } from '../types.js';

export const DEFAULT_SKIP_CI_MARKERS = ['[skip ci]', '[ci skip]', '[no ci]', '[skip actions]', '***NO_CI***'];

type Matcher = (path: string) => boolean;
const compiled = new WeakMap<readonly string[], Matcher>();

/**
 * One matcher for a glob list (any glob matches), compiled once per list. `dot`: .github/** matches.
 * A glob also matches everything under the directory it names, as a git pathspec (and so
 * Concourse's `paths`) does: `services/api` or `services/api/` means `services/api/**`, where a bare
 * glob would match no file and filter out every change.
 */
export function globMatcher(globs: readonly string[]): Matcher {
  let m = compiled.get(globs);
  if (!m) {
    const under = globs.filter((g) => !g.endsWith('**')).map((g) => `${g.replace(/\/+$/, '')}/**`);
    m = picomatch([...globs.filter((g) => !g.endsWith('/')), ...under], { dot: true });
    compiled.set(globs, m);
  }
  return m;
}

/**
 * Unset, skip_ci is on for branch events only: a release tool (semantic-release) puts [skip ci]
 * in the release commit its tag points to, and that tag is what a release pipeline waits for.
 * An explicit true or list applies to every event the target's other filters let through.
 */
function markersOf(skipCi: ContentFilter['skipCi'], type: EventType | undefined): string[] {
  if (Array.isArray(skipCi)) return skipCi;
  if (skipCi === undefined) return type === 'branch_created' || type === 'branch_updated' ? DEFAULT_SKIP_CI_MARKERS : [];
  return skipCi ? DEFAULT_SKIP_CI_MARKERS : [];
}

/** Why the filter keeps the event from the target, or undefined when it passes. */
export function contentFilterReason(
  filter: ContentFilter | undefined,
  enrichment: Enrichment | undefined,
  type?: EventType,
): string | undefined {
  if (!enrichment || enrichment.status !== 'ok') return undefined;
  filter ??= {};
  const files = enrichment.changedFiles.files;
  const truncated = enrichment.changedFiles.truncated;
  if (filter.forced === 'only' && !enrichment.forced) return 'forced: only rewritten history is delivered and this change is a fast-forward';
  if (filter.forced === 'exclude' && enrichment.forced) return 'forced: rewritten history is not delivered (forced push)';
  const message = enrichment.headCommit?.message ?? '';
  const lower = message.toLowerCase();
  const marker = markersOf(filter.skipCi, type).find((m) => m !== '' && lower.includes(m.toLowerCase()));
  if (marker) return `skip_ci: the head commit message contains ${marker}`;
  if (filter.paths && filter.paths.length > 0 && !truncated) {
    const match = globMatcher(filter.paths);
    if (!files.some((f) => match(f))) return `paths: none of the ${files.length} changed files matches ${filter.paths.join(', ')}`;
  }
  if (filter.ignorePaths && filter.ignorePaths.length > 0 && !truncated && files.length > 0) {
    const ignored = globMatcher(filter.ignorePaths);
    if (files.every((f) => ignored(f))) return `ignore_paths: every one of the ${files.length} changed files matches ${filter.ignorePaths.join(', ')}`;
  }
  return undefined;
}
