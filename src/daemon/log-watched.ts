/**
 * What the daemon watches, at info when it starts: one line per repository (up to a limit, then a
 * count, so a fleet of 10,000 does not flood the log) and one per delivery target.
 */
import type { Config, RepositoryConfig } from '../config/types.js';
import { withoutUserinfo } from '../redact.js';
import type { Logger } from '../log.js';
import { formatDuration } from '../api/serialize.js';

/** Repositories logged one by one before the rest are only counted. */
export const WATCHED_LOG_LIMIT = 20;

function hostOf(repo: RepositoryConfig): string {
  // the API's host for the API providers (api.github.com), else the repository's
  return repo.location.apiBaseUrl ? new URL(repo.location.apiBaseUrl).host : repo.location.host;
}

export function logWatched(log: Logger, config: Config, limit = WATCHED_LOG_LIMIT): void {
  const enabled = config.repositories.filter((r) => r.enabled);
  for (const repo of enabled.slice(0, limit)) {
    log.info(
      {
        repo: repo.name,
        provider: repo.provider,
        host: hostOf(repo),
        interval: formatDuration(repo.pollingIntervalMs),
        branches: repo.branchRegex ?? '(all)',
        tags: repo.tagRegex ?? '(not watched)',
        method: repo.provider === 'git' ? 'ls-remote' : 'api',
      },
      'watching repository',
    );
  }
  if (enabled.length > limit) log.info({ more: enabled.length - limit, total: enabled.length }, 'watching more repositories (not listed)');
  const disabled = config.repositories.length - enabled.length;
  if (disabled > 0) log.info({ disabled }, 'repositories disabled (enabled: false)');
  for (const t of config.targets) {
    log.info(
      { target: t.name, format: t.format, url: t.url === 'log:' ? 'log: (stdout)' : withoutUserinfo(t.url), events: t.filter?.events ?? '(all)', signed: t.secret !== undefined },
      'delivery target',
    );
  }
  if (config.targets.length === 0) log.warn('no delivery targets: changes are recorded but delivered nowhere (set tekton.event_listener_url or triggers)');
}
