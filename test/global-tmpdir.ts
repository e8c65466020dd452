/**
 * vitest globalSetup: every temporary directory the tests make (os.tmpdir() reads TMPDIR) goes
 * under one directory per run, removed when the run ends, so the suite leaves nothing in /tmp
 * even where a test does not clean up after itself (or fails half-way).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(previous ?? tmpdir(), 'reposentry-tests-'));
  // like /tmp itself (mkdtemp makes it 0700): tests that run the CLI as another user (nobody) reach their files
  chmodSync(dir, 0o1777);
  // the test workers are forked after this and inherit it
  process.env.TMPDIR = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
