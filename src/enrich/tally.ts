/**
 * What enrichment has spent since the daemon started, for GET /api/v1/status: the provider API
 * requests it sent (compare, and a page each past the first), the changes it could not enrich and
 * the last reason why. Forwards every call to the Prometheus metrics, which keep the per-provider
 * series.
 */
import type { EnrichMetrics } from './enricher.js';

export interface EnrichmentSummary {
  requests: number;
  unavailable: number;
  /** the reason class of the last unavailable change (not-found, rate-limited, timeout…), null when none */
  lastReason: string | null;
}

export interface EnrichmentTally extends EnrichMetrics {
  snapshot(): EnrichmentSummary;
}

export function createEnrichmentTally(forward?: EnrichMetrics): EnrichmentTally {
  const sum: EnrichmentSummary = { requests: 0, unavailable: 0, lastReason: null };
  return {
    enriched(provider, result) {
      if (result.status === 'unavailable') {
        sum.unavailable++;
        sum.lastReason = result.reason ?? null;
      }
      forward?.enriched(provider, result);
    },
    request(provider) {
      sum.requests++;
      forward?.request?.(provider);
    },
    snapshot: () => ({ ...sum }),
  };
}
