/**
 * The daemon's V8 heap growth (issue 17). By default V8 lets the old generation grow to up to
 * four times what survived the last full collection before it collects again; a daemon that
 * holds the state of 100,000 repositories and allocates steadily while it polls then keeps
 * hundreds of MB of garbage resident. A fixed growth of 20 % over the live heap keeps RSS close
 * to what is live, for slightly more frequent full collections (figures in docs/performance.md).
 * A `--heap-growing-percent` given to node itself is left as it is.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 20;

/** Applies the daemon's heap growth unless node was started with its own; returns the flag set, if any. */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): string | undefined {
  if (execArgv.some((a) => a.startsWith('--heap-growing-percent') || a.startsWith('--heap_growing_percent'))) return undefined;
  const flag = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
  setFlagsFromString(flag);
  return flag;
}
