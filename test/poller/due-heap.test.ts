import { describe, expect, it } from 'vitest';
import { createDueHeap, type HeapItem } from '../../src/poller/due-heap.js';

interface Item extends HeapItem {
  id: number;
}

function item(id: number, dueAt: number, priority = 1, seq = id): Item {
  return { id, dueAt, priority, seq, heapIndex: -1 };
}

// a small deterministic generator so failures reproduce
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function order(a: Item, b: Item): number {
  return a.priority - b.priority || a.dueAt - b.dueAt || a.seq - b.seq;
}

describe('due heap', () => {
  it('pops by priority, then due time, then insertion order', () => {
    const heap = createDueHeap<Item>();
    for (const i of [item(1, 50), item(2, 10), item(3, 10), item(4, 99, 0), item(5, 5)]) heap.push(i);
    const out: number[] = [];
    while (heap.size) out.push(heap.pop()!.id);
    expect(out).toEqual([4, 5, 2, 3, 1]);
  });

  it('matches a sorted list under random pushes, removals and re-keys', () => {
    const rnd = lcg(7);
    const heap = createDueHeap<Item>();
    const live = new Map<number, Item>();
    let seq = 0;
    for (let step = 0; step < 5000; step++) {
      const r = rnd();
      if (r < 0.5 || live.size === 0) {
        const it = item(step, Math.floor(rnd() * 1000), rnd() < 0.1 ? 0 : 1, seq++);
        heap.push(it);
        live.set(it.id, it);
      } else if (r < 0.7) {
        const victim = [...live.values()][Math.floor(rnd() * live.size)];
        expect(heap.remove(victim)).toBe(true);
        expect(heap.remove(victim)).toBe(false);
        live.delete(victim.id);
      } else if (r < 0.85) {
        const moved = [...live.values()][Math.floor(rnd() * live.size)];
        moved.dueAt = Math.floor(rnd() * 1000);
        moved.seq = seq++;
        heap.push(moved);
      } else {
        const expected = [...live.values()].sort(order)[0];
        expect(heap.pop()).toBe(expected);
        live.delete(expected.id);
      }
      expect(heap.size).toBe(live.size);
    }
    const rest: Item[] = [];
    while (heap.size) rest.push(heap.pop()!);
    expect(rest).toEqual([...live.values()].sort(order));
    expect(rest.every((i) => !heap.has(i) && i.heapIndex === -1)).toBe(true);
  });

  it('peek does not remove', () => {
    const heap = createDueHeap<Item>();
    const a = item(1, 3);
    heap.push(a);
    expect(heap.peek()).toBe(a);
    expect(heap.size).toBe(1);
    expect(heap.has(a)).toBe(true);
  });
});
