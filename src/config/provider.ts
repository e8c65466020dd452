import { PROVIDER_DESCRIPTORS } from '../providers/descriptors.js';
import type { ProviderId } from '../types.js';
import type { RepoUrl } from './repo-url.js';

export interface ProviderGuess {
  provider: ProviderId;
  /** false when the host said nothing and we fell back to plain git */
  recognised: boolean;
}

/** The provider whose descriptor claims the host most strongly (ties: the first listed); else plain git. */
export function inferProvider(url: Pick<RepoUrl, 'transport' | 'host'>): ProviderGuess {
  if (url.transport === 'file') return { provider: 'git', recognised: true };
  let best: { provider: ProviderId; strength: number } = { provider: 'git', strength: 0 };
  for (const d of PROVIDER_DESCRIPTORS) {
    const strength = d.hostMatch(url.host);
    if (strength > best.strength) best = { provider: d.id, strength };
  }
  return { provider: best.provider, recognised: best.strength > 0 };
}

/** The API root a provider is reached at when api_base_url is not given ("" for plain git). */
export function defaultApiBaseUrl(provider: ProviderId, url: Pick<RepoUrl, 'transport' | 'host' | 'origin'>): string {
  if (url.transport === 'file') return '';
  const d = PROVIDER_DESCRIPTORS.find((x) => x.id === provider);
  return d ? d.defaultApiBase(url) : '';
}
