import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import type { Config } from '../../src/config/types.js';
import { createEngine, type Engine } from '../../src/daemon/components.js';
import { silentLogger } from '../../src/log.js';
import { createMetrics } from '../../src/metrics/registry.js';
import { openStore, type Store } from '../../src/store/index.js';

let server: Server | undefined;
let engine: Engine | undefined;
let store: Store | undefined;
afterEach(async () => {
  await engine?.close();
  store?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = engine = store = undefined;
});

async function config(port: number, retries: number): Promise<Config> {
  const text = `polling:\n  retry_attempts: ${retries}\n  retry_backoff: 10ms\n  enable_api_fallback: false\n` +
    `repositories:\n  - name: svc\n    url: http://127.0.0.1:${port}/acme/svc\n    provider: github\n    api_base_url: http://127.0.0.1:${port}\n`;
  const result = await loadConfigText(text, '/tmp/engine-reload.yaml', { env: {} });
  expect(result.errors).toEqual([]);
  return result.config!;
}

describe('engine reload', () => {
  it('rebuilds the HTTP client when polling.retry_attempts changes, so the next poll uses the new setting', async () => {
    let requests = 0;
    server = createServer((_req, res) => {
      requests++;
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"Server Error"}');
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const first = await config(port, 0);
    store = openStore(':memory:');
    store.repositories.sync(first.repositories.map((r) => ({ name: r.name, url: r.url, provider: r.provider })));
    const metrics = createMetrics();
    engine = createEngine({
      config: first, store, log: silentLogger(), version: 'test', targets: () => first.targets,
      pollMetrics: metrics.poller, deliveryMetrics: metrics.delivery,
    });
    const [before] = await engine.scheduler.pollAllOnce();
    expect(before.status).toBe('error');
    const afterFirst = requests;
    expect(afterFirst).toBe(1);

    const second = await config(port, 2);
    engine.reload(second);
    engine.scheduler.reload(second);
    const [after] = await engine.scheduler.pollAllOnce();
    expect(after.status).toBe('error');
    expect(requests - afterFirst).toBe(3);
  });
});
