/**
 * An HTTP server on 127.0.0.1 that accepts every request and never answers: a provider API or
 * git host that hangs. It records the requests and knows which connections are still open, so a
 * test can tell whether a client (or a git child process) still holds one.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

export interface HangingServer {
  url: string;
  requests: string[];
  /** connections not yet closed by the client */
  openConnections(): number;
  close(): Promise<void>;
}

export async function startHangingServer(): Promise<HangingServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage) => {
    requests.push(`${req.method} ${req.url}`);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    openConnections: () => sockets.size,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
