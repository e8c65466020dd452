import { describe, expect, it } from 'vitest';
import { DurationError, parseDuration } from '../../src/config/duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['2h0m10s', 7_210_000],
    ['1500us', 2],
    ['0s', 0],
    ['45', 45_000],
    [30, 30_000],
    [0.25, 250],
  ])('%j → %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['5 minutes', '30y', '2w', 'abc', '', '1h30', 'm5', '-5m'])('rejects %j with a clear message', (input) => {
    expect(() => parseDuration(input)).toThrow(DurationError);
    expect(() => parseDuration(input)).toThrow(/duration/);
  });

  it('accepts days, which Go lacks, for long spans such as storage.retention', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('1d12h')).toBe(36 * 3_600_000);
  });

  it('rejects negative numbers and non-scalars', () => {
    expect(() => parseDuration(-1)).toThrow(/negative/);
    expect(() => parseDuration(true)).toThrow(/boolean/);
  });
});
