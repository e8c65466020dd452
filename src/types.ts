/** Domain types shared by the poller, the store, the delivery pipeline and the API. */
import type { Enrichment } from './enrich/types.js';

/**
 * The provider ids, as keys. Each provider's descriptor (providers/<id>/descriptor.ts) adds its own
 * with `declare module`, so these shared types import nothing of the providers (whose code imports
 * them); providers/descriptors.ts lists one entry per key, checked by typecheck.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the descriptors' declarations
export interface ProviderIds {}
export type ProviderId = keyof ProviderIds;

export type RefKind = 'branch' | 'tag';

export type EventType =
  | 'branch_created'
  | 'branch_updated'
  | 'branch_deleted'
  | 'tag_created'
  | 'tag_updated'
  | 'tag_deleted';
export const EVENT_TYPES: readonly EventType[] = [
  'branch_created',
  'branch_updated',
  'branch_deleted',
  'tag_created',
  'tag_updated',
  'tag_deleted',
];

/** How a listing was obtained: REST API, GraphQL batch, or `git ls-remote`. */
export type ListMethod = 'api' | 'graphql' | 'ls-remote';

/**
 * `held`: its target was removed from the configuration; it waits for a target of that name to return.
 * `filtered`: a target's content filter kept the event from it (recorded, never sent).
 */
export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'held' | 'filtered' | 'dead';

/** Forty zeros: the SHA of a side that does not exist (before of a create, after of a delete). */
export const ZERO_SHA = '0000000000000000000000000000000000000000';

/** A ref head as listed by a provider or stored in SQLite. `name` is short: `main`, `v1.0`. */
export interface Ref {
  kind: RefKind;
  name: string;
  sha: string;
}

/** One detected change of one ref. */
export interface RefChange {
  type: EventType;
  kind: RefKind;
  name: string;
  /** Full ref: refs/heads/main, refs/tags/v1 */
  ref: string;
  before: string;
  after: string;
}

/** Repository metadata kept for payloads (github/gitlab formats). Optional fields come from the provider when known. */
export interface RepositoryMeta {
  provider: ProviderId;
  /** owner / group path, e.g. "acme" or "group/subgroup" */
  organization: string;
  /** repository name, e.g. "my-service" */
  name: string;
  /** organization/name */
  fullName: string;
  /** web URL, e.g. https://github.com/acme/my-service */
  url: string;
  cloneUrl: string;
  /** provider id (GitHub numeric id, GitLab project id) when known */
  id?: number | string;
  defaultBranch?: string;
  private?: boolean;
  description?: string | null;
}

/**
 * Not a ref change: a mirror target's initial sync of one repository (every watched ref pushed as one
 * delivery), queued when the target first sees the repository. Only mirror targets receive it.
 */
export const MIRROR_SYNC = 'mirror_sync' as const;

/** An event row as stored and as handed to delivery formats. */
export interface StoredEvent {
  id: string;
  seq: number;
  type: EventType | typeof MIRROR_SYNC;
  repositoryName: string;
  repositoryUrl: string;
  provider: ProviderId;
  refKind: RefKind;
  refName: string;
  before: string;
  after: string;
  /** epoch ms */
  detectedAt: number;
  /** repository metadata and optional commit details captured at detection time */
  data: EventData;
}

export interface EventData {
  repository: RepositoryMeta;
  /** commits, changed files and `forced` (src/enrich); absent when enrichment is off or for deletions */
  enrichment?: Enrichment;
  commit?: { message?: string; author?: { name?: string; email?: string; date?: string } };
}
