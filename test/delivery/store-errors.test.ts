import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
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
  return { lines, log: createLogger({ level: 'error', destination }) };
}

describe('dispatcher with a failing store', () => {
  it('logs a failing next-due query, looks again later and still delivers', async () => {
    el = await startFakeEventListener();
    const { lines, log } = capture();
    h = harness([target({ url: el.url })], { log, storeErrorRetryMs: 20 });
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
    expect(lines.filter((l) => l.msg === 'next-due query failed; looking again later')).toHaveLength(3);
    // a failure from a timer callback (not only from start()) is caught as well
    failures = 2;
    const [ev2] = h.commit([{ name: 'dev', before: sha(3), after: sha(4) }]);
    await until(() => h!.store.deliveries.forEvent(ev2!.id)[0]!.status === 'delivered', 'second delivered');
    expect(lines.filter((l) => l.msg === 'next-due query failed; looking again later').length).toBeGreaterThanOrEqual(4);
  });
});
