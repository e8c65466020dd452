/** The configured repositories, their poll state and refs; POST …/poll polls one now. */
import type { Hono } from 'hono';
import type { RepositoryConfig } from '../../config/types.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { iso, repositoryJson } from '../serialize.js';

export function registerRepositoryRoutes(app: Hono, deps: ApiDeps): void {
  function find(name: string): RepositoryConfig {
    const repo = deps.config().repositories.find((r) => r.name === name);
    if (!repo) throw new ApiError(404, 'not-found', `no repository named "${name}" is configured`);
    return repo;
  }

  app.get('/api/v1/repositories', (c) => {
    const rows = new Map(deps.store.repositories.list().map((r) => [r.name, r]));
    const waits = (name: string) => deps.scheduler.waitingForBudget?.(name) ?? null;
    return c.json({ repositories: deps.config().repositories.map((repo) => repositoryJson(repo, rows.get(repo.name), waits(repo.name))) });
  });

  app.get('/api/v1/repositories/:name', (c) => {
    const repo = find(c.req.param('name'));
    const row = deps.store.repositories.get(repo.name);
    const refs = row ? deps.store.refs.list(row.id) : [];
    const pick = (kind: 'branch' | 'tag') =>
      refs.filter((r) => r.kind === kind).map((r) => ({ name: r.name, sha: r.sha }));
    return c.json({
      ...repositoryJson(repo, row, deps.scheduler.waitingForBudget?.(repo.name) ?? null),
      baseline_at: iso(row?.baselineAt),
      branches: pick('branch'),
      tags: pick('tag'),
    });
  });

  app.post('/api/v1/repositories/:name/poll', (c) => {
    const repo = find(c.req.param('name'));
    if (!repo.enabled) throw new ApiError(409, 'conflict', `repository "${repo.name}" is disabled (enabled: false)`);
    // answer at once; the outcome shows in the repository's last_status and the log
    deps.scheduler.pollNow(repo.name).catch((err: unknown) => {
      deps.log.warn({ err, repository: repo.name }, 'poll requested through the API failed');
    });
    return c.json({ repository: repo.name, status: 'polling' }, 202);
  });
}
