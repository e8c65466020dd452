/**
 * storage.retention: done events older than the retention are deleted in batches with their
 * deliveries; pending, in-flight and held ones never; the freed pages go back to the file system.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRetention } from '../../src/daemon/retention.js';
import { silentLogger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store/index.js';
import { newEvent, sha } from '../delivery/helpers.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T00:00:00Z');
let store: Store | undefined;
afterEach(() => store?.close());

function fill(s: Store, count: number, detectedAt: number, status: string | null, prefix: string): string[] {
  const [repo] = s.repositories.sync([{ name: 'my-service', url: 'https://github.com/acme/my-service', provider: 'github' }]);
  const events = Array.from({ length: count }, (_, i) => {
    const e = newEvent({ name: `${prefix}-${i}`, before: sha(i), after: sha(i + 1), detectedAt }, repo!.id);
    // a large payload, so the pruned rows free many pages
    return { ...e, data: { ...e.data, padding: 'x'.repeat(2000) } };
  });
  s.commitPoll({
    repositoryId: repo!.id, at: detectedAt, nextPollAt: detectedAt, method: 'api', state: {}, baseline: false,
    upserts: [], deletes: [], events, deliveries: status === null ? [] : events.map((e) => ({ eventId: e.id, target: 'tekton' })),
  });
  if (status !== null) {
    s.db.prepare(`UPDATE deliveries SET status = ? WHERE event_id IN (${events.map(() => '?').join(',')})`).run(status, ...events.map((e) => e.id));
  }
  return events.map((e) => e.id);
}

describe('retention', () => {
  it('prunes old done events in batches, keeps pending, in-flight, held and recent ones, and shrinks the file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rs-retention-')), 'reposentry.db');
    store = openStore(file);
    const old = NOW - 31 * DAY;
    const done = [
      ...fill(store, 400, old, 'delivered', 'delivered'),
      ...fill(store, 300, old, 'dead', 'dead'),
      ...fill(store, 200, old, 'filtered', 'filtered'),
      ...fill(store, 150, old, null, 'no-target'),
    ];
    const kept = [
      ...fill(store, 20, old, 'pending', 'pending'),
      ...fill(store, 20, old, 'delivering', 'delivering'),
      ...fill(store, 20, old, 'held', 'held'),
      ...fill(store, 50, NOW - 29 * DAY, 'delivered', 'recent'),
    ];
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const sizeBefore = statSync(file).size;
    expect(store.retention.stats().rows).toMatchObject({ events: done.length + kept.length, deliveries: done.length - 150 + kept.length });

    const retention = createRetention({ store, retentionMs: () => 30 * DAY, log: silentLogger(), now: () => NOW, batchSize: 100 });
    const result = await retention.pass();
    expect(result.deleted).toBe(done.length);
    for (const id of done.slice(0, 5)) expect(store.events.get(id)).toBeUndefined();
    for (const id of kept) expect(store.events.get(id)).toBeDefined();
    expect(store.retention.stats().rows).toMatchObject({ events: kept.length, deliveries: kept.length });
    expect(store.db.prepare('SELECT COUNT(*) FROM deliveries WHERE event_id NOT IN (SELECT id FROM events)').pluck().get()).toBe(0);

    // the freed pages went back to the file system (incremental vacuum), not only to SQLite's free list
    expect(result.vacuumedPages).toBeGreaterThan(0);
    expect(store.retention.stats().freeBytes).toBe(0);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(statSync(file).size).toBeLessThan(sizeBefore / 2);

    // a second pass has nothing to do
    expect((await retention.pass()).deleted).toBe(0);
  });

  it('a failing pass is logged and does not throw', async () => {
    store = openStore(':memory:');
    const errors: string[] = [];
    const log = { ...silentLogger(), info: () => undefined, error: (_o: unknown, msg: string) => void errors.push(msg) } as unknown as ReturnType<typeof silentLogger>;
    store.retention.pruneBatch = () => {
      throw new Error('database disk image is malformed');
    };
    const retention = createRetention({ store, retentionMs: () => DAY, log });
    await expect(retention.pass()).resolves.toEqual({ deleted: 0, vacuumedPages: 0 });
    expect(errors).toEqual(['retention pass failed; the next pass tries again']);
  });
});
