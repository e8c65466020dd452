import type { ProviderId } from '../types.js';
import type { RepoUrl } from './repo-url.js';

export interface ProviderGuess {
  provider: ProviderId;
  /** false when the host said nothing and we fell back to plain git */
  recognised: boolean;
}

export function inferProvider(url: Pick<RepoUrl, 'transport' | 'host'>): ProviderGuess {
  if (url.transport === 'file') return { provider: 'git', recognised: true };
  const h = url.host;
  if (h === 'github.com' || h === 'www.github.com') return { provider: 'github', recognised: true };
  if (h === 'gitlab.com' || h.includes('gitlab')) return { provider: 'gitlab', recognised: true };
  if (h.includes('gitea') || h.includes('forgejo') || h === 'codeberg.org') return { provider: 'gitea', recognised: true };
  if (h.includes('github')) return { provider: 'github', recognised: true };
  return { provider: 'git', recognised: false };
}

/** The API root a provider is reached at when api_base_url is not given ("" for plain git). */
export function defaultApiBaseUrl(provider: ProviderId, url: Pick<RepoUrl, 'transport' | 'host' | 'origin'>): string {
  if (provider === 'git' || url.transport === 'file') return '';
  // ssh and git:// servers: the API is https on the same host
  const origin = url.transport === 'http' || url.transport === 'https' ? url.origin : `https://${url.host}`;
  switch (provider) {
    case 'github':
      return url.host === 'github.com' || url.host === 'www.github.com' ? 'https://api.github.com' : `${origin}/api/v3`;
    case 'gitlab':
      return `${origin}/api/v4`;
    case 'gitea':
      return `${origin}/api/v1`;
  }
}
