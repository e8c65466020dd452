/**
 * `status`/`events`/`db` read the daemon's port and token from the config: when that config cannot
 * be read, they say why instead of silently trying port 8080.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveApiTarget } from '../../src/cli/commands/api-target.js';
import type { CliContext } from '../../src/cli/context.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function context(env: Record<string, string> = {}): CliContext & { errors: string[] } {
  const errors: string[] = [];
  return { errors, out: () => undefined, err: (l) => errors.push(l), writeOut: () => undefined, writeErr: () => undefined, env, exitCode: 0 };
}

describe('resolveApiTarget', () => {
  it('uses the configured port and token', async () => {
    dir = mkdtempSync(join(tmpdir(), 'reposentry-api-target-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(file, 'app:\n  health_check_port: 18999\napi:\n  auth_token: ${TOK}\nrepositories: []\n');
    const ctx = context({ TOK: 'secret-token' });
    expect(await resolveApiTarget({ config: file }, ctx)).toEqual({ url: 'http://127.0.0.1:18999', token: 'secret-token' });
    expect(ctx.errors).toEqual([]);
  });

  it('a config it cannot read (a ${VAR} unset in this shell) is named with the first problem, not silently replaced by port 8080', async () => {
    dir = mkdtempSync(join(tmpdir(), 'reposentry-api-target-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(file, 'app:\n  health_check_port: 18999\napi:\n  auth_token: ${TOK}\nrepositories: []\n');
    const ctx = context();
    expect((await resolveApiTarget({ config: file }, ctx)).url).toBe('http://127.0.0.1:8080');
    expect(ctx.errors).toHaveLength(1);
    expect(ctx.errors[0]).toContain(`${file}:4:`);
    expect(ctx.errors[0]).toContain('TOK');
    expect(ctx.errors[0]).toContain('--url');
  });

  it('an explicit -c that does not exist is named', async () => {
    const ctx = context();
    await resolveApiTarget({ config: '/nonexistent/reposentry.yaml' }, ctx);
    expect(ctx.errors.join('\n')).toContain('/nonexistent/reposentry.yaml: config file not found');
  });
});
