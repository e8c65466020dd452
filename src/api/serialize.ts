/** Store rows and config to the API's JSON: snake_case keys, ISO 8601 times, never a secret. */
import type { RepositoryConfig } from '../config/types.js';
import type { DeliveryRow, EventSummary, RepositoryRow } from '../store/index.js';
import type { ListMethod, StoredEvent } from '../types.js';
import { fullRef } from '../events/id.js';
import { withoutUserinfo } from '../redact.js';

export function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

/** Go-style duration, the spelling the config uses: 90000 → "1m30s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const parts: string[] = [];
  let s = Math.floor(ms / 1000);
  const rest = ms % 1000;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (s || rest) parts.push(rest ? `${s}.${String(rest).padStart(3, '0').replace(/0+$/, '')}s` : `${s}s`);
  return parts.join('');
}

/** `waiting_for_budget`: its provider's rate-limit budget is spent; polled again when it frees, not failing */
export type RepositoryState = 'ok' | 'error' | 'pending' | 'disabled' | 'waiting_for_budget';

export function repositoryState(repo: RepositoryConfig, row: RepositoryRow | undefined, budgetWaitUntil?: number | null): RepositoryState {
  if (!repo.enabled) return 'disabled';
  if (budgetWaitUntil) return 'waiting_for_budget';
  return row?.lastStatus ?? 'pending';
}

function expectedMethod(repo: RepositoryConfig): ListMethod {
  return repo.provider === 'git' ? 'ls-remote' : 'api';
}

export function repositoryJson(repo: RepositoryConfig, row: RepositoryRow | undefined, budgetWaitUntil?: number | null) {
  return {
    name: repo.name,
    provider: repo.provider,
    url: repo.url,
    enabled: repo.enabled,
    interval: formatDuration(repo.pollingIntervalMs),
    interval_seconds: repo.pollingIntervalMs / 1000,
    method: row?.lastMethod ?? expectedMethod(repo),
    state: repositoryState(repo, row, budgetWaitUntil),
    last_poll_at: iso(row?.lastPollAt),
    next_poll_at: iso(row?.nextPollAt),
    last_status: row?.lastStatus ?? null,
    last_error: row?.lastError ?? null,
    consecutive_failures: row?.consecutiveFailures ?? 0,
    waiting_for_budget_until: iso(budgetWaitUntil),
    refs: row?.refCount ?? 0,
    // the discover source that found it; null for a configured repository
    discovered_by: repo.discoveredBy ?? null,
  };
}

export function eventJson(e: StoredEvent | EventSummary) {
  return {
    id: e.id,
    type: e.type,
    repository: e.repositoryName,
    // rows written before credentials were split off a URL may still carry them
    repository_url: withoutUserinfo(e.repositoryUrl),
    provider: e.provider,
    ref: fullRef(e.refKind, e.refName),
    ref_kind: e.refKind,
    ref_name: e.refName,
    before: e.before,
    after: e.after,
    detected_at: iso(e.detectedAt),
    ...('deliveryStatus' in e ? { status: e.deliveryStatus } : {}),
  };
}

export function deliveryJson(d: DeliveryRow) {
  return {
    target: d.target,
    status: d.status,
    attempts: d.attempts,
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    next_attempt_at: d.status === 'pending' || d.status === 'delivering' ? iso(d.nextAttemptAt) : null,
    delivered_at: iso(d.deliveredAt),
    receiver_event_id: d.receiverEventId,
    created_at: iso(d.createdAt),
    last_attempt_at: iso(d.lastAttemptAt),
    held_since: iso(d.heldSince),
  };
}
