import type { TargetConfig } from '../config/types.js';
import type { Enrichment } from '../enrich/types.js';
import type { EventType } from '../types.js';
import { contentFilterReason } from './content-filter.js';

/**
 * Names of the targets an event goes to: a target without a filter takes every event;
 * `filter.repositories` are regexes tested unanchored against the repository name (any match),
 * `filter.events` lists the event types it wants.
 */
export function matchTargets(
  targets: readonly TargetConfig[],
  event: { repositoryName: string; type: EventType },
): string[] {
  return targets
    .filter((t) => {
      const repos = t.filter?.repositories;
      if (repos && repos.length > 0 && !repos.some((r) => new RegExp(r).test(event.repositoryName))) return false;
      const events = t.filter?.events;
      if (events && events.length > 0 && !events.includes(event.type)) return false;
      return true;
    })
    .map((t) => t.name);
}

/** A delivery to create: `filtered` is the reason a content filter kept the event from the target. */
export interface Route {
  target: string;
  filtered?: string;
}

/**
 * The deliveries of an event: targets whose repository and event filters match (the others get
 * no delivery at all, as before), each with the reason its content filter (paths, ignore_paths,
 * skip_ci, forced) keeps the event from it, if any. skip_ci is on by default for branch events,
 * so a target without a filter can have a filtered delivery too.
 */
export function routeEvent(
  targets: readonly TargetConfig[],
  event: { repositoryName: string; type: EventType; enrichment?: Enrichment },
): Route[] {
  const names = new Set(matchTargets(targets, event));
  return targets
    .filter((t) => names.has(t.name))
    .map((t) => {
      const filtered = contentFilterReason(t.filter, event.enrichment, event.type);
      return filtered ? { target: t.name, filtered } : { target: t.name };
    });
}
