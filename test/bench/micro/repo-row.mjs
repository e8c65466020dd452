/**
 * Cost of reading the row a poll needs: repositories.get (with the ref count) vs getForPoll.
 * N repositories × B refs. Usage: node test/bench/micro/repo-row.mjs [N] [B]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../dist/index.js';

const n = Number(process.argv[2] ?? 10_000);
const b = Number(process.argv[3] ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'repo-row-'));
const store = openStore(join(dir, 'db.sqlite'));
const rows = store.repositories.sync(Array.from({ length: n }, (_, i) => ({ name: `r${i}`, url: `https://github.com/a/r${i}`, provider: 'github' })));
store.db.transaction(() => {
  for (const row of rows) {
    store.repositories.setState(row.id, { etags: { heads: '"0123456789abcdef0123456789abcdef01234567"' } });
    store.repositories.setMetadata(row.id, {
      provider: 'github', organization: 'a', name: row.name, fullName: `a/${row.name}`, url: `https://github.com/a/${row.name}`,
      cloneUrl: `https://github.com/a/${row.name}.git`, id: row.id, defaultBranch: 'main', private: false, description: 'a repository used by the benchmark',
    });
    for (let j = 0; j < b; j++) store.refs.upsert(row.id, { kind: 'branch', name: `b${j}`, sha: 'a'.repeat(40) }, 1);
  }
})();
function time(label, fn) {
  for (let i = 0; i < n; i++) fn(`r${i}`); // warm
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(`r${i}`);
  console.log(`${label}: ${(((performance.now() - t0) * 1000) / n).toFixed(1)} µs per repository`);
}
time('repositories.get', (name) => store.repositories.get(name));
if (store.repositories.getForPoll) time('repositories.getForPoll', (name) => store.repositories.getForPoll(name));
if (store.repositories.getForPoll) time('repositories.getForPoll + .meta', (name) => store.repositories.getForPoll(name).meta);
store.close();
rmSync(dir, { recursive: true, force: true });
