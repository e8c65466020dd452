import { closeSync, mkdtempSync, openSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { prepareQuickCheck } from '../../src/store/maintenance.js';

/** a database with some rows; `damaged` overwrites pages past the first ones with garbage */
function database(dir: string, name: string, damaged = false): string {
  const file = join(dir, name);
  const store = openStore(file);
  store.repositories.sync(Array.from({ length: 2000 }, (_, i) => ({ name: `r${i}`, url: `https://github.com/o/r${i}`, provider: 'github' as const })));
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  if (damaged) {
    const pages = statSync(file).size / 4096;
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(4096 * 4), 0, 4096 * 4, 4096 * Math.floor(pages * 0.6));
    closeSync(fd);
  }
  return file;
}

describe('the start-time quick_check (prepareQuickCheck)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-quick-check-'));
  const sound = database(dir, 'sound.db');
  const damaged = database(dir, 'damaged.db', true);

  it('gives the verdict of the check it started early when run on the same file', async () => {
    const ok = prepareQuickCheck();
    ok.start(sound, 10_000);
    expect((await ok.run(sound, 10_000)).status).toBe('ok');
    const bad = prepareQuickCheck();
    bad.start(damaged, 10_000);
    expect((await bad.run(damaged, 10_000)).status).toBe('damaged');
  });

  it('checks the file it is run on when the early start guessed another one', async () => {
    const check = prepareQuickCheck();
    check.start(sound, 10_000);
    const result = await check.run(damaged, 10_000);
    expect(result.status).toBe('damaged');
    expect(result.problems.length).toBeGreaterThan(0);
  });

  it('without an early start, checks on run; a missing file is skipped', async () => {
    expect((await prepareQuickCheck().run(damaged, 10_000)).status).toBe('damaged');
    expect((await prepareQuickCheck().run(join(dir, 'none.db'), 10_000)).status).toBe('skipped');
  });
});
