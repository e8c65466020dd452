/**
 * The providers reposentry knows: adding one is its folder and one line here. Keyed by id, so
 * typecheck fails when a descriptor's id (declared in its descriptor.ts) is not listed; the order
 * is the order in which host guessing breaks ties.
 */
import type { ProviderId } from '../types.js';
import type { ListedProvider } from './descriptor.js';
import { giteaProvider } from './gitea/index.js';
import { githubProvider } from './github/index.js';
import { gitProvider } from './git/index.js';
import { gitlabProvider } from './gitlab/index.js';

const BY_ID: { readonly [Id in ProviderId]: ListedProvider<Id> } = {
  github: githubProvider,
  gitlab: gitlabProvider,
  gitea: giteaProvider,
  git: gitProvider,
};

export const PROVIDER_DESCRIPTORS: readonly ListedProvider<ProviderId>[] = Object.values(BY_ID);

/** The values of `provider:` (the config schema's and the OpenAPI enum). */
export const PROVIDER_IDS: readonly ProviderId[] = PROVIDER_DESCRIPTORS.map((d) => d.id);
