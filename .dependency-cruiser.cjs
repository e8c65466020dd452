/** Import-graph rules checked by `npm run lint`: no cycles, and no import that points up a layer. */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes the modules in it one unit: break it with a narrow callback or a shared lower module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-upward-from-engine',
      severity: 'error',
      comment: 'The engine (everything but cli/, daemon/, api/ and the entry point) never imports the layers that assemble it.',
      from: { path: '^src/', pathNot: '^src/(cli|daemon|api)/|^src/index\\.ts$' },
      to: { path: '^src/(cli|daemon|api)/' },
    },
    {
      name: 'no-cli-from-daemon-or-api',
      severity: 'error',
      comment: 'The daemon and the API are started by the CLI, never the other way round.',
      from: { path: '^src/(daemon|api)/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-daemon-from-api',
      severity: 'error',
      comment: 'The API gets what it needs from the daemon injected (api/deps.ts), it does not import the daemon.',
      from: { path: '^src/api/' },
      to: { path: '^src/daemon/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'node', 'default'] },
  },
};
