import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { untilAborted } from '../src/signal-watch.js';

describe('untilAborted', () => {
  it('settles with the work, or with the reason once the signal aborts, on one listener for all work under the signal', async () => {
    const controller = new AbortController();
    expect(await untilAborted(Promise.resolve(1), controller.signal)).toBe(1);
    await expect(untilAborted(Promise.reject(new Error('failed')), controller.signal)).rejects.toThrow('failed');
    const never = [1, 2, 3].map(() => untilAborted(new Promise<number>(() => {}), controller.signal));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort(new Error('timed out'));
    for (const p of never) await expect(p).rejects.toThrow('timed out');
    await expect(untilAborted(Promise.resolve(2), controller.signal)).rejects.toThrow('timed out');
    expect(await untilAborted(Promise.resolve(3))).toBe(3);
  });
});
