/**
 * The per-attempt timeouts of all requests in flight, on one timer. Every request of a client has
 * the same timeout, so deadlines come in the order requests start: a list in start order is also
 * in deadline order, and adding or removing a request is O(1). The timer is armed for the oldest
 * request; when that one ends first the timer is left as it is and, on firing, expires what is
 * due and re-arms for the oldest request then in flight. So a deadline is still met on time, and a
 * request costs no timer of its own (a timer per request showed in an unchanged poll's profile).
 */
export interface Expiring {
  /** performance.now() at which the request times out; 0 while not in the list */
  deadline: number;
  prev: Expiring | null;
  next: Expiring | null;
}

export interface Deadlines<T extends Expiring> {
  add(item: T): void;
  remove(item: T): void;
}

export function createDeadlines<T extends Expiring>(timeoutMs: number, expire: (item: T) => void): Deadlines<T> {
  let head: T | null = null;
  let tail: T | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function remove(item: T): void {
    if (item.prev) item.prev.next = item.next;
    else head = item.next as T | null;
    if (item.next) item.next.prev = item.prev;
    else tail = item.prev as T | null;
    item.prev = item.next = null;
    item.deadline = 0;
  }

  function arm(): void {
    if (head === null) return;
    // unref: the sockets of the requests in flight keep the process alive, a timer left for one
    // that already ended must not (a one-shot command would wait for it)
    timer = setTimeout(fire, Math.max(1, Math.ceil(head.deadline - performance.now())));
    timer.unref();
  }

  function fire(): void {
    timer = undefined;
    const now = performance.now();
    while (head !== null && head.deadline <= now) {
      const due = head;
      remove(due);
      expire(due);
    }
    arm();
  }

  return {
    add(item) {
      item.deadline = performance.now() + timeoutMs;
      item.prev = tail;
      item.next = null;
      if (tail) tail.next = item;
      else head = item;
      tail = item;
      if (timer === undefined) arm();
    },
    remove(item) {
      if (item.deadline !== 0) remove(item);
    },
  };
}
