import { describe, expect, it } from 'vitest';
import { didYouMean, levenshtein } from '../../src/config/did-you-mean.js';

describe('didYouMean', () => {
  it('computes edit distance', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });

  it('suggests the closest key for typos', () => {
    const keys = ['name', 'url', 'provider', 'branch_regex', 'tag_regex', 'polling_interval'];
    expect(didYouMean('brnach_regex', keys)).toBe('branch_regex');
    expect(didYouMean('nmae', keys)).toBe('name');
    expect(didYouMean('pollingInterval', keys)).toBe('polling_interval');
    expect(didYouMean('BRANCH-REGEX', keys)).toBe('branch_regex');
  });

  it('stays quiet when nothing is close', () => {
    expect(didYouMean('monitoring', ['app', 'polling', 'storage'])).toBeUndefined();
  });
});
