import type { ProviderId } from '../types.js';

export interface RepoUrlInfo {
  protocol: string;
  host: string;
  /** scheme://host[:port] for http(s) URLs; https://host otherwise */
  origin: string;
}

/** Parses http(s)/git/ssh/file URLs and scp-like "git@host:org/repo.git". */
export function parseRepoUrl(url: string): RepoUrlInfo | undefined {
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(url);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    return { protocol: 'ssh:', host: scp[1].toLowerCase(), origin: `https://${scp[1].toLowerCase()}` };
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const host = u.hostname.toLowerCase();
  const origin = u.protocol === 'http:' || u.protocol === 'https:' ? `${u.protocol}//${u.host}` : `https://${host}`;
  return { protocol: u.protocol, host, origin };
}

export interface ProviderGuess {
  provider: ProviderId;
  /** false when the host said nothing and we fell back to plain git */
  recognised: boolean;
}

export function inferProvider(url: string): ProviderGuess {
  const info = parseRepoUrl(url);
  if (!info || info.protocol === 'file:') return { provider: 'git', recognised: info?.protocol === 'file:' };
  const h = info.host;
  if (h === 'github.com' || h === 'www.github.com') return { provider: 'github', recognised: true };
  if (h === 'gitlab.com' || h.includes('gitlab')) return { provider: 'gitlab', recognised: true };
  if (h.includes('gitea') || h.includes('forgejo') || h === 'codeberg.org') return { provider: 'gitea', recognised: true };
  if (h.includes('github')) return { provider: 'github', recognised: true };
  return { provider: 'git', recognised: false };
}

/** The API root a provider is reached at when api_base_url is not given ("" for plain git). */
export function defaultApiBaseUrl(provider: ProviderId, url: string): string {
  const info = parseRepoUrl(url);
  if (!info || provider === 'git') return '';
  switch (provider) {
    case 'github':
      return info.host === 'github.com' || info.host === 'www.github.com' ? 'https://api.github.com' : `${info.origin}/api/v3`;
    case 'gitlab':
      return `${info.origin}/api/v4`;
    case 'gitea':
      return `${info.origin}/api/v1`;
  }
}
