/**
 * `reposentry db check | backup FILE | vacuum`: database maintenance without a sqlite3 CLI. A running
 * daemon holds its database exclusively, so `backup` then asks the daemon (through the API) to write
 * the copy, and `check` and `vacuum` say to stop it first.
 */
import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import Database from 'better-sqlite3';
import { createApiClient } from '../../api/client.js';
import { loadConfig } from '../../config/load.js';
import { ReposentryError } from '../../errors.js';
import { backupDatabase, checkDatabase } from '../../store/maintenance.js';
import { describeSqliteError, sqliteProblem } from '../../store/sqlite-errors.js';
import type { CliContext } from '../context.js';
import { resolveConfigPath } from '../config-path.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit.js';
import { resolveApiTarget, TOKEN_HELP, type ApiTargetOptions } from './api-target.js';

interface DbOptions extends ApiTargetOptions {
  db?: string;
  full?: boolean;
}

async function databasePath(opts: DbOptions, ctx: CliContext): Promise<string> {
  if (opts.db) return resolve(opts.db);
  const file = resolveConfigPath(opts.config, ctx.env).path;
  const loaded = await loadConfig(file, { env: ctx.env });
  if (!loaded.config) throw new ReposentryError('config-invalid', `${file} is not valid: run reposentry validate -c ${file}`);
  return loaded.config.storage.sqlitePath;
}

function open(path: string, readonly: boolean): Database.Database {
  try {
    const db = new Database(path, { readonly, fileMustExist: true });
    db.pragma('busy_timeout = 0');
    return db;
  } catch (err) {
    throw storageError(err, path);
  }
}

function storageError(err: unknown, path: string): unknown {
  if (err instanceof ReposentryError) return err;
  if (sqliteProblem(err) === 'busy') {
    return new ReposentryError('storage', `database ${path} is in use by a running reposentry (or another process): stop it first; backups work while it runs`, { cause: err });
  }
  const known = describeSqliteError(err, path);
  if (known) return new ReposentryError('storage', known, { cause: err });
  if ((err as { code?: string }).code === 'SQLITE_CANTOPEN' || /does not exist/.test(String(err))) {
    return new ReposentryError('storage', `database ${path} does not exist`, { cause: err });
  }
  return err;
}

export async function dbCheck(opts: DbOptions, ctx: CliContext): Promise<number> {
  const path = await databasePath(opts, ctx);
  const db = open(path, true);
  try {
    const started = Date.now();
    const problems = checkDatabase(db, opts.full ? 'full' : 'quick');
    const took = `${Date.now() - started} ms`;
    if (problems.length === 0) {
      ctx.out(`${path}: ok (${opts.full ? 'integrity_check' : 'quick_check'}, ${took})`);
      return EXIT_OK;
    }
    for (const p of problems) ctx.out(`${path}: ${p}`);
    ctx.err(`reposentry: database ${path} is damaged (${problems.length} problem${problems.length === 1 ? '' : 's'}): restore the last backup (see docs/operations.md)`);
    return EXIT_FAILURE;
  } catch (err) {
    throw storageError(err, path);
  } finally {
    db.close();
  }
}

export async function dbBackup(file: string, opts: DbOptions, ctx: CliContext): Promise<number> {
  const path = await databasePath(opts, ctx);
  const dest = resolve(file);
  let db: Database.Database | undefined;
  try {
    db = open(path, true);
    // reading the schema proves the file is readable now (a running daemon's lock shows here)
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    const pages = await backupDatabase(db, dest);
    ctx.out(`backed up ${path} to ${dest} (${pages} pages)`);
    return EXIT_OK;
  } catch (err) {
    if (sqliteProblem(err) !== 'busy' && !(err instanceof ReposentryError && /in use by a running reposentry/.test(err.message))) throw storageError(err, path);
  } finally {
    db?.close();
  }
  // the daemon holds the database: it writes the copy itself, into <data_dir>/backups/
  const client = createApiClient(await resolveApiTarget(opts, ctx));
  const name = `reposentry-${new Date().toISOString().replace(/[:.]/g, '-')}.db`;
  const answer = (await client.json('POST', `/api/v1/storage/backup?name=${encodeURIComponent(name)}`)) as { path: string; pages: number };
  copyFileSync(answer.path, dest);
  ctx.out(`backed up ${path} to ${dest} (${answer.pages} pages, by the running daemon; its copy stays in ${answer.path})`);
  return EXIT_OK;
}

export async function dbVacuum(opts: DbOptions, ctx: CliContext): Promise<number> {
  const path = await databasePath(opts, ctx);
  const db = open(path, false);
  try {
    const before = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    db.exec('VACUUM');
    const after = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    ctx.out(`vacuumed ${path}: ${before} -> ${after} bytes`);
    return EXIT_OK;
  } catch (err) {
    throw storageError(err, path);
  } finally {
    db.close();
  }
}

export function registerDbCommand(program: Command, ctx: CliContext): void {
  const db = program.command('db').description('check, back up or vacuum the database (no sqlite3 CLI needed)');
  const common = (cmd: Command) =>
    cmd.option('-c, --config <file>', 'config file naming the database (default: $REPOSENTRY_CONFIG or ./config.yaml)').option('--db <file>', 'the database file itself, instead of the config');
  common(db.command('check').description('PRAGMA quick_check (or integrity_check with --full); exit 1 when damaged'))
    .option('--full', 'the slower, complete integrity_check')
    .action(async (opts: DbOptions) => {
      ctx.exitCode = await dbCheck(opts, ctx);
    });
  common(db.command('backup <file>').description('a consistent copy through the online backup API, safe while the daemon runs'))
    .option('--url <url>', 'API of the running daemon, which writes the copy when it holds the database')
    .option('--token <token>', TOKEN_HELP)
    .action(async (file: string, opts: DbOptions) => {
      ctx.exitCode = await dbBackup(file, opts, ctx);
    });
  common(db.command('vacuum').description('rebuild the file to reclaim free pages (stop the daemon first)')).action(async (opts: DbOptions) => {
    ctx.exitCode = await dbVacuum(opts, ctx);
  });
}
