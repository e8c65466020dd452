/**
 * YAML syntax errors as a person needs them: one error (what follows the first is the parser
 * losing its footing, not more mistakes), at the line that is wrong, and a duplicate key named by
 * its path. yaml reports a key indented too far at the key *above* it ("Nested mappings are not
 * allowed in compact mappings"), then repeats itself for every line after.
 */
import { isMap, isScalar, isSeq, parseDocument, type LineCounter, type Node, type Pair, type YAMLError } from 'yaml';
import { formatPath, type PathSegment } from './source.js';

export interface SyntaxProblem {
  line: number;
  col: number;
  message: string;
  /** the key path, when known (duplicate keys) */
  path?: string;
}

/** The next line after `line` (1-based) with content: not blank, not only a comment. */
function nextContentLine(lines: string[], line: number): number | undefined {
  for (let i = line; i < lines.length; i++) {
    if (lines[i].trim() !== '' && !lines[i].trimStart().startsWith('#')) return i + 1;
  }
  return undefined;
}

function indentCol(lines: string[], line: number): number {
  return lines[line - 1].length - lines[line - 1].trimStart().length + 1;
}

/** Path of the key that starts at `offset`, found in a re-parse that keeps duplicate keys. */
function duplicatePath(text: string, offset: number): { path: string; firstOffset?: number } | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  function walk(node: unknown, segments: PathSegment[]): { path: string; firstOffset?: number } | undefined {
    if (isMap(node)) {
      const items = node.items as Pair[];
      for (const pair of items) {
        const key = pair.key as Node | null;
        const name = isScalar(key) ? String(key.value) : String(key);
        if (key?.range?.[0] === offset) {
          const first = items.find((p) => p !== pair && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === name);
          return { path: formatPath([...segments, name]), firstOffset: (first?.key as Node | null)?.range?.[0] };
        }
        const found = walk(pair.value, [...segments, name]);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const found = walk(node.items[i], [...segments, i]);
        if (found) return found;
      }
    }
    return undefined;
  }
  return walk(doc.contents, []);
}

export function describeSyntaxErrors(text: string, errors: readonly YAMLError[], lineCounter: LineCounter): SyntaxProblem[] {
  const first = errors[0];
  if (!first) return [];
  const at = lineCounter.linePos(first.pos[0]);
  const lines = text.split(/\r?\n/);
  switch (first.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      // "key: value" followed by a line indented deeper: that deeper line is the mistake
      const line = nextContentLine(lines, at.line);
      if (line === undefined || indentCol(lines, line) <= indentCol(lines, at.line)) break;
      return [{
        line,
        col: indentCol(lines, line),
        message: `YAML indentation error: this line is indented deeper than the key on line ${at.line}, which already has a value; align it with the keys of its mapping`,
      }];
    }
    case 'BAD_INDENT': {
      const line = at.line;
      return [{ line, col: indentCol(lines, line), message: 'YAML indentation error: this key does not line up with the other keys of its mapping; align it with them' }];
    }
    case 'DUPLICATE_KEY': {
      const dup = duplicatePath(text, first.pos[0]);
      if (!dup) break;
      const firstLine = dup.firstOffset === undefined ? undefined : lineCounter.linePos(dup.firstOffset).line;
      return [{ ...at, path: dup.path, message: `duplicate key${firstLine ? ` (first set on line ${firstLine})` : ''}; remove one of them` }];
    }
  }
  // yaml's messages end with a source excerpt after a newline; keep the first line only.
  return [{ ...at, message: `YAML syntax error: ${first.message.split('\n')[0]}` }];
}
