/**
 * repositories.sync of N already stored repositories × B refs (what every daemon start and every
 * scheduler construction does). Usage: node test/bench/micro/sync.mjs [N] [B]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../dist/index.js';

const n = Number(process.argv[2] ?? 10_000);
const b = Number(process.argv[3] ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'sync-'));
const store = openStore(join(dir, 'db.sqlite'));
const ids = Array.from({ length: n }, (_, i) => ({ name: `bench/r${i}`, url: `https://github.com/bench/r${i}`, provider: 'github' }));
const rows = store.repositories.sync(ids);
store.db.transaction(() => {
  for (const row of rows) for (let j = 0; j < b; j++) store.refs.upsert(row.id, { kind: 'branch', name: `b${j}`, sha: 'a'.repeat(40) }, 1);
})();
for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  store.repositories.sync(ids);
  console.log(`sync of ${n} stored repositories × ${b} refs: ${(performance.now() - t0).toFixed(0)} ms`);
}
store.close();
rmSync(dir, { recursive: true, force: true });
