/**
 * The normalized, validated configuration every component reads.
 * Produced by loadConfig() from YAML (snake_case keys, Go-style durations);
 * here keys are camelCase and every duration is in milliseconds.
 */
import type { EventType, ProviderId } from '../types.js';
import type { UrlCredentials } from './repo-url.js';

/**
 * Where a configured repository lives (config/repo-location.ts derives it once from the parsed URL).
 * Declared here, apart from the code that derives it, so that the configuration's types import no
 * provider knowledge.
 */
export interface RepoLocation {
  /** lower-case host name, no port ('' for a file URL) */
  host: string;
  /** scheme://host[:port] of the URL (ssh://host for scp-style, file:// for files) */
  origin: string;
  /** owner or group path on the provider ("acme", "group/sub"); the host for a single-segment plain git URL */
  namespace: string;
  name: string;
  /** namespace/name: always owner/name shaped, as payload consumers split it */
  fullName: string;
  /** the repository's path on its server below any instance prefix ("group/sub/app", or "app") */
  path: string;
  /** http(s) web page (https on the same host for ssh and git URLs), or the file URL without `.git` */
  webUrl: string;
  /** what git is given: the configured URL without credentials */
  cloneUrl: string;
  /** API root without trailing slash ("" for plain git) */
  apiBaseUrl: string;
  /** host/path in lower case, the same for every transport: what webhook payload URLs are matched on */
  key: string;
  /** userinfo of the URL: used for the poll only */
  credentials?: UrlCredentials;
}

// Each enum's values once: the schema's enum (schema.ts), the type here and normalize.ts's readers.
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'text'] as const;
/** CloudEvents HTTP modes */
export const CE_MODES = ['binary', 'structured'] as const;
/** values of a target's filter.forced */
export const FORCED_FILTERS = ['any', 'only', 'exclude'] as const;
export const DELIVERY_FORMATS = ['cloudevents', 'github', 'gitlab', 'log', 'mirror'] as const;
export type DeliveryFormat = (typeof DELIVERY_FORMATS)[number];

/** Servers whose API can create a missing mirror destination. */
export const MIRROR_CREATES = ['gitea', 'gitlab', 'onedev'] as const;
export type MirrorCreate = (typeof MIRROR_CREATES)[number];

/** `format: mirror` settings of a trigger. */
export interface MirrorConfig {
  /** secret; sent to git through the environment only */
  token?: string;
  /** Basic-auth user name sent with the token (default x-access-token; GitLab accepts any) */
  username?: string;
  /** push deletions */
  prune: boolean;
  create?: MirrorCreate;
  /** secret; the create API's token (default: token) */
  createToken?: string;
}

export interface RepositoryConfig {
  name: string;
  /** the configured URL without credentials: what is shown, stored and sent */
  url: string;
  provider: ProviderId;
  /** the URL parsed once (host, owner/name, web and clone URLs, API root, credentials) */
  location: RepoLocation;
  /** expanded secret (the `token` key, else the URL's credentials); never log it */
  token?: string;
  branchRegex?: string;
  /** tags are watched only when set */
  tagRegex?: string;
  enabled: boolean;
  pollingIntervalMs: number;
  /**
   * Name of the `credentials:` entry serving this repository (absent when it has its own token or
   * none matches). A token credential's token is copied into `token`; a GitHub App's is minted at run time.
   */
  credential?: string;
  /** git Basic-auth user name (a username/password credential); `token` then holds the password */
  username?: string;
  /**
   * The rate-limit identity when the token rotates (a GitHub App: `app-<credential>-<owner>`, or
   * `-<installation_id>` when configured): the budget key and the planner's group use it instead of the token.
   */
  budgetId?: string;
  /** name of the `discover:` source that found it; absent for a configured repository */
  discoveredBy?: string;
  /**
   * false: git (ls-remote fallback, enrichment fetch, mirror fetch) is given no credentials for this
   * repository, because its URL came from a provider's answer and is not on that provider's API
   * origin: the token must not follow it to another host. The API still polls it with the token.
   */
  gitCredentials?: false;
  /** `enrich: false` turns enrichment off for this repository; absent: the global `enrich.enabled` */
  enrich?: boolean;
}

export type CredentialKind = 'token' | 'github-app' | 'basic';

/** One `credentials:` entry; secrets already read from their files. Never log it. */
export interface CredentialConfig {
  name: string;
  /** host lower-case; owner lower-case, without surrounding slashes */
  match: { host: string; owner?: string };
  kind: CredentialKind;
  token?: string;
  username?: string;
  password?: string;
  githubApp?: {
    appId: number | string;
    /** PEM */
    privateKey: string;
    installationId?: number;
    /** API root; default: the matched repositories' */
    apiBaseUrl?: string;
  };
}

/** What a discover source lists: an organization's, a user's or a group's repositories, or a user's stars. */
export type DiscoverKind = 'org' | 'user' | 'starred' | 'group';
export const DISCOVER_PROVIDERS = ['github', 'gitlab', 'gitea'] as const;
export type DiscoverProvider = (typeof DISCOVER_PROVIDERS)[number];

/** One `discover:` entry, normalized. */
export interface DiscoverSourceConfig {
  name: string;
  provider: DiscoverProvider;
  kind: DiscoverKind;
  /** the org, user, starring user or group path */
  owner: string;
  /** GitLab groups: list the projects of subgroups too */
  includeSubgroups: boolean;
  /** expanded secret; never log it */
  token?: string;
  /** a GitHub App credential lists it (installation of `owner`) when it has no token of its own */
  credential?: string;
  apiBaseUrl: string;
  intervalMs: number;
  /** regexes on the full name (unanchored) */
  include?: string;
  exclude?: string;
  /** watch archived repositories too */
  archived: boolean;
  /** watch forks too */
  forks: boolean;
  /** when set, only repositories with at least one of these topics */
  topics?: string[];
  /** applied to every repository the source finds */
  defaults: { branchRegex?: string; tagRegex?: string; pollingIntervalMs?: number; enabled: boolean };
  /** `enrich: false` turns enrichment off for this repository; absent: the global `enrich.enabled` */
  enrich?: boolean;
}

/** Filters on what a change contains, judged on its enrichment (src/delivery/content-filter.ts). */
export interface ContentFilter {
  /** globs (picomatch): at least one changed file must match */
  paths?: string[];
  /** globs: the event is dropped when every changed file matches */
  ignorePaths?: string[];
  /** true: the default markers; a list: these markers; false/absent: off */
  skipCi?: boolean | string[];
  forced?: (typeof FORCED_FILTERS)[number];
}

export interface TargetFilter extends ContentFilter {
  /** regexes tested against the repository name (unanchored) */
  repositories?: string[];
  events?: EventType[];
}

export interface TargetConfig {
  name: string;
  /** http(s) URL, or "log:" for the log target */
  url: string;
  format: DeliveryFormat;
  mode: (typeof CE_MODES)[number];
  secret?: string;
  headers: Record<string, string>;
  timeoutMs: number;
  retryAttempts: number;
  retryBackoffMs: number;
  maxBackoffMs: number;
  /** cap of an honoured Retry-After; absent: max(maxBackoffMs, 5 min) */
  maxRetryAfterMs?: number;
  filter?: TargetFilter;
  /** present when format is mirror: url is then a Git remote template ({name}, {full_name}, {repo}) */
  mirror?: MirrorConfig;
}

export interface EnrichConfig {
  enabled: boolean;
  maxCommits: number;
  maxFiles: number;
  /** the bounded wait per poll: after it an event is stored without enrichment */
  timeoutMs: number;
}

/** How GitHub repositories are listed: REST + ETags, GraphQL batches, or the planner's choice. */
export const GITHUB_MODES = ['auto', 'rest', 'graphql'] as const;
export type GithubMode = (typeof GITHUB_MODES)[number];

export interface RateLimitConfig {
  requestsPerHour?: number;
  requestsPerSecond?: number;
  burst?: number;
}

export interface Config {
  app: {
    name: string;
    logLevel: LogLevel;
    logFormat: (typeof LOG_FORMATS)[number];
    logFile: string;
    logFileRotation: { maxSizeMb: number; maxBackups: number; maxAgeDays: number };
    healthCheckPort: number;
    dataDir: string;
  };
  /** `ui`: the HTML status page at GET / (absent: on) */
  api: { listen: string; authToken?: string; ui?: boolean };
  /** `http:` outbound proxy, bypass list and CA bundle (absent: the environment's) */
  http?: { proxy?: string; noProxy?: string; caFile?: string };
  polling: {
    intervalMs: number;
    timeoutMs: number;
    maxWorkers: number;
    batchSize: number;
    /** `polling.github_mode`; absent (configs built in code) means auto */
    githubMode?: GithubMode;
    enableApiFallback: boolean;
    jitter: number;
    emitOnFirstPoll: boolean;
    retryAttempts: number;
    retryBackoffMs: number;
  };
  storage: {
    type: 'sqlite';
    sqlitePath: string;
    /** storage.sqlite.accept_empty_db (absent: false) */
    acceptEmptyDb?: boolean;
    /** storage.held_grace_period (absent: 24 h) */
    heldGraceMs?: number;
    /** storage.retention (absent: 30 days) */
    retentionMs?: number;
  };
  /** the `tekton:` block (named "tekton", when it has a URL) followed by `triggers:` */
  targets: TargetConfig[];
  /** keyed by provider id or host name */
  rateLimit: Record<string, RateLimitConfig>;
  security: {
    allowedEnvVars?: string[];
    requireHttps: boolean;
    /** `allow_file_urls` (absent in configs built in code: false) */
    allowFileUrls?: boolean;
    /** `credential_expiry_warning_days` (absent in configs built in code: 14) */
    credentialExpiryWarningDays?: number;
    /** `credential_check_interval`; 0: no checks (absent in configs built in code: no checks) */
    credentialCheckIntervalMs?: number;
  };
  webhooks: { githubSecret?: string; gitlabToken?: string };
  repositories: RepositoryConfig[];
  /** `credentials:`, in file order (absent in configs built in code: none) */
  credentials?: CredentialConfig[];
  /** absolute paths of the `*_file` secrets read, watched for reload like the config files */
  secretFiles?: string[];
  /** `discover:` sources; absent in configs built in code */
  discover?: DiscoverSourceConfig[];
  /** commits, changed files and `forced` per change; absent (configs built in code) means off */
  enrich?: EnrichConfig;
  /** absolute paths of the files this config was read from (main file first), for hot reload */
  sourceFiles: string[];
}
