// Writes poll commits in a tight loop until killed; used by the kill -9 consistency test.
import { openStore } from '../../dist/index.js';

const [path] = process.argv.slice(2);
const store = openStore(path);
const [repo] = store.repositories.sync([{ name: 'crash', url: 'https://example.test/crash', provider: 'git' }]);
let i = store.db.prepare('SELECT COUNT(*) AS n FROM events').get().n;
process.stdout.write('ready\n');
for (;;) {
  i++;
  const sha = i.toString(16).padStart(40, '0');
  const id = `ev-${process.pid}-${i}`;
  store.commitPoll({
    repositoryId: repo.id, at: Date.now(), nextPollAt: Date.now() + 1000, method: 'ls-remote', state: { n: i }, baseline: true,
    upserts: [{ kind: 'branch', name: `b${i % 50}`, sha }], deletes: [],
    events: [{ id, type: 'branch_updated', repositoryId: repo.id, repositoryName: 'crash', repositoryUrl: 'https://example.test/crash',
      provider: 'git', refKind: 'branch', refName: `b${i % 50}`, before: '0'.repeat(40), after: sha, detectedAt: Date.now(),
      data: { repository: { provider: 'git', organization: 'x', name: 'crash', fullName: 'x/crash', url: 'u', cloneUrl: 'u' } } }],
    deliveries: [{ eventId: id, target: 'a' }, { eventId: id, target: 'b' }],
  });
}
