/** `reposentry status [--url URL] [--token T] [--json]`: ask a running daemon how it is doing. */
import type { Command } from 'commander';
import { createApiClient } from '../../api/client.js';
import type { CliContext } from '../context.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit.js';
import { resolveApiTarget, TOKEN_HELP, type ApiTargetOptions } from './api-target.js';
import { shortTime, table } from './table.js';

interface StatusOptions extends ApiTargetOptions {
  json?: boolean;
}

interface RepositoryJson {
  name: string;
  method: string;
  state: string;
  last_poll_at: string | null;
  next_poll_at: string | null;
  refs: number;
  last_error: string | null;
}

interface StatusJson {
  version: string;
  uptime_seconds: number;
  ready: boolean;
  repositories: Record<string, number>;
  events: { pending: number; delivering: number; delivered: number; dead: number; queue_depth: number; oldest_pending_at: string | null };
  /** absent from daemons older than storage.retention */
  storage?: { size_bytes: number; free_bytes: number; rows: Record<string, number>; retention_seconds: number };
  rate_limits: Array<{ host: string; limit: number | null; remaining: number | null; reset_at: string | null; waiting_until: string | null; configured_requests_per_second?: number | null; achieved_requests_per_second?: number }>;
}

export async function runStatus(opts: StatusOptions, ctx: CliContext): Promise<number> {
  const client = createApiClient(await resolveApiTarget(opts, ctx));
  const ready = await client.request('GET', '/ready');
  const status = (await client.json('GET', '/api/v1/status')) as StatusJson;
  const { repositories } = (await client.json('GET', '/api/v1/repositories')) as { repositories: RepositoryJson[] };
  if (opts.json) {
    ctx.out(JSON.stringify({ status, repositories }, null, 2));
  } else {
    const r = status.repositories;
    ctx.out(`reposentry ${status.version}, up ${status.uptime_seconds}s, ${ready.status === 200 ? 'ready' : 'NOT READY'}`);
    const waiting = r.waiting_for_budget ? `, ${r.waiting_for_budget} waiting for rate-limit budget` : '';
    ctx.out(`repositories: ${r.total} (${r.ok} ok, ${r.error} failing, ${r.pending} not polled yet, ${r.disabled} disabled${waiting})`);
    ctx.out('');
    const rows = repositories.map((repo) => [
      repo.name,
      repo.state === 'disabled' ? 'disabled' : repo.method,
      shortTime(repo.last_poll_at),
      shortTime(repo.next_poll_at),
      String(repo.refs),
      repo.last_error ?? '',
    ]);
    for (const line of table(['REPOSITORY', 'METHOD', 'LAST POLL', 'NEXT POLL', 'REFS', 'LAST ERROR'], rows)) ctx.out(line);
    ctx.out('');
    const e = status.events;
    ctx.out(
      `queue: ${e.queue_depth} open (${e.pending} pending, ${e.delivering} delivering), ${e.delivered} delivered, ${e.dead} dead` +
        (e.oldest_pending_at ? `; oldest open since ${shortTime(e.oldest_pending_at)}` : ''),
    );
    if (status.storage) {
      const s = status.storage;
      const rows = Object.entries(s.rows).map(([table, n]) => `${n} ${table}`).join(', ');
      ctx.out(`database: ${(s.size_bytes / 1_048_576).toFixed(1)} MiB (${rows}); events kept ${Math.round(s.retention_seconds / 86_400)} days once done`);
    }
    if (status.rate_limits.length === 0) ctx.out('rate limits: no provider API requests yet');
    for (const b of status.rate_limits) {
      const left = b.remaining === null ? 'unknown' : `${b.remaining}${b.limit === null ? '' : `/${b.limit}`}`;
      const extra = b.waiting_until ? `, waiting until ${shortTime(b.waiting_until)}` : b.reset_at ? `, resets ${shortTime(b.reset_at)}` : '';
      const rate = b.configured_requests_per_second ? `; ${b.achieved_requests_per_second ?? 0}/s of ${b.configured_requests_per_second}/s configured` : '';
      ctx.out(`rate limit ${b.host}: ${left} left${extra}${rate}`);
    }
  }
  if (ready.status !== 200) {
    ctx.err('reposentry: the daemon is not ready (GET /ready answered ' + ready.status + ')');
    return EXIT_FAILURE;
  }
  return EXIT_OK;
}

export function registerStatusCommand(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description('show a running daemon: repositories, last and next polls, queue, rate limits (exit 1 when unreachable or not ready)')
    .option('--url <url>', 'daemon API base URL (default: http://127.0.0.1:<app.health_check_port of the config, else 8080>)')
    .option('--token <token>', TOKEN_HELP)
    .option('-c, --config <file>', 'config file to read the port and token from (default: $REPOSENTRY_CONFIG or ./config.yaml)')
    .option('--json', 'print the API answers as JSON')
    .action(async (opts: StatusOptions) => {
      ctx.exitCode = await runStatus(opts, ctx);
    });
}
