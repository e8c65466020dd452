/**
 * The one time source of reposentry, injected so tests drive time by hand and never sleep for real
 * minutes. Each part takes only the slice it uses: the HTTP layer sleeps (http/clock.ts), the
 * scheduler arms cancellable timers (poller/clock.ts); systemClock() serves both.
 */
export type TimerHandle = unknown;

export interface Clock {
  /** wall-clock time (epoch ms): for times that are stored or shown */
  now(): number;
  /**
   * a monotonic time in ms (any origin): for deadlines the scheduler's timer fires for. A step of
   * the system clock (NTP, a VM resumed) moves now() but neither this nor the timers, so a
   * deadline kept on it still falls after its timeout.
   */
  monotonic(): number;
  /** resolves after ms, rejects with the signal's reason when aborted */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    function onAbort(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The longest delay a Node.js timer holds: a longer one fires after 1 ms (with a warning). A wake-up
 * further away (a rate-limit reset a provider put years ahead) fires at this bound instead; the
 * scheduler, the one caller with such delays, finds nothing due then and arms again.
 */
const MAX_TIMER_MS = 2_147_483_647;

export function systemClock(): Clock {
  return {
    now: () => Date.now(),
    monotonic: () => performance.now(),
    sleep,
    setTimeout: (fn, ms) => setTimeout(fn, Math.min(Math.max(0, ms), MAX_TIMER_MS)),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}
