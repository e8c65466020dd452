/** Validated, defaulted YAML data → the camelCase, milliseconds Config every component reads. */
import path from 'node:path';
import type { EventType, ProviderId } from '../types.js';
import type { Config, CredentialConfig, DeliveryFormat, MirrorCreate, DiscoverKind, DiscoverProvider, DiscoverSourceConfig, GithubMode, LogLevel, RateLimitConfig, RepoLocation, RepositoryConfig, TargetConfig } from './types.js';
import type { RepoEntry } from './checks.js';
import { parseDuration } from './duration.js';
import { appBudgetId, matchCredential, toCredential } from './credentials.js';
import { repositoryLocation } from './repo-location.js';

type Raw = Record<string, unknown>;

// The data is validated and defaulted: these helpers narrow its values by their type instead of casting.
function isRaw(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optRaw(v: unknown): Raw | undefined {
  return isRaw(v) ? v : undefined;
}

/** a list of mappings (triggers, credentials, discover); absent → [] */
function raws(v: unknown): Raw[] {
  return Array.isArray(v) ? v.filter(isRaw) : [];
}

/** a list of strings; absent → undefined */
function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

function section(data: Raw, key: string): Raw {
  return optRaw(data[key]) ?? {};
}

function optString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function toTarget(name: string, url: string, raw: Raw): TargetConfig {
  const isLog = raw.format === 'log' || url === 'log:';
  const filter = optRaw(raw.filter);
  return {
    name,
    url: isLog ? 'log:' : url,
    format: (isLog ? 'log' : raw.format) as DeliveryFormat,
    mode: raw.mode as 'binary' | 'structured',
    secret: optString(raw.secret),
    headers: { ...((raw.headers as Record<string, string>) ?? {}) },
    timeoutMs: parseDuration(raw.timeout),
    retryAttempts: raw.retry_attempts as number,
    retryBackoffMs: parseDuration(raw.retry_backoff),
    maxBackoffMs: parseDuration(raw.max_backoff),
    ...(raw.max_retry_after === undefined ? {} : { maxRetryAfterMs: parseDuration(raw.max_retry_after) }),
    filter: filter
      ? {
        repositories: strings(filter.repositories),
        events: filter.events as EventType[] | undefined,
        paths: strings(filter.paths),
        ignorePaths: strings(filter.ignore_paths),
        skipCi: filter.skip_ci as boolean | string[] | undefined,
        forced: filter.forced as 'any' | 'only' | 'exclude' | undefined,
      }
      : undefined,
    ...(raw.format === 'mirror'
      ? { mirror: { token: optString(raw.token), username: optString(raw.username), prune: raw.prune !== false, create: raw.create as MirrorCreate | undefined, createToken: optString(raw.create_token) } }
      : {}),
  };
}

function toRepository(entry: RepoEntry, defaultIntervalMs: number, credentials: readonly CredentialConfig[]): RepositoryConfig {
  const r = entry.raw;
  const provider = entry.provider as ProviderId;
  // checkRepositories parsed the URL once; a config without errors has a location for every entry
  const location = entry.location as RepoLocation;
  // the repository's own token (or the credentials in its URL) wins; else the most specific matching credential serves it
  const own = optString(r.token) ?? location.credentials?.secret;
  const cred = own === undefined ? matchCredential(credentials, location, provider) : undefined;
  return {
    name: r.name as string,
    url: location.cloneUrl,
    provider,
    location,
    token: own ?? (cred?.kind === 'basic' ? cred.password : cred?.token),
    ...(cred ? { credential: cred.name } : {}),
    ...(cred?.kind === 'basic' ? { username: cred.username } : {}),
    ...(cred?.kind === 'github-app' ? { budgetId: appBudgetId(cred, location) } : {}),
    branchRegex: optString(r.branch_regex),
    tagRegex: optString(r.tag_regex),
    enabled: typeof r.enabled === 'boolean' ? r.enabled : entry.defaultEnabled,
    pollingIntervalMs: r.polling_interval === undefined ? defaultIntervalMs : parseDuration(r.polling_interval),
    ...(typeof r.enrich === 'boolean' ? { enrich: r.enrich } : {}),
  };
}

/** The API root of a discover source: its api_base_url, else github.com's (checks require it elsewhere). */
export function discoverApiBase(raw: Raw): string {
  const api = typeof raw.api_base_url === 'string' ? raw.api_base_url.trim().replace(/\/+$/, '') : '';
  return api || (raw.provider === 'github' || raw.provider === undefined ? 'https://api.github.com' : '');
}

/** Which of org/user/starred_by/group a source names (checks report none or several). */
export function discoverKind(raw: Raw): { kind: DiscoverKind; owner: string } | undefined {
  const keys: Array<[string, DiscoverKind]> = [['org', 'org'], ['user', 'user'], ['starred_by', 'starred'], ['group', 'group']];
  const found = keys.filter(([k]) => typeof raw[k] === 'string');
  if (found.length !== 1) return undefined;
  return { kind: found[0][1], owner: raw[found[0][0]] as string };
}

/** A token credential matching a source's host and owner serves its listing when it has no token of its own. */
function discoverToken(raw: Raw, owner: string, credentials: readonly CredentialConfig[]): string | undefined {
  const own = optString(raw.token);
  if (own !== undefined || credentials.length === 0) return own;
  const api = new URL(discoverApiBase(raw));
  const host = api.hostname === 'api.github.com' ? 'github.com' : api.host;
  const cred = matchCredential(credentials, repositoryLocation(`https://${host}/${owner}/_`, 'git'), (raw.provider ?? 'github') as ProviderId);
  return cred?.kind === 'token' ? cred.token : undefined;
}

/** A GitHub App matching an org or user source without a token lists it with the owner's installation. */
function discoverApp(raw: Raw, owner: string, credentials: readonly CredentialConfig[]): { credential?: string } {
  if (optString(raw.token) !== undefined || credentials.length === 0 || (raw.provider ?? 'github') !== 'github') return {};
  const api = new URL(discoverApiBase(raw));
  const host = api.hostname === 'api.github.com' ? 'github.com' : api.host;
  const cred = matchCredential(credentials, repositoryLocation(`https://${host}/${owner}/_`, 'git'), 'github');
  return cred?.kind === 'github-app' ? { credential: cred.name } : {};
}

function toDiscoverSource(raw: Raw, credentials: readonly CredentialConfig[]): DiscoverSourceConfig {
  const defaults = optRaw(raw.defaults) ?? {};
  const what = discoverKind(raw) as { kind: DiscoverKind; owner: string };
  return {
    name: raw.name as string,
    provider: (raw.provider ?? 'github') as DiscoverProvider,
    kind: what.kind,
    owner: what.owner,
    includeSubgroups: raw.include_subgroups === true,
    token: discoverToken(raw, what.owner, credentials),
    ...discoverApp(raw, what.owner, credentials),
    apiBaseUrl: discoverApiBase(raw),
    intervalMs: parseDuration(raw.interval ?? '10m'),
    include: optString(raw.include),
    exclude: optString(raw.exclude),
    archived: raw.archived === true,
    forks: raw.forks === true,
    topics: Array.isArray(raw.topics) && raw.topics.length > 0 ? strings(raw.topics) : undefined,
    defaults: {
      branchRegex: optString(defaults.branch_regex),
      tagRegex: optString(defaults.tag_regex),
      pollingIntervalMs: defaults.polling_interval === undefined ? undefined : parseDuration(defaults.polling_interval),
      enabled: defaults.enabled !== false,
    },
  };
}

export function normalizeConfig(data: Raw, repos: RepoEntry[], configDir: string, sourceFiles: string[], secretFiles: string[] = []): Config {
  const app = section(data, 'app');
  const rotation = section(app, 'log_file_rotation');
  const polling = section(data, 'polling');
  const storage = section(data, 'storage');
  const sqlite = section(storage, 'sqlite');
  const security = section(data, 'security');
  const webhooks = section(data, 'webhooks');
  const api = section(data, 'api');
  const http = section(data, 'http');
  const enrich = section(data, 'enrich');
  const resolve = (p: string) => path.resolve(configDir, p);
  const dataDir = resolve(app.data_dir as string);
  const intervalMs = parseDuration(polling.interval);

  const targets: TargetConfig[] = [];
  const tekton = optRaw(data.tekton);
  if (tekton && typeof tekton.event_listener_url === 'string' && tekton.event_listener_url.trim() !== '') {
    targets.push(toTarget('tekton', tekton.event_listener_url.trim(), tekton));
  }
  for (const t of raws(data.triggers)) targets.push(toTarget(t.name as string, (t.url as string | undefined) ?? 'log:', t));

  const rateLimit: Record<string, RateLimitConfig> = {};
  for (const [key, v] of Object.entries(section(data, 'rate_limit'))) {
    if (!isRaw(v)) continue;
    rateLimit[key] = {
      requestsPerHour: v.requests_per_hour as number | undefined,
      requestsPerSecond: v.requests_per_second as number | undefined,
      burst: v.burst as number | undefined,
    };
  }

  const credentials = raws(data.credentials).map(toCredential);
  const sqlitePath = optString(sqlite.path);
  const logFile = optString(app.log_file);
  const caFile = optString(http.ca_file);
  return {
    app: {
      name: app.name as string,
      logLevel: app.log_level as LogLevel,
      logFormat: app.log_format as 'json' | 'text',
      logFile: logFile ? resolve(logFile) : '',
      logFileRotation: {
        maxSizeMb: rotation.max_size as number,
        maxBackups: rotation.max_backups as number,
        maxAgeDays: rotation.max_age as number,
      },
      healthCheckPort: app.health_check_port as number,
      dataDir,
    },
    api: { listen: api.listen as string, authToken: optString(api.auth_token), ui: api.ui as boolean },
    http: {
      proxy: optString(http.proxy),
      noProxy: optString(http.no_proxy),
      caFile: caFile ? resolve(caFile) : undefined,
    },
    polling: {
      intervalMs,
      timeoutMs: parseDuration(polling.timeout),
      maxWorkers: polling.max_workers as number,
      batchSize: polling.batch_size as number,
      githubMode: polling.github_mode as GithubMode,
      enableApiFallback: polling.enable_api_fallback as boolean,
      jitter: polling.jitter as number,
      emitOnFirstPoll: polling.emit_on_first_poll as boolean,
      retryAttempts: polling.retry_attempts as number,
      retryBackoffMs: parseDuration(polling.retry_backoff),
    },
    storage: {
      type: 'sqlite',
      sqlitePath: sqlitePath ? resolve(sqlitePath) : path.join(dataDir, 'reposentry.db'),
      acceptEmptyDb: sqlite.accept_empty_db as boolean,
      heldGraceMs: parseDuration(storage.held_grace_period),
      retentionMs: parseDuration(storage.retention),
    },
    targets,
    rateLimit,
    security: {
      allowedEnvVars: strings(security.allowed_env_vars),
      requireHttps: security.require_https as boolean,
      credentialExpiryWarningDays: security.credential_expiry_warning_days as number,
      credentialCheckIntervalMs: parseDuration(security.credential_check_interval),
      allowFileUrls: security.allow_file_urls === true,
    },
    webhooks: { githubSecret: optString(webhooks.github_secret), gitlabToken: optString(webhooks.gitlab_token) },
    repositories: repos.map((e) => toRepository(e, intervalMs, credentials)),
    credentials,
    secretFiles,
    enrich: {
      enabled: enrich.enabled as boolean,
      maxCommits: enrich.max_commits as number,
      maxFiles: enrich.max_files as number,
      timeoutMs: parseDuration(enrich.timeout),
    },
    discover: raws(data.discover).map((d) => toDiscoverSource(d, credentials)),
    sourceFiles,
  };
}
