/**
 * Deterministic event ids: the same detection redone after a crash (its transaction never
 * committed) gets the same id, so receivers can drop duplicates; a later, distinct change gets a
 * new id even when (ref, before, after) repeat (A→B→A→B, a tag deleted and re-created at the same
 * SHA), because the ref's transition number is part of the name. A name-based UUID (version 5,
 * SHA-1, RFC 9562 §5.5) over (repository URL, full ref, before, after, transition) in
 * reposentry's namespace.
 */
import { createHash } from 'node:crypto';

// uuidv5(NAMESPACE_URL, "https://reposentry.dev/events")
const NAMESPACE = Buffer.from('8a1f3e0c6b2d5f4e9a7c1b3d5e7f9a0b', 'hex');

export interface EventIdInput {
  repositoryUrl: string;
  /** full ref: refs/heads/main */
  ref: string;
  before: string;
  after: string;
  /**
   * 1 for the first event of this ref in this repository, 2 for the next, …: the counter stored
   * with the ref (store.refs.transitions) plus one.
   */
  transition: number;
}

export function eventId(input: EventIdInput): string {
  const name = [input.repositoryUrl, input.ref, input.before, input.after, String(input.transition)].join('\n');
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function fullRef(kind: 'branch' | 'tag', name: string): string {
  return kind === 'branch' ? `refs/heads/${name}` : `refs/tags/${name}`;
}
