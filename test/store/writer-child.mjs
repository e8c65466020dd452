// Writes poll commits in a tight loop until killed; used by the kill -9 consistency test.
// Every other round is a group commit of several repositories' polls in one transaction.
import { openStore } from '../../dist/index.js';

const [path] = process.argv.slice(2);
const store = openStore(path);
const repos = store.repositories.sync(
  Array.from({ length: 8 }, (_, r) => ({ name: `crash-${r}`, url: `https://example.test/crash-${r}`, provider: 'git' })),
);
let i = store.db.prepare('SELECT COUNT(*) AS n FROM events').get().n;

function poll(repo) {
  i++;
  const sha = i.toString(16).padStart(40, '0');
  const id = `ev-${process.pid}-${i}`;
  const branch = `b${i % 50}`;
  return {
    repositoryId: repo.id, at: Date.now(), nextPollAt: Date.now() + 1000, method: 'ls-remote', state: { n: i }, baseline: true,
    upserts: [{ kind: 'branch', name: branch, sha }], deletes: [],
    events: [{ id, type: 'branch_updated', repositoryId: repo.id, repositoryName: repo.name, repositoryUrl: repo.url,
      provider: 'git', refKind: 'branch', refName: branch, before: '0'.repeat(40), after: sha, detectedAt: Date.now(),
      data: { repository: { provider: 'git', organization: 'x', name: repo.name, fullName: `x/${repo.name}`, url: 'u', cloneUrl: 'u' } } }],
    deliveries: [{ eventId: id, target: 'a' }, { eventId: id, target: 'b' }],
  };
}

process.stdout.write('ready\n');
for (let round = 0; ; round++) {
  if (round % 2 === 0) store.commitPoll(poll(repos[round % repos.length]));
  else {
    const results = store.commitPolls(repos.slice(0, 1 + (round % repos.length)).map(poll));
    const failed = results.find((r) => r instanceof Error);
    if (failed) throw failed;
  }
}
