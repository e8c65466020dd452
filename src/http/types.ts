/** Types of the shared HTTP client used by the API providers. */
import type { Dispatcher } from 'undici';
import type { RateLimitConfig } from '../config/types.js';
import type { Logger } from '../log.js';
import type { Clock } from './clock.js';
import type { AuthScheme } from './auth.js';

export type { AuthScheme } from './auth.js';

/** The `http:` section as the outbound agents read it (http/outbound.ts). */
export interface OutboundSettings {
  /** `http.proxy`: used for http and https alike; empty means the environment's */
  proxy?: string;
  /** `http.no_proxy`; empty means NO_PROXY */
  noProxy?: string;
  /** `http.ca_file`: an extra PEM bundle trusted besides the system's */
  caFile?: string;
}

export interface HttpRequestOptions {
  url: string;
  method?: 'GET' | 'HEAD' | 'POST';
  /** request body, sent as application/json (GitHub GraphQL's POST /graphql, a read-only query: safe to retry) */
  body?: string;
  headers?: Record<string, string>;
  /** secret; only ever sent as a header and hashed into the budget key */
  token?: string;
  /**
   * The budget's identity when the token itself rotates (a GitHub App installation: a new token
   * every hour, one rate limit): the budget key is (host, budgetId) instead of (host, token hash).
   */
  budgetId?: string;
  authScheme?: AuthScheme;
  /** provider id or host used to seed the budget from `rate_limit` (host name wins) */
  provider?: string;
  /**
   * A provider resource with a rate limit of its own (GitHub's `graphql`: 5,000 points an hour
   * apart from the REST `core` limit): its own budget per (host, token), driven only by answers
   * whose `x-ratelimit-resource` is this one. Absent: the REST budget (`core`).
   */
  resource?: string;
  /** previously stored ETag, sent as If-None-Match */
  etag?: string;
  /** statuses returned to the caller instead of thrown (e.g. Gitea's 404 for "no refs") */
  acceptStatuses?: number[];
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** lower-case header names */
  headers: Record<string, string>;
  body: string;
  /** the response's ETag, or the caller's old one when a 304 omits it */
  etag?: string;
  url: string;
}

/** One (host, token) budget, for the status API and metrics. Unknown values are null. */
export interface BudgetSnapshot {
  /** host + sha256(token) prefix (+ /resource); never the token */
  key: string;
  host: string;
  /** the provider resource of a budget of its own (`graphql`); absent for the REST budget */
  resource?: string;
  limit: number | null;
  remaining: number | null;
  /** epoch ms of the provider's reset, when known */
  resetAt: number | null;
  /** epoch ms until which this budget holds its requests (spent budget, Retry-After, secondary limit) */
  waitingUntil?: number;
  /** the request rate `rate_limit` sets for this budget, per second; null when it sets none */
  configuredPerSecond?: number | null;
  /** requests per second this budget spent over the last minute (304s, which cost nothing, not counted) */
  achievedPerSecond?: number;
}

/** What a provider told one budget: carried over to the client that replaces this one on a reload. */
export interface LearnedBudget {
  key: string;
  limit: number | null;
  remaining: number | null;
  resetAt: number | null;
  /** epoch ms of a hold (Retry-After, secondary limit); 0 when none */
  heldUntil: number;
}

export interface HttpClientOptions {
  /** per attempt (`polling.timeout`) */
  timeoutMs: number;
  /** retries after the first attempt (`polling.retry_attempts`) */
  retryAttempts: number;
  /** first retry delay, doubling (`polling.retry_backoff`) */
  retryBackoffMs: number;
  /** `rate_limit`, keyed by provider id or host name */
  limits?: Record<string, RateLimitConfig>;
  log: Logger;
  clock?: Clock;
  /** defaults to one keep-alive undici Agent owned (and closed) by the client */
  dispatcher?: Dispatcher;
  /** proxy, bypass list and CA bundle of the owned Agent (`http:`; the environment's proxies otherwise) */
  outbound?: OutboundSettings;
  /** connections per origin for the owned Agent (default 16) */
  connectionsPerOrigin?: number;
  /**
   * Longest a request waits for a held budget (spent, Retry-After) before failing with
   * upstream-rate-limited, so one exhausted host cannot hold poll workers for an hour. Default 120 s.
   */
  maxWaitMs?: number;
  /** budgets learned by the client this one replaces (a reload), by budget key */
  learned?: readonly LearnedBudget[];
}

export interface HttpClient {
  /** 2xx and 304 (and acceptStatuses) are returned; everything else throws UpstreamError after retries. */
  request(opts: HttpRequestOptions): Promise<HttpResponse>;
  budgets(): BudgetSnapshot[];
  /**
   * Holds the budget of (url's host, token, resource) until `at` (epoch ms): for a limit the
   * provider reports in the body of a 200 (GitHub GraphQL's RATE_LIMITED error).
   */
  holdUntil(req: Pick<HttpRequestOptions, 'url' | 'token' | 'resource' | 'provider' | 'budgetId'>, at: number): void;
  /** what the providers told each budget, to seed a client that replaces this one */
  learned(): LearnedBudget[];
  /**
   * Closes the connection pool. Waits for requests in flight, unless `force`: then they are
   * aborted at once (shutdown past its deadline).
   */
  close(opts?: { force?: boolean }): Promise<void>;
}
