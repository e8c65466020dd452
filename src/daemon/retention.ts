/**
 * storage.retention at run time: a pass every hour (the first a minute after start) deletes done
 * events older than the retention in small batches — one short transaction each, the event loop
 * free in between, so polls and deliveries never wait long for the database — then returns the
 * freed pages to the file system in chunks (incremental vacuum).
 */
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import { DEFAULT_RETENTION_MS } from '../store/retention.js';

export { DEFAULT_RETENTION_MS };

const BATCH = 500;
const VACUUM_CHUNK_PAGES = 1000;
const FIRST_PASS_MS = 60_000;
const PASS_EVERY_MS = 3_600_000;

export interface RetentionOptions {
  store: Pick<Store, 'retention'>;
  /** read at every pass, so a reload applies to the next one */
  retentionMs: () => number;
  log: Logger;
  now?: () => number;
  batchSize?: number;
  firstPassMs?: number;
  intervalMs?: number;
}

export interface PassResult {
  deleted: number;
  vacuumedPages: number;
}

export interface Retention {
  start(): void;
  stop(): void;
  /** one pass now; never throws (a failure is logged and the next pass tries again) */
  pass(): Promise<PassResult>;
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createRetention(opts: RetentionOptions): Retention {
  const now = opts.now ?? Date.now;
  const batchSize = Math.max(1, opts.batchSize ?? BATCH);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<PassResult> | undefined;
  let stopped = false;

  async function passNow(): Promise<PassResult> {
    const result: PassResult = { deleted: 0, vacuumedPages: 0 };
    try {
      const before = now() - opts.retentionMs();
      for (;;) {
        const n = opts.store.retention.pruneBatch(before, batchSize);
        result.deleted += n;
        if (n < batchSize || stopped) break;
        await yieldToLoop();
      }
      while (!stopped) {
        const freed = opts.store.retention.incrementalVacuum(VACUUM_CHUNK_PAGES);
        result.vacuumedPages += freed;
        if (freed < VACUUM_CHUNK_PAGES) break;
        await yieldToLoop();
      }
      if (result.deleted > 0 || result.vacuumedPages > 0) opts.log.info({ ...result, retentionMs: opts.retentionMs() }, 'retention: old events pruned');
    } catch (err) {
      opts.log.error({ err: errorMessage(err) }, 'retention pass failed; the next pass tries again');
    }
    return result;
  }

  function pass(): Promise<PassResult> {
    running ??= passNow().finally(() => {
      running = undefined;
    });
    return running;
  }

  function arm(ms: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void pass().finally(() => arm(opts.intervalMs ?? PASS_EVERY_MS));
    }, ms);
    timer.unref();
  }

  return {
    start() {
      stopped = false;
      arm(opts.firstPassMs ?? FIRST_PASS_MS);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
    pass,
  };
}
