/**
 * `npm run demo`: the daemon gets the signal npm gets (the script execs it, so no `sh -c` sits in
 * between keeping it), and `--port` moves the API off 8080.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, assertBuilt, runCli } from '../cli/run-cli.js';

let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'reposentry-demo-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('npm run demo', () => {
  it('takes --port, and SIGTERM to npm stops the daemon (no orphan keeps the port)', async () => {
    const npm = spawn('npm', ['run', '--silent', 'demo:start', '--', '--port', '0', '--demo-dir', dir], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const port = await new Promise<number>((resolve, reject) => {
      npm.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = /API on http:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      npm.once('exit', () => reject(new Error(`npm exited early: ${stderr}`)));
    });
    expect(port).toBeGreaterThan(0);
    expect(await listening(port)).toBe(true);
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    npm.kill('SIGTERM');
    await exited;
    // the daemon itself received the signal and released its port
    for (let i = 0; i < 50 && (await listening(port)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await listening(port)).toBe(false);
    expect(stderr).toContain('stopped');
  });

  it('--port without --demo is a usage error', async () => {
    const r = await runCli(['run', '--port', '9999', '-c', join(dir, 'none.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port applies to --demo');
  });
});
