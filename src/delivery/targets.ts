import type { TargetConfig } from '../config/types.js';
import type { EventType } from '../types.js';

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
