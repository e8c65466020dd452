/**
 * `POST /graphql` (and GHES's `/api/graphql`) for the fake GitHub: the same repositories as the REST
 * routes, in the real answer shape — `{"data":{"r0":{"heads":{"pageInfo":…,"nodes":[{"name","target":{"oid"}}]}},
 * "rateLimit":{…}}}`, an `errors` entry `{type:"NOT_FOUND", path:["r3"]}` with `r3: null` for a
 * missing repository, cursor pagination, points by GitHub's formula and x-ratelimit-resource: graphql.
 *
 * Limitation, on purpose (the benchmark drives this hot): the query is not parsed as GraphQL. A small
 * regex extractor understands exactly the shape src/providers/github/graphql-query.ts sends —
 * `rN: repository(owner: $oN, name: $nN) { heads: refs(refPrefix: "refs/heads/", first: K, after: $x) {…} … }`
 * — and answers anything else with a GraphQL parse error.
 */
import type { FakeAnswer } from './common.js';

export interface GraphqlRepoView {
  /** the repository's refs of one kind sorted by name; oid = what the ref points to (a tag object for annotated tags) */
  refs(kind: 'heads' | 'tags'): ReadonlyArray<{ name: string; oid: string }>;
}

export interface GraphqlStats {
  /** GraphQL requests answered (errors included) */
  requests: number;
  /** points charged by GitHub's formula: max(1, round(connections / 100)) per answered query */
  points: number;
}

export interface GraphqlHandler {
  handle(body: string): FakeAnswer;
  stats(): GraphqlStats;
  reset(): void;
  /** the GraphQL points window (apart from REST's core window) */
  setRateLimit(next: { remaining?: number; reset?: number }): void;
}

const ALIAS = /\b(r\d+): repository\(owner: \$(\w+), name: \$(\w+)\)/g;
const CONNECTION = /\b(heads|tags): refs\(refPrefix: "refs\/(heads|tags)\/", first: (\d+)(?:, after: \$(\w+))?\)/g;
const HOUR_POINTS = 5000;

function cursorOf(index: number): string {
  return Buffer.from(`cursor:${index}`).toString('base64');
}

function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const m = /^cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return m ? Number(m[1]) + 1 : -1;
}

function graphqlError(message: string): FakeAnswer {
  return { status: 200, body: JSON.stringify({ errors: [{ message, locations: [{ line: 1, column: 1 }] }] }) };
}

export function createGraphqlHandler(find: (owner: string, name: string) => GraphqlRepoView | undefined): GraphqlHandler {
  const stats: GraphqlStats = { requests: 0, points: 0 };
  const window = { remaining: HOUR_POINTS, reset: Math.floor(Date.now() / 1000) + 3600 };
  function handle(raw: string): FakeAnswer {
    stats.requests++;
    if (window.remaining <= 0) {
      // GitHub answers a spent GraphQL budget with a 200 and a RATE_LIMITED error, no data
      // (https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api)
      return {
        status: 200,
        headers: {
          'x-ratelimit-limit': String(HOUR_POINTS), 'x-ratelimit-remaining': '0', 'x-ratelimit-used': String(HOUR_POINTS),
          'x-ratelimit-reset': String(window.reset), 'x-ratelimit-resource': 'graphql',
        },
        body: JSON.stringify({ errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] }),
      };
    }
    let query: string;
    let variables: Record<string, unknown>;
    try {
      const parsed = JSON.parse(raw) as { query?: unknown; variables?: unknown };
      if (typeof parsed.query !== 'string') return graphqlError('A query attribute must be specified and must be a string.');
      query = parsed.query;
      variables = (parsed.variables ?? {}) as Record<string, unknown>;
    } catch {
      return { status: 400, body: JSON.stringify({ message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' }) };
    }
    const aliases = [...query.matchAll(ALIAS)];
    if (aliases.length === 0) return graphqlError('fake github: unsupported query shape');
    const data: Record<string, unknown> = {};
    const errors: unknown[] = [];
    let connections = 0;
    aliases.forEach((m, i) => {
      const [, alias, ownerVar, nameVar] = m;
      const end = i + 1 < aliases.length ? aliases[i + 1].index : query.length;
      const segment = query.slice(m.index, end);
      const owner = String(variables[ownerVar] ?? '');
      const name = String(variables[nameVar] ?? '');
      const repo = find(owner, name);
      const conns = [...segment.matchAll(CONNECTION)];
      connections += conns.length;
      if (!repo) {
        data[alias] = null;
        errors.push({
          type: 'NOT_FOUND',
          path: [alias],
          locations: [{ line: 1, column: 1 }],
          message: `Could not resolve to a Repository with the name '${owner}/${name}'.`,
        });
        return;
      }
      const out: Record<string, unknown> = {};
      for (const c of conns) {
        const [, field, prefix, firstText, afterVar] = c;
        const list = repo.refs(prefix as 'heads' | 'tags');
        const first = Math.min(100, Number(firstText));
        const start = offsetOf(afterVar === undefined ? undefined : String(variables[afterVar] ?? ''));
        if (start < 0) {
          errors.push({ type: 'INVALID_CURSOR_ARGUMENTS', path: [alias, field], message: '`after` is not a valid cursor.' });
          continue;
        }
        const slice = list.slice(start, start + first);
        out[field] = {
          pageInfo: { hasNextPage: start + first < list.length, endCursor: slice.length > 0 ? cursorOf(start + slice.length - 1) : null },
          nodes: slice.map((r) => ({ name: r.name, target: { oid: r.oid } })),
        };
      }
      data[alias] = out;
    });
    // https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api:
    // requests needed per connection (1 each here: their parents are objects, not connections),
    // summed, divided by 100 and rounded; at least 1.
    const cost = Math.max(1, Math.round(connections / 100));
    stats.points += cost;
    window.remaining = Math.max(0, window.remaining - cost);
    if (/\brateLimit \{/.test(query)) {
      data.rateLimit = { cost, remaining: window.remaining, resetAt: new Date(window.reset * 1000).toISOString(), limit: HOUR_POINTS };
    }
    const body = JSON.stringify(errors.length > 0 ? { data, errors } : { data });
    return {
      status: 200,
      headers: {
        'x-ratelimit-limit': String(HOUR_POINTS),
        'x-ratelimit-remaining': String(window.remaining),
        'x-ratelimit-used': String(HOUR_POINTS - window.remaining),
        'x-ratelimit-reset': String(window.reset),
        'x-ratelimit-resource': 'graphql',
      },
      body,
    };
  }

  return {
    handle,
    setRateLimit(next) {
      Object.assign(window, next);
    },
    stats: () => ({ ...stats }),
    reset() {
      stats.requests = 0;
      stats.points = 0;
    },
  };
}
