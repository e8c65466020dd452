#!/usr/bin/env node
/**
 * Writes src/config/validators.generated.ts: the config schemas (src/config/schema.ts) compiled by
 * ajv into standalone code, so the daemon does not compile them at every start. `npm run build` and
 * `npm run typecheck` run this first; the file is committed, and
 * test/config/validators-generated.test.ts fails when it no longer matches schema.ts.
 *
 *   node scripts/gen-config-validator.mjs                   # (re)write the file when it changed
 *   node scripts/gen-config-validator.mjs --check           # exit 1 when the file is stale
 *   node scripts/gen-config-validator.mjs --fail-on-change  # rewrite a stale file, then exit 1 (npm run typecheck)
 *
 * typecheck fails on a rewrite so that a stale committed file cannot pass it: a landing or CI step
 * that runs typecheck on the committed tree would otherwise pass, leaving the rewrite uncommitted.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src', 'config', 'validators.generated.ts');

// validator-compile.ts is TypeScript: bundled with its dependencies into a temporary module
const dir = mkdtempSync(join(tmpdir(), 'reposentry-gen-'));
let source;
try {
  const out = join(dir, 'compile.mjs');
  await esbuild.build({
    entryPoints: [join(root, 'src', 'config', 'validator-compile.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // bundled CommonJS dependencies call require() for Node built-ins
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const mod = await import(pathToFileURL(out).href);
  source = mod.standaloneValidatorsSource();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

let current;
try {
  current = readFileSync(target, 'utf8');
} catch {
  current = undefined;
}
if (process.argv.includes('--check')) {
  if (current !== source) {
    console.error(`${target} is stale: run node scripts/gen-config-validator.mjs (or npm run build)`);
    process.exit(1);
  }
} else if (current !== source) {
  writeFileSync(target, source);
  console.error(`wrote ${target}`);
  if (process.argv.includes('--fail-on-change')) {
    console.error('the committed file was stale against src/config/schema.ts: commit the regenerated file, then run again');
    process.exit(1);
  }
}
