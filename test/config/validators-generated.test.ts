import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configSchema, repositoriesFileSchema } from '../../src/config/schema.js';
import { createValidators } from '../../src/config/validator.js';
import { compileValidators, standaloneValidatorsSource } from '../../src/config/validator-compile.js';

const generatedFile = fileURLToPath(new URL('../../src/config/validators.generated.ts', import.meta.url));

/** a fresh copy: validation fills in defaults */
const copy = <T>(v: T): T => structuredClone(v);

// Values with something wrong for every kind of check the schema has, custom keywords included.
const CONFIGS: unknown[] = [
  {},
  { polling: { interval: '5m', timeout: 30, jitter: 0.2 }, repositories: [{ name: 'a', url: 'https://github.com/o/a' }] },
  { polling: { interval: '-5m' } },
  { polling: { interval: '0s', timeout: 'soon' } },
  { security: { credential_check_interval: 0 } },
  { storage: { retention: '1h30x' } },
  { repositories: [{ name: 'a', url: 'https://github.com/o/a', branch_regex: '(', tag_regex: '[' }] },
  { repositories: [{ name: '', url: 5, provider: 'bitbucket', brnach_regex: 'x' }] },
  { tekton: { event_listener_url: 'http://el', filter: { paths: ['/abs', ' x', 'src/**', '[a'], repositories: ['('] } } },
  { triggers: [{ name: 't', format: 'webhook', timeout: '1z' }], app: { health_check_port: 70000 } },
  { app: 'nope', polling: [] },
  { discover: [{ name: 'd', include: '(', interval: 0 }] },
];

describe('the precompiled config validators (validators.generated.ts)', () => {
  it('are current: generating them from schema.ts gives the committed file (else run npm run build)', () => {
    expect(readFileSync(generatedFile, 'utf8') === standaloneValidatorsSource(), 'src/config/validators.generated.ts is stale: run node scripts/gen-config-validator.mjs').toBe(true);
  });

  it('would be reported stale after a change to the schema', () => {
    const changed = copy(configSchema) as { properties: { polling: { properties: { interval: { default: string } } } } };
    changed.properties.polling.properties.interval.default = '6m';
    expect(standaloneValidatorsSource({ config: changed, repositoriesFile: repositoriesFileSchema })).not.toBe(readFileSync(generatedFile, 'utf8'));
  });

  it('make npm run typecheck fail when the committed file is stale (it rewrites it, then fails once), so a stale copy cannot be landed', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    // the generator step of typecheck, run as typecheck runs it, in a copy of the tree
    const step = scripts.typecheck.split('&&')[0].trim().split(/\s+/);
    expect(step.slice(0, 2)).toEqual(['node', 'scripts/gen-config-validator.mjs']);
    const copy = mkdtempSync(path.join(tmpdir(), 'reposentry-gen-'));
    try {
      mkdirSync(path.join(copy, 'scripts'));
      cpSync(path.join(root, 'scripts', 'gen-config-validator.mjs'), path.join(copy, 'scripts', 'gen-config-validator.mjs'));
      cpSync(path.join(root, 'src'), path.join(copy, 'src'), { recursive: true });
      symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
      const copied = path.join(copy, 'src', 'config', 'validators.generated.ts');
      writeFileSync(copied, readFileSync(generatedFile, 'utf8').replace('"default":"5m"', '"default":"4m"'));
      const run = () => spawnSync(process.execPath, step.slice(1), { cwd: copy, encoding: 'utf8' });
      const stale = run();
      expect(stale.status, stale.stderr).toBe(1);
      expect(stale.stderr).toMatch(/stale.*commit the regenerated file/);
      expect(readFileSync(copied, 'utf8')).toBe(readFileSync(generatedFile, 'utf8'));
      const current = run();
      expect(current.status, current.stderr).toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('answer as the schema compiled now does: verdict, errors (custom keywords included) and the defaults filled in', () => {
    const generated = createValidators();
    const compiled = compileValidators();
    for (const value of CONFIGS) {
      const a = copy(value);
      const b = copy(value);
      const ok = generated.config(a);
      expect(ok, JSON.stringify(value)).toBe(compiled.config(b));
      expect(generated.config.errors ?? null).toEqual(compiled.config.errors ?? null);
      expect(a).toEqual(b);
    }
    const file = { global_settings: { default_polling_enabled: 'yes' }, repositories: [{ name: 'r', url: 'https://x/o/r', polling_interval: 'never' }] };
    expect(generated.repositoriesFile(copy(file))).toBe(false);
    expect(compiled.repositoriesFile(copy(file))).toBe(false);
    expect(generated.repositoriesFile.errors).toEqual(compiled.repositoriesFile.errors);
  });

  it('report the custom keywords with their own messages', () => {
    const v = createValidators().config;
    expect(v({ polling: { interval: '0s' }, repositories: [{ name: 'a', url: 'https://github.com/o/a', branch_regex: '(' }] })).toBe(false);
    const messages = (v.errors ?? []).map((e) => [e.keyword, e.instancePath, e.message]);
    expect(messages).toContainEqual(['x-duration', '/polling/interval', 'must be a positive duration, got "0s"']);
    expect(messages).toContainEqual(['x-regex', '/repositories/0/branch_regex', 'invalid regular expression: /(/: Unterminated group']);
  });
});
