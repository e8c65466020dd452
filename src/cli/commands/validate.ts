/** `reposentry validate [-c FILE] [--json] [--strict]` and its alias `reposentry config validate [FILE]`. */
import type { Command } from 'commander';
import { loadConfig, type ConfigProblem } from '../../config/load.js';
import { rateLimitWarnings } from '../../planner/config-warnings.js';
import type { CliContext } from '../context.js';
import { resolveConfigPath } from '../config-path.js';
import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK } from '../exit.js';
import { checkConfigCredentials } from '../../credentials/online.js';
import { formatCheckLine } from '../../credentials/run-checks.js';
import { reportJson } from './credentials.js';

interface ValidateOptions {
  config?: string;
  json?: boolean;
  strict?: boolean;
  allowUnknownKeys?: boolean;
  online?: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function problemJson(p: ConfigProblem) {
  return { path: p.path, line: p.line, col: p.col, message: p.message, file: p.file };
}

export async function runValidate(file: string, opts: ValidateOptions, ctx: CliContext): Promise<number> {
  const loaded = await loadConfig(file, { env: ctx.env, strict: opts.strict === true, allowUnknownKeys: opts.allowUnknownKeys });
  // a configuration that asks for more than its rate limits allow is valid, with a warning saying so
  const result = loaded.config ? { ...loaded, warnings: [...loaded.warnings, ...(await rateLimitWarnings(file, loaded.config))] } : loaded;
  const valid = result.errors.length === 0 && !(opts.strict && result.warnings.length > 0);
  // --online: a valid config's credentials asked of their providers (no polling)
  const online = opts.online && valid && result.config ? await checkConfigCredentials(result.config) : undefined;
  if (opts.json) {
    const doc: Record<string, unknown> = { valid, errors: result.errors.map(problemJson), warnings: result.warnings.map(problemJson) };
    if (online) doc.credentials = online.map(reportJson);
    ctx.out(JSON.stringify(doc));
  } else {
    for (const p of result.errors) ctx.out(`${p.file}:${p.line}:${p.col}  ${p.path}  error: ${p.message}`);
    for (const p of result.warnings) ctx.out(`${p.file}:${p.line}:${p.col}  ${p.path}  warning: ${p.message}`);
    const c = result.config;
    const summary = c
      ? `${file}: valid, ${plural(result.warnings.length, 'warning')} (${plural(c.repositories.length, 'repository').replace(/ys$/, 'ies')}, ${plural(c.targets.length, 'target')})`
      : `${file}: ${plural(result.errors.length, 'error')}, ${plural(result.warnings.length, 'warning')}`;
    ctx.out(summary);
  }
  if (!valid) return EXIT_INVALID;
  if (online && !opts.json) {
    const now = Date.now();
    for (const r of online) ctx.out(formatCheckLine(r, now));
  }
  return online?.some((r) => r.unusable) ? EXIT_FAILURE : EXIT_OK;
}

export function registerValidateCommand(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('check a config file and print every problem with FILE:LINE:COL; changes nothing')
    .option('-c, --config <file>', 'config file (default: $REPOSENTRY_CONFIG or ./config.yaml)')
    .option('--json', 'print {"valid","errors","warnings"} as JSON, nothing else')
    .option('--strict', 'treat warnings as errors')
    .option('--allow-unknown-keys', 'report unknown keys as warnings, not errors (a config written for a newer version; also REPOSENTRY_ALLOW_UNKNOWN_KEYS=1)')
    .option('--online', 'also check every credential against its provider (no polling); exit 1 when any is unusable')
    .action(async (opts: ValidateOptions) => {
      ctx.exitCode = await runValidate(resolveConfigPath(opts.config, ctx.env).path, opts, ctx);
    });

  // The original RepoSentry's spelling: `reposentry config validate [--config FILE]`.
  const config = program.command('config').description('configuration commands');
  config
    .command('validate [file]')
    .description('alias of `reposentry validate`')
    .option('-c, --config <file>', 'config file (default: $REPOSENTRY_CONFIG or ./config.yaml)')
    .option('--json', 'print {"valid","errors","warnings"} as JSON, nothing else')
    .option('--strict', 'treat warnings as errors')
    .option('--allow-unknown-keys', 'report unknown keys as warnings, not errors (a config written for a newer version; also REPOSENTRY_ALLOW_UNKNOWN_KEYS=1)')
    .action(async (file: string | undefined, opts: ValidateOptions) => {
      ctx.exitCode = await runValidate(resolveConfigPath(file ?? opts.config, ctx.env).path, opts, ctx);
    });
}
