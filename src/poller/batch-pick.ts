/**
 * Picks one batch for a provider that lists many repositories per request (GitHub GraphQL): the due
 * entry the scheduler just popped plus up to size − 1 more DUE entries with the same batch key, in
 * heap order. Entries of other keys that were looked at go back into the heap unchanged (their due
 * time, priority and sequence are kept, so their order is too). The scan is bounded, so a heap
 * full of other groups' due entries costs a few pops, not a walk of the whole heap.
 */
import type { DueHeap, HeapItem } from './due-heap.js';

export function takeBatch<T extends HeapItem>(
  heap: DueHeap<T>,
  first: T,
  opts: { now: number; size: number; key: string; keyOf: (item: T) => string | null },
): T[] {
  const batch = [first];
  const aside: T[] = [];
  const maxScan = opts.size * 8;
  for (let scanned = 0; batch.length < opts.size && scanned < maxScan; scanned++) {
    const top = heap.peek();
    if (!top || top.dueAt > opts.now) break;
    heap.pop();
    if (opts.keyOf(top) === opts.key) batch.push(top);
    else aside.push(top);
  }
  for (const item of aside) heap.push(item);
  return batch;
}
