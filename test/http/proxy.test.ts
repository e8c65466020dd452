/**
 * Outbound requests through a real forward proxy on 127.0.0.1, the bypass list, a refusing proxy,
 * and a self-signed HTTPS server trusted through http.ca_file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/http/client.js';
import type { OutboundSettings } from '../../src/http/outbound.js';
import { createDeliveryAgent, sendDelivery } from '../../src/delivery/send.js';
import { silentLogger } from '../../src/log.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startForwardProxy, type ForwardProxy } from '../helpers/forward-proxy.js';
import { selfSignedCert, startTlsFront, type SelfSigned, type TlsFront } from '../helpers/tls-front.js';

const SHA = 'b'.repeat(40);
let github: FakeGithub;
let listener: FakeEventListener;
let proxy: ForwardProxy;
let tls: SelfSigned;
let httpsGithub: TlsFront;
let httpsListener: TlsFront;

beforeAll(async () => {
  github = await startFakeGithub();
  github.addRepo({ owner: 'acme', name: 'svc', branches: { main: SHA } });
  listener = await startFakeEventListener();
  proxy = await startForwardProxy();
  tls = selfSignedCert();
  httpsGithub = await startTlsFront(github.url, tls);
  httpsListener = await startTlsFront(listener.url, tls);
});
afterAll(async () => {
  await Promise.all([github?.close(), listener?.close(), proxy?.close(), httpsGithub?.close(), httpsListener?.close()]);
  tls?.remove();
});

async function list(base: string, outbound: OutboundSettings, env?: NodeJS.ProcessEnv) {
  const saved = { ...process.env };
  if (env) Object.assign(process.env, env);
  const client = createHttpClient({ timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 10, log: silentLogger(), outbound });
  Object.assign(process.env, saved);
  for (const k of Object.keys(env ?? {})) if (!(k in saved)) delete process.env[k];
  try {
    return await client.request({ url: `${base}/repos/acme/svc/git/matching-refs/heads/`, provider: 'github' });
  } finally {
    await client.close();
  }
}

function settle<T>(p: Promise<T>): Promise<T | Error> {
  return p.catch((err: unknown) => err as Error);
}

describe('provider API requests and the proxy', () => {
  it('an http request goes to the proxy in absolute form, with its credentials, and is answered', async () => {
    const before = proxy.seen.length;
    const withCreds = proxy.url.replace('http://', 'http://ops:s3cret@');
    const res = await list(github.url, { proxy: withCreds });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)[0].object.sha).toBe(SHA);
    expect(proxy.seen.slice(before)).toEqual([`GET ${github.url}/repos/acme/svc/git/matching-refs/heads/`]);
    expect(proxy.credentials.at(-1)).toBe(`Basic ${Buffer.from('ops:s3cret').toString('base64')}`);
  });

  it('HTTPS_PROXY from the environment is honoured: an https request is tunnelled with CONNECT', async () => {
    const before = proxy.seen.length;
    const res = await list(httpsGithub.url, { caFile: tls.certFile }, { HTTPS_PROXY: proxy.url, https_proxy: '' });
    expect(res.status).toBe(200);
    expect(proxy.seen.slice(before)).toEqual([`CONNECT localhost:${httpsGithub.port}`]);
  });

  it('hosts in no_proxy (and NO_PROXY) go direct', async () => {
    const before = proxy.seen.length;
    expect((await list(github.url, { proxy: proxy.url, noProxy: 'example.com, 127.0.0.1' })).status).toBe(200);
    expect((await list(github.url.replace('127.0.0.1', 'localhost'), { proxy: proxy.url, noProxy: '.localhost' })).status).toBe(200);
    expect((await list(github.url, {}, { HTTP_PROXY: proxy.url, http_proxy: '', NO_PROXY: '127.0.0.0/8', no_proxy: '' })).status).toBe(200);
    expect(proxy.seen.slice(before)).toEqual([]);
    // a port that does not match the entry's does not bypass
    expect((await list(github.url, { proxy: proxy.url, noProxy: '127.0.0.1:1' })).status).toBe(200);
    expect(proxy.seen.length).toBe(before + 1);
  });

  it('a proxy that refuses gives an error naming the proxy (never its credentials) and the 407', async () => {
    proxy.refuse(true);
    try {
      const withCreds = proxy.url.replace('http://', 'http://ops:s3cret@');
      for (const base of [github.url, httpsGithub.url]) {
        const err = await settle(list(base, { proxy: withCreds, caFile: tls.certFile }));
        expect(err).toBeInstanceOf(Error);
        const message = (err as Error).message;
        expect(message).toContain(`via proxy ${proxy.url}`);
        expect(message).toContain('407');
        expect(message).not.toContain('s3cret');
        expect(message).not.toContain('ops:');
      }
    } finally {
      proxy.refuse(false);
    }
  });

  it('a proxy that is not listening names the proxy in the error', async () => {
    const err = await settle(list(github.url, { proxy: 'http://127.0.0.1:1' }));
    expect((err as Error).message).toMatch(/via proxy http:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
  });
});

describe('the CA bundle', () => {
  it('a self-signed server is refused without http.ca_file and trusted with it', async () => {
    const err = await settle(list(httpsGithub.url, {}));
    expect((err as Error).message).toMatch(/self.signed|certificate/i);
    expect((await list(httpsGithub.url, { caFile: tls.certFile })).status).toBe(200);
  });

  it('an unreadable ca_file is a clear error naming the key', () => {
    expect(() => createDeliveryAgent({ caFile: '/nonexistent/ca.pem' })).toThrow(/http\.ca_file: cannot read \/nonexistent\/ca\.pem/);
  });
});

describe('deliveries and the proxy', () => {
  async function deliver(url: string, outbound: OutboundSettings) {
    const agent = createDeliveryAgent(outbound);
    try {
      return await sendDelivery({ url, headers: { 'content-type': 'application/json' }, body: '{"a":1}', timeoutMs: 5_000, dispatcher: agent, now: Date.now() });
    } finally {
      await agent.close();
    }
  }

  it('a delivery goes through the proxy (http and https with the CA file) and reaches the receiver', async () => {
    const before = proxy.seen.length;
    const received = listener.requests.length;
    expect((await deliver(listener.url, { proxy: proxy.url })).outcome).toBe('delivered');
    expect((await deliver(httpsListener.url, { proxy: proxy.url, caFile: tls.certFile })).outcome).toBe('delivered');
    expect(proxy.seen.slice(before)).toEqual([`POST ${listener.url}`, `CONNECT localhost:${httpsListener.port}`]);
    expect(listener.requests.length).toBe(received + 2);
  });

  it('a delivery to a no_proxy host goes direct; a refusing proxy is a retryable failure naming it', async () => {
    const before = proxy.seen.length;
    expect((await deliver(listener.url, { proxy: proxy.url, noProxy: '127.0.0.1' })).outcome).toBe('delivered');
    expect(proxy.seen.length).toBe(before);
    proxy.refuse(true);
    try {
      const r = await deliver(httpsListener.url, { proxy: proxy.url, caFile: tls.certFile });
      expect(r.outcome).toBe('retry');
      expect(r.error).toContain(`via proxy ${proxy.url}`);
      expect(r.error).toContain('407');
    } finally {
      proxy.refuse(false);
    }
  });
});
