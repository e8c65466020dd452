/**
 * Picks one batch for a provider that lists many repositories per request (GitHub GraphQL): the due
 * entry the scheduler just popped plus up to size − 1 more DUE entries with the same batch key, in
 * heap order. Entries of other keys that were looked at go back into the heap unchanged (their due
 * time, priority and sequence are kept, so their order is too). The scan is bounded, so a heap
 * full of other groups' due entries costs a few pops, not a walk of the whole heap.
 */
import { ReposentryError } from '../errors.js';
import type { BatchCapability, BatchItem, ListRefsResult } from '../providers/types.js';
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

/** One result or error per item, whatever the capability does (throws, answers short). */
export async function listBatch(capability: BatchCapability, items: BatchItem[], signal: AbortSignal): Promise<Array<ListRefsResult | Error>> {
  try {
    const listings = await capability.listRefsBatch(items, signal);
    if (listings.length !== items.length) throw new ReposentryError('internal', `batched listing answered ${listings.length} of ${items.length} repositories`);
    return listings;
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    return items.map(() => error);
  }
}
