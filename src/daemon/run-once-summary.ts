/**
 * The one line `run --once` prints when it exits 1: which polls failed and which deliveries of
 * this run's events are still undelivered, and why (waiting behind an older delivery of the same
 * ref and target, a retry due later, dead, held for a removed target).
 */
import type { UndeliveredDelivery } from '../store/index.js';

/** How many items are named before "and N more": the line stays one line. */
const NAMED = 3;

function at(ms: number): string {
  return new Date(ms).toISOString();
}

function lastError(d: UndeliveredDelivery): string {
  if (d.lastStatusCode !== null) return `, last answer HTTP ${d.lastStatusCode}`;
  return d.lastError ? `, last error: ${d.lastError.split('\n')[0]}` : '';
}

function why(d: UndeliveredDelivery): string {
  if (d.blockedUntil !== null) {
    return `waits behind an older delivery of the same ref and target (its next attempt ${at(d.blockedUntil)})`;
  }
  switch (d.status) {
    case 'dead':
      return `dead${lastError(d)}`;
    case 'held':
      return 'held: its target is no longer configured';
    default:
      return `next attempt ${at(d.nextAttemptAt)}${lastError(d)}`;
  }
}

function named<T>(items: T[], describe: (item: T) => string): string {
  const shown = items.slice(0, NAMED).map(describe).join('; ');
  return items.length > NAMED ? `${shown}; and ${items.length - NAMED} more` : shown;
}

export interface RunOnceFailure {
  failedPolls: Array<{ repository: string; message?: string }>;
  undelivered: UndeliveredDelivery[];
  /** deliveries of earlier runs retried in this drain that failed or died */
  olderFailed: number;
}

/** null when nothing is pending or failed */
export function runOnceSummary(f: RunOnceFailure): string | null {
  const parts: string[] = [];
  if (f.failedPolls.length > 0) {
    const n = f.failedPolls.length;
    parts.push(`${n} poll${n === 1 ? '' : 's'} failed (${named(f.failedPolls, (p) => `${p.repository}: ${(p.message ?? 'failed').split('\n')[0]}`)})`);
  }
  if (f.undelivered.length > 0) {
    const n = f.undelivered.length;
    const list = named(f.undelivered, (d) => `${d.repositoryName} ${d.ref} → ${d.target} ${why(d)}`);
    parts.push(`${n} deliver${n === 1 ? 'y' : 'ies'} of this run's events not delivered (${list})`);
  }
  if (f.olderFailed > 0) parts.push(`${f.olderFailed} older deliver${f.olderFailed === 1 ? 'y' : 'ies'} retried without success`);
  return parts.length > 0 ? `run --once: ${parts.join('; ')}` : null;
}
