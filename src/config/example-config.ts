/**
 * The commented starter config written by `reposentry init`. config.example.yaml at the
 * repository root is this text (a test keeps them equal; `npm run docs:config` rewrites it).
 */
export const EXAMPLE_CONFIG = `# reposentry configuration — every key, with its default.
# Reference: docs/configuration.md. Check a config with: reposentry validate -c FILE
# Durations: Go-style strings (500ms, 30s, 5m, 1h30m) or plain numbers of seconds.
# Strings may use \${VAR}, \${VAR:-default}; write $$ for a literal $.

app:
  name: reposentry
  log_level: info              # trace | debug | info | warn | error
  log_format: json             # json | text (human-readable, for terminals)
  log_file: ""                 # also log to this file, rotated; relative to this file
  log_file_rotation:
    max_size: 100              # MB
    max_backups: 3             # files kept
    max_age: 30                # days
    compress: false            # accepted (original RepoSentry), not yet effective
  health_check_port: 8080      # HTTP API port: /health, /ready, /api/v1, /metrics
  data_dir: ./data             # database and demo repository; relative to this file

api:
  listen: 127.0.0.1            # 0.0.0.0 in containers
  auth_token: ""               # when set, /api/* requires "Authorization: Bearer <token>"
  # auth_token_file: /run/secrets/api-token   # the same, read from a file (every secret key has a <key>_file form)
  ui: true                     # HTML status page at GET / (same auth as /api/*)

# Outbound HTTP: provider APIs, deliveries and git ls-remote.
http:
  proxy: ""                    # e.g. http://user:pass@proxy.corp:3128 (credentials are secrets: use \${VAR})
                               # empty: HTTPS_PROXY / HTTP_PROXY from the environment
  no_proxy: ""                 # as curl reads NO_PROXY: "internal.corp,.svc,10.0.0.0/8,git.corp:8443"
                               # empty: NO_PROXY from the environment
  ca_file: ""                  # extra CA bundle (PEM), relative to this file; NODE_EXTRA_CA_CERTS also works

polling:
  interval: 5m                 # default per repository
  timeout: 30s                 # per poll
  max_workers: 5               # polls in flight at once
  batch_size: 10               # repositories per batched provider request
  github_mode: auto            # auto | rest | graphql (auto: the rate-limit planner decides per host and token)
  enable_api_fallback: true    # on API failure, fall back to git ls-remote
  jitter: 0.1                  # ± fraction of the interval, in [0, 1)
  emit_on_first_poll: false    # false: the first poll records a silent baseline
  retry_attempts: 3            # provider request retries within one poll
  retry_backoff: 1s

storage:
  type: sqlite
  sqlite:
    path: ./data/reposentry.db # default <data_dir>/reposentry.db
    # max_connections: 10      # accepted (original RepoSentry), not yet effective
    # connection_timeout: 30s  # accepted (original RepoSentry), not yet effective
    accept_empty_db: false     # start on a missing database although a previous one existed (else refused)
  retention: 30d               # delivered, dead and filtered events older than this are pruned; pending and held never
  held_grace_period: 24h       # deliveries of a target removed from the config are held this long, then dead-lettered

# The default delivery target, named "tekton"; inactive without event_listener_url.
tekton:
  event_listener_url: http://el-reposentry.tekton.svc:8080
  format: cloudevents          # cloudevents | github | gitlab | log
  mode: binary                 # binary | structured (CloudEvents HTTP mode)
  timeout: 10s                 # per attempt
  retry_attempts: 10           # then the delivery is dead-lettered (kept, redeliverable)
  retry_backoff: 1s            # first retry delay; doubles, with jitter
  max_backoff: 10m
  # max_retry_after: 5m        # longest receiver Retry-After honoured (default: the larger of max_backoff and 5m)
  headers: {}                  # extra headers on every delivery
  secret: ""                   # signing secret; whsec_<base64> is decoded
  # secret_file: /run/secrets/el-secret   # the secret read from a file instead

# More targets: same keys as tekton, plus name, url and filter.
triggers:
  - name: audit
    url: https://hooks.example.com/reposentry
    format: github
    secret: \${HOOK_SECRET:-}
    filter:
      repositories: ["^team-a/", "my-service"]   # regexes on the repository name
      events: [branch_updated, tag_created]
  - name: api-ci
    url: https://el.example.com/api
    format: github
    filter:                    # these need enrichment; without it an event always passes
      paths: ["services/api/**"]   # at least one changed file matches (picomatch globs)
      ignore_paths: ["**/*.md"]    # unless every changed file matches
      skip_ci: true            # [skip ci], [ci skip], [no ci], [skip actions] (and more) in the head commit; default: branches only
      forced: any              # any | only | exclude (rewritten history)
  - name: stdout
    url: "log:"                # one JSON line per event on stdout

# Client-side request budgets, by provider id or host name.
rate_limit:
  github: { requests_per_hour: 4000, burst: 10 }
  gitlab: { requests_per_second: 8, burst: 5 }

security:
  allowed_env_vars: [GITHUB_TOKEN, GITLAB_TOKEN, HOOK_SECRET, "*_TOKEN"]   # absent = any variable
  require_https: false         # refuse http:// repository, API and target URLs (loopback excepted)
  allow_file_urls: false       # file:// repository URLs (the demo turns this on)
  credential_expiry_warning_days: 14   # warn (log, status, metric) when a credential expires this soon
  credential_check_interval: 24h       # check every credential against its provider (and at start); 0 = off

# Commits, changed files and forced per change: asked once per change, never per poll.
enrich:
  enabled: true                # per repository: enrich: false
  max_commits: 20              # the newest, oldest first; total_commits says how many
  max_files: 3000              # changed paths per event; truncated says when there were more
  timeout: 10s                 # bounded wait; then the event goes out without (enrichment.status unavailable)

# Inbound provider webhooks: a verified call polls the matching repositories at once.
webhooks:
  github_secret: ""
  gitlab_token: ""
  # github_secret_file: /run/secrets/gh-webhook   # the <key>_file forms of the two secrets above
  # gitlab_token_file: /run/secrets/gl-webhook

# Shared credentials: each serves every repository it matches that has no token of its own (the
# most specific match wins). Every secret key also has a <key>_file form (token_file, secret_file,
# auth_token_file, github_secret_file, …), read at start and on reload; see docs/credentials.md.
credentials: []                # for example:
#   - name: acme-app                 # a GitHub App: installation tokens, refreshed in the background
#     match: { host: github.com, owner: acme }
#     github_app:
#       app_id: 123456
#       private_key_file: \${CREDENTIALS_DIRECTORY}/acme-app.pem   # systemd LoadCredential=
#       # installation_id: 7890      # else looked up per owner
#   - name: gitlab-ci
#     match: { host: gitlab.example.com, owner: group }
#     token_file: /run/secrets/reposentry/GITLAB_TOKEN
#   - name: mirror                   # plain git over HTTPS
#     match: { host: git.example.com }
#     username: bot
#     password_file: /run/secrets/reposentry/GIT_PASSWORD

repositories:
  - name: my-service
    url: https://github.com/acme/my-service
    provider: github           # github | gitlab | gitea | git; inferred from the host when omitted
    token: \${GITHUB_TOKEN:-}     # empty while unset: validate warns, polls go unauthenticated
    branch_regex: "^(main|release/.*)$"
    tag_regex: "^v[0-9]"       # tags are watched only when set
    enabled: true
    polling_interval: 1m
    api_base_url: ""           # default: https://api.github.com for github.com
  - name: platform
    url: https://gitlab.example.com/group/platform.git
    token: \${GITLAB_TOKEN:-}
    branch_regex: "^main$"
    api_base_url: https://gitlab.example.com/api/v4
    enrich: false              # no commits or changed files for this repository's events

# Watch whole organizations, users, GitLab groups or starred lists (docs/discovery.md).
# Found repositories are named by their full name (acme/api) and baselined silently.
discover: []
#   - name: acme
#     provider: github         # github | gitlab | gitea
#     org: acme                # or user: NAME, starred_by: NAME, group: path/of/group (gitlab)
#     include_subgroups: false # gitlab groups only
#     token: \${GITHUB_TOKEN}
#     api_base_url: ""         # default https://api.github.com; required for gitlab and gitea
#     interval: 10m            # new repositories are picked up within one interval
#     include: "^acme/svc-"    # regex on the full name
#     exclude: ""
#     archived: false          # watch archived repositories too
#     forks: false             # watch forks too
#     topics: []               # only repositories with one of these topics
#     defaults: { branch_regex: "^main$", polling_interval: 2m }

# Optional extra file {repositories: [...], global_settings: {...}}, relative to this file.
# repositories_config: ./repositories.yaml
`;
