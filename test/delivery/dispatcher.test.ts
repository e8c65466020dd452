import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SendOutcome } from '../../src/delivery/send.js';
import { ZERO_SHA } from '../../src/types.js';
import { startFakeEventListener, type FakeEventListener, type RecordedRequest } from '../fakes/event-listener.js';
import { sha, target } from './helpers.js';
import { harness, until, type Harness } from './store-setup.js';

let el: FakeEventListener;
let h: Harness | undefined;
beforeEach(async () => {
  el = await startFakeEventListener();
});
afterEach(async () => {
  await h?.dispatcher.stop({ deadlineMs: 1000 });
  h?.store.close();
  h = undefined;
  await el.close();
});

const ceId = (r: RecordedRequest) => r.headers['ce-id'] as string;
const onPath = (path: string) => el.requests.filter((r) => r.path === path);

describe('dispatcher', () => {
  it('delivers a burst, stores the outcome and Tekton eventID', async () => {
    h = harness([target({ url: el.url })]);
    h.dispatcher.start();
    const events = h.commit(Array.from({ length: 30 }, (_, i) => ({ name: `b${i % 5}`, before: sha(i), after: sha(i + 1) })));
    await until(() => h!.store.deliveries.stats(Date.now()).delivered === 30, '30 delivered');
    expect(new Set(el.requests.map(ceId))).toEqual(new Set(events.map((e) => e.id)));
    const [row] = h.store.deliveries.forEvent(events[0]!.id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 202 });
    expect(row!.receiverEventId).toMatch(/^[0-9a-f-]{36}$/);
    // per ref, in commit order
    for (let ref = 0; ref < 5; ref++) {
      const sent = el.requests.filter((r) => JSON.parse(r.body).branch.name === `b${ref}`).map(ceId);
      expect(sent).toEqual(events.filter((e) => e.refName === `b${ref}`).map((e) => e.id));
    }
  });

  it('keeps each ref in commit order while answers come back out of order and outcomes are committed in rounds', async () => {
    h = harness([target({ url: el.url })], { concurrency: 8 });
    // answers take 0–20 ms each, so attempts finish out of order and several settle into one round
    let n = 0;
    el.onRequest(() => ({ kind: 'slow', delayMs: (n++ * 7) % 21 }));
    h.dispatcher.start();
    const events = h.commit(Array.from({ length: 60 }, (_, i) => ({ name: `b${i % 4}`, before: sha(i), after: sha(i + 100) })));
    await until(() => h!.store.deliveries.stats(Date.now()).delivered === 60, '60 delivered');
    expect(el.requests).toHaveLength(60);
    for (let ref = 0; ref < 4; ref++) {
      const sent = el.requests.filter((r) => JSON.parse(r.body).branch.name === `b${ref}`).map(ceId);
      expect(sent).toEqual(events.filter((e) => e.refName === `b${ref}`).map((e) => e.id));
    }
  });

  it('retries 503 with backoff and honours Retry-After', async () => {
    const seen: Array<{ outcome: SendOutcome; nextAttemptAt: number; at: number }> = [];
    h = harness([target({ url: el.url, retryBackoffMs: 20, maxBackoffMs: 40 })], {
      random: () => 0,
      metrics: {
        onOutcome(_t, outcome) {
          const row = h!.store.deliveries.forEvent(ev!.id)[0]!;
          seen.push({ outcome, nextAttemptAt: row.nextAttemptAt, at: Date.now() });
        },
      },
    });
    el.next({ kind: 'status', status: 503 });
    el.next({ kind: 'retry-after', seconds: 1 });
    h.dispatcher.start();
    const [ev] = h.commit([{}]);
    await until(() => h!.store.deliveries.forEvent(ev!.id)[0]!.status === 'delivered', 'delivered');
    expect(seen.map((s) => s.outcome)).toEqual(['retry', 'retry', 'delivered']);
    expect(seen[0]!.nextAttemptAt - seen[0]!.at).toBeLessThanOrEqual(20);
    expect(seen[1]!.nextAttemptAt - seen[1]!.at).toBeGreaterThanOrEqual(990);
    expect(h.store.deliveries.forEvent(ev!.id)[0]).toMatchObject({ attempts: 3, lastStatusCode: 202 });
    expect(new Set(el.requests.map(ceId))).toEqual(new Set([ev!.id]));
  });

  it('caps an hour-long Retry-After at max(max_backoff, 5m), or at max_retry_after, and says so in last_error', async () => {
    h = harness([target({ url: el.url, retryBackoffMs: 20, maxBackoffMs: 100 }), target({ name: 'short', url: `${el.url}short`, maxRetryAfterMs: 200 })]);
    const seen = new Set<string>();
    el.onRequest((r) => (seen.has(r.path) ? undefined : (seen.add(r.path), { kind: 'retry-after', seconds: 3600, status: 503 })));
    h.dispatcher.start();
    const [ev] = h.commit([{}]);
    const row = (name: string) => h!.store.deliveries.forEvent(ev!.id).find((d) => d.target === name)!;
    // the capped one goes out again at once; the default cap (5 min) is still far below the hour asked for
    await until(() => row('short').status === 'delivered', 'short cap delivered');
    await until(() => row('tekton').status === 'pending' && row('tekton').attempts === 1, 'tekton waiting');
    const tekton = row('tekton');
    expect(tekton.nextAttemptAt - tekton.lastAttemptAt!).toBe(300_000);
    expect(tekton.lastError).toContain('Retry-After 3600s capped at 300s (max_retry_after)');
  });

  it('holds back later deliveries of a retrying ref and target only', async () => {
    const other = `${el.url}other`;
    h = harness([target({ url: el.url, retryBackoffMs: 10, maxBackoffMs: 20, retryAttempts: 1000 }), target({ name: 'other', url: other })]);
    let failing = true;
    const [a1, a2, b1] = h.commit([
      { name: 'main', before: sha(1), after: sha(2) },
      { name: 'main', before: sha(2), after: sha(3) },
      { name: 'dev', before: sha(1), after: sha(4) },
    ]);
    el.onRequest((r) => (failing && r.path === '/' && ceId(r) === a1!.id ? { kind: 'status', status: 503 } : undefined));
    h.dispatcher.start();
    await until(() => onPath('/other').length === 3 && onPath('/').some((r) => ceId(r) === b1!.id), 'other ref and target delivered');
    await until(() => onPath('/').filter((r) => ceId(r) === a1!.id).length >= 3, 'a1 retried');
    expect(onPath('/').some((r) => ceId(r) === a2!.id)).toBe(false);
    expect(h.store.deliveries.forEvent(a2!.id).find((d) => d.target === 'tekton')!.status).toBe('pending');
    failing = false;
    await until(() => h!.store.deliveries.stats(Date.now()).delivered === 6, 'all delivered');
    const main = onPath('/').map(ceId).filter((id) => id === a1!.id || id === a2!.id);
    expect(main.at(-1)).toBe(a2!.id);
    expect(main.indexOf(a2!.id)).toBe(main.length - 1);
  });

  it('dead-letters on 400 and on exhausted attempts; a dead delivery does not block its ref', async () => {
    h = harness([target({ url: el.url, retryAttempts: 3, retryBackoffMs: 5, maxBackoffMs: 10 })]);
    el.next({ kind: 'status', status: 400, body: 'nope' });
    h.dispatcher.start();
    const [bad] = h.commit([{ name: 'main', before: sha(1), after: sha(2) }]);
    await until(() => h!.store.deliveries.forEvent(bad!.id)[0]!.status === 'dead', '400 dead');
    expect(h.store.deliveries.forEvent(bad!.id)[0]).toMatchObject({ attempts: 1, lastStatusCode: 400, lastError: 'HTTP 400: nope' });
    const [next] = h.commit([{ name: 'main', before: sha(2), after: sha(3) }]);
    await until(() => h!.store.deliveries.forEvent(next!.id)[0]!.status === 'delivered', 'next delivered');

    // a poison delivery: the receiver keeps failing this one while it accepts the others
    const [poison] = h.commit([{ name: 'main', before: sha(3), after: sha(4) }]);
    el.onRequest((r) => (ceId(r) === poison!.id ? { kind: 'status', status: 502 } : undefined));
    let n = 10;
    while (h.store.deliveries.forEvent(poison!.id)[0]!.status !== 'dead') {
      h.commit([{ name: `other${n}`, before: sha(n), after: sha(n + 1) }]);
      n++;
      await new Promise((r) => setTimeout(r, 15));
      if (n > 400) throw new Error('the poison delivery was never dead-lettered');
    }
    const row = h.store.deliveries.forEvent(poison!.id)[0]!;
    // at least retry_attempts: an attempt with no other delivery accepted since the previous one waits instead
    expect(row.attempts).toBeGreaterThanOrEqual(3);
    expect(row.lastStatusCode).toBe(502);
    expect(row.lastError).toBe(`attempts exhausted (${row.attempts}): HTTP 502`);
    expect(el.requests.filter((r) => ceId(r) === poison!.id)).toHaveLength(row.attempts);
  });

  it('waits out a receiver outage longer than its retry budget: nothing is dead-lettered, everything arrives', async () => {
    h = harness([target({ url: el.url, retryAttempts: 3, retryBackoffMs: 5, maxBackoffMs: 10 })]);
    el.setDefault({ kind: 'status', status: 503 });
    h.dispatcher.start();
    const events = h.commit([{ name: 'a' }, { name: 'b' }, { name: 'a', before: sha(9), after: sha(10) }]);
    // far more failed attempts than retry_attempts allows a poison delivery
    await until(() => el.requests.filter((r) => ceId(r) === events[0]!.id).length >= 12, 'many attempts during the outage');
    expect(h.store.deliveries.stats(Date.now())).toMatchObject({ dead: 0, delivered: 0 });
    el.setDefault({ kind: 'accept' });
    await until(() => h!.store.deliveries.stats(Date.now()).delivered === 3, 'all delivered after the outage');
    expect(h.store.deliveries.stats(Date.now()).dead).toBe(0);
    const accepted = el.requests.filter((r) => r.behaviour === 'accept').map(ceId);
    expect(new Set(accepted)).toEqual(new Set(events.map((e) => e.id)));
    // per-ref order held through the outage
    expect(accepted.indexOf(events[0]!.id)).toBeLessThan(accepted.indexOf(events[2]!.id));
  });

  it('410 Gone dead-letters the pending deliveries of that target only', async () => {
    const other = `${el.url}other`;
    h = harness([target({ url: el.url }), target({ name: 'other', url: other })], { concurrency: 1 });
    el.onRequest((r) => (r.path === '/' ? { kind: 'status', status: 410 } : undefined));
    const events = h.commit([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    h.dispatcher.start();
    await until(() => { const s = h!.store.deliveries.stats(Date.now()); return s.dead === 3 && s.delivered === 3; }, '3 dead, 3 delivered');
    expect(onPath('/')).toHaveLength(1);
    expect(onPath('/other')).toHaveLength(3);
    const dead = events.map((e) => h!.store.deliveries.forEvent(e.id).find((d) => d.target === 'tekton')!);
    expect(dead.filter((d) => d.lastStatusCode === 410)).toHaveLength(1);
    expect(dead.filter((d) => /410 Gone/.test(d.lastError ?? ''))).toHaveLength(2);
  });

  it('does not follow redirects, times out a hang, survives a reset, then delivers', async () => {
    h = harness([target({ url: el.url, timeoutMs: 300, retryBackoffMs: 5, maxBackoffMs: 10 })]);
    el.next({ kind: 'redirect', location: `${el.url}elsewhere` });
    el.next({ kind: 'hang' });
    el.next({ kind: 'reset' });
    h.dispatcher.start();
    const [ev] = h.commit([{}]);
    await until(() => h!.store.deliveries.forEvent(ev!.id)[0]!.status === 'delivered', 'delivered');
    expect(el.requests.map((r) => r.behaviour)).toEqual(['redirect', 'hang', 'reset', 'accept']);
    expect(onPath('/elsewhere')).toHaveLength(0);
    expect(h.store.deliveries.forEvent(ev!.id)[0]!.attempts).toBe(4);
  });

  it('sends again when a lease expires (a crashed sender), and releases old leases at start', async () => {
    h = harness([target({ url: el.url })]);
    h.dispatcher.start();
    const [first] = h.commit([{ name: 'a' }]);
    await until(() => el.requests.length === 1, 'first delivered');
    // Another process claims a delivery and dies holding its lease.
    const [ev] = h.commit([{ name: 'c' }]);
    h.store.deliveries.claim({ now: Date.now(), limit: 10, leaseMs: 300 });
    await until(() => h!.store.deliveries.forEvent(ev!.id)[0]!.status === 'delivered', 'delivered after lease expiry');
    expect(h.store.deliveries.forEvent(ev!.id)[0]!.attempts).toBe(2);
    expect(el.requests.map(ceId)).toEqual([first!.id, ev!.id]);

    await h.dispatcher.stop();
    const [held] = h.commit([{ name: 'd' }]);
    h.store.deliveries.claim({ now: Date.now(), limit: 10, leaseMs: 3_600_000 });
    h.dispatcher.start();
    await until(() => h!.store.deliveries.forEvent(held!.id)[0]!.status === 'delivered', 'released at start');
  });

  it('redelivers an event with the same id, all targets or only dead ones; removed targets are held', async () => {
    h = harness([target({ url: el.url }), target({ name: 'picky', url: `${el.url}picky` })]);
    el.onRequest((r) => (r.path === '/picky' ? { kind: 'status', status: 422 } : undefined));
    h.dispatcher.start();
    const [ev] = h.commit([{ before: ZERO_SHA }]);
    await until(() => h!.store.deliveries.stats(Date.now()).dead === 1 && el.requests.length === 2, 'one delivered, one dead');
    el.onRequest(undefined);
    expect(h.dispatcher.redeliver(ev!.id, { onlyDead: true })).toBe(1);
    await until(() => h!.store.deliveries.stats(Date.now()).delivered === 2, 'dead one redelivered');
    expect(h.dispatcher.redeliver(ev!.id)).toBe(2);
    await until(() => el.requests.length === 5 && h!.store.deliveries.stats(Date.now()).delivered === 2, 'redelivered to both');
    expect(new Set(el.requests.map(ceId))).toEqual(new Set([ev!.id]));

    h.targets = [target({ url: el.url })];
    expect(h.dispatcher.redeliver(ev!.id)).toBe(2);
    await until(() => h!.store.deliveries.stats(Date.now()).held === 1, 'removed target held');
    const held = h.store.deliveries.forEvent(ev!.id).find((d) => d.target === 'picky')!;
    expect(held.status).toBe('held');
    expect(held.lastError).toMatch(/target picky removed from the configuration/);
    expect(h.store.deliveries.stats(Date.now()).dead).toBe(0);
  });

  it('holds the pending deliveries of a removed target and resumes them when it returns', async () => {
    const picky = target({ name: 'picky', url: `${el.url}picky`, retryBackoffMs: 60_000, maxBackoffMs: 60_000 });
    h = harness([target({ url: el.url }), picky]);
    el.onRequest((r) => (r.path === '/picky' ? { kind: 'status', status: 503 } : undefined));
    h.dispatcher.start();
    const [ev] = h.commit([{ before: ZERO_SHA }]);
    const pickyRow = () => h!.store.deliveries.forEvent(ev!.id).find((d) => d.target === 'picky')!;
    await until(() => pickyRow().status === 'pending' && pickyRow().attempts === 1 && h!.store.deliveries.stats(Date.now()).delivered === 1, 'picky failing');
    // a half-written config drops the target: its deliveries wait, they are not dead-lettered
    h.targets = [target({ url: el.url })];
    expect(h.dispatcher.reconcileTargets().held).toBe(1);
    expect(h.store.deliveries.forEvent(ev!.id).find((d) => d.target === 'picky')).toMatchObject({ status: 'held' });
    h.commit([{ name: 'dev', before: ZERO_SHA }]);
    await until(() => h!.store.deliveries.stats(Date.now()).delivered === 2, 'other target still delivers');
    // the full config returns: held deliveries resume and go out
    el.onRequest(undefined);
    h.targets = [target({ url: el.url }), picky];
    expect(h.dispatcher.reconcileTargets().resumed).toBe(1);
    await until(() => h!.store.deliveries.forEvent(ev!.id).every((d) => d.status === 'delivered'), 'held one delivered');
    expect(h.store.deliveries.stats(Date.now()).dead).toBe(0);
  });

  it('dead-letters held deliveries on an operator drop or after the grace period', async () => {
    let graceMs = 3_600_000;
    h = harness([target({ url: el.url }), target({ name: 'gone', url: `${el.url}gone` }), target({ name: 'late', url: `${el.url}late` })], {
      heldGraceMs: () => graceMs,
    });
    const [ev] = h.commit([{ before: ZERO_SHA }]);
    h.targets = [target({ url: el.url })];
    expect(h.dispatcher.reconcileTargets()).toMatchObject({ held: 2, expired: 0 });
    expect(h.dispatcher.dropHeld('gone')).toBe(1);
    expect(h.store.deliveries.forEvent(ev!.id).find((d) => d.target === 'gone')).toMatchObject({ status: 'dead' });
    expect(h.store.deliveries.forEvent(ev!.id).find((d) => d.target === 'late')).toMatchObject({ status: 'held' });
    graceMs = 0;
    expect(h.dispatcher.reconcileTargets().expired).toBe(1);
    const late = h.store.deliveries.forEvent(ev!.id).find((d) => d.target === 'late')!;
    expect(late.status).toBe('dead');
    expect(late.lastError).toMatch(/grace period/);
  });

  it('prints the log target to the injected stream', async () => {
    h = harness([target({ name: 'log', url: 'log:', format: 'log' })]);
    h.dispatcher.start();
    const [ev] = h.commit([{}]);
    await until(() => h!.lines.length === 1, 'a line');
    expect(JSON.parse(h.lines[0]!)).toMatchObject({ id: ev!.id, type: 'branch_updated' });
    expect(h.lines[0]!.endsWith('\n')).toBe(true);
  });

  it('drainOnce delivers, retries within the window, and reports what is left', async () => {
    const flaky = `${el.url}flaky`;
    h = harness([
      target({ url: el.url }),
      target({ name: 'down', url: `${el.url}down`, timeoutMs: 300, retryAttempts: 1000, retryBackoffMs: 50, maxBackoffMs: 50 }),
      target({ name: 'flaky', url: flaky, retryBackoffMs: 10, maxBackoffMs: 10 }),
      target({ name: 'bad', url: `${el.url}bad` }),
    ]);
    let flakes = 2;
    el.onRequest((r) => {
      if (r.path === '/down') return { kind: 'status', status: 503 };
      if (r.path === '/bad') return { kind: 'status', status: 404 };
      if (r.path === '/flaky' && flakes-- > 0) return { kind: 'reset' };
      return undefined;
    });
    h.commit([{}]);
    const result = await h.dispatcher.drainOnce();
    expect(result).toEqual({ delivered: 2, failed: 1, dead: 1 });
    expect(onPath('/flaky')).toHaveLength(3);
    expect(onPath('/down').length).toBeGreaterThan(1);
    expect(h.store.deliveries.stats(Date.now())).toMatchObject({ delivered: 2, dead: 1, pending: 1 });
  });

  it('stop waits for an in-flight delivery to finish', async () => {
    h = harness([target({ url: el.url })]);
    el.next({ kind: 'slow', delayMs: 200 });
    h.dispatcher.start();
    const [ev] = h.commit([{}]);
    await until(() => el.requests.length === 1, 'request sent');
    expect(h.dispatcher.stats().inFlight).toBe(1);
    await h.dispatcher.stop({ deadlineMs: 5000 });
    expect(h.store.deliveries.forEvent(ev!.id)[0]!.status).toBe('delivered');
  });
});
