/** Checks the schema cannot express: URLs, https, unique names, provider inference. */
import { errorMessage } from '../errors.js';
import { redactUrl } from '../redact.js';
import type { ProviderId } from '../types.js';
import type { FileReport } from './problems.js';
import { inferProvider } from './provider.js';
import { locateRepository } from './repo-location.js';
import type { RepoLocation } from './types.js';
import { isLoopbackHost, parseRepoUrl, type RepoUrl } from './repo-url.js';
import type { PathSegment } from './source.js';

/** A repository entry as validated by the schema, with where it came from. */
export interface RepoEntry {
  report: FileReport;
  segments: PathSegment[];
  raw: Record<string, unknown>;
  /** `enabled` when the entry does not say (global_settings.default_polling_enabled) */
  defaultEnabled: boolean;
  /** filled by checkRepositories */
  provider?: ProviderId;
  /** filled by checkRepositories when the URL is valid: the one parse of it */
  location?: RepoLocation;
}

export interface UrlSecurity {
  requireHttps: boolean;
  allowFileUrls: boolean;
}

function httpsRefusal(url: URL): string | undefined {
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return `http:// is refused because security.require_https is true; use https:// (got "${redactUrl(url.href)}")`;
  }
  return undefined;
}

export function checkRepositories(entries: RepoEntry[], security: UrlSecurity): void {
  const seen = new Map<string, RepoEntry>();
  // Fleets share a few api_base_url values; each is checked once (a URL parse per entry otherwise).
  const apiProblems = new Map<string, string | undefined>();
  const policy = { requireHttps: security.requireHttps, allowFile: security.allowFileUrls };
  for (const entry of entries) {
    const { report, segments, raw } = entry;
    const name = raw.name as string;
    const first = seen.get(name);
    if (first) {
      const where = first.report === report ? `line ${locLine(first)}` : `${first.report.file}:${locLine(first)}`;
      report.error([...segments, 'name'], `duplicate repository name "${name}" (first defined at ${where})`);
    } else {
      seen.set(name, entry);
    }

    const urlPath = [...segments, 'url'];
    let parsed: RepoUrl | undefined;
    if (!report.hasErrorAt(urlPath)) {
      try {
        parsed = parseRepoUrl(raw.url as string, policy);
      } catch (err) {
        report.error(urlPath, errorMessage(err));
      }
    }
    if (parsed?.credentials) {
      report.warn(urlPath, 'the URL carries credentials (user:password@); they are used for polling only and hidden everywhere else, but the `token` key (set from ${SOME_TOKEN}) is the better place for them');
    }

    if (raw.provider === undefined) {
      const guess = parsed ? inferProvider(parsed) : { provider: 'git' as const, recognised: true };
      entry.provider = guess.provider;
      if (!guess.recognised) {
        report.warn([...segments, 'url'], `cannot tell the provider from the host; using "git" (git ls-remote). Set provider: github|gitlab|gitea to use its API`);
      }
    } else {
      entry.provider = raw.provider as ProviderId;
    }

    const api = raw.api_base_url;
    const apiPath = [...segments, 'api_base_url'];
    let apiOk = true;
    if (typeof api === 'string' && api.trim() !== '' && !report.hasErrorAt(apiPath)) {
      const trimmed = api.trim();
      if (!apiProblems.has(trimmed)) apiProblems.set(trimmed, httpUrlProblem(trimmed, security.requireHttps));
      const problem = apiProblems.get(trimmed);
      if (problem) {
        report.error(apiPath, problem);
        apiOk = false;
      }
    }
    if (parsed && apiOk) {
      try {
        entry.location = locateRepository(parsed, entry.provider, typeof api === 'string' ? api : undefined);
      } catch (err) {
        report.error(urlPath, errorMessage(err));
      }
    }

    // `token: ${GITHUB_TOKEN:-}` with the variable unset (the starter config's form): it runs, unauthenticated
    if (raw.token === '' && entry.provider !== 'git') {
      report.warn([...segments, 'token'], 'token is empty (is its environment variable set?): the API is called without authentication, at a much lower rate limit, and private repositories fail');
    }
  }
}

/** Line of an entry's name, for "first defined at" hints. */
function locLine(entry: RepoEntry): number {
  return entry.report.source.locate([...entry.segments, 'name']).line;
}

/** Problem with an http(s) URL, or undefined. */
export function httpUrlProblem(url: string, requireHttps: boolean): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `not a valid URL: "${redactUrl(url)}"`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `must be an http:// or https:// URL, got "${redactUrl(url)}"`;
  if (!u.hostname) return `URL has no host: "${redactUrl(url)}"`;
  return requireHttps ? httpsRefusal(u) : undefined;
}

const MIRROR_KEYS = ['token', 'token_file', 'username', 'prune', 'create', 'create_token', 'create_token_file'];
const MIRROR_PLACEHOLDERS = /\{(name|full_name|repo)\}/g;

/** A mirror target's url is a Git remote template: with placeholders filled in it must be a repository URL. */
function checkMirrorTarget(report: FileReport, seg: PathSegment[], t: Record<string, unknown>, requireHttps: boolean): void {
  const url = t.url;
  if (typeof url !== 'string' || url.trim() === '') {
    report.error([...seg, 'url'], 'missing required key "url": the Git remote to push to, e.g. https://gitea.example.com/mirrors/{repo}.git', { locateAt: seg });
    return;
  }
  if (report.hasErrorAt([...seg, 'url'])) return;
  const unknown = /\{([^}]*)\}/.exec(url.replace(MIRROR_PLACEHOLDERS, ''));
  if (unknown) {
    report.error([...seg, 'url'], `unknown placeholder {${unknown[1]}} in the mirror URL; use {name}, {full_name} or {repo}`);
    return;
  }
  const sample = url.replace(MIRROR_PLACEHOLDERS, 'x');
  try {
    // the same rules as a repository URL: a mirror's remote is handed to git too
    parseRepoUrl(sample, { requireHttps, allowFile: true });
  } catch (err) {
    report.error([...seg, 'url'], errorMessage(err));
  }
  if (t.create !== undefined && !/^https?:\/\//.test(url)) {
    report.error([...seg, 'create'], 'create needs an http(s) mirror URL: the server\'s API is reached at the same host');
  }
}

/** tekton.event_listener_url and triggers[*]: URLs, names, the log target. */
export function checkTargets(report: FileReport, data: Record<string, unknown>, requireHttps: boolean): void {
  const tekton = data.tekton as Record<string, unknown> | undefined;
  const elUrl = tekton?.event_listener_url;
  if (typeof elUrl === 'string' && elUrl.trim() !== '' && !report.hasErrorAt(['tekton', 'event_listener_url'])) {
    const problem = httpUrlProblem(elUrl.trim(), requireHttps);
    if (problem) report.error(['tekton', 'event_listener_url'], problem);
  } else if (report.source.has(['tekton']) && (typeof elUrl !== 'string' || elUrl.trim() === '')) {
    report.warn(['tekton'], 'tekton has no event_listener_url, so nothing is delivered to Tekton');
  }

  if (tekton?.format === 'mirror') report.error(['tekton', 'format'], 'format mirror is for triggers: entries (a Git remote URL template), not the tekton: block');
  const triggers = (data.triggers as Record<string, unknown>[] | undefined) ?? [];
  // content filters judge the enrichment: with it off they never filter anything
  const enrich = data.enrich as { enabled?: unknown } | undefined;
  if (enrich?.enabled === false) {
    const withContent = (f: unknown): boolean => {
      const x = f as Record<string, unknown> | undefined;
      return Boolean(x && (x.paths !== undefined || x.ignore_paths !== undefined || (x.skip_ci !== undefined && x.skip_ci !== false) || (x.forced !== undefined && x.forced !== 'any')));
    };
    if (withContent(tekton?.filter)) report.warn(['tekton', 'filter'], 'paths, ignore_paths, skip_ci and forced need enrichment, which enrich.enabled: false turns off: every event passes them');
    triggers.forEach((t, i) => {
      if (withContent(t.filter)) report.warn(['triggers', i, 'filter'], 'paths, ignore_paths, skip_ci and forced need enrichment, which enrich.enabled: false turns off: every event passes them');
    });
  }
  const names = new Map<string, number>();
  triggers.forEach((t, i) => {
    const seg: PathSegment[] = ['triggers', i];
    const name = t.name as string | undefined;
    if (typeof name === 'string' && !report.hasErrorAt([...seg, 'name'])) {
      if (name === 'tekton') report.error([...seg, 'name'], 'the name "tekton" is reserved for the tekton: block; choose another name');
      else if (names.has(name)) report.error([...seg, 'name'], `duplicate trigger name "${name}" (first used by triggers[${names.get(name)}])`);
      else names.set(name, i);
    }
    if (t.format === 'mirror') {
      checkMirrorTarget(report, seg, t, requireHttps);
      return;
    }
    for (const key of MIRROR_KEYS) {
      if (report.source.has([...seg, key])) report.error([...seg, key], `${key} applies only to format: mirror targets`);
    }
    const url = t.url as string | undefined;
    if (url === undefined) {
      if (t.format !== 'log') report.error([...seg, 'url'], 'missing required key "url" (or set format: log)', { locateAt: seg });
      return;
    }
    if (report.hasErrorAt([...seg, 'url'])) return;
    if (url === 'log:') {
      // format defaults to cloudevents; only an explicit other format contradicts "log:"
      if (report.source.has([...seg, 'format']) && t.format !== 'log') report.error([...seg, 'format'], `url "log:" is the log target; its format must be log, got "${String(t.format)}"`);
      return;
    }
    const problem = httpUrlProblem(url, requireHttps);
    if (problem) report.error([...seg, 'url'], problem + ' (or "log:" for the log target)');
  });
}
