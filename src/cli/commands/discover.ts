/**
 * `reposentry discover --dry-run [-c FILE] [--json]`: list every discover source once and print
 * what the daemon would watch, and what the rate-limit planner says about it. Starts no daemon,
 * opens no database, writes nothing.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/types.js';
import { mergeDiscovered } from '../../discover/merge.js';
import { listSource } from '../../discover/listing.js';
import { selectVerdict, type SelectVerdict } from '../../discover/select.js';
import { ReposentryError, errorMessage } from '../../errors.js';
import { createHttpClient } from '../../http/client.js';
import { silentLogger } from '../../log.js';
import { overBudgetMessages, planConfig } from '../../planner/index.js';
import type { DiscoveredRow } from '../../store/discovery.js';
import type { CliContext } from '../context.js';
import { resolveConfigPath } from '../config-path.js';
import { EXIT_FAILURE, EXIT_INVALID, EXIT_OK } from '../exit.js';

interface DiscoverOptions {
  config?: string;
  dryRun?: boolean;
  json?: boolean;
}

interface SourceReport {
  name: string;
  status: 'ok' | 'error';
  error?: string;
  listed: number;
  requests: number;
  watched: Array<{ name: string; url: string }>;
  skipped: Array<{ full_name: string; reason: SelectVerdict | 'configured' }>;
}

async function listAll(config: Config): Promise<{ reports: SourceReport[]; rows: DiscoveredRow[] }> {
  const log = silentLogger();
  const http = createHttpClient({
    timeoutMs: config.polling.timeoutMs, retryAttempts: config.polling.retryAttempts, retryBackoffMs: config.polling.retryBackoffMs,
    limits: config.rateLimit, log,
  });
  const reports: SourceReport[] = [];
  const rows: DiscoveredRow[] = [];
  try {
    for (const source of config.discover ?? []) {
      const report: SourceReport = { name: source.name, status: 'ok', listed: 0, requests: 0, watched: [], skipped: [] };
      reports.push(report);
      try {
        const listing = await listSource(http, source, []);
        report.listed = listing.repositories.length;
        report.requests = listing.requests;
        for (const repo of listing.repositories) {
          const verdict = selectVerdict(source, repo);
          if (verdict !== 'watched') {
            report.skipped.push({ full_name: repo.fullName, reason: verdict });
            continue;
          }
          rows.push({ source: source.name, fullName: repo.fullName, url: repo.url, cloneUrl: repo.cloneUrl, active: true, missing: 0, firstSeenAt: 0, lastSeenAt: 0, removedAt: null });
        }
      } catch (err) {
        const message = errorMessage(err);
        report.status = 'error';
        report.error = source.token ? message.split(source.token).join('[redacted]') : message;
      }
    }
  } finally {
    await http.close();
  }
  return { reports, rows };
}

export async function runDiscover(file: string, opts: DiscoverOptions, ctx: CliContext): Promise<number> {
  if (!opts.dryRun) {
    throw new ReposentryError('usage', 'discover needs --dry-run: the daemon (reposentry run) discovers by itself; --dry-run previews what it would watch');
  }
  const loaded = await loadConfig(file, { env: ctx.env });
  if (!loaded.config) {
    for (const p of loaded.errors) ctx.err(`${p.file}:${p.line}:${p.col}  ${p.path}  error: ${p.message}`);
    return EXIT_INVALID;
  }
  const config = loaded.config;
  const { reports, rows } = await listAll(config);
  const merged = mergeDiscovered(config, rows);
  for (const s of merged.shadowed) {
    reports.find((r) => r.name === s.source)?.skipped.push({ full_name: s.fullName, reason: 'configured' });
  }
  const found = new Map(merged.config.repositories.filter((r) => r.discoveredBy).map((r) => [r.name, r]));
  for (const r of reports) {
    r.watched = rows.filter((row) => row.source === r.name && found.get(row.fullName)?.discoveredBy === r.name).map((row) => ({ name: row.fullName, url: row.url }));
  }
  const plan = planConfig(merged.config);
  const failed = reports.some((r) => r.status === 'error');
  if (opts.json) {
    ctx.out(JSON.stringify({
      sources: reports,
      repositories: { configured: config.repositories.length, discovered: found.size },
      rate_limit_plan: plan.map((g) => ({ host: g.host, mode: g.mode, repositories: g.repositories, achievable_interval_seconds: g.achievableIntervalSeconds, configured_interval_seconds: g.configuredIntervalSeconds, over_budget: g.overBudget })),
      warnings: overBudgetMessages(plan, merged.config),
    }));
    return failed ? EXIT_FAILURE : EXIT_OK;
  }
  for (const r of reports) {
    if (r.status === 'error') {
      ctx.out(`${r.name}: listing failed: ${r.error}`);
      continue;
    }
    ctx.out(`${r.name}: ${r.listed} listed, ${r.watched.length} would be watched, ${r.skipped.length} skipped (${r.requests} requests)`);
    for (const w of r.watched) ctx.out(`  + ${w.name}  ${w.url}`);
    for (const s of r.skipped) ctx.out(`  - ${s.full_name}  (${s.reason})`);
  }
  ctx.out(`${config.repositories.length} configured + ${found.size} discovered repositories`);
  for (const g of plan) ctx.out(`plan: ${g.host} ${g.mode}: ${g.repositories} repositories, shortest sustainable interval ${g.achievableIntervalSeconds}s${g.overBudget ? ' (over budget)' : ''}`);
  for (const m of overBudgetMessages(plan, merged.config)) ctx.out(`warning: ${m}`);
  return failed ? EXIT_FAILURE : EXIT_OK;
}

export function registerDiscoverCommand(program: Command, ctx: CliContext): void {
  program
    .command('discover')
    .description('list every discover source once and print what would be watched (with --dry-run; starts no daemon, writes nothing)')
    .option('-c, --config <file>', 'config file (default: $REPOSENTRY_CONFIG or ./config.yaml)')
    .option('--dry-run', 'list and print; change nothing')
    .option('--json', 'print the result as JSON, nothing else')
    .action(async (opts: DiscoverOptions) => {
      ctx.exitCode = await runDiscover(resolveConfigPath(opts.config, ctx.env).path, opts, ctx);
    });
}
