/**
 * Write-behind buffer for the poll stamps of unchanged repositories: thousands of 304s a cycle
 * become a few transactions instead of one fsync each (DESIGN §7: "no write beyond its poll stamp").
 * The latest stamp per repository wins. Flush before any other write for the same database so a
 * late stamp can never overwrite a newer commit.
 */
import type { PollStamp, Store } from '../store/index.js';
import type { Clock, TimerHandle } from './clock.js';

export interface StampBuffer {
  add(stamp: PollStamp): void;
  /** the buffered stamp of a repository, if any (its state is newer than the stored one) */
  get(id: number): PollStamp | undefined;
  flush(): void;
  readonly size: number;
}

export interface StampBufferOptions {
  store: Pick<Store, 'repositories'>;
  clock: Clock;
  /** flush this long after the first buffered stamp */
  flushMs?: number;
  /** flush at once when this many stamps are buffered */
  maxBatch?: number;
  onError?: (err: unknown) => void;
}

export function createStampBuffer(opts: StampBufferOptions): StampBuffer {
  const flushMs = opts.flushMs ?? 100;
  const maxBatch = opts.maxBatch ?? 1000;
  let pending = new Map<number, PollStamp>();
  let timer: TimerHandle | undefined;

  function flush(): void {
    if (timer !== undefined) {
      opts.clock.clearTimeout(timer);
      timer = undefined;
    }
    if (pending.size === 0) return;
    const batch = [...pending.values()];
    pending = new Map();
    try {
      opts.store.repositories.stampUnchanged(batch);
    } catch (err) {
      // A stamp is bookkeeping only; losing one means the status shows an older poll time.
      opts.onError?.(err);
    }
  }

  return {
    add(stamp) {
      pending.set(stamp.id, stamp);
      if (pending.size >= maxBatch) flush();
      else if (timer === undefined) timer = opts.clock.setTimeout(flush, flushMs);
    },
    get: (id) => pending.get(id),
    flush,
    get size() {
      return pending.size;
    },
  };
}
