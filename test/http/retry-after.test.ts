import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/http/retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 May 2024 11:00:00 GMT', now)).toBe(0);
  });
  it('treats absent, blank and garbage values as unknown', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
  it('treats a delay past the last date a Date holds as garbage', () => {
    expect(parseRetryAfter('99999999999999999999', now)).toBeUndefined();
    // years ahead is still a time (the budget waits for it)
    expect(parseRetryAfter(String(10 * 365 * 86_400), now)).toBe(10 * 365 * 86_400_000);
  });
});

describe('parseRetryAfter of a repeated header (node gives an array)', () => {
  it('reads the first value', () => {
    expect(parseRetryAfter(['7', '9'], 0)).toBe(7000);
  });
});
