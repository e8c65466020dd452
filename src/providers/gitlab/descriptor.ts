/** GitLab.com and self-managed GitLab. */
import { HOST_WORD, httpOrigin, type ApiProviderDescriptor } from '../descriptor.js';

export const gitlabDescriptor: ApiProviderDescriptor<'gitlab'> = {
  id: 'gitlab',
  hostMatch: (host) => (host === 'gitlab.com' || host.includes('gitlab') ? HOST_WORD : 0),
  defaultApiBase: (url) => `${httpOrigin(url)}/api/v4`,
  authScheme: 'private-token',
};

declare module '../../types.js' {
  interface ProviderIds {
    gitlab: true;
  }
}
