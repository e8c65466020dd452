// Runs inside the single executable. better-sqlite3's native addon travels as a SEA asset and the
// migrations are inlined by scripts/build-sea.mjs; both are written once, on first use, into a
// private temporary folder (mkdtemp: mode 0700, removed at exit) because dlopen() and the
// migration reader need real files. TMPDIR chooses the parent (it must allow exec for dlopen).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sea from 'node:sea';
import { pathToFileURL } from 'node:url';
import MIGRATIONS from 'reposentry-sea:migrations';

let root;
let addon;

function privateRoot() {
  if (root) return root;
  if (!sea.isSea()) throw new Error('this bundle only runs as the reposentry single executable');
  root = mkdtempSync(join(tmpdir(), 'reposentry-'));
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'migrations'), { mode: 0o700 });
  for (const m of MIGRATIONS) writeFileSync(join(root, 'migrations', m.file), m.sql, { mode: 0o600 });
  return root;
}

/** The addon object for `new Database(path, { nativeBinding })`, loaded once. */
export function nativeBinding() {
  if (addon) return addon;
  const file = join(privateRoot(), 'better_sqlite3.node');
  writeFileSync(file, Buffer.from(sea.getAsset('better_sqlite3.node')), { mode: 0o700 });
  // The bundle's require() only loads built-in modules inside a SEA; dlopen loads the addon directly.
  const mod = { exports: {} };
  process.dlopen(mod, file);
  addon = mod.exports;
  return addon;
}

/** Stands in for import.meta.url (empty in a CJS bundle): src/store/migrate.ts looks for migrations/ above it. */
export const meta = {
  get url() {
    return pathToFileURL(join(privateRoot(), 'dist', 'cli.js')).href;
  },
};
