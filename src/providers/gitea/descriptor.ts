/** Gitea and Forgejo (Codeberg). */
import { HOST_WORD, httpOrigin, type ApiProviderDescriptor } from '../descriptor.js';

export const giteaDescriptor: ApiProviderDescriptor<'gitea'> = {
  id: 'gitea',
  hostMatch: (host) => (host.includes('gitea') || host.includes('forgejo') || host === 'codeberg.org' ? HOST_WORD : 0),
  defaultApiBase: (url) => `${httpOrigin(url)}/api/v1`,
  authScheme: 'token',
};

declare module '../../types.js' {
  interface ProviderIds {
    gitea: true;
  }
}
