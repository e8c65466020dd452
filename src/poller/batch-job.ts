/**
 * Batch jobs: due repositories of one (host, token) group that the planner sends to GitHub GraphQL
 * are listed by one request in one worker slot, then each result goes through pollRepository's
 * usual diff/commit path.
 */
import pLimit from 'p-limit';
import { UpstreamError } from '../errors.js';
import type { BatchCapability, BatchItem, ListRefsResult } from '../providers/types.js';
import { listBatch, takeBatch } from './batch-pick.js';
import type { Clock } from './clock.js';
import type { DueHeap } from './due-heap.js';
import { pollRepository, type PollBase, type PollDeps, type PollOptions, type PollOutcome, type ProviderLookup } from './poll-repository.js';
import { rememberer, type Entry, type Waiter } from './schedule-entry.js';

/** What choosing a batch reads of the poll loop's state. */
export interface BatchPickContext {
  providers: ProviderLookup;
  /** batch keys of the groups the planner polls with GraphQL */
  batchGroups: ReadonlySet<string>;
  heap: DueHeap<Entry>;
  batchSize: number;
}

/** What a batch job needs from the poll loop (poll-loop.ts), which owns the scheduling state. */
export interface BatchJobHooks {
  deps: PollDeps;
  clock: Clock;
  /** polling.timeout in ms */
  timeoutMs: number;
  /** polling.max_workers: how many of the batch's polls do their work after the listing at once */
  maxWorkers: number;
  rowFor(e: Entry): PollBase;
  nextDue(e: Entry, status: 'ok' | 'error', at: number): number;
  budgetDue(e: Entry, retryAt: number): number;
  crashed(e: Entry, err: unknown): PollOutcome;
  /** the job took one worker slot */
  started(): void;
  /** the job gave its slot back: settle each repository's outcome, then look for more work */
  finished(results: Array<{ e: Entry; outcome: PollOutcome; waiters: Waiter[] }>): void;
  loopFailed(err: unknown): void;
}

function batchCapability(core: BatchPickContext, e: Entry): { capability: BatchCapability; key: string } | undefined {
  try {
    const capability = core.providers.get(e.repo.provider).batch;
    const key = capability?.key(e.repo);
    return capability && key && core.batchGroups.has(key) ? { capability, key } : undefined;
  } catch {
    return undefined; // an unknown provider fails in its own poll, with its own message
  }
}

/** The due entries to poll together with e (one worker slot), or undefined for a single poll. */
export function batchFor(core: BatchPickContext, e: Entry, now: number): { capability: BatchCapability; entries: Entry[] } | undefined {
  if (core.batchGroups.size === 0) return undefined;
  const found = batchCapability(core, e);
  if (!found) return undefined;
  const entries = takeBatch(core.heap, e, {
    now, size: Math.max(1, core.batchSize), key: found.key,
    keyOf: (other) => batchCapability(core, other)?.key ?? null,
  });
  return { capability: found.capability, entries };
}

/**
 * One job for several repositories. The shared listing's deadline is twice polling.timeout: a
 * timed-out request, then the smaller batches the provider retries with. After the listing, each
 * changed poll gets polling.timeout of its own from when the limit lets its work start, as a poll
 * holding a worker would: the work of a batch's polls runs max_workers at a time, so one deadline for
 * the whole batch would abort every poll of a large changed batch (the done ones too, all waiting for
 * the group commit) on every cycle, and their changes would never be stored.
 */
export function startBatch(core: BatchJobHooks, capability: BatchCapability, list: Entry[]): void {
  core.started();
  const timeoutMs = core.timeoutMs * 2;
  const job = new AbortController();
  const timeout = core.clock.setTimeout(
    () => job.abort(new UpstreamError('upstream-timeout', `batched poll of ${list.length} repositories took longer than ${timeoutMs} ms`)),
    timeoutMs,
  );
  const started = list.map((e) => {
    const waiters = e.waiters;
    e.waiters = [];
    e.plannedDue = null;
    const controller = new AbortController();
    e.controller = controller;
    return { e, waiters, generation: e.generation, controller, signal: AbortSignal.any([controller.signal, job.signal]) };
  });
  const run = async (): Promise<PollOutcome[]> => {
    // A row that cannot be read (stored JSON that does not parse) fails its own poll, not the batch's.
    const rows: Array<PollBase | undefined> = [];
    const listings: Array<ListRefsResult | Error | undefined> = [];
    const items: BatchItem[] = [];
    const listed: number[] = [];
    for (const [i, s] of started.entries()) {
      try {
        const row = (rows[i] = core.rowFor(s.e));
        items.push({ repo: s.e.repo, opts: { includeTags: Boolean(s.e.repo.tagRegex), state: row.state, signal: job.signal } });
        listed.push(i);
      } catch (err) {
        listings[i] = err instanceof Error ? err : new Error(String(err));
      }
    }
    if (items.length > 0) (await listBatch(capability, items, job.signal)).forEach((l, k) => (listings[listed[k]] = l));
    core.clock.clearTimeout(timeout);
    // The polls of one batch run together, and each commits once every poll of the batch is ready
    // to commit or done: their commits share one group commit. The metadata and enrichment requests
    // (and git fetches) of its changed repositories run max_workers at a time, as if each poll held
    // a worker: no burst of concurrent requests to the provider, no burst of git processes.
    const limit = pLimit(Math.max(1, core.maxWorkers));
    let waiting = started.length;
    let allReady!: () => void;
    const ready = new Promise<void>((resolve) => {
      allReady = resolve;
    });
    const arrival = () => {
      let arrived = false;
      return () => {
        if (arrived) return;
        arrived = true;
        if (--waiting === 0) allReady();
      };
    };
    // a poll's own polling.timeout, from when its work after the listing starts (see startBatch)
    const ownDeadline = <T>(s: (typeof started)[number], opts: { deadline?: number }, work: () => Promise<T>): Promise<T> => {
      opts.deadline = core.clock.monotonic() + core.timeoutMs;
      const timer = core.clock.setTimeout(
        () => s.controller.abort(new UpstreamError('upstream-timeout', `poll of ${s.e.repo.name} took longer than ${core.timeoutMs} ms (polling.timeout)`)),
        core.timeoutMs,
      );
      return work().finally(() => core.clock.clearTimeout(timer));
    };
    return Promise.all(started.map((s, i) => {
      const arrive = arrival();
      const row = rows[i];
      if (!row) {
        arrive();
        return core.crashed(s.e, listings[i]);
      }
      const opts: PollOptions = {
        signal: s.signal,
        nextPollAt: (status, at) => core.nextDue(s.e, status, at),
        filters: s.e.filters,
        isCurrent: () => s.e.active && s.e.generation === s.generation,
        listing: listings[i],
        remember: rememberer(s.e, s.generation),
        afterBudgetWait: (retryAt) => core.budgetDue(s.e, retryAt),
        limit: (work) => limit(() => ownDeadline(s, opts, work)),
        beforeCommit: () => {
          arrive();
          return ready;
        },
      };
      return pollRepository(core.deps, s.e.repo, row, opts).catch((err: unknown) => core.crashed(s.e, err)).finally(arrive);
    }));
  };
  const done = run()
    .catch((err: unknown) => started.map((s) => core.crashed(s.e, err)))
    .then((outcomes) => {
      core.clock.clearTimeout(timeout);
      core.finished(outcomes.map((outcome, i) => ({ e: started[i].e, outcome, waiters: started[i].waiters })));
    })
    .catch((err: unknown) => core.loopFailed(err));
  for (const s of started) s.e.inFlight = done;
}
