/**
 * Edge validation of provider answers: parse JSON and check only the fields we use.
 * A wrong shape is an UpstreamError('upstream-bad-response'), never a partial list.
 */
import { UpstreamError } from '../errors.js';
import type { HttpResponse } from '../http/types.js';
import type { Ref, RefKind } from '../types.js';

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export function badResponse(url: string, what: string): UpstreamError {
  return new UpstreamError('upstream-bad-response', `unexpected answer from ${url}: ${what}`, { context: { url } });
}

export function parseJson(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    throw badResponse(res.url, 'body is not JSON');
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function field(obj: unknown, path: string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

export function requireSha(value: unknown, url: string, where: string): string {
  if (typeof value !== 'string' || !SHA.test(value.toLowerCase())) throw badResponse(url, `${where} is not a SHA`);
  return value.toLowerCase();
}

export function requireString(value: unknown, url: string, where: string): string {
  if (typeof value !== 'string' || value === '') throw badResponse(url, `${where} is not a non-empty string`);
  return value;
}

/** Rejects a listing that names a ref twice: pages shifted under us, so the listing cannot be trusted. */
export function assertUnique(refs: Ref[], url: string): Ref[] {
  const seen = new Set<string>();
  for (const ref of refs) {
    if (seen.has(ref.name)) throw badResponse(url, `ref ${ref.name} listed twice (the listing changed while paging)`);
    seen.add(ref.name);
  }
  return refs;
}

/** `refs/heads/x` / `refs/tags/x` items of a git-refs style listing (GitHub matching-refs, Gitea git/refs). */
export function gitRefItems(items: unknown[], kind: RefKind, url: string): Ref[] {
  const prefix = kind === 'branch' ? 'refs/heads/' : 'refs/tags/';
  return items.map((item, i) => {
    const ref = requireString(field(item, ['ref']), url, `item ${i}.ref`);
    if (!ref.startsWith(prefix)) throw badResponse(url, `item ${i}.ref ${JSON.stringify(ref)} is not under ${prefix}`);
    // Annotated tags: the object is the tag object (type "tag"); its SHA is what the ref points to and
    // what changes when the tag is moved, the same SHA `git ls-remote` prints on the ref's own line.
    const sha = requireSha(field(item, ['object', 'sha']), url, `item ${i}.object.sha`);
    return { kind, name: ref.slice(prefix.length), sha };
  });
}
