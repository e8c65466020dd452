/**
 * A real forward proxy on 127.0.0.1 (the `proxy` package: CONNECT for https, absolute-form for http)
 * that records what went through it, and can refuse everything (407) on demand.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';

export interface ForwardProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  /** what went through: "CONNECT host:port" or "GET http://host:port/path" */
  seen: string[];
  /** Proxy-Authorization headers received */
  credentials: string[];
  /** answer every request 407 (Proxy Authentication Required) */
  refuse(on: boolean): void;
  close(): Promise<void>;
}

export async function startForwardProxy(): Promise<ForwardProxy> {
  const seen: string[] = [];
  const credentials: string[] = [];
  let refusing = false;
  const server = createProxy(createServer());
  const record = (req: IncomingMessage): void => {
    seen.push(`${req.method} ${req.url}`);
    const auth = req.headers['proxy-authorization'];
    if (auth) credentials.push(auth);
  };
  server.authenticate = (req) => {
    record(req);
    return !refusing;
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    credentials,
    refuse: (on) => {
      refusing = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
