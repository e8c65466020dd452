/**
 * POST /api/v1/storage/backup: a consistent copy of the live database through SQLite's online backup
 * API, written by the daemon itself — the daemon holds the database exclusively, so no other process
 * can read it while it runs. Copies go to <data_dir>/backups/ only: an API caller never picks a path.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { backupDatabase } from '../../store/maintenance.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';

const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}$/;

export function registerStorageRoutes(app: Hono, deps: ApiDeps): void {
  app.post('/api/v1/storage/backup', async (c) => {
    const name = c.req.query('name') ?? `reposentry-${new Date().toISOString().replace(/[:.]/g, '-')}.db`;
    if (!NAME.test(name)) throw new ApiError(400, 'bad-request', `name must be a plain file name (letters, digits, . _ -), got "${name}"`);
    const dir = join(deps.config().app.dataDir, 'backups');
    const path = join(dir, name);
    if (existsSync(path)) throw new ApiError(409, 'conflict', `${path} exists; choose another name`);
    mkdirSync(dir, { recursive: true });
    const pages = await backupDatabase(deps.store.db, path);
    deps.log.info({ path, pages }, 'database backed up');
    return c.json({ path, pages });
  });
}
