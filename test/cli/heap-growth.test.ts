import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from '../../src/cli/heap-growth.js';

describe('the daemon heap growth', () => {
  it('sets a fixed growth of the old generation over the live heap', () => {
    expect(HEAP_GROWING_PERCENT).toBe(20);
    expect(limitHeapGrowth([])).toBe('--heap-growing-percent=20');
  });

  it('leaves the growth given to node itself as it is', () => {
    expect(limitHeapGrowth(['--heap-growing-percent=50'])).toBeUndefined();
    expect(limitHeapGrowth(['--expose-gc', '--heap_growing_percent=5'])).toBeUndefined();
  });
});
