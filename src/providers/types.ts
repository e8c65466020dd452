/**
 * The contract every provider (github, gitlab, gitea, git) implements.
 * Providers are created by the registry from shared dependencies and are stateless per repository:
 * whatever must survive a restart (ETags, GitLab project id, repository metadata) goes in and out
 * through ProviderState, which the poller persists in SQLite with the repository.
 */
import type { RepositoryConfig } from '../config/types.js';
import type { ListMethod, ProviderId, Ref, RepositoryMeta } from '../types.js';

/** Opaque per-repository provider state persisted as JSON (ETags, ids). Keep it small. */
export interface ProviderState {
  /** ETag per request key (e.g. "heads", "tags"), sent back as If-None-Match */
  etags?: Record<string, string>;
  /** provider-side repository id (GitLab project id) once looked up */
  remoteId?: string | number;
  [key: string]: unknown;
}

export interface ListRefsOptions {
  /** list tags too (only when the repository has a tag_regex) */
  includeTags: boolean;
  state: ProviderState;
  signal?: AbortSignal;
}

/**
 * The outcome of one complete listing. For each kind, either the full list of refs, or
 * 'unchanged' when the provider said so (HTTP 304): the poller then keeps what it stored.
 * A listing that is incomplete or failed must throw (ReposentryError/UpstreamError), never
 * return a partial list: a partial list would look like deletions.
 */
export interface ListRefsResult {
  branches: Ref[] | 'unchanged';
  /** undefined when tags were not requested */
  tags?: Ref[] | 'unchanged';
  method: ListMethod;
  /** the state to persist (new ETags etc.); the same object when nothing changed */
  state: ProviderState;
  /** number of HTTP requests (or git processes) this listing took */
  requests: number;
  /**
   * Repository metadata the listing learned on the way (GitLab's project lookup), so the poller
   * need not ask describe() for it.
   */
  meta?: RepositoryMeta;
}

export interface Provider {
  readonly id: ProviderId;
  listRefs(repo: RepositoryConfig, opts: ListRefsOptions): Promise<ListRefsResult>;
  /** repository metadata for payloads; providers that cannot ask derive it from the URL */
  describe(repo: RepositoryConfig, state: ProviderState, signal?: AbortSignal): Promise<RepositoryMeta>;
  /** present when the provider can list several repositories in one request */
  batch?: BatchCapability;
}

/** One repository of a batched listing. */
export interface BatchItem {
  repo: RepositoryConfig;
  opts: ListRefsOptions;
}

/**
 * Optional: a provider that can list many repositories in one request (GitHub GraphQL).
 * The scheduler groups due repositories with the same key into one job of up to batch_size.
 */
export interface BatchCapability {
  /** repositories with the same key may share one request (same API root and token); null: never batched */
  key(repo: RepositoryConfig): string | null;
  /** one result or Error per item, in the items' order; never throws for one item's failure */
  listRefsBatch(items: BatchItem[], signal?: AbortSignal): Promise<Array<ListRefsResult | Error>>;
}
