// Bundled into dist by tsup, so the version is right even in a single-executable build.
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
