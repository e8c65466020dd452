/**
 * Where a request goes: its URL split into the origin (parsed once per origin, with the budgets
 * of that origin's tokens) and the path, without a URL parse per request.
 */
import type { Budget } from './budget.js';

export interface Origin {
  /** the origin as the URL parser writes it */
  origin: string;
  host: string;
  hostname: string;
  /** the text before the path is that origin exactly, so the path can be sent as written */
  verbatim: boolean;
  /** budgets by token ('' for none): the token is not hashed for the budget key on every request */
  budgets: Map<string, Budget>;
}

export interface Target {
  at: Origin;
  path: string;
}

// Paths the URL parser would send unchanged: no escapes to add, no dot segments, no backslash, no fragment.
const PLAIN_PATH = /^\/[\w\-.~!$&'()*+,;=:@/?%]*$/;

export function createOrigins(): (url: string) => Target {
  const origins = new Map<string, Origin>();
  return function locate(url) {
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
  };
}
