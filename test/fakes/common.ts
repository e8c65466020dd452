/**
 * Shared plumbing of the fake provider APIs: a real node:http server on 127.0.0.1:0, request
 * counters, failure injection ("the next N requests fail with …") and a primary rate-limit window.
 * The per-request path stays cheap (no JSON work here) because the benchmark drives it hard.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** What an injected failure answers instead of the real handler. */
export type Failure =
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'malformed' }
  /** GitHub's secondary limit: 403 whose body says so; retryAfter '' means header absent */
  | { kind: 'secondary-limit'; retryAfter?: string; status?: 403 | 429 }
  | { kind: 'too-many-requests'; retryAfter?: string }
  /** accept the connection and never answer */
  | { kind: 'hang' };

export type RateLimitStyle = 'github' | 'gitlab' | 'none';

export interface RateWindow {
  limit: number;
  remaining: number;
  /** epoch seconds */
  reset: number;
}

export interface FakeServerControl {
  readonly url: string;
  /**
   * the next `count` requests (optionally only those whose path contains pathIncludes) fail this
   * way, after letting `skip` matching requests through (e.g. break page 2 of a listing)
   */
  failNext(count: number, failure: Failure, pathIncludes?: string, skip?: number): void;
  setRateLimit(window: Partial<RateWindow>): void;
  rateLimit(): RateWindow;
  /** requests seen, optionally only those whose path (without query) contains the text */
  count(pathIncludes?: string): number;
  countByStatus(status: number): number;
  /** request log: method, path with query, status, selected headers */
  readonly log: RequestRecord[];
  resetCounters(): void;
  /**
   * Runs before each request is answered (after failure injection is decided), e.g. to change
   * refs between the pages of one listing; undefined removes it.
   */
  beforeAnswer(hook: ((path: string, query: URLSearchParams) => void) | undefined): void;
  /**
   * Answers to paths matching `path` are written only after `ms` (undefined: at once again), so
   * requests overlap; heldPeak() is the most of them in flight at once (received, not yet answered).
   */
  holdAnswers(path: RegExp | undefined, ms?: number): void;
  heldPeak(): number;
  close(): Promise<void>;
}

export interface RequestRecord {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string | undefined>;
}

export interface FakeServerOptions {
  rateLimitStyle: RateLimitStyle;
  /** message body for a spent primary limit */
  rateLimitBody: string;
  /** keep a request log (off in benchmarks) */
  keepLog?: boolean;
}

/** `body` is read only for POST requests (GitHub GraphQL); GETs are answered without waiting for it. */
export type Handler = (req: IncomingMessage, path: string, query: URLSearchParams, body: string) => FakeAnswer;

interface Pending {
  remaining: number;
  failure: Failure;
  pathIncludes?: string;
  skip: number;
}

function failureAnswer(failure: Failure): FakeAnswer | 'hang' {
  switch (failure.kind) {
    case 'status':
      return { status: failure.status, body: failure.body ?? JSON.stringify({ message: `fake ${failure.status}` }) };
    case 'malformed':
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '[{"ref": "refs/heads/ma' };
    case 'secondary-limit': {
      const headers: Record<string, string> = {};
      if (failure.retryAfter) headers['retry-after'] = failure.retryAfter;
      return {
        status: failure.status ?? 403,
        headers,
        body: JSON.stringify({
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        }),
      };
    }
    case 'too-many-requests': {
      const headers: Record<string, string> = {};
      if (failure.retryAfter !== undefined) headers['retry-after'] = failure.retryAfter;
      return { status: 429, headers, body: JSON.stringify({ message: 'Too Many Requests' }) };
    }
    case 'hang':
      return 'hang';
  }
}

export async function startFakeServer(handler: Handler, options: FakeServerOptions): Promise<FakeServerControl> {
  const pending: Pending[] = [];
  const byPath = new Map<string, number>();
  const byStatus = new Map<number, number>();
  const log: RequestRecord[] = [];
  const window: RateWindow = { limit: 5000, remaining: 5000, reset: Math.floor(Date.now() / 1000) + 3600 };
  const hanging = new Set<ServerResponse>();
  let beforeAnswer: ((path: string, query: URLSearchParams) => void) | undefined;
  let hold: { path: RegExp; ms: number } | undefined;
  let held = 0;
  let peak = 0;

  function rateHeaders(): Record<string, string> {
    if (options.rateLimitStyle === 'github') {
      return {
        'x-ratelimit-limit': String(window.limit),
        'x-ratelimit-remaining': String(window.remaining),
        'x-ratelimit-reset': String(window.reset),
        'x-ratelimit-used': String(window.limit - window.remaining),
        'x-ratelimit-resource': 'core',
      };
    }
    if (options.rateLimitStyle === 'gitlab') {
      return {
        'ratelimit-limit': String(window.limit),
        'ratelimit-remaining': String(window.remaining),
        'ratelimit-reset': String(window.reset),
        'ratelimit-resettime': new Date(window.reset * 1000).toUTCString(),
        'ratelimit-observed': String(window.limit - window.remaining),
      };
    }
    return {};
  }

  function takeFailure(path: string): Failure | undefined {
    const index = pending.findIndex((p) => p.pathIncludes === undefined || path.includes(p.pathIncludes));
    if (index < 0) return undefined;
    const entry = pending[index];
    if (entry.skip > 0) {
      entry.skip -= 1;
      return undefined;
    }
    entry.remaining -= 1;
    if (entry.remaining <= 0) pending.splice(index, 1);
    return entry.failure;
  }

  function answer(req: IncomingMessage, res: ServerResponse, requestBody = ''): void {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
    byPath.set(path, (byPath.get(path) ?? 0) + 1);

    let result: FakeAnswer | 'hang';
    const failure = takeFailure(path);
    if (failure) {
      result = failureAnswer(failure);
    } else if (options.rateLimitStyle !== 'none' && window.remaining <= 0 && Date.now() / 1000 < window.reset) {
      result = { status: options.rateLimitStyle === 'github' ? 403 : 429, body: options.rateLimitBody };
    } else {
      try {
        beforeAnswer?.(path, query);
        result = handler(req, path, query, requestBody);
      } catch (err) {
        result = { status: 500, body: JSON.stringify({ message: String(err) }) };
      }
    }
    if (result === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    // Conditional answers (304) cost no quota, as on GitHub; nor do answers of another resource
    // (GraphQL keeps its own points, announced with x-ratelimit-resource: graphql).
    const resource = result.headers?.['x-ratelimit-resource'];
    const core = resource === undefined || resource === 'core';
    if (options.rateLimitStyle !== 'none' && core && result.status !== 304 && window.remaining > 0) window.remaining -= 1;
    byStatus.set(result.status, (byStatus.get(result.status) ?? 0) + 1);
    if (options.keepLog !== false) {
      log.push({
        method: req.method ?? 'GET',
        url: raw,
        status: result.status,
        headers: {
          authorization: req.headers.authorization,
          'private-token': req.headers['private-token'] as string | undefined,
          'if-none-match': req.headers['if-none-match'],
        },
      });
    }
    const headers = { 'content-type': 'application/json; charset=utf-8', ...rateHeaders(), ...result.headers };
    const write = (r: FakeAnswer): void => {
      res.writeHead(r.status, headers);
      res.end(r.status === 304 ? undefined : r.body);
    };
    if (!hold?.path.test(path)) return write(result);
    held += 1;
    peak = Math.max(peak, held);
    const answered = result;
    setTimeout(() => {
      held -= 1;
      write(answered);
    }, hold.ms);
  }

  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST') {
      answer(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    failNext(count, failure, pathIncludes, skip = 0) {
      pending.push({ remaining: count, failure, pathIncludes, skip });
    },
    setRateLimit(next) {
      Object.assign(window, next);
    },
    rateLimit: () => ({ ...window }),
    count(pathIncludes) {
      let total = 0;
      for (const [path, n] of byPath) if (pathIncludes === undefined || path.includes(pathIncludes)) total += n;
      return total;
    },
    countByStatus: (status) => byStatus.get(status) ?? 0,
    log,
    resetCounters() {
      byPath.clear();
      byStatus.clear();
      log.length = 0;
    },
    beforeAnswer(hook) {
      beforeAnswer = hook;
    },
    holdAnswers(path, ms = 0) {
      hold = path ? { path, ms } : undefined;
      held = 0;
      peak = 0;
    },
    heldPeak: () => peak,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `Link` header for page-number pagination, as GitHub and GitLab send it. */
export function linkHeader(base: string, query: URLSearchParams, page: number, pages: number): string | undefined {
  if (pages <= 1) return undefined;
  const make = (n: number, rel: string): string => {
    const q = new URLSearchParams(query);
    q.set('page', String(n));
    return `<${base}?${q.toString()}>; rel="${rel}"`;
  };
  const parts: string[] = [];
  if (page < pages) parts.push(make(page + 1, 'next'));
  if (page > 1) parts.push(make(page - 1, 'prev'));
  parts.push(make(1, 'first'), make(pages, 'last'));
  return parts.join(', ');
}

export function pageParams(query: URLSearchParams, defaultPerPage: number, maxPerPage = 100): { page: number; perPage: number } {
  const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
  const perPage = Math.min(maxPerPage, Math.max(1, Number(query.get('per_page') ?? String(defaultPerPage)) || defaultPerPage));
  return { page, perPage };
}
