import { describe, expect, it } from 'vitest';
import { createPollCounts } from '../../src/metrics/poll-counts.js';

describe('createPollCounts', () => {
  it('counts polls per repository, provider and result, and listings per provider and method, until forgotten', () => {
    const counts = createPollCounts();
    counts.poll('a', 'github', 'unchanged');
    counts.poll('a', 'github', 'unchanged');
    counts.poll('a', 'github', 'error');
    counts.poll('a', 'github', 'unchanged');
    counts.poll('a', 'gitlab', 'unchanged');
    counts.poll('b', 'github', 'changed');
    counts.listing('github', 'api');
    counts.listing('github', 'ls-remote');
    counts.listing('github', 'api');
    const polls = Object.fromEntries(counts.polls().map((c) => [`${c.labels.repository} ${c.labels.provider} ${c.labels.result}`, c.pending]));
    expect(polls).toEqual({ 'a github unchanged': 3, 'a github error': 1, 'a gitlab unchanged': 1, 'b github changed': 1 });
    expect(counts.listings().map((c) => [c.labels.provider, c.labels.method, c.pending])).toEqual([
      ['github', 'api', 2],
      ['github', 'ls-remote', 1],
    ]);
    expect(counts.forget('a').map((c) => c.labels.result)).toEqual(['unchanged', 'error', 'unchanged']);
    expect(counts.polls().map((c) => c.labels.repository)).toEqual(['b']);
    counts.poll('a', 'github', 'unchanged');
    expect(counts.polls().find((c) => c.labels.repository === 'a')?.pending).toBe(1);
  });
});
