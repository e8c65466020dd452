/**
 * The named steps of startDaemon (daemon.ts), in start order: loadConfig → openStore → startEngine →
 * serveApi → watchConfig. Each takes what it needs and registers its own cleanups.
 */
import { join, resolve } from 'node:path';
import { createApp, type ApiDeps } from '../api/app.js';
import { startApiServer, type ApiServer } from '../api/server.js';
import { loadConfig as loadConfigFile, loadConfigText, type ConfigProblem, type LoadOptions, type LoadResult } from '../config/load.js';
import type { Config, LogLevel } from '../config/types.js';
import { createDaemonLogger, type Logger } from '../log.js';
import { createStorageHealth, type StorageHealth } from '../store/health.js';
import { openStore as openSqliteStore, type Store } from '../store/index.js';
import type { LogFile } from './log-file.js';
import { watchConfigFiles, type FileWatcher } from './reload.js';
import { lockDatabase } from './startup-checks.js';
import { checkDatabaseAtStart, checkDatabaseMarker, QUICK_CHECK_TIMEOUT_MS, writeDatabaseMarker } from './storage-guard.js';
import type { QuickCheck } from '../store/maintenance.js';
import type { DestinationStream } from 'pino';

export type Cleanup = () => Promise<void> | void;

/** loadConfig: how the config is read, the same at start and on every reload */
export function configLoader(o: {
  configFile: string;
  configText?: string;
  env?: Readonly<Record<string, string | undefined>>;
  allowUnknownKeys?: boolean;
}): (onSchemaValid?: LoadOptions['onSchemaValid']) => Promise<LoadResult> {
  const env = o.env ?? process.env;
  return (onSchemaValid) => {
    const options = { env, allowUnknownKeys: o.allowUnknownKeys, onSchemaValid };
    return o.configText !== undefined ? loadConfigText(o.configText, o.configFile, options) : loadConfigFile(o.configFile, options);
  };
}

/**
 * Where the config's values put the database (as normalizeConfig resolves storage.sqlite.path and
 * app.data_dir), read before the config is complete: the quick_check starts there while the rest of
 * the config is checked. Should the two ever disagree, openStore checks the file the config names.
 */
export function probableDatabasePath(data: Record<string, unknown>, configDir: string): string {
  const section = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const sqlite = section(section(data.storage).sqlite).path;
  if (typeof sqlite === 'string' && sqlite !== '') return resolve(configDir, sqlite);
  const dataDir = section(data.app).data_dir;
  return join(resolve(configDir, typeof dataDir === 'string' ? dataDir : './data'), 'reposentry.db');
}

/** the daemon's logger, writing to the configured log file too; the load's warnings are its first lines */
export async function openLogging(
  config: Config,
  o: { logLevel?: LogLevel; logDestination?: DestinationStream },
  warnings: ConfigProblem[],
): Promise<{ log: Logger; logFile: LogFile | undefined }> {
  // loaded only when a log file is configured: importing pino-roll and date-fns lengthens every start
  const logFile: LogFile | undefined = config.app.logFile
    ? await (await import('./log-file.js')).openLogFile(config.app.logFile, config.app.logFileRotation)
    : undefined;
  const log = createDaemonLogger({
    level: o.logLevel ?? config.app.logLevel,
    format: config.app.logFormat,
    files: logFile ? [logFile.stream] : [],
    stderr: o.logDestination,
  });
  for (const w of warnings) log.warn({ file: w.file, line: w.line, col: w.col, path: w.path }, `config warning: ${w.message}`);
  return { log, logFile };
}

/**
 * openStore: checks the database file against its marker and with quick_check (its worker started
 * by the caller, before the config was loaded), migrates, locks it for this process
 */
export async function openStore(
  config: Config,
  acceptEmptyDb: boolean,
  log: Logger,
  cleanups: Cleanup[],
  quickCheck: QuickCheck,
): Promise<{ store: Store; dbPath: string; storageHealth: StorageHealth }> {
  const dbPath = resolve(config.storage.sqlitePath);
  try {
    checkDatabaseMarker(dbPath, acceptEmptyDb || config.storage.acceptEmptyDb === true, log);
  } catch (err) {
    quickCheck.cancel();
    throw err;
  }
  await checkDatabaseAtStart(dbPath, log, QUICK_CHECK_TIMEOUT_MS, quickCheck);
  const store: Store = openSqliteStore(dbPath);
  cleanups.push(() => store.close());
  lockDatabase(store, dbPath);
  writeDatabaseMarker(dbPath);
  const storageHealth = createStorageHealth({ log: log.child({ component: 'storage' }) });
  return { store, dbPath, storageHealth };
}

/** serveApi: the HTTP API on api.listen:app.health_check_port */
export async function serveApi(config: Config, deps: ApiDeps, log: Logger, cleanups: Cleanup[]): Promise<ApiServer> {
  const server = await startApiServer(createApp(deps), { host: config.api.listen, port: config.app.healthCheckPort });
  cleanups.push(() => server.close());
  log.info({ host: config.api.listen, port: server.port }, 'api listening');
  return server;
}

/** watchConfig: reloads when a config file or a `*_file` secret changes */
export function watchConfig(
  config: Config,
  o: { configFile: string; watchDebounceMs?: number },
  reload: () => void,
  log: Logger,
  cleanups: Cleanup[],
): FileWatcher {
  const watcher = watchConfigFiles(config.sourceFiles.length ? watchedFiles(config) : [o.configFile], reload, {
    debounceMs: o.watchDebounceMs,
    log,
  });
  cleanups.push(() => watcher.close());
  return watcher;
}

/** The config files and the `*_file` secrets: a rotated Secret volume or credential reloads too. */
export function watchedFiles(config: Config): string[] {
  return [...config.sourceFiles, ...(config.secretFiles ?? [])];
}
