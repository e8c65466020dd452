import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_FACTOR, pollDelay } from '../../src/poller/interval.js';

describe('pollDelay', () => {
  it.each([
    [0, 60_000],
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [4, 480_000],
    [5, 600_000],
    [50, 600_000],
  ])('after %i consecutive failures waits %i ms (no jitter)', (failures, expected) => {
    expect(pollDelay({ intervalMs: 60_000, jitter: 0.2, failures, random: 0.5 })).toBe(expected);
  });

  it('jitter spreads the delay by ± the fraction', () => {
    expect(pollDelay({ intervalMs: 100_000, jitter: 0.1, failures: 0, random: 0 })).toBe(90_000);
    expect(pollDelay({ intervalMs: 100_000, jitter: 0.1, failures: 0, random: 0.75 })).toBe(105_000);
    expect(pollDelay({ intervalMs: 100_000, jitter: 0.1, failures: 99, random: 0 })).toBe(100_000 * MAX_BACKOFF_FACTOR * 0.9);
  });

  it('clamps a jitter outside [0, 1] and never goes negative', () => {
    expect(pollDelay({ intervalMs: 1000, jitter: 5, failures: 0, random: 0 })).toBe(0);
    expect(pollDelay({ intervalMs: 1000, jitter: -1, failures: 0, random: 0 })).toBe(1000);
  });
});
