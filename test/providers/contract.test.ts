/**
 * Every listed provider passes the shared contract: a provider added to src/providers/descriptors.ts
 * is run here, and typecheck fails until it has a setup below.
 */
import { PROVIDER_DESCRIPTORS } from '../../src/providers/descriptors.js';
import type { ProviderId } from '../../src/types.js';
import { runProviderContract, type ContractSetup } from './contract.js';
import { giteaContractSetup } from './contract-setups/gitea.js';
import { githubContractSetup } from './contract-setups/github.js';
import { gitContractSetup } from './contract-setups/git.js';
import { gitlabContractSetup } from './contract-setups/gitlab.js';

const SETUPS: { readonly [Id in ProviderId]: () => Promise<ContractSetup> } = {
  github: githubContractSetup,
  gitlab: gitlabContractSetup,
  gitea: giteaContractSetup,
  git: gitContractSetup,
};

for (const listed of PROVIDER_DESCRIPTORS) runProviderContract(listed, SETUPS[listed.id]);
