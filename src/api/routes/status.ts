/** GET /api/v1/status: version, uptime, repositories by state, the delivery queue, rate-limit budgets. */
import type { Hono } from 'hono';
import { credentialPlans, planConfig } from '../../planner/index.js';
import type { ApiDeps } from '../deps.js';
import type { EnrichmentSummary } from '../../enrich/tally.js';
import { mirrorLag } from '../../delivery/mirror/lag.js';
import { DEFAULT_RETENTION_MS } from '../../store/retention.js';
import { iso, repositoryState, type RepositoryState } from '../serialize.js';
import { serializeCredential } from '../../credentials/serialize.js';

function discoverStatus(deps: ApiDeps, config: ReturnType<ApiDeps['config']>) {
  const rows = new Map(deps.store.discovery.sources().map((r) => [r.name, r]));
  const watched = new Map<string, number>();
  for (const r of config.repositories) if (r.discoveredBy) watched.set(r.discoveredBy, (watched.get(r.discoveredBy) ?? 0) + 1);
  return (config.discover ?? []).map((s) => {
    const row = rows.get(s.name);
    return {
      name: s.name,
      provider: s.provider,
      kind: s.kind,
      owner: s.owner,
      interval_seconds: s.intervalMs / 1000,
      last_listing_at: iso(row?.lastListingAt),
      last_status: row?.lastStatus ?? null,
      last_error: row?.lastError ?? null,
      found: row?.found ?? 0,
      repositories: watched.get(s.name) ?? 0,
    };
  });
}

function enrichmentBlock(s: EnrichmentSummary) {
  return { requests: s.requests, unavailable: s.unavailable, last_reason: s.lastReason };
}

export function registerStatusRoutes(app: Hono, deps: ApiDeps): void {
  const now = deps.now ?? Date.now;
  app.get('/api/v1/status', (c) => {
    const config = deps.config();
    const rows = new Map(deps.store.repositories.list().map((r) => [r.name, r]));
    const byState: Record<RepositoryState, number> = { ok: 0, error: 0, pending: 0, disabled: 0, waiting_for_budget: 0 };
    for (const repo of config.repositories) {
      byState[repositoryState(repo, rows.get(repo.name), deps.scheduler.waitingForBudget?.(repo.name))]++;
    }
    const stats = deps.store.deliveries.stats(now());
    return c.json({
      name: config.app.name,
      version: deps.version,
      started_at: iso(deps.startedAt),
      uptime_seconds: Math.round((now() - deps.startedAt) / 1000),
      ready: deps.readiness.every((check) => check.ok()),
      repositories: { total: config.repositories.length, ...byState },
      events: {
        pending: stats.pending,
        delivering: stats.delivering,
        delivered: stats.delivered,
        held: stats.held,
        dead: stats.dead,
        queue_depth: stats.pending + stats.delivering,
        oldest_pending_at: iso(stats.oldestPendingAt),
      },
      // discover sources: the last listing of each (omitted when none is configured)
      ...((config.discover?.length ?? 0) > 0 ? { discover: discoverStatus(deps, config) } : {}),
      // mirror targets: refs behind the source (mirror lag) and the last push (omitted when none)
      ...(config.targets.some((t) => t.format === 'mirror')
        ? { mirrors: mirrorLag(deps.store, config).map((l) => ({ target: l.target, refs_behind: l.refsBehind, refs_in_sync: l.refsInSync, last_push_at: iso(l.lastPushAt) })) }
        : {}),
      storage: storageBlock(deps),
      // provider requests spent on enrichment (they share the polling budgets) and what failed
      ...(deps.enrichment ? { enrichment: enrichmentBlock(deps.enrichment()) } : {}),
      // host-level view only: the budget key embeds a token hash, which is nobody's business
      rate_limits: deps.budgets().map((b) => ({
        host: b.host,
        // absent: the REST budget; `graphql`: GitHub's GraphQL points, a limit of their own
        ...(b.resource ? { resource: b.resource } : {}),
        limit: b.limit,
        remaining: b.remaining,
        reset_at: iso(b.resetAt),
        waiting_until: iso(b.waitingUntil),
        // what rate_limit sets and what the last minute achieved (a gap means the budget or the fleet limits it)
        configured_requests_per_second: b.configuredPerSecond ?? null,
        achieved_requests_per_second: b.achievedPerSecond ?? 0,
      })),
      credentials: (deps.credentials?.() ?? []).map(serializeCredential),
      // per (host, token) group, without the token hash either (two tokens on one host are two rows)
      rate_limit_plan: planConfig(config).map((g) => ({
        host: g.host,
        mode: g.mode,
        repositories: g.repositories,
        requests_per_minute: Math.round(g.requestsPerMinute * 100) / 100,
        graphql_points_per_hour: g.graphqlPointsPerHour === null ? null : Math.round(g.graphqlPointsPerHour),
        achievable_interval_seconds: g.achievableIntervalSeconds,
        configured_interval_seconds: g.configuredIntervalSeconds,
        over_budget: g.overBudget,
        ...(g.credential !== undefined ? { credential: g.credential } : {}),
      })),
      // the same, per `credentials:` entry (a GitHub App's installations added up)
      credential_plan: credentialPlans(planConfig(config)).map((c) => ({
        credential: c.credential,
        host: c.host,
        repositories: c.repositories,
        requests_per_minute: Math.round(c.requestsPerMinute * 100) / 100,
        budget_per_minute: c.budgetPerMinute === null ? null : Math.round(c.budgetPerMinute * 100) / 100,
        achievable_interval_seconds: c.achievableIntervalSeconds,
        over_budget: c.overBudget,
      })),
    });
  });
}

/** Database size and row counts; storage.retention prunes events (and their deliveries). */
function storageBlock(deps: ApiDeps) {
  const s = deps.store.retention.stats();
  return {
    size_bytes: s.sizeBytes,
    free_bytes: s.freeBytes,
    rows: s.rows,
    retention_seconds: Math.round((deps.config().storage.retentionMs ?? DEFAULT_RETENTION_MS) / 1000),
  };
}
