#!/usr/bin/env node
// npm run build:sea → dist-sea/reposentry (or --out FILE): one executable for linux-x64 (Node single executable
// application, https://nodejs.org/api/single-executable-applications.html).
//   1. esbuild bundles src/cli/main.ts and its dependencies into one CommonJS file, with
//      better-sqlite3 replaced by scripts/sea/better-sqlite3.mjs (embedded addon as nativeBinding)
//      and migrations/*.sql inlined;
//   2. node --experimental-sea-config scripts/sea-config.json writes the preparation blob
//      (the bundle plus better_sqlite3.node as an asset);
//   3. a copy of this node binary gets the blob injected with postject.
// The executable runs on hosts with the same OS, architecture and glibc generation as this one.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// --out FILE writes the executable elsewhere (tests build into their own temp folder).
const outArg = process.argv.indexOf('--out');
const output = outArg > 0 && process.argv[outArg + 1] ? resolve(process.argv[outArg + 1]) : join(root, 'dist-sea', 'reposentry');
const work = mkdtempSync(join(tmpdir(), 'reposentry-sea-build-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
// The fuse postject flips so node looks for the injected blob (from the Node docs above).
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

function fail(message) {
  console.error(`build-sea: ${message}`);
  process.exit(1);
}

if (process.platform !== 'linux' || process.arch !== 'x64') fail(`builds for linux-x64 only, this is ${process.platform}-${process.arch}`);
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 12)) fail(`needs Node >= 20.12 (SEA assets, node:sea), this is ${process.version}`);

function readMigrations() {
  return readdirSync(join(root, 'migrations'))
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ file, sql: readFileSync(join(root, 'migrations', file), 'utf8') }));
}

/** Swaps better-sqlite3 for the SEA wrapper (except inside the wrapper) and serves the migrations. */
function seaPlugin(migrations) {
  const wrapper = join(root, 'scripts/sea/better-sqlite3.mjs');
  return {
    name: 'reposentry-sea',
    setup(build) {
      build.onResolve({ filter: /^better-sqlite3$/ }, (args) => (args.importer === wrapper ? undefined : { path: wrapper }));
      build.onResolve({ filter: /^reposentry-sea:migrations$/ }, () => ({ path: 'migrations', namespace: 'reposentry-sea' }));
      build.onLoad({ filter: /.*/, namespace: 'reposentry-sea' }, () => ({ contents: JSON.stringify(migrations), loader: 'json' }));
    },
  };
}

async function bundle(migrations) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    stdin: {
      contents: [
        "import { main } from './src/cli/main.ts';",
        'main(process.argv).then(',
        '  (code) => { process.exitCode = code; },',
        '  (err) => { console.error(err); process.exitCode = 1; },',
        ');',
      ].join('\n'),
      resolveDir: root,
      sourcefile: 'sea-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${major}`,
    outfile: join(work, 'reposentry.cjs'),
    define: { 'import.meta.url': '__reposentrySea.meta.url' },
    inject: [join(root, 'scripts/sea/inject.mjs')],
    plugins: [seaPlugin(migrations)],
    logLevel: 'warning',
    legalComments: 'none',
  });
  if (result.errors.length > 0) fail('esbuild failed');
}

mkdirSync(dirname(output), { recursive: true });
rmSync(output, { force: true });
const migrations = readMigrations();
if (migrations.length === 0) fail('no migrations found in migrations/');
await bundle(migrations);
// scripts/sea-config.json with its paths made absolute: the bundle and blob live in the work folder.
const seaConfig = JSON.parse(readFileSync(join(root, 'scripts/sea-config.json'), 'utf8'));
seaConfig.main = join(work, 'reposentry.cjs');
seaConfig.output = join(work, 'sea-prep.blob');
for (const [name, path] of Object.entries(seaConfig.assets)) seaConfig.assets[name] = resolve(root, path);
writeFileSync(join(work, 'sea-config.json'), JSON.stringify(seaConfig, null, 2));
execFileSync(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
copyFileSync(process.execPath, output);
chmodSync(output, 0o755);
const injected = spawnSync(
  process.execPath,
  [join(root, 'node_modules/postject/dist/cli.js'), output, 'NODE_SEA_BLOB', join(work, 'sea-prep.blob'), '--sentinel-fuse', FUSE],
  { cwd: root, encoding: 'utf8' },
);
// postject warns about every ELF note section it cannot name; those are harmless and many.
const noise = /^warning: Can't find string offset for section name/;
const stderr = injected.stderr.split('\n').filter((l) => l !== '' && !noise.test(l));
if (stderr.length > 0) console.error(stderr.join('\n'));
if (injected.status !== 0) fail(`postject exited with ${injected.status}`);
console.log(`build-sea: wrote ${output} (${migrations.length} migrations, better-sqlite3 addon embedded)`);
