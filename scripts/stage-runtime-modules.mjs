#!/usr/bin/env node
/**
 * Runs before `npm pack` (after the build): copies what the bundle needs at run time from
 * node_modules into dist/node_modules, so the packed package installs with no dependency to fetch
 * (`npm install -g ./reposentry-<v>.tgz --offline` works). dist/ bundles every JavaScript dependency;
 * better-sqlite3 stays outside because it loads its native addon relative to its own folder. Node
 * resolves `better-sqlite3` from dist/cli.js through dist/node_modules first.
 *
 * The addon is the one this machine built: the package works on the same OS, CPU and Node.js major.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// the same list as the Docker runtime stage copies (test/deploy/runtime-modules.ts)
const RUNTIME_MODULES = ['better-sqlite3/package.json', 'better-sqlite3/lib', 'better-sqlite3/build/Release/better_sqlite3.node', 'bindings', 'file-uri-to-path'];

if (!existsSync(path.join(root, 'dist', 'cli.js'))) {
  console.error('stage-runtime-modules: dist/cli.js is missing; run `npm run build` first');
  process.exit(1);
}
const target = path.join(root, 'dist', 'node_modules');
rmSync(target, { recursive: true, force: true });
for (const m of RUNTIME_MODULES) {
  const from = path.join(root, 'node_modules', m);
  if (!existsSync(from)) {
    console.error(`stage-runtime-modules: node_modules/${m} is missing; run \`npm ci\` first`);
    process.exit(1);
  }
  cpSync(from, path.join(target, m), { recursive: true });
}
console.error(`stage-runtime-modules: ${RUNTIME_MODULES.length} paths copied to dist/node_modules`);
