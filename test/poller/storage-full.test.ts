/**
 * A full disk, made real with SQLite's max_page_count (the database cannot grow, so SQLite answers
 * SQLITE_FULL exactly as on a full file system): polls keep failing without a line per poll, the
 * state change is logged once, and the change is detected and committed once the space returns.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { pollRepository, type PollDeps } from '../../src/poller/poll-repository.js';
import { createStorageHealth } from '../../src/store/health.js';
import { openStore, type Store } from '../../src/store/index.js';
import { branch, fakeClock, repoConfig, scriptedProvider, sha, target } from './helpers.js';

let store: Store | undefined;
afterEach(() => store?.close());

describe('polls on a full disk', () => {
  it('fail quietly (one line for the state, one for the recovery) and lose nothing', async () => {
    const clock = fakeClock();
    store = openStore(join(mkdtempSync(join(tmpdir(), 'reposentry-full-')), 'r.db'), { now: clock.now });
    const provider = scriptedProvider(clock);
    const lines: Array<{ level: number; msg: string; code?: string }> = [];
    const log = createLogger({
      level: 'info',
      destination: new Writable({ write(chunk, _enc, cb) { lines.push(JSON.parse(String(chunk))); cb(); } }),
    });
    const health = createStorageHealth({ log, now: clock.now });
    const deps: PollDeps = { store, providers: { get: () => provider }, clock, log, emitOnFirstPoll: false, targets: [target('tekton')], storageHealth: health };
    const repo = repoConfig('svc');
    store.repositories.sync([{ name: repo.name, url: repo.url, provider: repo.provider }]);
    const poll = () => pollRepository(deps, repo, store!.repositories.get('svc')!, { nextPollAt: clock.now() + 60_000 });

    provider.scripts.set('svc', () => ({ branches: [branch('main', sha(1))], method: 'api', state: {}, requests: 1 }));
    expect((await poll()).status).toBe('baseline');

    // the disk is full: the database cannot take one more page
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages}`);
    const many = Array.from({ length: 500 }, (_, i) => branch(`feature/a-rather-long-branch-name-${i}`, sha(1000 + i)));
    provider.scripts.set('svc', () => ({ branches: [branch('main', sha(1)), ...many], method: 'api', state: {}, requests: 1 }));
    for (let i = 0; i < 20; i++) expect((await poll()).status).toBe('error');
    const loud = lines.filter((l) => l.level >= 40);
    expect(loud).toEqual([expect.objectContaining({ level: 50, msg: 'storage failing: writes are retried with backoff; nothing is lost meanwhile', code: 'SQLITE_FULL' })]);
    expect(health.ok()).toBe(false);
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(0);

    // space again: the next poll detects the same changes and commits them
    store.db.pragma('max_page_count = 1073741823');
    expect((await poll()).status).toBe('changed');
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(500);
    expect(lines.filter((l) => l.msg === 'storage recovered')).toHaveLength(1);
    expect(health.ok()).toBe(true);
  });
});
