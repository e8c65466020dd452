/**
 * The request-rate limiter of one budget: a token bucket in its GCRA form, on the injected clock.
 * Each request reserves the next slot of the configured rate; after an idle spell up to `burst`
 * go at once. Slots are reserved in virtual time, so a timer that fires late (timers have a 1 ms
 * grain) does not lower the rate: the next slot is then already due. bottleneck's reservoir, used
 * before, refilled only on its 250 ms heartbeat, which capped every configured rate at 4/s.
 */
import type { Clock } from './clock.js';

export interface TokenBucket {
  readonly perSecond: number;
  /** resolves when this request's slot is due; rejects with the signal's reason when aborted */
  take(signal?: AbortSignal): Promise<void>;
  /** returns the slot of a request that cost no quota (a 304) or was never sent */
  giveBack(): void;
}

export function createTokenBucket(perSecond: number, burst: number, clock: Clock): TokenBucket {
  const interval = 1000 / perSecond;
  const tolerance = (Math.max(1, Math.floor(burst)) - 1) * interval;
  // theoretical arrival time: when the bucket would be empty again if nothing more were given back
  let tat = Number.NEGATIVE_INFINITY;
  return {
    perSecond,
    async take(signal) {
      const now = clock.now();
      const slot = Math.max(tat, now);
      tat = slot + interval;
      const wait = slot - tolerance - now;
      if (wait <= 0) return;
      try {
        await clock.sleep(wait, signal);
      } catch (err) {
        tat -= interval;
        throw err;
      }
    },
    giveBack() {
      // never below now minus a full bucket: what is given back cannot raise the burst
      tat = Math.max(tat - interval, clock.now() - tolerance - interval);
    },
  };
}
