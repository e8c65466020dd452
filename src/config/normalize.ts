/** Validated, defaulted YAML data → the camelCase, milliseconds Config every component reads. */
import path from 'node:path';
import { ReposentryError } from '../errors.js';
import { PROVIDER_IDS } from '../providers/descriptors.js';
import { EVENT_TYPES } from '../types.js';
import {
  CE_MODES, DELIVERY_FORMATS, DISCOVER_PROVIDERS, FORCED_FILTERS, GITHUB_MODES, LOG_FORMATS, LOG_LEVELS, MIRROR_CREATES,
  type Config, type CredentialConfig, type DiscoverKind, type DiscoverSourceConfig, type RateLimitConfig, type RepositoryConfig, type TargetConfig,
} from './types.js';
import type { RepoEntry } from './checks.js';
import { parseDuration } from './duration.js';
import { appBudgetId, matchCredential, toCredential } from './credentials.js';
import { repositoryLocation } from './repo-location.js';
import { bool, isRaw, num, oneOf, optListOf, optNum, optOneOf, str, stringMap, type Raw } from './validated.js';

// The data is validated and defaulted: the readers of validated.ts and these narrow its values by
// their type instead of casting.

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
    format: isLog ? 'log' : oneOf(raw, 'format', DELIVERY_FORMATS),
    mode: oneOf(raw, 'mode', CE_MODES),
    secret: optString(raw.secret),
    headers: stringMap(raw, 'headers'),
    timeoutMs: parseDuration(raw.timeout),
    retryAttempts: num(raw, 'retry_attempts'),
    retryBackoffMs: parseDuration(raw.retry_backoff),
    maxBackoffMs: parseDuration(raw.max_backoff),
    ...(raw.max_retry_after === undefined ? {} : { maxRetryAfterMs: parseDuration(raw.max_retry_after) }),
    filter: filter
      ? {
        repositories: strings(filter.repositories),
        events: optListOf(filter, 'events', EVENT_TYPES),
        paths: strings(filter.paths),
        ignorePaths: strings(filter.ignore_paths),
        skipCi: typeof filter.skip_ci === 'boolean' ? filter.skip_ci : strings(filter.skip_ci),
        forced: optOneOf(filter, 'forced', FORCED_FILTERS),
      }
      : undefined,
    ...(raw.format === 'mirror'
      ? { mirror: { token: optString(raw.token), username: optString(raw.username), prune: raw.prune !== false, create: optOneOf(raw, 'create', MIRROR_CREATES), createToken: optString(raw.create_token) } }
      : {}),
  };
}

function toRepository(entry: RepoEntry, defaultIntervalMs: number, credentials: readonly CredentialConfig[]): RepositoryConfig {
  const r = entry.raw;
  // checkRepositories parsed the URL once; a config without errors has a location for every entry
  const { provider, location } = entry;
  if (provider === undefined || location === undefined) {
    throw new ReposentryError('internal', `repository ${String(r.name)}: normalized without a checked provider and URL`);
  }
  // the repository's own token (or the credentials in its URL) wins; else the most specific matching credential serves it
  const own = optString(r.token) ?? location.credentials?.secret;
  const cred = own === undefined ? matchCredential(credentials, location, provider) : undefined;
  return {
    name: str(r, 'name'),
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
  const found = keys.flatMap(([k, kind]) => {
    const owner = raw[k];
    return typeof owner === 'string' ? [{ kind, owner }] : [];
  });
  return found.length === 1 ? found[0] : undefined;
}

/** A token credential matching a source's host and owner serves its listing when it has no token of its own. */
function discoverToken(raw: Raw, owner: string, credentials: readonly CredentialConfig[]): string | undefined {
  const own = optString(raw.token);
  if (own !== undefined || credentials.length === 0) return own;
  const api = new URL(discoverApiBase(raw));
  const host = api.hostname === 'api.github.com' ? 'github.com' : api.host;
  const cred = matchCredential(credentials, repositoryLocation(`https://${host}/${owner}/_`, 'git'), raw.provider === undefined ? 'github' : oneOf(raw, 'provider', PROVIDER_IDS));
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
  const what = discoverKind(raw);
  // checks report a source naming no owner kind, or several, as an error
  if (!what) throw new ReposentryError('internal', `discover source ${String(raw.name)}: normalized without one owner kind`);
  return {
    name: str(raw, 'name'),
    provider: optOneOf(raw, 'provider', DISCOVER_PROVIDERS) ?? 'github',
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

type Resolve = (p: string) => string;

/** The receivers: tekton.event_listener_url first (as target "tekton"), then every trigger. */
function targetsOf(data: Raw): TargetConfig[] {
  const targets: TargetConfig[] = [];
  const tekton = optRaw(data.tekton);
  if (tekton && typeof tekton.event_listener_url === 'string' && tekton.event_listener_url.trim() !== '') {
    targets.push(toTarget('tekton', tekton.event_listener_url.trim(), tekton));
  }
  for (const t of raws(data.triggers)) targets.push(toTarget(str(t, 'name'), typeof t.url === 'string' ? t.url : 'log:', t));
  return targets;
}

function rateLimitsOf(data: Raw): Record<string, RateLimitConfig> {
  const rateLimit: Record<string, RateLimitConfig> = {};
  for (const [key, v] of Object.entries(section(data, 'rate_limit'))) {
    if (!isRaw(v)) continue;
    rateLimit[key] = { requestsPerHour: optNum(v, 'requests_per_hour'), requestsPerSecond: optNum(v, 'requests_per_second'), burst: optNum(v, 'burst') };
  }
  return rateLimit;
}

function appOf(app: Raw, resolve: Resolve, dataDir: string): Config['app'] {
  const rotation = section(app, 'log_file_rotation');
  const logFile = optString(app.log_file);
  return {
    name: str(app, 'name'),
    logLevel: oneOf(app, 'log_level', LOG_LEVELS),
    logFormat: oneOf(app, 'log_format', LOG_FORMATS),
    logFile: logFile ? resolve(logFile) : '',
    logFileRotation: { maxSizeMb: num(rotation, 'max_size'), maxBackups: num(rotation, 'max_backups'), maxAgeDays: num(rotation, 'max_age') },
    healthCheckPort: num(app, 'health_check_port'),
    dataDir,
  };
}

function pollingOf(polling: Raw, intervalMs: number): Config['polling'] {
  return {
    intervalMs,
    timeoutMs: parseDuration(polling.timeout),
    maxWorkers: num(polling, 'max_workers'),
    batchSize: num(polling, 'batch_size'),
    githubMode: oneOf(polling, 'github_mode', GITHUB_MODES),
    enableApiFallback: bool(polling, 'enable_api_fallback'),
    jitter: num(polling, 'jitter'),
    emitOnFirstPoll: bool(polling, 'emit_on_first_poll'),
    retryAttempts: num(polling, 'retry_attempts'),
    retryBackoffMs: parseDuration(polling.retry_backoff),
  };
}

function storageOf(storage: Raw, resolve: Resolve, dataDir: string): Config['storage'] {
  const sqlite = section(storage, 'sqlite');
  const sqlitePath = optString(sqlite.path);
  return {
    type: 'sqlite',
    sqlitePath: sqlitePath ? resolve(sqlitePath) : path.join(dataDir, 'reposentry.db'),
    acceptEmptyDb: bool(sqlite, 'accept_empty_db'),
    heldGraceMs: parseDuration(storage.held_grace_period),
    retentionMs: parseDuration(storage.retention),
  };
}

function securityOf(security: Raw): Config['security'] {
  return {
    allowedEnvVars: strings(security.allowed_env_vars),
    requireHttps: bool(security, 'require_https'),
    credentialExpiryWarningDays: num(security, 'credential_expiry_warning_days'),
    credentialCheckIntervalMs: parseDuration(security.credential_check_interval),
    allowFileUrls: security.allow_file_urls === true,
  };
}

export function normalizeConfig(data: Raw, repos: RepoEntry[], configDir: string, sourceFiles: string[], secretFiles: string[] = []): Config {
  const app = section(data, 'app');
  const polling = section(data, 'polling');
  const webhooks = section(data, 'webhooks');
  const api = section(data, 'api');
  const http = section(data, 'http');
  const enrich = section(data, 'enrich');
  const resolve = (p: string) => path.resolve(configDir, p);
  const dataDir = resolve(str(app, 'data_dir'));
  const intervalMs = parseDuration(polling.interval);
  const credentials = raws(data.credentials).map(toCredential);
  const caFile = optString(http.ca_file);
  return {
    app: appOf(app, resolve, dataDir),
    api: { listen: str(api, 'listen'), authToken: optString(api.auth_token), ui: bool(api, 'ui') },
    http: {
      proxy: optString(http.proxy),
      noProxy: optString(http.no_proxy),
      caFile: caFile ? resolve(caFile) : undefined,
    },
    polling: pollingOf(polling, intervalMs),
    storage: storageOf(section(data, 'storage'), resolve, dataDir),
    targets: targetsOf(data),
    rateLimit: rateLimitsOf(data),
    security: securityOf(section(data, 'security')),
    webhooks: { githubSecret: optString(webhooks.github_secret), gitlabToken: optString(webhooks.gitlab_token) },
    repositories: repos.map((e) => toRepository(e, intervalMs, credentials)),
    credentials,
    secretFiles,
    enrich: {
      enabled: bool(enrich, 'enabled'),
      maxCommits: num(enrich, 'max_commits'),
      maxFiles: num(enrich, 'max_files'),
      timeoutMs: parseDuration(enrich.timeout),
    },
    discover: raws(data.discover).map((d) => toDiscoverSource(d, credentials)),
    sourceFiles,
  };
}
