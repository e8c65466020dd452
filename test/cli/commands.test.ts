import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../../src/config/example-config.js';
import { assertBuilt, ROOT, runCli } from './run-cli.js';

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(path.join(os.tmpdir(), 'reposentry-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const VALID = path.join(ROOT, 'test/fixtures/config/valid');
const TOKENS = { GITHUB_TOKEN: 'a', GITLAB_TOKEN: 'b', GHE_TOKEN: 'c' };

describe('reposentry validate', () => {
  it('prints FILE:LINE:COL  path  message lines and a summary, exit 2', async () => {
    const file = path.join(dir, 'two-problems.yaml');
    await writeFile(file, 'app:\n  log_levl: info\npolling:\n  interval: soon\nrepositories:\n  - name: r\n    url: https://github.com/a/b\n');
    const r = await runCli(['validate', '-c', file]);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')).toEqual([
      `${file}:2:3  app.log_levl  error: unknown key "log_levl" (did you mean "log_level"?)`,
      `${file}:4:13  polling.interval  error: invalid duration "soon" at "soon": use a number followed by ns, us, ms, s, m, h or d (e.g. "1h30m", "500ms")`,
      `${file}: 2 errors, 0 warnings`,
      '',
    ]);
    expect(r.stderr).toBe('');
  });

  it('an unknown key exits 2; with --allow-unknown-keys it is a warning (exit 0), and --strict fails on it again', async () => {
    const file = path.join(dir, 'warn.yaml');
    await writeFile(file, 'monitoring:\n  enabled: true\nrepositories:\n  - name: r\n    url: https://github.com/a/b\n');
    const byDefault = await runCli(['validate', '-c', file]);
    expect(byDefault.code).toBe(2);
    expect(byDefault.stdout).toContain(`${file}:1:1  monitoring  error: unknown key "monitoring"`);
    const lax = await runCli(['validate', '-c', file, '--json', '--allow-unknown-keys']);
    expect(lax.code).toBe(0);
    expect(JSON.parse(lax.stdout)).toEqual({
      valid: true,
      errors: [],
      warnings: [{ path: 'monitoring', line: 1, col: 1, message: expect.stringContaining('unknown key "monitoring"'), file }],
    });
    const strict = await runCli(['validate', '-c', file, '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toContain(`${file}:1:1  monitoring  error: unknown key "monitoring"`);
  });

  it('accepts every original RepoSentry example, with only JSON on stdout', async () => {
    for (const name of ['original-basic.yaml', 'original-production.yaml', 'original-minimal.yaml', 'original-test-config.yaml', 'original-setup-config.yaml', 'local-git-log-target.yaml']) {
      const r = await runCli(['validate', '-c', path.join(VALID, name), '--json'], { env: TOKENS });
      expect({ name, code: r.code, out: JSON.parse(r.stdout) }).toEqual({ name, code: 0, out: { valid: true, errors: [], warnings: [] } });
    }
  });

  it('finds the config through $REPOSENTRY_CONFIG, then ./config.yaml', async () => {
    const viaEnv = await runCli(['validate'], { env: { ...TOKENS, REPOSENTRY_CONFIG: path.join(VALID, 'original-minimal.yaml') } });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.stdout).toContain('original-minimal.yaml: valid');
    const none = await runCli(['validate', '--json'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stdout).errors[0].message).toBe('config file not found: config.yaml');
  });

  it('`config validate FILE` is an alias with the same output, and takes --config like the original', async () => {
    const file = path.join(VALID, 'original-basic.yaml');
    const a = await runCli(['validate', '-c', file], { env: TOKENS });
    const b = await runCli(['config', 'validate', file], { env: TOKENS });
    const c = await runCli(['config', 'validate', '--config', file], { env: TOKENS });
    expect(a.code).toBe(0);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });
});

describe('reposentry init', () => {
  it('writes the commented starter config, which validates, and refuses to overwrite', async () => {
    const file = path.join(dir, 'new.yaml');
    const first = await runCli(['init', file]);
    expect(first.code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(EXAMPLE_CONFIG);
    const check = await runCli(['validate', '-c', file, '--strict'], { env: TOKENS });
    expect(check.code).toBe(0);
    // as written, on a machine without the tokens: valid, with a warning per empty token
    const fresh = await runCli(['validate', '-c', file, '--json']);
    expect(fresh.code, fresh.stdout).toBe(0);
    const out = JSON.parse(fresh.stdout) as { valid: boolean; warnings: Array<{ path: string; message: string }> };
    expect(out.valid).toBe(true);
    expect(out.warnings.filter((w) => w.path.endsWith('.token')).map((w) => w.message)).toEqual([
      expect.stringContaining('token is empty'),
      expect.stringContaining('token is empty'),
    ]);
    const second = await runCli(['init', file]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('already exists');
    expect(await readFile(file, 'utf8')).toBe(EXAMPLE_CONFIG);
  });
});

describe('reposentry version and usage errors', () => {
  it('prints the package version', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['version']);
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect((await runCli(['--version'])).stdout).toBe(`${pkg.version}\n`);
  });

  it('exits 2 on an unknown command or option', async () => {
    const cmd = await runCli(['frobnicate']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain("unknown command 'frobnicate'");
    const opt = await runCli(['validate', '--frob']);
    expect(opt.code).toBe(2);
    expect(opt.stdout).toBe('');
  });
});
