import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createStorageHealth } from '../../src/store/health.js';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { sha, target } from './helpers.js';
import { harness, until, type Harness } from './store-setup.js';

let el: FakeEventListener | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.dispatcher.stop({ deadlineMs: 1000 });
  h?.store.close();
  h = undefined;
  await el?.close();
  el = undefined;
});

function capture(): { lines: Array<Record<string, unknown>>; log: ReturnType<typeof createLogger> } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, log: createLogger({ level: 'info', destination }) };
}

const FAILING = 'storage failing: writes are retried with backoff; nothing is lost meanwhile';

describe('dispatcher with a failing store', () => {
  it('logs a failing next-due query, looks again later and still delivers', async () => {
    el = await startFakeEventListener();
    const { lines, log } = capture();
    h = harness([target({ url: el.url })], { log, storageHealth: createStorageHealth({ log, baseDelayMs: 10 }) });
    const real = h.store.deliveries.nextDueAt.bind(h.store.deliveries);
    let failures = 3;
    // SQLITE_IOERR / SQLITE_FULL from the next-due query, as a disk error would raise it
    h.store.deliveries.nextDueAt = () => {
      if (failures > 0) {
        failures--;
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      }
      return real();
    };
    // the first attempt fails, so its retry is found only through the next-due query
    el.next({ kind: 'status', status: 503 });
    const [ev] = h.commit([{ name: 'main', before: sha(1), after: sha(2) }]);
    h.dispatcher.start();
    await until(() => failures === 0 && h!.store.deliveries.forEvent(ev!.id)[0]!.status === 'delivered', 'delivered despite the failing query');
    expect(h.store.deliveries.forEvent(ev!.id)[0]!.attempts).toBe(2);
    // one line when storage starts failing, one when a write succeeds again; never one per retry
    expect(lines.filter((l) => l.msg === FAILING)[0]).toMatchObject({ what: 'next-due query', code: 'SQLITE_IOERR' });
    const count = (msg: string) => lines.filter((l) => l.msg === msg).length;
    await until(() => count('storage recovered') === count(FAILING), 'recovery logged');
    const streaks = count(FAILING);
    // a failure from a timer callback (not only from start()) is caught as well
    failures = 2;
    const [ev2] = h.commit([{ name: 'dev', before: sha(3), after: sha(4) }]);
    await until(() => h!.store.deliveries.forEvent(ev2!.id)[0]!.status === 'delivered', 'second delivered');
    expect(count(FAILING)).toBeGreaterThan(streaks);
    expect(count(FAILING)).toBeLessThanOrEqual(streaks + 2);
  });

  it('backs off while claiming fails (disk full), logs it once, and delivers everything once storage recovers', async () => {
    el = await startFakeEventListener();
    const { lines, log } = capture();
    h = harness([target({ url: el.url })], { log, storageHealth: createStorageHealth({ log, baseDelayMs: 10, maxDelayMs: 80 }) });
    const real = h.store.deliveries.claim.bind(h.store.deliveries);
    let full = true;
    let claims = 0;
    h.store.deliveries.claim = (o) => {
      claims++;
      if (full) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return real(o);
    };
    const events = h.commit(Array.from({ length: 5 }, (_, i) => ({ name: `b${i}`, before: sha(i), after: sha(i + 10) })));
    h.dispatcher.start();
    await new Promise((r) => setTimeout(r, 500));
    // a tight retry loop made thousands of claims (and log lines) here; backing off to 80 ms makes ~10
    expect(claims).toBeLessThan(30);
    expect(lines.filter((l) => l.msg === FAILING)).toHaveLength(1);
    expect(lines.filter((l) => l.level === 50)).toHaveLength(1);
    full = false;
    await until(() => h!.store.deliveries.stats(Date.now()).delivered === 5, 'all delivered after recovery');
    expect(new Set(el.requests.map((r) => r.headers['ce-id']))).toEqual(new Set(events.map((e) => e.id)));
    expect(lines.filter((l) => l.msg === 'storage recovered')).toHaveLength(1);
  });
});
