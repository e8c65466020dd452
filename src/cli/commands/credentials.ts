/** `reposentry credentials check [-c FILE] [--json]`: every credential against its provider, one line each. */
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/types.js';
import { checkConfigCredentials } from '../../credentials/online.js';
import { formatCheckLine, type CheckReport } from '../../credentials/run-checks.js';
import type { CliContext } from '../context.js';
import { resolveConfigPath } from '../config-path.js';
import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK } from '../exit.js';

export function reportJson(r: CheckReport): Record<string, unknown> {
  return {
    name: r.target.name,
    kind: r.target.kind,
    provider: r.target.provider,
    repositories: r.target.repositories.map((x) => x.name),
    ok: !r.unusable,
    expiring: r.expiring,
    message: r.check.message,
    expires_at: r.check.expiresAt === undefined ? null : new Date(r.check.expiresAt).toISOString(),
    scopes: r.check.scopes ?? null,
    missing_scopes: r.check.missingScopes ?? null,
  };
}

/** Prints one line per credential (or JSON); EXIT_FAILURE when any cannot be used. */
export async function printCredentialChecks(config: Config, ctx: CliContext, json: boolean): Promise<number> {
  const reports = await checkConfigCredentials(config);
  const now = Date.now();
  if (json) {
    ctx.out(JSON.stringify({ credentials: reports.map(reportJson) }));
  } else {
    if (reports.length === 0) ctx.out('no credentials configured (no credentials: entries and no repository tokens)');
    for (const r of reports) ctx.out(formatCheckLine(r, now));
  }
  return reports.some((r) => r.unusable) ? EXIT_FAILURE : EXIT_OK;
}

export function registerCredentialsCommand(program: Command, ctx: CliContext): void {
  const credentials = program.command('credentials').description('credential commands');
  credentials
    .command('check')
    .description('check every credential against its provider without polling: one line each; exit 1 when any is unusable')
    .option('-c, --config <file>', 'config file (default: $REPOSENTRY_CONFIG or ./config.yaml)')
    .option('--json', 'print {"credentials":[…]} as JSON, nothing else')
    .action(async (opts: { config?: string; json?: boolean }) => {
      const file = resolveConfigPath(opts.config, ctx.env).path;
      const loaded = await loadConfig(file, { env: ctx.env });
      if (!loaded.config) {
        for (const p of loaded.errors) ctx.err(`${p.file}:${p.line}:${p.col}  ${p.path}  error: ${p.message}`);
        ctx.exitCode = EXIT_INVALID;
        return;
      }
      ctx.exitCode = await printCredentialChecks(loaded.config, ctx, opts.json === true);
    });
}
