/**
 * Edge validation of a GitHub GraphQL answer to buildQuery(): only the fields reposentry uses.
 * A query-level failure throws; a failure of one alias (NOT_FOUND, FORBIDDEN, a wrong shape) becomes
 * that item's error, so the other repositories of the batch still get their listings.
 * https://docs.github.com/en/graphql/guides/forming-calls-with-graphql (errors carry `type` and `path`)
 */
import { UpstreamError } from '../../errors.js';
import type { HttpResponse } from '../../http/types.js';
import { badResponse, field, isRecord, parseJson, requireSha, requireString } from '../answer.js';
import { aliasOf, type RefConnection } from './graphql-query.js';

export interface RefPage {
  refs: Array<{ name: string; sha: string }>;
  /** the cursor to continue from, when GitHub says there is a next page */
  next?: string;
}

export type AliasAnswer = Partial<Record<RefConnection, RefPage>>;

export interface GraphqlRateLimit {
  cost: number;
  remaining: number;
  limit: number;
  resetAt: string;
}

export interface BatchAnswer {
  /** per item, in query order */
  items: Array<AliasAnswer | UpstreamError>;
  rateLimit?: GraphqlRateLimit;
}

interface GraphqlError {
  type?: string;
  message: string;
  path?: unknown[];
}

function readErrors(body: unknown): GraphqlError[] {
  const errors = field(body, ['errors']);
  if (errors === undefined) return [];
  if (!Array.isArray(errors)) return [{ message: 'errors is not an array' }];
  return errors.map((e) => ({
    type: typeof field(e, ['type']) === 'string' ? (field(e, ['type']) as string) : undefined,
    message: typeof field(e, ['message']) === 'string' ? (field(e, ['message']) as string).slice(0, 200) : 'unknown error',
    path: Array.isArray(field(e, ['path'])) ? (field(e, ['path']) as unknown[]) : undefined,
  }));
}

function aliasError(e: GraphqlError, url: string, repo: string): UpstreamError {
  const context = { url, repository: repo };
  if (e.type === 'NOT_FOUND') return new UpstreamError('upstream-not-found', `not found on ${url}: ${repo}: ${e.message}`, { status: 404, context });
  if (e.type === 'FORBIDDEN') return new UpstreamError('upstream-auth', `forbidden on ${url}: ${repo}: ${e.message}`, { status: 403, context });
  if (e.type === 'RATE_LIMITED') return new UpstreamError('upstream-rate-limited', `rate limited on ${url}: ${e.message}`, { context });
  return badResponse(url, `${repo}: ${e.type ?? 'error'}: ${e.message}`);
}

function readPage(value: unknown, url: string, where: string): RefPage {
  if (!isRecord(value)) throw badResponse(url, `${where} is not an object`);
  const nodes = value.nodes;
  if (!Array.isArray(nodes)) throw badResponse(url, `${where}.nodes is not an array`);
  const hasNext = field(value, ['pageInfo', 'hasNextPage']);
  if (typeof hasNext !== 'boolean') throw badResponse(url, `${where}.pageInfo.hasNextPage is not a boolean`);
  const refs = nodes.map((node, i) => ({
    name: requireString(field(node, ['name']), url, `${where}.nodes[${i}].name`),
    // For a tag ref the target is the Tag object of an annotated tag (its oid, like REST's object.sha
    // and git ls-remote's ref line) or the commit of a lightweight one.
    sha: requireSha(field(node, ['target', 'oid']), url, `${where}.nodes[${i}].target.oid`),
  }));
  if (!hasNext) return { refs };
  return { refs, next: requireString(field(value, ['pageInfo', 'endCursor']), url, `${where}.pageInfo.endCursor`) };
}

function readRateLimit(body: unknown): GraphqlRateLimit | undefined {
  const rl = field(body, ['data', 'rateLimit']);
  if (!isRecord(rl)) return undefined;
  const { cost, remaining, limit, resetAt } = rl;
  if (typeof cost !== 'number' || typeof remaining !== 'number' || typeof limit !== 'number' || typeof resetAt !== 'string') return undefined;
  return { cost, remaining, limit, resetAt };
}

/**
 * @param asked per item, its repository's full name and the connections the query asked for
 */
export function readBatchAnswer(res: HttpResponse, asked: ReadonlyArray<{ fullName: string; kinds: RefConnection[] }>): BatchAnswer {
  const body = parseJson(res);
  if (!isRecord(body)) throw badResponse(res.url, 'body is not an object');
  const errors = readErrors(body);
  const byAlias = new Map<string, GraphqlError>();
  const global: GraphqlError[] = [];
  for (const e of errors) {
    const head = e.path?.[0];
    if (typeof head === 'string' && /^r\d+$/.test(head)) {
      if (!byAlias.has(head)) byAlias.set(head, e);
    } else global.push(e);
  }
  const data = body.data;
  if (!isRecord(data)) {
    const limited = global.find((e) => e.type === 'RATE_LIMITED');
    if (limited) throw new UpstreamError('upstream-rate-limited', `GraphQL rate limit on ${res.url}: ${limited.message}`, { context: { url: res.url } });
    const why = global.length > 0 ? global.map((e) => `${e.type ?? 'error'}: ${e.message}`).join('; ') : 'no data';
    throw badResponse(res.url, why);
  }
  const items = asked.map(({ fullName, kinds }, i): AliasAnswer | UpstreamError => {
    const alias = aliasOf(i);
    const err = byAlias.get(alias);
    const repo = data[alias];
    if (err && !isRecord(repo)) return aliasError(err, res.url, fullName);
    if (!isRecord(repo)) return badResponse(res.url, `${fullName}: ${alias} is missing`);
    // A partial answer (an error under this alias while some data came back) is not a complete listing.
    if (err) return aliasError(err, res.url, fullName);
    try {
      const answer: AliasAnswer = {};
      for (const kind of kinds) answer[kind] = readPage(repo[kind], res.url, `${alias}.${kind}`);
      return answer;
    } catch (e) {
      return e as UpstreamError;
    }
  });
  return { items, rateLimit: readRateLimit(body) };
}
