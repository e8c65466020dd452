/**
 * Queues each mirror target's initial sync of each repository it mirrors, once: when the repository
 * is baselined (the daemon calls this after a baseline poll), when a mirror target is added to an
 * already baselined repository (at start and on reload), and at a start that finds one never queued
 * (an upgrade, or a crash between the baseline and this). A repository not yet baselined has no
 * refs to push: its baseline queues it.
 */
import { metaFromLocation } from '../../config/repo-meta.js';
import type { Config, TargetConfig } from '../../config/types.js';
import { eventId } from '../../events/id.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/index.js';
import { MIRROR_SYNC, ZERO_SHA } from '../../types.js';

/** the ref name a sync event carries: it covers every watched ref */
export const SYNC_REF_NAME = '*';

export interface SyncQueueDeps {
  store: Store;
  config(): Config;
  now(): number;
  log: Logger;
}

function mirrors(target: TargetConfig, repository: string): boolean {
  const repos = target.filter?.repositories;
  return !repos || repos.length === 0 || repos.some((r) => new RegExp(r).test(repository));
}

/** Queues what is missing (of one repository when `only` is given); returns how many were queued. */
export function queueMirrorSyncs(deps: SyncQueueDeps, only?: string): number {
  const config = deps.config();
  const targets = config.targets.filter((t) => t.format === 'mirror');
  if (targets.length === 0) return 0;
  let queued = 0;
  for (const repo of config.repositories) {
    if (only !== undefined && repo.name !== only) continue;
    const wanting = targets.filter((t) => mirrors(t, repo.name) && !deps.store.mirror.syncQueued(t.name, repo.name));
    if (wanting.length === 0) continue;
    const row = deps.store.repositories.get(repo.name);
    if (!row || row.baselineAt === null) continue;
    for (const t of wanting) {
      const at = deps.now();
      const event = {
        // unique per target, repository and time: a sync is queued once per (target, repository)
        id: eventId({ repositoryUrl: repo.url, ref: `mirror-sync\n${t.name}\n${repo.name}`, before: ZERO_SHA, after: ZERO_SHA, transition: at }),
        type: MIRROR_SYNC as typeof MIRROR_SYNC,
        repositoryId: row.id,
        repositoryName: repo.name,
        repositoryUrl: repo.url,
        provider: repo.provider,
        refKind: 'branch' as const,
        refName: SYNC_REF_NAME,
        before: ZERO_SHA,
        after: ZERO_SHA,
        detectedAt: at,
        data: { repository: row.meta ?? metaFromLocation(repo.provider, repo.location) },
      };
      if (deps.store.queueMirrorSync({ event, target: t.name, at })) {
        queued++;
        deps.log.info({ repo: repo.name, target: t.name, event: event.id }, 'mirror initial sync queued');
      }
    }
  }
  return queued;
}
