/**
 * The providers reposentry knows, in the order host guessing breaks ties. Adding a provider: its
 * folder (descriptor.ts and the implementation) and one line here, plus its factory in registry.ts.
 */
import { giteaDescriptor } from './gitea/descriptor.js';
import { githubDescriptor } from './github/descriptor.js';
import { gitDescriptor } from './git/descriptor.js';
import { gitlabDescriptor } from './gitlab/descriptor.js';

export const PROVIDER_DESCRIPTORS = [githubDescriptor, gitlabDescriptor, giteaDescriptor, gitDescriptor] as const;
