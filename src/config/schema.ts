/**
 * The configuration schema: the single source of truth for every key, its type,
 * default and description. loadConfig() validates against it (ajv, useDefaults),
 * and docs/configuration.md is rendered from it (renderConfigReference()).
 *
 * Custom keywords (registered in validator.ts):
 *   x-duration: "positive" | "non-negative"  Go-style duration or number of seconds
 *   x-regex: true                            a JavaScript RegExp source
 *   x-not-yet-effective: "<why>"             accepted (the original RepoSentry has it) but not honoured yet
 */
import { PROVIDER_IDS } from '../providers/descriptors.js';
import { EVENT_TYPES } from '../types.js';
import { CE_MODES, DELIVERY_FORMATS, DISCOVER_PROVIDERS, FORCED_FILTERS, GITHUB_MODES, LOG_FORMATS, LOG_LEVELS, MIRROR_CREATES } from './types.js';

export type JsonSchema = Record<string, unknown>;

function str(description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: 'string', description, ...extra };
}
function int(description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: 'integer', description, ...extra };
}
function bool(description: string, dflt: boolean, extra: JsonSchema = {}): JsonSchema {
  return { type: 'boolean', description, default: dflt, ...extra };
}
function duration(description: string, dflt: string | undefined, kind: 'positive' | 'non-negative' = 'positive'): JsonSchema {
  return {
    type: ['string', 'number'],
    description,
    'x-duration': kind,
    ...(dflt === undefined ? {} : { default: dflt }),
  };
}
function obj(description: string, properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema {
  return { type: 'object', description, properties, additionalProperties: false, default: {}, ...extra };
}

/** The `<key>_file` form of a secret key: the secret is the file's content (see secret-files.ts). */
export function secretFile(key: string): JsonSchema {
  return str(`File holding ${key} (instead of ${key}; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; \${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.`, { minLength: 1 });
}

const NOT_YET = 'accepted for compatibility with the original RepoSentry; not yet effective';

/** Keys shared by the `tekton:` block and each `triggers:` entry. */
function deliveryProperties(retryDefault: number): Record<string, JsonSchema> {
  return {
    format: str('Payload format: cloudevents (CloudEvents 1.0), github (push event), gitlab (Push Hook), log (JSON line on stdout), mirror (push the changed ref to the Git remote `url` names; triggers only, see docs/mirror.md).', {
      enum: [...DELIVERY_FORMATS],
      default: 'cloudevents',
    }),
    mode: str('CloudEvents HTTP mode: binary (ce-* headers, body = data) or structured (application/cloudevents+json).', {
      enum: [...CE_MODES],
      default: 'binary',
    }),
    secret: str('Signing secret: Standard Webhooks signature (cloudevents), X-Hub-Signature-256 (github), X-Gitlab-Token (gitlab). `whsec_<base64>` is decoded.'),
    secret_file: secretFile('secret'),
    headers: {
      type: 'object',
      description: 'Extra HTTP headers sent with every delivery.',
      additionalProperties: { type: 'string' },
      default: {},
    },
    timeout: duration('Timeout of one delivery attempt.', '10s'),
    retry_attempts: int('Attempts before a delivery is dead-lettered.', { minimum: 0, default: retryDefault }),
    retry_backoff: duration('First retry delay; doubles on each attempt (full jitter), capped by max_backoff.', '1s'),
    max_backoff: duration('Longest delay between two attempts.', '10m'),
    max_retry_after: duration(
      "Longest receiver Retry-After honoured; a longer one waits this long instead (said in the delivery's last_error). Default: the larger of max_backoff and 5m.",
      undefined,
    ),
    filter: {
      type: 'object',
      description: 'Deliver only matching events.',
      additionalProperties: false,
      properties: {
        repositories: {
          type: 'array',
          description: 'Regexes tested (unanchored) against the repository name; any match passes.',
          items: { type: 'string', 'x-regex': true },
        },
        events: {
          type: 'array',
          description: `Event types to deliver: ${EVENT_TYPES.join(', ')}.`,
          items: { type: 'string', enum: [...EVENT_TYPES] },
        },
        paths: {
          type: 'array',
          description: 'Globs (picomatch, `**` crosses directories, dotfiles match, a directory name matches everything under it as in a git pathspec): deliver only when at least one changed file matches. Needs enrichment; without it the event passes.',
          items: { type: 'string', minLength: 1, 'x-glob': true },
        },
        ignore_paths: {
          type: 'array',
          description: 'Globs: do not deliver when every changed file matches. Needs enrichment; without it the event passes.',
          items: { type: 'string', minLength: 1, 'x-glob': true },
        },
        skip_ci: {
          type: ['boolean', 'array'],
          description: 'Do not deliver when the head commit message contains a marker (case-insensitive). Absent: on for branch events (branch_created, branch_updated) with the default markers [skip ci], [ci skip], [no ci], [skip actions], ***NO_CI***, off for tag events (a release tag often points at a [skip ci] release commit). true: the default markers, and a list: those markers, for every event the other filters let through, tags included. false: off. Needs enrichment; without it the event passes.',
          items: { type: 'string', minLength: 1 },
        },
        forced: str('any (default), only (deliver only changes that rewrote history), exclude (never deliver them).', {
          enum: [...FORCED_FILTERS],
          default: 'any',
        }),
      },
    },
  };
}

const tektonSchema = obj('The default delivery target, named "tekton". Only active when event_listener_url is set.', {
  event_listener_url: str('Tekton EventListener URL (http/https).'),
  ...deliveryProperties(10),
});

const triggerSchema: JsonSchema = {
  type: 'object',
  description: 'An additional delivery target.',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: str('Unique target name (not "tekton"); shown in deliveries.', { minLength: 1 }),
    url: str('Receiver URL (http/https), or "log:" for the log target. Required unless format is log. With format mirror: a Git remote template, {name} (the repository name in reposentry), {full_name} and {repo} substituted, e.g. https://onedev.example.com/{full_name}.'),
    token: str('format mirror: token for pushing to the destination (use ${VAR} or token_file); sent to git through the environment, never argv.'),
    token_file: secretFile('token'),
    username: str('format mirror: Basic-auth user name sent with the token (default x-access-token).'),
    prune: bool('format mirror: push deletions of branches and tags.', true),
    create: str('format mirror: create a missing destination repository through this server\'s API before the first push.', { enum: [...MIRROR_CREATES] }),
    create_token: str('format mirror: token for the create API (default: token).'),
    create_token_file: secretFile('create_token'),
    ...deliveryProperties(10),
  },
};

const repositorySchema: JsonSchema = {
  type: 'object',
  description: 'A watched repository.',
  additionalProperties: false,
  required: ['name', 'url'],
  properties: {
    name: str('Unique name; used in the API, events and logs.', { minLength: 1 }),
    url: str('Clone/web URL: https://, http://, ssh://, git://, scp-like git@host:org/repo.git, or file:// with security.allow_file_urls. Credentials in it are used for the poll only.', { minLength: 1 }),
    provider: str(`One of ${PROVIDER_IDS.join(', ')}. Inferred from the host when omitted (unknown hosts: git, with a warning).`, {
      enum: [...PROVIDER_IDS],
    }),
    token: str('Access token (use ${VAR}); sent to the provider API and to git through the environment, never logged. Wins over a matching `credentials:` entry.'),
    token_file: secretFile('token'),
    branch_regex: str('Branches whose names match (JavaScript RegExp, unanchored) are watched. Default: all branches.', { 'x-regex': true }),
    tag_regex: str('Tags whose names match are watched; tags are not watched when omitted.', { 'x-regex': true }),
    enabled: { type: 'boolean', description: 'Poll this repository. Default true (or global_settings.default_polling_enabled in a repositories_config file).' },
    polling_interval: duration('Poll interval for this repository. Default: polling.interval.', undefined),
    api_base_url: str('API root. Default: https://api.github.com (github.com), https://HOST/api/v3 (other GitHub), https://HOST/api/v4 (GitLab), https://HOST/api/v1 (Gitea/Forgejo).'),
    enrich: { type: 'boolean', description: 'false: no commits, changed files or forced flag for this repository\'s events (no compare request, no git cache). Default: enrich.enabled.' },
  },
};

const credentialSchema: JsonSchema = {
  type: 'object',
  description: 'A named credential: a token, a GitHub App, or a user name and password for plain git. Exactly one kind.',
  additionalProperties: false,
  required: ['name', 'match'],
  properties: {
    name: str('Unique name; shown in status, logs, metrics and `reposentry credentials check`.', { minLength: 1 }),
    match: {
      type: 'object',
      description: 'Which repositories this credential serves. The most specific match wins (an owner beats none, a longer owner beats a shorter); ties go to the first entry.',
      additionalProperties: false,
      required: ['host'],
      properties: {
        host: str('Host of the repository URL (github.com, gitlab.example.com, or host:port).', { minLength: 1 }),
        owner: str('Owner, organization or group path prefix (acme, group/subgroup), compared per path segment, case-insensitively. Absent: every owner on the host.', { minLength: 1 }),
      },
    },
    token: str('Access token (use ${VAR} or token_file).'),
    token_file: secretFile('token'),
    github_app: {
      type: 'object',
      description: 'Authenticate as a GitHub App: installation access tokens, minted and refreshed in the background.',
      additionalProperties: false,
      required: ['app_id'],
      properties: {
        app_id: { type: ['integer', 'string'], description: 'The App ID (or client ID) of the GitHub App.' },
        private_key: str('The App private key (PEM); use ${VAR} or private_key_file.'),
        private_key_file: secretFile('private_key'),
        installation_id: int('Installation to use for every matched repository. Absent: looked up per owner (GET /repos/{owner}/{repo}/installation).', { minimum: 1 }),
        api_base_url: str('GitHub API root. Default: the matched repositories\' (https://api.github.com for github.com, https://HOST/api/v3 for GitHub Enterprise Server).'),
      },
    },
    username: str('User name for plain git over HTTPS (Basic auth, with password or password_file); used by provider git repositories.'),
    password: str('Password for username (use ${VAR} or password_file).'),
    password_file: secretFile('password'),
  },
};

const discoverSchema: JsonSchema = {
  type: 'object',
  description: 'A discover source: every repository of an organization, user or group (or starred by a user) is watched, with `defaults` applied.',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: str('Unique source name; shown in logs, the status API and metrics.', { minLength: 1 }),
    provider: str('Where to list: github, gitlab or gitea (Gitea and Forgejo).', { enum: [...DISCOVER_PROVIDERS], default: 'github' }),
    org: str('List the repositories of this organization (GitHub, Gitea).', { minLength: 1 }),
    user: str("List the repositories this user owns (GitHub, Gitea).", { minLength: 1 }),
    starred_by: str('List the repositories this user has starred (GitHub, Gitea).', { minLength: 1 }),
    group: str('List the projects of this GitLab group (full path, e.g. platform/backend, or numeric id).', { minLength: 1 }),
    include_subgroups: bool('GitLab groups: list the projects of every subgroup too.', false),
    token: str('Access token for the listing (use ${VAR} or token_file); also polls the repositories found. Default: a token credential matching the host and owner. Never logged.'),
    token_file: secretFile('token'),
    api_base_url: str('API root. Default https://api.github.com for github; required for gitlab (https://HOST/api/v4) and gitea (https://HOST/api/v1).'),
    interval: duration('How often the source is listed again; new repositories are picked up within one interval.', '10m'),
    include: str('Only repositories whose full name (owner/name, group/sub/name) matches this regex (unanchored).', { 'x-regex': true }),
    exclude: str('Skip repositories whose full name matches this regex (unanchored).', { 'x-regex': true }),
    archived: bool('Watch archived repositories too.', false),
    forks: bool('Watch forks too.', false),
    topics: {
      type: 'array',
      description: 'When set, only repositories with at least one of these topics.',
      items: { type: 'string', minLength: 1 },
    },
    defaults: obj('Settings applied to every repository the source finds.', {
      branch_regex: str('Branches whose names match are watched. Default: all branches.', { 'x-regex': true }),
      tag_regex: str('Tags whose names match are watched; tags are not watched when omitted.', { 'x-regex': true }),
      polling_interval: duration('Poll interval of each found repository. Default: polling.interval.', undefined),
      enabled: bool('Poll the found repositories (false lists them in the API without polling).', true),
    }),
  },
};

const rateLimitEntry: JsonSchema = {
  type: 'object',
  description: 'Client-side budget seed for one provider id or host name.',
  additionalProperties: false,
  properties: {
    requests_per_hour: { type: 'number', exclusiveMinimum: 0, description: 'Requests per hour.' },
    requests_per_second: { type: 'number', exclusiveMinimum: 0, description: 'Requests per second.' },
    burst: int('Requests allowed at once.', { minimum: 1 }),
  },
};

export const configSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  description: 'reposentry configuration',
  additionalProperties: false,
  properties: {
    app: obj('Process-wide settings.', {
      name: str('Instance name, used in logs and the API.', { default: 'reposentry', minLength: 1 }),
      log_level: str('Minimum log level.', { enum: [...LOG_LEVELS], default: 'info' }),
      log_format: str('json (one object a line) or text (human-readable, for terminals).', { enum: [...LOG_FORMATS], default: 'json' }),
      log_file: str('Also log to this file, rotated. Relative to the config file. Empty: stderr only.', { default: '' }),
      log_file_rotation: obj('Rotation of log_file.', {
        max_size: int('Rotate when the file reaches this many MB.', { minimum: 1, default: 100 }),
        max_backups: int('Rotated files to keep.', { minimum: 0, default: 3 }),
        max_age: int('Delete rotated files older than this many days.', { minimum: 0, default: 30 }),
        compress: bool('Compress rotated files.', false, { 'x-not-yet-effective': NOT_YET }),
      }),
      health_check_port: int('Port of the HTTP API (/health, /ready, /api/v1, /metrics).', { minimum: 0, maximum: 65535, default: 8080 }),
      data_dir: str('Directory for the database and the demo repository. Relative to the config file.', { default: './data', minLength: 1 }),
    }),
    api: obj('HTTP API.', {
      listen: str('Address the API binds to (0.0.0.0 in containers).', { default: '127.0.0.1', minLength: 1 }),
      auth_token: str('When set, /api/* requires "Authorization: Bearer <token>".'),
      auth_token_file: secretFile('auth_token'),
      ui: bool('Serve the read-only HTML status page at GET / (same auth as /api/*).', true),
    }),
    http: obj('Outbound HTTP: provider APIs, deliveries and git.', {
      proxy: str('Proxy URL for http and https requests (CONNECT for https, absolute-form for http); userinfo is Basic proxy credentials, a secret. Empty: HTTPS_PROXY / HTTP_PROXY from the environment.', { default: '' }),
      no_proxy: str('Hosts that bypass the proxy, as curl reads NO_PROXY: comma-separated host names, domain suffixes, IPs and CIDR ranges, optionally with :port; * for all. Loopback is not special. Empty: NO_PROXY from the environment.', { default: '' }),
      ca_file: str('Extra CA bundle (PEM) trusted for provider APIs, deliveries and git (http.sslCAInfo), besides the system roots. Relative to the config file. NODE_EXTRA_CA_CERTS also works.', { default: '' }),
    }),
    polling: obj('Polling defaults.', {
      interval: duration('Default poll interval per repository.', '5m'),
      timeout: duration('Timeout of one poll.', '30s'),
      max_workers: int('Polls in flight at once.', { minimum: 1, default: 5 }),
      batch_size: int('Repositories per batched provider request where a provider batches.', { minimum: 1, default: 10 }),
      github_mode: str(
        'How GitHub repositories are listed, per (API host, token): rest (REST + ETags, one conditional request per repository and ref kind), graphql (batch_size repositories per GraphQL query), or auto (the rate-limit planner picks graphql where REST cannot sustain the configured intervals; see docs/rate-limits.md).',
        { enum: [...GITHUB_MODES], default: 'auto' },
      ),
      enable_api_fallback: bool('On API failure (transport error, 5xx, unparsable answer), fall back to git ls-remote.', true),
      jitter: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.1, description: '± fraction of the interval, in [0, 1).' },
      emit_on_first_poll: bool('Emit *_created events on the first poll of a repository; false records a silent baseline.', false),
      retry_attempts: int('Provider request retries within one poll.', { minimum: 0, default: 3 }),
      retry_backoff: duration('First delay between provider request retries.', '1s'),
    }),
    storage: obj('Storage.', {
      type: str('Storage engine (only sqlite).', { enum: ['sqlite'], default: 'sqlite' }),
      sqlite: obj('SQLite settings.', {
        path: str('Database file. Default <data_dir>/reposentry.db. Relative to the config file.'),
        max_connections: int('Connection pool size.', { minimum: 1, 'x-not-yet-effective': NOT_YET + ' (one connection is used)' }),
        connection_timeout: { ...duration('Connection timeout.', undefined), 'x-not-yet-effective': NOT_YET },
        accept_empty_db: bool(
          'Start even when the database file is missing although data_dir shows a previous one (as `run --accept-empty-db`); otherwise such a start is refused, since it would silently lose pending events.',
          false,
        ),
      }),
      held_grace_period: duration(
        'How long the pending deliveries of a target removed from the configuration are held (resumed if a target of that name returns) before they are dead-lettered.',
        '24h',
      ),
      retention: duration(
        'Events older than this whose deliveries are all delivered, dead or filtered (or that had none) are deleted, in small batches, with their deliveries; events with a delivery pending, in flight or held are never deleted. The space is reclaimed by incremental vacuum.',
        '30d',
      ),
    }),
    tekton: tektonSchema,
    triggers: { type: 'array', description: 'More delivery targets.', items: triggerSchema, default: [] },
    rate_limit: {
      type: 'object',
      description: 'Request budgets keyed by provider id (github, gitlab, gitea, git) or host name.',
      additionalProperties: rateLimitEntry,
      default: {},
    },
    security: obj('Security.', {
      allowed_env_vars: {
        type: 'array',
        description: 'Environment variables ${…} may read: exact names, PREFIX*, *SUFFIX. Absent: any variable.',
        items: { type: 'string', minLength: 1 },
      },
      require_https: bool('Refuse http:// repository, API and target URLs (loopback hosts excepted).', false),
      credential_expiry_warning_days: int('A credential that expires within this many days is reported: a warning in the log, `expiring` in GET /api/v1/status, and the gauge reposentry_credential_expiry_timestamp_seconds.', { minimum: 0, default: 14 }),
      credential_check_interval: duration('How often the daemon checks every credential against its provider (also once at start, without delaying readiness). 0 turns the checks off.', '24h', 'non-negative'),
      allow_file_urls: bool('Accept file:// repository URLs (local bare repositories; the demo sets it). Off by default: a config should not make the daemon read arbitrary local paths.', false),
    }),
    webhooks: obj('Inbound provider webhooks that trigger an immediate poll.', {
      github_secret: str('Secret of GitHub webhooks (X-Hub-Signature-256) sent to POST /webhooks/github.'),
      github_secret_file: secretFile('github_secret'),
      gitlab_token: str('Token of GitLab webhooks (X-Gitlab-Token) sent to POST /webhooks/gitlab.'),
      gitlab_token_file: secretFile('gitlab_token'),
    }),
    credentials: { type: 'array', description: 'Shared credentials: each serves every repository it matches that has no token of its own.', items: credentialSchema, default: [] },
    enrich: obj('Commits, changed files and `forced` per change, asked once per change (never per poll): GitHub compare API, else the git cache under <data_dir>/git-cache. See docs/enrichment.md.', {
      enabled: bool('Enrich events. Per repository: `enrich: false`.', true),
      max_commits: int('Commits listed per event (the newest, oldest first); total_commits says how many there were.', { minimum: 0, maximum: 2048, default: 20 }),
      max_files: int('Changed paths listed per event; `truncated` says when there were more.', { minimum: 0, maximum: 100000, default: 3000 }),
      timeout: duration('Bounded wait per poll: after it, events are stored and delivered without enrichment (enrichment.status unavailable). It also ends before the deadline of the poll itself (polling.timeout), so a slow listing never makes enrichment fail the poll.', '10s'),
    }),
    repositories: { type: 'array', description: 'Watched repositories.', items: repositorySchema, default: [] },
    discover: { type: 'array', description: 'Discover sources: watch whole organizations, users, groups or starred lists (see docs/discovery.md).', items: discoverSchema, default: [] },
    repositories_config: str('Extra file with {repositories: [...], global_settings: {...}}, relative to this file. Its repositories are added.', { minLength: 1 }),
  },
};

/** Schema of the file named by repositories_config (the original's RepositoriesConfig). */
export const repositoriesFileSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  description: 'repositories_config file',
  additionalProperties: false,
  properties: {
    repositories: { type: 'array', description: 'Watched repositories (same keys as repositories in the main file).', items: repositorySchema, default: [] },
    global_settings: obj('Defaults for the repositories of this file.', {
      default_polling_enabled: { type: 'boolean', description: 'Default of `enabled` for repositories in this file.' },
      default_webhook_enabled: { type: 'boolean', description: 'Original RepoSentry setting.', 'x-not-yet-effective': NOT_YET },
      default_branch_protection: { type: 'boolean', description: 'Original RepoSentry setting.', 'x-not-yet-effective': NOT_YET },
    }),
  },
};
