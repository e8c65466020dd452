import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../cli/run-cli.js';

const CANARY = 'canary-text-log-3f9a1c';
let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'rs-logfmt-'));
  const repo = join(dir, 'repo');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-C', repo, ...args]);
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  git('commit', '-q', '--allow-empty', '-m', 'first');
  writeFileSync(
    join(dir, 'config.yaml'),
    `app:\n  log_format: text\n  log_level: debug\n  data_dir: ./data\n` +
      `polling:\n  emit_on_first_poll: true\n` +
      `security:\n  allow_file_urls: true\n` +
      `triggers:\n  - name: out\n    format: log\n` +
      `repositories:\n  - name: local\n    url: file://${repo}\n    provider: git\n    token: \${SECRET_TOKEN}\n`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('log_format: text', () => {
  it('writes human-readable lines on stderr, keeps stdout for events, and never prints the token', async () => {
    const run = await runCli(['run', '--once', '-c', join(dir, 'config.yaml')], { cwd: dir, env: { SECRET_TOKEN: CANARY } });
    expect(run.code).toBe(0);
    const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(events.map((e) => e.type)).toEqual(['branch_created']);
    expect(run.stderr).toMatch(/INFO.*: ref changed/);
    expect(run.stderr).toMatch(/DEBUG/);
    // no JSON log lines: every line is pretty-printed
    expect(run.stderr.split('\n').filter((l) => l.startsWith('{'))).toEqual([]);
    expect(run.stderr + run.stdout).not.toContain(CANARY);
  });
});
