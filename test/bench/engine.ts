/**
 * reposentry's engine in the benchmark's own process, wired exactly as the daemon wires it
 * (loadConfig → openStore → repositories.sync → createEngine with real metrics), minus the API
 * server and logging (silent). Bundled by run.mjs with esbuild from src/.
 */
import { loadConfig } from '../../src/config/load.js';
import { createEngine, type Engine } from '../../src/daemon/components.js';
import { silentLogger } from '../../src/log.js';
import { createMetrics } from '../../src/metrics/registry.js';
import type { PollOutcome } from '../../src/poller/poll-repository.js';
import { openStore, type Store } from '../../src/store/index.js';

export interface BenchEngine {
  engine: Engine;
  store: Store;
  repositories: number;
  /** every enabled repository once; counts by outcome status */
  pollAll(): Promise<Record<string, number> & { firstError?: string }>;
  /** every enabled repository once: counts by status, and the requests the outcomes report by listing method */
  cycle(): Promise<CycleResult>;
  /** deliveries still open (pending or in flight) */
  openDeliveries(): number;
  close(): Promise<void>;
}

/** One pollAllOnce: what the engine itself says it did. */
export interface CycleResult {
  counts: Record<string, number> & { firstError?: string };
  /** sum of outcome.requests (a GraphQL batch's query is counted on one of its repositories) */
  requests: number;
  /** polls by listing method (api, graphql, git) */
  methods: Record<string, number>;
}

export async function startBenchEngine(configFile: string): Promise<BenchEngine> {
  const loaded = await loadConfig(configFile);
  if (!loaded.config) throw new Error(`bench config invalid: ${loaded.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const config = loaded.config;
  const store = openStore(config.storage.sqlitePath);
  store.repositories.sync(config.repositories.map((r) => ({ name: r.name, url: r.url, provider: r.provider })));
  const metrics = createMetrics({ defaultMetrics: false });
  const engine = createEngine({
    config,
    store,
    log: silentLogger(),
    version: 'bench',
    targets: () => config.targets,
    pollMetrics: metrics.poller,
    deliveryMetrics: metrics.delivery,
  });
  async function cycle(): Promise<CycleResult> {
    // The daemon's view of the scheduler narrows the outcomes; the scheduler returns whole PollOutcomes.
    const outcomes = (await engine.scheduler.pollAllOnce()) as PollOutcome[];
    const counts: CycleResult['counts'] = {};
    const methods: Record<string, number> = {};
    let requests = 0;
    for (const o of outcomes) {
      counts[o.status] = (counts[o.status] ?? 0) + 1;
      if (o.error && counts.firstError === undefined) counts.firstError = o.error.message;
      if (o.method) methods[o.method] = (methods[o.method] ?? 0) + 1;
      requests += o.requests ?? 0;
    }
    return { counts, requests, methods };
  }
  const openCount = store.db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE status IN ('pending', 'delivering')`);
  return {
    engine,
    store,
    repositories: config.repositories.length,
    async pollAll() {
      return (await cycle()).counts;
    },
    cycle,
    openDeliveries: () => (openCount.get() as { n: number }).n,
    async close() {
      await engine.scheduler.stop();
      await engine.dispatcher.stop({ deadlineMs: 5000 });
      await engine.close();
      store.close();
    },
  };
}
