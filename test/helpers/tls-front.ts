/**
 * A self-signed HTTPS front for the plain-http fakes: a certificate for localhost and 127.0.0.1
 * made by the openssl CLI in a temp dir, and an https server on 127.0.0.1 that passes every
 * request to a fake and its answer back.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSigned {
  /** PEM file of the certificate (its own CA) */
  certFile: string;
  key: string;
  cert: string;
  remove(): void;
}

export function selfSignedCert(): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), 'reposentry-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=reposentry test CA',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-addext', 'basicConstraints=critical,CA:TRUE',
      '-keyout', keyFile, '-out', certFile,
    ], { stdio: 'pipe' });
  } catch (err) {
    throw new Error(`the openssl CLI is needed to make a test certificate (apt-get install openssl): ${(err as Error).message}`);
  }
  return {
    certFile,
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TlsFront {
  /** https://localhost:PORT */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** https://localhost:PORT → the plain-http server at `backend` (http://127.0.0.1:PORT). */
export async function startTlsFront(backend: string, tls: SelfSigned): Promise<TlsFront> {
  const target = new URL(backend);
  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
