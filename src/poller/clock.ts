/** The scheduler's slice of the time source (src/clock.ts): one cancellable timer at a time. */
import type { Clock as FullClock } from '../clock.js';

export type { TimerHandle } from '../clock.js';
export type Clock = Pick<FullClock, 'now' | 'monotonic' | 'setTimeout' | 'clearTimeout'>;
export { systemClock } from '../clock.js';
