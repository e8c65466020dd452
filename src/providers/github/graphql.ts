/**
 * GitHub GraphQL batch listing: up to batch_size repositories of one (API root, token) in one
 * POST /graphql, branch heads (and tags) through aliased `refs` connections, follow-up queries with
 * cursors for repositories with more than 100 refs of a kind. GraphQL has no conditional requests,
 * so every listing is complete and costs points: about 1 point per query of up to 100 repositories.
 *
 * Failure handling, per the batch:
 * - an alias answered NOT_FOUND / FORBIDDEN: only that repository fails, the others succeed;
 * - 401 and rate limits: every repository of the batch fails with that error (asking again in a
 *   smaller batch cannot change the answer);
 * - a transport error, timeout, 5xx or unparsable answer: the batch is split in halves and each half
 *   is asked again, down to one repository; a batch of one that still fails is listed over REST
 *   with the existing provider (which may in turn fall back to git ls-remote).
 */
import type { RepositoryConfig } from '../../config/types.js';
import { errorMessage, type UpstreamError } from '../../errors.js';
import type { HttpClient } from '../../http/types.js';
import type { Logger } from '../../log.js';
import { groupKey, tokenId } from '../../planner/group-key.js';
import type { Ref } from '../../types.js';
import { assertUnique, badResponse } from '../answer.js';
import { mergeEtags } from '../paged-list.js';
import type { BatchCapability, BatchItem, ListRefsResult, Provider } from '../types.js';
import { shouldFallBack } from '../with-fallback.js';
import { readBatchAnswer, type AliasAnswer } from './graphql-answer.js';
import { holdIfLimited } from './graphql-hold.js';
import { buildQuery, graphqlEndpoint, type QueryItem, type RefConnection } from './graphql-query.js';

export interface GithubGraphqlDeps {
  http: HttpClient;
  log: Logger;
  /** the REST provider (with its own fallback) for repositories GraphQL cannot list */
  rest: Provider;
}

/** Follow-up rounds after which a listing is declared endless (100 refs a page: 100,000 refs). */
const MAX_ROUNDS = 1000;

interface Work {
  item: BatchItem;
  owner: string;
  name: string;
  fullName: string;
  kinds: RefConnection[];
  refs: Record<RefConnection, Array<{ name: string; sha: string }>>;
  /** connections still to read, with the cursor to continue from (undefined: from the start) */
  pending: Map<RefConnection, string | undefined>;
  requests: number;
  error?: Error;
}

function toRefs(list: Array<{ name: string; sha: string }>, kind: Ref['kind'], url: string): Ref[] {
  return assertUnique(
    list.map((r) => ({ kind, name: r.name, sha: r.sha.toLowerCase() })),
    url,
  );
}

/** A repository's listing before its first request: every connection to read from the start. */
function newWork(item: BatchItem): Work {
  const loc = item.repo.location;
  const kinds: RefConnection[] = item.opts.includeTags ? ['heads', 'tags'] : ['heads'];
  return {
    item,
    owner: loc.namespace,
    name: loc.name,
    fullName: loc.path,
    kinds,
    refs: { heads: [], tags: [] },
    pending: new Map(kinds.map((k) => [k, undefined])),
    requests: 0,
  };
}

/** Folds one round's answer for a repository into its listing: refs kept, cursors advanced. */
function takePage(w: Work, answer: AliasAnswer | Error, url: string): void {
  if (answer instanceof Error) {
    w.error = answer;
    return;
  }
  for (const [kind, before] of [...w.pending]) {
    const page = answer[kind];
    if (!page) continue;
    w.refs[kind].push(...page.refs);
    if (page.next === undefined) w.pending.delete(kind);
    else if (page.next === before) w.error = badResponse(url, `${w.fullName}: the cursor did not advance`);
    else w.pending.set(kind, page.next);
  }
}

/** A repository's finished listing, or why it has none. */
function resultOf(w: Work): ListRefsResult | Error {
  if (w.error) return w.error;
  try {
    return {
      branches: toRefs(w.refs.heads, 'branch', w.item.repo.url),
      tags: w.item.opts.includeTags ? toRefs(w.refs.tags, 'tag', w.item.repo.url) : undefined,
      method: 'graphql',
      // REST ETags describe an older listing than the one stored now: drop them so a later REST poll
      // cannot answer 304 for a state it never saw.
      state: mergeEtags(w.item.opts.state, { heads: {}, tags: {} }),
      requests: w.requests,
    };
  } catch (err) {
    return err as UpstreamError;
  }
}

/**
 * One request for every repository still reading: the next page of each of its pending
 * connections, sent with the batch's (first repository's) token.
 */
async function askRound(deps: GithubGraphqlDeps, url: string, first: RepositoryConfig, active: Work[], signal?: AbortSignal): Promise<void> {
  const query: QueryItem[] = active.map((w) => ({
    owner: w.owner,
    name: w.name,
    connections: [...w.pending].map(([kind, after]) => ({ kind, after })),
  }));
  const res = await deps.http.request({
    url,
    method: 'POST',
    body: JSON.stringify(buildQuery(query)),
    token: first.token,
    budgetId: first.budgetId,
    authScheme: 'bearer',
    provider: 'github',
    // GraphQL points are a limit apart from REST's: a budget of their own, driven by its headers
    resource: 'graphql',
    signal,
  });
  // One request serves the whole batch: count it once (on its first item), so that the requests
  // of all outcomes add up to what was sent.
  active[0].requests++;
  const answer = holdIfLimited(deps.http, { url, token: first.token, budgetId: first.budgetId }, res, () =>
    readBatchAnswer(res, active.map((w) => ({ fullName: w.fullName, kinds: [...w.pending.keys()] }))));
  if (answer.rateLimit) deps.log.debug({ url, repositories: active.length, ...answer.rateLimit }, 'GraphQL batch listed');
  answer.items.forEach((a, j) => takePage(active[j], a, url));
}

/** One batch, all pages. Throws when a request of the batch fails as a whole. */
async function listAllPages(deps: GithubGraphqlDeps, items: BatchItem[], signal?: AbortSignal): Promise<Array<ListRefsResult | Error>> {
  const first = items[0].repo;
  const url = graphqlEndpoint(first.location.apiBaseUrl);
  const work = items.map(newWork);
  for (let round = 0; ; round++) {
    const active = work.filter((w) => !w.error && w.pending.size > 0);
    if (active.length === 0) break;
    if (round >= MAX_ROUNDS) {
      for (const w of active) w.error = badResponse(url, `${w.fullName}: pagination does not end`);
      break;
    }
    await askRound(deps, url, first, active, signal);
  }
  return work.map(resultOf);
}

async function restOne(rest: Provider, item: BatchItem): Promise<ListRefsResult | Error> {
  try {
    return await rest.listRefs(item.repo, item.opts);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/**
 * The batch, and after a failure a smaller batch could avoid, each half of it; a single repository
 * that still fails is listed over REST.
 */
async function listShrinking(deps: GithubGraphqlDeps, items: BatchItem[], signal?: AbortSignal): Promise<Array<ListRefsResult | Error>> {
  try {
    return await listAllPages(deps, items, signal);
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    if (signal?.aborted || !shouldFallBack(error)) return items.map(() => error);
    if (items.length === 1) {
      deps.log.warn({ repo: items[0].repo.name, err: errorMessage(error) }, 'GraphQL listing failed; listing over REST');
      return [await restOne(deps.rest, items[0])];
    }
    const half = Math.ceil(items.length / 2);
    deps.log.warn({ size: items.length, next: half, err: errorMessage(error) }, 'GraphQL batch failed; retrying in smaller batches');
    const left = await listShrinking(deps, items.slice(0, half), signal);
    const right = await listShrinking(deps, items.slice(half), signal);
    return [...left, ...right];
  }
}

/** The (API root, token) group a GitHub repository is batched in; each token is hashed once. */
function batchKeyOf(): (repo: RepositoryConfig) => string | null {
  const tokenIds = new Map<string, string>();
  function idOf(token: string | undefined): string {
    const k = token ?? '';
    let id = tokenIds.get(k);
    if (id === undefined) {
      id = tokenId(token);
      tokenIds.set(k, id);
    }
    return id;
  }
  return (repo) => (repo.provider === 'github' ? groupKey(repo.location.apiBaseUrl, repo.budgetId ?? idOf(repo.token)) : null);
}

export function createGithubGraphqlBatch(deps: GithubGraphqlDeps): BatchCapability {
  const own: GithubGraphqlDeps = { ...deps, log: deps.log.child({ component: 'github-graphql' }) };
  const key = batchKeyOf();
  return {
    key,
    async listRefsBatch(items, signal) {
      if (items.length === 0) return [];
      const first = key(items[0].repo);
      if (items.some((i) => key(i.repo) !== first)) {
        throw new Error('listRefsBatch: the items do not share one API root and token');
      }
      return listShrinking(own, items, signal);
    },
  };
}
