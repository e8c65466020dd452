import { describe, expect, it } from 'vitest';
import { compileFilters, diffRefs, type FetchedRefs, type RefFilters } from '../../src/poller/diff.js';
import { ZERO_SHA, type Ref } from '../../src/types.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const D = 'd'.repeat(40);

function br(name: string, sha: string): Ref {
  return { kind: 'branch', name, sha };
}
function tg(name: string, sha: string): Ref {
  return { kind: 'tag', name, sha };
}

interface Case {
  name: string;
  stored: Ref[];
  fetched: FetchedRefs;
  filters?: RefFilters;
  /** "type name before after" with shas abbreviated to their first letter, 0 = ZERO_SHA */
  changes: string[];
  upserts?: string[];
  deletes?: string[];
  suspicious?: string[];
}

function short(sha: string): string {
  return sha === ZERO_SHA ? '0' : sha[0];
}

const cases: Case[] = [
  { name: 'nothing stored, nothing listed', stored: [], fetched: { branches: [] }, changes: [], upserts: [], deletes: [] },
  { name: 'new branch', stored: [], fetched: { branches: [br('main', A)] }, changes: ['branch_created main 0 a'], upserts: ['branch main a'] },
  { name: 'same sha: no change, no write', stored: [br('main', A)], fetched: { branches: [br('main', A)] }, changes: [], upserts: [], deletes: [] },
  { name: 'moved branch', stored: [br('main', A)], fetched: { branches: [br('main', B)] }, changes: ['branch_updated main a b'], upserts: ['branch main b'] },
  { name: 'force-push looks like any move', stored: [br('main', C)], fetched: { branches: [br('main', A)] }, changes: ['branch_updated main c a'], upserts: ['branch main a'] },
  { name: 'deleted branch among others', stored: [br('main', A), br('dev', B)], fetched: { branches: [br('main', A)] }, changes: ['branch_deleted dev b 0'], upserts: [], deletes: ['branch dev'] },
  { name: 'create, update and delete in one listing, sorted by name', stored: [br('b', A), br('c', B)], fetched: { branches: [br('c', C), br('a', D)] },
    changes: ['branch_created a 0 d', 'branch_deleted b a 0', 'branch_updated c b c'], upserts: ['branch c c', 'branch a d'], deletes: ['branch b'] },
  { name: 'empty branch listing with stored branches never deletes', stored: [br('main', A), br('dev', B)], fetched: { branches: [] },
    changes: [], upserts: [], deletes: [], suspicious: ['branch'] },
  { name: 'unchanged branches yield nothing', stored: [br('main', A)], fetched: { branches: 'unchanged' }, changes: [], upserts: [], deletes: [] },
  { name: 'unchanged branches with nothing stored yield nothing', stored: [], fetched: { branches: 'unchanged' }, changes: [] },
  { name: 'branch regex: non-matching new branch stored silently', stored: [], fetched: { branches: [br('main', A), br('feature/x', B)] }, filters: { branchRegex: '^main$' },
    changes: ['branch_created main 0 a'], upserts: ['branch main a', 'branch feature/x b'] },
  { name: 'branch regex: non-matching moved branch updated silently', stored: [br('feature/x', A)], fetched: { branches: [br('feature/x', B)] }, filters: { branchRegex: '^main$' },
    changes: [], upserts: ['branch feature/x b'] },
  { name: 'branch regex: non-matching deleted branch dropped silently', stored: [br('main', A), br('feature/x', A)], fetched: { branches: [br('main', A)] }, filters: { branchRegex: '^main$' },
    changes: [], deletes: ['branch feature/x'] },
  { name: 'regex is unanchored', stored: [], fetched: { branches: [br('my-release-1', A)] }, filters: { branchRegex: 'release' }, changes: ['branch_created my-release-1 0 a'] },
  { name: 'anchored regex does not match a substring', stored: [], fetched: { branches: [br('my-release-1', A)] }, filters: { branchRegex: '^release' }, changes: [] },
  { name: 'alternation regex from the original config', stored: [], fetched: { branches: [br('main', A), br('release/1.0', B), br('dev', C)] }, filters: { branchRegex: '^(main|release/.*)$' },
    changes: ['branch_created main 0 a', 'branch_created release/1.0 0 b'] },
  { name: 'ref leaving the filter (regex changed) is not a deletion', stored: [br('main', A), br('dev', B)], fetched: { branches: [br('main', A), br('dev', B)] }, filters: { branchRegex: '^main$' },
    changes: [], upserts: [], deletes: [] },
  { name: 'ref entering the filter unchanged is silent', stored: [br('main', A), br('dev', B)], fetched: { branches: [br('main', A), br('dev', B)] }, filters: { branchRegex: 'dev' },
    changes: [] },
  { name: 'ref entering the filter after moving is an update', stored: [br('dev', B)], fetched: { branches: [br('dev', C)] }, filters: { branchRegex: 'dev' },
    changes: ['branch_updated dev b c'] },
  { name: 'empty branch regex means every branch', stored: [], fetched: { branches: [br('x', A)] }, filters: { branchRegex: '' }, changes: ['branch_created x 0 a'] },
  { name: 'tags ignored without tag regex even when listed', stored: [], fetched: { branches: [], tags: [tg('v1', A)] }, changes: [], upserts: [] },
  { name: 'stored tags dropped silently when tags are not watched', stored: [br('main', A), tg('v1', B)], fetched: { branches: [br('main', A)] },
    changes: [], deletes: ['tag v1'] },
  { name: 'stored tags dropped silently even when branches are unchanged', stored: [tg('v1', B)], fetched: { branches: 'unchanged' }, changes: [], deletes: ['tag v1'] },
  { name: 'new tag', stored: [], fetched: { branches: [], tags: [tg('v1.0', A)] }, filters: { tagRegex: '^v' }, changes: ['tag_created v1.0 0 a'], upserts: ['tag v1.0 a'] },
  { name: 'moved tag', stored: [tg('v1.0', A)], fetched: { branches: 'unchanged', tags: [tg('v1.0', B)] }, filters: { tagRegex: '^v' }, changes: ['tag_updated v1.0 a b'] },
  { name: 'deleted tag', stored: [tg('v1.0', A), tg('v2.0', B)], fetched: { branches: 'unchanged', tags: [tg('v2.0', B)] }, filters: { tagRegex: '^v' },
    changes: ['tag_deleted v1.0 a 0'], deletes: ['tag v1.0'] },
  { name: 'tag regex filters tag events', stored: [], fetched: { branches: [], tags: [tg('v1', A), tg('nightly', B)] }, filters: { tagRegex: '^v[0-9]' },
    changes: ['tag_created v1 0 a'], upserts: ['tag v1 a', 'tag nightly b'] },
  { name: 'branch regex does not apply to tags', stored: [], fetched: { branches: [], tags: [tg('v1', A)] }, filters: { branchRegex: '^main$', tagRegex: '.' },
    changes: ['tag_created v1 0 a'] },
  { name: 'tag regex does not apply to branches', stored: [], fetched: { branches: [br('v-branch', A)], tags: [] }, filters: { branchRegex: '^main$', tagRegex: '^v' },
    changes: [] },
  { name: 'empty tag listing with stored tags never deletes', stored: [tg('v1', A)], fetched: { branches: [br('main', B)], tags: [] }, filters: { tagRegex: '.' },
    changes: ['branch_created main 0 b'], deletes: [], suspicious: ['tag'] },
  { name: 'both kinds empty: both suspicious', stored: [br('main', A), tg('v1', A)], fetched: { branches: [], tags: [] }, filters: { tagRegex: '.' },
    changes: [], deletes: [], suspicious: ['branch', 'tag'] },
  { name: 'unchanged tags yield nothing', stored: [tg('v1', A)], fetched: { branches: [br('main', A)], tags: 'unchanged' }, filters: { tagRegex: '.' },
    changes: ['branch_created main 0 a'], deletes: [] },
  { name: 'tags not listed while tag regex set: kept as they are', stored: [tg('v1', A)], fetched: { branches: [] }, filters: { tagRegex: '.' }, changes: [], deletes: [] },
  { name: 'branch and tag with the same name are different refs', stored: [br('x', A)], fetched: { branches: [br('x', A)], tags: [tg('x', B)] }, filters: { tagRegex: '.' },
    changes: ['tag_created x 0 b'], upserts: ['tag x b'] },
  { name: 'branches come before tags', stored: [], fetched: { branches: [br('z', A)], tags: [tg('a', B)] }, filters: { tagRegex: '.' },
    changes: ['branch_created z 0 a', 'tag_created a 0 b'] },
  { name: 'branch names with slashes and dots', stored: [br('release/1.x', A)], fetched: { branches: [br('release/1.x', B), br('users/ann/fix.1', C)] },
    changes: ['branch_created users/ann/fix.1 0 c', 'branch_updated release/1.x a b'].sort((x, y) => (x.split(' ')[1] < y.split(' ')[1] ? -1 : 1)) },
  { name: 'compiled RegExp filters work like strings', stored: [], fetched: { branches: [br('main', A), br('dev', B)], tags: [tg('v1', C)] },
    filters: compileFilters({ branchRegex: '^dev$', tagRegex: '^v' }), changes: ['branch_created dev 0 b', 'tag_created v1 0 c'] },
];

function render(diff: ReturnType<typeof diffRefs>) {
  return {
    changes: diff.changes.map((c) => `${c.type} ${c.name} ${short(c.before)} ${short(c.after)}`),
    upserts: diff.upserts.map((r) => `${r.kind} ${r.name} ${short(r.sha)}`),
    deletes: diff.deletes.map((r) => `${r.kind} ${r.name}`),
    suspicious: diff.suspicious,
  };
}

describe('diffRefs', () => {
  it.each(cases)('$name', (c) => {
    const got = render(diffRefs(c.stored, c.fetched, c.filters ?? {}));
    expect(got.changes).toEqual(c.changes);
    if (c.upserts) expect(got.upserts).toEqual(c.upserts);
    if (c.deletes) expect(got.deletes).toEqual(c.deletes);
    expect(got.suspicious).toEqual(c.suspicious ?? []);
  });

  it('an empty listing confirmed by the previous empty one deletes the last refs of that kind only', () => {
    const stored = [br('main', A), tg('v1', B)];
    const got = render(diffRefs(stored, { branches: [br('main', A)], tags: [] }, { tagRegex: '.' }, ['tag']));
    expect(got).toMatchObject({ changes: ['tag_deleted v1 b 0'], deletes: ['tag v1'], suspicious: [] });
    // confirming tags says nothing about an empty branch listing
    expect(render(diffRefs(stored, { branches: [], tags: [] }, { tagRegex: '.' }, ['tag'])).suspicious).toEqual(['branch']);
  });

  it('uses full ref names and forty zeros for missing sides', () => {
    const diff = diffRefs([br('gone', A), tg('old', B)], { branches: [br('main', C)], tags: [tg('v1', D)] }, { tagRegex: '.' });
    expect(diff.changes).toEqual([
      { type: 'branch_deleted', kind: 'branch', name: 'gone', ref: 'refs/heads/gone', before: A, after: ZERO_SHA },
      { type: 'branch_created', kind: 'branch', name: 'main', ref: 'refs/heads/main', before: ZERO_SHA, after: C },
      { type: 'tag_deleted', kind: 'tag', name: 'old', ref: 'refs/tags/old', before: B, after: ZERO_SHA },
      { type: 'tag_created', kind: 'tag', name: 'v1', ref: 'refs/tags/v1', before: ZERO_SHA, after: D },
    ]);
  });

  it('does not modify its inputs', () => {
    const stored = [br('main', A)];
    const fetched = { branches: [br('main', B)] };
    const snapshot = JSON.stringify({ stored, fetched });
    diffRefs(stored, fetched, { branchRegex: 'main' });
    expect(JSON.stringify({ stored, fetched })).toBe(snapshot);
  });

  it('a compiled regex is reused without state between calls', () => {
    const filters = compileFilters({ branchRegex: 'main' });
    for (let i = 0; i < 3; i++) {
      expect(diffRefs([], { branches: [br('main', A)] }, filters).changes).toHaveLength(1);
    }
  });

  it('repositories without regexes, and consecutive ones with the same regexes, share one compiled filter object', () => {
    expect(compileFilters({})).toBe(compileFilters({ branchRegex: '', tagRegex: undefined }));
    const a = compileFilters({ branchRegex: '^main$', tagRegex: '^v' });
    expect(compileFilters({ branchRegex: '^main$', tagRegex: '^v' })).toBe(a);
    const other = compileFilters({ branchRegex: '^dev$' });
    expect(other).not.toBe(a);
    expect(other.branchRegex?.test('dev')).toBe(true);
    expect(other.tagRegex).toBeUndefined();
    expect(a.branchRegex?.test('main')).toBe(true);
    expect(a.tagRegex?.test('v1')).toBe(true);
  });

  it('applying upserts and deletes to the stored state yields the listing', () => {
    const stored = [br('a', A), br('b', B), br('c', C), tg('v1', A)];
    const fetched = { branches: [br('a', A), br('b', C), br('d', D)], tags: [tg('v2', B)] };
    const diff = diffRefs(stored, fetched, { branchRegex: '^[ab]$', tagRegex: '.' });
    const state = new Map(stored.map((r) => [`${r.kind}:${r.name}`, r.sha]));
    for (const d of diff.deletes) state.delete(`${d.kind}:${d.name}`);
    for (const u of diff.upserts) state.set(`${u.kind}:${u.name}`, u.sha);
    const expected = new Map([...fetched.branches, ...fetched.tags].map((r) => [`${r.kind}:${r.name}`, r.sha]));
    expect(state).toEqual(expected);
  });

  it('compileFilters leaves unset regexes undefined', () => {
    expect(compileFilters({})).toEqual({ branchRegex: undefined, tagRegex: undefined });
  });
});
