/** The scheduler's bookkeeping for one enabled repository, and the errors its callers see. */
import type { RepositoryConfig } from '../config/types.js';
import { ReposentryError } from '../errors.js';
import { compileFilters, type CompiledFilters } from './diff.js';
import type { HeapItem } from './due-heap.js';
import type { PollBase, PollOutcome } from './poll-repository.js';

export interface Waiter {
  resolve(o: PollOutcome): void;
  reject(e: unknown): void;
}

export interface Entry extends HeapItem {
  repo: RepositoryConfig;
  filters: CompiledFilters;
  consecutiveFailures: number;
  inFlight: Promise<void> | null;
  /** the controller of the poll in flight; null between polls */
  controller: AbortController | null;
  /** callers of pollNow waiting for the next poll to start and finish */
  waiters: Waiter[];
  /** false once removed or disabled by a reload */
  active: boolean;
  /** bumped when the URL or provider changes, so an older in-flight poll writes nothing */
  generation: number;
  /** the due time the last poll planned (and recorded in SQLite) */
  plannedDue: number | null;
  /**
   * The row's provider state (ETags), metadata and baseline as last read or written: SQLite is read
   * only when this is null (a new entry without a synced row, a changed identity), not on every poll.
   */
  row: PollBase | null;
  /** epoch ms: the last poll found its rate-limit budget held and runs again then; null otherwise */
  budgetWaitUntil: number | null;
  /** monotonic clock time at which the poll in flight is aborted (polling.timeout), and that timeout */
  deadline: number;
  timeoutMs: number;
}

export function newEntry(repo: RepositoryConfig, consecutiveFailures: number, seq: number, row: PollBase | null = null): Entry {
  return {
    repo, filters: compileFilters(repo), consecutiveFailures, inFlight: null, controller: null, waiters: [],
    active: true, generation: 0, plannedDue: null, dueAt: 0, priority: 1, seq, heapIndex: -1, row, budgetWaitUntil: null, deadline: 0, timeoutMs: 0,
  };
}

/**
 * Aborts the entry's poll in flight. The controller is dropped at once, so it is never handed to
 * another poll and nobody reads `signal.aborted` per poll to find out.
 */
export function abortPoll(e: Entry, reason: Error): void {
  const controller = e.controller;
  e.controller = null;
  controller?.abort(reason);
}

/** Keeps a poll's new row in memory unless its repository changed identity meanwhile. */
export function rememberer(e: Entry, generation: number): (row: PollBase) => void {
  return (row) => {
    if (e.generation === generation) e.row = row;
  };
}

export function stoppedError(): ReposentryError {
  return new ReposentryError('internal', 'the scheduler is stopped');
}

export function notFound(name: string): ReposentryError {
  return new ReposentryError('not-found', `no enabled repository named "${name}"`, { context: { repository: name } });
}
