/**
 * Write-behind buffer of the poller's writes.
 * - Stamps of unchanged polls: thousands of 304s a cycle become a few transactions instead of one
 *   fsync each (an unchanged poll writes nothing beyond its poll stamp). The latest stamp per repository wins.
 * - Group commit of the polls that found something to write (a baseline, a change): the polls that
 *   finish within one turn of the event loop are written in one transaction, each in a savepoint of
 *   its own (its refs, events and deliveries whole or not at all). A poll waits for its commit, so
 *   it is reported done only once its events are stored; a crash before that loses nothing: the
 *   refs were not written either, and the next poll detects the same change again, with the same
 *   event ids.
 * Stamps buffered earlier are written first in the same transaction, so a late stamp can never
 * overwrite a newer commit. Flush before any other write for the same database.
 */
import type { CommitPollInput, CommitPollResult, PollStamp, Store } from '../store/index.js';
import type { Clock, TimerHandle } from './clock.js';

export interface StampBuffer {
  add(stamp: PollStamp): void;
  /** the buffered stamp of a repository, if any (its state is newer than the stored one) */
  get(id: number): PollStamp | undefined;
  /** queues a poll's commit for the next group commit; resolves once it is stored */
  commit(input: CommitPollInput): Promise<CommitPollResult>;
  /** writes the buffered stamps and the queued commits now */
  flush(): void;
  readonly size: number;
}

export interface StampBufferOptions {
  store: Pick<Store, 'repositories' | 'commitPolls'>;
  clock: Clock;
  /** flush this long after the first buffered stamp */
  flushMs?: number;
  /** flush at once when this many stamps are buffered */
  maxBatch?: number;
  /** at most this many polls in one group commit */
  maxCommits?: number;
  onError?: (err: unknown) => void;
}

interface QueuedCommit {
  input: CommitPollInput;
  resolve(result: CommitPollResult): void;
  reject(err: unknown): void;
}

export function createStampBuffer(opts: StampBufferOptions): StampBuffer {
  const flushMs = opts.flushMs ?? 100;
  const maxBatch = opts.maxBatch ?? 1000;
  const maxCommits = opts.maxCommits ?? 500;
  let pending = new Map<number, PollStamp>();
  let timer: TimerHandle | undefined;
  let commits: QueuedCommit[] = [];
  let immediate: NodeJS.Immediate | undefined;

  function writeStamps(): void {
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

  function flush(): void {
    if (immediate !== undefined) {
      clearImmediate(immediate);
      immediate = undefined;
    }
    if (commits.length === 0) return writeStamps();
    const group = commits;
    commits = [];
    let results: Array<CommitPollResult | Error>;
    try {
      results = opts.store.commitPolls(group.map((c) => c.input), writeStamps);
    } catch (err) {
      // the transaction failed as a whole: none of the polls is stored, each one fails
      for (const c of group) c.reject(err);
      return;
    }
    group.forEach((c, i) => {
      const r = results[i];
      if (r instanceof Error) c.reject(r);
      else c.resolve(r);
    });
  }

  return {
    add(stamp) {
      pending.set(stamp.id, stamp);
      if (pending.size >= maxBatch) flush();
      else if (timer === undefined) timer = opts.clock.setTimeout(flush, flushMs);
    },
    get: (id) => pending.get(id),
    commit(input) {
      return new Promise<CommitPollResult>((resolve, reject) => {
        commits.push({ input, resolve, reject });
        if (commits.length >= maxCommits) flush();
        // after the I/O callbacks of this turn of the event loop: the polls they finish join the group
        else immediate ??= setImmediate(flush);
      });
    },
    flush,
    get size() {
      return pending.size;
    },
  };
}
