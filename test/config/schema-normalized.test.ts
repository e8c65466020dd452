import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLE_CONFIG } from '../../src/config/example-config.js';
import { normalizeConfig } from '../../src/config/normalize.js';
import { configSchema, type JsonSchema } from '../../src/config/schema.js';
import { createValidators } from '../../src/config/validator.js';

/** every leaf key of the schema as a dotted path, except those marked not yet effective (accepted, unused) */
function leaves(schema: JsonSchema, path: string[] = []): string[] {
  if (schema['x-not-yet-effective'] !== undefined) return [];
  const out: string[] = [];
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  const items = schema.items as JsonSchema | undefined;
  const extra = schema.additionalProperties;
  if (props) for (const [k, v] of Object.entries(props)) out.push(...leaves(v, [...path, k]));
  if (items && typeof items === 'object') out.push(...leaves(items, path));
  if (extra && typeof extra === 'object') out.push(...leaves(extra as JsonSchema, path));
  for (const alt of [...((schema.oneOf as JsonSchema[]) ?? []), ...((schema.anyOf as JsonSchema[]) ?? [])]) out.push(...leaves(alt, path));
  if (!props && !items && out.length === 0 && path.length > 0) out.push(path.join('.'));
  return out;
}

/** every key of the normalized config, at any depth */
function keysOf(v: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) keysOf(x, into);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      into.add(k);
      keysOf(x, into);
    }
  }
  return into;
}

const camel = (k: string): string => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Leaves normalized under another name (a unit in the name, or a different shape). */
const RENAMED: Record<string, string> = {
  'app.log_file_rotation.max_size': 'maxSizeMb',
  'app.log_file_rotation.max_age': 'maxAgeDays',
  'storage.held_grace_period': 'heldGraceMs',
  'storage.sqlite.path': 'sqlitePath',
  'tekton.event_listener_url': 'url',
  'discover.org': 'owner',
  'discover.user': 'owner',
  'discover.starred_by': 'owner',
  'discover.group': 'owner',
};

/** Leaves consumed before normalizing, each with where. */
const CONSUMED_ELSEWHERE: Record<string, string> = {
  repositories_config: 'load.ts reads the repositories file; its entries are normalized as `repositories`',
};

/**
 * A leaf is carried when the normalized config has its camelCase name; a duration as `<name>Ms`; a
 * `*_file` secret is read into its base key by the loader (secret-files.ts) before normalizing.
 */
function carried(path: string, normalized: Set<string>): boolean {
  if (RENAMED[path]) return normalized.has(RENAMED[path]);
  const key = camel(path.split('.').at(-1)!);
  if (normalized.has(key) || normalized.has(`${key}Ms`)) return true;
  return key.endsWith('File') && normalized.has(key.slice(0, -'File'.length));
}

/** config.example.yaml plus the list entries it leaves commented out: a mirror trigger, credentials, discover sources */
function everyKey(): Record<string, unknown> {
  const data = parse(EXAMPLE_CONFIG) as Record<string, unknown>;
  data.triggers = [
    ...((data.triggers as unknown[] | null) ?? []),
    { name: 'm', url: 'https://git.example.com/m.git', format: 'mirror', token: 't', username: 'u', prune: false, create: 'gitea', create_token: 'c', max_retry_after: '1m' },
  ];
  data.credentials = [
    { name: 'app', match: { host: 'github.com', owner: 'acme' }, github_app: { app_id: 1, private_key: 'k', installation_id: 2 } },
    { name: 'basic', match: { host: 'git.example.com' }, username: 'u', password: 'p' },
  ];
  data.discover = [
    { name: 'o', provider: 'github', org: 'acme', include: 'a*', exclude: 'b*', archived: true, forks: true, topics: ['t'], include_subgroups: true },
  ];
  // the schema's defaults fill what the entries leave out, as at load; the entries are valid
  expect(createValidators().config(data)).toBe(true);
  return data;
}

describe('config schema → normalized config', () => {
  it('every leaf key of the schema is carried into the normalized config (or listed above with its reason)', () => {
    const file = resolve('config.example.yaml');
    const config = normalizeConfig(everyKey(), [], dirname(file), [file]);
    const normalized = keysOf(config);
    const missing = [...new Set(leaves(configSchema))].filter((path) => !(path in CONSUMED_ELSEWHERE) && !carried(path, normalized));
    expect(missing).toEqual([]);
  });

  it('fails for a leaf that normalize drops', () => {
    const file = resolve('config.example.yaml');
    const normalized = keysOf(normalizeConfig(everyKey(), [], dirname(file), [file]));
    normalized.delete('jitter');
    expect(leaves(configSchema).filter((path) => !carried(path, normalized))).toContain('polling.jitter');
  });
});
