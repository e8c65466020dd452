/** The ETag bookkeeping of paged listings: which entries belong to a kind, and when the state is kept as is. */
import { describe, expect, it } from 'vitest';
import { etagsOf, mergeEtags } from '../../src/providers/paged-list.js';

const state = { etags: { heads: '"h1"', 'heads@https://api/x?page=2': '"h2"', 'heads#probe': 'https://api/x?page=3', tags: '"t1"', headsy: '"other"' } };

describe('paged-list ETags', () => {
  it('picks a kind’s first page, later pages and probe, and nothing of another kind', () => {
    expect(etagsOf(state, 'heads')).toEqual({ heads: '"h1"', 'heads@https://api/x?page=2': '"h2"', 'heads#probe': 'https://api/x?page=3' });
    expect(etagsOf(state, 'tags')).toEqual({ tags: '"t1"' });
    expect(etagsOf(state, 'branches')).toEqual({});
    expect(etagsOf({}, 'heads')).toEqual({});
  });

  it('keeps the state object when every replacement holds the same entries (the caller skips the write)', () => {
    expect(mergeEtags(state, { heads: etagsOf(state, 'heads'), tags: { tags: '"t1"' } })).toBe(state);
    expect(mergeEtags({}, { heads: {}, tags: {} })).toEqual({});
  });

  it('replaces a kind’s entries when one changed, was added or went away', () => {
    const changed = mergeEtags(state, { heads: { heads: '"h9"' }, tags: { tags: '"t1"' } });
    expect(changed).not.toBe(state);
    expect(changed.etags).toEqual({ heads: '"h9"', tags: '"t1"', headsy: '"other"' });
    // tags not listed any more: their ETags are dropped
    expect(mergeEtags(state, { heads: etagsOf(state, 'heads'), tags: {} }).etags).toEqual({ heads: '"h1"', 'heads@https://api/x?page=2': '"h2"', 'heads#probe': 'https://api/x?page=3', headsy: '"other"' });
    expect(mergeEtags({ etags: { heads: '"h1"' } }, { heads: { heads: '"h1"', 'heads#probe': 'u' } }).etags).toEqual({ heads: '"h1"', 'heads#probe': 'u' });
  });
});
