/**
 * The event data of DESIGN §6: the cloudevents body, the log line, and the shape the original
 * RepoSentry's Tekton bindings read ($(body.repository.url), $(body.branch.name), $(body.commit.sha),
 * $(body.repository.full_name)). Keep it exactly; extend only compatibly.
 */
import { fullRef } from '../../events/id.js';
import type { EventType, ProviderId, RefKind, StoredEvent } from '../../types.js';

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
  event: { id: string; type: EventType; trigger_source: 'reposentry'; detection_time: string };
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
      url: meta.url,
      clone_url: meta.cloneUrl,
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
  return data;
}
