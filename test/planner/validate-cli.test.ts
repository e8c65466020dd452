import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../cli/run-cli.js';

describe('reposentry validate: rate-limit plan', () => {
  let dir: string;
  let overBudget: string;
  let withinBudget: string;

  function write(name: string, repositories: number): string {
    const lines = ['polling:', '  interval: 1m', 'repositories:'];
    for (let i = 0; i < repositories; i++) lines.push(`  - name: r${i}`, `    url: https://github.com/acme/r${i}`);
    const file = path.join(dir, name);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  }

  beforeAll(() => {
    assertBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'reposentry-plan-'));
    overBudget = write('over.yaml', 1200);
    withinBudget = write('within.yaml', 10);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('warns, with the achievable interval, when the intervals ask for more than the budget allows', async () => {
    const r = await runCli(['validate', '-c', overBudget]);
    expect(r.code).toBe(0);
    // line 3: the repositories key
    expect(r.stdout).toMatch(/over\.yaml:3:1 {2}repositories {2}warning: rate limits: api\.github\.com \(1200 repositories/);
    expect(r.stdout).toContain('REST needs 1,200 requests/minute but GitHub');
    expect(r.stdout).toContain('expect about every 1m20s');
    expect(r.stdout).toContain('valid, 1 warning');
  });

  it('makes the warning fatal under --strict, and lists it in --json', async () => {
    const strict = await runCli(['validate', '-c', overBudget, '--strict']);
    expect(strict.code).not.toBe(0);
    const json = JSON.parse((await runCli(['validate', '-c', overBudget, '--json'])).stdout) as { valid: boolean; warnings: Array<{ path: string; message: string }> };
    expect(json.valid).toBe(true);
    expect(json.warnings.map((w) => w.path)).toEqual(['repositories']);
  });

  it('points at the repositories key however the file writes it', async () => {
    const repos = Array.from({ length: 1200 }, (_, i) => `{name: r${i}, url: "https://github.com/acme/r${i}"}`).join(', ');
    const flow = path.join(dir, 'flow.yaml');
    writeFileSync(flow, `{polling: {interval: 1m},\n  repositories: [${repos}]}\n`);
    expect((await runCli(['validate', '-c', flow])).stdout).toMatch(/flow\.yaml:2:3 {2}repositories {2}warning: rate limits:/);
    const quoted = path.join(dir, 'quoted.yaml');
    writeFileSync(quoted, `# fleet\npolling:\n  interval: 1m\n"repositories" :\n${Array.from({ length: 1200 }, (_, i) => `  - {name: r${i}, url: "https://github.com/acme/r${i}"}`).join('\n')}\n`);
    expect((await runCli(['validate', '-c', quoted])).stdout).toMatch(/quoted\.yaml:4:1 {2}repositories {2}warning: rate limits:/);
  });

  it('says nothing when the budget suffices', async () => {
    const r = await runCli(['validate', '-c', withinBudget]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('rate limits');
  });
});
