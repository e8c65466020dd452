/**
 * The fast path's lane for the one part of a config that grows with the fleet: a top-level
 * `repositories:` block list of flat entries, one `key: value` a line, as generated fleets and most
 * hand-written files write it. Lines of that shape are read without a YAML parser; js-yaml reads the
 * rest of the file with the block replaced by `repositories: [MARKER]`. Any line of another shape (a
 * comment, a quote, a flow collection, a nested value, a tab, an escape…) declines the lane and the
 * whole file goes through js-yaml as before, so the lane only ever answers what js-yaml would.
 * Scalars resolve with the YAML 1.2 core schema (fast-yaml.ts's `resolveScalar`).
 */

/**
 * A plain scalar that is one unquoted token: no space (so no comment and no `: `), no quote, and no
 * YAML indicator at its start; inside it, block context allows flow characters (regexes: `^(a|b)$`, `v[0-9]+`).
 */
const VALUE = /^[A-Za-z0-9_./~+=$^(\\][A-Za-z0-9_./:@+=,~${}()|^*?[\]\\-]*$/;
const KEY = /^[a-z_][a-z0-9_]*$/;

export interface RepositoriesLane {
  /** the file with the block replaced by `repositories: [MARKER]` */
  rest: string;
  /**
   * a plain scalar found nowhere in the file: js-yaml must read it as the rest's top-level
   * `repositories` value, or the `repositories:` line the lane started at was not that key (it sat
   * inside a multi-line quoted string or flow collection js-yaml tolerates and `yaml` refuses)
   */
  marker: string;
  /** the block's entries, scalars resolved */
  list: Record<string, unknown>[];
}

function leadingSpaces(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

/** undefined when the file has no such block, or any line of it has another shape. */
export function repositoriesLane(text: string, resolveScalar: (s: string) => unknown): RepositoriesLane | undefined {
  const head = /^repositories:[ ]*\n/m.exec(text);
  if (!head || text.includes('\r')) return undefined;
  const start = head.index + head[0].length;
  const list: Record<string, unknown>[] = [];
  let entry: Record<string, unknown> | undefined;
  let dash = -1;
  let at = start;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(at, end);
    // YAML's white space is the space and the tab alone (trim() would also take a no-break space, a BOM…)
    const indent = leadingSpaces(line);
    if (/^[ \t]*$/.test(line)) {
      at = end + 1;
      continue;
    }
    // a line at column 1 ends the block, unless the sequence is written there (`- name: …` under the key)
    if (indent === 0 && !((dash === 0 || dash === -1) && line.startsWith('- '))) {
      // a comment there would leave the entries after it to js-yaml as a broken rest: decline instead
      if (line.startsWith('#')) return undefined;
      break;
    }
    let body: string;
    if (line.startsWith('- ', indent)) {
      if (dash === -1) dash = indent;
      if (indent !== dash) return undefined;
      entry = {};
      list.push(entry);
      body = line.slice(indent + 2);
    } else {
      if (!entry || indent !== dash + 2) return undefined;
      body = line.slice(indent);
    }
    const colon = body.indexOf(': ');
    if (colon <= 0) return undefined;
    const key = body.slice(0, colon);
    const value = body.slice(colon + 2).replace(/[ \t]+$/, '');
    // `x:` at a line's end would be a mapping; __proto__ is a key js-yaml treats specially
    if (!KEY.test(key) || key === '__proto__' || !VALUE.test(value) || value.endsWith(':') || Object.hasOwn(entry, key)) return undefined;
    entry[key] = resolveScalar(value);
    at = end + 1;
  }
  if (list.length === 0) return undefined;
  const blockEnd = Math.min(at, text.length);
  let marker = 'reposentry_lane';
  while (text.includes(marker)) marker += '_';
  return { rest: `${text.slice(0, head.index)}repositories: [${marker}]\n${text.slice(blockEnd)}`, list, marker };
}
