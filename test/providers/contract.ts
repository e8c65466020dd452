/**
 * The contract every provider passes (hono's one-suite-per-interface pattern). contract.test.ts
 * runs it for every provider of src/providers/descriptors.ts, each with a setup against its fake
 * (or the real git server) from contract-setups/; the provider under test is built by its listed
 * factory, as the registry builds it. The suite checks complete, exact listings, pagination,
 * conditional requests and the error mapping.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { ReposentryError } from '../../src/errors.js';
import type { HttpClient } from '../../src/http/types.js';
import { silentLogger } from '../../src/log.js';
import type { ListedProvider } from '../../src/providers/descriptor.js';
import { createGitProvider } from '../../src/providers/git/index.js';
import type { Provider, ProviderState } from '../../src/providers/types.js';
import type { Ref } from '../../src/types.js';
import { testHttp } from './helpers.js';

export interface ContractControl {
  /** replaces all branches; returns name → sha */
  setBranches(names: string[]): Promise<Record<string, string>>;
  /** replaces all tags (pointing at commits); returns name → sha */
  setTags(names: string[]): Promise<Record<string, string>>;
  /** moves a branch to a new commit (creating it when absent); returns the new sha */
  moveBranch(name: string): Promise<string>;
  deleteBranch(name: string): Promise<void>;
  /** replaces all branches with n branches b-000…; returns name → sha */
  addManyBranches(n: number): Promise<Record<string, string>>;
  /** the repository with a token the server rejects */
  withBadToken(): RepositoryConfig;
  /** a repository the server does not have */
  missingRepo(): RepositoryConfig;
  /** the next listing gets a broken answer */
  breakNextAnswer(): Promise<void>;
}

export interface ContractSetup {
  /** the HTTP client an API provider is given (against the fake); absent for plain git */
  http?: HttpClient;
  repo: RepositoryConfig;
  control: ContractControl;
  /** true when an unchanged repository answers 304 ('unchanged'); false when it is listed again */
  conditional: boolean;
  /** error codes for a rejected token and a missing repository */
  codes: { auth: string; notFound: string; malformed: string[] };
  teardown(): Promise<void>;
}

function asMap(refs: Ref[] | 'unchanged' | undefined): Record<string, string> {
  if (!Array.isArray(refs)) throw new Error(`expected a list, got ${String(refs)}`);
  return Object.fromEntries(refs.map((r) => [r.name, r.sha]));
}

/** The provider as the registry builds it from its list entry (no fallback: the provider alone is under test). */
function build(listed: ListedProvider, http: HttpClient): Provider {
  return listed.create({ api: { http, log: silentLogger() }, git: createGitProvider({ timeoutMs: 10_000 }), wrap: (p) => p });
}

export function runProviderContract(listed: ListedProvider, makeSetup: () => Promise<ContractSetup>): void {
  describe(`provider contract: ${listed.id}`, () => {
    let ctx: ContractSetup | undefined;
    let unusedHttp: HttpClient | undefined;
    async function setup(): Promise<ContractSetup & { provider: Provider }> {
      ctx = await makeSetup();
      // plain git is given a client too, as the registry gives every factory one; it sends nothing
      const http = ctx.http ?? (unusedHttp = testHttp());
      return { ...ctx, provider: build(listed, http) };
    }
    afterEach(async () => {
      await ctx?.teardown();
      await unusedHttp?.close();
      ctx = undefined;
      unusedHttp = undefined;
    });
    const empty: ProviderState = {};

    it('lists branches and tags exactly, with the right kinds', async () => {
      const { provider, repo, control } = await setup();
      const branches = await control.setBranches(['main', 'release/1.x', 'feature-a']);
      const tags = await control.setTags(['v1.0.0', 'v1.1.0']);
      const result = await provider.listRefs(repo, { includeTags: true, state: empty });
      expect(asMap(result.branches)).toEqual(branches);
      expect(asMap(result.tags)).toEqual(tags);
      expect((result.branches as Ref[]).every((r) => r.kind === 'branch')).toBe(true);
      expect((result.tags as Ref[]).every((r) => r.kind === 'tag')).toBe(true);
      expect(result.requests).toBeGreaterThan(0);
    });

    it('lists tags only when asked to', async () => {
      const { provider, repo, control } = await setup();
      const branches = await control.setBranches(['main']);
      await control.setTags(['v1']);
      const result = await provider.listRefs(repo, { includeTags: false, state: empty });
      expect(asMap(result.branches)).toEqual(branches);
      expect(result.tags).toBeUndefined();
    });

    it('lists all of 250 branches across pages', async () => {
      const { provider, repo, control } = await setup();
      const branches = await control.addManyBranches(250);
      const result = await provider.listRefs(repo, { includeTags: false, state: empty });
      expect(Object.keys(asMap(result.branches))).toHaveLength(250);
      expect(asMap(result.branches)).toEqual(branches);
    });

    it('sees a branch moved on a later page, then an unchanged repository', async () => {
      const { provider, repo, control, conditional } = await setup();
      const before = await control.addManyBranches(250);
      const first = await provider.listRefs(repo, { includeTags: false, state: empty });
      const moved = await control.moveBranch('b-245');
      const second = await provider.listRefs(repo, { includeTags: false, state: first.state });
      expect(asMap(second.branches)).toEqual({ ...before, 'b-245': moved });
      const third = await provider.listRefs(repo, { includeTags: false, state: second.state });
      if (conditional) expect(third.branches).toBe('unchanged');
      else expect(asMap(third.branches)).toEqual({ ...before, 'b-245': moved });
    });

    it('sees a branch added after a full last page (100 refs, then 101)', async () => {
      const { provider, repo, control, conditional } = await setup();
      const before = await control.addManyBranches(100);
      const first = await provider.listRefs(repo, { includeTags: false, state: empty });
      expect(Object.keys(asMap(first.branches))).toHaveLength(100);
      const added = await control.moveBranch('zz-last');
      const second = await provider.listRefs(repo, { includeTags: false, state: first.state });
      expect(asMap(second.branches)).toEqual({ ...before, 'zz-last': added });
      const third = await provider.listRefs(repo, { includeTags: false, state: second.state });
      if (conditional) expect(third.branches).toBe('unchanged');
    });

    it('answers a second listing of an unchanged repository', async () => {
      const { provider, repo, control, conditional } = await setup();
      const branches = await control.setBranches(['main', 'dev']);
      const tags = await control.setTags(['v1']);
      const first = await provider.listRefs(repo, { includeTags: true, state: empty });
      const second = await provider.listRefs(repo, { includeTags: true, state: first.state });
      if (conditional) {
        expect(second.branches).toBe('unchanged');
        expect(second.tags).toBe('unchanged');
      } else {
        expect(asMap(second.branches)).toEqual(branches);
        expect(asMap(second.tags)).toEqual(tags);
      }
    });

    it('reports a deleted branch by its absence', async () => {
      const { provider, repo, control } = await setup();
      const branches = await control.setBranches(['main', 'gone']);
      const first = await provider.listRefs(repo, { includeTags: false, state: empty });
      await control.deleteBranch('gone');
      const second = await provider.listRefs(repo, { includeTags: false, state: first.state });
      expect(asMap(second.branches)).toEqual({ main: branches.main });
    });

    it('maps a rejected token to an auth error', async () => {
      const { provider, control, codes } = await setup();
      await control.setBranches(['main']);
      const err = await provider.listRefs(control.withBadToken(), { includeTags: false, state: empty }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReposentryError);
      expect((err as ReposentryError).code).toBe(codes.auth);
      expect((err as Error).message).toMatch(/auth/i);
    });

    it('maps a missing repository to a not-found error', async () => {
      const { provider, control, codes } = await setup();
      const err = await provider.listRefs(control.missingRepo(), { includeTags: false, state: empty }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReposentryError);
      expect((err as ReposentryError).code).toBe(codes.notFound);
      expect((err as Error).message).toMatch(/not found/i);
    });

    it('throws on a malformed answer instead of returning a partial list', async () => {
      const { provider, repo, control, codes } = await setup();
      await control.addManyBranches(150);
      await control.breakNextAnswer();
      const err = await provider.listRefs(repo, { includeTags: false, state: empty }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReposentryError);
      expect(codes.malformed).toContain((err as ReposentryError).code);
    });
  });
}
