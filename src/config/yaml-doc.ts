/** YAML parsing that keeps positions, so every config problem can say FILE:LINE:COL. */
import { isMap, isPair, isScalar, isSeq, LineCounter, parse, parseDocument, visit, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { errorMessage } from '../errors.js';
import { expandEnv } from './env.js';
import type { ConfigSource, PathSegment } from './source.js';
import { describeSyntaxErrors, type SyntaxProblem } from './yaml-syntax.js';

export type { PathSegment } from './source.js';

export interface ParsedYaml {
  doc: Document;
  lineCounter: LineCounter;
  /** at most one: the first (see yaml-syntax.ts) */
  syntaxErrors: SyntaxProblem[];
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxErrors = describeSyntaxErrors(text, doc.errors, lineCounter);
  return { doc, lineCounter, syntaxErrors };
}

/**
 * The document as plain data, or the problem that prevents it. The parser reports neither an alias
 * whose anchor is not set before it nor an alias bomb: both throw only when the data is built, and
 * would end `validate` and `run` with an internal error and a stack trace.
 */
export function documentData(parsed: ParsedYaml): { data: unknown; problem?: undefined } | { problem: SyntaxProblem } {
  try {
    return { data: parsed.doc.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (err) {
    let offset = 0;
    visit(parsed.doc, {
      Alias(_key, node) {
        if (node.resolve(parsed.doc) !== undefined) return undefined;
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const { line, col } = parsed.lineCounter.linePos(offset);
    return { problem: { line, col, message: `YAML error: ${errorMessage(err)}` } };
  }
}

function rangeStart(node: { range?: [number, number, number] | null } | null | undefined): number | undefined {
  return node?.range ? node.range[0] : undefined;
}

/**
 * Line and column of the node at `segments` (its key when `at` is "key").
 * Falls back to the nearest ancestor that exists, so defaulted or missing keys
 * are reported at their parent mapping.
 */
export function locate(parsed: ParsedYaml, segments: readonly PathSegment[], at: 'key' | 'value' = 'value'): { line: number; col: number } {
  let node: unknown = parsed.doc.contents;
  let offset = rangeStart(node as Node) ?? 0;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) break;
      const keyStart = rangeStart(pair.key as Node);
      const valueStart = rangeStart(pair.value as Node);
      offset = last && at === 'key' ? (keyStart ?? offset) : (valueStart ?? keyStart ?? offset);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return parsed.lineCounter.linePos(offset);
}

/** The document as a ConfigSource: positions from the node ranges, presence as written. */
export function yamlSource(parsed: ParsedYaml): ConfigSource {
  return {
    locate: (segments, at = 'value') => locate(parsed, segments, at),
    has: (segments) => parsed.doc.hasIn(segments as PathSegment[]),
  };
}

export interface ExpansionProblem {
  segments: PathSegment[];
  message: string;
}

/**
 * Expands ${VAR} in every string scalar value, in place, before schema validation.
 * A plain (unquoted) scalar that expands to a number or boolean takes that type,
 * as if the value had been written there: `health_check_port: ${PORT}`.
 */
export function expandDocumentEnv(
  parsed: ParsedYaml,
  env: Readonly<Record<string, string | undefined>>,
  allowed: readonly string[] | undefined,
): ExpansionProblem[] {
  const problems: ExpansionProblem[] = [];
  const walk = (node: unknown, segments: PathSegment[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? (pair.key.value as PathSegment) : String(pair.key);
        walk(pair.value, [...segments, typeof key === 'number' ? String(key) : String(key)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...segments, i]));
    } else if (isScalar(node) && typeof node.value === 'string') {
      const result = expandEnv(node.value, env, allowed);
      for (const message of result.errors) problems.push({ segments, message });
      if (result.errors.length === 0 && result.value !== node.value) {
        (node as Scalar).value = retype(node as Scalar, result.value, result.expanded);
      }
    }
  };
  walk(parsed.doc.contents, []);
  return problems;
}

function retype(node: Scalar, value: string, expanded: boolean): unknown {
  if (!expanded || node.type !== 'PLAIN') return value;
  try {
    const v: unknown = parse(value);
    return typeof v === 'number' || typeof v === 'boolean' ? v : value;
  } catch {
    return value;
  }
}
