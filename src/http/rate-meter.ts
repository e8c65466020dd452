/**
 * The achieved request rate of one budget over the last minute, for the status API: 60 one-second
 * buckets on the injected clock, so a budget costs a fixed 60 numbers however busy it is.
 */
import type { Clock } from './clock.js';

const WINDOW_S = 60;

export interface RateMeter {
  /** counts n requests now, or at `at` (negative when a request's slot was given back) */
  add(n: number, at?: number): void;
  /** requests per second over the last minute, or since the first request when that is later */
  perSecond(): number;
}

export function createRateMeter(clock: Clock): RateMeter {
  const counts = new Array<number>(WINDOW_S).fill(0);
  const seconds = new Array<number>(WINDOW_S).fill(-1);
  let firstAt: number | null = null;
  return {
    add(n, at) {
      const now = at ?? clock.now();
      firstAt ??= now;
      const s = Math.floor(now / 1000);
      const i = s % WINDOW_S;
      if (seconds[i] !== s) {
        seconds[i] = s;
        counts[i] = 0;
      }
      counts[i] += n;
    },
    perSecond() {
      if (firstAt === null) return 0;
      const now = clock.now();
      const s = Math.floor(now / 1000);
      let total = 0;
      for (let i = 0; i < WINDOW_S; i++) if (seconds[i] > s - WINDOW_S) total += counts[i];
      // the window reaches back to the start of the oldest whole second it holds
      const span = Math.min(WINDOW_S * 1000, now - Math.max(firstAt, (s - WINDOW_S + 1) * 1000));
      return span <= 0 ? 0 : Math.max(0, total) / (Math.max(span, 1000) / 1000);
    },
  };
}
