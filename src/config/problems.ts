/** Config problems with their position, collected per file. */
import type { SchemaError } from './validator.js';
import { redactText } from '../redact.js';
import { didYouMean } from './did-you-mean.js';
import { formatPath, type ConfigSource, type PathSegment } from './source.js';

/** One error or warning, pointing at FILE:LINE:COL and a key path like `repositories[1].branch_regex`. */
export interface ConfigProblem {
  file: string;
  path: string;
  line: number;
  col: number;
  message: string;
}

/** Collects the problems of one YAML file; `error`/`warn` locate the node themselves. */
export interface FileReport {
  file: string;
  /** positions and what the file itself wrote */
  source: ConfigSource;
  errors: ConfigProblem[];
  warnings: ConfigProblem[];
  /** unknown-key warnings, promoted to errors under strict */
  unknownKeys: ConfigProblem[];
  error(segments: readonly PathSegment[], message: string, opts?: { at?: 'key' | 'value'; locateAt?: readonly PathSegment[] }): void;
  warn(segments: readonly PathSegment[], message: string, opts?: { at?: 'key' | 'value'; unknownKey?: boolean }): void;
  /** true when an error was already reported at this path or inside it */
  hasErrorAt(segments: readonly PathSegment[]): boolean;
}

export function createFileReport(file: string, source: ConfigSource): FileReport {
  const errorPaths = new Set<string>();
  const report: FileReport = {
    file,
    source,
    errors: [],
    warnings: [],
    unknownKeys: [],
    error(segments, message, opts = {}) {
      const pos = source.locate(opts.locateAt ?? segments, opts.at ?? 'value');
      const path = formatPath(segments);
      errorPaths.add(path);
      // messages quote configured values: never a URL's credentials or a secret key's value
      report.errors.push({ file, path, line: pos.line, col: pos.col, message: redactText(message) });
    },
    warn(segments, message, opts = {}) {
      const pos = source.locate(segments, opts.at ?? 'value');
      const problem = { file, path: formatPath(segments), line: pos.line, col: pos.col, message: redactText(message) };
      report.warnings.push(problem);
      if (opts.unknownKey) report.unknownKeys.push(problem);
    },
    hasErrorAt(segments) {
      // asked for every repository entry; a valid config has no errors to search
      if (errorPaths.size === 0) return false;
      const p = formatPath(segments);
      for (const e of errorPaths) if (e === p || e.startsWith(p + '.') || e.startsWith(p + '[')) return true;
      return false;
    },
  };
  return report;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean (true/false)',
};

function typeName(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  if (list.includes('string') && list.includes('number')) return 'a duration ("30s", "5m", "1h30m") or a number of seconds';
  return list.map((x) => TYPE_NAMES[String(x)] ?? String(x)).join(' or ');
}

/** JSON pointer → path segments, numbers where the data is a list. */
function pointerToSegments(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const segments: PathSegment[] = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      segments.push(Number(key));
      cur = cur[Number(key)];
    } else {
      segments.push(key);
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
    }
  }
  return segments;
}

/** Turns ajv errors into positioned problems with plain-language messages. */
export function reportSchemaErrors(report: FileReport, errors: readonly SchemaError[], data: unknown): void {
  for (const e of errors) {
    const segments = pointerToSegments(e.instancePath, data);
    const params = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required': {
        const key = String(params.missingProperty);
        report.error([...segments, key], `missing required key "${key}"`, { locateAt: segments });
        break;
      }
      case 'additionalProperties': {
        const key = String(params.additionalProperty);
        const props = Object.keys(((e.parentSchema as Record<string, unknown>)?.properties as Record<string, unknown>) ?? {});
        const hint = didYouMean(key, props);
        const msg = `unknown key "${key}"` + (hint ? ` (did you mean "${hint}"?)` : props.length ? ` (valid keys here: ${props.join(', ')})` : '');
        report.warn([...segments, key], msg, { at: 'key', unknownKey: true });
        break;
      }
      case 'type':
        report.error(segments, `expected ${typeName(params.type)}, got ${describe(e.data)}`);
        break;
      case 'enum': {
        const allowed = (params.allowedValues as unknown[]).map(String);
        const hint = typeof e.data === 'string' ? didYouMean(e.data, allowed) : undefined;
        report.error(segments, `must be one of ${allowed.join(', ')}; got ${describe(e.data)}` + (hint ? ` (did you mean "${hint}"?)` : ''));
        break;
      }
      case 'minLength':
        report.error(segments, params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters`);
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        report.error(segments, `${e.message ?? 'out of range'}; got ${JSON.stringify(e.data)}`);
        break;
      default:
        report.error(segments, e.message ?? `invalid (${e.keyword})`);
    }
  }
}
