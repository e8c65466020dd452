/**
 * The real pieces the daemon wires, behind one factory set so tests can swap any of them.
 * Each factory gets what it needs from the config and the shared deps; the daemon owns their lifecycle.
 */
import type { Config, TargetConfig } from '../config/types.js';
import { createDispatcher } from '../delivery/dispatcher.js';
import { createHttpClient } from '../http/client.js';
import type { BudgetSnapshot } from '../http/types.js';
import type { Logger } from '../log.js';
import type { DeliveryMetrics, PollMetrics } from '../metrics/registry.js';
import { createScheduler } from '../poller/scheduler.js';
import { systemClock } from '../poller/clock.js';
import { createProviderRegistry } from '../providers/registry.js';
import type { Store } from '../store/index.js';

/** The scheduler as the daemon drives it. */
export interface DaemonScheduler {
  start(): void;
  stop(): Promise<void>;
  reload(config: Config): void;
  pollNow(name: string): Promise<{ status: string }>;
  pollAllOnce(): Promise<Array<{ repository: string; status: string; error?: { message: string } }>>;
}

/** The dispatcher as the daemon drives it. */
export interface DaemonDispatcher {
  start(): void;
  stop(opts?: { deadlineMs?: number }): Promise<void>;
  wake(): void;
  drainOnce(): Promise<{ delivered: number; failed: number; dead: number }>;
  redeliver(eventId: string, opts?: { onlyDead?: boolean }): number;
}

export interface Engine {
  scheduler: DaemonScheduler;
  dispatcher: DaemonDispatcher;
  budgets(): BudgetSnapshot[];
  close(): Promise<void>;
}

export interface EngineDeps {
  config: Config;
  store: Store;
  log: Logger;
  version: string;
  targets: () => readonly TargetConfig[];
  pollMetrics: PollMetrics;
  deliveryMetrics: DeliveryMetrics;
  /** where the log target writes */
  stdout?: NodeJS.WritableStream;
}

export type CreateEngine = (deps: EngineDeps) => Engine;

export function createEngine(deps: EngineDeps): Engine {
  const { config, store, log } = deps;
  const http = createHttpClient({
    timeoutMs: config.polling.timeoutMs,
    retryAttempts: config.polling.retryAttempts,
    retryBackoffMs: config.polling.retryBackoffMs,
    limits: config.rateLimit,
    log,
  });
  const providers = createProviderRegistry({
    http,
    git: { timeoutMs: config.polling.timeoutMs },
    log,
    enableApiFallback: config.polling.enableApiFallback,
  });
  const dispatcher = createDispatcher({
    store,
    targets: deps.targets,
    log: log.child({ component: 'delivery' }),
    version: deps.version,
    stdout: deps.stdout,
    metrics: deps.deliveryMetrics,
  });
  const scheduler = createScheduler({
    store,
    providers,
    config,
    clock: systemClock(),
    log,
    onCommitted: () => dispatcher.wake(),
    metrics: deps.pollMetrics,
  });
  return { scheduler, dispatcher, budgets: () => http.budgets(), close: () => http.close() };
}
