/** The HTTP layer's slice of the time source (src/clock.ts): it only reads the time and sleeps. */
import type { Clock as FullClock } from '../clock.js';

export type Clock = Pick<FullClock, 'now' | 'sleep'>;
export { systemClock } from '../clock.js';
