/**
 * A fake Tekton EventListener: a real node:http server on 127.0.0.1 that records every request and
 * answers as Tekton does (202 `{"eventListenerUID","eventID"}`), or misbehaves on demand.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ListenerBehaviour =
  | { kind: 'accept' }
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'retry-after'; seconds: number; status?: 429 | 503 }
  | { kind: 'redirect'; location: string; status?: 301 | 302 | 307 | 308 }
  | { kind: 'garbage' }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'slow'; delayMs: number };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** epoch ms when the body was fully read */
  at: number;
  /** what the fake did with it */
  behaviour: ListenerBehaviour['kind'];
}

export interface FakeEventListener {
  url: string;
  requests: RecordedRequest[];
  /** answer the next `count` requests (default 1) this way, then go back to the default */
  next(behaviour: ListenerBehaviour, count?: number): void;
  /** how requests are answered when nothing is queued */
  setDefault(behaviour: ListenerBehaviour): void;
  /** decide per request; return undefined to fall back to the queue/default */
  onRequest(fn: ((req: RecordedRequest) => ListenerBehaviour | undefined) | undefined): void;
  /** resolves once `n` requests have been recorded */
  waitForRequests(n: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

export interface FakeEventListenerOptions {
  default?: ListenerBehaviour;
  eventListenerUID?: string;
}

export async function startFakeEventListener(opts: FakeEventListenerOptions = {}): Promise<FakeEventListener> {
  const uid = opts.eventListenerUID ?? randomUUID();
  const requests: RecordedRequest[] = [];
  const queue: ListenerBehaviour[] = [];
  const sockets = new Set<Socket>();
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let fallback: ListenerBehaviour = opts.default ?? { kind: 'accept' };
  let decide: ((req: RecordedRequest) => ListenerBehaviour | undefined) | undefined;

  function accept(res: ServerResponse): void {
    const body = JSON.stringify({ eventListenerUID: uid, eventID: randomUUID() });
    res.writeHead(202, { 'content-type': 'application/json' }).end(body);
  }

  function answer(behaviour: ListenerBehaviour, res: ServerResponse, socket: Socket): void {
    switch (behaviour.kind) {
      case 'accept':
        return accept(res);
      case 'status':
        res.writeHead(behaviour.status, behaviour.headers ?? {}).end(behaviour.body ?? '');
        return;
      case 'retry-after':
        res.writeHead(behaviour.status ?? 429, { 'retry-after': String(behaviour.seconds) }).end('slow down');
        return;
      case 'redirect':
        res.writeHead(behaviour.status ?? 302, { location: behaviour.location }).end();
        return;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{not json<<\u0000');
        return;
      case 'hang':
        return;
      case 'reset':
        socket.destroy();
        return;
      case 'slow':
        setTimeout(() => {
          if (!res.destroyed) accept(res);
        }, behaviour.delayMs);
        return;
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
        behaviour: 'accept',
      };
      const behaviour = decide?.(recorded) ?? queue.shift() ?? fallback;
      recorded.behaviour = behaviour.kind;
      requests.push(recorded);
      for (const w of [...waiters]) {
        if (requests.length >= w.n) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
      answer(behaviour, res, req.socket);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    next(behaviour, count = 1) {
      for (let i = 0; i < count; i++) queue.push(behaviour);
    },
    setDefault(behaviour) {
      fallback = behaviour;
    },
    onRequest(fn) {
      decide = fn;
    },
    waitForRequests(n, timeoutMs = 10_000) {
      if (requests.length >= n) return Promise.resolve(requests);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`fake EventListener: expected ${n} requests, got ${requests.length}`)),
          timeoutMs,
        );
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(requests);
          },
        });
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
