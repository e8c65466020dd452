import type { TargetConfig } from '../../src/config/types.js';
import { eventId, fullRef } from '../../src/events/id.js';
import type { NewEvent } from '../../src/store/index.js';
import { ZERO_SHA, type EventType, type ProviderId, type RefKind, type StoredEvent } from '../../src/types.js';

export function sha(n: number): string {
  return n.toString(16).padStart(40, 'b');
}

export interface EventSpec {
  kind?: RefKind;
  name?: string;
  before?: string;
  after?: string;
  provider?: ProviderId;
  repositoryName?: string;
  url?: string;
  detectedAt?: number;
  repoId?: number | string;
}

function eventType(kind: RefKind, before: string, after: string): EventType {
  if (before === ZERO_SHA) return `${kind}_created`;
  if (after === ZERO_SHA) return `${kind}_deleted`;
  return `${kind}_updated`;
}

/** A store-ready event with a deterministic id; StoredEvent fields plus repositoryId. */
export function newEvent(spec: EventSpec = {}, repositoryId = 1): NewEvent {
  const kind = spec.kind ?? 'branch';
  const name = spec.name ?? 'main';
  const before = spec.before ?? sha(1);
  const after = spec.after ?? sha(2);
  const provider = spec.provider ?? 'github';
  const url = spec.url ?? 'https://github.com/acme/my-service';
  const fullName = new URL(url).pathname.replace(/^\/|\.git$/g, '');
  const parts = fullName.split('/');
  return {
    id: eventId({ repositoryUrl: url, ref: fullRef(kind, name), before, after, transition: 1 }),
    type: eventType(kind, before, after),
    repositoryId,
    repositoryName: spec.repositoryName ?? 'my-service',
    repositoryUrl: url,
    provider,
    refKind: kind,
    refName: name,
    before,
    after,
    detectedAt: spec.detectedAt ?? Date.parse('2025-03-01T12:00:00Z'),
    data: {
      repository: {
        provider,
        organization: parts.slice(0, -1).join('/'),
        name: parts.at(-1)!,
        fullName,
        url,
        cloneUrl: `${url}.git`,
        id: spec.repoId,
      },
      commit: { message: 'Fix the thing\n\nLonger text', author: { name: 'Ada', email: 'ada@example.com', date: '2025-03-01T11:59:00Z' } },
    },
  };
}

export function storedEvent(spec: EventSpec = {}, seq = 1): StoredEvent {
  const { repositoryId: _ignored, ...rest } = newEvent(spec);
  return { ...rest, seq };
}

export function target(overrides: Partial<TargetConfig> = {}): TargetConfig {
  return {
    name: 'tekton',
    url: 'http://127.0.0.1:1/',
    format: 'cloudevents',
    mode: 'binary',
    headers: {},
    timeoutMs: 2000,
    retryAttempts: 5,
    retryBackoffMs: 20,
    maxBackoffMs: 100,
    ...overrides,
  };
}
