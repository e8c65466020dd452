/**
 * One real repository history with every shape of change enrichment must get right, pushed to a
 * bare repository of the test git server: commits touching src/ and docs/, a rename, a deletion, a
 * merge, a force-push, a tag on an old commit, branches created from main (with and without new
 * commits), a push of 300 commits, and a change whose old commit never existed.
 */
import { join } from 'node:path';
import { ZERO_SHA } from '../../src/types.js';
import type { EnrichRequest } from '../../src/enrich/types.js';
import type { GitServer } from '../helpers/git-server.js';
import { createGitWork, type GitWork } from '../helpers/git-work.js';

export interface Expected {
  commits: string[];
  total: number;
  files: string[];
  forced: boolean;
  head: string;
  /** per-commit files (the git source knows them; API sources put the union on the head commit) */
  perCommit?: Record<string, { added?: string[]; modified?: string[]; removed?: string[] }>;
}

export interface Scenario {
  name: string;
  change: EnrichRequest;
  expected: Expected;
}

export interface Built {
  work: GitWork;
  bareDir: string;
  scenarios: Scenario[];
  /** a change whose old commit does not exist anywhere */
  missingBase: EnrichRequest;
}

const upd = (ref: string, before: string, after: string): EnrichRequest => ({ kind: ref.startsWith('refs/tags/') ? 'tag' : 'branch', ref, before, after });

export async function buildScenario(server: GitServer, name: string, opts: { bulk?: boolean } = {}): Promise<Built> {
  await server.createRepo(name);
  const bareDir = join(server.root, `${name}.git`);
  const work = await createGitWork();
  await work.git(['-C', bareDir, 'config', 'uploadpack.allowFilter', 'true']);
  const push = (refs: string[]) => work.push(bareDir, refs);
  const scenarios: Scenario[] = [];
  const main = 'refs/heads/main';

  const c1 = await work.commit('init', { 'src/app.ts': '1', 'docs/guide.md': 'g', 'README.md': 'r' });
  await push(['main']);
  const c2 = await work.commit('app: change', { 'src/app.ts': '2' });
  const c3 = await work.commit('docs: change', { 'docs/guide.md': 'g2' });
  scenarios.push({ name: 'commits touching src/ and docs/', change: upd(main, c1, c3), expected: {
    commits: [c2, c3], total: 2, files: ['docs/guide.md', 'src/app.ts'], forced: false, head: c3,
    perCommit: { [c2]: { modified: ['src/app.ts'] }, [c3]: { modified: ['docs/guide.md'] } },
  } });
  const c4 = await work.commit('rename app', {}, { rename: { 'src/app.ts': 'src/main.ts' } });
  const c5 = await work.commit('drop readme [skip ci]', {}, { remove: ['README.md'] });
  scenarios.push({ name: 'a rename and a deletion', change: upd(main, c3, c5), expected: {
    commits: [c4, c5], total: 2, files: ['README.md', 'src/app.ts', 'src/main.ts'], forced: false, head: c5,
    perCommit: { [c4]: { added: ['src/main.ts'], removed: ['src/app.ts'] }, [c5]: { removed: ['README.md'] } },
  } });
  await work.checkout('feature', { create: true });
  const f1 = await work.commit('feature', { 'src/feature.ts': 'f' });
  await work.checkout('main');
  const m1 = await work.commit('docs on main', { 'docs/x.md': 'x' });
  await work.git(['merge', '--no-ff', '--quiet', '-m', 'merge feature', 'feature']);
  const merge = await work.git(['rev-parse', 'HEAD']);
  scenarios.push({ name: 'a merge', change: upd(main, c5, merge), expected: {
    commits: [f1, m1, merge], total: 3, files: ['docs/x.md', 'src/feature.ts'], forced: false, head: merge,
    perCommit: { [merge]: { added: ['src/feature.ts'] } },
  } });
  await push(['main', 'feature']);

  await work.git(['reset', '--quiet', '--hard', c5]);
  const r1 = await work.commit('rewritten', { 'src/rewritten.ts': 'r' });
  await push(['+main']);
  scenarios.push({ name: 'a force-push', change: upd(main, merge, r1), expected: {
    commits: [r1], total: 1, files: ['src/rewritten.ts'], forced: true, head: r1,
  } });

  await work.git(['tag', 'v0.1', c1]);
  await push(['refs/tags/v0.1']);
  scenarios.push({ name: 'a tag on an old commit', change: upd('refs/tags/v0.1', ZERO_SHA, c1), expected: {
    commits: [], total: 0, files: [], forced: false, head: c1,
  } });

  await work.checkout('topic', { create: true, from: 'main' });
  const t1 = await work.commit('topic work', { 'src/topic.ts': 't' });
  await push(['topic']);
  scenarios.push({ name: 'a branch created from main with a commit', change: upd('refs/heads/topic', ZERO_SHA, t1), expected: {
    commits: [t1], total: 1, files: ['src/topic.ts'], forced: false, head: t1,
  } });
  await push(['main:refs/heads/same']);
  scenarios.push({ name: 'a branch created at the tip of main', change: upd('refs/heads/same', ZERO_SHA, r1), expected: {
    commits: [], total: 0, files: [], forced: false, head: r1,
  } });

  if (opts.bulk === false) return { work, bareDir, scenarios, missingBase: upd(main, 'f'.repeat(40), r1) };
  await work.checkout('bulk', { create: true, from: 'main' });
  const bulk: string[] = [];
  // 300 commits in one fast-import would be quicker; commits keep it plain and still take a few seconds
  for (let i = 0; i < 300; i++) bulk.push(await work.commit(`bulk ${i}`, { [`bulk/${String(i).padStart(3, '0')}.txt`]: String(i) }));
  await push(['bulk']);
  scenarios.push({ name: 'a push of 300 commits', change: upd('refs/heads/bulk', r1, bulk[299]), expected: {
    commits: bulk.slice(-20), total: 300, files: bulk.map((_, i) => `bulk/${String(i).padStart(3, '0')}.txt`), forced: false, head: bulk[299],
  } });

  return { work, bareDir, scenarios, missingBase: upd(main, 'f'.repeat(40), r1) };
}
