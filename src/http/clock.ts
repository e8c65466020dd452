/** Time source injected into the HTTP layer and git runner so tests never sleep for real minutes. */
export interface Clock {
  now(): number;
  /** resolves after ms, rejects with the signal's reason when aborted */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function systemClock(): Clock {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
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
      }),
  };
}
