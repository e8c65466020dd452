/**
 * Database checks and copies that need no sqlite3 CLI (the image and the single executable have none):
 * integrity checks through PRAGMAs, backups through SQLite's online backup API (better-sqlite3's
 * db.backup), which copies a consistent snapshot while other connections keep writing.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** `PRAGMA quick_check` (or the slower, fuller `integrity_check`): the problems found, none when sound. */
export function checkDatabase(db: Database.Database, kind: 'quick' | 'full' = 'quick', maxProblems = 20): string[] {
  const pragma = kind === 'quick' ? `quick_check(${maxProblems})` : `integrity_check(${maxProblems})`;
  const rows = db.pragma(pragma, { simple: false }) as Array<Record<string, string>>;
  const problems = rows.map((r) => Object.values(r)[0] ?? '').filter((line) => line !== 'ok');
  return problems;
}

/** Copies the database to `dest` with the online backup API; returns the pages copied. */
export async function backupDatabase(db: Database.Database, dest: string): Promise<number> {
  const result = await db.backup(dest);
  return result.totalPages;
}

export interface StartupCheck {
  status: 'ok' | 'damaged' | 'timeout' | 'skipped';
  problems: string[];
  durationMs: number;
  /** SQLite's error code when the check itself could not run (e.g. SQLITE_NOTADB) */
  code?: string;
  error?: string;
}

// The check runs in a worker thread on its own read-only connection. SQLite cannot be interrupted
// from JavaScript, so the time box is kept between tables: each table (with its indexes) is checked
// on its own (quick_check(TABLE)), and once the box is spent the remaining tables are skipped. The
// connection is closed before the answer is sent: the daemon locks the database right after.
// The worker is started (and loads better-sqlite3) before the path is known, so that its start
// overlaps the daemon's config load; it waits for {path, deadline}.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
parentPort.once('message', ({ path, deadline }) => {
  let db;
  let answer;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    const problems = [];
    let timedOut = false;
    for (const table of tables) {
      if (Date.now() > deadline) { timedOut = true; break; }
      const rows = db.pragma('quick_check("' + table.replace(/"/g, '""') + '")', { simple: false });
      for (const r of rows) { const line = Object.values(r)[0]; if (line !== 'ok') problems.push(line); }
      if (problems.length >= 20) break;
    }
    answer = { problems, timedOut };
  } catch (err) {
    answer = { error: String(err && err.message), code: err && err.code };
  } finally {
    if (db) db.close();
  }
  parentPort.postMessage(answer);
});`;

export interface QuickCheck {
  /** starts the check of `path` now, ahead of `run` (the daemon, as soon as its config names the file) */
  start(path: string, timeoutMs: number): void;
  /**
   * `PRAGMA quick_check` of the file at `path`, at most `timeoutMs` from its start; skipped when there
   * is no file. The check `start` began, when it was of this path; else a check of its own.
   */
  run(path: string, timeoutMs: number): Promise<StartupCheck>;
  /** ends the worker without a check (the start failed before it) */
  cancel(): void;
}

type WorkerAnswer = { problems?: string[]; timedOut?: boolean; error?: string; code?: string };

/** Starts the check's worker now; `run` hands it the file once it is known. Use once. */
export function prepareQuickCheck(): QuickCheck {
  let module: string | undefined;
  try {
    module = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    // the single executable embeds the addon: no module path to hand a worker
  }
  const worker = module === undefined ? undefined : new Worker(WORKER, { eval: true, workerData: { module } });
  // a worker nobody hands a file (a start that failed first) must not keep the process alive
  worker?.unref();
  // the answer or the worker's failure, whichever comes first; a failure before `run` is kept for it
  const settled = worker && new Promise<{ answer?: WorkerAnswer; error?: Error }>((resolve) => {
    worker.once('message', (answer: WorkerAnswer) => resolve({ answer }));
    worker.once('error', (error) => resolve({ error }));
  });
  let begun: { path: string; started: number } | undefined;
  function start(path: string, timeoutMs: number): void {
    if (begun || !worker || path === ':memory:' || !existsSync(path)) return;
    begun = { path, started: Date.now() };
    worker.ref();
    worker.postMessage({ path, deadline: begun.started + timeoutMs });
  }
  return {
    start,
    async run(path, timeoutMs) {
      if (begun && begun.path !== path) {
        // the file the config named in the end is another one: check that one
        void worker?.terminate();
        return prepareQuickCheck().run(path, timeoutMs);
      }
      start(path, timeoutMs);
      if (!begun || !settled) {
        await worker?.terminate();
        return { status: 'skipped', problems: [], durationMs: 0 };
      }
      const { started } = begun;
      const { answer: m, error } = await settled;
      const durationMs = Date.now() - started;
      if (!m) return { status: 'skipped', problems: [], durationMs, error: error?.message };
      if (m.timedOut && m.problems?.length === 0) return { status: 'timeout', problems: [], durationMs };
      // a file that is no database, or a damaged one, fails to open or to check; anything else (busy…) is not our verdict
      const damaged = m.code !== undefined && (m.code.startsWith('SQLITE_CORRUPT') || m.code === 'SQLITE_NOTADB');
      if (m.error !== undefined) return { status: damaged ? 'damaged' : 'skipped', problems: [m.error], durationMs, code: m.code, error: m.error };
      return { status: m.problems!.length ? 'damaged' : 'ok', problems: m.problems!, durationMs };
    },
    cancel() {
      void worker?.terminate();
    },
  };
}
