/** Serves the Hono app with @hono/node-server and turns listen failures into one clear startup error. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { ReposentryError, errorMessage } from '../errors.js';

export interface ApiServer {
  /** the bound port (useful with port 0) */
  port: number;
  host: string;
  /** stops accepting, lets requests in flight finish, then drops idle keep-alive connections */
  close(): Promise<void>;
}

export async function startApiServer(app: Hono, opts: { host: string; port: number }): Promise<ApiServer> {
  const server = createAdaptorServer({ fetch: app.fetch, hostname: opts.host }) as Server;
  await new Promise<void>((resolve, reject) => {
    function onError(err: NodeJS.ErrnoException): void {
      server.off('listening', onListening);
      reject(listenError(err, opts));
    }
    function onListening(): void {
      server.off('error', onError);
      resolve();
    }
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(opts.port, opts.host);
  });
  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    host: opts.host,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // a client holding a request open must not hold up shutdown
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      }),
  };
}

function listenError(err: NodeJS.ErrnoException, opts: { host: string; port: number }): ReposentryError {
  const where = `port ${opts.port} on ${opts.host}`;
  if (err.code === 'EADDRINUSE') {
    return new ReposentryError('startup', `${where} is in use: set app.health_check_port or stop the other process`, { cause: err });
  }
  if (err.code === 'EACCES') {
    return new ReposentryError('startup', `${where} is not allowed for this user: choose app.health_check_port above 1023`, { cause: err });
  }
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') {
    return new ReposentryError('startup', `cannot listen on ${opts.host}: no such local address (api.listen)`, { cause: err });
  }
  return new ReposentryError('startup', `cannot listen on ${where}: ${errorMessage(err)}`, { cause: err });
}
