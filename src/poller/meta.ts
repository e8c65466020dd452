/**
 * Repository metadata derived from the configured URL, used when the provider cannot describe
 * the repository (describe() failed): payloads still carry a usable repository block.
 */
import type { RepositoryConfig } from '../config/types.js';
import type { RepositoryMeta } from '../types.js';

export function metaFromUrl(repo: Pick<RepositoryConfig, 'name' | 'url' | 'provider'>): RepositoryMeta {
  let host = '';
  let path = repo.url;
  try {
    const u = new URL(repo.url);
    host = `${u.protocol}//${u.host}`;
    path = u.pathname;
  } catch {
    // scp-like git URLs (git@host:group/repo.git) are not WHATWG URLs
    const m = /^[^@]+@([^:]+):(.*)$/.exec(repo.url);
    if (m) path = m[2];
  }
  const parts = path.replace(/\.git$/, '').split('/').filter(Boolean);
  const name = parts.at(-1) ?? repo.name;
  const organization = parts.slice(0, -1).join('/');
  const fullName = organization ? `${organization}/${name}` : name;
  const webUrl = host ? `${host}/${fullName}` : repo.url.replace(/\.git$/, '');
  const cloneUrl = host ? `${webUrl}.git` : repo.url;
  return { provider: repo.provider, organization, name, fullName, url: webUrl, cloneUrl };
}
