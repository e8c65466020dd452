/**
 * The one HTTP client. Layers in fixed order:
 * auth header → conditional request (If-None-Match) → budget per (host, token) → send with a
 * per-attempt timeout (exchange.ts) → rate-limit headers → retry (network errors, timeouts, 5xx,
 * rate limits). It keeps no ETag itself: callers pass the stored ETag and persist the returned one.
 */
import type { Dispatcher } from 'undici';
import { UpstreamError, errorMessage } from '../errors.js';
import { authHeaders } from './auth.js';
import { createBudget, budgetKey, rateLimitFor, type Budget } from './budget.js';
import { classifyStatus } from './classify.js';
import { createExchange, type Raw } from './exchange.js';
import { createOrigins, type Origin } from './origins.js';
import { createOutboundAgent, type OutboundAgent } from './outbound.js';
import { systemClock, type Clock } from './clock.js';
import { readRateLimitHeaders } from './rate-limit-headers.js';
import { redactText } from '../redact.js';
import type { HttpClient, HttpClientOptions, HttpRequestOptions, HttpResponse, LearnedBudget } from './types.js';

type BudgetRequest = Pick<HttpRequestOptions, 'token' | 'resource' | 'provider' | 'budgetId'>;

/** The same rate-limit error, saying when the held budget frees. */
function heldError(error: UpstreamError, retryAt: number): UpstreamError {
  return new UpstreamError('upstream-rate-limited', error.message, { status: error.status, cause: error.cause, context: { ...error.context, retryAt } });
}

/** The budget layer's bookkeeping: one budget per (host, token, resource), found per origin without hashing the token. */
function createBudgets(options: HttpClientOptions, clock: Clock) {
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  const budgets = new Map<string, Budget>();
  const learned = new Map((options.learned ?? []).map((l) => [l.key, l]));

  function create(at: Origin, opts: BudgetRequest): Budget {
    const key = budgetKey(at.host, opts.token, opts.resource, opts.budgetId);
    let budget = budgets.get(key);
    if (!budget) {
      const config = rateLimitFor(options.limits ?? {}, at.host, at.hostname, opts.provider);
      // rate_limit paces REST requests; a resource of its own (GraphQL points) follows only the provider's answers
      budget = createBudget(at.host, opts.token, opts.resource ? undefined : config, clock, maxWaitMs, learned.get(key), opts.resource, opts.budgetId);
      budgets.set(key, budget);
    }
    return budget;
  }

  return {
    of(at: Origin, opts: BudgetRequest): Budget {
      // a rotating token (budgetId) is not remembered by value: each would be a new entry for good
      const who = opts.budgetId === undefined ? (opts.token ?? '') : `\0${opts.budgetId}`;
      const slot = opts.resource ? `${who}\n${opts.resource}` : who;
      let budget = at.budgets.get(slot);
      if (!budget) {
        budget = create(at, opts);
        at.budgets.set(slot, budget);
      }
      return budget;
    },
    all: (): Budget[] => [...budgets.values()],
    learned(): LearnedBudget[] {
      // budgets this client never used keep what the previous client learned
      const out = new Map(learned);
      for (const b of budgets.values()) out.set(b.key, b.learned());
      return [...out.values()];
    },
  };
}

/** The auth and conditional-request layers: the headers every attempt of a request sends. */
function requestHeaders(opts: HttpRequestOptions): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'reposentry' };
  if (opts.headers) Object.assign(headers, opts.headers);
  if (opts.token) Object.assign(headers, authHeaders(opts.token, opts.authScheme));
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  return headers;
}

/** An answer's verdict: returned to the caller, or an error to throw or retry (with its budget hold applied). */
type Outcome = { response: HttpResponse } | { error: UpstreamError; retry: boolean; held: boolean };

/** The rate-limit-headers layer and the status rules: what one answer means for the request and its budget. */
function judge(raw: Raw, opts: HttpRequestOptions, method: string, budget: Budget, now: number): Outcome {
  const info = readRateLimitHeaders(raw.headers, now, opts.resource);
  if (info) budget.observe(info);
  if (raw.status === 304) {
    // GitHub: a conditional request answered 304 does not count against the primary limit.
    budget.refund(now);
    return { response: { status: 304, headers: raw.headers, body: raw.body, etag: raw.headers.etag ?? opts.etag, url: opts.url } };
  }
  if ((raw.status >= 200 && raw.status < 300) || opts.acceptStatuses?.includes(raw.status)) {
    return { response: { status: raw.status, headers: raw.headers, body: raw.body, etag: raw.headers.etag, url: opts.url } };
  }
  // an error body may quote the request's credentials (proxies and servers echoing headers): the
  // message built from it goes to logs, status and `credentials check`, so the token is hidden first
  const body = opts.token ? redactText(raw.body, [opts.token]) : raw.body;
  const verdict = classifyStatus(raw.status, raw.headers, body, opts.url, now, method);
  if (verdict.holdMs !== undefined) budget.holdUntil(now + verdict.holdMs);
  // a hold past the retries: the caller reschedules for its end instead of counting a failure
  const error = verdict.holdMs !== undefined ? heldError(verdict.error, now + verdict.holdMs) : verdict.error;
  return { error, retry: verdict.retry, held: verdict.holdMs !== undefined };
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
  const send = createExchange({ dispatcher, timeoutMs: options.timeoutMs, via });
  const locate = createOrigins();
  const budgets = createBudgets(options, clock);

  async function request(opts: HttpRequestOptions): Promise<HttpResponse> {
    const method = opts.method ?? 'GET';
    const target = locate(opts.url);
    const budget = budgets.of(target.at, opts);
    const attempt = { url: opts.url, origin: target.at.origin, path: target.path, method, headers: requestHeaders(opts), body: opts.body, signal: opts.signal };
    for (let n = 0; ; n++) {
      const wait = budget.acquire(opts.signal);
      if (wait) await wait;
      let raw: Raw;
      try {
        raw = await send(attempt);
      } catch (err) {
        budget.refund(); // no answer, no quota spent on our side of the ledger
        if (opts.signal?.aborted || n >= options.retryAttempts) throw err;
        const delay = options.retryBackoffMs * 2 ** n;
        log.debug({ attempt: n, url: opts.url, err: errorMessage(err), delay }, 'request failed, retrying');
        await clock.sleep(delay, opts.signal);
        continue;
      }
      const outcome = judge(raw, opts, method, budget, clock.now());
      if ('response' in outcome) return outcome.response;
      if (!outcome.retry || n >= options.retryAttempts) throw outcome.error;
      log.debug({ attempt: n, url: opts.url, status: raw.status, held: outcome.held }, 'retrying');
      // A rate-limit hold is waited out in budget.acquire (for every request of the budget); other
      // retryable answers back off exponentially.
      if (!outcome.held) await clock.sleep(options.retryBackoffMs * 2 ** n, opts.signal);
    }
  }

  return {
    request,
    holdUntil(req, at) {
      budgets.of(locate(req.url).at, req).holdUntil(at);
    },
    budgets: () => budgets.all().map((b) => b.snapshot()),
    learned: () => budgets.learned(),
    async close(closeOpts = {}) {
      if (!ownAgent) return;
      // destroy() aborts requests in flight; close() lets them finish (up to polling.timeout)
      if (closeOpts.force) await ownAgent.destroy().catch(() => undefined);
      else await ownAgent.close();
    },
  };
}
