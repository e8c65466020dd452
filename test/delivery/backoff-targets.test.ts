import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY_AFTER_CAP_MS } from '../../src/delivery/backoff.js';
import { matchTargets } from '../../src/delivery/targets.js';
import { target } from './helpers.js';

describe('backoffDelay', () => {
  const base = { retryBackoffMs: 1000, maxBackoffMs: 600_000 };

  it('waits exactly retry_backoff before the first retry', () => {
    expect(backoffDelay({ ...base, attempt: 1, random: () => 0.99 })).toBe(1000);
  });

  it('draws between retry_backoff and the doubled ceiling, capped by max_backoff', () => {
    expect(backoffDelay({ ...base, attempt: 4, random: () => 0 })).toBe(1000);
    expect(backoffDelay({ ...base, attempt: 4, random: () => 1 })).toBe(8000);
    expect(backoffDelay({ ...base, attempt: 4, random: () => 0.5 })).toBe(4500);
    expect(backoffDelay({ ...base, attempt: 30, random: () => 1 })).toBe(600_000);
    expect(backoffDelay({ ...base, attempt: 5000, random: () => 1 })).toBe(600_000);
  });

  it('honours Retry-After when it is longer than the computed delay', () => {
    expect(backoffDelay({ ...base, attempt: 1, retryAfterMs: 30_000, random: () => 0 })).toBe(30_000);
    expect(backoffDelay({ ...base, attempt: 10, retryAfterMs: 10, random: () => 1 })).toBe(512_000);
    // capped at max(max_backoff, 5m) by default, or at max_retry_after
    expect(backoffDelay({ ...base, attempt: 1, retryAfterMs: 30 * 86_400_000 })).toBe(600_000);
    expect(backoffDelay({ ...base, maxBackoffMs: 1000, attempt: 1, retryAfterMs: 3_600_000, random: () => 0 })).toBe(DEFAULT_RETRY_AFTER_CAP_MS);
    expect(backoffDelay({ ...base, attempt: 1, retryAfterMs: 3_600_000, maxRetryAfterMs: 2000, random: () => 0 })).toBe(2000);
  });
});

describe('matchTargets', () => {
  const targets = [
    target({ name: 'all' }),
    target({ name: 'team-a', filter: { repositories: ['^team-a/', 'shared'] } }),
    target({ name: 'tags', filter: { events: ['tag_created'] } }),
    target({ name: 'both', filter: { repositories: ['svc$'], events: ['branch_updated'] } }),
  ];
  it('filters by unanchored repository regexes and by event type', () => {
    expect(matchTargets(targets, { repositoryName: 'team-a/svc', type: 'branch_updated' })).toEqual(['all', 'team-a', 'both']);
    expect(matchTargets(targets, { repositoryName: 'x/shared-lib', type: 'tag_created' })).toEqual(['all', 'team-a', 'tags']);
    expect(matchTargets(targets, { repositoryName: 'team-b/svc', type: 'branch_deleted' })).toEqual(['all']);
    expect(matchTargets([], { repositoryName: 'x', type: 'branch_deleted' })).toEqual([]);
  });
});
