import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryAgent, sendDelivery } from '../../src/delivery/send.js';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';

let el: FakeEventListener;
const agent = createDeliveryAgent();
beforeAll(async () => {
  el = await startFakeEventListener();
});
afterEach(() => {
  el.setDefault({ kind: 'accept' });
});
afterAll(async () => {
  await el.close();
  await agent.close();
});

function send(timeoutMs = 2000) {
  return sendDelivery({ url: el.url, headers: { 'content-type': 'application/json', 'x-a': 'b' }, body: '{"a":1}', timeoutMs, dispatcher: agent, now: Date.now() });
}

describe('sendDelivery against the fake EventListener', () => {
  it('delivers on 202 and keeps Tekton eventID', async () => {
    const r = await send();
    expect(r).toMatchObject({ outcome: 'delivered', statusCode: 202, error: null });
    expect(r.receiverEventId).toMatch(/^[0-9a-f-]{36}$/);
    const last = el.requests.at(-1)!;
    expect(last.method).toBe('POST');
    expect(last.body).toBe('{"a":1}');
    expect(last.headers['x-a']).toBe('b');
  });

  it('treats a 200 with a garbage body as delivered', async () => {
    el.next({ kind: 'garbage' });
    expect(await send()).toMatchObject({ outcome: 'delivered', statusCode: 200, receiverEventId: null });
  });

  it('classifies 400 and 410 as dead, 408/429/503 as retry with Retry-After', async () => {
    el.next({ kind: 'status', status: 400, body: 'bad payload' });
    expect(await send()).toMatchObject({ outcome: 'dead', statusCode: 400, error: 'HTTP 400: bad payload' });
    el.next({ kind: 'status', status: 410 });
    expect(await send()).toMatchObject({ outcome: 'dead', statusCode: 410 });
    el.next({ kind: 'status', status: 408 });
    expect(await send()).toMatchObject({ outcome: 'retry', statusCode: 408 });
    el.next({ kind: 'retry-after', seconds: 7 });
    expect(await send()).toMatchObject({ outcome: 'retry', statusCode: 429, retryAfterMs: 7000 });
    el.next({ kind: 'status', status: 503 });
    expect(await send()).toMatchObject({ outcome: 'retry', statusCode: 503, retryAfterMs: null });
  });

  it('ignores a Retry-After that is neither delay-seconds nor an HTTP date (-5)', async () => {
    el.next({ kind: 'retry-after', seconds: -5, status: 503 });
    expect(await send()).toMatchObject({ outcome: 'retry', statusCode: 503, retryAfterMs: null });
  });

  it('does not follow a redirect: a failed, retryable attempt', async () => {
    const before = el.requests.length;
    el.next({ kind: 'redirect', location: `${el.url}elsewhere` });
    const r = await send();
    expect(r).toMatchObject({ outcome: 'retry', statusCode: 302 });
    expect(r.error).toContain('not followed');
    expect(el.requests.length).toBe(before + 1);
  });

  it('retries after a hang (timeout) and a connection reset', async () => {
    el.next({ kind: 'hang' });
    const hung = await send(300);
    expect(hung).toMatchObject({ outcome: 'retry', statusCode: null });
    expect(hung.error).toMatch(/timeout/i);
    el.next({ kind: 'reset' });
    const reset = await send();
    expect(reset).toMatchObject({ outcome: 'retry', statusCode: null });
    expect(reset.error).toBeTruthy();
  });

  it('retries when nothing listens', async () => {
    const r = await sendDelivery({ url: 'http://127.0.0.1:1/', headers: {}, body: '', timeoutMs: 1000, dispatcher: agent, now: Date.now() });
    expect(r.outcome).toBe('retry');
    expect(r.error).toContain('ECONNREFUSED');
  });
});
