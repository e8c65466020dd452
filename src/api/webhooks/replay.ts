/**
 * Drops a replayed GitHub webhook: GitHub's "Redeliver" button and a proxy retrying a slow answer send
 * the same X-GitHub-Delivery again, and each copy would otherwise cost a poll. Ids are remembered for
 * a window (a few minutes), at most `max` of them, oldest forgotten first.
 */
export interface ReplayGuard {
  /** true when this id was seen within the window (a replay); records it otherwise */
  seen(id: string): boolean;
}

export const REPLAY_WINDOW_MS = 5 * 60 * 1000;
const MAX_REMEMBERED = 10_000;

export function createReplayGuard(opts: { now?: () => number; windowMs?: number; max?: number } = {}): ReplayGuard {
  const now = opts.now ?? Date.now;
  const windowMs = opts.windowMs ?? REPLAY_WINDOW_MS;
  const max = opts.max ?? MAX_REMEMBERED;
  // insertion order is arrival order, so expired ids are always at the front
  const ids = new Map<string, number>();
  return {
    seen(id) {
      const at = now();
      for (const [old, t] of ids) {
        if (t > at - windowMs && ids.size < max) break;
        ids.delete(old);
      }
      if (ids.has(id)) return true;
      ids.set(id, at);
      return false;
    },
  };
}
