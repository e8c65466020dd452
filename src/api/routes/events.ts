/** Events newest first with filters and a cursor; one event with its deliveries; redelivery. */
import type { Hono } from 'hono';
import { EVENT_TYPES, MIRROR_SYNC, type DeliveryStatus, type EventType } from '../../types.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { deliveryJson, eventJson, iso } from '../serialize.js';

const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivering', 'delivered', 'held', 'filtered', 'dead'];
const MAX_LIMIT = 1000;

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 50;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw new ApiError(400, 'bad-request', `limit must be an integer from 1 to ${MAX_LIMIT}, got "${raw}"`);
  }
  return n;
}

function parseOneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!allowed.includes(raw as T)) {
    throw new ApiError(400, 'bad-request', `${name} must be one of ${allowed.join(', ')}; got "${raw}"`);
  }
  return raw as T;
}

export function registerEventRoutes(app: Hono, deps: ApiDeps): void {
  app.get('/api/v1/events', (c) => {
    const q = c.req.query();
    const cursor = q.cursor || undefined;
    if (cursor !== undefined && !/^\d+$/.test(cursor)) {
      throw new ApiError(400, 'bad-request', 'cursor must be the next_cursor of a previous page');
    }
    const page = deps.store.events.list({
      repository: q.repository || undefined,
      type: parseOneOf<EventType | typeof MIRROR_SYNC>('type', q.type, [...EVENT_TYPES, MIRROR_SYNC]),
      status: parseOneOf('status', q.status, STATUSES),
      limit: parseLimit(q.limit),
      cursor,
    });
    return c.json({ events: page.events.map(eventJson), next_cursor: page.nextCursor });
  });

  /** The full id of an event given its id or a unique prefix of it (at least 4 characters, as git's). */
  function resolveEventId(given: string): string {
    if (deps.store.events.get(given)) return given;
    const prefix = given.toLowerCase();
    const ids = prefix.length >= 4 ? deps.store.events.idsWithPrefix(prefix, 11) : [];
    if (ids.length === 1) return ids[0];
    if (ids.length > 1) {
      const shown = ids.slice(0, 10).join(', ') + (ids.length > 10 ? ', …' : '');
      throw new ApiError(409, 'ambiguous', `event id prefix "${given}" is ambiguous; candidates: ${shown}`);
    }
    throw new ApiError(404, 'not-found', `no event with id "${given}"${given.length < 4 ? ' (a prefix needs at least 4 characters)' : ''}`);
  }

  app.get('/api/v1/events/:id', (c) => {
    const id = resolveEventId(c.req.param('id'));
    const event = deps.store.events.get(id)!;
    const deliveries = deps.store.deliveries.forEvent(id);
    return c.json({
      event: { ...eventJson(event), status: summarize(deliveries.map((d) => d.status)), data: event.data },
      deliveries: deliveries.map(deliveryJson),
    });
  });

  app.post('/api/v1/events/:id/redeliver', (c) => {
    const id = resolveEventId(c.req.param('id'));
    const onlyDead = c.req.query('only_dead') === 'true' || c.req.query('only_dead') === '1';
    const requeued = deps.dispatcher.redeliver(id, { onlyDead });
    return c.json({ event_id: id, requeued, only_dead: onlyDead }, 202);
  });

  // Held deliveries wait for their removed target to return; this is the operator's way to give up on it.
  app.post('/api/v1/targets/:name/drop-held', (c) => {
    const name = c.req.param('name');
    if (deps.config().targets.some((t) => t.name === name)) {
      throw new ApiError(409, 'conflict', `target "${name}" is configured: its deliveries are not held`);
    }
    const dropped = deps.dispatcher.dropHeld(name);
    return c.json({ target: name, dropped });
  });

  app.get('/api/v1/targets/held', (c) =>
    c.json({
      targets: deps.store.deliveries.heldTargets().map((t) => ({ target: t.target, held: t.count, held_since: iso(t.since) })),
    }),
  );
}

/** The least advanced status, as the event listing reports it. */
function summarize(statuses: DeliveryStatus[]): DeliveryStatus | null {
  for (const s of ['dead', 'delivering', 'pending', 'held'] as const) if (statuses.includes(s)) return s;
  if (statuses.length > 0 && statuses.every((s) => s === 'filtered')) return 'filtered';
  return statuses.length ? 'delivered' : null;
}
