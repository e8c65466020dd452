import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  sourcemap: true,
  clean: true,
  splitting: true,
  dts: false,
  // Dependencies are bundled: resolving and reading about a thousand separate files from node_modules
  // was most of the CLI's start (docs/performance.md). better-sqlite3 stays
  // external: it loads a native addon relative to its own package folder.
  noExternal: [/^(?!better-sqlite3$)/],
  // explicit: tsup externalises only what package.json lists under dependencies, and the package
  // declares none (npm pack ships better-sqlite3 inside dist/node_modules)
  external: ['better-sqlite3'],
  // Bundled CommonJS dependencies call require() for Node built-ins; ESM output has none.
  banner: {
    js: "import { createRequire as __reposentryCreateRequire } from 'node:module'; const require = __reposentryCreateRequire(import.meta.url);",
  },
});
