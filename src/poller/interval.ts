/**
 * When a repository is due next: its interval ± jitter after a success; after failures the
 * interval doubles per consecutive failure (1×, 2×, 4×, 8×) and stays at 10× from then on.
 */
export const MAX_BACKOFF_FACTOR = 10;

export interface DelayInput {
  intervalMs: number;
  /** ± fraction of the delay, clamped to [0, 1] */
  jitter: number;
  /** consecutive failures including this poll; 0 after a success */
  failures: number;
  /** a number in [0, 1) */
  random: number;
}

export function pollDelay(input: DelayInput): number {
  const factor = input.failures <= 0 ? 1 : Math.min(2 ** (input.failures - 1), MAX_BACKOFF_FACTOR);
  const j = Math.min(Math.max(input.jitter, 0), 1);
  return Math.max(0, Math.round(input.intervalMs * factor * (1 + j * (2 * input.random - 1))));
}
