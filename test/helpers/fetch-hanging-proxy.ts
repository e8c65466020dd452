/**
 * An HTTP proxy in front of a git server that forwards every request except git protocol v2
 * `command=fetch` requests, which it never answers: a git host whose listings work and whose
 * fetches hang. Listings can be slowed down (`listDelayMs`). It knows which hung connections are
 * still open, so a test can tell whether a git child still holds one.
 */
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FetchHangingProxy {
  url: string;
  hungFetches: number;
  openHung(): number;
  close(): Promise<void>;
}

/** Forwards to `target`, except git protocol v2 `command=fetch` requests: those are never answered. */
export async function startFetchHangingProxy(target: string, opts: { listDelayMs?: number } = {}): Promise<FetchHangingProxy> {
  const hung = new Set<Socket>();
  const all = new Set<Socket>();
  const state = { hungFetches: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && body.includes('command=fetch')) {
        state.hungFetches += 1;
        hung.add(req.socket);
        req.socket.on('close', () => hung.delete(req.socket));
        return;
      }
      const forward = (): void => {
      const up = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      up.end(body);
      };
      if (req.method === 'POST' && opts.listDelayMs) setTimeout(forward, opts.listDelayMs);
      else forward();
    });
  });
  server.on('connection', (s: Socket) => {
    all.add(s);
    s.on('close', () => all.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get hungFetches() {
      return state.hungFetches;
    },
    openHung: () => hung.size,
    async close() {
      for (const s of all) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

