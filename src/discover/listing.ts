/**
 * One complete listing of a discover source. Each page is asked with the ETag it had last time;
 * a 304 reuses that page's cached items and next link, so an unchanged organization costs only
 * 304s (free on GitHub). Any failure — a status, a bad body, a pagination loop — throws: a
 * listing that did not reach its last page is never used, so it can remove nothing.
 */
import type { DiscoverSourceConfig } from '../config/types.js';
import type { HttpClient } from '../http/types.js';
import { badResponse, parseJson } from '../providers/answer.js';
import { nextPageUrl, sameOriginUrl } from '../providers/paged-list.js';
import type { CachedPage, ListedRepository } from '../store/discovery.js';
import { sourceApi } from './sources.js';

const MAX_PAGES = 1000;

export interface Listing {
  repositories: ListedRepository[];
  pages: CachedPage[];
  requests: number;
  /** pages answered 304 */
  notModified: number;
}

export async function listSource(
  http: HttpClient,
  source: DiscoverSourceConfig,
  cached: readonly CachedPage[],
  signal?: AbortSignal,
  /** the token to list with (a GitHub App's installation token); default source.token */
  token: string | undefined = source.token,
): Promise<Listing> {
  const api = sourceApi(source);
  const byUrl = new Map(cached.map((p) => [p.url, p]));
  const pages: CachedPage[] = [];
  const seen = new Set<string>();
  let requests = 0;
  let notModified = 0;
  let url: string | undefined = api.firstUrl;
  while (url) {
    if (seen.has(url) || pages.length >= MAX_PAGES) throw badResponse(url, 'pagination does not end');
    // a next link cached by an older version was not checked: one on another origin gets no token (the listing fails)
    if (url !== api.firstUrl) url = sameOriginUrl(url, api.firstUrl);
    seen.add(url);
    const old = byUrl.get(url);
    const res = await http.request({
      url, token, authScheme: api.authScheme, provider: source.provider, etag: old?.etag, signal,
    });
    requests++;
    if (res.status === 304) {
      if (!old) throw badResponse(url, 'unexpected 304 on an unconditional request');
      notModified++;
      pages.push(old);
      url = old.next;
      continue;
    }
    const body = parseJson(res);
    if (!Array.isArray(body)) throw badResponse(url, 'expected a JSON array');
    const items = body.map((item, i) => api.parse(item, url as string, i));
    const next = nextPageUrl(res);
    pages.push({ url, etag: res.etag, next, items });
    url = next;
  }
  return { repositories: pages.flatMap((p) => p.items), pages, requests, notModified };
}
