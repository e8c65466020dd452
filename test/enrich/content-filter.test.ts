import { describe, expect, it } from 'vitest';
import { contentFilterReason } from '../../src/delivery/content-filter.js';
import { pushFullName } from '../../src/delivery/formats/github.js';
import type { EnrichmentOk } from '../../src/enrich/types.js';
import { globProblem } from '../../src/config/glob.js';
import { loadConfigText } from '../../src/config/load.js';

function ok(files: string[], over: Partial<EnrichmentOk> = {}): EnrichmentOk {
  const person = { name: 'a', email: 'a@x', date: '2025-01-01T00:00:00Z' };
  return {
    status: 'ok', source: 'git', commits: [], totalCommits: 1, changedFiles: { files, truncated: false }, forced: false,
    headCommit: { id: 'a'.repeat(40), message: 'work', author: person, committer: person, url: '', added: [], modified: [], removed: [] },
    range: 'before', filesPerCommit: true, ...over,
  };
}

describe('content filters', () => {
  it('paths: passes when one changed file matches; globs cross directories and match dotfiles', () => {
    expect(contentFilterReason({ paths: ['services/api/**'] }, ok(['README.md', 'services/api/x/y.ts']))).toBeUndefined();
    expect(contentFilterReason({ paths: ['services/api/**'] }, ok(['services/web/a.ts']))).toMatch(/^paths:/);
    expect(contentFilterReason({ paths: ['.github/**'] }, ok(['.github/workflows/ci.yml']))).toBeUndefined();
    expect(contentFilterReason({ paths: ['src/**'] }, ok([]))).toMatch(/^paths: none of the 0/);
  });

  it('a glob naming a directory matches everything under it, as a git pathspec and Concourse paths do', () => {
    // before the fix `paths: [services/api]` matched no file, so every change was filtered out
    expect(contentFilterReason({ paths: ['services/api'] }, ok(['services/api/x/y.ts']))).toBeUndefined();
    expect(contentFilterReason({ paths: ['services/api/'] }, ok(['services/api/main.go']))).toBeUndefined();
    expect(contentFilterReason({ paths: ['services/api'] }, ok(['services/api2/main.go']))).toMatch(/^paths:/);
    expect(contentFilterReason({ paths: ['services/*'] }, ok(['services/web/a.ts']))).toBeUndefined();
    expect(contentFilterReason({ paths: ['Makefile'] }, ok(['Makefile']))).toBeUndefined();
    expect(contentFilterReason({ ignorePaths: ['docs'] }, ok(['docs/a.md', 'docs/b/c.png']))).toMatch(/^ignore_paths:/);
    expect(contentFilterReason({ ignorePaths: ['docs'] }, ok(['docs/a.md', 'src/a.ts']))).toBeUndefined();
  });

  it('ignore_paths: drops only when every changed file is ignored', () => {
    expect(contentFilterReason({ ignorePaths: ['**/*.md'] }, ok(['a.md', 'docs/b.md']))).toMatch(/^ignore_paths:/);
    expect(contentFilterReason({ ignorePaths: ['**/*.md'] }, ok(['a.md', 'src/b.ts']))).toBeUndefined();
    expect(contentFilterReason({ paths: ['src/**'], ignorePaths: ['**/*.md'] }, ok(['src/readme.md']))).toMatch(/^ignore_paths:/);
  });

  it('missing information never filters out: unavailable, absent, or a truncated list', () => {
    const f = { paths: ['src/**'], ignorePaths: ['**'], skipCi: true, forced: 'only' as const };
    expect(contentFilterReason(f, { status: 'unavailable', reason: 'timed out after 10 ms' })).toBeUndefined();
    expect(contentFilterReason(f, undefined)).toBeUndefined();
    expect(contentFilterReason({ paths: ['src/**'] }, ok(['docs/a.md'], { changedFiles: { files: ['docs/a.md'], truncated: true } }))).toBeUndefined();
  });

  it('skip_ci: default markers case-insensitively, a custom list, off when false or absent', () => {
    const msg = (message: string) => ok(['a'], { headCommit: { ...ok([]).headCommit!, message } });
    expect(contentFilterReason({ skipCi: true }, msg('docs\n\n[CI SKIP]'))).toBe('skip_ci: the head commit message contains [ci skip]');
    expect(contentFilterReason({ skipCi: true }, msg('***NO_CI*** bump'))).toMatch(/NO_CI/);
    expect(contentFilterReason({ skipCi: ['[wip]'] }, msg('[wip] x'))).toMatch(/\[wip\]/);
    expect(contentFilterReason({ skipCi: ['[wip]'] }, msg('[skip ci] x'))).toBeUndefined();
    expect(contentFilterReason({ skipCi: false }, msg('[skip ci] x'))).toBeUndefined();
  });

  it('skip_ci: on by default for branch events only; false turns it off; explicit true or a list applies to tags too', () => {
    const msg = (message: string) => ok(['a'], { headCommit: { ...ok([]).headCommit!, message } });
    const skip = msg('chore(release): 1.2.0 [skip ci]');
    expect(contentFilterReason({}, skip, 'branch_updated')).toBe('skip_ci: the head commit message contains [skip ci]');
    expect(contentFilterReason(undefined, skip, 'branch_created')).toBe('skip_ci: the head commit message contains [skip ci]');
    expect(contentFilterReason(undefined, msg('work'), 'branch_updated')).toBeUndefined();
    expect(contentFilterReason({}, skip, 'tag_created')).toBeUndefined();
    expect(contentFilterReason(undefined, skip, 'tag_updated')).toBeUndefined();
    expect(contentFilterReason({ skipCi: false }, skip, 'branch_updated')).toBeUndefined();
    expect(contentFilterReason({ skipCi: true }, skip, 'tag_created')).toMatch(/^skip_ci:/);
    expect(contentFilterReason({ skipCi: ['[skip ci]'] }, skip, 'tag_created')).toMatch(/^skip_ci:/);
  });

  it('forced: only and exclude', () => {
    expect(contentFilterReason({ forced: 'only' }, ok(['a'], { forced: true }))).toBeUndefined();
    expect(contentFilterReason({ forced: 'exclude' }, ok(['a'], { forced: true }))).toMatch(/^forced:/);
    expect(contentFilterReason({ forced: 'any' }, ok(['a'], { forced: true }))).toBeUndefined();
  });

  it('validate explains bad globs', () => {
    expect(globProblem('src/[abc')).toMatch(/invalid glob "src\/\[abc"/);
    expect(globProblem('/src/**')).toMatch(/relative to the repository root/);
    expect(globProblem('src/**/*.{ts,js}')).toBeUndefined();
  });
});

describe('github payload full_name', () => {
  it('is always owner/name, also for single-segment and file repositories', () => {
    const base = { provider: 'git' as const, cloneUrl: '' };
    expect(pushFullName({ ...base, organization: '', name: 'app', fullName: 'app', url: 'https://git.example.com/app' }).fullName).toBe('git.example.com/app');
    expect(pushFullName({ ...base, organization: 'acme', name: 'app', fullName: 'acme/app', url: 'https://git.example.com/acme/app' }).fullName).toBe('acme/app');
    expect(pushFullName({ ...base, organization: '', name: 'app', fullName: 'app', url: 'file:///srv/app' }).fullName).toBe('local/app');
  });
});

describe('validate', () => {
  it('reports a bad glob at its line and warns when filters are set but enrichment is off', async () => {
    const text = [
      'enrich: { enabled: false }',
      'triggers:',
      '  - name: a',
      '    url: http://127.0.0.1:9/',
      '    filter: { paths: ["src/[x"], skip_ci: true }',
      'repositories:',
      '  - name: r',
      '    url: https://github.com/o/r',
      '    enrich: false',
      '',
    ].join('\n');
    const r = await loadConfigText(text, '/cfg/config.yaml', { env: {} });
    expect(r.errors).toEqual([expect.objectContaining({ path: 'triggers[0].filter.paths[0]', line: 5, message: expect.stringMatching(/invalid glob "src\/\[x"/) })]);
    expect(r.warnings).toEqual([expect.objectContaining({ path: 'triggers[0].filter', message: expect.stringMatching(/need enrichment/) })]);
    const good = await loadConfigText(text.replace('src/[x', 'src/**'), '/cfg/config.yaml', { env: {} });
    expect(good.config?.enrich).toEqual({ enabled: false, maxCommits: 20, maxFiles: 3000, timeoutMs: 10_000 });
    expect(good.config?.repositories[0].enrich).toBe(false);
    expect(good.config?.targets[0].filter).toMatchObject({ paths: ['src/**'], skipCi: true });
  });
});
