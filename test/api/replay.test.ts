import { describe, expect, it } from 'vitest';
import { createReplayGuard, REPLAY_WINDOW_MS } from '../../src/api/webhooks/replay.js';

describe('webhook replay guard', () => {
  it('remembers a delivery id for the window, then forgets it; keeps at most max ids', () => {
    let t = 0;
    const guard = createReplayGuard({ now: () => t, max: 3 });
    expect(guard.seen('a')).toBe(false);
    expect(guard.seen('a')).toBe(true);
    t = REPLAY_WINDOW_MS - 1;
    expect(guard.seen('a')).toBe(true);
    t = REPLAY_WINDOW_MS;
    expect(guard.seen('a')).toBe(false);
    for (const id of ['b', 'c', 'd']) expect(guard.seen(id)).toBe(false);
    // 'a' was the oldest of four: forgotten to stay within max
    expect(guard.seen('a')).toBe(false);
    expect(guard.seen('d')).toBe(true);
  });
});
