/**
 * GET / : the read-only status page (api.ui: false turns it off), and the one action it offers,
 * POST /ui/events/:id/redeliver for a dead event. Same token as /api/*: a browser sends it as the
 * password of HTTP Basic auth (it prompts), scripts as a Bearer token. The POST also refuses
 * cross-site requests (Origin check), so a browser that remembers the password cannot be made to
 * redeliver from another site.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { ApiDeps } from '../deps.js';
import { safeEqual } from '../auth.js';
import { errorBody } from '../errors.js';
import { repositoryState } from '../serialize.js';
import { renderStatusPage, type PageRepository } from '../ui/page.js';

/** Repositories listed besides the failing ones (a fleet of 10,000 would make a page nobody reads). */
const LISTED_REPOSITORIES = 200;
const RECENT_EVENTS = 25;
const REFRESH_SECONDS = 15;

function tokenFrom(header: string): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

function uiAuth(deps: ApiDeps): MiddlewareHandler {
  return async (c, next) => {
    if (deps.config().api.ui === false) return c.json(errorBody('not-found', 'the status page is turned off (api.ui: false)'), 404);
    const expected = deps.config().api.authToken;
    if (expected) {
      const given = tokenFrom(c.req.header('authorization') ?? '');
      if (given === undefined || !safeEqual(given, expected)) {
        c.header('WWW-Authenticate', 'Basic realm="reposentry", charset="UTF-8"');
        return c.text('401: the status page needs the API token (api.auth_token) as the password; any user name\n', 401);
      }
    }
    await next();
  };
}

/**
 * A form POST must come from this page: its Origin's host is the one the request was sent to
 * (host only: a TLS-terminating proxy in front changes the scheme, not the host).
 */
function sameOrigin(): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    let host: string | undefined;
    try {
      host = origin ? new URL(origin).host : undefined;
    } catch {
      host = undefined;
    }
    if (!host || host !== (c.req.header('host') ?? new URL(c.req.url).host)) {
      return c.text('403: refused a request from another site (or without an Origin header); use the API with a token instead\n', 403);
    }
    await next();
  };
}

function failingFirst(a: PageRepository, b: PageRepository): number {
  const rank = (r: PageRepository) => (r.state === 'error' ? 0 : r.state === 'waiting_for_budget' ? 1 : 2);
  return rank(a) - rank(b) || (a.failingSince ?? 0) - (b.failingSince ?? 0) || a.name.localeCompare(b.name);
}

function page(c: Context, deps: ApiDeps, notice?: string) {
  const now = (deps.now ?? Date.now)();
  const config = deps.config();
  const rows = new Map(deps.store.repositories.list().map((r) => [r.name, r]));
  const all: PageRepository[] = config.repositories.map((repo) => {
    const row = rows.get(repo.name);
    return {
      name: repo.name,
      provider: repo.provider,
      state: repositoryState(repo, row, deps.scheduler.waitingForBudget?.(repo.name)),
      method: row?.lastMethod ?? (repo.provider === 'git' ? 'ls-remote' : 'api'),
      lastPollAt: row?.lastPollAt ?? null,
      nextPollAt: row?.nextPollAt ?? null,
      refs: row?.refCount ?? 0,
      lastError: row?.lastStatus === 'error' ? row.lastError : null,
      failingSince: row?.failingSince ?? null,
      consecutiveFailures: row?.consecutiveFailures ?? 0,
    };
  });
  all.sort(failingFirst);
  const failing = all.filter((r) => r.state === 'error').length;
  const listed = all.slice(0, Math.max(failing, LISTED_REPOSITORIES));
  return c.html(renderStatusPage({
    name: config.app.name,
    version: deps.version,
    ready: deps.readiness.every((check) => check.ok()),
    now,
    startedAt: deps.startedAt,
    repositories: listed,
    moreRepositories: all.length - listed.length,
    totalRepositories: all.length,
    failing,
    targets: deps.store.deliveries.statsByTarget(),
    budgets: deps.budgets(),
    events: deps.store.events.list({ limit: RECENT_EVENTS }).events.map((e) => ({
      id: e.id, type: e.type, repository: e.repositoryName, ref: `refs/${e.refKind === 'tag' ? 'tags' : 'heads'}/${e.refName}`,
      after: e.after, detectedAt: e.detectedAt, status: e.deliveryStatus,
    })),
    refreshSeconds: REFRESH_SECONDS,
    notice,
  }));
}

export function registerUiRoutes(app: Hono, deps: ApiDeps): void {
  app.use('/', uiAuth(deps));
  app.use('/ui/*', uiAuth(deps), sameOrigin());
  app.get('/', (c) => {
    const done = c.req.query('redelivered');
    return page(c, deps, done ? `re-queued the dead deliveries of event ${done}` : undefined);
  });
  app.post('/ui/events/:id/redeliver', (c) => {
    const id = c.req.param('id');
    if (!deps.store.events.get(id)) return c.text(`no event with id "${id}"\n`, 404);
    deps.dispatcher.redeliver(id, { onlyDead: true });
    // Post/Redirect/Get: a reload of the page does not post again
    return c.redirect(`/?redelivered=${encodeURIComponent(id)}#events`, 303);
  });
}
