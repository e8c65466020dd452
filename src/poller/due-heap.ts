/**
 * A binary min-heap of scheduled items ordered by (priority, dueAt, seq), with O(log n) removal
 * and re-keying through an index kept on each item. One heap plus one timer schedules any number
 * of repositories (10,000 timers would not scale; a sorted array would cost O(n) per insert).
 */
export interface HeapItem {
  dueAt: number;
  /** 0 = urgent (poll now), 1 = scheduled */
  priority: number;
  /** insertion order, breaks ties so equal due times keep FIFO order */
  seq: number;
  /** position in the heap, -1 when not in it */
  heapIndex: number;
}

export interface DueHeap<T extends HeapItem> {
  readonly size: number;
  peek(): T | undefined;
  pop(): T | undefined;
  push(item: T): void;
  remove(item: T): boolean;
  has(item: T): boolean;
}

function before(a: HeapItem, b: HeapItem): boolean {
  if (a.priority !== b.priority) return a.priority < b.priority;
  if (a.dueAt !== b.dueAt) return a.dueAt < b.dueAt;
  return a.seq < b.seq;
}

export function createDueHeap<T extends HeapItem>(): DueHeap<T> {
  const items: T[] = [];

  function place(item: T, i: number): void {
    items[i] = item;
    item.heapIndex = i;
  }

  function up(i: number): void {
    const item = items[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, items[parent])) break;
      place(items[parent], i);
      i = parent;
    }
    place(item, i);
  }

  function down(i: number): void {
    const item = items[i];
    const n = items.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(items[r], items[l]) ? r : l;
      if (!before(items[child], item)) break;
      place(items[child], i);
      i = child;
    }
    place(item, i);
  }

  function removeAt(i: number): T {
    const item = items[i];
    const last = items.pop()!;
    if (i < items.length) {
      place(last, i);
      up(i);
      down(last.heapIndex);
    }
    item.heapIndex = -1;
    return item;
  }

  return {
    get size() {
      return items.length;
    },
    peek: () => items[0],
    pop: () => (items.length ? removeAt(0) : undefined),
    push(item) {
      if (item.heapIndex >= 0) removeAt(item.heapIndex);
      items.push(item);
      up(items.length - 1);
    },
    remove(item) {
      if (item.heapIndex < 0 || items[item.heapIndex] !== item) return false;
      removeAt(item.heapIndex);
      return true;
    },
    has: (item) => item.heapIndex >= 0 && items[item.heapIndex] === item,
  };
}
