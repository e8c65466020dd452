/**
 * Install paths and self-contained docs: the package built before it is packed (prepack) and
 * carrying dist/; the docs citing no file outside the repository; the Tekton kustomization and
 * docs/tekton.md naming the same namespace.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/run-cli.js';
import { readYamlDocs, repoPath, ROOT } from './helpers.js';

function docs(): Array<{ file: string; text: string }> {
  const files = ['README.md', ...readdirSync(repoPath('docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  return files.map((file) => ({ file, text: readFileSync(repoPath(file), 'utf8') }));
}

describe('the npm package', () => {
  it('builds dist before it is packed, and the packed files carry dist, bin and migrations (no sources or tests)', () => {
    const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepack).toBe('npm run build && node scripts/stage-runtime-modules.mjs');
    assertBuilt();
    // --ignore-scripts: the build already ran (rebuilding dist here would pull it from under other tests)
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [packed] = JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>;
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['dist/cli.js', 'bin/reposentry', 'migrations/0001_init.sql', 'config.example.yaml']));
    expect(paths.filter((p) => p.startsWith('src/') || p.startsWith('test/'))).toEqual([]);
  });
});

describe('the bundle', () => {
  it('imports better-sqlite3 from node_modules rather than bundling it (its addon loader needs its own folder)', () => {
    assertBuilt();
    const dist = repoPath('dist');
    const code = readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => readFileSync(`${dist}/${f}`, 'utf8')).join('\n');
    expect(code).toMatch(/from\s*["']better-sqlite3["']/);
    // bindings is what better-sqlite3 requires at run time; bundled, it fails with "__filename is not defined"
    expect(code).not.toContain('Could not find module root given file');
  });
});

describe('the docs', () => {
  it('cite no file outside the repository (no design-contract section numbers)', () => {
    const cites = docs().flatMap(({ file, text }) => text.split('\n').map((line, i) => ({ file, line: i + 1, text: line })))
      .filter((l) => /\bDESIGN\b|\/work\/|STYLE\.md/.test(l.text));
    expect(cites).toEqual([]);
  });

  it('docs/tekton.md uses the namespace deployments/tekton/kustomization.yaml sets', () => {
    const [kustomization] = readYamlDocs(repoPath('deployments/tekton/kustomization.yaml')) as Array<{ namespace: string }>;
    const ns = kustomization.namespace;
    const text = readFileSync(repoPath('docs/tekton.md'), 'utf8');
    const namespaces = [
      ...[...text.matchAll(/kubectl (?:-n|--namespace) (\S+)/g)].map((m) => m[1]),
      ...[...text.matchAll(/el-reposentry[\w-]*\.([\w-]+)\.svc/g)].map((m) => m[1]),
      ...[...text.matchAll(/kubectl create namespace (\S+)/g)].map((m) => m[1]),
    ];
    expect(namespaces.length).toBeGreaterThan(3);
    expect(namespaces.filter((n) => n !== ns)).toEqual([]);
  });
});
