/**
 * One abort listener per signal for all the work done under it (HTTP requests, a poll's provider
 * call), instead of adding and removing a listener for each (EventTarget listeners showed in an
 * unchanged poll's profile). The scheduler reuses a repository's signal from poll to poll until it
 * aborts, so its listener is added once. Work joins the signal's set while it runs and leaves it
 * when it ends.
 */
export interface Cancellable {
  cancel(reason: unknown): void;
}

const watched = new WeakMap<AbortSignal, Set<Cancellable>>();

/** Adds `item` to the set cancelled when `signal` aborts; the caller deletes it from the set when done. */
export function watchSignal(signal: AbortSignal, item: Cancellable): Set<Cancellable> {
  let items = watched.get(signal);
  if (!items) {
    const set = new Set<Cancellable>();
    items = set;
    watched.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        for (const i of [...set]) i.cancel(signal.reason);
        set.clear();
      },
      { once: true },
    );
  }
  items.add(item);
  return items;
}

/**
 * `work`, or the signal's reason as soon as the signal aborts, whichever comes first: bounds work
 * that may not honour the signal itself.
 */
export function untilAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const item: Cancellable = { cancel: (reason) => reject(reason as Error) };
    const set = watchSignal(signal, item);
    work.then(
      (v) => {
        set.delete(item);
        resolve(v);
      },
      (err: unknown) => {
        set.delete(item);
        reject(err as Error);
      },
    );
  });
}
