/**
 * The engine's HTTP client across a reload that rebuilds it, against a real HTTP server that
 * speaks GitHub's REST shapes: polls in flight finish on the old client, learned holds carry over,
 * and a long hold ends a poll at once with a rate-limit reason instead of a poll timeout.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import { createEngine, type Engine } from '../../src/daemon/components.js';
import { silentLogger } from '../../src/log.js';
import { createMetrics } from '../../src/metrics/registry.js';
import { openStore, type Store } from '../../src/store/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server | undefined;
let engine: Engine | undefined;
let store: Store | undefined;
const seen: string[] = [];
afterEach(async () => {
  await engine?.close({ force: true });
  store?.close();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = engine = store = undefined;
  seen.length = 0;
});

async function listen(handler: Handler): Promise<number> {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

async function config(port: number, retries: number, timeout = '10s'): Promise<Config> {
  const text = `polling:\n  timeout: ${timeout}\n  retry_attempts: ${retries}\n  retry_backoff: 10ms\n  enable_api_fallback: false\n` +
    `repositories:\n  - name: svc\n    url: http://127.0.0.1:${port}/acme/svc\n    provider: github\n    token: tok-123456\n    api_base_url: http://127.0.0.1:${port}\n`;
  const result = await loadConfigText(text, '/tmp/engine-transport.yaml', { env: {} });
  expect(result.errors).toEqual([]);
  return result.config!;
}

function startEngine(cfg: Config): Engine {
  store = openStore(':memory:');
  const metrics = createMetrics({ defaultMetrics: false });
  engine = createEngine({
    config: cfg, store, log: silentLogger(), version: 'test', targets: () => cfg.targets,
    pollMetrics: metrics.poller, deliveryMetrics: metrics.delivery,
  });
  return engine;
}

function refs(from: number, n: number): string {
  return JSON.stringify(Array.from({ length: n }, (_, i) => ({
    ref: `refs/heads/b${String(from + i).padStart(3, '0')}`, object: { sha: 'a'.repeat(40), type: 'commit' },
  })));
}

function reload(e: Engine, next: Config): void {
  e.reload(next);
  e.scheduler.reload(next);
}

describe('engine transport across reloads', () => {
  it('a poll in flight when a reload rebuilds the client finishes its next pages on the old client', async () => {
    let releasePage1: () => void = () => undefined;
    let arrived: () => void = () => undefined;
    let page1Reads = 0;
    const page1Arrived = new Promise<void>((r) => (arrived = r));
    const port = await listen((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (!url.pathname.includes('/git/matching-refs/heads')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
        return;
      }
      if (url.searchParams.get('page') === '2') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(refs(100, 20));
        return;
      }
      const answer = () => res.writeHead(200, {
        'content-type': 'application/json',
        link: `<http://127.0.0.1:${port}${url.pathname}?per_page=100&page=2>; rel="next"`,
      }).end(refs(0, 100));
      // only the first read of page 1 is held; a re-read (the listing's consistency check) is answered
      if (page1Reads++ > 0) return answer();
      releasePage1 = answer;
      arrived();
    });
    const e = startEngine(await config(port, 0));
    const polled = e.scheduler.pollNow('svc');
    await page1Arrived;
    reload(e, await config(port, 2));
    releasePage1();
    const outcome = await polled;
    expect(outcome).toMatchObject({ status: 'baseline' });
    expect(seen.filter((u) => u.includes('page=2'))).toHaveLength(1);
    expect(store!.refs.list(store!.repositories.get('svc')!.id)).toHaveLength(120);
  });

  it('a hold learned from the provider carries over to the rebuilt client for the same host and token', async () => {
    const port = await listen((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json', 'retry-after': '600' })
        .end('{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}');
    });
    const e = startEngine(await config(port, 0));
    const [first] = await e.scheduler.pollAllOnce();
    expect(first.status).toBe('waiting');
    const sent = seen.length;
    expect(sent).toBe(1);
    reload(e, await config(port, 3));
    const [second] = await e.scheduler.pollAllOnce();
    expect(second.status).toBe('waiting');
    expect(seen.length).toBe(sent);
    expect(e.budgets()[0].waitingUntil).toBeGreaterThan(Date.now() + 590_000);
  });

  it('a hold longer than the poll may wait ends the poll at once, saying which host is rate-limited until when', async () => {
    const port = await listen((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json', 'retry-after': '30' })
        .end('{"message":"You have exceeded a secondary rate limit."}');
    });
    // retried: the client would wait out the 30 s hold inside a 2 s poll
    const e = startEngine(await config(port, 2, '2s'));
    const [outcome] = await e.scheduler.pollAllOnce();
    expect(outcome.status).toBe('waiting');
    const row = store!.repositories.get('svc')!;
    expect(row.lastError).toMatch(new RegExp(`^rate limit for 127\\.0\\.0\\.1:${port} is spent until \\d{4}-`));
    expect(row.consecutiveFailures).toBe(0);
  });
});
