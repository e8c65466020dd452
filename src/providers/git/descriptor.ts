/** Any Git server, listed with git ls-remote: no API, claims no host (the fallback for unknown hosts). */
import type { ProviderDescriptor } from '../descriptor.js';

export const gitDescriptor: ProviderDescriptor<'git'> = {
  id: 'git',
  hostMatch: () => 0,
  defaultApiBase: () => '',
};

declare module '../../types.js' {
  interface ProviderIds {
    git: true;
  }
}
