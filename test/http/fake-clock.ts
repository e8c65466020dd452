/** A clock whose sleep returns at once and moves time forward, recording every wait. */
import type { Clock } from '../../src/http/clock.js';

export interface FakeClock extends Clock {
  sleeps: number[];
  advance(ms: number): void;
}

export function fakeClock(start = Date.now(), onSleep?: (ms: number) => void): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    advance(ms) {
      t += ms;
    },
    async sleep(ms) {
      sleeps.push(ms);
      t += ms;
      onSleep?.(ms);
    },
  };
}
