#!/usr/bin/env node
// Container HEALTHCHECK: GET http://127.0.0.1:${PORT:-8080}/health with a 3 s timeout.
// Exit 0 on a 2xx answer, 1 otherwise. Plain node:http, no dependencies, so it runs in the
// runtime image without node_modules and costs one short-lived process per check.
import { request } from 'node:http';

const port = Number(process.env.PORT || 8080);
const timeoutMs = 3000;

function fail(message) {
  console.error(`healthcheck: ${message}`);
  process.exit(1);
}

if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a TCP port, got ${process.env.PORT}`);

// One deadline for the whole exchange (connect + answer), not a socket idle timeout,
// so a server that trickles bytes cannot keep the check hanging.
const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
deadline.unref();
const req = request({ host: '127.0.0.1', port, path: '/health', method: 'GET' }, (res) => {
  res.resume();
  const ok = res.statusCode >= 200 && res.statusCode < 300;
  if (!ok) fail(`GET /health answered ${res.statusCode}`);
  process.exit(0);
});
req.on('error', (err) => fail(`GET http://127.0.0.1:${port}/health failed: ${err.message}`));
req.end();
