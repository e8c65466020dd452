/**
 * A mirror target's initial sync of one repository, as one delivery: every watched ref (branches
 * matching branch_regex, tags matching tag_regex when tags are watched) as the source has it now is
 * pushed in one `git push`, each ref with its own lease:
 *   - already equal on the destination: recorded, nothing pushed (so a retry or redelivery is safe);
 *   - pushed by this target before: the lease expects what it pushed last;
 *   - never pushed: the lease expects the ref absent, so a destination that already has other
 *     content under that name is never overwritten: the delivery fails naming those refs (retried,
 *     then dead-lettered), after pushing the others.
 * Refs only the destination has are left alone: a sync never deletes.
 */
import type { TargetConfig } from '../../config/types.js';
import { errorMessage } from '../../errors.js';
import { fullRef } from '../../events/id.js';
import { gitAuthHeader } from '../../providers/git/index.js';
import { redactText } from '../../redact.js';
import type { StoredEvent } from '../../types.js';
import { classify, destinationRefs, pushStdout, pushedBytes, refused, resolveDestination, result, type MirrorDeps, type MirrorResult } from './push.js';

interface Planned {
  ref: string;
  sha: string;
  /** the lease: null means absent */
  expected: string | null;
}

export async function deliverMirrorSync(deps: MirrorDeps, event: StoredEvent, target: TargetConfig): Promise<MirrorResult> {
  const repo = deps.repository(event.repositoryName);
  // a repository no longer watched has nothing to keep in sync
  if (!repo) return result('delivered', null);
  const dest = resolveDestination(deps, event, target);
  if ('outcome' in dest) return dest;
  const listed = await destinationRefs(dest, target, deps);
  if (!(listed instanceof Map)) return listed;

  const branchRe = repo.branchRegex ? new RegExp(repo.branchRegex) : undefined;
  const tagRe = repo.tagRegex ? new RegExp(repo.tagRegex) : undefined;
  const watched = deps.store.sourceRefs(event.repositoryName)
    .filter((r) => (r.kind === 'branch' ? !branchRe || branchRe.test(r.name) : tagRe !== undefined && tagRe.test(r.name)));
  const push: Planned[] = [];
  const conflicts: string[] = [];
  for (const r of watched) {
    const ref = fullRef(r.kind, r.name);
    const current = listed.get(ref) ?? null;
    if (current === r.sha) {
      deps.store.recordPush(target.name, event.repositoryName, ref, r.sha, deps.now());
      continue;
    }
    const expected = deps.store.lastPushed(target.name, event.repositoryName, ref);
    if (current !== expected) conflicts.push(`${ref} is at ${current ?? '(absent)'}, expected ${expected ?? '(absent)'}`);
    else push.push({ ref, sha: r.sha, expected });
  }
  const conflictError = () =>
    `mirror ${dest.display}: initial sync: ${conflicts.join('; ')} on the destination: changed by someone else; not overwritten`;
  if (push.length === 0) return conflicts.length ? refused(conflictError()) : result('delivered', null);

  const source = repo.location.cloneUrl;
  let cwd: string;
  try {
    cwd = await deps.cache.fetch({
      url: source, refs: push.map((p) => p.ref), shas: push.map((p) => p.sha), blobs: true,
      authHeader: gitAuthHeader(repo.provider, repo.token, repo.username), token: repo.token,
    });
  } catch (err) {
    return result('retry', `initial sync: fetching from the source failed: ${redactText(errorMessage(err), [repo.token])}`);
  }
  const leases = push.map((p) => `--force-with-lease=${p.ref}:${p.expected ?? ''}`);
  const specs = push.map((p) => `${p.sha}:${p.ref}`);
  try {
    const out = await dest.git(['-c', 'credential.helper=', 'push', '--progress', '--porcelain', ...leases, 'mirror', ...specs], cwd, `git push ${dest.display}`);
    const bytes = pushedBytes(out.stderr);
    for (const p of push) deps.store.recordPush(target.name, event.repositoryName, p.ref, p.sha, deps.now());
    deps.onPushed?.(target.name, bytes);
    return { ...(conflicts.length ? refused(conflictError()) : result('delivered', null)), bytes };
  } catch (err) {
    const stderr = String((err as { context?: { stderr?: string; stdout?: string } }).context?.stderr ?? '');
    const kind = classify(`${stderr}\n${pushStdout(err)}\n${errorMessage(err)}`);
    // refs that did go out are recorded by the next attempt, which finds them equal
    if (kind === 'lease') return refused(`mirror ${dest.display}: initial sync: the destination refused the push: a ref changed there since it was read; not overwritten (${redactText(errorMessage(err), dest.secrets)})`);
    if (kind === 'auth') return result('dead', `mirror ${dest.display}: push refused: ${errorMessage(err)}`);
    return result('retry', `mirror ${dest.display}: initial sync: ${errorMessage(err)}`);
  }
}
