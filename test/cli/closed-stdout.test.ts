/**
 * `reposentry … | head`: when the reader closes the pipe before the command has written, the built
 * CLI stops quietly (exit 0) instead of dying of an unhandled EPIPE with a stack trace.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assertBuilt, BIN, ROOT } from './run-cli.js';

describe('a closed stdout', () => {
  it('completion bash into a pipe closed by its reader: exit 0, no EPIPE trace', async () => {
    assertBuilt();
    const child = spawn(process.execPath, [BIN, 'completion', 'bash'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } });
    // the reader goes away before the command writes a byte
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
