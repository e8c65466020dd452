import { afterEach, describe, expect, it } from 'vitest';
import type { AttemptResult } from '../../src/delivery/attempt.js';
import { createOutboxRound } from '../../src/delivery/outbox-round.js';
import { openStore, type ClaimedDelivery, type Store } from '../../src/store/index.js';
import { newEvent, sha } from './helpers.js';

let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

/** A store with `n` pending deliveries, one per branch (no ordering waits). */
function storeWith(n: number): Store {
  const s = openStore(':memory:');
  const [repo] = s.repositories.sync([{ name: 'my-service', url: 'https://github.com/acme/my-service', provider: 'github' }]);
  const events = Array.from({ length: n }, (_, i) => newEvent({ name: `b${i}`, before: sha(i), after: sha(i + 100) }, repo!.id));
  s.commitPoll({
    repositoryId: repo!.id, at: 1000, nextPollAt: 2000, method: 'api', state: {}, baseline: true, upserts: [], deletes: [],
    events, deliveries: events.map((e) => ({ eventId: e.id, target: 'tekton' })),
  });
  return s;
}

function delivered(c: ClaimedDelivery, reports: number[]): AttemptResult {
  const id = c.delivery.id;
  return { outcome: 'delivered', deliveryId: id, write: { status: 'delivered', id, at: 5000, statusCode: 202, receiverEventId: `r${id}` }, report: () => reports.push(id) };
}

describe('outbox round (group commit)', () => {
  it('records the outcomes of the attempts that finished and claims the free slots in one transaction, then reports them', () => {
    store = storeWith(5);
    const first = store.deliveries.claim({ now: 1000, limit: 3, leaseMs: 60_000 });
    const reports: number[] = [];
    const recorded: number[] = [];
    const round = createOutboxRound(store.deliveries, (r) => recorded.push(r.deliveryId));
    let transactions = 0;
    const real = store.deliveries.transaction;
    store.deliveries.transaction = (fn) => {
      transactions++;
      // nothing reported before its commit
      expect(reports).toEqual([]);
      return real(fn);
    };
    for (const c of first) round.settle(delivered(c, reports));
    expect(round.settled).toBe(3);
    // settled but not recorded: still delivering under their lease
    expect(store.deliveries.stats(1000)).toMatchObject({ delivering: 3, delivered: 0 });

    const next = round.run({ now: 1000, limit: 2, leaseMs: 60_000 });
    expect(transactions).toBe(1);
    expect(next.map((c) => c.delivery.id)).toEqual([4, 5]);
    expect(round.settled).toBe(0);
    expect(reports).toEqual(first.map((c) => c.delivery.id));
    expect(recorded).toEqual(first.map((c) => c.delivery.id));
    expect(store.deliveries.stats(1000)).toMatchObject({ delivering: 2, delivered: 3, pending: 0 });
    expect(store.deliveries.forEvent(first[0]!.event.id)[0]).toMatchObject({ status: 'delivered', lastStatusCode: 202, receiverEventId: 'r1' });
  });

  it('writes nothing when the round fails (storage failing) and records the same outcomes in the next round', () => {
    store = storeWith(3);
    const claimed = store.deliveries.claim({ now: 1000, limit: 2, leaseMs: 60_000 });
    const reports: number[] = [];
    const round = createOutboxRound(store.deliveries, () => undefined);
    for (const c of claimed) round.settle(delivered(c, reports));
    const realClaim = store.deliveries.claim;
    store.deliveries.claim = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    expect(() => round.run({ now: 1000, limit: 1, leaseMs: 60_000 })).toThrow('disk is full');
    // the outcomes written before the failing claim were rolled back with it
    expect(store.deliveries.stats(1000)).toMatchObject({ delivering: 2, delivered: 0, pending: 1 });
    expect(reports).toEqual([]);
    expect(round.settled).toBe(2);

    store.deliveries.claim = realClaim;
    expect(round.run({ now: 1000, limit: 1, leaseMs: 60_000 })).toHaveLength(1);
    expect(reports).toEqual(claimed.map((c) => c.delivery.id));
    expect(store.deliveries.stats(1000)).toMatchObject({ delivering: 1, delivered: 2, pending: 0 });
  });

  it('a 410 dead-letters the target in the same round and says how many', () => {
    store = storeWith(3);
    const [gone] = store.deliveries.claim({ now: 1000, limit: 1, leaseMs: 60_000 });
    const round = createOutboxRound(store.deliveries, () => undefined);
    const goneTarget: { target: string; reason: string; count?: number } = { target: 'tekton', reason: 'target answered 410 Gone' };
    const id = gone!.delivery.id;
    round.settle({ outcome: 'dead', deliveryId: id, write: { status: 'dead', id, at: 5000, statusCode: 410, error: 'HTTP 410', goneTarget }, report: () => undefined });
    expect(round.run({ now: 1000, limit: 16, leaseMs: 60_000 })).toEqual([]);
    expect(goneTarget.count).toBe(2);
    expect(store.deliveries.stats(1000)).toMatchObject({ dead: 3, pending: 0, delivering: 0 });
  });
});
