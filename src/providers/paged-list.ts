/**
 * Conditional, paginated listing shared by the API providers.
 *
 * ETag strategy. An ETag covers one page only, so a 304 on page 1 says nothing about page 3. We
 * store one ETag per page: `etags[kind]` for page 1 and `etags["kind@<page url>"]` for later pages.
 * A listing is 'unchanged' only when page 1 and every stored later page answer 304 (all free on
 * GitHub). If any page changed, the whole listing is fetched again without If-None-Match from
 * page 1, so the result is one consistent, complete list (the pages we skipped as 304 have no body
 * to reuse: the caller keeps refs, not pages).
 * A page's ETag covers its body only: when the last page was full, a ref added after it would land
 * on a page we never asked for while every stored page stays 304. So after a full last page we
 * also store `etags["kind#probe"]`, the URL of the page after it, and ask for it (unconditionally):
 * still empty → unchanged; anything else → full listing. That costs one counted request, only for
 * listings whose size is an exact multiple of the page size.
 *
 * Snapshot check. Offset pagination (GitLab, GitHub REST over 100 refs, Gitea) is not a snapshot:
 * a ref deleted on page 1 after page 1 was read shifts every later ref up one place, so the first
 * ref of page 2 is never seen and the listing looks complete (it would become a false deletion,
 * then a false creation). So after the last page of a multi-page listing we ask every earlier page
 * again, conditionally (its ETag; a 304 is free on GitHub) or compared with the body we read. Any
 * page that changed meanwhile makes the listing inconsistent: it is read again from page 1, up to
 * SNAPSHOT_ATTEMPTS times, then the poll fails and changes nothing. A change on the last page after
 * it was read shifts nothing we read, so it needs no check.
 */
import type { AuthScheme, HttpClient, HttpResponse } from '../http/types.js';
import type { ProviderState } from './types.js';
import { badResponse, isRecord, parseJson } from './answer.js';

export interface PagedListRequest {
  http: HttpClient;
  firstUrl: string;
  /** ETag key: "heads", "tags", "branches" */
  kind: string;
  state: ProviderState;
  token?: string;
  /** the budget's identity when the token rotates (see HttpRequestOptions.budgetId) */
  budgetId?: string;
  authScheme: AuthScheme;
  provider: string;
  signal?: AbortSignal;
  /** statuses that may mean "no refs" (Gitea 404 on refs, GitHub 409 on an empty repository) */
  emptyStatuses?: number[];
  /** decides whether such a status really means an empty listing; otherwise throw */
  confirmEmpty?: (res: HttpResponse) => Promise<void>;
  /** accept a lone object as a one-item page (Gitea, when exactly one ref equals the filter) */
  acceptObject?: boolean;
  /** the per_page the first URL asks for (default 100); a last page this full gets a probe */
  perPage?: number;
}

export interface PagedListResult {
  /** the items of every page, in order, or 'unchanged' */
  items: unknown[] | 'unchanged';
  /** this kind's ETag entries to persist (replacing the old ones); read, never written */
  etags: Readonly<Record<string, string>>;
  requests: number;
  /** headers of the last page fetched (X-Total checks) */
  lastHeaders?: Record<string, string>;
}

const MAX_PAGES = 1000;
/** full reads of a listing that keeps changing while it is paged, before the poll gives up */
const SNAPSHOT_ATTEMPTS = 3;

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** scheme://host/path: enough to say where, never a query that may carry a token. */
function withoutQuery(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/**
 * A URL taken from a provider's answer is requested with our credentials only on the origin
 * (scheme, host, port) of the request it came from: anything else could hand the token to
 * another host. Such an answer is a bad answer: the listing fails and changes nothing.
 */
export function sameOriginUrl(candidate: string, requestUrl: string): string {
  const base = new URL(requestUrl);
  let url: URL;
  try {
    url = new URL(candidate, base);
  } catch {
    throw badResponse(withoutQuery(base), 'the next page link is not a URL');
  }
  if (url.origin !== base.origin) {
    throw badResponse(withoutQuery(base), `the next page link points to another origin (${withoutQuery(url)}); not followed with credentials`);
  }
  return url.toString();
}

/** rel="next" from a Link header, else GitLab's X-Next-Page; only on the answer's own origin. */
export function nextPageUrl(res: HttpResponse): string | undefined {
  const link = res.headers.link;
  if (link) {
    for (const part of link.split(',')) {
      const m = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
      if (m && m[2].split(/\s+/).includes('next')) return sameOriginUrl(m[1], res.url);
    }
    return undefined;
  }
  const next = res.headers['x-next-page'];
  if (next && /^\d+$/.test(next.trim())) {
    const url = new URL(res.url);
    url.searchParams.set('page', next.trim());
    return url.toString();
  }
  return undefined;
}

function safeParse(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

const NONE: Readonly<Record<string, string>> = Object.freeze({});

/** A kind's entries of the stored ETags (its first page, later pages, probe); read, never written. */
export function etagsOf(state: ProviderState, kind: string): Readonly<Record<string, string>> {
  const all = state.etags;
  let out: Record<string, string> | undefined;
  if (all) {
    const page = `${kind}@`;
    const probe = `${kind}#probe`;
    for (const k in all) if (k === kind || k === probe || k.startsWith(page)) (out ??= {})[k] = all[k];
  }
  return out ?? NONE;
}

export async function fetchPagedList(req: PagedListRequest): Promise<PagedListResult> {
  const common = { token: req.token, budgetId: req.budgetId, authScheme: req.authScheme, provider: req.provider, signal: req.signal };
  const stored = etagsOf(req.state, req.kind);
  let requests = 0;
  let first: HttpResponse | undefined;

  if (stored[req.kind]) {
    // written out, not spread from `common`: this is every unchanged poll's request
    first = await req.http.request({
      url: req.firstUrl, etag: stored[req.kind], acceptStatuses: req.emptyStatuses,
      token: req.token, budgetId: req.budgetId, authScheme: req.authScheme, provider: req.provider, signal: req.signal,
    });
    requests++;
    if (first.status === 304) {
      let allUnchanged = true;
      // parsed only for a listing of more than one page (the usual one has none to check)
      let origin: string | undefined | null = null;
      const originOfFirst = (): string | undefined => (origin === null ? (origin = originOf(req.firstUrl)) : origin);
      for (const k in stored) {
        if (k === req.kind || k === `${req.kind}#probe`) continue;
        const etag = stored[k];
        const pageUrl = k.slice(req.kind.length + 1);
        // page URLs stored by an older version were not checked: one on another origin is not asked
        if (originOf(pageUrl) !== originOfFirst()) {
          allUnchanged = false;
          break;
        }
        const page = await req.http.request({ ...common, url: pageUrl, etag });
        requests++;
        if (page.status !== 304) {
          allUnchanged = false;
          break;
        }
      }
      const probe = stored[`${req.kind}#probe`];
      if (allUnchanged && probe && originOf(probe) !== originOfFirst()) allUnchanged = false;
      else if (allUnchanged && probe) {
        const page = await req.http.request({ ...common, url: probe });
        requests++;
        const body = page.status === 200 ? safeParse(page.body) : undefined;
        allUnchanged = Array.isArray(body) && body.length === 0;
      }
      if (allUnchanged) {
        // the same ETag again (the usual 304): the stored entries as they are, so mergeEtags keeps the state object
        const etags = first.etag === undefined || first.etag === stored[req.kind] ? stored : { ...stored, [req.kind]: first.etag };
        return { items: 'unchanged', etags, requests };
      }
      first = undefined;
    }
  }
  for (let attempt = 1; ; attempt++) {
    if (!first) {
      first = await req.http.request({ ...common, url: req.firstUrl, acceptStatuses: req.emptyStatuses });
      requests++;
    }
    if (req.emptyStatuses?.includes(first.status)) {
      if (!req.confirmEmpty) throw badResponse(req.firstUrl, `status ${first.status}`);
      await req.confirmEmpty(first);
      return { items: [], etags: {}, requests: requests + 1 };
    }
    const listing = await readPages(req, first);
    requests += listing.requests;
    const check = await unchangedSince(req, listing.pages.slice(0, -1));
    requests += check.requests;
    if (check.unchanged) return { items: listing.items, etags: listing.etags, requests, lastHeaders: listing.lastHeaders };
    if (attempt >= SNAPSHOT_ATTEMPTS) {
      throw badResponse(req.firstUrl, `the listing changed while it was paged (${attempt} reads); nothing was changed, the next poll reads it again`);
    }
    first = undefined;
  }
}

interface ReadPage {
  url: string;
  etag?: string;
  body: string;
}

/** Every page from `first` on, following next links. Requests counts the pages after the first. */
async function readPages(
  req: PagedListRequest,
  first: HttpResponse,
): Promise<{ items: unknown[]; etags: Record<string, string>; pages: ReadPage[]; requests: number; lastHeaders: Record<string, string> }> {
  const common = { token: req.token, authScheme: req.authScheme, provider: req.provider, signal: req.signal };
  const items: unknown[] = [];
  const etags: Record<string, string> = {};
  const pages: ReadPage[] = [];
  const seen = new Set<string>();
  let requests = 0;
  let res = first;
  for (let page = 1; ; page++) {
    if (res.status === 304) throw badResponse(res.url, 'unexpected 304 on an unconditional request');
    let body = parseJson(res);
    if (req.acceptObject && isRecord(body)) body = [body];
    if (!Array.isArray(body)) throw badResponse(res.url, 'expected a JSON array');
    items.push(...(body as unknown[]));
    if (res.etag) etags[page === 1 ? req.kind : `${req.kind}@${res.url}`] = res.etag;
    pages.push({ url: res.url, etag: res.etag, body: res.body });
    seen.add(res.url);
    const next = nextPageUrl(res);
    if (!next) {
      if ((body as unknown[]).length >= (req.perPage ?? 100) && Object.keys(etags).length > 0) {
        const probe = new URL(res.url);
        probe.searchParams.set('page', String(Number(probe.searchParams.get('page') ?? '1') + 1));
        etags[`${req.kind}#probe`] = probe.toString();
      }
      return { items, etags, pages, requests, lastHeaders: res.headers };
    }
    if (seen.has(next) || page >= MAX_PAGES) throw badResponse(res.url, 'pagination does not end');
    res = await req.http.request({ ...common, url: next });
    requests++;
  }
}

/** Whether each page still answers what we read: 304 to its ETag, or the same body. */
async function unchangedSince(req: PagedListRequest, pages: ReadPage[]): Promise<{ unchanged: boolean; requests: number }> {
  const common = { token: req.token, authScheme: req.authScheme, provider: req.provider, signal: req.signal };
  let requests = 0;
  for (const page of pages) {
    const res = await req.http.request({ ...common, url: page.url, etag: page.etag });
    requests++;
    if (res.status === 304) continue;
    if (res.body !== page.body) return { unchanged: false, requests };
  }
  return { unchanged: true, requests };
}

/** The new provider state: same object when no ETag changed, so the caller can skip a write. */
export function mergeEtags(state: ProviderState, replaced: Record<string, Readonly<Record<string, string>>>): ProviderState {
  // Nothing changes when each kind's replacement holds what the state has for that kind already.
  let same = true;
  for (const kind in replaced) {
    if (!sameEntries(replaced[kind], etagsOf(state, kind))) {
      same = false;
      break;
    }
  }
  if (same) return state;
  const next: Record<string, string> = {};
  for (const [k, v] of Object.entries(state.etags ?? {})) {
    const kind = Object.keys(replaced).find((r) => k === r || k.startsWith(`${r}@`) || k === `${r}#probe`);
    if (!kind) next[k] = v;
  }
  for (const entries of Object.values(replaced)) Object.assign(next, entries);
  return { ...state, etags: next };
}

function sameEntries(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  return n === Object.keys(b).length;
}
