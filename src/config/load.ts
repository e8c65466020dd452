/**
 * loadConfig: YAML → env expansion → schema (defaults) → semantic checks → Config.
 * Every problem says FILE:LINE:COL and the key path; nothing is thrown for a bad config.
 *
 * Two passes, because positions are only needed to report a problem: the fast path (js-yaml into
 * plain objects, fast-yaml.ts) runs everything; when it finds no error and no warning, its result
 * is the answer. Otherwise, or when it declines the syntax, the file is parsed again with `yaml`'s
 * position-keeping document model (yaml-doc.ts, imported only then) and every check runs again.
 * The fast path is much faster on large files and builds no document nodes (docs/performance.md).
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './types.js';
import { checkRepositories, checkTargets, type RepoEntry } from './checks.js';
import { checkCredentials, warnUnusedCredentials } from './credentials.js';
import { resolveSecretFiles } from './secret-files.js';
import { checkDiscover } from './check-discover.js';
import { checkHttp } from './check-http.js';
import { normalizeConfig } from './normalize.js';
import { createFileReport, reportSchemaErrors, type ConfigProblem, type FileReport } from './problems.js';
import { createValidators, type Validators } from './validator.js';
import { parseFast } from './fast-yaml.js';

export type { ConfigProblem } from './problems.js';

export interface LoadResult {
  /** present only when there are no errors */
  config?: Config;
  errors: ConfigProblem[];
  warnings: ConfigProblem[];
}

export interface LoadOptions {
  /** variables for ${VAR}; default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** warnings are errors too (`validate --strict`) */
  strict?: boolean;
  /**
   * Unknown keys are warnings instead of errors, for configs written for a newer version
   * (`--allow-unknown-keys`, or REPOSENTRY_ALLOW_UNKNOWN_KEYS=1 in the environment). Off by default:
   * a misspelt key such as `brnach_regex` must never silently widen what is watched.
   */
  allowUnknownKeys?: boolean;
  /** compiled schema validators, to reuse across reloads */
  validators?: Validators;
  /**
   * Called with the main file's values once they passed the schema (defaults filled in), before the
   * cross-checks and normalization: the daemon starts its database check from them meanwhile.
   */
  onSchemaValid?: (data: Record<string, unknown>, configDir: string) => void;
  /** skip the fast path and always parse with positions (for comparisons; same result) */
  alwaysKeepPositions?: boolean;
}

/** fast: js-yaml, no positions, gives up on any problem; full: `yaml` with positions */
type Mode = 'fast' | 'full';

/** The fast path found something it cannot report with a position, or declined the syntax. */
const NEEDS_POSITIONS = Symbol('needs-positions');

/**
 * The largest config (or repositories_config) file read. A real fleet of 100,000 repositories is
 * ~10 MiB of YAML; anything larger is a mistake, and parsing it would stall the daemon and its API.
 */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

class ConfigTooLargeError extends Error {}

function tooLarge(file: string, bytes: number): string {
  return `${file} is ${(bytes / 1024 / 1024).toFixed(1)} MiB; a config file may be at most 16 MiB (split repositories into repositories_config, or check that the right file is named)`;
}

/** Reads a file of at most MAX_CONFIG_BYTES; a larger one is refused before it is read. */
export async function readConfigFile(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_CONFIG_BYTES) throw new ConfigTooLargeError(tooLarge(file, size));
    // read one byte more than allowed: a file that grew since the stat is refused too
    const buffer = Buffer.alloc(Math.min(size, MAX_CONFIG_BYTES) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) {
        if (length > MAX_CONFIG_BYTES) throw new ConfigTooLargeError(tooLarge(file, length));
        break;
      }
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

let cachedValidators: Validators | undefined;
function validatorsFor(opts: LoadOptions): Validators {
  // Compiling the schema is pure and costs a few ms; keep one compiled copy unless one is injected.
  return opts.validators ?? (cachedValidators ??= createValidators());
}

export async function loadConfig(file: string, opts: LoadOptions = {}): Promise<LoadResult> {
  let text: string;
  try {
    text = await readConfigFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = err instanceof ConfigTooLargeError ? err.message
      : code === 'ENOENT' ? `config file not found: ${file}` : `cannot read config file ${file}: ${(err as Error).message}`;
    return { errors: [{ file, path: '(root)', line: 1, col: 1, message }], warnings: [] };
  }
  return loadConfigText(text, file, opts);
}

interface ParsedFile {
  report: FileReport;
  data?: Record<string, unknown>;
}

async function parseAndValidate(
  mode: Mode,
  text: string,
  file: string,
  validate: Validators['config'],
  env: Readonly<Record<string, string | undefined>>,
  allowedFrom?: readonly string[],
): Promise<(ParsedFile & { allowed?: readonly string[] }) | typeof NEEDS_POSITIONS> {
  if (mode === 'fast') {
    const fast = parseFast(text, env, allowedFrom);
    if (!fast || !validate(fast.data)) return NEEDS_POSITIONS;
    return { report: createFileReport(file, fast.source), data: fast.data, allowed: allowedFrom ?? fast.ownAllowed };
  }
  const { documentData, expandDocumentEnv, parseYaml, yamlSource } = await import('./yaml-doc.js');
  const parsed = parseYaml(text);
  const report = createFileReport(file, yamlSource(parsed));
  if (parsed.syntaxErrors.length > 0) {
    for (const e of parsed.syntaxErrors) report.errors.push({ file, line: e.line, col: e.col, message: e.message, path: e.path ?? '(root)' });
    return { report };
  }
  const contents = parsed.doc.contents;
  if (contents === null || contents === undefined) {
    report.error([], 'the file is empty; expected a mapping of settings (see config.example.yaml)');
    return { report };
  }
  // allowed_env_vars is read before expansion: it decides what expansion may read.
  const allowedNode = parsed.doc.getIn(['security', 'allowed_env_vars'], true) as { toJSON?: () => unknown } | undefined;
  const rawAllowed = typeof allowedNode?.toJSON === 'function' ? allowedNode.toJSON() : undefined;
  const ownAllowed = isStringList(rawAllowed) ? rawAllowed : undefined;
  const allowed = allowedFrom ?? ownAllowed;
  for (const p of expandDocumentEnv(parsed, env, allowed)) report.error(p.segments, p.message);
  const built = documentData(parsed);
  if (built.problem) {
    report.errors.push({ file, line: built.problem.line, col: built.problem.col, message: built.problem.message, path: '(root)' });
    return { report, allowed };
  }
  const data = built.data;
  if (!validate(data)) reportSchemaErrors(report, validate.errors ?? [], data);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { report, allowed };
  return { report, data: data as Record<string, unknown>, allowed };
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function repoEntries(report: FileReport, data: Record<string, unknown>, defaultEnabled: boolean): RepoEntry[] {
  const list = Array.isArray(data.repositories) ? (data.repositories as unknown[]) : [];
  const entries: RepoEntry[] = [];
  list.forEach((raw, i) => {
    // entries with schema errors in name or url are skipped by the cross-checks, already reported
    if (!raw || typeof raw !== 'object' || typeof (raw as Record<string, unknown>).name !== 'string' || typeof (raw as Record<string, unknown>).url !== 'string') return;
    if (report.hasErrorAt(['repositories', i, 'url']) && report.hasErrorAt(['repositories', i, 'name'])) return;
    entries.push({ report, segments: ['repositories', i], raw: raw as Record<string, unknown>, defaultEnabled });
  });
  return entries;
}

export async function loadConfigText(text: string, fileName: string, opts: LoadOptions = {}): Promise<LoadResult> {
  if (text.length > MAX_CONFIG_BYTES || Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    return { errors: [{ file: fileName, path: '(root)', line: 1, col: 1, message: tooLarge(fileName, Buffer.byteLength(text)) }], warnings: [] };
  }
  if (!opts.alwaysKeepPositions) {
    const fast = await loadWith('fast', text, fileName, opts);
    if (fast !== NEEDS_POSITIONS) return fast;
  }
  return (await loadWith('full', text, fileName, opts)) as LoadResult;
}

/**
 * The fast path alone: the result when the config has no error and no warning, else undefined
 * (loadConfigText then parses with positions). Exported so tests can prove both paths agree.
 */
export async function loadConfigTextFast(text: string, fileName: string, opts: LoadOptions = {}): Promise<LoadResult | undefined> {
  const fast = await loadWith('fast', text, fileName, opts);
  return fast === NEEDS_POSITIONS ? undefined : fast;
}

async function loadWith(mode: Mode, text: string, fileName: string, opts: LoadOptions): Promise<LoadResult | typeof NEEDS_POSITIONS> {
  const env = opts.env ?? process.env;
  const validators = validatorsFor(opts);
  const main = await parseAndValidate(mode, text, fileName, validators.config, env);
  if (main === NEEDS_POSITIONS) return NEEDS_POSITIONS;
  const reports: FileReport[] = [main.report];
  const sourceFiles = [path.resolve(fileName)];
  const baseDir = path.dirname(path.resolve(fileName));
  if (main.data && main.report.errors.length === 0) opts.onSchemaValid?.(main.data, baseDir);
  let entries: RepoEntry[] = [];
  const secretFiles: string[] = [];

  if (main.data) {
    const data = main.data;
    entries = repoEntries(main.report, data, true);
    const rel = data.repositories_config;
    if (typeof rel === 'string' && rel !== '' && !main.report.hasErrorAt(['repositories_config'])) {
      const extra = await loadRepositoriesFile(mode, rel, fileName, baseDir, main.report, validators, env, main.allowed);
      if (extra === NEEDS_POSITIONS) return NEEDS_POSITIONS;
      if (extra) {
        reports.push(extra.report);
        sourceFiles.push(extra.absPath);
        if (entries.length > 0 && extra.entries.length > 0) {
          main.report.warn(['repositories_config'], 'repositories are listed both here and in repositories_config; both lists are watched (the original RepoSentry used only the repositories_config file)');
        }
        entries = entries.concat(extra.entries);
      }
    }
    const security = (data.security ?? {}) as Record<string, unknown>;
    const requireHttps = security.require_https === true;
    // secrets from files first: the checks below see token_file as a token
    const fileOpts = { baseDir };
    for (const [key, value] of Object.entries(data)) {
      if (key !== 'repositories') secretFiles.push(...resolveSecretFiles(main.report, value, [key], fileOpts));
    }
    for (const e of entries) secretFiles.push(...resolveSecretFiles(e.report, e.raw, e.segments, fileOpts));
    checkRepositories(entries, { requireHttps, allowFileUrls: security.allow_file_urls === true });
    checkTargets(main.report, data, requireHttps);
    checkCredentials(main.report, data, requireHttps);
    warnUnusedCredentials(main.report, data, entries.map((e) => ({ location: e.location, provider: e.provider ?? 'git', hasToken: (typeof e.raw.token === 'string' && e.raw.token !== '') || e.location?.credentials !== undefined })));
    checkDiscover(main.report, data, requireHttps);
    checkHttp(main.report, data);
    const discovers = Array.isArray(data.discover) && data.discover.length > 0;
    if (entries.length === 0 && !discovers && reports.every((r) => r.errors.length === 0)) {
      main.report.warn(['repositories'], 'no repositories are configured; nothing will be polled');
    }
  }

  if (mode === 'fast' && reports.some((r) => r.errors.length > 0 || r.warnings.length > 0 || r.unknownKeys.length > 0)) {
    return NEEDS_POSITIONS;
  }
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const relaxed = !opts.strict && (opts.allowUnknownKeys ?? env.REPOSENTRY_ALLOW_UNKNOWN_KEYS === '1');
  for (const r of reports) {
    const unknown = new Set(r.unknownKeys);
    errors.push(...sortProblems(relaxed ? r.errors : [...r.errors, ...r.unknownKeys]));
    warnings.push(...sortProblems(relaxed ? r.warnings : r.warnings.filter((w) => !unknown.has(w))));
  }
  if (errors.length > 0 || !main.data) return { errors, warnings };
  return { config: normalizeConfig(main.data, entries, baseDir, sourceFiles, [...new Set(secretFiles)]), errors, warnings };
}

function sortProblems(list: ConfigProblem[]): ConfigProblem[] {
  return [...list].sort((a, b) => a.line - b.line || a.col - b.col);
}

async function loadRepositoriesFile(
  mode: Mode,
  rel: string,
  mainFile: string,
  baseDir: string,
  mainReport: FileReport,
  validators: Validators,
  env: Readonly<Record<string, string | undefined>>,
  allowed: readonly string[] | undefined,
): Promise<{ report: FileReport; entries: RepoEntry[]; absPath: string } | undefined | typeof NEEDS_POSITIONS> {
  const absPath = path.resolve(baseDir, rel);
  const displayPath = path.isAbsolute(rel) ? rel : path.join(path.dirname(mainFile), rel);
  let text: string;
  try {
    text = await readConfigFile(absPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    mainReport.error(['repositories_config'], err instanceof ConfigTooLargeError ? err.message : code === 'ENOENT'
      ? `repositories file not found: ${absPath} (paths are relative to the config file's folder)`
      : `cannot read repositories file ${absPath}: ${(err as Error).message}`);
    return undefined;
  }
  // The main file's allowed_env_vars governs the repositories file too; the list is absent there.
  const parsed = await parseAndValidate(mode, text, displayPath, validators.repositoriesFile, env, allowed ?? undefined);
  if (parsed === NEEDS_POSITIONS) return NEEDS_POSITIONS;
  if (!parsed.data) return { report: parsed.report, entries: [], absPath };
  const global = (parsed.data.global_settings ?? {}) as Record<string, unknown>;
  const defaultEnabled = typeof global.default_polling_enabled === 'boolean' ? global.default_polling_enabled : true;
  return { report: parsed.report, entries: repoEntries(parsed.report, parsed.data, defaultEnabled), absPath };
}
