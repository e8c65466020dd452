import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { probableDatabasePath } from '../../src/daemon/start-steps.js';

// The daemon starts the quick_check at the path read from the config's values before the config is
// complete; it must be the path the normalized config names (else the check is done twice).
describe('probableDatabasePath', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-db-path-'));
  it.each([
    ['defaults', ''],
    ['a relative data_dir', 'app:\n  data_dir: ./var/state\n'],
    ['an absolute data_dir', `app:\n  data_dir: ${join(dir, 'abs')}\n`],
    ['a relative sqlite path', 'storage:\n  sqlite:\n    path: db/main.sqlite\n'],
    ['an absolute sqlite path next to a data_dir', `app:\n  data_dir: ./d\nstorage:\n  sqlite:\n    path: ${join(dir, 'x.db')}\n`],
    ['a data_dir from the environment', 'app:\n  data_dir: ${STATE_DIR}\n'],
  ])('is the normalized storage path for %s', async (_name, text) => {
    const file = join(dir, 'sub', 'config.yaml');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(file, `${text}repositories:\n  - name: a\n    url: https://github.com/o/a\n`);
    let early: string | undefined;
    const loaded = await loadConfig(file, { env: { STATE_DIR: '/srv/state' }, onSchemaValid: (data, configDir) => (early = probableDatabasePath(data, configDir)) });
    expect(loaded.errors).toEqual([]);
    expect(early).toBe(loaded.config!.storage.sqlitePath);
  });
});
