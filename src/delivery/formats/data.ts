/**
 * The event data: the cloudevents body, the log line, and the shape the original
 * RepoSentry's Tekton bindings read ($(body.repository.url), $(body.branch.name), $(body.commit.sha),
 * $(body.repository.full_name)). Keep it exactly; extend only compatibly.
 */
import { fullRef } from '../../events/id.js';
import type { EnrichedCommit, Enrichment } from '../../enrich/types.js';
import { publicUrl } from './web-url.js';
import type { ProviderId, RefKind, StoredEvent } from '../../types.js';

export interface EventPayloadData {
  repository: {
    provider: ProviderId;
    organization: string;
    name: string;
    full_name: string;
    url: string;
    clone_url: string;
    id: number | string | null;
  };
  ref: { type: RefKind; name: string; full: string };
  branch?: { name: string; ref: string };
  tag?: { name: string; ref: string };
  commit: {
    sha: string;
    short_sha: string;
    message?: string;
    author?: { name?: string; email?: string; date?: string };
  };
  previous_commit: { sha: string; short_sha: string };
  event: { id: string; type: StoredEvent['type']; trigger_source: 'reposentry'; detection_time: string };
  /** with enrichment (docs/enrichment.md): the newest max_commits commits, oldest first */
  commits?: PayloadCommit[];
  total_commits?: number;
  changed_files?: { files: string[]; truncated: boolean };
  forced?: boolean;
  enrichment?:
    | { status: 'ok'; source: string; range: string; files_per_commit: boolean }
    | { status: 'unavailable'; reason: string };
}

export interface PayloadCommit {
  id: string;
  message: string;
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  url: string;
  added: string[];
  modified: string[];
  removed: string[];
}

function payloadCommit(c: EnrichedCommit): PayloadCommit {
  return { id: c.id, message: c.message, author: c.author, committer: c.committer, url: c.url, added: c.added, modified: c.modified, removed: c.removed };
}

function addEnrichment(data: EventPayloadData, e: Enrichment): void {
  if (e.status !== 'ok') {
    data.enrichment = { status: 'unavailable', reason: e.reason };
    return;
  }
  data.commits = e.commits.map(payloadCommit);
  data.total_commits = e.totalCommits;
  data.changed_files = { files: e.changedFiles.files, truncated: e.changedFiles.truncated };
  data.forced = e.forced;
  data.enrichment = { status: 'ok', source: e.source, range: e.range, files_per_commit: e.filesPerCommit };
  const head = e.headCommit;
  if (head) {
    data.commit.message ??= head.message;
    data.commit.author ??= head.author;
  }
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

export function buildEventData(event: StoredEvent): EventPayloadData {
  const meta = event.data.repository;
  const ref = fullRef(event.refKind, event.refName);
  const commit: EventPayloadData['commit'] = { sha: event.after, short_sha: shortSha(event.after) };
  if (event.data.commit?.message !== undefined) commit.message = event.data.commit.message;
  if (event.data.commit?.author) commit.author = event.data.commit.author;
  const data: EventPayloadData = {
    repository: {
      provider: meta.provider,
      organization: meta.organization,
      name: meta.name,
      full_name: meta.fullName,
      url: publicUrl(meta.url),
      clone_url: publicUrl(meta.cloneUrl),
      id: meta.id ?? null,
    },
    ref: { type: event.refKind, name: event.refName, full: ref },
    commit,
    previous_commit: { sha: event.before, short_sha: shortSha(event.before) },
    event: {
      id: event.id,
      type: event.type,
      trigger_source: 'reposentry',
      detection_time: new Date(event.detectedAt).toISOString(),
    },
  };
  if (event.refKind === 'branch') data.branch = { name: event.refName, ref };
  else data.tag = { name: event.refName, ref };
  if (event.data.enrichment) addEnrichment(data, event.data.enrichment);
  return data;
}
