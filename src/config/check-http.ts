/**
 * `http.proxy` must be a URL undici and curl both take: http:// or https://, a host, nothing after
 * the port. Anything else passed validation and then stopped the daemon at start with an internal
 * error. The message never repeats the value: its userinfo is proxy credentials.
 */
import type { FileReport } from './problems.js';

type Raw = Record<string, unknown>;

/** What is wrong with a proxy URL, in words that never quote it; undefined when it is usable. */
export function proxyUrlProblem(value: string): string | undefined {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return 'not a URL; write it as http://HOST:PORT (or http://USER:PASSWORD@HOST:PORT, from a ${VARIABLE})';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return `the ${u.protocol.replace(/:$/, '')}:// scheme is not supported; use an http:// or https:// proxy (SOCKS is not supported)`;
  }
  if (!u.hostname) return 'the URL has no host; write it as http://HOST:PORT';
  if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) return 'a proxy URL has no path, query or fragment; write it as http://HOST:PORT';
  return undefined;
}

export function checkHttp(report: FileReport, data: Raw): void {
  const http = data.http;
  if (!http || typeof http !== 'object') return;
  const proxy = (http as Raw).proxy;
  if (typeof proxy !== 'string' || proxy === '') return;
  const problem = proxyUrlProblem(proxy);
  if (problem) report.error(['http', 'proxy'], `invalid proxy URL: ${problem}`, { at: 'value' });
}
