import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG } from '../../src/config/example-config.js';
import { loadConfig } from '../../src/config/load.js';
import { renderConfigReference } from '../../src/config/reference.js';
import { configSchema } from '../../src/config/schema.js';

// `npm run docs:config` sets this to rewrite the generated files instead of comparing them.
const UPDATE = process.env.REPOSENTRY_UPDATE_DOCS === '1';
const REGENERATE = 'run `npm run docs:config` to regenerate it';

async function expectFile(file: string, expected: string): Promise<void> {
  if (UPDATE) await writeFile(file, expected);
  const actual = await readFile(file, 'utf8').catch(() => '');
  expect(actual, `${file} is out of date; ${REGENERATE}`).toBe(expected);
}

describe('generated configuration docs', () => {
  it('docs/configuration.md is rendered from the schema', async () => {
    await expectFile('docs/configuration.md', renderConfigReference());
  });

  it('config.example.yaml is the text `reposentry init` writes', async () => {
    await expectFile('config.example.yaml', EXAMPLE_CONFIG);
  });

  it('the reference names every top-level key and the not-yet-effective ones', () => {
    const doc = renderConfigReference();
    for (const key of Object.keys(configSchema.properties as object)) expect(doc).toContain(`| \`${key}\` |`);
    expect(doc).toContain('- `storage.sqlite.max_connections`');
    expect(doc).toContain('- `global_settings.default_webhook_enabled`');
  });

  it('config.example.yaml is valid and sets every top-level key', async () => {
    const r = await loadConfig('config.example.yaml', { env: { GITHUB_TOKEN: 't', GITLAB_TOKEN: 't' }, strict: true });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const keys = Object.keys(configSchema.properties as object).filter((k) => k !== 'repositories_config');
    for (const key of keys) expect(EXAMPLE_CONFIG).toMatch(new RegExp(`^${key}:`, 'm'));
    expect(EXAMPLE_CONFIG).toMatch(/^# repositories_config:/m);
  });
});
