/** What a reload changes, for the log: repositories added/removed/changed, targets, and keys that need a restart. */
import { isDeepStrictEqual } from 'node:util';
import type { Config } from '../config/types.js';

export interface ConfigChanges {
  added: string[];
  removed: string[];
  changed: string[];
  targetsAdded: string[];
  targetsRemoved: string[];
  targetsChanged: string[];
  /** snake_case config keys whose new value only a restart applies */
  restartNeeded: string[];
  /** other sections that changed (polling, rate_limit, webhooks, api.auth_token, log_level …) */
  otherChanged: string[];
}

function byName<T extends { name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.name, i]));
}

function compare<T extends { name: string }>(before: readonly T[], after: readonly T[]) {
  const a = byName(before);
  const b = byName(after);
  return {
    added: [...b.keys()].filter((n) => !a.has(n)),
    removed: [...a.keys()].filter((n) => !b.has(n)),
    changed: [...b.keys()].filter((n) => a.has(n) && !isDeepStrictEqual(a.get(n), b.get(n))),
  };
}

export function diffConfig(before: Config, after: Config): ConfigChanges {
  const repos = compare(before.repositories, after.repositories);
  const targets = compare(before.targets, after.targets);
  const restart: Array<[string, unknown, unknown]> = [
    ['app.health_check_port', before.app.healthCheckPort, after.app.healthCheckPort],
    ['api.listen', before.api.listen, after.api.listen],
    ['app.data_dir', before.app.dataDir, after.app.dataDir],
    ['storage.sqlite.path', before.storage.sqlitePath, after.storage.sqlitePath],
    ['app.log_file', before.app.logFile, after.app.logFile],
    ['app.log_file_rotation', before.app.logFileRotation, after.app.logFileRotation],
    ['app.log_format', before.app.logFormat, after.app.logFormat],
  ];
  const other: Array<[string, unknown, unknown]> = [
    ['polling', before.polling, after.polling],
    ['rate_limit', before.rateLimit, after.rateLimit],
    ['webhooks', before.webhooks, after.webhooks],
    ['api.auth_token', before.api.authToken, after.api.authToken],
    ['app.log_level', before.app.logLevel, after.app.logLevel],
    ['security', before.security, after.security],
    ['credentials', before.credentials ?? [], after.credentials ?? []],
    ['storage.held_grace_period', before.storage.heldGraceMs, after.storage.heldGraceMs],
    ['discover', before.discover ?? [], after.discover ?? []],
    ['storage.retention', before.storage.retentionMs, after.storage.retentionMs],
    ['http', before.http ?? {}, after.http ?? {}],
    ['api.ui', before.api.ui ?? true, after.api.ui ?? true],
    ['enrich', before.enrich ?? null, after.enrich ?? null],
    ['app.name', before.app.name, after.app.name],
  ];
  const differs = ([, x, y]: [string, unknown, unknown]) => !isDeepStrictEqual(x, y);
  const otherChanged = other.filter(differs).map(([k]) => k);
  const listed = [repos.added, repos.removed, repos.changed, targets.added, targets.removed, targets.changed, restart.filter(differs), otherChanged];
  // a difference no list above names must still be applied: a reload that reports "nothing changed" keeps the old config
  if (listed.every((l) => l.length === 0) && !isDeepStrictEqual(before, after)) otherChanged.push('other settings');
  return {
    added: repos.added,
    removed: repos.removed,
    changed: repos.changed,
    targetsAdded: targets.added,
    targetsRemoved: targets.removed,
    targetsChanged: targets.changed,
    restartNeeded: restart.filter(differs).map(([k]) => k),
    otherChanged,
  };
}

export function hasChanges(c: ConfigChanges): boolean {
  return Object.values(c).some((list) => list.length > 0);
}
