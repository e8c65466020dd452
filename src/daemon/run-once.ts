/**
 * `run --once`: poll every enabled repository once, deliver what that produced, and say how it
 * went: progress lines on stderr (through the log) while it runs, one summary at the end. Each
 * failed poll was already logged once, with its reason, by the poller; it is not logged again here
 * (the CLI's one-line summary names it when the run fails).
 */
import type { Config } from '../config/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import type { Engine } from './components.js';
import { runOnceSummary } from './run-once-summary.js';

/** At most one progress line this often (ms), plus one when polling is done. */
const PROGRESS_EVERY_MS = 2_000;

export interface RunOnceResult {
  ok: boolean;
  /** one line, set when ok is false */
  summary: string | null;
}

export interface RunOnceDeps {
  engine: Engine;
  store: Store;
  log: Logger;
  /** the config in force (discovery may add repositories) */
  config: () => Config;
  /** lists the discover sources and applies what they found; returns a line per failed listing */
  discover?: () => Promise<string[]>;
  /** storage.retention's pass, after the drain (never throws) */
  prune?: () => Promise<unknown>;
  now?: () => number;
}

export async function runOnceWithProgress(deps: RunOnceDeps): Promise<RunOnceResult> {
  const { engine, store, log } = deps;
  const now = deps.now ?? Date.now;
  // this run's events are those written after this seq: each of their deliveries must be delivered
  const fromSeq = store.deliveries.lastEventSeq();
  const failedListings = (await deps.discover?.()) ?? [];
  const total = deps.config().repositories.filter((r) => r.enabled).length;
  let polled = 0;
  let failed = 0;
  let events = 0;
  let lastLine = now();
  log.info({ total }, 'run --once: polling');
  const unsubscribe = engine.scheduler.onPoll?.((o) => {
    polled++;
    events += o.events;
    if (o.status === 'error') failed++;
    if (polled < total && now() - lastLine >= PROGRESS_EVERY_MS) {
      lastLine = now();
      log.info({ polled, total, failed, events }, 'run --once: progress');
    }
  });
  let outcomes: Awaited<ReturnType<Engine['scheduler']['pollAllOnce']>>;
  try {
    outcomes = await engine.scheduler.pollAllOnce();
  } finally {
    unsubscribe?.();
  }
  // a poll that waits for a held rate-limit budget did not list anything: not a success for --once
  const failedPolls = outcomes.filter((o) => o.status === 'error' || o.status === 'waiting');
  for (const o of failedPolls) if (o.status === 'waiting') log.warn({ repo: o.repository }, 'poll not done: its rate-limit budget is held');
  log.info({ polled: outcomes.length, total, failed: failedPolls.length, events }, 'run --once: polled; delivering');
  const drained = await engine.dispatcher.drainOnce();
  await deps.prune?.();
  // A delivery held back behind an older one of the same ref and target (e.g. waiting on a
  // Retry-After of an earlier run) is never attempted, so the drain's counts miss it.
  const undelivered = store.deliveries.undeliveredSince(fromSeq);
  const ok = failedListings.length === 0 && failedPolls.length === 0 && drained.failed === 0 && drained.dead === 0 && undelivered.length === 0;
  log.info(
    { ok, failedListings: failedListings.length, polls: outcomes.length, failedPolls: failedPolls.length, events, ...drained, undelivered: undelivered.length },
    ok ? 'run --once finished: all polls and deliveries succeeded' : 'run --once finished with failures',
  );
  const summary = runOnceSummary({
    failedPolls: failedPolls.map((o) => ({ repository: o.repository, message: o.error?.message })),
    undelivered,
    olderFailed: Math.max(0, drained.failed + drained.dead - undelivered.length),
  });
  return { ok, summary: ok ? null : [...failedListings, summary].filter(Boolean).join('\n') || 'run --once: a delivery failed' };
}
