/** Shared test plumbing for provider tests: repository configs, random SHAs, a fast HTTP client. */
import { randomBytes } from 'node:crypto';
import type { RepositoryConfig } from '../../src/config/types.js';
import { createHttpClient } from '../../src/http/client.js';
import type { Clock } from '../../src/http/clock.js';
import type { HttpClient } from '../../src/http/types.js';
import { silentLogger } from '../../src/log.js';
import type { ProviderId } from '../../src/types.js';
import { withLocation } from '../helpers/repo-config.js';

export function sha(): string {
  return randomBytes(20).toString('hex');
}

export function shas(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, sha()]));
}

export function manyNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `b-${String(i).padStart(3, '0')}`);
}

export function repoConfig(provider: ProviderId, url: string, apiBaseUrl: string, token?: string): RepositoryConfig {
  return withLocation({ name: `test-${provider}`, url, provider, token, enabled: true, pollingIntervalMs: 60_000, apiBaseUrl });
}

export function testHttp(overrides: { clock?: Clock; retryAttempts?: number; timeoutMs?: number; maxWaitMs?: number } = {}): HttpClient {
  return createHttpClient({
    timeoutMs: overrides.timeoutMs ?? 5_000,
    retryAttempts: overrides.retryAttempts ?? 1,
    retryBackoffMs: 1,
    log: silentLogger(),
    clock: overrides.clock,
    maxWaitMs: overrides.maxWaitMs,
  });
}

/** The ref controls of a fake that addresses repositories as (owner, name): the GitHub and Gitea fakes. */
export interface OwnerRepoFake {
  setBranches(owner: string, name: string, branches: Record<string, string>): void;
  setTags(owner: string, name: string, tags: Record<string, string>): void;
  setBranch(owner: string, name: string, branch: string, sha: string): void;
  deleteBranch(owner: string, name: string, branch: string): void;
}

export function ownerRepoControl(fake: OwnerRepoFake, owner: string, name: string) {
  return {
    async setBranches(names: string[]) {
      const b = shas(names);
      fake.setBranches(owner, name, b);
      return b;
    },
    async setTags(names: string[]) {
      const t = shas(names);
      fake.setTags(owner, name, t);
      return t;
    },
    async moveBranch(branch: string) {
      const next = sha();
      fake.setBranch(owner, name, branch, next);
      return next;
    },
    async deleteBranch(branch: string) {
      fake.deleteBranch(owner, name, branch);
    },
    async addManyBranches(n: number) {
      const b = shas(manyNames(n));
      fake.setBranches(owner, name, b);
      return b;
    },
  };
}
