/**
 * What the API needs from the rest of the daemon. The scheduler and dispatcher are described by the
 * few methods the API calls, so tests pass small fakes and the real pieces fit structurally.
 */
import type { Config } from '../config/types.js';
import type { EnrichmentSummary } from '../enrich/tally.js';
import type { BudgetSnapshot } from '../http/types.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/registry.js';
import type { Store } from '../store/index.js';
import type { CredentialStatus } from '../credentials/manager.js';

/** The part of the scheduler the API uses. */
export interface ApiScheduler {
  /** polls one configured repository now (coalesced with a poll already running) */
  pollNow(name: string): Promise<unknown>;
  /** epoch ms until which the repository waits for a held rate-limit budget, or null */
  waitingForBudget?(name: string): number | null;
}

/** The part of the dispatcher the API uses. */
export interface ApiDispatcher {
  /** re-queues the event's deliveries and wakes the dispatcher; returns how many were re-queued */
  redeliver(eventId: string, opts: { onlyDead: boolean }): number;
  /** dead-letters the held deliveries of a target removed from the configuration; returns how many */
  dropHeld(target: string): number;
}

/** A readiness check; /ready answers 200 only when every check passes. */
export interface ReadinessCheck {
  name: string;
  ok: () => boolean;
  /** why it fails, when it has something to say (e.g. "degraded: disk full") */
  detail?: () => string | undefined;
}

export interface ApiDeps {
  store: Store;
  scheduler: ApiScheduler;
  dispatcher: ApiDispatcher;
  budgets: () => BudgetSnapshot[];
  config: () => Config;
  version: string;
  /** epoch ms */
  startedAt: number;
  readiness: ReadinessCheck[];
  metrics: Metrics;
  log: Logger;
  /** credential health and expiry (never a secret); absent: none reported */
  credentials?: () => CredentialStatus[];
  /** what enrichment has spent since the start; absent: the status answer has no `enrichment` */
  enrichment?: () => EnrichmentSummary;
  now?: () => number;
}
