/** `reposentry events list|show|redeliver` through the API of the running daemon. */
import type { Command } from 'commander';
import { createApiClient } from '../../api/client.js';
import { ReposentryError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { EXIT_OK } from '../exit.js';
import { resolveApiTarget, TOKEN_HELP, type ApiTargetOptions } from './api-target.js';
import { shortTime, table } from './table.js';

interface ListOptions extends ApiTargetOptions {
  repo?: string;
  status?: string;
  type?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
}

interface EventJson {
  id: string;
  type: string;
  repository: string;
  ref: string;
  before: string;
  after: string;
  detected_at: string;
  status: string | null;
}

interface DeliveryJson {
  target: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  delivered_at: string | null;
}

function withApiOptions(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'daemon API base URL (default: http://127.0.0.1:<configured port, else 8080>)')
    .option('--token <token>', TOKEN_HELP)
    .option('-c, --config <file>', 'config file to read the port and token from');
}

async function client(opts: ApiTargetOptions, ctx: CliContext) {
  return createApiClient(await resolveApiTarget(opts, ctx));
}

export async function listEvents(opts: ListOptions, ctx: CliContext): Promise<number> {
  if (opts.limit !== undefined && !/^\d+$/.test(opts.limit)) throw new ReposentryError('usage', `--limit must be a positive integer, got "${opts.limit}"`);
  const q = new URLSearchParams();
  if (opts.repo) q.set('repository', opts.repo);
  if (opts.status) q.set('status', opts.status);
  if (opts.type) q.set('type', opts.type);
  if (opts.limit) q.set('limit', opts.limit);
  if (opts.cursor) q.set('cursor', opts.cursor);
  const page = (await (await client(opts, ctx)).json('GET', `/api/v1/events${q.size ? `?${q}` : ''}`)) as { events: EventJson[]; next_cursor: string | null };
  if (opts.json) {
    ctx.out(JSON.stringify(page, null, 2));
    return EXIT_OK;
  }
  if (page.events.length === 0) {
    const filters = [opts.repo && `repository ${opts.repo}`, opts.status && `status ${opts.status}`, opts.type && `type ${opts.type}`].filter(Boolean);
    ctx.out(filters.length ? `no events match (${filters.join(', ')})` : 'no events yet: nothing has changed on a watched ref since the first poll');
    return EXIT_OK;
  }
  const rows = page.events.map((e) => [e.id, e.type, e.repository, e.ref, e.after.slice(0, 12), shortTime(e.detected_at), e.status ?? '-']);
  for (const line of table(['ID', 'TYPE', 'REPOSITORY', 'REF', 'AFTER', 'DETECTED', 'STATUS'], rows)) ctx.out(line);
  if (page.next_cursor) ctx.out(`(more: --cursor ${page.next_cursor})`);
  return EXIT_OK;
}

export async function showEvent(id: string, opts: ApiTargetOptions & { json?: boolean }, ctx: CliContext): Promise<number> {
  const body = (await (await client(opts, ctx)).json('GET', `/api/v1/events/${encodeURIComponent(id)}`)) as { event: EventJson; deliveries: DeliveryJson[] };
  if (opts.json) {
    ctx.out(JSON.stringify(body, null, 2));
    return EXIT_OK;
  }
  const e = body.event;
  ctx.out(`event ${e.id}: ${e.type} ${e.repository} ${e.ref}`);
  ctx.out(`  ${e.before} → ${e.after}, detected ${shortTime(e.detected_at)}, status ${e.status ?? '-'}`);
  ctx.out('');
  const rows = body.deliveries.map((d) => [
    d.target, d.status, String(d.attempts), d.last_status_code === null ? '-' : String(d.last_status_code),
    d.delivered_at ? shortTime(d.delivered_at) : shortTime(d.next_attempt_at), d.last_error ?? '',
  ]);
  for (const line of table(['TARGET', 'STATUS', 'ATTEMPTS', 'LAST CODE', 'DELIVERED / NEXT', 'LAST ERROR'], rows)) ctx.out(line);
  return EXIT_OK;
}

export async function redeliverEvent(id: string, opts: ApiTargetOptions & { onlyDead?: boolean }, ctx: CliContext): Promise<number> {
  const path = `/api/v1/events/${encodeURIComponent(id)}/redeliver${opts.onlyDead ? '?only_dead=true' : ''}`;
  const body = (await (await client(opts, ctx)).json('POST', path)) as { requeued: number; event_id: string };
  ctx.out(`re-queued ${body.requeued} deliver${body.requeued === 1 ? 'y' : 'ies'} of event ${body.event_id}`);
  return EXIT_OK;
}

export async function dropHeld(opts: ApiTargetOptions & { target?: string }, ctx: CliContext): Promise<number> {
  if (!opts.target) throw new ReposentryError('usage', 'events drop needs --target NAME (a target removed from the configuration)');
  const body = (await (await client(opts, ctx)).json('POST', `/api/v1/targets/${encodeURIComponent(opts.target)}/drop-held`)) as { dropped: number };
  ctx.out(`dead-lettered ${body.dropped} held deliver${body.dropped === 1 ? 'y' : 'ies'} of target ${opts.target} (redeliverable)`);
  return EXIT_OK;
}

export function registerEventsCommand(program: Command, ctx: CliContext): void {
  const events = program.command('events').description('list, show and redeliver events of a running daemon; drop held deliveries');
  withApiOptions(events.command('list').description('events, newest first'))
    .option('--repo <name>', 'only this repository')
    .option('--status <status>', 'only events with a delivery in this status: pending, delivering, delivered, held, filtered, dead')
    .option('--type <type>', 'only this event type, e.g. branch_updated')
    .option('--limit <n>', 'at most this many (1-1000, default 50)')
    .option('--cursor <cursor>', 'the next page, as printed by the previous one')
    .option('--json', 'print the API answer as JSON')
    .action(async (opts: ListOptions) => {
      ctx.exitCode = await listEvents(opts, ctx);
    });
  withApiOptions(events.command('show <id>').description('one event and its deliveries; ID may be a unique prefix (4+ characters)'))
    .option('--json', 'print the API answer as JSON')
    .action(async (id: string, opts: ApiTargetOptions & { json?: boolean }) => {
      ctx.exitCode = await showEvent(id, opts, ctx);
    });
  withApiOptions(events.command('redeliver <id>').description('re-queue its deliveries (delivered and dead ones)'))
    .option('--only-dead', 're-queue only dead-lettered deliveries')
    .action(async (id: string, opts: ApiTargetOptions & { onlyDead?: boolean }) => {
      ctx.exitCode = await redeliverEvent(id, opts, ctx);
    });
  withApiOptions(events.command('drop').description('dead-letter the held deliveries of a target removed from the configuration'))
    .option('--target <name>', 'the removed target')
    .action(async (opts: ApiTargetOptions & { target?: string }) => {
      ctx.exitCode = await dropHeld(opts, ctx);
    });
}
