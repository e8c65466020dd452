/**
 * Batch jobs: due repositories of one (host, token) group that the planner sends to GitHub GraphQL
 * are listed by one request in one worker slot, then each result goes through pollRepository's
 * usual diff/commit path.
 */
import { UpstreamError } from '../errors.js';
import type { BatchCapability } from '../providers/types.js';
import { listBatch, takeBatch } from './batch-pick.js';
import { budgetDue, crashed, loopFailed, nextDue, pump, rememberer, rowFor, settle, type Core } from './dispatch.js';
import { pollRepository, type PollOutcome } from './poll-repository.js';
import type { Entry } from './schedule-entry.js';

function batchCapability(core: Core, e: Entry): { capability: BatchCapability; key: string } | undefined {
  try {
    const capability = core.providers.get(e.repo.provider).batch;
    const key = capability?.key(e.repo);
    return capability && key && core.batchGroups.has(key) ? { capability, key } : undefined;
  } catch {
    return undefined; // an unknown provider fails in its own poll, with its own message
  }
}

/** The due entries to poll together with e (one worker slot), or undefined for a single poll. */
export function batchFor(core: Core, e: Entry, now: number): { capability: BatchCapability; entries: Entry[] } | undefined {
  if (core.batchGroups.size === 0) return undefined;
  const found = batchCapability(core, e);
  if (!found) return undefined;
  const entries = takeBatch(core.heap, e, {
    now, size: Math.max(1, core.config.polling.batchSize), key: found.key,
    keyOf: (other) => batchCapability(core, other)?.key ?? null,
  });
  return { capability: found.capability, entries };
}

/**
 * One job for several repositories. Its deadline is twice polling.timeout: a timed-out request,
 * then the smaller batches the provider retries with.
 */
export function startBatch(core: Core, capability: BatchCapability, list: Entry[]): void {
  core.running++;
  const timeoutMs = core.config.polling.timeoutMs * 2;
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
    return { e, waiters, generation: e.generation, signal: AbortSignal.any([controller.signal, job.signal]) };
  });
  const run = async (): Promise<PollOutcome[]> => {
    const rows = started.map((s) => rowFor(core, s.e));
    const items = started.map((s, i) => ({ repo: s.e.repo, opts: { includeTags: Boolean(s.e.repo.tagRegex), state: rows[i].state, signal: job.signal } }));
    const listings = await listBatch(capability, items, job.signal);
    const outcomes: PollOutcome[] = [];
    for (const [i, s] of started.entries()) {
      const outcome = await pollRepository(core.deps, s.e.repo, rows[i], {
        signal: s.signal,
        nextPollAt: (status, at) => nextDue(core, s.e, status, at),
        filters: s.e.filters,
        isCurrent: () => s.e.active && s.e.generation === s.generation,
        listing: listings[i],
        remember: rememberer(s.e, s.generation),
        afterBudgetWait: (retryAt) => budgetDue(core, s.e, retryAt),
      }).catch((err: unknown) => crashed(core, s.e, err));
      outcomes.push(outcome);
    }
    return outcomes;
  };
  const done = run()
    .catch((err: unknown) => started.map((s) => crashed(core, s.e, err)))
    .then((outcomes) => {
      core.running--;
      core.clock.clearTimeout(timeout);
      outcomes.forEach((outcome, i) => settle(core, started[i].e, outcome, started[i].waiters));
      pump(core);
    })
    .catch((err: unknown) => loopFailed(core, err));
  for (const s of started) s.e.inFlight = done;
}
