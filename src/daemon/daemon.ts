/**
 * The daemon's lifecycle. Start order: config → store (migrate, release stale leases) → API server →
 * scheduler → dispatcher; ready only when all are up. Stop order is the reverse, within a deadline.
 * The start's steps (loadConfig → openStore → startEngine → serveApi → watchConfig) are named in
 * start-steps.ts and start-engine.ts; this file wires them, and owns reload and stop.
 */
import { logWatched } from './log-watched.js';
import { runOnceWithProgress, type RunOnceResult } from './run-once.js';
import { resolve } from 'node:path';
import type { ReadinessCheck } from '../api/app.js';
import type { ApiServer } from '../api/server.js';
import { VERSION } from '../version.js';
import type { ConfigProblem } from '../config/load.js';
import type { Config, LogLevel } from '../config/types.js';
import { ReposentryError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { createMetrics, type Metrics } from '../metrics/registry.js';
import { mirrorLag } from '../delivery/mirror/lag.js';
import { mergeDiscovered } from '../discover/merge.js';
import type { CreateEngine } from './components.js';
import { diffConfig, hasChanges } from './config-diff.js';
import type { FileWatcher } from './reload.js';
import { scheduleCredentialChecks } from '../credentials/schedule-checks.js';
import { checkStorageDirs } from './startup-checks.js';
import { createEventCounter } from '../store/event-counts.js';
import { guardDatabaseFile, QUICK_CHECK_TIMEOUT_MS, type FileGuard } from './storage-guard.js';
import { prepareQuickCheck } from '../store/maintenance.js';
import { describeSqliteError } from '../store/sqlite-errors.js';
import { logRateLimitPlan } from '../planner/log-plan.js';
import { createRetention, DEFAULT_RETENTION_MS } from './retention.js';
import { configLoader, openLogging, openStore, probableDatabasePath, serveApi, watchConfig, watchedFiles, type Cleanup } from './start-steps.js';
import { startEngine } from './start-engine.js';
import { startSteps } from './start-timer.js';
import { providerLookup } from './provider-of.js';
import type { DestinationStream } from 'pino';

export const DEFAULT_STOP_DEADLINE_MS = 8_000;
/** after the deadline's aborts, how long the aborted polls get to settle (they settle at once) */
const ABORT_SETTLE_MS = 1_000;

export interface DaemonOptions {
  configFile: string;
  /** config text to load instead of reading configFile (run --demo); configFile names it in messages */
  configText?: string;
  logLevel?: LogLevel;
  /** poll everything once, deliver, and stop (run --once): no API server, no file watch */
  once?: boolean;
  env?: Readonly<Record<string, string | undefined>>;
  /** unknown config keys are warnings, not errors (`run --allow-unknown-keys`), at start and on reload */
  allowUnknownKeys?: boolean;
  /** where the `log` target writes (default process.stdout) */
  stdout?: NodeJS.WritableStream;
  /** where log lines go instead of stderr (tests) */
  logDestination?: DestinationStream;
  createEngine?: CreateEngine;
  /** debounce of file-change reloads */
  watchDebounceMs?: number;
  /** start even when the database is missing although its marker says it existed (run --accept-empty-db) */
  acceptEmptyDb?: boolean;
}

export type { RunOnceResult } from './run-once.js';

export interface ReloadResult {
  applied: boolean;
  errors: ConfigProblem[];
}

export interface Daemon {
  readonly log: Logger;
  config(): Config;
  /** the API's bound port; null in --once mode */
  readonly port: number | null;
  readonly metrics: Metrics;
  isReady(): boolean;
  reload(): Promise<ReloadResult>;
  /**
   * --once: poll all, drain deliveries. ok when every poll succeeded and every delivery of this
   * run's events was delivered; otherwise summary says in one line what is pending and why.
   */
  runOnce(): Promise<RunOnceResult>;
  stop(opts?: { deadlineMs?: number }): Promise<void>;
}

/** Thrown for an invalid config; `problems` are printed the way `validate` prints them. */
export class ConfigInvalidError extends ReposentryError {
  readonly problems: ConfigProblem[];
  constructor(file: string, problems: ConfigProblem[]) {
    super('config-invalid', `${file}: ${problems.length} error${problems.length === 1 ? '' : 's'}; the daemon did not start`);
    this.problems = problems;
  }
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.col}  ${p.path}  ${p.message}`;
}

export async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  // the database check's worker boots while the config loads; it starts checking once the config's
  // values name the file (below), and openStore awaits its verdict before opening the database
  const quickCheck = prepareQuickCheck();
  // how long each start step took, in the ready line (docs/performance.md, "Startup")
  const steps = startSteps();
  const load = configLoader(opts);
  // the check starts as soon as the config's values name the database, while the rest is checked
  const first = await load((data, configDir) => quickCheck.start(probableDatabasePath(data, configDir), QUICK_CHECK_TIMEOUT_MS)).catch((err: unknown) => {
    quickCheck.cancel();
    throw err;
  });
  steps.mark('config');
  if (!first.config) {
    quickCheck.cancel();
    throw new ConfigInvalidError(opts.configFile, first.errors);
  }
  // `base` is the file's config; `config` adds the repositories discover sources found (merge.ts)
  let base = first.config;
  let config = base;

  const { log, logFile } = await (async () => {
    checkStorageDirs(config);
    return openLogging(config, opts, first.warnings);
  })().catch((err: unknown) => {
    quickCheck.cancel();
    throw err;
  });
  // The plan (measurable at 10,000 repositories) is only a log: a daemon logs it once ready (below).
  if (opts.once) {
    logWatched(log, config);
    logRateLimitPlan(log, config);
  }
  let logPlan: NodeJS.Immediate | undefined;

  const cleanups: Cleanup[] = [];
  async function cleanup(): Promise<void> {
    if (logPlan) clearImmediate(logPlan);
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (err) {
        log.warn({ err: errorMessage(err) }, 'shutdown step failed');
      }
    }
  }
  if (logFile) {
    cleanups.push(async () => {
      log.info('stopped');
      await logFile.close();
    });
  }

  try {
    const { store, dbPath, storageHealth } = await openStore(config, opts.acceptEmptyDb === true, log, cleanups, quickCheck);
    steps.mark('store');
    config = mergeDiscovered(base, store.discovery.active()).config;
    // leases left by a previous process are released (and logged) by dispatcher.start()
    // the scheduler, created with the engine below, syncs the repositories table (once: it is the slowest step of a large start)

    const metrics = createMetrics();
    const { engine, discoverer, queueMirrorSyncs } = startEngine({
      config: () => config, sources: base.discover ?? [], store, log, metrics, storageHealth,
      stdout: opts.stdout, createEngine: opts.createEngine, onDiscovered: () => applyDiscovered(), cleanups,
    });
    steps.mark('engine');
    /** hands the scheduler the repositories discovery now watches (synchronous: never interleaves with a reload's apply) */
    function applyDiscovered(): void {
      const merged = mergeDiscovered(base, store.discovery.active());
      const changes = diffConfig(config, merged.config);
      if (!hasChanges(changes)) return;
      engine.scheduler.reload(merged.config);
      config = merged.config;
      for (const s of merged.shadowed) log.debug(s, 'discovered repository already configured; the configured one is watched');
      log.info({ added: changes.added.length, removed: changes.removed, changed: changes.changed }, 'discovered repositories applied');
    }
    const state = { scheduler: false, dispatcher: false, stopping: false };
    metrics.mirror.setLagSource(() => mirrorLag(store, config));
    metrics.setSources({
      // the same checks GET /ready answers with (below)
      ready: () => readinessChecks.every((check) => check.ok()),
      deliveryStats: () => store.deliveries.stats(),
      budgets: () => engine.budgets(),
      providerOf: providerLookup(() => config),
      eventsSince: createEventCounter(store.db),
      credentials: () => engine.credentials?.status() ?? [],
      storageStats: () => store.retention.stats(),
    });
    const retention = createRetention({
      store,
      retentionMs: () => config.storage.retentionMs ?? DEFAULT_RETENTION_MS,
      log: log.child({ component: 'retention' }),
    });

    let server: ApiServer | undefined;
    const startedAt = Date.now();
    let fileGuard: FileGuard | undefined;
    const readinessChecks: ReadinessCheck[] = [
      { name: 'config', ok: () => true },
      {
        name: 'storage',
        ok: () => store.db.open && fileGuard?.check() === 'ok' && storageHealth.ok(),
        detail: () => {
          if (fileGuard?.check() !== 'ok') return `database file ${fileGuard?.check()}: polling stopped`;
          const s = storageHealth.state();
          return s.ok ? undefined : `degraded since ${new Date(s.since!).toISOString()}: ${s.lastError}`;
        },
      },
      { name: 'scheduler', ok: () => state.scheduler && !state.stopping },
      { name: 'dispatcher', ok: () => state.dispatcher && !state.stopping },
    ];
    if (!opts.once) {
      fileGuard = guardDatabaseFile({
        store,
        path: dbPath,
        log,
        // new changes could not be committed anywhere that survives; deliveries already queued still go out
        onLost: () => void engine.scheduler.stop().catch(() => undefined),
      });
      const guard = fileGuard;
      cleanups.push(() => guard.close());
      server = await serveApi(config, {
        store,
        scheduler: engine.scheduler,
        dispatcher: {
          // the dispatcher wakes itself when something was requeued
          redeliver: (id, o) => engine.dispatcher.redeliver(id, o),
          dropHeld: (target) => engine.dispatcher.dropHeld(target),
        },
        budgets: () => engine.budgets(),
        credentials: () => engine.credentials?.status() ?? [],
        ...(engine.enrichment ? { enrichment: engine.enrichment } : {}),
        config: () => config,
        version: VERSION,
        startedAt,
        readiness: readinessChecks,
        metrics,
        log: log.child({ component: 'api' }),
      }, log, cleanups);
      engine.scheduler.start();
      state.scheduler = true;
      // only for a start that fails half-way; stop() stops the scheduler itself, within its deadline
      cleanups.push(() => (state.stopping ? undefined : withDeadline(engine.scheduler.stop(), Date.now() + 1000).then(() => undefined)));
      engine.dispatcher.start();
      state.dispatcher = true;
      discoverer?.start();
      logWatched(log, config);
      retention.start();
      cleanups.push(() => retention.stop());
      steps.mark('api');
      log.info({ version: VERSION, repositories: config.repositories.length, targets: config.targets.length, startupMs: steps.done() }, 'reposentry ready');
      if (engine.credentials && engine.http) {
        const checks = scheduleCredentialChecks({ config: () => config, http: engine.http, manager: engine.credentials, log });
        cleanups.push(() => checks.stop());
      }
      const planned = config;
      logPlan = setImmediate(() => logRateLimitPlan(log, planned));
    }

    let reloading: Promise<ReloadResult> | undefined;
    async function reloadNow(): Promise<ReloadResult> {
      const result = await load();
      if (!result.config) {
        for (const p of result.errors) log.error({ file: p.file, line: p.line, col: p.col, path: p.path }, `config reload rejected: ${formatProblem(p)}`);
        log.error({ errors: result.errors.length }, 'config reload rejected; the previous config keeps running');
        return { applied: false, errors: result.errors };
      }
      if (config.api.authToken && !result.config.api.authToken) {
        // the API, metrics and webhooks then answer anyone who can reach the port: say so loudly
        log.warn({ key: 'api.auth_token' }, 'config reload removes api.auth_token; the API answers without a token from now on');
      }
      const next = mergeDiscovered(result.config, store.discovery.active()).config;
      const changes = diffConfig(config, next);
      if (!hasChanges(changes)) {
        log.info('config reloaded; nothing changed');
        return { applied: true, errors: [] };
      }
      base = result.config;
      discoverer?.reload(base.discover ?? []);
      // the scheduler syncs the repositories table itself, after flushing its buffered poll stamps
      engine.reload(next);
      engine.scheduler.reload(next);
      // the dispatcher reads targets through the getter: in-flight attempts keep the target they started with
      config = next;
      // a removed target's pending deliveries are held (not dead-lettered); a returning one's resume
      if (!opts.once) engine.dispatcher.reconcileTargets();
      if (queueMirrorSyncs() > 0) engine.dispatcher.wake();
      watcher?.update(watchedFiles(next));
      if (opts.logLevel === undefined) log.level = next.app.logLevel;
      const { restartNeeded, ...applied } = changes;
      log.info(applied, 'config reloaded');
      // a removed repository's series would otherwise stay in /metrics forever
      metrics.forgetRepositories(changes.removed);
      for (const key of restartNeeded) log.warn({ key }, `restart needed to apply ${key}`);
      logRateLimitPlan(log, next);
      return { applied: true, errors: [] };
    }
    function reload(): Promise<ReloadResult> {
      // one reload at a time; a change during a reload triggers another afterwards
      const run = (reloading ?? Promise.resolve()).then(reloadNow, reloadNow).catch((err: unknown) => {
        log.error({ err: errorMessage(err) }, 'config reload failed');
        return { applied: false, errors: [] };
      });
      reloading = run;
      return run;
    }

    let watcher: FileWatcher | undefined;
    if (!opts.once && opts.configText === undefined) {
      watcher = watchConfig(config, opts, () => void reload(), log, cleanups);
    }

    let stopping: Promise<void> | undefined;
    async function stop(o: { deadlineMs?: number } = {}): Promise<void> {
      stopping ??= (async () => {
        state.stopping = true;
        const deadline = Date.now() + (o.deadlineMs ?? DEFAULT_STOP_DEADLINE_MS);
        log.info('stopping: no new polls or deliveries; waiting for those in flight');
        watcher?.close();
        await withDeadline(discoverer?.stop() ?? Promise.resolve(), deadline);
        const schedulerStopped = engine.scheduler.stop();
        const pollsDone = await withDeadline(schedulerStopped, deadline);
        // At the deadline every poll still in flight is aborted: it writes nothing and is simply
        // repeated on the next start. A provider that never answers cannot hold the exit.
        const polls = pollsDone ? [] : (engine.abortPolls?.('shutdown deadline reached') ?? []);
        const stopped = await engine.dispatcher.stop({ deadlineMs: Math.max(0, deadline - Date.now()) });
        const deliveries = stopped ? stopped.abandoned : 0;
        // force: the HTTP clients abort their requests in flight instead of waiting for polling.timeout
        await engine.close({ force: !pollsDone }).catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'closing the HTTP clients failed'));
        // the aborted polls settle at once now; let the scheduler log its stop before "stopped"
        if (!pollsDone) await withDeadline(schedulerStopped, Date.now() + ABORT_SETTLE_MS);
        if (polls.length > 0 || deliveries > 0) {
          log.warn({ polls, deliveries }, 'shutdown deadline reached: aborted the polls and deliveries in flight; the next start redoes them');
        }
        if (!logFile) log.info('stopped');
        await cleanup();
      })();
      return stopping;
    }

    return {
      log,
      config: () => config,
      port: server?.port ?? null,
      metrics,
      isReady: () => state.scheduler && state.dispatcher && !state.stopping,
      reload,
      stop,
      async runOnce() {
        return runOnceWithProgress({
          engine, store, log, config: () => config,
          // cron users may only ever run --once: prune here too
          prune: () => retention.pass(),
          // discover first, so run --once also polls what the sources list now
          discover: async () => {
            const listings = (await discoverer?.runOnce()) ?? [];
            applyDiscovered();
            return listings.filter((l) => l.status === 'error').map((l) => `discover source ${l.source}: listing failed: ${l.error ?? 'unknown error'}`);
          },
        });
      },
    };
  } catch (err) {
    await cleanup();
    // a SQLite failure at start (read-only file, damaged pages, full disk): one line saying what to do
    const storage = err instanceof ReposentryError ? undefined : describeSqliteError(err, resolve(config.storage.sqlitePath));
    throw storage ? new ReposentryError('storage', storage, { cause: err }) : err;
  }
}

/** true when p settled before the deadline */
async function withDeadline(p: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    p.then(() => true, () => true),
    new Promise<boolean>((done) => {
      timer = setTimeout(() => done(false), Math.max(0, deadline - Date.now()));
    }),
  ]);
  clearTimeout(timer);
  return settled;
}
