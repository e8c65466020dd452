// Replaces `better-sqlite3` in the single-executable bundle: the same class, but every database is
// opened with the embedded addon as its nativeBinding (better-sqlite3 would otherwise look for
// build/Release/better_sqlite3.node under node_modules, which the executable does not have).
import Database from 'better-sqlite3/lib/database.js';
import SqliteError from 'better-sqlite3/lib/sqlite-error.js';
import { nativeBinding } from './runtime.mjs';

function SeaDatabase(filename, options) {
  const opts = { ...(options || {}) };
  if (opts.nativeBinding == null) opts.nativeBinding = nativeBinding();
  return new Database(filename, opts);
}
SeaDatabase.prototype = Database.prototype;
SeaDatabase.SqliteError = SqliteError;

export { SqliteError };
export default SeaDatabase;
