/**
 * One mirror delivery: make the destination's ref equal the source's, with a lease.
 *
 *   1. Ask the destination where the ref is (ls-remote). Already at the new SHA: nothing to do (a
 *      redelivery is safe). Missing repository: create it (`create:`) or fail for good.
 *   2. The expected old SHA is the event's `before` (absent when we never pushed the ref and the
 *      destination lacks it). At the SHA we pushed last, from a later change: this event is older,
 *      nothing to do. Anywhere else, someone else changed it: fail with that reason (retried, then
 *      dead-lettered), never overwrite.
 *   3. Fetch the objects into the per-repository cache (src/git-cache, `<data_dir>/git-cache/`,
 *      the full-object variant) and `git push --force-with-lease=<ref>:<expected>` the exact ref,
 *      so a change that lands between 1 and 3 is refused by the destination itself.
 * Tokens and URLs with userinfo travel only in the environment (isolated like ls-remote).
 */
import type { Dispatcher } from 'undici';
import type { RepositoryConfig, TargetConfig } from '../../config/types.js';
import { errorMessage } from '../../errors.js';
import type { GitCache } from '../../git-cache/cache.js';
import { emptyGitHome, isLocalGitUrl, isolatedGitEnv } from '../../git-cache/env.js';
import { runGit } from '../../git-cache/run.js';
import { redactText } from '../../redact.js';
import { gitAuthHeader } from '../../providers/git/index.js';
import { fullRef } from '../../events/id.js';
import type { MirrorStore } from '../../store/mirror.js';
import { ZERO_SHA, type StoredEvent } from '../../types.js';
import type { SendResult } from '../send.js';
import { createDestination } from './create.js';
import { expandMirrorUrl, mirrorNames } from './template.js';

export interface MirrorDeps {
  cache: GitCache;
  store: MirrorStore;
  /** the repository as configured now (token for fetching); undefined once it left the config */
  repository(name: string): RepositoryConfig | undefined;
  now: () => number;
  gitBinary?: string;
  /** `http.*` proxy/CA settings as environment for git */
  extraEnv?: Record<string, string>;
  dispatcher?: Dispatcher;
  onPushed?(target: string, bytes: number): void;
}

export interface MirrorResult extends SendResult {
  bytes?: number;
}

export function result(outcome: SendResult['outcome'], error: string | null): MirrorResult {
  return { outcome, statusCode: null, error, retryAfterMs: null, receiverEventId: null };
}

/** a lease conflict: retried, and each attempt spends the retry budget (the destination is up) */
export function refused(error: string): MirrorResult {
  return { ...result('retry', error), refused: true };
}

/** "Writing objects: 100% (3/3), 1.20 KiB | ..." → bytes */
export function pushedBytes(stderr: string): number {
  const m = /Writing objects:[^\n\r]*?,\s*([\d.]+)\s*(bytes|KiB|MiB|GiB)/.exec(stderr);
  if (!m) return 0;
  const scale = { bytes: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 }[m[2] as 'bytes'];
  return Math.round(Number(m[1]) * scale);
}

type Failure = 'missing' | 'auth' | 'lease' | 'other';

/** what a failed push printed on stdout: with --porcelain, the per-ref status lines (`[rejected] (stale info)`) */
export function pushStdout(err: unknown): string {
  return String((err as { context?: { stdout?: string } }).context?.stdout ?? '');
}

export function classify(stderr: string): Failure {
  if (/stale info|\[rejected\]|fetch first|non-fast-forward/i.test(stderr)) return 'lease';
  if (/HTTP 40[13]|authentication failed|could not read username|permission denied|access denied|terminal prompts disabled/i.test(stderr)) return 'auth';
  if (/not found|does not appear to be a git repository|HTTP 404|no such repository|repository .* does not exist/i.test(stderr)) return 'missing';
  return 'other';
}

/** The decoded user and password of an http(s) URL that carries them. */
function httpUserinfo(url: string): { username: string; password: string } | undefined {
  if (!/^https?:\/\/[^/]*@/i.test(url)) return undefined;
  try {
    const u = new URL(url);
    return { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
  } catch {
    return undefined;
  }
}

/** A destination resolved for one delivery: how to run git against it, and what messages may show. */
export interface Destination {
  url: string;
  /** the URL without userinfo */
  display: string;
  secrets: Array<string | undefined>;
  git(args: string[], cwd: string | undefined, what: string): ReturnType<typeof runGit>;
}

export function resolveDestination(deps: MirrorDeps, event: StoredEvent, target: TargetConfig): Destination | MirrorResult {
  const mirror = target.mirror ?? { prune: true };
  let url: string;
  try {
    url = expandMirrorUrl(target.url, mirrorNames(event));
  } catch (err) {
    return result('dead', errorMessage(err));
  }
  const display = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
  // Userinfo in an http(s) URL is a credential: git would hand the URL, with it, to its
  // git-remote-http helper as an argument (visible to `ps`). It goes as a Basic header through the
  // environment instead, and wins over `token` as it does for a polled repository.
  const inline = httpUserinfo(url);
  const destHeader = inline
    ? `Authorization: Basic ${Buffer.from(`${inline.username}:${inline.password}`).toString('base64')}`
    : gitAuthHeader('git', mirror.token, mirror.username);
  // a URL with userinfo is a secret itself; the plain one is what messages show
  const secrets = [mirror.token, destHeader, mirror.createToken, inline?.password, display === url ? undefined : url];
  const config: Array<[string, string]> = [['remote.mirror.url', inline ? display : url]];
  if (destHeader) config.push(['http.extraHeader', destHeader]);
  const git = (args: string[], cwd: string | undefined, what: string) =>
    runGit({
      args, cwd, env: { ...isolatedGitEnv(emptyGitHome(), config, isLocalGitUrl(url)), ...deps.extraEnv }, timeoutMs: target.timeoutMs,
      secrets, what, gitBinary: deps.gitBinary,
    });
  return { url, display, secrets, git };
}

/**
 * The destination's refs (`ls-remote`, only `ref` when given): ref → SHA. A missing repository is
 * created (`create:`) and answers no refs, or is a dead delivery; authentication refused is dead.
 */
export async function destinationRefs(dest: Destination, target: TargetConfig, deps: MirrorDeps, ref?: string): Promise<Map<string, string> | MirrorResult> {
  const mirror = target.mirror ?? { prune: true };
  try {
    const out = await dest.git(['-c', 'credential.helper=', 'ls-remote', 'mirror', ...(ref ? [ref] : [])], undefined, `git ls-remote ${dest.display}`);
    const refs = new Map<string, string>();
    for (const line of out.stdout.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) refs.set(line.slice(tab + 1), line.slice(0, tab));
    }
    return refs;
  } catch (err) {
    const stderr = String((err as { context?: { stderr?: string } }).context?.stderr ?? errorMessage(err));
    const kind = classify(stderr);
    if (kind === 'auth') return result('dead', `mirror ${dest.display}: authentication refused: ${errorMessage(err)}`);
    if (kind !== 'missing') return result('retry', `mirror ${dest.display}: ${errorMessage(err)}`);
    if (!mirror.create) return result('dead', `mirror destination ${dest.display} does not exist; create it, or set create: gitea|gitlab|onedev on the target`);
    const created = await createDestination(mirror.create, dest.url, mirror.createToken ?? mirror.token, { dispatcher: deps.dispatcher, timeoutMs: target.timeoutMs });
    if (!created.ok) return result(created.retry ? 'retry' : 'dead', redactText(`creating mirror destination ${dest.display}: ${created.error ?? 'failed'}`, dest.secrets));
    return new Map();
  }
}

export async function deliverMirror(deps: MirrorDeps, event: StoredEvent, target: TargetConfig): Promise<MirrorResult> {
  const mirror = target.mirror ?? { prune: true };
  const ref = fullRef(event.refKind, event.refName);
  const deleting = event.after === ZERO_SHA;
  if (deleting && !mirror.prune) return { ...result('delivered', null) };

  const dest = resolveDestination(deps, event, target);
  if ('outcome' in dest) return dest;
  const display = dest.display;

  // 1. where is the ref on the destination?
  const listed = await destinationRefs(dest, target, deps, ref);
  if (!(listed instanceof Map)) return listed;
  const current: string | null = listed.get(ref) ?? null;

  const want = deleting ? null : event.after;
  const sourceNow = deps.store.sourceSha(event.repositoryName, event.refKind, event.refName);
  // an older change (redelivered, or queued behind later ones) whose result the source has moved past:
  // once the destination equals the source's current state there is nothing to push
  const stale = sourceNow !== want && current === sourceNow;
  if (current === want || stale) {
    if (want) deps.store.recordPush(target.name, event.repositoryName, ref, want, deps.now());
    else deps.store.forget(target.name, event.repositoryName, ref);
    return result('delivered', null);
  }
  // 2. the lease: the source's old SHA (the destination moves in step with the source, in order)
  const last = deps.store.lastPushed(target.name, event.repositoryName, ref);
  const before = event.before === ZERO_SHA ? null : event.before;
  // never pushed by us and absent there: this push creates it (a mirror that was empty or lacked the ref)
  const expected = last === null && current === null ? null : before;
  if (current !== expected) {
    if (last !== null && current === last) {
      // the destination holds exactly what we pushed last, from a later change: this event is older
      // (a redelivery): pushing it would roll the mirror back
      return result('delivered', null);
    }
    return refused(`mirror ${display}: ${ref} is at ${current ?? '(absent)'} on the destination, expected ${expected ?? '(absent)'}: changed by someone else; not overwritten`);
  }

  // 3. objects into the cache, then the push with the lease
  const repo = deps.repository(event.repositoryName);
  const source = repo ? repo.location.cloneUrl : event.data.repository?.cloneUrl || event.repositoryUrl;
  const sourceHeader = repo && repo.gitCredentials !== false ? gitAuthHeader(repo.provider, repo.token, repo.username) : undefined;
  let cwd: string;
  try {
    // the ref only while the source still has it there; otherwise the commit by id
    cwd = await deps.cache.fetch({
      url: source, refs: deleting || sourceNow !== event.after ? [] : [ref], shas: deleting ? [] : [event.after], blobs: true,
      authHeader: sourceHeader, token: repo?.token,
    });
  } catch (err) {
    return result('retry', `fetching ${ref} from the source failed: ${redactText(errorMessage(err), [repo?.token])}`);
  }
  const lease = `--force-with-lease=${ref}:${expected ?? ''}`;
  const spec = deleting ? `:${ref}` : `${event.after}:${ref}`;
  try {
    const out = await dest.git(['-c', 'credential.helper=', 'push', '--progress', '--porcelain', lease, 'mirror', spec], cwd, `git push ${display}`);
    const bytes = pushedBytes(out.stderr);
    if (want) deps.store.recordPush(target.name, event.repositoryName, ref, want, deps.now(), bytes);
    else deps.store.forget(target.name, event.repositoryName, ref);
    deps.onPushed?.(target.name, bytes);
    return { ...result('delivered', null), bytes };
  } catch (err) {
    const stderr = String((err as { context?: { stderr?: string } }).context?.stderr ?? '');
    const kind = classify(`${stderr}\n${pushStdout(err)}\n${errorMessage(err)}`);
    if (kind === 'lease') return refused(`mirror ${display}: the destination refused the push: ${ref} changed there since it was read (lease on ${expected ?? '(absent)'}); not overwritten`);
    if (kind === 'auth') return result('dead', `mirror ${display}: push refused: ${errorMessage(err)}`);
    return result('retry', `mirror ${display}: ${errorMessage(err)}`);
  }
}
