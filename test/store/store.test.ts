import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { eventId } from '../../src/events/id.js';
import { migrate, openStore, readMigrations, schemaVersion, type NewEvent, type Store } from '../../src/store/index.js';
import { ZERO_SHA } from '../../src/types.js';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rs-store-'));
  dirs.push(dir);
  return join(dir, 'test.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function sha(n: number): string {
  return n.toString(16).padStart(40, 'a');
}

function newEvent(store: Store, repoId: number, ref: string, before: string, after: string, at = 1000): NewEvent {
  return {
    id: eventId({ repositoryUrl: 'https://git.test/a/r', ref: `refs/heads/${ref}`, before, after, transition: 1 }),
    type: before === ZERO_SHA ? 'branch_created' : 'branch_updated',
    repositoryId: repoId,
    repositoryName: 'r',
    repositoryUrl: 'https://git.test/a/r',
    provider: 'git',
    refKind: 'branch',
    refName: ref,
    before,
    after,
    detectedAt: at,
    data: { repository: { provider: 'git', organization: 'a', name: 'r', fullName: 'a/r', url: 'https://git.test/a/r', cloneUrl: 'https://git.test/a/r.git' } },
  };
}

function commit(store: Store, repoId: number, events: NewEvent[], targets: string[], at = 1000) {
  return store.commitPoll({
    repositoryId: repoId, at, nextPollAt: at + 60_000, method: 'api', state: { etags: { heads: '"e1"' } }, baseline: true,
    upserts: events.map((e) => ({ kind: 'branch' as const, name: e.refName, sha: e.after })), deletes: [],
    events, deliveries: events.flatMap((e) => targets.map((target) => ({ eventId: e.id, target }))),
  });
}

describe('migrations', () => {
  it('migrates an empty database to the latest version', () => {
    const path = tempDb();
    const store = openStore(path);
    const latest = readMigrations().at(-1)!.version;
    expect(latest).toBeGreaterThanOrEqual(2);
    expect(schemaVersion(store.db)).toBe(latest);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });

  it('upgrades a database from each previous version, keeping its rows', () => {
    const migrations = readMigrations();
    for (const m of migrations.slice(0, -1)) {
      const path = tempDb();
      const old = new Database(path);
      migrate(old, migrations, m.version);
      expect(schemaVersion(old)).toBe(m.version);
      old.prepare("INSERT INTO repositories (name, url, provider, created_at) VALUES ('keep', 'https://x.test/a/b', 'git', 1)").run();
      old.close();
      const store = openStore(path);
      expect(schemaVersion(store.db)).toBe(migrations.at(-1)!.version);
      expect(store.repositories.get('keep')?.url).toBe('https://x.test/a/b');
      store.close();
    }
  });

  it('refuses a database newer than this build', () => {
    const path = tempDb();
    const db = new Database(path);
    migrate(db);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").run();
    db.close();
    expect(() => openStore(path)).toThrow(/schema version 999 is newer/);
  });
});

describe('repositories', () => {
  it('drops the credentials an older version stored in a URL without re-baselining the repository', () => {
    const store = openStore(':memory:');
    const [row] = store.repositories.sync([{ name: 'r', url: 'https://user:CANARY-OLD@git.test/a/r', provider: 'git' }]);
    commit(store, row.id, [newEvent(store, row.id, 'main', ZERO_SHA, sha(1))], []);
    const [same] = store.repositories.sync([{ name: 'r', url: 'https://git.test/a/r', provider: 'git' }]);
    expect(same.id).toBe(row.id);
    expect(same.baselineAt).toBe(1000);
    expect(same.refCount).toBe(1);
    expect(store.repositories.get('r')?.url).toBe('https://git.test/a/r');
    expect(JSON.stringify(store.db.prepare('SELECT * FROM repositories').all())).not.toContain('CANARY-OLD');
  });

  it('re-baselines a repository whose URL changes', () => {
    const store = openStore(':memory:');
    const [row] = store.repositories.sync([{ name: 'r', url: 'https://git.test/a/r', provider: 'git' }]);
    commit(store, row.id, [newEvent(store, row.id, 'main', ZERO_SHA, sha(1))], []);
    expect(store.repositories.get('r')?.baselineAt).toBe(1000);
    expect(store.refs.list(row.id)).toHaveLength(1);
    const [same] = store.repositories.sync([{ name: 'r', url: 'https://git.test/a/r', provider: 'git' }]);
    expect(same.refCount).toBe(1);
    const [moved] = store.repositories.sync([{ name: 'r', url: 'https://git.test/b/r', provider: 'git' }]);
    expect(moved.baselineAt).toBeNull();
    expect(moved.refCount).toBe(0);
    expect(moved.state).toEqual({});
  });

  it('syncForPoll answers one row per identity in the order given (stored, new and re-based mixed), with the stored state and metadata', () => {
    const store = openStore(':memory:');
    const ids = (name: string, url = `https://git.test/a/${name}`) => ({ name, url, provider: 'github' as const });
    const [a, b, c] = store.repositories.sync([ids('a'), ids('b'), ids('c')]);
    store.repositories.setState(b.id, { etags: { heads: '"e-b"' }, remoteId: 7 });
    store.repositories.setMetadata(b.id, { fullName: 'a/b', name: 'b' } as never);
    store.repositories.recordFailure({ id: c.id, at: 5, nextPollAt: 10, error: 'boom' });

    const rows = store.repositories.syncForPoll([ids('c'), ids('new'), ids('a', 'https://git.test/moved/a'), ids('b')]);
    expect(rows.map((r) => r.name)).toEqual(['c', 'new', 'a', 'b']);
    expect(rows[0]).toMatchObject({ id: c.id, consecutiveFailures: 1 });
    expect(rows[0]!.base).toMatchObject({ id: c.id, state: {}, meta: null });
    expect(rows[1]!.base).toMatchObject({ state: {}, meta: null, baselineAt: null });
    expect(rows[2]!.id).toBe(a.id);
    expect(rows[3]!.base.id).toBe(b.id);
    expect(rows[3]!.base.state).toEqual({ etags: { heads: '"e-b"' }, remoteId: 7 });
    expect(rows[3]!.base.meta).toEqual({ fullName: 'a/b', name: 'b' });
    // read twice: the same objects (parsed once)
    expect(rows[3]!.base.state).toBe(rows[3]!.base.state);
  });

  it('list and get answer a row whose stored provider state or metadata is not valid JSON (shown empty), while a poll reading it fails', () => {
    const store = openStore(':memory:');
    const [a, b] = store.repositories.sync([{ name: 'a', url: 'https://git.test/a/a', provider: 'github' }, { name: 'b', url: 'https://git.test/a/b', provider: 'github' }]);
    store.db.prepare(`UPDATE repositories SET provider_state = '{"etag": ', metadata = '{' WHERE id = ?`).run(a.id);
    expect(store.repositories.list().map((r) => [r.name, r.state, r.meta])).toEqual([['a', {}, null], ['b', {}, null]]);
    expect(store.repositories.get('a')).toMatchObject({ id: a.id, state: {}, meta: null });
    expect(store.repositories.get('b')?.id).toBe(b.id);
    expect(() => store.repositories.getForPoll('a')).toThrow(SyntaxError);
  });

  it('records failures and stamps', () => {
    const store = openStore(':memory:');
    const [row] = store.repositories.sync([{ name: 'r', url: 'https://git.test/a/r', provider: 'github' }]);
    store.repositories.recordFailure({ id: row.id, at: 5, nextPollAt: 10, error: 'boom' });
    store.repositories.recordFailure({ id: row.id, at: 6, nextPollAt: 12, error: 'boom again' });
    let r = store.repositories.get('r')!;
    expect([r.lastStatus, r.lastError, r.consecutiveFailures]).toEqual(['error', 'boom again', 2]);
    store.repositories.stampUnchanged([{ id: row.id, at: 7, nextPollAt: 20, method: 'api' }]);
    r = store.repositories.get('r')!;
    expect([r.lastStatus, r.lastError, r.consecutiveFailures, r.nextPollAt]).toEqual(['ok', null, 0, 20]);
  });
});

describe('deliveries', () => {
  it('delivers per (repository, ref, target) in order while other refs and targets proceed', () => {
    let now = 1000;
    const store = openStore(':memory:', { now: () => now });
    const [row] = store.repositories.sync([{ name: 'r', url: 'https://git.test/a/r', provider: 'git' }]);
    const e1 = newEvent(store, row.id, 'main', ZERO_SHA, sha(1));
    const e2 = newEvent(store, row.id, 'main', sha(1), sha(2));
    const e3 = newEvent(store, row.id, 'dev', ZERO_SHA, sha(3));
    commit(store, row.id, [e1, e2, e3], ['t1', 't2']);
    const first = store.deliveries.claim({ now, limit: 100, leaseMs: 30_000 });
    // e2 waits behind e1 on both targets
    expect(first.map((c) => `${c.event.refName}:${c.delivery.target}:${c.event.after.slice(-1)}`).sort()).toEqual(
      ['dev:t1:3', 'dev:t2:3', 'main:t1:1', 'main:t2:1'],
    );
    const m1 = first.find((c) => c.event.id === e1.id && c.delivery.target === 't1')!;
    store.deliveries.markRetry(m1.delivery.id, { nextAttemptAt: now + 5000, statusCode: 503, error: 'HTTP 503' });
    for (const c of first) if (c !== m1) store.deliveries.markDelivered(c.delivery.id, { at: now, statusCode: 202 });
    const second = store.deliveries.claim({ now, limit: 100, leaseMs: 30_000 });
    expect(second.map((c) => `${c.event.id === e2.id}:${c.delivery.target}`)).toEqual(['true:t2']);
    store.deliveries.markDelivered(second[0].delivery.id, { at: now, statusCode: 202 });
    expect(store.deliveries.nextDueAt()).toBe(now + 5000);
    now += 5000;
    const third = store.deliveries.claim({ now, limit: 100, leaseMs: 30_000 });
    expect(third.map((c) => [c.event.id, c.delivery.attempts])).toEqual([[e1.id, 2]]);
  });

  it('releases leases of a dead process and lets expired leases be claimed again', () => {
    const path = tempDb();
    const store = openStore(path);
    const [row] = store.repositories.sync([{ name: 'r', url: 'https://git.test/a/r', provider: 'git' }]);
    commit(store, row.id, [newEvent(store, row.id, 'main', ZERO_SHA, sha(1))], ['t']);
    expect(store.deliveries.claim({ now: 1000, limit: 10, leaseMs: 10_000 })).toHaveLength(1);
    expect(store.deliveries.claim({ now: 2000, limit: 10, leaseMs: 10_000 })).toHaveLength(0);
    expect(store.deliveries.claim({ now: 11_001, limit: 10, leaseMs: 10_000 })).toHaveLength(1);
    store.close();
    const reopened = openStore(path);
    expect(reopened.deliveries.releaseAllLeases()).toBe(1);
    expect(reopened.deliveries.stats().pending).toBe(1);
    reopened.close();
  });

  it('dead-letters, redelivers and applies the 410 rule', () => {
    const store = openStore(':memory:');
    const [row] = store.repositories.sync([{ name: 'r', url: 'https://git.test/a/r', provider: 'git' }]);
    const a = newEvent(store, row.id, 'a', ZERO_SHA, sha(1));
    const b = newEvent(store, row.id, 'b', ZERO_SHA, sha(2));
    commit(store, row.id, [a, b], ['gone', 'ok']);
    const [c] = store.deliveries.claim({ now: 1000, limit: 1, leaseMs: 1000 });
    store.deliveries.markDead(c.delivery.id, { statusCode: 400, error: 'HTTP 400' });
    expect(store.deliveries.deadLetterTarget('gone', 'HTTP 410 Gone')).toBe(1);
    expect(store.deliveries.stats()).toMatchObject({ pending: 2, dead: 2 });
    const listed = store.events.list({ status: 'dead' });
    expect(listed.events.map((e) => e.deliveryStatus)).toEqual(['dead', 'dead']);
    expect(store.deliveries.redeliver(a.id, { onlyDead: true })).toBe(1);
    expect(store.deliveries.forEvent(a.id).map((d) => d.status).sort()).toEqual(['pending', 'pending']);
  });

  it('pages events newest first with filters', () => {
    const store = openStore(':memory:');
    const [row] = store.repositories.sync([{ name: 'r', url: 'https://git.test/a/r', provider: 'git' }]);
    const events = Array.from({ length: 5 }, (_, i) => newEvent(store, row.id, `b${i}`, ZERO_SHA, sha(i)));
    commit(store, row.id, events, ['t']);
    const p1 = store.events.list({ limit: 2 });
    expect(p1.events.map((e) => e.refName)).toEqual(['b4', 'b3']);
    const p2 = store.events.list({ limit: 2, cursor: p1.nextCursor! });
    expect(p2.events.map((e) => e.refName)).toEqual(['b2', 'b1']);
    const p3 = store.events.list({ limit: 2, cursor: p2.nextCursor! });
    expect([p3.events.length, p3.nextCursor]).toEqual([1, null]);
    expect(store.events.list({ type: 'branch_updated' }).events).toHaveLength(0);
    expect(store.events.list({ repository: 'r', status: 'pending' }).events).toHaveLength(5);
  });

  it('keeps one event row for a change detected twice, and queues its deliveries again', () => {
    const store = openStore(':memory:');
    const [row] = store.repositories.sync([{ name: 'r', url: 'https://git.test/a/r', provider: 'git' }]);
    const e = newEvent(store, row.id, 'main', sha(1), sha(2));
    expect(commit(store, row.id, [e], ['t']).eventsInserted).toBe(1);
    expect(commit(store, row.id, [e], ['t']).eventsInserted).toBe(0);
    expect(store.deliveries.forEvent(e.id)).toHaveLength(2);
  });
});

describe('group commit', () => {
  it('writes several polls in one transaction; a poll that fails rolls back alone, whole', () => {
    const store = openStore(':memory:');
    const rows = store.repositories.sync([
      { name: 'a', url: 'https://git.test/a/a', provider: 'git' },
      { name: 'b', url: 'https://git.test/a/b', provider: 'git' },
    ]);
    const [a, b] = rows.map((r) => r.id);
    const ea = newEvent(store, a!, 'main', ZERO_SHA, sha(1));
    const eb = newEvent(store, b!, 'main', ZERO_SHA, sha(2));
    const poll = (id: number, e: NewEvent, deliveryFor: string) => ({
      repositoryId: id, at: 1000, nextPollAt: 61_000, method: 'api' as const, state: { n: id }, baseline: true,
      upserts: [{ kind: 'branch' as const, name: 'main', sha: e.after }], deletes: [],
      events: [e], deliveries: [{ eventId: deliveryFor, target: 't' }],
    });
    let firstRan = false;
    // b's delivery names an event it does not carry: its savepoint rolls back, a's poll stays
    const results = store.commitPolls([poll(a!, ea, ea.id), poll(b!, eb, 'no-such-event')], () => (firstRan = true));
    expect(firstRan).toBe(true);
    expect(results[0]).toEqual({ eventsInserted: 1, deliveriesInserted: 1 });
    expect(results[1]).toBeInstanceOf(Error);
    expect(store.refs.list(a!).map((r) => r.sha)).toEqual([sha(1)]);
    expect(store.deliveries.forEvent(ea.id)).toHaveLength(1);
    // nothing of b: no ref, no event, no state, no baseline
    expect(store.refs.list(b!)).toEqual([]);
    expect(store.deliveries.forEvent(eb.id)).toEqual([]);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM events WHERE id = ?').get(eb.id)).toEqual({ n: 0 });
    expect(store.repositories.get('b')).toMatchObject({ baselineAt: null, state: {} });
    expect(store.repositories.get('a')).toMatchObject({ baselineAt: 1000, state: { n: a } });
    store.close();
  });
});

describe('group commit on a full disk', () => {
  it('an error that makes SQLite roll the whole transaction back (SQLITE_FULL in one poll) stores none of the group, and no later poll on its own', () => {
    const path = tempDb();
    const store = openStore(path);
    const rows = store.repositories.sync(['a', 'b', 'c'].map((name) => ({ name, url: `https://git.test/a/${name}`, provider: 'git' as const })));
    const poll = (i: number, pad: number) => {
      const e = { ...newEvent(store, rows[i]!.id, `main${i}`, ZERO_SHA, sha(i + 1)), repositoryName: rows[i]!.name };
      if (pad > 0) e.data = { ...e.data, repository: { ...e.data.repository, description: 'x'.repeat(pad) } };
      return {
        repositoryId: rows[i]!.id, at: 1000, nextPollAt: 61_000, method: 'api' as const, state: { n: i }, baseline: false,
        upserts: [{ kind: 'branch' as const, name: `main${i}`, sha: e.after }], deletes: [], events: [e], deliveries: [{ eventId: e.id, target: 't' }],
      };
    };
    // the database may grow by a few pages only: b's 2 MB event fills it
    store.db.pragma(`max_page_count = ${(store.db.pragma('page_count', { simple: true }) as number) + 40}`);
    let outcome: unknown;
    try {
      outcome = store.commitPolls([poll(0, 0), poll(1, 2_000_000), poll(2, 0)]);
    } catch (err) {
      outcome = err;
    }
    // the group failed as a whole: the stamp buffer rejects each of its polls, and each is detected again
    expect(outcome).toBeInstanceOf(Error);
    for (const r of rows) {
      expect(store.refs.list(r.id), r.name).toEqual([]);
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM events WHERE repository_name = ?').get(r.name), r.name).toEqual({ n: 0 });
    }
    expect(store.db.inTransaction).toBe(false);
    store.close();
  });
});

describe('crash safety', () => {
  it('a kill -9 during writes leaves a consistent database', async () => {
    const path = tempDb();
    for (let round = 0; round < 5; round++) {
      const child = spawn(process.execPath, [join(__dirname, 'writer-child.mjs'), path], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const store = openStore(path);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const counts = store.db.prepare(
      'SELECT (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM deliveries) AS deliveries',
    ).get() as { events: number; deliveries: number };
    expect(counts.events).toBeGreaterThan(0);
    // every event was committed together with exactly its two deliveries: never half a transaction
    expect(counts.deliveries).toBe(counts.events * 2);
    // and with its ref (group commits too): each branch is where its last event says, per repository
    const mismatched = store.db.prepare(`
      SELECT COUNT(*) AS n FROM refs f JOIN repositories r ON r.id = f.repository_id
      WHERE f.sha != (SELECT e.after_sha FROM events e WHERE e.repository_name = r.name AND e.ref_name = f.name ORDER BY e.seq DESC LIMIT 1)`).get() as { n: number };
    expect(mismatched.n).toBe(0);
    const grouped = store.db.prepare(`SELECT COUNT(DISTINCT repository_name) AS n FROM events`).get() as { n: number };
    expect(grouped.n).toBeGreaterThan(1);
    store.close();
  });
});
