/**
 * A reload that changes `http.proxy`/`http.no_proxy` reaches deliveries without a restart: attempts
 * launched afterwards go through (or around) a real forward proxy; one in flight finishes on the
 * pool it started on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffConfig, hasChanges } from '../../src/daemon/config-diff.js';
import { makeConfig } from '../api/helpers.js';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startForwardProxy, type ForwardProxy } from '../helpers/forward-proxy.js';
import { sha, target } from './helpers.js';
import { harness, until, type Harness } from './store-setup.js';

let el: FakeEventListener;
let proxy: ForwardProxy;
let h: Harness | undefined;
beforeEach(async () => {
  el = await startFakeEventListener();
  proxy = await startForwardProxy();
});
afterEach(async () => {
  await h?.dispatcher.stop({ deadlineMs: 1000 });
  h?.store.close();
  h = undefined;
  await Promise.all([el.close(), proxy.close()]);
});

describe('delivery proxy settings on reload', () => {
  it('a reload that changes only http: is a change (not "nothing changed")', () => {
    const before = makeConfig();
    const after = makeConfig();
    after.http = { proxy: 'http://127.0.0.1:3128' };
    const d = diffConfig(before, after);
    expect(d.otherChanged).toEqual(['http']);
    expect(hasChanges(d)).toBe(true);
  });

  it('attempts after setOutbound go through the new proxy, then around it once no_proxy names the host; one in flight finishes direct', async () => {
    // NO_PROXY/HTTP_PROXY of the machine running the tests must not decide the first leg
    h = harness([target({ url: el.url })], { outbound: { noProxy: '127.0.0.1' } });
    h.dispatcher.start();
    const delivered = () => h!.store.deliveries.stats(Date.now()).delivered;
    const viaProxy = () => proxy.seen.filter((s) => s.startsWith(`POST ${el.url}`)).length;

    h.commit([{ name: 'a', before: sha(1), after: sha(2) }]);
    await until(() => delivered() === 1, 'first delivered');
    expect(viaProxy()).toBe(0);

    // one attempt in flight on the direct pool when the settings change
    el.next({ kind: 'slow', delayMs: 400 });
    h.commit([{ name: 'slow', before: sha(1), after: sha(2) }]);
    await until(() => el.requests.length === 2 || h!.dispatcher.stats().inFlight === 1, 'slow attempt in flight');
    h.dispatcher.setOutbound({ proxy: proxy.url });
    h.commit([{ name: 'b', before: sha(1), after: sha(2) }]);
    await until(() => delivered() === 3, 'slow and proxied delivered');
    expect(viaProxy()).toBe(1);
    expect(JSON.parse(el.requests.find((r) => r.behaviour === 'slow')!.body).branch.name).toBe('slow');

    h.dispatcher.setOutbound({ proxy: proxy.url, noProxy: '127.0.0.1' });
    h.commit([{ name: 'c', before: sha(1), after: sha(2) }]);
    await until(() => delivered() === 4, 'fourth delivered');
    expect(viaProxy()).toBe(1);
    expect(el.requests.map((r) => JSON.parse(r.body).branch.name).sort()).toEqual(['a', 'b', 'c', 'slow']);
  });

  it('a proxy that refuses after the reload fails the next attempt with a message naming the proxy', async () => {
    h = harness([target({ url: el.url, retryAttempts: 0 })], { outbound: { noProxy: '127.0.0.1' } });
    h.dispatcher.start();
    proxy.refuse(true);
    h.dispatcher.setOutbound({ proxy: proxy.url.replace('http://', 'http://user:s3cret@') });
    const [ev] = h.commit([{}]);
    await until(() => h!.store.deliveries.forEvent(ev!.id)[0]!.lastError != null, 'one failed attempt');
    const row = h.store.deliveries.forEvent(ev!.id)[0]!;
    expect(row.status, JSON.stringify(row)).not.toBe('delivered');
    expect(row.lastError).toContain(`via proxy ${proxy.url}`);
    expect(row.lastError).not.toContain('s3cret');
    expect(el.requests).toEqual([]);
  });
});
