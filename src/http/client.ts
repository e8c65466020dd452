/**
 * The one HTTP client. Layers in fixed order (STYLE.md §9):
 * auth header → conditional request (If-None-Match) → budget per (host, token) → send with a
 * per-attempt timeout → rate-limit headers → retry (network errors, timeouts, 5xx, rate limits).
 * It keeps no ETag itself: callers pass the stored ETag and persist the returned one.
 */
import type { Dispatcher } from 'undici';
import { UpstreamError, errorMessage } from '../errors.js';
import { authHeaders } from './auth.js';
import { createBudget, budgetKey, rateLimitFor, type Budget } from './budget.js';
import { classifyStatus } from './classify.js';
import { createOutboundAgent, type OutboundAgent } from './outbound.js';
import { systemClock } from './clock.js';
import { readRateLimitHeaders } from './rate-limit-headers.js';
import { redactText } from '../redact.js';
import type { HttpClient, HttpClientOptions, HttpRequestOptions, HttpResponse } from './types.js';

interface Raw {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** undici already lower-cases header names; copy only when a repeated header came as an array. */
function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  for (const name in headers) {
    if (typeof headers[name] !== 'string') return copyHeaders(headers);
  }
  return headers as Record<string, string>;
}

function copyHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

interface Origin {
  /** the origin as the URL parser writes it */
  origin: string;
  host: string;
  hostname: string;
  /** the text before the path is that origin exactly, so the path can be sent as written */
  verbatim: boolean;
  /** budgets by token ('' for none): the token is not hashed for the budget key on every request */
  budgets: Map<string, Budget>;
}

/** Never-aborted AbortControllers kept for reuse (see send()); more would only hold memory. */
const MAX_SPARE_CONTROLLERS = 256;

// Paths the URL parser would send unchanged: no escapes to add, no dot segments, no backslash, no fragment.
const PLAIN_PATH = /^\/[\w\-.~!$&'()*+,;=:@/?%]*$/;

/** The same rate-limit error, saying when the held budget frees. */
function heldError(error: UpstreamError, retryAt: number): UpstreamError {
  return new UpstreamError('upstream-rate-limited', error.message, { status: error.status, cause: error.cause, context: { ...error.context, retryAt } });
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const clock = options.clock ?? systemClock();
  const log = options.log.child({ component: 'http' });
  const ownAgent = options.dispatcher
    ? undefined
    : createOutboundAgent(options.outbound, { keepAliveTimeout: 30_000, connections: options.connectionsPerOrigin ?? 16 });
  const dispatcher: Dispatcher = options.dispatcher ?? (ownAgent as OutboundAgent);
  /** " via proxy http://host:port" when the origin's requests go through one: a refusing proxy is named as such */
  const via = (origin: string): string => {
    const proxy = ownAgent?.proxyFor(origin);
    return proxy ? ` via proxy ${proxy}` : '';
  };
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  const budgets = new Map<string, Budget>();
  const learned = new Map((options.learned ?? []).map((l) => [l.key, l]));
  const origins = new Map<string, Origin>();
  const spareControllers: AbortController[] = [];

  /** Splits a URL into origin and path without a URL parse per request (the origin's is cached). */
  function locate(url: string): { at: Origin; path: string } {
    const slash = url.indexOf('/', url.indexOf('//') + 2);
    const prefix = slash < 0 ? url : url.slice(0, slash);
    let at = origins.get(prefix);
    if (!at) {
      const u = new URL(prefix);
      at = { origin: u.origin, host: u.host, hostname: u.hostname, verbatim: u.origin === prefix, budgets: new Map() };
      origins.set(prefix, at);
    }
    const path = slash < 0 ? '/' : url.slice(slash);
    if (at.verbatim && PLAIN_PATH.test(path) && !path.includes('/.')) return { at, path };
    const u = new URL(url);
    return { at, path: `${u.pathname}${u.search}` };
  }

  function budgetFor(host: string, hostname: string, token: string | undefined, provider: string | undefined, resource: string | undefined, budgetId?: string): Budget {
    const key = budgetKey(host, token, resource, budgetId);
    let budget = budgets.get(key);
    if (!budget) {
      const limits = options.limits ?? {};
      const config = rateLimitFor(limits, host, hostname, provider);
      // rate_limit paces REST requests; a resource of its own (GraphQL points) follows only the provider's answers
      budget = createBudget(host, token, resource ? undefined : config, clock, maxWaitMs, learned.get(key), resource, budgetId);
      budgets.set(key, budget);
    }
    return budget;
  }

  async function send(
    url: string, target: { at: Origin; path: string }, headers: Record<string, string>, method: string,
    signal: AbortSignal | undefined, payload?: string,
  ): Promise<Raw> {
    // One controller and a timer cleared on the answer. AbortSignal.timeout + AbortSignal.any were
    // slower and kept memory alive per request until the timeout fired (even after the answer): at
    // fleet scale that was most of the heap (test/bench/micro/abort-signals.mjs, docs/performance.md).
    // Controllers that were never aborted are reused: creating one per request showed in an
    // unchanged poll's CPU profile. Every listener added to one (ours, undici's) is removed when its request ends.
    const controller = spareControllers.pop() ?? new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const onAbort = (): void => controller.abort(signal?.reason);
    if (signal) {
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    }
    try {
      // The dispatcher's own request(): the global request() parsed the URL string again per call.
      const res = await dispatcher.request({
        origin: target.at.origin, path: target.path, method: method as Dispatcher.HttpMethod, headers, body: payload, signal: controller.signal,
      });
      const body = await res.body.text();
      return { status: res.statusCode, headers: flattenHeaders(res.headers), body };
    } catch (err) {
      if (signal?.aborted) throw new UpstreamError('upstream-timeout', `request aborted: ${method} ${url}`, { cause: err, context: { url } });
      if (timedOut) {
        throw new UpstreamError('upstream-timeout', `no answer within ${options.timeoutMs} ms: ${method} ${url}${via(target.at.origin)}`, { cause: err, context: { url } });
      }
      throw new UpstreamError('upstream', `request failed: ${method} ${url}${via(target.at.origin)}: ${errorMessage(err)}`, { cause: err, context: { url } });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (!controller.signal.aborted && spareControllers.length < MAX_SPARE_CONTROLLERS) spareControllers.push(controller);
    }
  }

  function budgetOf(at: Origin, opts: Pick<HttpRequestOptions, 'token' | 'resource' | 'provider' | 'budgetId'>): Budget {
    // a rotating token (budgetId) is not remembered by value: each would be a new entry for good
    const who = opts.budgetId === undefined ? (opts.token ?? '') : `\0${opts.budgetId}`;
    const slot = opts.resource ? `${who}\n${opts.resource}` : who;
    let budget = at.budgets.get(slot);
    if (!budget) {
      budget = budgetFor(at.host, at.hostname, opts.token, opts.provider, opts.resource, opts.budgetId);
      at.budgets.set(slot, budget);
    }
    return budget;
  }

  async function request(opts: HttpRequestOptions): Promise<HttpResponse> {
    const method = opts.method ?? 'GET';
    const target = locate(opts.url);
    const budget = budgetOf(target.at, opts);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'reposentry' };
    if (opts.headers) Object.assign(headers, opts.headers);
    if (opts.token) Object.assign(headers, authHeaders(opts.token, opts.authScheme));
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';

    for (let attempt = 0; ; attempt++) {
      await budget.acquire(opts.signal);
      let raw: Raw;
      try {
        raw = await send(opts.url, target, headers, method, opts.signal, opts.body);
      } catch (err) {
        budget.refund(); // no answer, no quota spent on our side of the ledger
        if (opts.signal?.aborted || attempt >= options.retryAttempts) throw err;
        const delay = options.retryBackoffMs * 2 ** attempt;
        log.debug({ attempt, url: opts.url, err: errorMessage(err), delay }, 'request failed, retrying');
        await clock.sleep(delay, opts.signal);
        continue;
      }
      const now = clock.now();
      const info = readRateLimitHeaders(raw.headers, now, opts.resource);
      if (info) budget.observe(info);
      if (raw.status === 304) {
        // GitHub: a conditional request answered 304 does not count against the primary limit.
        budget.refund();
        return { status: 304, headers: raw.headers, body: raw.body, etag: raw.headers.etag ?? opts.etag, url: opts.url };
      }
      if ((raw.status >= 200 && raw.status < 300) || opts.acceptStatuses?.includes(raw.status)) {
        return { status: raw.status, headers: raw.headers, body: raw.body, etag: raw.headers.etag, url: opts.url };
      }
      // an error body may quote the request's credentials (proxies and servers echoing headers): the
      // message built from it goes to logs, status and `credentials check`, so the token is hidden first
      const body = opts.token ? redactText(raw.body, [opts.token]) : raw.body;
      const verdict = classifyStatus(raw.status, raw.headers, body, opts.url, now, method);
      if (verdict.holdMs !== undefined) budget.holdUntil(now + verdict.holdMs);
      if (!verdict.retry || attempt >= options.retryAttempts) {
        // a hold past the retries: the caller reschedules for its end instead of counting a failure
        if (verdict.holdMs !== undefined) throw heldError(verdict.error, now + verdict.holdMs);
        throw verdict.error;
      }
      log.debug({ attempt, url: opts.url, status: raw.status, holdMs: verdict.holdMs }, 'retrying');
      // A rate-limit hold is waited out in budget.acquire (for every request of the budget); other
      // retryable answers back off exponentially.
      if (verdict.holdMs === undefined) await clock.sleep(options.retryBackoffMs * 2 ** attempt, opts.signal);
    }
  }

  return {
    request,
    holdUntil(req, at) {
      budgetOf(locate(req.url).at, req).holdUntil(at);
    },
    budgets: () => [...budgets.values()].map((b) => b.snapshot()),
    learned: () => {
      // budgets this client never used keep what the previous client learned
      const out = new Map(learned);
      for (const b of budgets.values()) out.set(b.key, b.learned());
      return [...out.values()];
    },
    async close(closeOpts = {}) {
      if (!ownAgent) return;
      // destroy() aborts requests in flight; close() lets them finish (up to polling.timeout)
      if (closeOpts.force) await ownAgent.destroy().catch(() => undefined);
      else await ownAgent.close();
    },
  };
}
