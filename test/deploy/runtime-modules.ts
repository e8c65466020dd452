/**
 * What of node_modules the bundled dist/ needs at run time (what the Docker runtime stage copies):
 * better-sqlite3's JavaScript and compiled addon (not its sources or build intermediates), and the
 * two modules it requires.
 */
export const RUNTIME_MODULES = ['better-sqlite3/package.json', 'better-sqlite3/lib', 'better-sqlite3/build/Release/better_sqlite3.node', 'bindings', 'file-uri-to-path'];
