/** Bundles the TypeScript the bench needs (fakes, engine wiring) with esbuild; run in its own process. */
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const [here, outDir] = process.argv.slice(2);
await esbuild.build({
  entryPoints: { 'fake-process': join(here, 'fake-process.ts'), engine: join(here, 'engine.ts') },
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
