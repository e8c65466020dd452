/** GitHub and GitHub Enterprise Server. */
import { EXACT_HOST, WEAK_HOST_WORD, httpOrigin, type ApiProviderDescriptor } from '../descriptor.js';

const PUBLIC_HOSTS = new Set(['github.com', 'www.github.com']);

export const githubDescriptor: ApiProviderDescriptor<'github'> = {
  id: 'github',
  // a host merely containing "github" is claimed only when no other provider's word is in it
  hostMatch: (host) => (PUBLIC_HOSTS.has(host) ? EXACT_HOST : host.includes('github') ? WEAK_HOST_WORD : 0),
  defaultApiBase: (url) => (PUBLIC_HOSTS.has(url.host) ? 'https://api.github.com' : `${httpOrigin(url)}/api/v3`),
  authScheme: 'bearer',
};

declare module '../../types.js' {
  interface ProviderIds {
    github: true;
  }
}
