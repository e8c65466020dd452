/**
 * The monorepo EventListener example (deployments/tekton/github/eventlistener-changed-files.yaml)
 * against reposentry's real github payloads: changed files built the way Tekton's stock GitHub
 * interceptor builds them for a push (addChangedFiles: every commits[].added/modified/removed joined
 * with ",", an error when a commit lacks an array or full_name has no "/"), then the example's CEL
 * filter evaluated by a conformant CEL implementation (@bufbuild/cel). Payloads come from a real
 * repository through enrichment from the git cache.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '@bufbuild/cel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { githubFormat } from '../../src/delivery/formats/github.js';
import { createEnricher } from '../../src/enrich/enricher.js';
import type { Enrichment } from '../../src/enrich/types.js';
import { eventId, fullRef } from '../../src/events/id.js';
import { createGitCache } from '../../src/git-cache/cache.js';
import { silentLogger } from '../../src/log.js';
import { ZERO_SHA, type RepositoryMeta, type StoredEvent } from '../../src/types.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { createGitWork, type GitWork } from '../helpers/git-work.js';
import { target } from '../delivery/helpers.js';
import { readYamlDocs, repoPath } from './helpers.js';
import { withLocation } from '../helpers/repo-config.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form manifests

const listener = readYamlDocs(repoPath('deployments/tekton/github/eventlistener-changed-files.yaml'))[0] as Obj;
const trigger = listener.spec.triggers[0];
const celFilter = (trigger.interceptors as Obj[]).find((i) => i.ref.name === 'cel')!.params.find((p: Obj) => p.name === 'filter').value as string;
const github = (trigger.interceptors as Obj[]).find((i) => i.ref.name === 'github')!;

/** What tektoncd/triggers pkg/interceptors/github does for a push with addChangedFiles. */
function interceptorChangedFiles(body: Obj): string {
  const fullName = body.repository?.full_name;
  if (typeof fullName !== 'string') throw new Error("payload body missing 'repository.full_name' field");
  // strings.Split(fullName, "/")[1] panics without a "/"
  if (!fullName.includes('/')) throw new Error('index out of range: full_name has no "/"');
  const files: string[] = [];
  for (const c of (body.commits ?? []) as Obj[]) {
    for (const key of ['added', 'modified', 'removed']) if (!Array.isArray(c[key])) throw new Error(`payload body missing 'commits.*.${key}' field`);
    files.push(...c.added, ...c.modified, ...c.removed);
  }
  return files.join(',');
}

/** JSON → CEL input: objects become maps, as Tekton decodes a body into map[string]interface{}. */
function toCel(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toCel);
  if (v && typeof v === 'object') return new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)]));
  return v;
}

/** Go's http.CanonicalHeaderKey: x-github-event → X-Github-Event. */
function canonical(name: string): string {
  return name.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase()).join('-');
}

function selects(req: { headers: Record<string, string>; body: string }): boolean {
  const body = JSON.parse(req.body) as Obj;
  const extensions = { changed_files: interceptorChangedFiles(body) };
  const header = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [canonical(k), [v]]));
  const out = run(celFilter, { body: toCel(body), header: toCel(header), extensions: toCel(extensions) } as never);
  if (typeof out !== 'boolean') throw new Error(`CEL filter did not evaluate to a bool: ${String(out)}`);
  return out;
}

let server: GitServer;
let work: GitWork;
let dataDir: string;
const events: Record<string, StoredEvent> = {};

beforeAll(async () => {
  server = await startGitServer();
  await server.createRepo('acme/mono');
  const bare = join(server.root, 'acme/mono.git');
  work = await createGitWork();
  dataDir = await mkdtemp(join(tmpdir(), 'reposentry-cel-'));
  const repo: RepositoryConfig = withLocation({ name: 'mono', url: server.url('acme/mono'), provider: 'git', enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: '' });
  const meta: RepositoryMeta = { provider: 'git', organization: 'acme', name: 'mono', fullName: 'acme/mono', url: 'https://git.example.com/acme/mono', cloneUrl: repo.url };
  const enricher = createEnricher({
    http: () => { throw new Error('no API'); }, cache: createGitCache({ dataDir, fetchTimeoutMs: 30_000, readTimeoutMs: 10_000, log: silentLogger() }),
    log: silentLogger(), apiFallback: () => false,
  });
  const event = (name: string, before: string, after: string, enrichment?: Enrichment): StoredEvent => ({
    id: eventId({ repositoryUrl: repo.url, ref: fullRef('branch', 'main'), before, after, transition: 1 }), seq: 1,
    type: after === ZERO_SHA ? 'branch_deleted' : 'branch_updated', repositoryName: 'mono', repositoryUrl: repo.url, provider: 'git',
    refKind: 'branch', refName: 'main', before, after, detectedAt: Date.now(), data: enrichment ? { repository: meta, enrichment } : { repository: meta },
  });
  const step = async (name: string, commits: Array<[string, Record<string, string>]>): Promise<void> => {
    const before = await work.git(['rev-parse', 'HEAD']);
    for (const [message, files] of commits) await work.commit(message, files);
    await work.push(bare, ['main']);
    const after = await work.git(['rev-parse', 'HEAD']);
    const [e] = await enricher.enrich(repo, meta, [{ kind: 'branch', ref: 'refs/heads/main', before, after }], { maxCommits: 20, maxFiles: 3000, waitMs: 30_000 });
    expect(e?.status).toBe('ok');
    events[name] = event(name, before, after, e);
  };
  await work.commit('init', { 'services/api/main.go': '1', 'services/web/app.ts': '1', 'docs/readme.md': '1' });
  await work.push(bare, ['main']);
  await step('api change', [['api: fix', { 'services/api/main.go': '2' }]]);
  await step('web change', [['web: fix', { 'services/web/app.ts': '2' }]]);
  await step('api change, skip ci', [['api: tweak [skip ci]', { 'services/api/main.go': '3' }]]);
  await step('docs then api, several commits', [['docs', { 'docs/readme.md': '2' }], ['api: new handler', { 'services/api/h.go': 'h' }], ['docs again', { 'docs/readme.md': '3' }]]);
  await step('api change, skip ci in an earlier commit only', [['api [ci skip]', { 'services/api/main.go': '4' }], ['web', { 'services/web/app.ts': '3' }]]);
  const head = await work.git(['rev-parse', 'HEAD']);
  events['deletion'] = event('deletion', head, ZERO_SHA);
  events['enrichment unavailable'] = event('enrichment unavailable', 'a'.repeat(40), head, { status: 'unavailable', reason: 'timed out after 10000 ms' });
  events['no enrichment (disabled)'] = event('no enrichment (disabled)', 'a'.repeat(40), head);
}, 120_000);
afterAll(async () => {
  await work?.close();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('Tekton monorepo example: stock GitHub interceptor (addChangedFiles) + CEL filter', () => {
  it('uses the stock interceptor with addChangedFiles and a filter on extensions.changed_files', () => {
    expect(github.params.find((p: Obj) => p.name === 'addChangedFiles').value).toEqual({ enabled: true });
    expect(celFilter).toContain('extensions.changed_files');
  });

  it('selects exactly the events that touch services/api/ and do not ask to skip CI', () => {
    const tgt = target({ format: 'github', secret: 's3cret' });
    const selected = Object.fromEntries(Object.entries(events).map(([name, e]) => [name, selects(githubFormat(e, tgt, { version: '1', now: Date.now() }))]));
    expect(selected).toEqual({
      'api change': true,
      'web change': false,
      'api change, skip ci': false,
      'docs then api, several commits': true,
      // like GitHub Actions, only the head commit's message counts
      'api change, skip ci in an earlier commit only': true,
      deletion: false,
      // files unknown: never dropped on missing information
      'enrichment unavailable': true,
      // without enrichment there is no header and no files: a path filter in Tekton cannot pass it
      'no enrichment (disabled)': false,
    });
  });

  it('changed_files as the interceptor sees it lists every file of every commit', () => {
    const body = JSON.parse(githubFormat(events['docs then api, several commits'], target({ format: 'github' }), { version: '1', now: Date.now() }).body) as Obj;
    expect(interceptorChangedFiles(body)).toBe('docs/readme.md,services/api/h.go,docs/readme.md');
  });
});
