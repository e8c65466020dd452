/**
 * The real pieces the daemon wires, behind one factory set so tests can swap any of them.
 * Each factory gets what it needs from the config and the shared deps; the daemon owns their lifecycle.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Config, RepositoryConfig, TargetConfig } from '../config/types.js';
import { createDispatcher } from '../delivery/dispatcher.js';
import { createHttpClient } from '../http/client.js';
import { gitOutboundEnv } from '../http/outbound.js';
import type { BudgetSnapshot, HttpClient, LearnedBudget } from '../http/types.js';
import type { Logger } from '../log.js';
import type { DeliveryMetrics, EnrichmentMetrics, PollMetrics } from '../metrics/registry.js';
import { createEnricher } from '../enrich/enricher.js';
import { createEnrichmentTally, type EnrichmentSummary } from '../enrich/tally.js';
import { createGitCache } from '../git-cache/cache.js';
import { createScheduler } from '../poller/scheduler.js';
import { systemClock } from '../poller/clock.js';
import { createProviderRegistry } from '../providers/registry.js';
import { graphqlGroups, planConfig } from '../planner/index.js';
import type { Store } from '../store/index.js';
import { createCredentialManager, type CredentialHooks, type CredentialManager } from '../credentials/manager.js';
import type { StorageHealth } from '../store/health.js';

/** The scheduler as the daemon drives it. */
export interface DaemonScheduler {
  start(): void;
  stop(): Promise<void>;
  reload(config: Config): void;
  pollNow(name: string): Promise<{ status: string }>;
  pollAllOnce(): Promise<Array<{ repository: string; status: string; error?: { message: string } }>>;
  /** every finished poll, for run --once's progress; returns the unsubscribe */
  onPoll?(listener: (outcome: { repository: string; status: string; events: number }) => void): () => void;
}

/** The dispatcher as the daemon drives it. */
export interface DaemonDispatcher {
  start(): void;
  /** resolves with how many attempts in flight were aborted at the deadline (when it tells) */
  stop(opts?: { deadlineMs?: number }): Promise<void | { abandoned: number }>;
  wake(): void;
  drainOnce(): Promise<{ delivered: number; failed: number; dead: number }>;
  redeliver(eventId: string, opts?: { onlyDead?: boolean }): number;
  reconcileTargets(): unknown;
  dropHeld(target: string): number;
}

export interface Engine {
  scheduler: DaemonScheduler;
  dispatcher: DaemonDispatcher;
  budgets(): BudgetSnapshot[];
  /** credential tokens and health (absent in engines built by tests without credentials) */
  credentials?: CredentialManager;
  /** the polling HTTP client (discovery lists through it, sharing its budgets); absent in test fakes */
  http?: () => HttpClient;
  /** what enrichment has spent since the start (GET /api/v1/status); absent in test fakes */
  enrichment?: () => EnrichmentSummary;
  /** applies polling.timeout/retry_*, enable_api_fallback and rate_limit changes (the scheduler reloads itself) */
  reload(config: Config): void;
  /**
   * Shutdown past its deadline: aborts every poll in flight (each writes nothing and is polled
   * again on the next start). Returns the repositories whose polls were cut.
   */
  abortPolls?(reason: string): string[];
  /** closes the HTTP clients; `force` aborts their requests in flight instead of waiting for them */
  close(opts?: { force?: boolean }): Promise<void>;
}

export interface EngineDeps {
  config: Config;
  store: Store;
  log: Logger;
  version: string;
  targets: () => readonly TargetConfig[];
  pollMetrics: PollMetrics;
  deliveryMetrics: DeliveryMetrics;
  enrichmentMetrics?: EnrichmentMetrics;
  /** where the log target writes */
  stdout?: NodeJS.WritableStream;
  /** storage.held_grace_period of the current config */
  heldGraceMs?: () => number;
  /** shared by the dispatcher and the scheduler */
  storageHealth?: StorageHealth;
  /** the repository as currently configured or discovered (mirror targets fetch with its token) */
  repository?: (name: string) => RepositoryConfig | undefined;
  /** bytes each mirror push sent */
  onMirrorPushed?: (target: string, bytes: number) => void;
}

export type CreateEngine = (deps: EngineDeps) => Engine;

/** The settings the HTTP client and the provider registry are built from. */
function transportSettings(config: Config) {
  return {
    timeoutMs: config.polling.timeoutMs,
    retryAttempts: config.polling.retryAttempts,
    retryBackoffMs: config.polling.retryBackoffMs,
    enableApiFallback: config.polling.enableApiFallback,
    limits: config.rateLimit,
    outbound: config.http,
    allowFileUrls: config.security.allowFileUrls === true,
  };
}

function createTransport(config: Config, log: Logger, credentials: CredentialHooks, learned?: readonly LearnedBudget[]) {
  const t = transportSettings(config);
  const http = createHttpClient({
    timeoutMs: t.timeoutMs, retryAttempts: t.retryAttempts, retryBackoffMs: t.retryBackoffMs, limits: t.limits, outbound: t.outbound, log, learned,
    // A hold longer than half the poll's time is not waited out inside the poll (which would then
    // time out and count as a failure): the poll ends at once and is rescheduled for the hold's end.
    maxWaitMs: Math.max(1, Math.floor(t.timeoutMs / 2)),
  });
  const git = { timeoutMs: t.timeoutMs, extraEnv: gitOutboundEnv(t.outbound), allowFile: t.allowFileUrls };
  const providers = createProviderRegistry({ http, git, log, enableApiFallback: t.enableApiFallback, credentials });
  return { http, providers, settings: t };
}

export function createEngine(deps: EngineDeps): Engine {
  const { config, store, log } = deps;
  // outlives transport rebuilds: App tokens stay cached; requests go through the current client
  const credentials = createCredentialManager({ config, http: () => transport.http, clock: systemClock(), log });
  let transport = createTransport(config, log, credentials);
  // clients replaced by a reload, closed once the polls that started on them have finished
  const retired = new Set<ReturnType<typeof createTransport>['http']>();
  let closing: Promise<void> | undefined;
  // one cache for enrichment (partial clones) and mirror targets (the full-object variant): <data_dir>/git-cache/
  // the fetch is not bounded by the enrichment wait (it warms the cache for the next change), only by this
  const gitCache = createGitCache({ dataDir: config.app.dataDir, fetchTimeoutMs: Math.max(config.polling.timeoutMs * 10, 60_000), readTimeoutMs: config.polling.timeoutMs, log });
  const mirror = {
    // the same per-repository cache as commit enrichment: <data_dir>/git-cache/ (full-object variant)
    cache: gitCache,
    store: store.mirror,
    repository: deps.repository ?? ((name: string) => config.repositories.find((r) => r.name === name)),
    now: Date.now,
    // replaced on a reload that changes http: pushes started afterwards use the new proxy and CA
    extraEnv: gitOutboundEnv(config.http),
    onPushed: deps.onMirrorPushed,
  };
  const dispatcher = createDispatcher({
    store,
    targets: deps.targets,
    log: log.child({ component: 'delivery' }),
    version: deps.version,
    stdout: deps.stdout,
    metrics: deps.deliveryMetrics,
    outbound: config.http,
    heldGraceMs: deps.heldGraceMs,
    storageHealth: deps.storageHealth,
    mirror,
  });
  let fallback = config.polling.enableApiFallback;
  const enrichTally = createEnrichmentTally(deps.enrichmentMetrics);
  const enricher = createEnricher({
    http: () => transport.http,
    cache: gitCache,
    log,
    apiFallback: () => fallback,
    metrics: enrichTally,
    // a repository served by a GitHub App compares with its installation token, as it lists
    authorize: (repo, signal) => (credentials.needsToken(repo) ? credentials.authorize(repo, signal) : Promise.resolve(repo)),
  });
  const scheduler = createScheduler({
    store,
    enricher,
    // read through the current transport, so a reload that rebuilds it reaches the next poll
    providers: { get: (id) => transport.providers.get(id) },
    config,
    clock: systemClock(),
    log,
    onCommitted: () => dispatcher.wake(),
    storageHealth: deps.storageHealth,
    metrics: deps.pollMetrics,
    // polling.github_mode, or the planner's choice under auto: which GitHub groups list in GraphQL batches
    batchGroups: (cfg) => graphqlGroups(planConfig(cfg)),
  });
  return {
    scheduler,
    dispatcher,
    budgets: () => transport.http.budgets(),
    credentials,
    http: () => transport.http,
    enrichment: () => enrichTally.snapshot(),
    reload(next: Config): void {
      credentials.reload(next);
      fallback = next.polling.enableApiFallback;
      // deliveries and mirror pushes follow a changed http: section (in-flight ones finish as they started)
      dispatcher.setOutbound(next.http);
      mirror.extraEnv = gitOutboundEnv(next.http);
      if (isDeepStrictEqual(transportSettings(next), transport.settings)) return;
      // New polls use the new client. Polls in flight keep the provider (and so the client) they
      // started with for their next requests (page 2, tags, metadata): the old client is closed
      // only when they have finished. What the providers told the old budgets (remaining, reset,
      // holds) carries over to the new one for each (host, token).
      const old = transport.http;
      transport = createTransport(next, log, credentials, old.learned());
      retired.add(old);
      void scheduler.inFlightSettled().then(async () => {
        if (!retired.delete(old)) return; // closed by close() meanwhile
        await old.close().catch((err: unknown) => log.warn({ err }, 'closing the replaced HTTP client failed'));
      });
      log.info('HTTP client rebuilt for new polling/rate_limit settings');
    },
    abortPolls: (reason) => scheduler.abortInFlight(reason),
    close(opts = {}) {
      // once: the daemon's stop closes it (by force past the deadline), its cleanup again
      closing ??= (async () => {
        credentials.close();
        gitCache.close();
        const clients = [...retired, transport.http];
        retired.clear();
        await Promise.allSettled(clients.map((c) => c.close(opts)));
      })();
      return closing;
    },
  };
}
