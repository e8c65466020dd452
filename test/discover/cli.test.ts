/** `reposentry discover --dry-run` and `validate` on discover sources, through the built CLI. */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../cli/run-cli.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { tempDir } from './helpers.js';

const SHA = (n: number) => n.toString(16).padStart(40, '0');
let gh: FakeGithub;
beforeAll(async () => {
  assertBuilt();
  gh = await startFakeGithub({ token: 'sekrit-token' });
  for (let i = 0; i < 130; i++) gh.addRepo({ owner: 'acme', name: `svc-${i}`, branches: { main: SHA(i + 1) } });
  gh.addRepo({ owner: 'acme', name: 'museum', branches: { main: SHA(999) }, archived: true });
});
afterAll(async () => {
  await gh.close();
});

function write(text: string): string {
  const dir = tempDir();
  const file = join(dir, 'config.yaml');
  writeFileSync(file, `app:\n  data_dir: ${JSON.stringify(join(dir, 'data'))}\n${text}`);
  return file;
}

describe('reposentry discover --dry-run', () => {
  it('lists what would be watched, writes nothing and never prints the token', async () => {
    const file = write(`discover:\n  - name: acme\n    org: acme\n    token: \${GH_TOKEN}\n    api_base_url: ${gh.url}\nrepositories:\n  - name: pinned\n    url: https://github.com/acme/svc-7\n    api_base_url: ${gh.url}\n`);
    const run = await runCli(['discover', '--dry-run', '--json', '-c', file], { env: { GH_TOKEN: 'sekrit-token' } });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { sources: Array<{ name: string; status: string; listed: number; watched: Array<{ name: string }>; skipped: Array<{ full_name: string; reason: string }> }>; repositories: { configured: number; discovered: number }; rate_limit_plan: unknown[] };
    expect(out.sources[0]).toMatchObject({ name: 'acme', status: 'ok', listed: 131 });
    expect(out.sources[0].watched).toHaveLength(129);
    expect(out.sources[0].skipped).toEqual(expect.arrayContaining([{ full_name: 'acme/museum', reason: 'archived' }, { full_name: 'acme/svc-7', reason: 'configured' }]));
    expect(out.repositories).toEqual({ configured: 1, discovered: 129 });
    expect(out.rate_limit_plan.length).toBeGreaterThan(0);
    expect(run.stdout + run.stderr).not.toContain('sekrit-token');
    expect(existsSync(join(dirname(file), 'data'))).toBe(false);

    const text = await runCli(['discover', '--dry-run', '-c', file], { env: { GH_TOKEN: 'sekrit-token' } });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('acme: 131 listed, 129 would be watched, 2 skipped');
    expect(text.stdout).toContain('  + acme/svc-0  https://github.com/acme/svc-0');
  });

  it('exits 1 with the reason when a listing fails, and 2 without --dry-run', async () => {
    const file = write(`discover:\n  - name: acme\n    org: acme\n    token: wrong-token\n    api_base_url: ${gh.url}\n`);
    const run = await runCli(['discover', '--dry-run', '-c', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/acme: listing failed: .*401/);
    expect(run.stdout).not.toContain('wrong-token');
    expect((await runCli(['discover', '-c', file])).code).toBe(2);
  });
});

describe('reposentry validate: discover sources', () => {
  it('reports each bad source with FILE:LINE:COL and its path', async () => {
    const file = write([
      'discover:',
      '  - name: a',
      '    org: acme',
      '    user: someone',
      '  - name: b',
      '    provider: gitlab',
      '    group: platform',
      '  - name: c',
      '    provider: gitea',
      '    group: platform',
      '    api_base_url: https://gitea.example.com/api/v1',
      '  - name: a',
      '    starred_by: me',
      '    include: "("',
      '    include_subgroups: true',
      '  - name: e',
      '    interval: often',
      '',
    ].join('\n'));
    const run = await runCli(['validate', '--json', '-c', file]);
    expect(run.code).toBe(2);
    const out = JSON.parse(run.stdout) as { errors: Array<{ path: string; line: number; message: string }> };
    const byPath = (p: string) => out.errors.find((e) => e.path === p);
    expect(byPath('discover[0].user')?.message).toMatch(/only one of org, user, starred_by, group/);
    expect(byPath('discover[1]')?.message).toMatch(/api_base_url/);
    expect(byPath('discover[2].group')?.message).toMatch(/gitea cannot list "group"/);
    expect(byPath('discover[3].name')?.message).toMatch(/duplicate discover source name "a"/);
    expect(byPath('discover[3].include')).toBeDefined();
    expect(byPath('discover[3].include_subgroups')?.message).toMatch(/only to GitLab/);
    expect(byPath('discover[4]')?.message).toMatch(/missing what to list/);
    expect(byPath('discover[4].interval')).toBeDefined();
  });
});
