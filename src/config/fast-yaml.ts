/**
 * The fast path of config loading: js-yaml (much faster than `yaml`'s document model on a large
 * file, and without its node objects; figures in docs/performance.md) into plain objects, then the
 * same ${VAR} expansion. It keeps no positions, so any problem at all makes loadConfig parse the
 * file again with `yaml` (yaml-doc.ts) to report it at FILE:LINE:COL.
 *
 * The schema below resolves plain scalars exactly like `yaml`'s YAML 1.2 core schema (its regular
 * expressions copied), so `yes`/`on` stay strings and `0o17`/`0x1f` are numbers in both. Anything
 * where the two libraries could still disagree is not attempted here (`undefined` = use the full
 * parser): tags, anchors and aliases, `%` directives, `?` complex keys, `<<` merge keys, a parse
 * error, a ${VAR} in a plain scalar that would expand to a number or boolean, and a quoted scalar
 * spanning lines (js-yaml does not check its continuation lines' indentation).
 */
import { FAILSAFE_SCHEMA, load, Type, types, type LoaderState, type Schema } from 'js-yaml';
import { expandEnv } from './env.js';
import { repositoriesLane } from './fast-list.js';
import type { ConfigSource, PathSegment } from './source.js';

const INT = [/^[-+]?[0-9]+$/, /^0o[0-7]+$/, /^0x[0-9a-fA-F]+$/];
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/];
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

function constructInt(s: string): number {
  if (s.startsWith('0o')) return parseInt(s.slice(2), 8);
  if (s.startsWith('0x')) return parseInt(s.slice(2), 16);
  return parseInt(s, 10);
}

function constructFloat(s: string): number {
  if (!FLOAT_SPECIAL.test(s)) return parseFloat(s);
  if (s.slice(-3).toLowerCase() === 'nan') return NaN;
  return s.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** The first characters of every non-string plain scalar of the core schema (null, bool, int, float, .inf, .nan). */
const MAY_RESOLVE = /^[-+.~0-9nNtTfF]/;

/** A plain scalar as the core schema resolves it (the order of the implicit types below: null, bool, int, float). */
function resolveScalar(s: string): unknown {
  // names and URLs, most of a fleet's values, start with a letter no null, bool or number starts with
  if (!MAY_RESOLVE.test(s)) return s;
  if (s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (BOOL.test(s)) return s === 'true' || s === 'True' || s === 'TRUE';
  if (INT.some((re) => re.test(s))) return constructInt(s);
  if (FLOAT_SPECIAL.test(s) || FLOAT.some((re) => re.test(s))) return constructFloat(s);
  return s;
}

let coreSchema: Schema | undefined;
function yamlCoreSchema(): Schema {
  // Built on first use: pure, and the same for every load.
  return (coreSchema ??= FAILSAFE_SCHEMA.extend({
    implicit: [
      types.null,
      types.bool,
      new Type('tag:yaml.org,2002:int', { kind: 'scalar', resolve: (s) => INT.some((re) => re.test(s)), construct: constructInt }),
      new Type('tag:yaml.org,2002:float', { kind: 'scalar', resolve: (s) => FLOAT_SPECIAL.test(s) || FLOAT.some((re) => re.test(s)), construct: constructFloat }),
    ],
  }));
}

/** Syntax the fast path leaves to `yaml`: directives, tags, anchors, aliases, complex keys, merge keys. */
const NEEDS_FULL_PARSER = /^%|(?:^|[\s[\]{},])[!&*]|(?:^|[\s[{,])\?(?:\s|$)|<</m;

/** A value a ${VAR} may expand to without asking whether its scalar was plain: `yaml` reads it as a string. */
const PLAIN_STRING_CHARS = /^[A-Za-z0-9_./:@+=,~-]*$/;
function mayRetype(value: string): boolean {
  if (!PLAIN_STRING_CHARS.test(value)) return true;
  return BOOL.test(value) || FLOAT_SPECIAL.test(value) || INT.some((re) => re.test(value)) || FLOAT.some((re) => re.test(value));
}

/**
 * Finds a quoted scalar that spans lines. js-yaml does not check the indentation of its continuation
 * lines, `yaml` refuses them when they are not indented past their mapping ('Missing closing quote'):
 * with one, the fast path could accept a file the full parser rejects, so it declines. A scalar whose
 * node began on an earlier line (`key:` then the value on the next line) and ends with a quote counts
 * too: declining is always safe.
 */
function multiLineQuotedWatch(text: string): { listener: (event: 'open' | 'close', state: LoaderState) => void; found(): boolean } {
  const opened: number[] = [];
  let found = false;
  return {
    listener(event, state) {
      if (event === 'open') {
        opened.push(state.line);
        return;
      }
      const line = opened.pop() ?? state.line;
      if (state.kind !== 'scalar' || state.line === line) return;
      const last = text.charCodeAt(state.position - 1);
      if (last === 0x22 || last === 0x27) found = true;
    },
    found: () => found,
  };
}

export interface FastParsed {
  data: Record<string, unknown>;
  source: ConfigSource;
  /** security.allowed_env_vars as written (read before expansion, as the full path does) */
  ownAllowed?: string[];
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * Parses and expands ${VAR} in every string value, in place. `undefined` when the full parser
 * must decide: unsupported syntax, a syntax error, an empty file, or any expansion problem.
 */
export function parseFast(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  allowedFrom: readonly string[] | undefined,
): FastParsed | undefined {
  // a large fleet's repositories block, read line by line (fast-list.ts); js-yaml reads the rest.
  // The lane's lines can hold none of the syntax below (its values admit no tag, anchor or alias
  // start, no `%`, no `<<` key), so only the rest is searched for it.
  const lane = repositoriesLane(text, resolveScalar);
  if (NEEDS_FULL_PARSER.test(lane ? lane.rest : text)) return undefined;
  const parsed = lane ? lane.rest : text;
  const quoted = multiLineQuotedWatch(parsed);
  let data: unknown;
  try {
    data = load(parsed, { schema: yamlCoreSchema(), listener: quoted.listener });
  } catch {
    return undefined;
  }
  if (quoted.found()) return undefined;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const root = data as Record<string, unknown>;
  if (lane) {
    const placed = root.repositories;
    if (!Array.isArray(placed) || placed.length !== 1 || placed[0] !== lane.marker) return undefined;
    root.repositories = lane.list;
  }
  const security = root.security;
  const rawAllowed = security && typeof security === 'object' ? (security as Record<string, unknown>).allowed_env_vars : undefined;
  const ownAllowed = isStringList(rawAllowed) ? [...rawAllowed] : undefined;
  const allowed = allowedFrom ?? ownAllowed;
  // The keys each mapping had before schema defaults are added, for ConfigSource.has.
  const written = new WeakMap<object, string[]>();

  const expand = (value: string): string | undefined => {
    if (!value.includes('$')) return value;
    const r = expandEnv(value, env, allowed);
    if (r.errors.length > 0) return undefined;
    if (r.expanded && r.value !== value && mayRetype(r.value)) return undefined;
    return r.value;
  };
  const walk = (node: unknown): boolean => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === 'string') {
          const v = expand(item);
          if (v === undefined) return false;
          node[i] = v;
        } else if (item !== null && typeof item === 'object' && !walk(item)) return false;
      }
      return true;
    }
    const obj = node as Record<string, unknown>;
    const keys = Object.keys(obj);
    written.set(obj, keys);
    for (const k of keys) {
      const item = obj[k];
      if (typeof item === 'string') {
        const v = expand(item);
        if (v === undefined) return false;
        obj[k] = v;
      } else if (item !== null && typeof item === 'object' && !walk(item)) return false;
    }
    return true;
  };
  if (!walk(root)) return undefined;

  const source: ConfigSource = {
    // never shown: a problem found on the fast path sends the file back through the full parser
    locate: () => ({ line: 0, col: 0 }),
    has(segments: readonly PathSegment[]): boolean {
      let cur: unknown = root;
      for (const seg of segments) {
        if (Array.isArray(cur)) {
          if (typeof seg !== 'number' || seg >= cur.length) return false;
        } else if (cur !== null && typeof cur === 'object') {
          if (!written.get(cur)?.includes(String(seg))) return false;
        } else {
          return false;
        }
        cur = (cur as Record<string, unknown>)[seg];
      }
      return true;
    },
  };
  return { data: root, source, ownAllowed };
}
