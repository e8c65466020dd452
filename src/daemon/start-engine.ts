/**
 * startEngine, a step of startDaemon (daemon.ts): the poller and the delivery engine, the mirror
 * targets' initial syncs and the discover sources. Config is read through a getter: reloads replace it.
 */
import type { Config } from '../config/types.js';
import { DEFAULT_HELD_GRACE_MS } from '../delivery/dispatcher.js';
import { queueMirrorSyncs } from '../delivery/mirror/sync-queue.js';
import { createDiscoverer, type Discoverer } from '../discover/discoverer.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/registry.js';
import type { StorageHealth } from '../store/health.js';
import type { Store } from '../store/index.js';
import { VERSION } from '../version.js';
import { createEngine, type CreateEngine, type Engine } from './components.js';
import type { Cleanup } from './start-steps.js';

export interface EngineStepDeps {
  config: () => Config;
  /** the discover sources of the file's config */
  sources: NonNullable<Config['discover']>;
  store: Store;
  log: Logger;
  metrics: Metrics;
  storageHealth: StorageHealth;
  stdout?: NodeJS.WritableStream;
  createEngine?: CreateEngine;
  /** discovery found other repositories */
  onDiscovered: () => void;
  cleanups: Cleanup[];
}

export interface StartedEngine {
  engine: Engine;
  discoverer: Discoverer | undefined;
  /** queues the mirror syncs not queued yet; > 0 when the dispatcher has work */
  queueMirrorSyncs: () => number;
}

export function startEngine(d: EngineStepDeps): StartedEngine {
  const { store, log, metrics, cleanups } = d;
  const engine: Engine = (d.createEngine ?? createEngine)({
    config: d.config(),
    store,
    log,
    version: VERSION,
    targets: () => d.config().targets,
    pollMetrics: metrics.poller,
    deliveryMetrics: metrics.delivery,
    enrichmentMetrics: metrics.enrichment,
    stdout: d.stdout,
    heldGraceMs: () => d.config().storage.heldGraceMs ?? DEFAULT_HELD_GRACE_MS,
    storageHealth: d.storageHealth,
    repository: (name) => d.config().repositories.find((r) => r.name === name),
    onMirrorPushed: (target, bytes) => metrics.mirror.pushed(target, bytes),
  });
  cleanups.push(() => engine.close());
  // mirror targets' initial syncs: those never queued now (a target added, an upgrade), each
  // repository's at its baseline, and a target added by a reload
  const syncDeps = { store, config: d.config, now: Date.now, log: log.child({ component: 'mirror' }) };
  queueMirrorSyncs(syncDeps);
  const stopSyncs = engine.scheduler.onPoll?.((o) => {
    if (o.status === 'baseline' && queueMirrorSyncs(syncDeps, o.repository) > 0) engine.dispatcher.wake();
  });
  if (stopSyncs) cleanups.push(stopSyncs);
  const engineHttp = engine.http;
  const discoverer: Discoverer | undefined = engineHttp
    ? createDiscoverer({
      store, http: engineHttp, log, sources: d.sources, onChange: () => d.onDiscovered(),
      metrics: metrics.discover,
      token: engine.credentials ? (s, signal) => engine.credentials!.sourceToken(s, signal) : undefined,
    })
    : undefined;
  if (discoverer) cleanups.push(() => discoverer.stop());
  return { engine, discoverer, queueMirrorSyncs: () => queueMirrorSyncs(syncDeps) };
}
