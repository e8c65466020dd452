/**
 * The parts of undici reposentry uses, loaded from their own modules: undici's index also loads
 * fetch, WebSocket, EventSource, cookies, caches and mocks, which made up most of its share of
 * every start (docs/performance.md). Import undici's values from here; its types from 'undici'.
 */
import type { request as undiciRequest } from 'undici';
import Agent from 'undici/lib/dispatcher/agent.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import api from 'undici/lib/api/index.js';
import util from 'undici/lib/core/util.js';
import globalDispatcher from 'undici/lib/global.js';

// what undici's index does: request(), stream() … as methods of every dispatcher
Object.assign(Dispatcher.prototype, api);

export { Agent, Dispatcher, ProxyAgent };

/** undici's top-level request() for the form reposentry calls it in: a URL and options (no opts.path, no callback). */
export const request = ((url: string | URL, opts: { dispatcher?: Dispatcher; method?: string; body?: unknown } & Record<string, unknown> = {}) => {
  const u = util.parseURL(url);
  const dispatcher = opts.dispatcher ?? globalDispatcher.getGlobalDispatcher();
  return api.request.call(dispatcher, {
    ...opts,
    origin: u.origin,
    path: u.search ? `${u.pathname}${u.search}` : u.pathname,
    method: opts.method || (opts.body ? 'PUT' : 'GET'),
  } as Dispatcher.RequestOptions);
}) as unknown as typeof undiciRequest;
