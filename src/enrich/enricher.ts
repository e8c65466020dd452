/**
 * Enriches the changes of one poll: the API source of the repository's provider (GitHub compare),
 * the git cache for plain git and as the fallback. Never blocks an event for long: after `waitMs`
 * whatever is not done is marked unavailable (the cache fetch goes on in the background so the next
 * change finds it warm), and a failure becomes `{status: "unavailable", reason}`, never an error.
 */
import type { RepositoryConfig } from '../config/types.js';
import { UpstreamError, errorMessage } from '../errors.js';
import type { GitCache } from '../git-cache/cache.js';
import { redactText } from '../redact.js';
import type { HttpClient } from '../http/types.js';
import type { Logger } from '../log.js';
import { gitAuthHeader } from '../providers/git/index.js';
import { ZERO_SHA, type RepositoryMeta } from '../types.js';
import { enrichFromGit, refsToFetch } from './git-source.js';
import { enrichFromGithub } from './github-source.js';
import { enrichFromGitea } from './gitea-source.js';
import { enrichFromGitlab } from './gitlab-source.js';
import type { CommitUrl, EnrichLimits, EnrichRequest, Enrichment, EnrichmentOk } from './types.js';

export interface EnrichMetrics {
  /** one per enriched change */
  enriched(provider: string, result: { status: 'ok' | 'unavailable'; source?: string; reason?: string }): void;
  /** one per provider API request enrichment sends (compare and its further pages) */
  request?(provider: string): void;
}

export interface EnricherDeps {
  /** the current HTTP client (rebuilt on reload) */
  http: () => HttpClient;
  cache: GitCache;
  log: Logger;
  /** polling.enable_api_fallback */
  apiFallback: () => boolean;
  metrics?: EnrichMetrics;
  /**
   * The repository with the token its listing uses: a repository served by a GitHub App has no
   * `token` of its own, its installation token comes from the credential manager (without it the
   * compare request went out unauthenticated: a private repository answered 404).
   */
  authorize?: (repo: RepositoryConfig, signal?: AbortSignal) => Promise<RepositoryConfig>;
}

export interface EnrichOptions extends EnrichLimits {
  /** the bounded wait: after it, changes not yet enriched are delivered without */
  waitMs: number;
  signal?: AbortSignal;
}

export interface Enricher {
  /** one entry per change, in order; undefined for deletions (nothing to enrich) */
  enrich(repo: RepositoryConfig, meta: RepositoryMeta, changes: EnrichRequest[], opts: EnrichOptions): Promise<Array<Enrichment | undefined>>;
}

/**
 * The client with each request counted: what enrichment spends comes out of the same rate-limit
 * budgets as polling, and the status API shows it. The prototype keeps the client's other methods.
 */
function countedHttp(http: HttpClient, count: () => void): HttpClient {
  const counted: HttpClient = Object.create(http) as HttpClient;
  counted.request = (opts) => {
    count();
    return http.request(opts);
  };
  return counted;
}

/** A short, label-safe class of an unavailability reason, for the metric. */
export function reasonClass(err: unknown): string {
  if (err instanceof UpstreamError) {
    if (err.status === 404 || err.code === 'upstream-not-found') return 'not-found';
    if (err.code === 'upstream-rate-limited') return 'rate-limited';
    if (err.code === 'upstream-auth') return 'auth';
    if (err.code === 'upstream-timeout' || err.context.reason === 'timeout') return 'timeout';
    if (err.context.reason === 'missing-base' || err.context.reason === 'missing-head') return 'missing-commit';
  }
  return 'error';
}

function commitUrlFor(meta: RepositoryMeta): CommitUrl {
  const web = meta.url.replace(/\/+$/, '');
  return meta.provider === 'gitlab' ? (sha) => `${web}/-/commit/${sha}` : (sha) => `${web}/commit/${sha}`;
}

class Unavailable extends Error {
  constructor(readonly reason: string, readonly kind: string) {
    super(reason);
  }
}

/** What the sources of one poll's enrichment share: the repository (re-authorized once), the cache fetch, the abort. */
interface PollSources {
  /** the repository as authorized (a GitHub App's installation token), else as configured */
  repo(): RepositoryConfig;
  /** asked once, inside the bounded wait; a failure makes the changes unavailable, like any other */
  authorize(): Promise<void>;
  fromGit(change: EnrichRequest): Promise<EnrichmentOk>;
  fromApi(change: EnrichRequest): Promise<EnrichmentOk>;
  /** the tokens to redact from reasons */
  secrets: Array<string | undefined>;
  controller: AbortController;
}

/** The provider's compare API for one change. */
function compareOverApi(http: HttpClient, repo: RepositoryConfig, defaultBranch: string | undefined, change: EnrichRequest, limits: EnrichLimits, signal: AbortSignal): Promise<EnrichmentOk> {
  const loc = repo.location;
  if (repo.provider === 'gitlab') {
    return enrichFromGitlab({
      http, projectApiUrl: `${loc.apiBaseUrl}/projects/${encodeURIComponent(loc.path)}`, token: repo.token,
      change, limits, defaultBranch, signal,
    });
  }
  if (repo.provider === 'gitea') {
    return enrichFromGitea({ http, repoApiUrl: `${loc.apiBaseUrl}/repos/${loc.path}`, token: repo.token, change, limits, defaultBranch, signal });
  }
  return enrichFromGithub({ http, repoApiUrl: `${loc.apiBaseUrl}/repos/${loc.path}`, token: repo.token, change, limits, defaultBranch, signal });
}

function pollSources(deps: EnricherDeps, configured: RepositoryConfig, meta: RepositoryMeta, changes: EnrichRequest[], limits: EnrichLimits): PollSources {
  let repo = configured;
  const controller = new AbortController();
  const secrets = [repo.token];
  const commitUrl = commitUrlFor(meta);
  let fetched: Promise<string> | undefined;
  let authorized: Promise<void> | undefined;

  // one fetch of every changed ref per poll; not tied to the wait, so a slow first fetch still warms the cache
  const cacheDir = (): Promise<string> => {
    fetched ??= deps.cache.fetch({
      url: repo.location.cloneUrl,
      ...refsToFetch(changes, meta.defaultBranch),
      authHeader: repo.gitCredentials === false ? undefined : gitAuthHeader(repo.provider, repo.token),
      token: repo.token,
    });
    return fetched;
  };

  return {
    repo: () => repo,
    secrets,
    controller,
    authorize() {
      authorized ??= (async () => {
        if (!deps.authorize) return;
        repo = await deps.authorize(configured, controller.signal);
        secrets.push(repo.token);
      })();
      return authorized;
    },
    async fromGit(change) {
      const dir = await cacheDir();
      return enrichFromGit({
        cache: deps.cache, dir, change, limits, commitUrl, signal: controller.signal,
        defaultBranchRef: meta.defaultBranch ? `refs/heads/${meta.defaultBranch}` : undefined,
      });
    },
    fromApi(change) {
      const http = countedHttp(deps.http(), () => deps.metrics?.request?.(repo.provider));
      return compareOverApi(http, repo, meta.defaultBranch, change, limits, controller.signal);
    },
  };
}

/** One change: the provider's API, then (polling.enable_api_fallback) the git cache; plain git: the cache alone. */
async function enrichOne(src: PollSources, apiFallback: () => boolean, change: EnrichRequest): Promise<EnrichmentOk> {
  const why = (err: unknown): string => redactText(errorMessage(err), src.secrets);
  try {
    await src.authorize();
  } catch (err) {
    throw new Unavailable(`credentials: ${why(err)}`, reasonClass(err));
  }
  if (src.repo().provider === 'git') {
    try {
      return await src.fromGit(change);
    } catch (err) {
      throw new Unavailable(`git: ${why(err)}`, reasonClass(err));
    }
  }
  try {
    return await src.fromApi(change);
  } catch (apiErr) {
    const apiReason = `compare: ${why(apiErr)}`;
    if (!apiFallback() || src.controller.signal.aborted) throw new Unavailable(apiReason, reasonClass(apiErr));
    try {
      return await src.fromGit(change);
    } catch (gitErr) {
      throw new Unavailable(`${apiReason}; git: ${why(gitErr)}`, reasonClass(apiErr));
    }
  }
}

/** Resolves when `work` ends or `ms` have passed, whichever is first. */
async function waitAtMost(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([work, waited]);
  clearTimeout(timer);
}

export function createEnricher(deps: EnricherDeps): Enricher {
  const log = deps.log.child({ component: 'enrich' });

  return {
    async enrich(configured, meta, changes, opts) {
      const out: Array<Enrichment | undefined> = changes.map(() => undefined);
      const done = changes.map((c) => c.after === ZERO_SHA);
      const src = pollSources(deps, configured, meta, changes, { maxCommits: opts.maxCommits, maxFiles: opts.maxFiles });
      const { controller } = src;
      const onAbort = (): void => controller.abort(opts.signal?.reason);
      opts.signal?.addEventListener('abort', onAbort, { once: true });

      let finished = false;
      const work = (async () => {
        for (let i = 0; i < changes.length; i++) {
          if (done[i] || controller.signal.aborted) continue;
          try {
            const r = await enrichOne(src, deps.apiFallback, changes[i]);
            if (finished) return;
            out[i] = r;
            deps.metrics?.enriched(src.repo().provider, { status: 'ok', source: r.source });
          } catch (err) {
            if (finished) return;
            const u = err instanceof Unavailable ? err : new Unavailable(errorMessage(err), 'error');
            out[i] = { status: 'unavailable', reason: u.reason };
            deps.metrics?.enriched(src.repo().provider, { status: 'unavailable', reason: u.kind });
            log.warn({ repo: src.repo().name, ref: changes[i].ref, reason: u.reason }, 'enrichment unavailable');
          }
          done[i] = true;
        }
      })();
      await waitAtMost(work, opts.waitMs);
      finished = true;
      opts.signal?.removeEventListener('abort', onAbort);
      const result = out.slice();
      for (let i = 0; i < changes.length; i++) {
        if (done[i]) continue;
        result[i] = { status: 'unavailable', reason: `timed out after ${opts.waitMs} ms` };
        deps.metrics?.enriched(src.repo().provider, { status: 'unavailable', reason: 'timeout' });
        log.warn({ repo: src.repo().name, ref: changes[i].ref, waitMs: opts.waitMs }, 'enrichment timed out; delivering without it');
      }
      if (done.some((d) => !d)) controller.abort();
      // the loop may still be running: it must not write into what we return
      void work.catch(() => undefined);
      return result;
    },
  };
}
