/** The suite's temporary files live under one per-run directory that the global teardown removes. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('test temp dirs', () => {
  it('are made under the per-run directory (TMPDIR), not straight in /tmp', () => {
    expect(basename(tmpdir())).toMatch(/^reposentry-tests-/);
    const made = mkdtempSync(join(tmpdir(), 'probe-'));
    expect(dirname(made)).toBe(tmpdir());
  });
});
