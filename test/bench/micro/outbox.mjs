/**
 * Outbox micro-benchmark: N pending deliveries (one per ref), then the cost of the dispatcher's
 * two store queries: claim(limit 1) and nextDueAt(). Usage: node test/bench/micro/outbox.mjs [N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../dist/index.js';

const n = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
const store = openStore(join(dir, 'db.sqlite'));
const [row] = store.repositories.sync([{ name: 'r', url: 'https://github.com/a/r', provider: 'github' }]);
const events = [];
for (let i = 0; i < n; i++) {
  events.push({
    id: `ev-${i}`, type: 'branch_updated', repositoryId: row.id, repositoryName: `r${i}`, repositoryUrl: 'https://github.com/a/r',
    provider: 'github', refKind: 'branch', refName: 'main', before: 'a'.repeat(40), after: 'b'.repeat(40), detectedAt: 1, data: {},
  });
}
store.commitPoll({
  repositoryId: row.id, at: 1, nextPollAt: 2, method: 'api', state: {}, baseline: false, upserts: [], deletes: [],
  events, deliveries: events.map((e) => ({ eventId: e.id, target: 't' })),
});
function time(label, reps, fn) {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  console.log(`${label}: ${((performance.now() - t0) / reps).toFixed(3)} ms`);
}
console.log(`${n} pending deliveries`);
time('nextDueAt()', 20, () => store.deliveries.nextDueAt());
time('claim(limit 1) + markDelivered', 200, () => {
  const [c] = store.deliveries.claim({ now: 10, limit: 1, leaseMs: 60_000 });
  store.deliveries.markDelivered(c.delivery.id, { at: 10, statusCode: 202 });
});
store.close();
rmSync(dir, { recursive: true, force: true });
