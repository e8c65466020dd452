/**
 * The repository's web page for the github and gitlab payloads, which need an absolute http(s) URL.
 * Metadata carries one already (the provider's html_url, or the location's web URL); this only
 * guards rows stored by older versions, which may hold an ssh address or credentials: those go
 * through the one repository URL parser. A file repository has no web page: https://localhost/path.
 */
import { locateRepository } from '../../config/repo-location.js';
import { tryParseRepoUrl } from '../../config/repo-url.js';
import { withoutUserinfo } from '../../redact.js';

function httpUrl(url: string): URL | undefined {
  try {
    const u = new URL(url);
    if (u.protocol === 'file:') return new URL(`https://localhost${u.pathname.replace(/\.git\/?$|\/+$/, '')}`);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.username = '';
    u.password = '';
    u.pathname = u.pathname.replace(/\/+$/, '');
    return u;
  } catch {
    return undefined;
  }
}

export function webUrl(metaUrl: string): URL {
  const direct = httpUrl(metaUrl);
  if (direct) return direct;
  const parsed = tryParseRepoUrl(metaUrl);
  const web = parsed ? httpUrl(locateRepository(parsed, 'git').webUrl) : undefined;
  return web ?? new URL('https://localhost/unknown');
}

/** A URL fit to leave the process: without credentials, whatever an older row stored. */
export function publicUrl(url: string): string {
  return withoutUserinfo(url);
}
