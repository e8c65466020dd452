/**
 * One abort listener per caller signal for all the requests made under it, instead of adding and
 * removing a listener per request (EventTarget listeners showed in an unchanged poll's profile).
 * The scheduler reuses a repository's signal from poll to poll until it aborts, so its listener
 * is added once. A request joins the signal's set while in flight and leaves it when it ends.
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
