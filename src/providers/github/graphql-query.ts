/**
 * The one GraphQL query shape reposentry sends to GitHub: one aliased `repository` per item with
 * `refs(refPrefix:, first: 100)` connections for branches (and tags when asked), plus `rateLimit`.
 * Owner, name and cursors travel as GraphQL variables, never spliced into the query text.
 * https://docs.github.com/en/graphql/reference/objects#repository (refs)
 * test/fakes/github-graphql.ts parses exactly this shape; keep the two in step.
 */
export type RefConnection = 'heads' | 'tags';

export interface QueryItem {
  owner: string;
  name: string;
  /** the connections to read, each from the start (undefined) or after a cursor */
  connections: Array<{ kind: RefConnection; after?: string }>;
}

export interface GraphqlRequest {
  query: string;
  variables: Record<string, string>;
}

/** GitHub's page size limit for a connection (first: 1..100). */
export const PAGE_SIZE = 100;

const SELECTION = 'pageInfo { hasNextPage endCursor } nodes { name target { oid } }';

/**
 * github.com: https://api.github.com/graphql. Enterprise Server: `https://HOST/api/graphql` while
 * its REST root is `https://HOST/api/v3`.
 * https://docs.github.com/en/enterprise-server@latest/graphql/guides/forming-calls-with-graphql
 */
export function graphqlEndpoint(apiBaseUrl: string): string {
  const root = apiBaseUrl.replace(/\/+$/, '');
  if (/\/api\/v3$/.test(root)) return `${root.slice(0, -'/v3'.length)}/graphql`;
  return `${root}/graphql`;
}

export function aliasOf(index: number): string {
  return `r${index}`;
}

export function buildQuery(items: readonly QueryItem[]): GraphqlRequest {
  const declarations: string[] = [];
  const fields: string[] = [];
  const variables: Record<string, string> = {};
  items.forEach((item, i) => {
    declarations.push(`$o${i}: String!`, `$n${i}: String!`);
    variables[`o${i}`] = item.owner;
    variables[`n${i}`] = item.name;
    const connections = item.connections.map(({ kind, after }) => {
      let args = `refPrefix: "refs/${kind}/", first: ${PAGE_SIZE}`;
      if (after !== undefined) {
        const v = `a${i}${kind === 'heads' ? 'h' : 't'}`;
        declarations.push(`$${v}: String`);
        variables[v] = after;
        args += `, after: $${v}`;
      }
      return `${kind}: refs(${args}) { ${SELECTION} }`;
    });
    fields.push(`${aliasOf(i)}: repository(owner: $o${i}, name: $n${i}) { ${connections.join(' ')} }`);
  });
  const query = `query(${declarations.join(', ')}) { ${fields.join(' ')} rateLimit { cost remaining resetAt limit } }`;
  return { query, variables };
}
