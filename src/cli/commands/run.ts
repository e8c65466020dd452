/** `reposentry run [-c FILE] [--once] [--log-level L] [--demo]`: the daemon in the foreground. */
import { ReposentryError } from '../../errors.js';
import { Option, type Command } from 'commander';
import { ConfigInvalidError, formatProblem, startDaemon, type Daemon } from '../../daemon/daemon.js';
import { prepareDemo } from '../../daemon/demo.js';
import type { LogLevel } from '../../config/types.js';
import type { CliContext } from '../context.js';
import { resolveConfigPath } from '../config-path.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit.js';
import { limitHeapGrowth } from '../heap-growth.js';

interface RunOptions {
  config?: string;
  once?: boolean;
  allowUnknownKeys?: boolean;
  logLevel?: LogLevel;
  demo?: boolean;
  demoDir: string;
  demoRepo?: string;
  acceptEmptyDb?: boolean;
  port?: string;
}

/** SIGTERM/SIGINT stop gracefully (a second one exits at once); SIGHUP reloads. Resolves when stopped. */
function runUntilSignal(daemon: Daemon): Promise<void> {
  return new Promise((done) => {
    let signalled = false;
    function onStop(signal: NodeJS.Signals): void {
      if (signalled) {
        daemon.log.warn({ signal }, 'second signal: exiting now; leases of deliveries in flight expire and they are retried');
        process.exit(EXIT_FAILURE);
      }
      signalled = true;
      daemon.log.info({ signal }, 'signal received');
      void daemon.stop().finally(() => {
        process.off('SIGHUP', onHup);
        done();
      });
    }
    function onHup(): void {
      daemon.log.info({ signal: 'SIGHUP' }, 'reloading config');
      void daemon.reload();
    }
    process.on('SIGTERM', onStop);
    process.on('SIGINT', onStop);
    process.on('SIGHUP', onHup);
  });
}

export async function runDaemon(opts: RunOptions, ctx: CliContext): Promise<number> {
  if (opts.port !== undefined && (!opts.demo || !/^\d+$/.test(opts.port) || Number(opts.port) > 65535)) {
    throw new ReposentryError('usage', opts.demo ? `--port must be a port number (0-65535), got "${opts.port}"` : '--port applies to --demo; set app.health_check_port in the config instead');
  }
  const demo = opts.demo ? prepareDemo(opts.demoDir, opts.demoRepo, opts.port === undefined ? undefined : Number(opts.port)) : undefined;
  const configFile = demo?.configFile ?? resolveConfigPath(opts.config, ctx.env).path;
  // before the config and the repositories are loaded: the start allocates the most
  limitHeapGrowth();
  let daemon: Daemon;
  try {
    daemon = await startDaemon({ configFile, configText: demo?.configText, logLevel: opts.logLevel, once: opts.once, env: ctx.env, allowUnknownKeys: opts.allowUnknownKeys, acceptEmptyDb: opts.acceptEmptyDb });
  } catch (err) {
    if (err instanceof ConfigInvalidError) for (const p of err.problems) ctx.err(formatProblem(p));
    throw err;
  }
  if (opts.once) {
    const result = await daemon.runOnce().finally(() => daemon.stop());
    if (result.summary) ctx.err(result.summary);
    return result.ok ? EXIT_OK : EXIT_FAILURE;
  }
  if (demo) {
    ctx.err(`demo: watching ${demo.repoDir}; events print on stdout. Try: git -C ${demo.repoDir} commit --allow-empty -m hello`);
    ctx.err(`demo: API on http://127.0.0.1:${daemon.port}/api/v1/status; Ctrl-C stops`);
  }
  await runUntilSignal(daemon);
  return EXIT_OK;
}

export function registerRunCommand(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('start the daemon in the foreground (SIGTERM/SIGINT stop it, SIGHUP reloads the config)')
    .option('-c, --config <file>', 'config file (default: $REPOSENTRY_CONFIG or ./config.yaml)')
    .option('--allow-unknown-keys', 'unknown config keys are warnings, not errors (also REPOSENTRY_ALLOW_UNKNOWN_KEYS=1)')
    .option('--once', 'poll every enabled repository once, deliver what that produced; exit 0 when every poll succeeded and every delivery of its events was delivered, else 1 with a one-line summary')
    .addOption(new Option('--log-level <level>', 'override app.log_level').choices(['trace', 'debug', 'info', 'warn', 'error']))
    .option('--accept-empty-db', 'start even though the database file is missing where one existed (its pending events are lost)')
    .option('--demo', 'run on an embedded demo config: a local git repository, events printed on stdout')
    .option('--demo-dir <dir>', 'data directory of --demo (SQLite and the demo repository)', './data')
    .option('--port <port>', 'API port of --demo (default 8080; 0 picks a free one)')
    .option('--demo-repo <dir>', 'repository watched by --demo (default: <demo-dir>/demo-repo, created with one commit)')
    .action(async (opts: RunOptions) => {
      ctx.exitCode = await runDaemon(opts, ctx);
    });
}
