// The config files shipped with the deployments, checked by the built CLI's `validate`
// (run `npx tsup` first; bin/reposentry imports dist/cli.js).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readYamlDocs, referencedEnvVars, repoPath, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'reposentry-configs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configMapConfig(): string {
  const docs = readYamlDocs(repoPath('deployments/kubernetes/configmap.yaml'));
  const file = join(dir, 'configmap-config.yaml');
  writeFileSync(file, (docs[0].data as Record<string, string>)['config.yaml']);
  return file;
}

const CONFIGS: Array<[string, () => string]> = [
  ['deployments/docker/config.yaml', () => repoPath('deployments/docker/config.yaml')],
  ['the Kubernetes ConfigMap config.yaml', configMapConfig],
  ['systemd/config.yaml', () => repoPath('systemd/config.yaml')],
];

const TOKENS = { GITHUB_TOKEN: 'ghp_example', TEKTON_SECRET: 'example-secret', REPOSENTRY_API_TOKEN: 'example-api-token' };

describe.each(CONFIGS)('%s', (_name, path) => {
  it('is valid under --strict with the tokens its deployment provides', () => {
    const file = path();
    const res = runCli(['validate', '--strict', '--json', '-c', file], TOKENS, dir);
    expect(JSON.parse(res.stdout)).toEqual({ valid: true, errors: [], warnings: [] });
    expect(res.status).toBe(0);
  });

  it('is refused, naming each variable, when the tokens are missing', () => {
    const file = path();
    const res = runCli(['validate', '--json', '-c', file], {}, dir);
    expect(res.status).toBe(2);
    const report = JSON.parse(res.stdout) as { errors: Array<{ message: string }> };
    const needed = referencedEnvVars(readFileSync(file, 'utf8'));
    expect(needed.length).toBeGreaterThan(0);
    for (const name of needed) expect(report.errors.some((e) => e.message.includes(name)), name).toBe(true);
  });
});

describe('container config', () => {
  it('is found through REPOSENTRY_CONFIG, as the image CMD (no -c) relies on', () => {
    const res = runCli(['validate'], { ...TOKENS, REPOSENTRY_CONFIG: repoPath('deployments/docker/config.yaml') }, dir);
    expect(res.stdout).toContain('deployments/docker/config.yaml: valid');
    expect(res.status).toBe(0);
  });
});
