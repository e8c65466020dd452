import { afterEach, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../src/api/server.js';
import { runStatus } from '../../src/cli/commands/status.js';
import type { CliContext } from '../../src/cli/context.js';
import { harness, seedEvents } from './helpers.js';

function ctx(): CliContext & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout, stderr,
    out: (l) => void stdout.push(l), err: (l) => void stderr.push(l),
    writeOut: () => undefined, writeErr: () => undefined,
    env: { REPOSENTRY_CONFIG: '/nonexistent/config.yaml' }, exitCode: 0,
  };
}

const servers: ApiServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('reposentry status', () => {
  it('prints the table and the queue over a real socket; exit 1 when the daemon is not ready', async () => {
    const h = harness();
    seedEvents(h.store, 'svc', 'https://github.com/acme/svc', 2);
    const server = await startApiServer(h.app, { host: '127.0.0.1', port: 0 });
    servers.push(server);
    const c = ctx();
    expect(await runStatus({ url: `http://127.0.0.1:${server.port}` }, c)).toBe(0);
    expect(c.stdout.join('\n')).toMatch(/^svc\s+api\s+2026-01-01 00:00:00Z\s+2026-01-01 00:01:00Z\s+2$/m);
    expect(c.stdout.join('\n')).toMatch(/^off\s+disabled\s+-\s+-\s+0$/m);
    expect(c.stdout).toContain('queue: 2 open (2 pending, 0 delivering), 0 delivered, 0 dead; oldest open since 2026-01-01 00:00:00Z');
    expect(c.stdout).toContain('rate limit api.github.com: 4990/5000 left, resets 2026-01-01 01:00:00Z');
    expect(c.stdout.join('\n')).toMatch(/^database: \d+\.\d MiB \(\d+ repositories, \d+ refs, \d+ events, \d+ deliveries\); events kept 30 days once done$/m);
    h.ready.value = false;
    const c2 = ctx();
    expect(await runStatus({ url: `http://127.0.0.1:${server.port}` }, c2)).toBe(1);
    expect(c2.stderr.join('')).toContain('not ready');
  });

  it('a second server on the same port fails with the clear message', async () => {
    const h = harness();
    const first = await startApiServer(h.app, { host: '127.0.0.1', port: 0 });
    servers.push(first);
    await expect(startApiServer(h.app, { host: '127.0.0.1', port: first.port })).rejects.toThrow(
      `port ${first.port} on 127.0.0.1 is in use: set app.health_check_port or stop the other process`,
    );
  });
});
