/**
 * Prometheus metrics on a Registry of our own (never prom-client's global default), so tests and
 * several daemons in one process do not collide. Components get small hook objects, not the registry.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BudgetSnapshot } from '../http/types.js';
import type { DeliveryStats, StorageStats } from '../store/index.js';
import type { CredentialStatus } from '../credentials/manager.js';
import type { DiscoverMetrics } from '../discover/discoverer.js';
import { createDiscoverMetrics } from './discover.js';
import { createMirrorMetrics, type MirrorMetrics } from './mirror.js';
import { createPollCounts, type PendingCount } from './poll-counts.js';

/** Hands the pending increments to prom-client (on scrape): a series appears with its first increment. */
function flushCounts<L extends Record<string, string>>(counter: Counter<Extract<keyof L, string>>, counts: Iterable<PendingCount<L>>): void {
  for (const c of counts) {
    if (c.pending === 0) continue;
    counter.inc(c.labels as never, c.pending);
    c.pending = 0;
  }
}

/** What the scheduler calls after each poll (the shape createScheduler's `metrics` takes). */
export interface PollMetrics {
  pollCompleted(outcome: { repository: string; status: string; events: number; durationMs: number; method?: string }): void;
}

/** What the dispatcher calls after each delivery attempt (the shape createDispatcher's `metrics` takes). */
export interface DeliveryMetrics {
  onOutcome(target: string, outcome: 'delivered' | 'retry' | 'dead', durationMs: number): void;
}

/** Where the metrics read what the components do not report themselves. */
export interface MetricSources {
  deliveryStats?: () => DeliveryStats;
  budgets?: () => BudgetSnapshot[];
  /** provider id of a configured repository, for the poll metrics */
  providerOf?: (repository: string) => string | undefined;
  /** event counts by type written after `afterSeq`, and the highest seq: how ref changes are counted by type */
  eventsSince?: (afterSeq: number) => { counts: Array<{ type: string; n: number }>; maxSeq: number };
  /** database size and row counts */
  storageStats?: () => StorageStats;
  now?: () => number;
  /** credentials and their last check, for the expiry gauge */
  credentials?: () => CredentialStatus[];
  /** what GET /ready answers (the gauge is 1 or 0) */
  ready?: () => boolean;
}

/** What the enricher calls once per enriched change (the shape createEnricher's `metrics` takes). */
export interface EnrichmentMetrics {
  enriched(provider: string, result: { status: 'ok' | 'unavailable'; source?: string; reason?: string }): void;
  request(provider: string): void;
}

export interface Metrics {
  registry: Registry;
  poller: PollMetrics;
  enrichment: EnrichmentMetrics;
  delivery: DeliveryMetrics;
  discover: DiscoverMetrics;
  mirror: MirrorMetrics;
  httpRequest(route: string, status: number): void;
  /** drops the per-repository series of repositories removed from the configuration */
  forgetRepositories(names: readonly string[]): void;
  /** refreshes the gauges that are read from the store and the HTTP client just before a scrape */
  setSources(sources: MetricSources): void;
  render(): Promise<string>;
  contentType: string;
}

/**
 * The gauges read at scrape time from what the daemon passes in setSources(): the delivery queue,
 * credentials, the database and the rate-limit budgets.
 */
function registerScrapeGauges(registry: Registry, read: () => MetricSources): void {
  new Gauge({
    name: 'reposentry_delivery_queue_depth',
    help: 'Deliveries pending or in flight',
    registers: [registry],
    collect() {
      const s = read().deliveryStats?.();
      this.set(s ? s.pending + s.delivering : 0);
    },
  });
  new Gauge({
    name: 'reposentry_deliveries_held',
    help: 'Deliveries held because their target was removed from the configuration',
    registers: [registry],
    collect() {
      this.set(read().deliveryStats?.()?.held ?? 0);
    },
  });
  new Gauge({
    name: 'reposentry_delivery_oldest_pending_age_seconds',
    help: 'Age of the oldest delivery not yet delivered or dead',
    registers: [registry],
    collect() {
      const s = read().deliveryStats?.();
      const now = read().now?.() ?? Date.now();
      this.set(s?.oldestPendingAt != null ? Math.max(0, (now - s.oldestPendingAt) / 1000) : 0);
    },
  });
  new Gauge({
    name: 'reposentry_credential_expiry_timestamp_seconds',
    help: 'When a credential expires (Unix time), as its provider said at the last credential check; absent when it does not expire or was not checked',
    labelNames: ['credential'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const c of read().credentials?.() ?? []) {
        if (c.check?.expiresAt !== undefined) this.set({ credential: c.name }, Math.floor(c.check.expiresAt / 1000));
      }
    },
  });
  new Gauge({
    name: 'reposentry_database_size_bytes',
    help: 'Size of the SQLite database (its pages, free ones included)',
    registers: [registry],
    collect() {
      this.set(read().storageStats?.().sizeBytes ?? 0);
    },
  });
  new Gauge({
    name: 'reposentry_database_rows',
    help: 'Rows per table of the SQLite database',
    labelNames: ['table'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const rows = read().storageStats?.().rows;
      if (rows) for (const [table, n] of Object.entries(rows)) this.set({ table }, n);
    },
  });
  new Gauge({
    name: 'reposentry_rate_limit_remaining',
    help: 'Requests left in the provider rate-limit budget, per host (lowest across tokens)',
    labelNames: ['host'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const lowest = new Map<string, number>();
      for (const b of read().budgets?.() ?? []) {
        if (b.remaining === null) continue;
        lowest.set(b.host, Math.min(lowest.get(b.host) ?? Infinity, b.remaining));
      }
      for (const [host, remaining] of lowest) this.set({ host }, remaining);
    },
  });
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  let sources: MetricSources = {};
  let lastSeq: number | undefined;

  // Polls are counted in plain integers per label set and handed to prom-client on scrape: its
  // inc() hashes the label object on every call, once per poll at 10,000 repositories a cycle.
  // The label sets are kept per repository, so a removed repository's series can be removed.
  const counts = createPollCounts();
  const polls = new Counter({
    name: 'reposentry_polls_total',
    help: 'Polls by repository, provider and result',
    labelNames: ['repository', 'provider', 'result'] as const,
    registers: [registry],
    collect() {
      flushCounts(this, counts.polls());
    },
  });
  const pollDuration = new Histogram({
    name: 'reposentry_poll_duration_seconds',
    help: 'Duration of one repository poll',
    labelNames: ['provider'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const refChanges = new Counter({
    name: 'reposentry_ref_changes_total',
    help: 'Detected ref changes by event type',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'reposentry_deliveries_total',
    help: 'Delivery attempts by target and result',
    labelNames: ['target', 'result'] as const,
    registers: [registry],
  });
  const deliveryDuration = new Histogram({
    name: 'reposentry_delivery_duration_seconds',
    help: 'Duration of one delivery attempt',
    labelNames: ['target'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const enrichments = new Counter({
    name: 'reposentry_enrichments_total',
    help: 'Enriched changes by provider, status (ok, unavailable), source (github, git) and, when unavailable, reason',
    labelNames: ['provider', 'status', 'source', 'reason'] as const,
    registers: [registry],
  });
  const enrichmentRequests = new Counter({
    name: 'reposentry_enrichment_requests_total',
    help: 'Provider API requests sent to enrich changes (compare and its further pages), by provider',
    labelNames: ['provider'] as const,
    registers: [registry],
  });
  new Counter({
    name: 'reposentry_listings_total',
    help: 'Ref listings by provider and the method that produced them (api, graphql, ls-remote), failed ones included',
    labelNames: ['provider', 'method'] as const,
    registers: [registry],
    collect() {
      flushCounts(this, counts.listings());
    },
  });
  // one label object per provider, not one per poll
  const providerLabels = new Map<string, { provider: string }>();
  new Gauge({
    name: 'reposentry_ready',
    help: '1 while GET /ready answers 200 (config loaded, storage open, scheduler and dispatcher running), else 0',
    registers: [registry],
    collect() {
      this.set(sources.ready?.() ? 1 : 0);
    },
  });
  const httpRequests = new Counter({
    name: 'reposentry_http_requests_total',
    help: 'Requests to the reposentry API by matched route and status',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  registerScrapeGauges(registry, () => sources);

  return {
    registry,
    poller: {
      pollCompleted(outcome) {
        const provider = sources.providerOf?.(outcome.repository) ?? 'unknown';
        // result: unchanged | changed | baseline | error | waiting (a held rate-limit budget)
        counts.poll(outcome.repository, provider, outcome.status);
        let byProvider = providerLabels.get(provider);
        if (!byProvider) providerLabels.set(provider, (byProvider = { provider }));
        pollDuration.observe(byProvider, outcome.durationMs / 1000);
        if (outcome.method) counts.listing(provider, outcome.method);
        if (outcome.events > 0 && sources.eventsSince) {
          // the outcome carries a count only; the new rows say which types changed (seq is indexed)
          const { counts, maxSeq } = sources.eventsSince(lastSeq ?? 0);
          for (const c of counts) refChanges.inc({ type: c.type }, c.n);
          lastSeq = maxSeq;
        }
      },
    },
    enrichment: {
      enriched(provider, result) {
        enrichments.inc({ provider, status: result.status, source: result.source ?? '', reason: result.reason ?? '' });
      },
      request(provider) {
        enrichmentRequests.inc({ provider });
      },
    },
    delivery: {
      onOutcome(target, outcome, durationMs) {
        deliveries.inc({ target, result: outcome });
        deliveryDuration.observe({ target }, durationMs / 1000);
      },
    },
    discover: createDiscoverMetrics(registry),
    forgetRepositories(names) {
      for (const name of names) {
        for (const count of counts.forget(name)) polls.remove(count.labels);
      }
    },
    mirror: createMirrorMetrics(registry),
    httpRequest(route, status) {
      httpRequests.inc({ route, status: String(status) });
    },
    setSources(s) {
      sources = s;
      // count only changes made from now on, not the history already in the database
      lastSeq = s.eventsSince?.(Number.MAX_SAFE_INTEGER).maxSeq;
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
