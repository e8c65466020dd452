// @ts-nocheck
// Generated from src/config/schema.ts by scripts/gen-config-validator.mjs (npm run build and npm run
// typecheck run it; test/config/validators-generated.test.ts fails when this file is stale). Do not edit.
import __import0_ from "ajv/dist/runtime/ucs2length.js";
const __import0 = __import0_ && __import0_.__esModule ? __import0_ : { default: __import0_ };
import * as __import1 from "./schema-keywords.js";
export const config = validate0;
const schema0 = {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","description":"reposentry configuration","additionalProperties":false,"properties":{"app":{"type":"object","description":"Process-wide settings.","properties":{"name":{"type":"string","description":"Instance name, used in logs and the API.","default":"reposentry","minLength":1},"log_level":{"type":"string","description":"Minimum log level.","enum":["trace","debug","info","warn","error"],"default":"info"},"log_format":{"type":"string","description":"json (one object a line) or text (human-readable, for terminals).","enum":["json","text"],"default":"json"},"log_file":{"type":"string","description":"Also log to this file, rotated. Relative to the config file. Empty: stderr only.","default":""},"log_file_rotation":{"type":"object","description":"Rotation of log_file.","properties":{"max_size":{"type":"integer","description":"Rotate when the file reaches this many MB.","minimum":1,"default":100},"max_backups":{"type":"integer","description":"Rotated files to keep.","minimum":0,"default":3},"max_age":{"type":"integer","description":"Delete rotated files older than this many days.","minimum":0,"default":30},"compress":{"type":"boolean","description":"Compress rotated files.","default":false,"x-not-yet-effective":"accepted for compatibility with the original RepoSentry; not yet effective"}},"additionalProperties":false,"default":{}},"health_check_port":{"type":"integer","description":"Port of the HTTP API (/health, /ready, /api/v1, /metrics).","minimum":0,"maximum":65535,"default":8080},"data_dir":{"type":"string","description":"Directory for the database and the demo repository. Relative to the config file.","default":"./data","minLength":1}},"additionalProperties":false,"default":{}},"api":{"type":"object","description":"HTTP API.","properties":{"listen":{"type":"string","description":"Address the API binds to (0.0.0.0 in containers).","default":"127.0.0.1","minLength":1},"auth_token":{"type":"string","description":"When set, /api/* requires \"Authorization: Bearer <token>\"."},"auth_token_file":{"type":"string","description":"File holding auth_token (instead of auth_token; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; ${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.","minLength":1},"ui":{"type":"boolean","description":"Serve the read-only HTML status page at GET / (same auth as /api/*).","default":true}},"additionalProperties":false,"default":{}},"http":{"type":"object","description":"Outbound HTTP: provider APIs, deliveries and git.","properties":{"proxy":{"type":"string","description":"Proxy URL for http and https requests (CONNECT for https, absolute-form for http); userinfo is Basic proxy credentials, a secret. Empty: HTTPS_PROXY / HTTP_PROXY from the environment.","default":""},"no_proxy":{"type":"string","description":"Hosts that bypass the proxy, as curl reads NO_PROXY: comma-separated host names, domain suffixes, IPs and CIDR ranges, optionally with :port; * for all. Loopback is not special. Empty: NO_PROXY from the environment.","default":""},"ca_file":{"type":"string","description":"Extra CA bundle (PEM) trusted for provider APIs, deliveries and git (http.sslCAInfo), besides the system roots. Relative to the config file. NODE_EXTRA_CA_CERTS also works.","default":""}},"additionalProperties":false,"default":{}},"polling":{"type":"object","description":"Polling defaults.","properties":{"interval":{"type":["string","number"],"description":"Default poll interval per repository.","x-duration":"positive","default":"5m"},"timeout":{"type":["string","number"],"description":"Timeout of one poll.","x-duration":"positive","default":"30s"},"max_workers":{"type":"integer","description":"Polls in flight at once.","minimum":1,"default":5},"batch_size":{"type":"integer","description":"Repositories per batched provider request where a provider batches.","minimum":1,"default":10},"github_mode":{"type":"string","description":"How GitHub repositories are listed, per (API host, token): rest (REST + ETags, one conditional request per repository and ref kind), graphql (batch_size repositories per GraphQL query), or auto (the rate-limit planner picks graphql where REST cannot sustain the configured intervals; see docs/rate-limits.md).","enum":["auto","rest","graphql"],"default":"auto"},"enable_api_fallback":{"type":"boolean","description":"On API failure (transport error, 5xx, unparsable answer), fall back to git ls-remote.","default":true},"jitter":{"type":"number","minimum":0,"exclusiveMaximum":1,"default":0.1,"description":"± fraction of the interval, in [0, 1)."},"emit_on_first_poll":{"type":"boolean","description":"Emit *_created events on the first poll of a repository; false records a silent baseline.","default":false},"retry_attempts":{"type":"integer","description":"Provider request retries within one poll.","minimum":0,"default":3},"retry_backoff":{"type":["string","number"],"description":"First delay between provider request retries.","x-duration":"positive","default":"1s"}},"additionalProperties":false,"default":{}},"storage":{"type":"object","description":"Storage.","properties":{"type":{"type":"string","description":"Storage engine (only sqlite).","enum":["sqlite"],"default":"sqlite"},"sqlite":{"type":"object","description":"SQLite settings.","properties":{"path":{"type":"string","description":"Database file. Default <data_dir>/reposentry.db. Relative to the config file."},"max_connections":{"type":"integer","description":"Connection pool size.","minimum":1,"x-not-yet-effective":"accepted for compatibility with the original RepoSentry; not yet effective (one connection is used)"},"connection_timeout":{"type":["string","number"],"description":"Connection timeout.","x-duration":"positive","x-not-yet-effective":"accepted for compatibility with the original RepoSentry; not yet effective"},"accept_empty_db":{"type":"boolean","description":"Start even when the database file is missing although data_dir shows a previous one (as `run --accept-empty-db`); otherwise such a start is refused, since it would silently lose pending events.","default":false}},"additionalProperties":false,"default":{}},"held_grace_period":{"type":["string","number"],"description":"How long the pending deliveries of a target removed from the configuration are held (resumed if a target of that name returns) before they are dead-lettered.","x-duration":"positive","default":"24h"},"retention":{"type":["string","number"],"description":"Events older than this whose deliveries are all delivered, dead or filtered (or that had none) are deleted, in small batches, with their deliveries; events with a delivery pending, in flight or held are never deleted. The space is reclaimed by incremental vacuum.","x-duration":"positive","default":"30d"}},"additionalProperties":false,"default":{}},"tekton":{"type":"object","description":"The default delivery target, named \"tekton\". Only active when event_listener_url is set.","properties":{"event_listener_url":{"type":"string","description":"Tekton EventListener URL (http/https)."},"format":{"type":"string","description":"Payload format: cloudevents (CloudEvents 1.0), github (push event), gitlab (Push Hook), log (JSON line on stdout), mirror (push the changed ref to the Git remote `url` names; triggers only, see docs/mirror.md).","enum":["cloudevents","github","gitlab","log","mirror"],"default":"cloudevents"},"mode":{"type":"string","description":"CloudEvents HTTP mode: binary (ce-* headers, body = data) or structured (application/cloudevents+json).","enum":["binary","structured"],"default":"binary"},"secret":{"type":"string","description":"Signing secret: Standard Webhooks signature (cloudevents), X-Hub-Signature-256 (github), X-Gitlab-Token (gitlab). `whsec_<base64>` is decoded."},"secret_file":{"type":"string","description":"File holding secret (instead of secret; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; ${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.","minLength":1},"headers":{"type":"object","description":"Extra HTTP headers sent with every delivery.","additionalProperties":{"type":"string"},"default":{}},"timeout":{"type":["string","number"],"description":"Timeout of one delivery attempt.","x-duration":"positive","default":"10s"},"retry_attempts":{"type":"integer","description":"Attempts before a delivery is dead-lettered.","minimum":0,"default":10},"retry_backoff":{"type":["string","number"],"description":"First retry delay; doubles on each attempt (full jitter), capped by max_backoff.","x-duration":"positive","default":"1s"},"max_backoff":{"type":["string","number"],"description":"Longest delay between two attempts.","x-duration":"positive","default":"10m"},"max_retry_after":{"type":["string","number"],"description":"Longest receiver Retry-After honoured; a longer one waits this long instead (said in the delivery's last_error). Default: the larger of max_backoff and 5m.","x-duration":"positive"},"filter":{"type":"object","description":"Deliver only matching events.","additionalProperties":false,"properties":{"repositories":{"type":"array","description":"Regexes tested (unanchored) against the repository name; any match passes.","items":{"type":"string","x-regex":true}},"events":{"type":"array","description":"Event types to deliver: branch_created, branch_updated, branch_deleted, tag_created, tag_updated, tag_deleted.","items":{"type":"string","enum":["branch_created","branch_updated","branch_deleted","tag_created","tag_updated","tag_deleted"]}},"paths":{"type":"array","description":"Globs (picomatch, `**` crosses directories, dotfiles match, a directory name matches everything under it as in a git pathspec): deliver only when at least one changed file matches. Needs enrichment; without it the event passes.","items":{"type":"string","minLength":1,"x-glob":true}},"ignore_paths":{"type":"array","description":"Globs: do not deliver when every changed file matches. Needs enrichment; without it the event passes.","items":{"type":"string","minLength":1,"x-glob":true}},"skip_ci":{"type":["boolean","array"],"description":"Do not deliver when the head commit message contains a marker (case-insensitive). Absent: on for branch events (branch_created, branch_updated) with the default markers [skip ci], [ci skip], [no ci], [skip actions], ***NO_CI***, off for tag events (a release tag often points at a [skip ci] release commit). true: the default markers, and a list: those markers, for every event the other filters let through, tags included. false: off. Needs enrichment; without it the event passes.","items":{"type":"string","minLength":1}},"forced":{"type":"string","description":"any (default), only (deliver only changes that rewrote history), exclude (never deliver them).","enum":["any","only","exclude"],"default":"any"}}}},"additionalProperties":false,"default":{}},"triggers":{"type":"array","description":"More delivery targets.","items":{"type":"object","description":"An additional delivery target.","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","description":"Unique target name (not \"tekton\"); shown in deliveries.","minLength":1},"url":{"type":"string","description":"Receiver URL (http/https), or \"log:\" for the log target. Required unless format is log. With format mirror: a Git remote template, {name} (the repository name in reposentry), {full_name} and {repo} substituted, e.g. https://onedev.example.com/{full_name}."},"token":{"type":"string","description":"format mirror: token for pushing to the destination (use ${VAR} or token_file); sent to git through the environment, never argv."},"token_file":{"type":"string","description":"File holding token (instead of token; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; ${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.","minLength":1},"username":{"type":"string","description":"format mirror: Basic-auth user name sent with the token (default x-access-token)."},"prune":{"type":"boolean","description":"format mirror: push deletions of branches and tags.","default":true},"create":{"type":"string","description":"format mirror: create a missing destination repository through this server's API before the first push.","enum":["gitea","gitlab","onedev"]},"create_token":{"type":"string","description":"format mirror: token for the create API (default: token)."},"create_token_file":{"type":"string","description":"File holding create_token (instead of create_token; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; ${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.","minLength":1},"format":{"type":"string","description":"Payload format: cloudevents (CloudEvents 1.0), github (push event), gitlab (Push Hook), log (JSON line on stdout), mirror (push the changed ref to the Git remote `url` names; triggers only, see docs/mirror.md).","enum":["cloudevents","github","gitlab","log","mirror"],"default":"cloudevents"},"mode":{"type":"string","description":"CloudEvents HTTP mode: binary (ce-* headers, body = data) or structured (application/cloudevents+json).","enum":["binary","structured"],"default":"binary"},"secret":{"type":"string","description":"Signing secret: Standard Webhooks signature (cloudevents), X-Hub-Signature-256 (github), X-Gitlab-Token (gitlab). `whsec_<base64>` is decoded."},"secret_file":{"type":"string","description":"File holding secret (instead of secret; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; ${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.","minLength":1},"headers":{"type":"object","description":"Extra HTTP headers sent with every delivery.","additionalProperties":{"type":"string"},"default":{}},"timeout":{"type":["string","number"],"description":"Timeout of one delivery attempt.","x-duration":"positive","default":"10s"},"retry_attempts":{"type":"integer","description":"Attempts before a delivery is dead-lettered.","minimum":0,"default":10},"retry_backoff":{"type":["string","number"],"description":"First retry delay; doubles on each attempt (full jitter), capped by max_backoff.","x-duration":"positive","default":"1s"},"max_backoff":{"type":["string","number"],"description":"Longest delay between two attempts.","x-duration":"positive","default":"10m"},"max_retry_after":{"type":["string","number"],"description":"Longest receiver Retry-After honoured; a longer one waits this long instead (said in the delivery's last_error). Default: the larger of max_backoff and 5m.","x-duration":"positive"},"filter":{"type":"object","description":"Deliver only matching events.","additionalProperties":false,"properties":{"repositories":{"type":"array","description":"Regexes tested (unanchored) against the repository name; any match passes.","items":{"type":"string","x-regex":true}},"events":{"type":"array","description":"Event types to deliver: branch_created, branch_updated, branch_deleted, tag_created, tag_updated, tag_deleted.","items":{"type":"string","enum":["branch_created","branch_updated","branch_deleted","tag_created","tag_updated","tag_deleted"]}},"paths":{"type":"array","description":"Globs (picomatch, `**` crosses directories, dotfiles match, a directory name matches everything under it as in a git pathspec): deliver only when at least one changed file matches. Needs enrichment; without it the event passes.","items":{"type":"string","minLength":1,"x-glob":true}},"ignore_paths":{"type":"array","description":"Globs: do not deliver when every changed file matches. Needs enrichment; without it the event passes.","items":{"type":"string","minLength":1,"x-glob":true}},"skip_ci":{"type":["boolean","array"],"description":"Do not deliver when the head commit message contains a marker (case-insensitive). Absent: on for branch events (branch_created, branch_updated) with the default markers [skip ci], [ci skip], [no ci], [skip actions], ***NO_CI***, off for tag events (a release tag often points at a [skip ci] release commit). true: the default markers, and a list: those markers, for every event the other filters let through, tags included. false: off. Needs enrichment; without it the event passes.","items":{"type":"string","minLength":1}},"forced":{"type":"string","description":"any (default), only (deliver only changes that rewrote history), exclude (never deliver them).","enum":["any","only","exclude"],"default":"any"}}}}},"default":[]},"rate_limit":{"type":"object","description":"Request budgets keyed by provider id (github, gitlab, gitea, git) or host name.","additionalProperties":{"type":"object","description":"Client-side budget seed for one provider id or host name.","additionalProperties":false,"properties":{"requests_per_hour":{"type":"number","exclusiveMinimum":0,"description":"Requests per hour."},"requests_per_second":{"type":"number","exclusiveMinimum":0,"description":"Requests per second."},"burst":{"type":"integer","description":"Requests allowed at once.","minimum":1}}},"default":{}},"security":{"type":"object","description":"Security.","properties":{"allowed_env_vars":{"type":"array","description":"Environment variables ${…} may read: exact names, PREFIX*, *SUFFIX. Absent: any variable.","items":{"type":"string","minLength":1}},"require_https":{"type":"boolean","description":"Refuse http:// repository, API and target URLs (loopback hosts excepted).","default":false},"credential_expiry_warning_days":{"type":"integer","description":"A credential that expires within this many days is reported: a warning in the log, `expiring` in GET /api/v1/status, and the gauge reposentry_credential_expiry_timestamp_seconds.","minimum":0,"default":14},"credential_check_interval":{"type":["string","number"],"description":"How often the daemon checks every credential against its provider (also once at start, without delaying readiness). 0 turns the checks off.","x-duration":"non-negative","default":"24h"},"allow_file_urls":{"type":"boolean","description":"Accept file:// repository URLs (local bare repositories; the demo sets it). Off by default: a config should not make the daemon read arbitrary local paths.","default":false}},"additionalProperties":false,"default":{}},"webhooks":{"type":"object","description":"Inbound provider webhooks that trigger an immediate poll.","properties":{"github_secret":{"type":"string","description":"Secret of GitHub webhooks (X-Hub-Signature-256) sent to POST /webhooks/github."},"github_secret_file":{"type":"string","description":"File holding github_secret (instead of github_secret; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; ${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.","minLength":1},"gitlab_token":{"type":"string","description":"Token of GitLab webhooks (X-Gitlab-Token) sent to POST /webhooks/gitlab."},"gitlab_token_file":{"type":"string","description":"File holding gitlab_token (instead of gitlab_token; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; ${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.","minLength":1}},"additionalProperties":false,"default":{}},"credentials":{"type":"array","description":"Shared credentials: each serves every repository it matches that has no token of its own.","items":{"type":"object","description":"A named credential: a token, a GitHub App, or a user name and password for plain git. Exactly one kind.","additionalProperties":false,"required":["name","match"],"properties":{"name":{"type":"string","description":"Unique name; shown in status, logs, metrics and `reposentry credentials check`.","minLength":1},"match":{"type":"object","description":"Which repositories this credential serves. The most specific match wins (an owner beats none, a longer owner beats a shorter); ties go to the first entry.","additionalProperties":false,"required":["host"],"properties":{"host":{"type":"string","description":"Host of the repository URL (github.com, gitlab.example.com, or host:port).","minLength":1},"owner":{"type":"string","description":"Owner, organization or group path prefix (acme, group/subgroup), compared per path segment, case-insensitively. Absent: every owner on the host.","minLength":1}}},"token":{"type":"string","description":"Access token (use ${VAR} or token_file)."},"token_file":{"type":"string","description":"File holding token (instead of token; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; ${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.","minLength":1},"github_app":{"type":"object","description":"Authenticate as a GitHub App: installation access tokens, minted and refreshed in the background.","additionalProperties":false,"required":["app_id"],"properties":{"app_id":{"type":["integer","string"],"description":"The App ID (or client ID) of the GitHub App."},"private_key":{"type":"string","description":"The App private key (PEM); use ${VAR} or private_key_file."},"private_key_file":{"type":"string","description":"File holding private_key (instead of private_key; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; ${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.","minLength":1},"installation_id":{"type":"integer","description":"Installation to use for every matched repository. Absent: looked up per owner (GET /repos/{owner}/{repo}/installation).","minimum":1},"api_base_url":{"type":"string","description":"GitHub API root. Default: the matched repositories' (https://api.github.com for github.com, https://HOST/api/v3 for GitHub Enterprise Server)."}}},"username":{"type":"string","description":"User name for plain git over HTTPS (Basic auth, with password or password_file); used by provider git repositories."},"password":{"type":"string","description":"Password for username (use ${VAR} or password_file)."},"password_file":{"type":"string","description":"File holding password (instead of password; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; ${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.","minLength":1}}},"default":[]},"enrich":{"type":"object","description":"Commits, changed files and `forced` per change, asked once per change (never per poll): GitHub compare API, else the git cache under <data_dir>/git-cache. See docs/enrichment.md.","properties":{"enabled":{"type":"boolean","description":"Enrich events. Per repository: `enrich: false`.","default":true},"max_commits":{"type":"integer","description":"Commits listed per event (the newest, oldest first); total_commits says how many there were.","minimum":0,"maximum":2048,"default":20},"max_files":{"type":"integer","description":"Changed paths listed per event; `truncated` says when there were more.","minimum":0,"maximum":100000,"default":3000},"timeout":{"type":["string","number"],"description":"Bounded wait per poll: after it, events are stored and delivered without enrichment (enrichment.status unavailable). It also ends before the deadline of the poll itself (polling.timeout), so a slow listing never makes enrichment fail the poll.","x-duration":"positive","default":"10s"}},"additionalProperties":false,"default":{}},"repositories":{"type":"array","description":"Watched repositories.","items":{"type":"object","description":"A watched repository.","additionalProperties":false,"required":["name","url"],"properties":{"name":{"type":"string","description":"Unique name; used in the API, events and logs.","minLength":1},"url":{"type":"string","description":"Clone/web URL: https://, http://, ssh://, git://, scp-like git@host:org/repo.git, or file:// with security.allow_file_urls. Credentials in it are used for the poll only.","minLength":1},"provider":{"type":"string","description":"One of github, gitlab, gitea, git. Inferred from the host when omitted (unknown hosts: git, with a warning).","enum":["github","gitlab","gitea","git"]},"token":{"type":"string","description":"Access token (use ${VAR}); sent to the provider API and to git through the environment, never logged. Wins over a matching `credentials:` entry."},"token_file":{"type":"string","description":"File holding token (instead of token; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; ${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.","minLength":1},"branch_regex":{"type":"string","description":"Branches whose names match (JavaScript RegExp, unanchored) are watched. Default: all branches.","x-regex":true},"tag_regex":{"type":"string","description":"Tags whose names match are watched; tags are not watched when omitted.","x-regex":true},"enabled":{"type":"boolean","description":"Poll this repository. Default true (or global_settings.default_polling_enabled in a repositories_config file)."},"polling_interval":{"type":["string","number"],"description":"Poll interval for this repository. Default: polling.interval.","x-duration":"positive"},"api_base_url":{"type":"string","description":"API root. Default: https://api.github.com (github.com), https://HOST/api/v3 (other GitHub), https://HOST/api/v4 (GitLab), https://HOST/api/v1 (Gitea/Forgejo)."},"enrich":{"type":"boolean","description":"false: no commits, changed files or forced flag for this repository's events (no compare request, no git cache). Default: enrich.enabled."}}},"default":[]},"discover":{"type":"array","description":"Discover sources: watch whole organizations, users, groups or starred lists (see docs/discovery.md).","items":{"type":"object","description":"A discover source: every repository of an organization, user or group (or starred by a user) is watched, with `defaults` applied.","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","description":"Unique source name; shown in logs, the status API and metrics.","minLength":1},"provider":{"type":"string","description":"Where to list: github, gitlab or gitea (Gitea and Forgejo).","enum":["github","gitlab","gitea"],"default":"github"},"org":{"type":"string","description":"List the repositories of this organization (GitHub, Gitea).","minLength":1},"user":{"type":"string","description":"List the repositories this user owns (GitHub, Gitea).","minLength":1},"starred_by":{"type":"string","description":"List the repositories this user has starred (GitHub, Gitea).","minLength":1},"group":{"type":"string","description":"List the projects of this GitLab group (full path, e.g. platform/backend, or numeric id).","minLength":1},"include_subgroups":{"type":"boolean","description":"GitLab groups: list the projects of every subgroup too.","default":false},"token":{"type":"string","description":"Access token for the listing (use ${VAR} or token_file); also polls the repositories found. Default: a token credential matching the host and owner. Never logged."},"token_file":{"type":"string","description":"File holding token (instead of token; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; ${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.","minLength":1},"api_base_url":{"type":"string","description":"API root. Default https://api.github.com for github; required for gitlab (https://HOST/api/v4) and gitea (https://HOST/api/v1)."},"interval":{"type":["string","number"],"description":"How often the source is listed again; new repositories are picked up within one interval.","x-duration":"positive","default":"10m"},"include":{"type":"string","description":"Only repositories whose full name (owner/name, group/sub/name) matches this regex (unanchored).","x-regex":true},"exclude":{"type":"string","description":"Skip repositories whose full name matches this regex (unanchored).","x-regex":true},"archived":{"type":"boolean","description":"Watch archived repositories too.","default":false},"forks":{"type":"boolean","description":"Watch forks too.","default":false},"topics":{"type":"array","description":"When set, only repositories with at least one of these topics.","items":{"type":"string","minLength":1}},"defaults":{"type":"object","description":"Settings applied to every repository the source finds.","properties":{"branch_regex":{"type":"string","description":"Branches whose names match are watched. Default: all branches.","x-regex":true},"tag_regex":{"type":"string","description":"Tags whose names match are watched; tags are not watched when omitted.","x-regex":true},"polling_interval":{"type":["string","number"],"description":"Poll interval of each found repository. Default: polling.interval.","x-duration":"positive"},"enabled":{"type":"boolean","description":"Poll the found repositories (false lists them in the API without polling).","default":true}},"additionalProperties":false,"default":{}}}},"default":[]},"repositories_config":{"type":"string","description":"Extra file with {repositories: [...], global_settings: {...}}, relative to this file. Its repositories are added.","minLength":1}}};
const func0 = Object.prototype.hasOwnProperty;
const func1 = __import0.default;
const func6 = __import1["durationKeywordError"];
const func48 = __import1["regexKeywordError"];
const func51 = __import1["globKeywordError"];

function validate0(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.app === undefined){
data.app = {};
}
if(data.api === undefined){
data.api = {};
}
if(data.http === undefined){
data.http = {};
}
if(data.polling === undefined){
data.polling = {};
}
if(data.storage === undefined){
data.storage = {};
}
if(data.tekton === undefined){
data.tekton = {};
}
if(data.triggers === undefined){
data.triggers = [];
}
if(data.rate_limit === undefined){
data.rate_limit = {};
}
if(data.security === undefined){
data.security = {};
}
if(data.webhooks === undefined){
data.webhooks = {};
}
if(data.credentials === undefined){
data.credentials = [];
}
if(data.enrich === undefined){
data.enrich = {};
}
if(data.repositories === undefined){
data.repositories = [];
}
if(data.discover === undefined){
data.discover = [];
}
for(const key0 in data){
if(!(func0.call(schema0.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema0,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.app;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.name === undefined){
data0.name = "reposentry";
}
if(data0.log_level === undefined){
data0.log_level = "info";
}
if(data0.log_format === undefined){
data0.log_format = "json";
}
if(data0.log_file === undefined){
data0.log_file = "";
}
if(data0.log_file_rotation === undefined){
data0.log_file_rotation = {};
}
if(data0.health_check_port === undefined){
data0.health_check_port = 8080;
}
if(data0.data_dir === undefined){
data0.data_dir = "./data";
}
for(const key1 in data0){
if(!(((((((key1 === "name") || (key1 === "log_level")) || (key1 === "log_format")) || (key1 === "log_file")) || (key1 === "log_file_rotation")) || (key1 === "health_check_port")) || (key1 === "data_dir"))){
const err1 = {instancePath:instancePath+"/app",schemaPath:"#/properties/app/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.app,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
let data1 = data0.name;
if(typeof data1 === "string"){
if(func1(data1) < 1){
const err2 = {instancePath:instancePath+"/app/name",schemaPath:"#/properties/app/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.app.properties.name,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/app/name",schemaPath:"#/properties/app/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.app.properties.name.type,parentSchema:schema0.properties.app.properties.name,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
let data2 = data0.log_level;
if(typeof data2 !== "string"){
const err4 = {instancePath:instancePath+"/app/log_level",schemaPath:"#/properties/app/properties/log_level/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.app.properties.log_level.type,parentSchema:schema0.properties.app.properties.log_level,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!(((((data2 === "trace") || (data2 === "debug")) || (data2 === "info")) || (data2 === "warn")) || (data2 === "error"))){
const err5 = {instancePath:instancePath+"/app/log_level",schemaPath:"#/properties/app/properties/log_level/enum",keyword:"enum",params:{allowedValues: schema0.properties.app.properties.log_level.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.app.properties.log_level.enum,parentSchema:schema0.properties.app.properties.log_level,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
let data3 = data0.log_format;
if(typeof data3 !== "string"){
const err6 = {instancePath:instancePath+"/app/log_format",schemaPath:"#/properties/app/properties/log_format/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.app.properties.log_format.type,parentSchema:schema0.properties.app.properties.log_format,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!((data3 === "json") || (data3 === "text"))){
const err7 = {instancePath:instancePath+"/app/log_format",schemaPath:"#/properties/app/properties/log_format/enum",keyword:"enum",params:{allowedValues: schema0.properties.app.properties.log_format.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.app.properties.log_format.enum,parentSchema:schema0.properties.app.properties.log_format,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
let data4 = data0.log_file;
if(typeof data4 !== "string"){
const err8 = {instancePath:instancePath+"/app/log_file",schemaPath:"#/properties/app/properties/log_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.app.properties.log_file.type,parentSchema:schema0.properties.app.properties.log_file,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
let data5 = data0.log_file_rotation;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.max_size === undefined){
data5.max_size = 100;
}
if(data5.max_backups === undefined){
data5.max_backups = 3;
}
if(data5.max_age === undefined){
data5.max_age = 30;
}
if(data5.compress === undefined){
data5.compress = false;
}
for(const key2 in data5){
if(!((((key2 === "max_size") || (key2 === "max_backups")) || (key2 === "max_age")) || (key2 === "compress"))){
const err9 = {instancePath:instancePath+"/app/log_file_rotation",schemaPath:"#/properties/app/properties/log_file_rotation/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.app.properties.log_file_rotation,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
let data6 = data5.max_size;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err10 = {instancePath:instancePath+"/app/log_file_rotation/max_size",schemaPath:"#/properties/app/properties/log_file_rotation/properties/max_size/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.app.properties.log_file_rotation.properties.max_size.type,parentSchema:schema0.properties.app.properties.log_file_rotation.properties.max_size,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 1 || isNaN(data6)){
const err11 = {instancePath:instancePath+"/app/log_file_rotation/max_size",schemaPath:"#/properties/app/properties/log_file_rotation/properties/max_size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema0.properties.app.properties.log_file_rotation.properties.max_size,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
let data7 = data5.max_backups;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err12 = {instancePath:instancePath+"/app/log_file_rotation/max_backups",schemaPath:"#/properties/app/properties/log_file_rotation/properties/max_backups/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.app.properties.log_file_rotation.properties.max_backups.type,parentSchema:schema0.properties.app.properties.log_file_rotation.properties.max_backups,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 < 0 || isNaN(data7)){
const err13 = {instancePath:instancePath+"/app/log_file_rotation/max_backups",schemaPath:"#/properties/app/properties/log_file_rotation/properties/max_backups/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema0.properties.app.properties.log_file_rotation.properties.max_backups,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
let data8 = data5.max_age;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err14 = {instancePath:instancePath+"/app/log_file_rotation/max_age",schemaPath:"#/properties/app/properties/log_file_rotation/properties/max_age/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.app.properties.log_file_rotation.properties.max_age.type,parentSchema:schema0.properties.app.properties.log_file_rotation.properties.max_age,data:data8};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 0 || isNaN(data8)){
const err15 = {instancePath:instancePath+"/app/log_file_rotation/max_age",schemaPath:"#/properties/app/properties/log_file_rotation/properties/max_age/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema0.properties.app.properties.log_file_rotation.properties.max_age,data:data8};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let data9 = data5.compress;
if(typeof data9 !== "boolean"){
const err16 = {instancePath:instancePath+"/app/log_file_rotation/compress",schemaPath:"#/properties/app/properties/log_file_rotation/properties/compress/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.app.properties.log_file_rotation.properties.compress.type,parentSchema:schema0.properties.app.properties.log_file_rotation.properties.compress,data:data9};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/app/log_file_rotation",schemaPath:"#/properties/app/properties/log_file_rotation/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.app.properties.log_file_rotation.type,parentSchema:schema0.properties.app.properties.log_file_rotation,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
let data10 = data0.health_check_port;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err18 = {instancePath:instancePath+"/app/health_check_port",schemaPath:"#/properties/app/properties/health_check_port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.app.properties.health_check_port.type,parentSchema:schema0.properties.app.properties.health_check_port,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 65535 || isNaN(data10)){
const err19 = {instancePath:instancePath+"/app/health_check_port",schemaPath:"#/properties/app/properties/health_check_port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema0.properties.app.properties.health_check_port,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data10 < 0 || isNaN(data10)){
const err20 = {instancePath:instancePath+"/app/health_check_port",schemaPath:"#/properties/app/properties/health_check_port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema0.properties.app.properties.health_check_port,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
let data11 = data0.data_dir;
if(typeof data11 === "string"){
if(func1(data11) < 1){
const err21 = {instancePath:instancePath+"/app/data_dir",schemaPath:"#/properties/app/properties/data_dir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.app.properties.data_dir,data:data11};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/app/data_dir",schemaPath:"#/properties/app/properties/data_dir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.app.properties.data_dir.type,parentSchema:schema0.properties.app.properties.data_dir,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/app",schemaPath:"#/properties/app/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.app.type,parentSchema:schema0.properties.app,data:data0};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
let data12 = data.api;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.listen === undefined){
data12.listen = "127.0.0.1";
}
if(data12.ui === undefined){
data12.ui = true;
}
for(const key3 in data12){
if(!((((key3 === "listen") || (key3 === "auth_token")) || (key3 === "auth_token_file")) || (key3 === "ui"))){
const err24 = {instancePath:instancePath+"/api",schemaPath:"#/properties/api/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.api,data:data12};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
let data13 = data12.listen;
if(typeof data13 === "string"){
if(func1(data13) < 1){
const err25 = {instancePath:instancePath+"/api/listen",schemaPath:"#/properties/api/properties/listen/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.api.properties.listen,data:data13};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/api/listen",schemaPath:"#/properties/api/properties/listen/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.api.properties.listen.type,parentSchema:schema0.properties.api.properties.listen,data:data13};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data12.auth_token !== undefined){
let data14 = data12.auth_token;
if(typeof data14 !== "string"){
const err27 = {instancePath:instancePath+"/api/auth_token",schemaPath:"#/properties/api/properties/auth_token/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.api.properties.auth_token.type,parentSchema:schema0.properties.api.properties.auth_token,data:data14};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data12.auth_token_file !== undefined){
let data15 = data12.auth_token_file;
if(typeof data15 === "string"){
if(func1(data15) < 1){
const err28 = {instancePath:instancePath+"/api/auth_token_file",schemaPath:"#/properties/api/properties/auth_token_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.api.properties.auth_token_file,data:data15};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/api/auth_token_file",schemaPath:"#/properties/api/properties/auth_token_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.api.properties.auth_token_file.type,parentSchema:schema0.properties.api.properties.auth_token_file,data:data15};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
let data16 = data12.ui;
if(typeof data16 !== "boolean"){
const err30 = {instancePath:instancePath+"/api/ui",schemaPath:"#/properties/api/properties/ui/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.api.properties.ui.type,parentSchema:schema0.properties.api.properties.ui,data:data16};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/api",schemaPath:"#/properties/api/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.api.type,parentSchema:schema0.properties.api,data:data12};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
let data17 = data.http;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
if(data17.proxy === undefined){
data17.proxy = "";
}
if(data17.no_proxy === undefined){
data17.no_proxy = "";
}
if(data17.ca_file === undefined){
data17.ca_file = "";
}
for(const key4 in data17){
if(!(((key4 === "proxy") || (key4 === "no_proxy")) || (key4 === "ca_file"))){
const err32 = {instancePath:instancePath+"/http",schemaPath:"#/properties/http/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.http,data:data17};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
let data18 = data17.proxy;
if(typeof data18 !== "string"){
const err33 = {instancePath:instancePath+"/http/proxy",schemaPath:"#/properties/http/properties/proxy/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.http.properties.proxy.type,parentSchema:schema0.properties.http.properties.proxy,data:data18};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
let data19 = data17.no_proxy;
if(typeof data19 !== "string"){
const err34 = {instancePath:instancePath+"/http/no_proxy",schemaPath:"#/properties/http/properties/no_proxy/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.http.properties.no_proxy.type,parentSchema:schema0.properties.http.properties.no_proxy,data:data19};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
let data20 = data17.ca_file;
if(typeof data20 !== "string"){
const err35 = {instancePath:instancePath+"/http/ca_file",schemaPath:"#/properties/http/properties/ca_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.http.properties.ca_file.type,parentSchema:schema0.properties.http.properties.ca_file,data:data20};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/http",schemaPath:"#/properties/http/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.http.type,parentSchema:schema0.properties.http,data:data17};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
let data21 = data.polling;
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
if(data21.interval === undefined){
data21.interval = "5m";
}
if(data21.timeout === undefined){
data21.timeout = "30s";
}
if(data21.max_workers === undefined){
data21.max_workers = 5;
}
if(data21.batch_size === undefined){
data21.batch_size = 10;
}
if(data21.github_mode === undefined){
data21.github_mode = "auto";
}
if(data21.enable_api_fallback === undefined){
data21.enable_api_fallback = true;
}
if(data21.jitter === undefined){
data21.jitter = 0.1;
}
if(data21.emit_on_first_poll === undefined){
data21.emit_on_first_poll = false;
}
if(data21.retry_attempts === undefined){
data21.retry_attempts = 3;
}
if(data21.retry_backoff === undefined){
data21.retry_backoff = "1s";
}
for(const key5 in data21){
if(!(func0.call(schema0.properties.polling.properties, key5))){
const err37 = {instancePath:instancePath+"/polling",schemaPath:"#/properties/polling/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.polling,data:data21};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
let data22 = data21.interval;
if((typeof data22 !== "string") && (!((typeof data22 == "number") && (isFinite(data22))))){
const err38 = {instancePath:instancePath+"/polling/interval",schemaPath:"#/properties/polling/properties/interval/type",keyword:"type",params:{type: schema0.properties.polling.properties.interval.type},message:"must be string,number",schema:schema0.properties.polling.properties.interval.type,parentSchema:schema0.properties.polling.properties.interval,data:data22};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(func6(data22, "positive") !== undefined){
const err39 = {instancePath:instancePath+"/polling/interval",schemaPath:"#/properties/polling/properties/interval/x-duration",keyword:"x-duration",params:{},message:func6(data22, "positive"),schema:"positive",parentSchema:schema0.properties.polling.properties.interval,data:data22};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(typeof data22 === "string"){
if(func6(data22, "positive") !== undefined){
const err40 = {instancePath:instancePath+"/polling/interval",schemaPath:"#/properties/polling/properties/interval/x-duration",keyword:"x-duration",params:{},message:func6(data22, "positive"),schema:"positive",parentSchema:schema0.properties.polling.properties.interval,data:data22};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
let data23 = data21.timeout;
if((typeof data23 !== "string") && (!((typeof data23 == "number") && (isFinite(data23))))){
const err41 = {instancePath:instancePath+"/polling/timeout",schemaPath:"#/properties/polling/properties/timeout/type",keyword:"type",params:{type: schema0.properties.polling.properties.timeout.type},message:"must be string,number",schema:schema0.properties.polling.properties.timeout.type,parentSchema:schema0.properties.polling.properties.timeout,data:data23};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if((typeof data23 == "number") && (isFinite(data23))){
if(func6(data23, "positive") !== undefined){
const err42 = {instancePath:instancePath+"/polling/timeout",schemaPath:"#/properties/polling/properties/timeout/x-duration",keyword:"x-duration",params:{},message:func6(data23, "positive"),schema:"positive",parentSchema:schema0.properties.polling.properties.timeout,data:data23};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(typeof data23 === "string"){
if(func6(data23, "positive") !== undefined){
const err43 = {instancePath:instancePath+"/polling/timeout",schemaPath:"#/properties/polling/properties/timeout/x-duration",keyword:"x-duration",params:{},message:func6(data23, "positive"),schema:"positive",parentSchema:schema0.properties.polling.properties.timeout,data:data23};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
let data24 = data21.max_workers;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err44 = {instancePath:instancePath+"/polling/max_workers",schemaPath:"#/properties/polling/properties/max_workers/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.polling.properties.max_workers.type,parentSchema:schema0.properties.polling.properties.max_workers,data:data24};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 < 1 || isNaN(data24)){
const err45 = {instancePath:instancePath+"/polling/max_workers",schemaPath:"#/properties/polling/properties/max_workers/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema0.properties.polling.properties.max_workers,data:data24};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
let data25 = data21.batch_size;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
const err46 = {instancePath:instancePath+"/polling/batch_size",schemaPath:"#/properties/polling/properties/batch_size/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.polling.properties.batch_size.type,parentSchema:schema0.properties.polling.properties.batch_size,data:data25};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 < 1 || isNaN(data25)){
const err47 = {instancePath:instancePath+"/polling/batch_size",schemaPath:"#/properties/polling/properties/batch_size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema0.properties.polling.properties.batch_size,data:data25};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
let data26 = data21.github_mode;
if(typeof data26 !== "string"){
const err48 = {instancePath:instancePath+"/polling/github_mode",schemaPath:"#/properties/polling/properties/github_mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.polling.properties.github_mode.type,parentSchema:schema0.properties.polling.properties.github_mode,data:data26};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(!(((data26 === "auto") || (data26 === "rest")) || (data26 === "graphql"))){
const err49 = {instancePath:instancePath+"/polling/github_mode",schemaPath:"#/properties/polling/properties/github_mode/enum",keyword:"enum",params:{allowedValues: schema0.properties.polling.properties.github_mode.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.polling.properties.github_mode.enum,parentSchema:schema0.properties.polling.properties.github_mode,data:data26};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
let data27 = data21.enable_api_fallback;
if(typeof data27 !== "boolean"){
const err50 = {instancePath:instancePath+"/polling/enable_api_fallback",schemaPath:"#/properties/polling/properties/enable_api_fallback/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.polling.properties.enable_api_fallback.type,parentSchema:schema0.properties.polling.properties.enable_api_fallback,data:data27};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
let data28 = data21.jitter;
if((typeof data28 == "number") && (isFinite(data28))){
if(data28 < 0 || isNaN(data28)){
const err51 = {instancePath:instancePath+"/polling/jitter",schemaPath:"#/properties/polling/properties/jitter/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema0.properties.polling.properties.jitter,data:data28};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(data28 >= 1 || isNaN(data28)){
const err52 = {instancePath:instancePath+"/polling/jitter",schemaPath:"#/properties/polling/properties/jitter/exclusiveMaximum",keyword:"exclusiveMaximum",params:{comparison: "<", limit: 1},message:"must be < 1",schema:1,parentSchema:schema0.properties.polling.properties.jitter,data:data28};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
else {
const err53 = {instancePath:instancePath+"/polling/jitter",schemaPath:"#/properties/polling/properties/jitter/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema0.properties.polling.properties.jitter.type,parentSchema:schema0.properties.polling.properties.jitter,data:data28};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
let data29 = data21.emit_on_first_poll;
if(typeof data29 !== "boolean"){
const err54 = {instancePath:instancePath+"/polling/emit_on_first_poll",schemaPath:"#/properties/polling/properties/emit_on_first_poll/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.polling.properties.emit_on_first_poll.type,parentSchema:schema0.properties.polling.properties.emit_on_first_poll,data:data29};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
let data30 = data21.retry_attempts;
if(!(((typeof data30 == "number") && (!(data30 % 1) && !isNaN(data30))) && (isFinite(data30)))){
const err55 = {instancePath:instancePath+"/polling/retry_attempts",schemaPath:"#/properties/polling/properties/retry_attempts/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.polling.properties.retry_attempts.type,parentSchema:schema0.properties.polling.properties.retry_attempts,data:data30};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if((typeof data30 == "number") && (isFinite(data30))){
if(data30 < 0 || isNaN(data30)){
const err56 = {instancePath:instancePath+"/polling/retry_attempts",schemaPath:"#/properties/polling/properties/retry_attempts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema0.properties.polling.properties.retry_attempts,data:data30};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
let data31 = data21.retry_backoff;
if((typeof data31 !== "string") && (!((typeof data31 == "number") && (isFinite(data31))))){
const err57 = {instancePath:instancePath+"/polling/retry_backoff",schemaPath:"#/properties/polling/properties/retry_backoff/type",keyword:"type",params:{type: schema0.properties.polling.properties.retry_backoff.type},message:"must be string,number",schema:schema0.properties.polling.properties.retry_backoff.type,parentSchema:schema0.properties.polling.properties.retry_backoff,data:data31};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(func6(data31, "positive") !== undefined){
const err58 = {instancePath:instancePath+"/polling/retry_backoff",schemaPath:"#/properties/polling/properties/retry_backoff/x-duration",keyword:"x-duration",params:{},message:func6(data31, "positive"),schema:"positive",parentSchema:schema0.properties.polling.properties.retry_backoff,data:data31};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(typeof data31 === "string"){
if(func6(data31, "positive") !== undefined){
const err59 = {instancePath:instancePath+"/polling/retry_backoff",schemaPath:"#/properties/polling/properties/retry_backoff/x-duration",keyword:"x-duration",params:{},message:func6(data31, "positive"),schema:"positive",parentSchema:schema0.properties.polling.properties.retry_backoff,data:data31};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
}
else {
const err60 = {instancePath:instancePath+"/polling",schemaPath:"#/properties/polling/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.polling.type,parentSchema:schema0.properties.polling,data:data21};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
let data32 = data.storage;
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
if(data32.type === undefined){
data32.type = "sqlite";
}
if(data32.sqlite === undefined){
data32.sqlite = {};
}
if(data32.held_grace_period === undefined){
data32.held_grace_period = "24h";
}
if(data32.retention === undefined){
data32.retention = "30d";
}
for(const key6 in data32){
if(!((((key6 === "type") || (key6 === "sqlite")) || (key6 === "held_grace_period")) || (key6 === "retention"))){
const err61 = {instancePath:instancePath+"/storage",schemaPath:"#/properties/storage/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.storage,data:data32};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
let data33 = data32.type;
if(typeof data33 !== "string"){
const err62 = {instancePath:instancePath+"/storage/type",schemaPath:"#/properties/storage/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.storage.properties.type.type,parentSchema:schema0.properties.storage.properties.type,data:data33};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(!(data33 === "sqlite")){
const err63 = {instancePath:instancePath+"/storage/type",schemaPath:"#/properties/storage/properties/type/enum",keyword:"enum",params:{allowedValues: schema0.properties.storage.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.storage.properties.type.enum,parentSchema:schema0.properties.storage.properties.type,data:data33};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
let data34 = data32.sqlite;
if(data34 && typeof data34 == "object" && !Array.isArray(data34)){
if(data34.accept_empty_db === undefined){
data34.accept_empty_db = false;
}
for(const key7 in data34){
if(!((((key7 === "path") || (key7 === "max_connections")) || (key7 === "connection_timeout")) || (key7 === "accept_empty_db"))){
const err64 = {instancePath:instancePath+"/storage/sqlite",schemaPath:"#/properties/storage/properties/sqlite/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.storage.properties.sqlite,data:data34};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data34.path !== undefined){
let data35 = data34.path;
if(typeof data35 !== "string"){
const err65 = {instancePath:instancePath+"/storage/sqlite/path",schemaPath:"#/properties/storage/properties/sqlite/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.storage.properties.sqlite.properties.path.type,parentSchema:schema0.properties.storage.properties.sqlite.properties.path,data:data35};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data34.max_connections !== undefined){
let data36 = data34.max_connections;
if(!(((typeof data36 == "number") && (!(data36 % 1) && !isNaN(data36))) && (isFinite(data36)))){
const err66 = {instancePath:instancePath+"/storage/sqlite/max_connections",schemaPath:"#/properties/storage/properties/sqlite/properties/max_connections/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.storage.properties.sqlite.properties.max_connections.type,parentSchema:schema0.properties.storage.properties.sqlite.properties.max_connections,data:data36};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
if((typeof data36 == "number") && (isFinite(data36))){
if(data36 < 1 || isNaN(data36)){
const err67 = {instancePath:instancePath+"/storage/sqlite/max_connections",schemaPath:"#/properties/storage/properties/sqlite/properties/max_connections/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema0.properties.storage.properties.sqlite.properties.max_connections,data:data36};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
}
if(data34.connection_timeout !== undefined){
let data37 = data34.connection_timeout;
if((typeof data37 !== "string") && (!((typeof data37 == "number") && (isFinite(data37))))){
const err68 = {instancePath:instancePath+"/storage/sqlite/connection_timeout",schemaPath:"#/properties/storage/properties/sqlite/properties/connection_timeout/type",keyword:"type",params:{type: schema0.properties.storage.properties.sqlite.properties.connection_timeout.type},message:"must be string,number",schema:schema0.properties.storage.properties.sqlite.properties.connection_timeout.type,parentSchema:schema0.properties.storage.properties.sqlite.properties.connection_timeout,data:data37};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if((typeof data37 == "number") && (isFinite(data37))){
if(func6(data37, "positive") !== undefined){
const err69 = {instancePath:instancePath+"/storage/sqlite/connection_timeout",schemaPath:"#/properties/storage/properties/sqlite/properties/connection_timeout/x-duration",keyword:"x-duration",params:{},message:func6(data37, "positive"),schema:"positive",parentSchema:schema0.properties.storage.properties.sqlite.properties.connection_timeout,data:data37};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
if(typeof data37 === "string"){
if(func6(data37, "positive") !== undefined){
const err70 = {instancePath:instancePath+"/storage/sqlite/connection_timeout",schemaPath:"#/properties/storage/properties/sqlite/properties/connection_timeout/x-duration",keyword:"x-duration",params:{},message:func6(data37, "positive"),schema:"positive",parentSchema:schema0.properties.storage.properties.sqlite.properties.connection_timeout,data:data37};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
}
let data38 = data34.accept_empty_db;
if(typeof data38 !== "boolean"){
const err71 = {instancePath:instancePath+"/storage/sqlite/accept_empty_db",schemaPath:"#/properties/storage/properties/sqlite/properties/accept_empty_db/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.storage.properties.sqlite.properties.accept_empty_db.type,parentSchema:schema0.properties.storage.properties.sqlite.properties.accept_empty_db,data:data38};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
else {
const err72 = {instancePath:instancePath+"/storage/sqlite",schemaPath:"#/properties/storage/properties/sqlite/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.storage.properties.sqlite.type,parentSchema:schema0.properties.storage.properties.sqlite,data:data34};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
let data39 = data32.held_grace_period;
if((typeof data39 !== "string") && (!((typeof data39 == "number") && (isFinite(data39))))){
const err73 = {instancePath:instancePath+"/storage/held_grace_period",schemaPath:"#/properties/storage/properties/held_grace_period/type",keyword:"type",params:{type: schema0.properties.storage.properties.held_grace_period.type},message:"must be string,number",schema:schema0.properties.storage.properties.held_grace_period.type,parentSchema:schema0.properties.storage.properties.held_grace_period,data:data39};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if((typeof data39 == "number") && (isFinite(data39))){
if(func6(data39, "positive") !== undefined){
const err74 = {instancePath:instancePath+"/storage/held_grace_period",schemaPath:"#/properties/storage/properties/held_grace_period/x-duration",keyword:"x-duration",params:{},message:func6(data39, "positive"),schema:"positive",parentSchema:schema0.properties.storage.properties.held_grace_period,data:data39};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(typeof data39 === "string"){
if(func6(data39, "positive") !== undefined){
const err75 = {instancePath:instancePath+"/storage/held_grace_period",schemaPath:"#/properties/storage/properties/held_grace_period/x-duration",keyword:"x-duration",params:{},message:func6(data39, "positive"),schema:"positive",parentSchema:schema0.properties.storage.properties.held_grace_period,data:data39};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
let data40 = data32.retention;
if((typeof data40 !== "string") && (!((typeof data40 == "number") && (isFinite(data40))))){
const err76 = {instancePath:instancePath+"/storage/retention",schemaPath:"#/properties/storage/properties/retention/type",keyword:"type",params:{type: schema0.properties.storage.properties.retention.type},message:"must be string,number",schema:schema0.properties.storage.properties.retention.type,parentSchema:schema0.properties.storage.properties.retention,data:data40};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if((typeof data40 == "number") && (isFinite(data40))){
if(func6(data40, "positive") !== undefined){
const err77 = {instancePath:instancePath+"/storage/retention",schemaPath:"#/properties/storage/properties/retention/x-duration",keyword:"x-duration",params:{},message:func6(data40, "positive"),schema:"positive",parentSchema:schema0.properties.storage.properties.retention,data:data40};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(typeof data40 === "string"){
if(func6(data40, "positive") !== undefined){
const err78 = {instancePath:instancePath+"/storage/retention",schemaPath:"#/properties/storage/properties/retention/x-duration",keyword:"x-duration",params:{},message:func6(data40, "positive"),schema:"positive",parentSchema:schema0.properties.storage.properties.retention,data:data40};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
}
else {
const err79 = {instancePath:instancePath+"/storage",schemaPath:"#/properties/storage/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.storage.type,parentSchema:schema0.properties.storage,data:data32};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
let data41 = data.tekton;
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
if(data41.format === undefined){
data41.format = "cloudevents";
}
if(data41.mode === undefined){
data41.mode = "binary";
}
if(data41.headers === undefined){
data41.headers = {};
}
if(data41.timeout === undefined){
data41.timeout = "10s";
}
if(data41.retry_attempts === undefined){
data41.retry_attempts = 10;
}
if(data41.retry_backoff === undefined){
data41.retry_backoff = "1s";
}
if(data41.max_backoff === undefined){
data41.max_backoff = "10m";
}
for(const key8 in data41){
if(!(func0.call(schema0.properties.tekton.properties, key8))){
const err80 = {instancePath:instancePath+"/tekton",schemaPath:"#/properties/tekton/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.tekton,data:data41};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
if(data41.event_listener_url !== undefined){
let data42 = data41.event_listener_url;
if(typeof data42 !== "string"){
const err81 = {instancePath:instancePath+"/tekton/event_listener_url",schemaPath:"#/properties/tekton/properties/event_listener_url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.tekton.properties.event_listener_url.type,parentSchema:schema0.properties.tekton.properties.event_listener_url,data:data42};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
let data43 = data41.format;
if(typeof data43 !== "string"){
const err82 = {instancePath:instancePath+"/tekton/format",schemaPath:"#/properties/tekton/properties/format/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.tekton.properties.format.type,parentSchema:schema0.properties.tekton.properties.format,data:data43};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
if(!(((((data43 === "cloudevents") || (data43 === "github")) || (data43 === "gitlab")) || (data43 === "log")) || (data43 === "mirror"))){
const err83 = {instancePath:instancePath+"/tekton/format",schemaPath:"#/properties/tekton/properties/format/enum",keyword:"enum",params:{allowedValues: schema0.properties.tekton.properties.format.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.tekton.properties.format.enum,parentSchema:schema0.properties.tekton.properties.format,data:data43};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
let data44 = data41.mode;
if(typeof data44 !== "string"){
const err84 = {instancePath:instancePath+"/tekton/mode",schemaPath:"#/properties/tekton/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.tekton.properties.mode.type,parentSchema:schema0.properties.tekton.properties.mode,data:data44};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
if(!((data44 === "binary") || (data44 === "structured"))){
const err85 = {instancePath:instancePath+"/tekton/mode",schemaPath:"#/properties/tekton/properties/mode/enum",keyword:"enum",params:{allowedValues: schema0.properties.tekton.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.tekton.properties.mode.enum,parentSchema:schema0.properties.tekton.properties.mode,data:data44};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if(data41.secret !== undefined){
let data45 = data41.secret;
if(typeof data45 !== "string"){
const err86 = {instancePath:instancePath+"/tekton/secret",schemaPath:"#/properties/tekton/properties/secret/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.tekton.properties.secret.type,parentSchema:schema0.properties.tekton.properties.secret,data:data45};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(data41.secret_file !== undefined){
let data46 = data41.secret_file;
if(typeof data46 === "string"){
if(func1(data46) < 1){
const err87 = {instancePath:instancePath+"/tekton/secret_file",schemaPath:"#/properties/tekton/properties/secret_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.tekton.properties.secret_file,data:data46};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
else {
const err88 = {instancePath:instancePath+"/tekton/secret_file",schemaPath:"#/properties/tekton/properties/secret_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.tekton.properties.secret_file.type,parentSchema:schema0.properties.tekton.properties.secret_file,data:data46};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
let data47 = data41.headers;
if(data47 && typeof data47 == "object" && !Array.isArray(data47)){
for(const key9 in data47){
let data48 = data47[key9];
if(typeof data48 !== "string"){
const err89 = {instancePath:instancePath+"/tekton/headers/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tekton/properties/headers/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.tekton.properties.headers.additionalProperties.type,parentSchema:schema0.properties.tekton.properties.headers.additionalProperties,data:data48};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
}
else {
const err90 = {instancePath:instancePath+"/tekton/headers",schemaPath:"#/properties/tekton/properties/headers/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.tekton.properties.headers.type,parentSchema:schema0.properties.tekton.properties.headers,data:data47};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
let data49 = data41.timeout;
if((typeof data49 !== "string") && (!((typeof data49 == "number") && (isFinite(data49))))){
const err91 = {instancePath:instancePath+"/tekton/timeout",schemaPath:"#/properties/tekton/properties/timeout/type",keyword:"type",params:{type: schema0.properties.tekton.properties.timeout.type},message:"must be string,number",schema:schema0.properties.tekton.properties.timeout.type,parentSchema:schema0.properties.tekton.properties.timeout,data:data49};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if((typeof data49 == "number") && (isFinite(data49))){
if(func6(data49, "positive") !== undefined){
const err92 = {instancePath:instancePath+"/tekton/timeout",schemaPath:"#/properties/tekton/properties/timeout/x-duration",keyword:"x-duration",params:{},message:func6(data49, "positive"),schema:"positive",parentSchema:schema0.properties.tekton.properties.timeout,data:data49};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
if(typeof data49 === "string"){
if(func6(data49, "positive") !== undefined){
const err93 = {instancePath:instancePath+"/tekton/timeout",schemaPath:"#/properties/tekton/properties/timeout/x-duration",keyword:"x-duration",params:{},message:func6(data49, "positive"),schema:"positive",parentSchema:schema0.properties.tekton.properties.timeout,data:data49};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
let data50 = data41.retry_attempts;
if(!(((typeof data50 == "number") && (!(data50 % 1) && !isNaN(data50))) && (isFinite(data50)))){
const err94 = {instancePath:instancePath+"/tekton/retry_attempts",schemaPath:"#/properties/tekton/properties/retry_attempts/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.tekton.properties.retry_attempts.type,parentSchema:schema0.properties.tekton.properties.retry_attempts,data:data50};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
if((typeof data50 == "number") && (isFinite(data50))){
if(data50 < 0 || isNaN(data50)){
const err95 = {instancePath:instancePath+"/tekton/retry_attempts",schemaPath:"#/properties/tekton/properties/retry_attempts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema0.properties.tekton.properties.retry_attempts,data:data50};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
let data51 = data41.retry_backoff;
if((typeof data51 !== "string") && (!((typeof data51 == "number") && (isFinite(data51))))){
const err96 = {instancePath:instancePath+"/tekton/retry_backoff",schemaPath:"#/properties/tekton/properties/retry_backoff/type",keyword:"type",params:{type: schema0.properties.tekton.properties.retry_backoff.type},message:"must be string,number",schema:schema0.properties.tekton.properties.retry_backoff.type,parentSchema:schema0.properties.tekton.properties.retry_backoff,data:data51};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
if((typeof data51 == "number") && (isFinite(data51))){
if(func6(data51, "positive") !== undefined){
const err97 = {instancePath:instancePath+"/tekton/retry_backoff",schemaPath:"#/properties/tekton/properties/retry_backoff/x-duration",keyword:"x-duration",params:{},message:func6(data51, "positive"),schema:"positive",parentSchema:schema0.properties.tekton.properties.retry_backoff,data:data51};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
if(typeof data51 === "string"){
if(func6(data51, "positive") !== undefined){
const err98 = {instancePath:instancePath+"/tekton/retry_backoff",schemaPath:"#/properties/tekton/properties/retry_backoff/x-duration",keyword:"x-duration",params:{},message:func6(data51, "positive"),schema:"positive",parentSchema:schema0.properties.tekton.properties.retry_backoff,data:data51};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
let data52 = data41.max_backoff;
if((typeof data52 !== "string") && (!((typeof data52 == "number") && (isFinite(data52))))){
const err99 = {instancePath:instancePath+"/tekton/max_backoff",schemaPath:"#/properties/tekton/properties/max_backoff/type",keyword:"type",params:{type: schema0.properties.tekton.properties.max_backoff.type},message:"must be string,number",schema:schema0.properties.tekton.properties.max_backoff.type,parentSchema:schema0.properties.tekton.properties.max_backoff,data:data52};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
if((typeof data52 == "number") && (isFinite(data52))){
if(func6(data52, "positive") !== undefined){
const err100 = {instancePath:instancePath+"/tekton/max_backoff",schemaPath:"#/properties/tekton/properties/max_backoff/x-duration",keyword:"x-duration",params:{},message:func6(data52, "positive"),schema:"positive",parentSchema:schema0.properties.tekton.properties.max_backoff,data:data52};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
if(typeof data52 === "string"){
if(func6(data52, "positive") !== undefined){
const err101 = {instancePath:instancePath+"/tekton/max_backoff",schemaPath:"#/properties/tekton/properties/max_backoff/x-duration",keyword:"x-duration",params:{},message:func6(data52, "positive"),schema:"positive",parentSchema:schema0.properties.tekton.properties.max_backoff,data:data52};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
if(data41.max_retry_after !== undefined){
let data53 = data41.max_retry_after;
if((typeof data53 !== "string") && (!((typeof data53 == "number") && (isFinite(data53))))){
const err102 = {instancePath:instancePath+"/tekton/max_retry_after",schemaPath:"#/properties/tekton/properties/max_retry_after/type",keyword:"type",params:{type: schema0.properties.tekton.properties.max_retry_after.type},message:"must be string,number",schema:schema0.properties.tekton.properties.max_retry_after.type,parentSchema:schema0.properties.tekton.properties.max_retry_after,data:data53};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
if((typeof data53 == "number") && (isFinite(data53))){
if(func6(data53, "positive") !== undefined){
const err103 = {instancePath:instancePath+"/tekton/max_retry_after",schemaPath:"#/properties/tekton/properties/max_retry_after/x-duration",keyword:"x-duration",params:{},message:func6(data53, "positive"),schema:"positive",parentSchema:schema0.properties.tekton.properties.max_retry_after,data:data53};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
if(typeof data53 === "string"){
if(func6(data53, "positive") !== undefined){
const err104 = {instancePath:instancePath+"/tekton/max_retry_after",schemaPath:"#/properties/tekton/properties/max_retry_after/x-duration",keyword:"x-duration",params:{},message:func6(data53, "positive"),schema:"positive",parentSchema:schema0.properties.tekton.properties.max_retry_after,data:data53};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
}
if(data41.filter !== undefined){
let data54 = data41.filter;
if(data54 && typeof data54 == "object" && !Array.isArray(data54)){
if(data54.forced === undefined){
data54.forced = "any";
}
for(const key10 in data54){
if(!((((((key10 === "repositories") || (key10 === "events")) || (key10 === "paths")) || (key10 === "ignore_paths")) || (key10 === "skip_ci")) || (key10 === "forced"))){
const err105 = {instancePath:instancePath+"/tekton/filter",schemaPath:"#/properties/tekton/properties/filter/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.tekton.properties.filter,data:data54};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
if(data54.repositories !== undefined){
let data55 = data54.repositories;
if(Array.isArray(data55)){
const len0 = data55.length;
for(let i0=0; i0<len0; i0++){
let data56 = data55[i0];
if(typeof data56 === "string"){
if(func48(data56, true) !== undefined){
const err106 = {instancePath:instancePath+"/tekton/filter/repositories/" + i0,schemaPath:"#/properties/tekton/properties/filter/properties/repositories/items/x-regex",keyword:"x-regex",params:{},message:func48(data56, true),schema:true,parentSchema:schema0.properties.tekton.properties.filter.properties.repositories.items,data:data56};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
}
else {
const err107 = {instancePath:instancePath+"/tekton/filter/repositories/" + i0,schemaPath:"#/properties/tekton/properties/filter/properties/repositories/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.tekton.properties.filter.properties.repositories.items.type,parentSchema:schema0.properties.tekton.properties.filter.properties.repositories.items,data:data56};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
}
else {
const err108 = {instancePath:instancePath+"/tekton/filter/repositories",schemaPath:"#/properties/tekton/properties/filter/properties/repositories/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.tekton.properties.filter.properties.repositories.type,parentSchema:schema0.properties.tekton.properties.filter.properties.repositories,data:data55};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
if(data54.events !== undefined){
let data57 = data54.events;
if(Array.isArray(data57)){
const len1 = data57.length;
for(let i1=0; i1<len1; i1++){
let data58 = data57[i1];
if(typeof data58 !== "string"){
const err109 = {instancePath:instancePath+"/tekton/filter/events/" + i1,schemaPath:"#/properties/tekton/properties/filter/properties/events/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.tekton.properties.filter.properties.events.items.type,parentSchema:schema0.properties.tekton.properties.filter.properties.events.items,data:data58};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
if(!((((((data58 === "branch_created") || (data58 === "branch_updated")) || (data58 === "branch_deleted")) || (data58 === "tag_created")) || (data58 === "tag_updated")) || (data58 === "tag_deleted"))){
const err110 = {instancePath:instancePath+"/tekton/filter/events/" + i1,schemaPath:"#/properties/tekton/properties/filter/properties/events/items/enum",keyword:"enum",params:{allowedValues: schema0.properties.tekton.properties.filter.properties.events.items.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.tekton.properties.filter.properties.events.items.enum,parentSchema:schema0.properties.tekton.properties.filter.properties.events.items,data:data58};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
}
else {
const err111 = {instancePath:instancePath+"/tekton/filter/events",schemaPath:"#/properties/tekton/properties/filter/properties/events/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.tekton.properties.filter.properties.events.type,parentSchema:schema0.properties.tekton.properties.filter.properties.events,data:data57};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
if(data54.paths !== undefined){
let data59 = data54.paths;
if(Array.isArray(data59)){
const len2 = data59.length;
for(let i2=0; i2<len2; i2++){
let data60 = data59[i2];
if(typeof data60 === "string"){
if(func1(data60) < 1){
const err112 = {instancePath:instancePath+"/tekton/filter/paths/" + i2,schemaPath:"#/properties/tekton/properties/filter/properties/paths/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.tekton.properties.filter.properties.paths.items,data:data60};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
if(func51(data60, true) !== undefined){
const err113 = {instancePath:instancePath+"/tekton/filter/paths/" + i2,schemaPath:"#/properties/tekton/properties/filter/properties/paths/items/x-glob",keyword:"x-glob",params:{},message:func51(data60, true),schema:true,parentSchema:schema0.properties.tekton.properties.filter.properties.paths.items,data:data60};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
else {
const err114 = {instancePath:instancePath+"/tekton/filter/paths/" + i2,schemaPath:"#/properties/tekton/properties/filter/properties/paths/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.tekton.properties.filter.properties.paths.items.type,parentSchema:schema0.properties.tekton.properties.filter.properties.paths.items,data:data60};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
}
else {
const err115 = {instancePath:instancePath+"/tekton/filter/paths",schemaPath:"#/properties/tekton/properties/filter/properties/paths/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.tekton.properties.filter.properties.paths.type,parentSchema:schema0.properties.tekton.properties.filter.properties.paths,data:data59};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
if(data54.ignore_paths !== undefined){
let data61 = data54.ignore_paths;
if(Array.isArray(data61)){
const len3 = data61.length;
for(let i3=0; i3<len3; i3++){
let data62 = data61[i3];
if(typeof data62 === "string"){
if(func1(data62) < 1){
const err116 = {instancePath:instancePath+"/tekton/filter/ignore_paths/" + i3,schemaPath:"#/properties/tekton/properties/filter/properties/ignore_paths/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.tekton.properties.filter.properties.ignore_paths.items,data:data62};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
if(func51(data62, true) !== undefined){
const err117 = {instancePath:instancePath+"/tekton/filter/ignore_paths/" + i3,schemaPath:"#/properties/tekton/properties/filter/properties/ignore_paths/items/x-glob",keyword:"x-glob",params:{},message:func51(data62, true),schema:true,parentSchema:schema0.properties.tekton.properties.filter.properties.ignore_paths.items,data:data62};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
else {
const err118 = {instancePath:instancePath+"/tekton/filter/ignore_paths/" + i3,schemaPath:"#/properties/tekton/properties/filter/properties/ignore_paths/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.tekton.properties.filter.properties.ignore_paths.items.type,parentSchema:schema0.properties.tekton.properties.filter.properties.ignore_paths.items,data:data62};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
}
else {
const err119 = {instancePath:instancePath+"/tekton/filter/ignore_paths",schemaPath:"#/properties/tekton/properties/filter/properties/ignore_paths/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.tekton.properties.filter.properties.ignore_paths.type,parentSchema:schema0.properties.tekton.properties.filter.properties.ignore_paths,data:data61};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
if(data54.skip_ci !== undefined){
let data63 = data54.skip_ci;
if((typeof data63 !== "boolean") && (!(Array.isArray(data63)))){
const err120 = {instancePath:instancePath+"/tekton/filter/skip_ci",schemaPath:"#/properties/tekton/properties/filter/properties/skip_ci/type",keyword:"type",params:{type: schema0.properties.tekton.properties.filter.properties.skip_ci.type},message:"must be boolean,array",schema:schema0.properties.tekton.properties.filter.properties.skip_ci.type,parentSchema:schema0.properties.tekton.properties.filter.properties.skip_ci,data:data63};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
if(Array.isArray(data63)){
const len4 = data63.length;
for(let i4=0; i4<len4; i4++){
let data64 = data63[i4];
if(typeof data64 === "string"){
if(func1(data64) < 1){
const err121 = {instancePath:instancePath+"/tekton/filter/skip_ci/" + i4,schemaPath:"#/properties/tekton/properties/filter/properties/skip_ci/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.tekton.properties.filter.properties.skip_ci.items,data:data64};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
else {
const err122 = {instancePath:instancePath+"/tekton/filter/skip_ci/" + i4,schemaPath:"#/properties/tekton/properties/filter/properties/skip_ci/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.tekton.properties.filter.properties.skip_ci.items.type,parentSchema:schema0.properties.tekton.properties.filter.properties.skip_ci.items,data:data64};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
}
}
let data65 = data54.forced;
if(typeof data65 !== "string"){
const err123 = {instancePath:instancePath+"/tekton/filter/forced",schemaPath:"#/properties/tekton/properties/filter/properties/forced/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.tekton.properties.filter.properties.forced.type,parentSchema:schema0.properties.tekton.properties.filter.properties.forced,data:data65};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
if(!(((data65 === "any") || (data65 === "only")) || (data65 === "exclude"))){
const err124 = {instancePath:instancePath+"/tekton/filter/forced",schemaPath:"#/properties/tekton/properties/filter/properties/forced/enum",keyword:"enum",params:{allowedValues: schema0.properties.tekton.properties.filter.properties.forced.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.tekton.properties.filter.properties.forced.enum,parentSchema:schema0.properties.tekton.properties.filter.properties.forced,data:data65};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
else {
const err125 = {instancePath:instancePath+"/tekton/filter",schemaPath:"#/properties/tekton/properties/filter/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.tekton.properties.filter.type,parentSchema:schema0.properties.tekton.properties.filter,data:data54};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
}
}
else {
const err126 = {instancePath:instancePath+"/tekton",schemaPath:"#/properties/tekton/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.tekton.type,parentSchema:schema0.properties.tekton,data:data41};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
let data66 = data.triggers;
if(Array.isArray(data66)){
const len5 = data66.length;
for(let i5=0; i5<len5; i5++){
let data67 = data66[i5];
if(data67 && typeof data67 == "object" && !Array.isArray(data67)){
if(data67.prune === undefined){
data67.prune = true;
}
if(data67.format === undefined){
data67.format = "cloudevents";
}
if(data67.mode === undefined){
data67.mode = "binary";
}
if(data67.headers === undefined){
data67.headers = {};
}
if(data67.timeout === undefined){
data67.timeout = "10s";
}
if(data67.retry_attempts === undefined){
data67.retry_attempts = 10;
}
if(data67.retry_backoff === undefined){
data67.retry_backoff = "1s";
}
if(data67.max_backoff === undefined){
data67.max_backoff = "10m";
}
if(data67.name === undefined){
const err127 = {instancePath:instancePath+"/triggers/" + i5,schemaPath:"#/properties/triggers/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema0.properties.triggers.items.required,parentSchema:schema0.properties.triggers.items,data:data67};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
for(const key11 in data67){
if(!(func0.call(schema0.properties.triggers.items.properties, key11))){
const err128 = {instancePath:instancePath+"/triggers/" + i5,schemaPath:"#/properties/triggers/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.triggers.items,data:data67};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
}
if(data67.name !== undefined){
let data68 = data67.name;
if(typeof data68 === "string"){
if(func1(data68) < 1){
const err129 = {instancePath:instancePath+"/triggers/" + i5+"/name",schemaPath:"#/properties/triggers/items/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.triggers.items.properties.name,data:data68};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
}
else {
const err130 = {instancePath:instancePath+"/triggers/" + i5+"/name",schemaPath:"#/properties/triggers/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.name.type,parentSchema:schema0.properties.triggers.items.properties.name,data:data68};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
if(data67.url !== undefined){
let data69 = data67.url;
if(typeof data69 !== "string"){
const err131 = {instancePath:instancePath+"/triggers/" + i5+"/url",schemaPath:"#/properties/triggers/items/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.url.type,parentSchema:schema0.properties.triggers.items.properties.url,data:data69};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
if(data67.token !== undefined){
let data70 = data67.token;
if(typeof data70 !== "string"){
const err132 = {instancePath:instancePath+"/triggers/" + i5+"/token",schemaPath:"#/properties/triggers/items/properties/token/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.token.type,parentSchema:schema0.properties.triggers.items.properties.token,data:data70};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
}
if(data67.token_file !== undefined){
let data71 = data67.token_file;
if(typeof data71 === "string"){
if(func1(data71) < 1){
const err133 = {instancePath:instancePath+"/triggers/" + i5+"/token_file",schemaPath:"#/properties/triggers/items/properties/token_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.triggers.items.properties.token_file,data:data71};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
else {
const err134 = {instancePath:instancePath+"/triggers/" + i5+"/token_file",schemaPath:"#/properties/triggers/items/properties/token_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.token_file.type,parentSchema:schema0.properties.triggers.items.properties.token_file,data:data71};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
}
if(data67.username !== undefined){
let data72 = data67.username;
if(typeof data72 !== "string"){
const err135 = {instancePath:instancePath+"/triggers/" + i5+"/username",schemaPath:"#/properties/triggers/items/properties/username/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.username.type,parentSchema:schema0.properties.triggers.items.properties.username,data:data72};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
}
let data73 = data67.prune;
if(typeof data73 !== "boolean"){
const err136 = {instancePath:instancePath+"/triggers/" + i5+"/prune",schemaPath:"#/properties/triggers/items/properties/prune/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.triggers.items.properties.prune.type,parentSchema:schema0.properties.triggers.items.properties.prune,data:data73};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
if(data67.create !== undefined){
let data74 = data67.create;
if(typeof data74 !== "string"){
const err137 = {instancePath:instancePath+"/triggers/" + i5+"/create",schemaPath:"#/properties/triggers/items/properties/create/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.create.type,parentSchema:schema0.properties.triggers.items.properties.create,data:data74};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
if(!(((data74 === "gitea") || (data74 === "gitlab")) || (data74 === "onedev"))){
const err138 = {instancePath:instancePath+"/triggers/" + i5+"/create",schemaPath:"#/properties/triggers/items/properties/create/enum",keyword:"enum",params:{allowedValues: schema0.properties.triggers.items.properties.create.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.triggers.items.properties.create.enum,parentSchema:schema0.properties.triggers.items.properties.create,data:data74};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
}
if(data67.create_token !== undefined){
let data75 = data67.create_token;
if(typeof data75 !== "string"){
const err139 = {instancePath:instancePath+"/triggers/" + i5+"/create_token",schemaPath:"#/properties/triggers/items/properties/create_token/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.create_token.type,parentSchema:schema0.properties.triggers.items.properties.create_token,data:data75};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
if(data67.create_token_file !== undefined){
let data76 = data67.create_token_file;
if(typeof data76 === "string"){
if(func1(data76) < 1){
const err140 = {instancePath:instancePath+"/triggers/" + i5+"/create_token_file",schemaPath:"#/properties/triggers/items/properties/create_token_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.triggers.items.properties.create_token_file,data:data76};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
}
else {
const err141 = {instancePath:instancePath+"/triggers/" + i5+"/create_token_file",schemaPath:"#/properties/triggers/items/properties/create_token_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.create_token_file.type,parentSchema:schema0.properties.triggers.items.properties.create_token_file,data:data76};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
let data77 = data67.format;
if(typeof data77 !== "string"){
const err142 = {instancePath:instancePath+"/triggers/" + i5+"/format",schemaPath:"#/properties/triggers/items/properties/format/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.format.type,parentSchema:schema0.properties.triggers.items.properties.format,data:data77};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
if(!(((((data77 === "cloudevents") || (data77 === "github")) || (data77 === "gitlab")) || (data77 === "log")) || (data77 === "mirror"))){
const err143 = {instancePath:instancePath+"/triggers/" + i5+"/format",schemaPath:"#/properties/triggers/items/properties/format/enum",keyword:"enum",params:{allowedValues: schema0.properties.triggers.items.properties.format.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.triggers.items.properties.format.enum,parentSchema:schema0.properties.triggers.items.properties.format,data:data77};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
let data78 = data67.mode;
if(typeof data78 !== "string"){
const err144 = {instancePath:instancePath+"/triggers/" + i5+"/mode",schemaPath:"#/properties/triggers/items/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.mode.type,parentSchema:schema0.properties.triggers.items.properties.mode,data:data78};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
if(!((data78 === "binary") || (data78 === "structured"))){
const err145 = {instancePath:instancePath+"/triggers/" + i5+"/mode",schemaPath:"#/properties/triggers/items/properties/mode/enum",keyword:"enum",params:{allowedValues: schema0.properties.triggers.items.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.triggers.items.properties.mode.enum,parentSchema:schema0.properties.triggers.items.properties.mode,data:data78};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
if(data67.secret !== undefined){
let data79 = data67.secret;
if(typeof data79 !== "string"){
const err146 = {instancePath:instancePath+"/triggers/" + i5+"/secret",schemaPath:"#/properties/triggers/items/properties/secret/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.secret.type,parentSchema:schema0.properties.triggers.items.properties.secret,data:data79};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
}
if(data67.secret_file !== undefined){
let data80 = data67.secret_file;
if(typeof data80 === "string"){
if(func1(data80) < 1){
const err147 = {instancePath:instancePath+"/triggers/" + i5+"/secret_file",schemaPath:"#/properties/triggers/items/properties/secret_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.triggers.items.properties.secret_file,data:data80};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
}
else {
const err148 = {instancePath:instancePath+"/triggers/" + i5+"/secret_file",schemaPath:"#/properties/triggers/items/properties/secret_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.secret_file.type,parentSchema:schema0.properties.triggers.items.properties.secret_file,data:data80};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
}
let data81 = data67.headers;
if(data81 && typeof data81 == "object" && !Array.isArray(data81)){
for(const key12 in data81){
let data82 = data81[key12];
if(typeof data82 !== "string"){
const err149 = {instancePath:instancePath+"/triggers/" + i5+"/headers/" + key12.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/triggers/items/properties/headers/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.headers.additionalProperties.type,parentSchema:schema0.properties.triggers.items.properties.headers.additionalProperties,data:data82};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
}
}
else {
const err150 = {instancePath:instancePath+"/triggers/" + i5+"/headers",schemaPath:"#/properties/triggers/items/properties/headers/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.triggers.items.properties.headers.type,parentSchema:schema0.properties.triggers.items.properties.headers,data:data81};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
let data83 = data67.timeout;
if((typeof data83 !== "string") && (!((typeof data83 == "number") && (isFinite(data83))))){
const err151 = {instancePath:instancePath+"/triggers/" + i5+"/timeout",schemaPath:"#/properties/triggers/items/properties/timeout/type",keyword:"type",params:{type: schema0.properties.triggers.items.properties.timeout.type},message:"must be string,number",schema:schema0.properties.triggers.items.properties.timeout.type,parentSchema:schema0.properties.triggers.items.properties.timeout,data:data83};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
if((typeof data83 == "number") && (isFinite(data83))){
if(func6(data83, "positive") !== undefined){
const err152 = {instancePath:instancePath+"/triggers/" + i5+"/timeout",schemaPath:"#/properties/triggers/items/properties/timeout/x-duration",keyword:"x-duration",params:{},message:func6(data83, "positive"),schema:"positive",parentSchema:schema0.properties.triggers.items.properties.timeout,data:data83};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
}
if(typeof data83 === "string"){
if(func6(data83, "positive") !== undefined){
const err153 = {instancePath:instancePath+"/triggers/" + i5+"/timeout",schemaPath:"#/properties/triggers/items/properties/timeout/x-duration",keyword:"x-duration",params:{},message:func6(data83, "positive"),schema:"positive",parentSchema:schema0.properties.triggers.items.properties.timeout,data:data83};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
}
let data84 = data67.retry_attempts;
if(!(((typeof data84 == "number") && (!(data84 % 1) && !isNaN(data84))) && (isFinite(data84)))){
const err154 = {instancePath:instancePath+"/triggers/" + i5+"/retry_attempts",schemaPath:"#/properties/triggers/items/properties/retry_attempts/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.triggers.items.properties.retry_attempts.type,parentSchema:schema0.properties.triggers.items.properties.retry_attempts,data:data84};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
if((typeof data84 == "number") && (isFinite(data84))){
if(data84 < 0 || isNaN(data84)){
const err155 = {instancePath:instancePath+"/triggers/" + i5+"/retry_attempts",schemaPath:"#/properties/triggers/items/properties/retry_attempts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema0.properties.triggers.items.properties.retry_attempts,data:data84};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
}
let data85 = data67.retry_backoff;
if((typeof data85 !== "string") && (!((typeof data85 == "number") && (isFinite(data85))))){
const err156 = {instancePath:instancePath+"/triggers/" + i5+"/retry_backoff",schemaPath:"#/properties/triggers/items/properties/retry_backoff/type",keyword:"type",params:{type: schema0.properties.triggers.items.properties.retry_backoff.type},message:"must be string,number",schema:schema0.properties.triggers.items.properties.retry_backoff.type,parentSchema:schema0.properties.triggers.items.properties.retry_backoff,data:data85};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
if((typeof data85 == "number") && (isFinite(data85))){
if(func6(data85, "positive") !== undefined){
const err157 = {instancePath:instancePath+"/triggers/" + i5+"/retry_backoff",schemaPath:"#/properties/triggers/items/properties/retry_backoff/x-duration",keyword:"x-duration",params:{},message:func6(data85, "positive"),schema:"positive",parentSchema:schema0.properties.triggers.items.properties.retry_backoff,data:data85};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
}
if(typeof data85 === "string"){
if(func6(data85, "positive") !== undefined){
const err158 = {instancePath:instancePath+"/triggers/" + i5+"/retry_backoff",schemaPath:"#/properties/triggers/items/properties/retry_backoff/x-duration",keyword:"x-duration",params:{},message:func6(data85, "positive"),schema:"positive",parentSchema:schema0.properties.triggers.items.properties.retry_backoff,data:data85};
if(vErrors === null){
vErrors = [err158];
}
else {
vErrors.push(err158);
}
errors++;
}
}
let data86 = data67.max_backoff;
if((typeof data86 !== "string") && (!((typeof data86 == "number") && (isFinite(data86))))){
const err159 = {instancePath:instancePath+"/triggers/" + i5+"/max_backoff",schemaPath:"#/properties/triggers/items/properties/max_backoff/type",keyword:"type",params:{type: schema0.properties.triggers.items.properties.max_backoff.type},message:"must be string,number",schema:schema0.properties.triggers.items.properties.max_backoff.type,parentSchema:schema0.properties.triggers.items.properties.max_backoff,data:data86};
if(vErrors === null){
vErrors = [err159];
}
else {
vErrors.push(err159);
}
errors++;
}
if((typeof data86 == "number") && (isFinite(data86))){
if(func6(data86, "positive") !== undefined){
const err160 = {instancePath:instancePath+"/triggers/" + i5+"/max_backoff",schemaPath:"#/properties/triggers/items/properties/max_backoff/x-duration",keyword:"x-duration",params:{},message:func6(data86, "positive"),schema:"positive",parentSchema:schema0.properties.triggers.items.properties.max_backoff,data:data86};
if(vErrors === null){
vErrors = [err160];
}
else {
vErrors.push(err160);
}
errors++;
}
}
if(typeof data86 === "string"){
if(func6(data86, "positive") !== undefined){
const err161 = {instancePath:instancePath+"/triggers/" + i5+"/max_backoff",schemaPath:"#/properties/triggers/items/properties/max_backoff/x-duration",keyword:"x-duration",params:{},message:func6(data86, "positive"),schema:"positive",parentSchema:schema0.properties.triggers.items.properties.max_backoff,data:data86};
if(vErrors === null){
vErrors = [err161];
}
else {
vErrors.push(err161);
}
errors++;
}
}
if(data67.max_retry_after !== undefined){
let data87 = data67.max_retry_after;
if((typeof data87 !== "string") && (!((typeof data87 == "number") && (isFinite(data87))))){
const err162 = {instancePath:instancePath+"/triggers/" + i5+"/max_retry_after",schemaPath:"#/properties/triggers/items/properties/max_retry_after/type",keyword:"type",params:{type: schema0.properties.triggers.items.properties.max_retry_after.type},message:"must be string,number",schema:schema0.properties.triggers.items.properties.max_retry_after.type,parentSchema:schema0.properties.triggers.items.properties.max_retry_after,data:data87};
if(vErrors === null){
vErrors = [err162];
}
else {
vErrors.push(err162);
}
errors++;
}
if((typeof data87 == "number") && (isFinite(data87))){
if(func6(data87, "positive") !== undefined){
const err163 = {instancePath:instancePath+"/triggers/" + i5+"/max_retry_after",schemaPath:"#/properties/triggers/items/properties/max_retry_after/x-duration",keyword:"x-duration",params:{},message:func6(data87, "positive"),schema:"positive",parentSchema:schema0.properties.triggers.items.properties.max_retry_after,data:data87};
if(vErrors === null){
vErrors = [err163];
}
else {
vErrors.push(err163);
}
errors++;
}
}
if(typeof data87 === "string"){
if(func6(data87, "positive") !== undefined){
const err164 = {instancePath:instancePath+"/triggers/" + i5+"/max_retry_after",schemaPath:"#/properties/triggers/items/properties/max_retry_after/x-duration",keyword:"x-duration",params:{},message:func6(data87, "positive"),schema:"positive",parentSchema:schema0.properties.triggers.items.properties.max_retry_after,data:data87};
if(vErrors === null){
vErrors = [err164];
}
else {
vErrors.push(err164);
}
errors++;
}
}
}
if(data67.filter !== undefined){
let data88 = data67.filter;
if(data88 && typeof data88 == "object" && !Array.isArray(data88)){
if(data88.forced === undefined){
data88.forced = "any";
}
for(const key13 in data88){
if(!((((((key13 === "repositories") || (key13 === "events")) || (key13 === "paths")) || (key13 === "ignore_paths")) || (key13 === "skip_ci")) || (key13 === "forced"))){
const err165 = {instancePath:instancePath+"/triggers/" + i5+"/filter",schemaPath:"#/properties/triggers/items/properties/filter/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.triggers.items.properties.filter,data:data88};
if(vErrors === null){
vErrors = [err165];
}
else {
vErrors.push(err165);
}
errors++;
}
}
if(data88.repositories !== undefined){
let data89 = data88.repositories;
if(Array.isArray(data89)){
const len6 = data89.length;
for(let i6=0; i6<len6; i6++){
let data90 = data89[i6];
if(typeof data90 === "string"){
if(func48(data90, true) !== undefined){
const err166 = {instancePath:instancePath+"/triggers/" + i5+"/filter/repositories/" + i6,schemaPath:"#/properties/triggers/items/properties/filter/properties/repositories/items/x-regex",keyword:"x-regex",params:{},message:func48(data90, true),schema:true,parentSchema:schema0.properties.triggers.items.properties.filter.properties.repositories.items,data:data90};
if(vErrors === null){
vErrors = [err166];
}
else {
vErrors.push(err166);
}
errors++;
}
}
else {
const err167 = {instancePath:instancePath+"/triggers/" + i5+"/filter/repositories/" + i6,schemaPath:"#/properties/triggers/items/properties/filter/properties/repositories/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.filter.properties.repositories.items.type,parentSchema:schema0.properties.triggers.items.properties.filter.properties.repositories.items,data:data90};
if(vErrors === null){
vErrors = [err167];
}
else {
vErrors.push(err167);
}
errors++;
}
}
}
else {
const err168 = {instancePath:instancePath+"/triggers/" + i5+"/filter/repositories",schemaPath:"#/properties/triggers/items/properties/filter/properties/repositories/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.triggers.items.properties.filter.properties.repositories.type,parentSchema:schema0.properties.triggers.items.properties.filter.properties.repositories,data:data89};
if(vErrors === null){
vErrors = [err168];
}
else {
vErrors.push(err168);
}
errors++;
}
}
if(data88.events !== undefined){
let data91 = data88.events;
if(Array.isArray(data91)){
const len7 = data91.length;
for(let i7=0; i7<len7; i7++){
let data92 = data91[i7];
if(typeof data92 !== "string"){
const err169 = {instancePath:instancePath+"/triggers/" + i5+"/filter/events/" + i7,schemaPath:"#/properties/triggers/items/properties/filter/properties/events/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.filter.properties.events.items.type,parentSchema:schema0.properties.triggers.items.properties.filter.properties.events.items,data:data92};
if(vErrors === null){
vErrors = [err169];
}
else {
vErrors.push(err169);
}
errors++;
}
if(!((((((data92 === "branch_created") || (data92 === "branch_updated")) || (data92 === "branch_deleted")) || (data92 === "tag_created")) || (data92 === "tag_updated")) || (data92 === "tag_deleted"))){
const err170 = {instancePath:instancePath+"/triggers/" + i5+"/filter/events/" + i7,schemaPath:"#/properties/triggers/items/properties/filter/properties/events/items/enum",keyword:"enum",params:{allowedValues: schema0.properties.triggers.items.properties.filter.properties.events.items.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.triggers.items.properties.filter.properties.events.items.enum,parentSchema:schema0.properties.triggers.items.properties.filter.properties.events.items,data:data92};
if(vErrors === null){
vErrors = [err170];
}
else {
vErrors.push(err170);
}
errors++;
}
}
}
else {
const err171 = {instancePath:instancePath+"/triggers/" + i5+"/filter/events",schemaPath:"#/properties/triggers/items/properties/filter/properties/events/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.triggers.items.properties.filter.properties.events.type,parentSchema:schema0.properties.triggers.items.properties.filter.properties.events,data:data91};
if(vErrors === null){
vErrors = [err171];
}
else {
vErrors.push(err171);
}
errors++;
}
}
if(data88.paths !== undefined){
let data93 = data88.paths;
if(Array.isArray(data93)){
const len8 = data93.length;
for(let i8=0; i8<len8; i8++){
let data94 = data93[i8];
if(typeof data94 === "string"){
if(func1(data94) < 1){
const err172 = {instancePath:instancePath+"/triggers/" + i5+"/filter/paths/" + i8,schemaPath:"#/properties/triggers/items/properties/filter/properties/paths/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.triggers.items.properties.filter.properties.paths.items,data:data94};
if(vErrors === null){
vErrors = [err172];
}
else {
vErrors.push(err172);
}
errors++;
}
if(func51(data94, true) !== undefined){
const err173 = {instancePath:instancePath+"/triggers/" + i5+"/filter/paths/" + i8,schemaPath:"#/properties/triggers/items/properties/filter/properties/paths/items/x-glob",keyword:"x-glob",params:{},message:func51(data94, true),schema:true,parentSchema:schema0.properties.triggers.items.properties.filter.properties.paths.items,data:data94};
if(vErrors === null){
vErrors = [err173];
}
else {
vErrors.push(err173);
}
errors++;
}
}
else {
const err174 = {instancePath:instancePath+"/triggers/" + i5+"/filter/paths/" + i8,schemaPath:"#/properties/triggers/items/properties/filter/properties/paths/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.filter.properties.paths.items.type,parentSchema:schema0.properties.triggers.items.properties.filter.properties.paths.items,data:data94};
if(vErrors === null){
vErrors = [err174];
}
else {
vErrors.push(err174);
}
errors++;
}
}
}
else {
const err175 = {instancePath:instancePath+"/triggers/" + i5+"/filter/paths",schemaPath:"#/properties/triggers/items/properties/filter/properties/paths/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.triggers.items.properties.filter.properties.paths.type,parentSchema:schema0.properties.triggers.items.properties.filter.properties.paths,data:data93};
if(vErrors === null){
vErrors = [err175];
}
else {
vErrors.push(err175);
}
errors++;
}
}
if(data88.ignore_paths !== undefined){
let data95 = data88.ignore_paths;
if(Array.isArray(data95)){
const len9 = data95.length;
for(let i9=0; i9<len9; i9++){
let data96 = data95[i9];
if(typeof data96 === "string"){
if(func1(data96) < 1){
const err176 = {instancePath:instancePath+"/triggers/" + i5+"/filter/ignore_paths/" + i9,schemaPath:"#/properties/triggers/items/properties/filter/properties/ignore_paths/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.triggers.items.properties.filter.properties.ignore_paths.items,data:data96};
if(vErrors === null){
vErrors = [err176];
}
else {
vErrors.push(err176);
}
errors++;
}
if(func51(data96, true) !== undefined){
const err177 = {instancePath:instancePath+"/triggers/" + i5+"/filter/ignore_paths/" + i9,schemaPath:"#/properties/triggers/items/properties/filter/properties/ignore_paths/items/x-glob",keyword:"x-glob",params:{},message:func51(data96, true),schema:true,parentSchema:schema0.properties.triggers.items.properties.filter.properties.ignore_paths.items,data:data96};
if(vErrors === null){
vErrors = [err177];
}
else {
vErrors.push(err177);
}
errors++;
}
}
else {
const err178 = {instancePath:instancePath+"/triggers/" + i5+"/filter/ignore_paths/" + i9,schemaPath:"#/properties/triggers/items/properties/filter/properties/ignore_paths/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.filter.properties.ignore_paths.items.type,parentSchema:schema0.properties.triggers.items.properties.filter.properties.ignore_paths.items,data:data96};
if(vErrors === null){
vErrors = [err178];
}
else {
vErrors.push(err178);
}
errors++;
}
}
}
else {
const err179 = {instancePath:instancePath+"/triggers/" + i5+"/filter/ignore_paths",schemaPath:"#/properties/triggers/items/properties/filter/properties/ignore_paths/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.triggers.items.properties.filter.properties.ignore_paths.type,parentSchema:schema0.properties.triggers.items.properties.filter.properties.ignore_paths,data:data95};
if(vErrors === null){
vErrors = [err179];
}
else {
vErrors.push(err179);
}
errors++;
}
}
if(data88.skip_ci !== undefined){
let data97 = data88.skip_ci;
if((typeof data97 !== "boolean") && (!(Array.isArray(data97)))){
const err180 = {instancePath:instancePath+"/triggers/" + i5+"/filter/skip_ci",schemaPath:"#/properties/triggers/items/properties/filter/properties/skip_ci/type",keyword:"type",params:{type: schema0.properties.triggers.items.properties.filter.properties.skip_ci.type},message:"must be boolean,array",schema:schema0.properties.triggers.items.properties.filter.properties.skip_ci.type,parentSchema:schema0.properties.triggers.items.properties.filter.properties.skip_ci,data:data97};
if(vErrors === null){
vErrors = [err180];
}
else {
vErrors.push(err180);
}
errors++;
}
if(Array.isArray(data97)){
const len10 = data97.length;
for(let i10=0; i10<len10; i10++){
let data98 = data97[i10];
if(typeof data98 === "string"){
if(func1(data98) < 1){
const err181 = {instancePath:instancePath+"/triggers/" + i5+"/filter/skip_ci/" + i10,schemaPath:"#/properties/triggers/items/properties/filter/properties/skip_ci/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.triggers.items.properties.filter.properties.skip_ci.items,data:data98};
if(vErrors === null){
vErrors = [err181];
}
else {
vErrors.push(err181);
}
errors++;
}
}
else {
const err182 = {instancePath:instancePath+"/triggers/" + i5+"/filter/skip_ci/" + i10,schemaPath:"#/properties/triggers/items/properties/filter/properties/skip_ci/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.filter.properties.skip_ci.items.type,parentSchema:schema0.properties.triggers.items.properties.filter.properties.skip_ci.items,data:data98};
if(vErrors === null){
vErrors = [err182];
}
else {
vErrors.push(err182);
}
errors++;
}
}
}
}
let data99 = data88.forced;
if(typeof data99 !== "string"){
const err183 = {instancePath:instancePath+"/triggers/" + i5+"/filter/forced",schemaPath:"#/properties/triggers/items/properties/filter/properties/forced/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.triggers.items.properties.filter.properties.forced.type,parentSchema:schema0.properties.triggers.items.properties.filter.properties.forced,data:data99};
if(vErrors === null){
vErrors = [err183];
}
else {
vErrors.push(err183);
}
errors++;
}
if(!(((data99 === "any") || (data99 === "only")) || (data99 === "exclude"))){
const err184 = {instancePath:instancePath+"/triggers/" + i5+"/filter/forced",schemaPath:"#/properties/triggers/items/properties/filter/properties/forced/enum",keyword:"enum",params:{allowedValues: schema0.properties.triggers.items.properties.filter.properties.forced.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.triggers.items.properties.filter.properties.forced.enum,parentSchema:schema0.properties.triggers.items.properties.filter.properties.forced,data:data99};
if(vErrors === null){
vErrors = [err184];
}
else {
vErrors.push(err184);
}
errors++;
}
}
else {
const err185 = {instancePath:instancePath+"/triggers/" + i5+"/filter",schemaPath:"#/properties/triggers/items/properties/filter/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.triggers.items.properties.filter.type,parentSchema:schema0.properties.triggers.items.properties.filter,data:data88};
if(vErrors === null){
vErrors = [err185];
}
else {
vErrors.push(err185);
}
errors++;
}
}
}
else {
const err186 = {instancePath:instancePath+"/triggers/" + i5,schemaPath:"#/properties/triggers/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.triggers.items.type,parentSchema:schema0.properties.triggers.items,data:data67};
if(vErrors === null){
vErrors = [err186];
}
else {
vErrors.push(err186);
}
errors++;
}
}
}
else {
const err187 = {instancePath:instancePath+"/triggers",schemaPath:"#/properties/triggers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.triggers.type,parentSchema:schema0.properties.triggers,data:data66};
if(vErrors === null){
vErrors = [err187];
}
else {
vErrors.push(err187);
}
errors++;
}
let data100 = data.rate_limit;
if(data100 && typeof data100 == "object" && !Array.isArray(data100)){
for(const key14 in data100){
let data101 = data100[key14];
if(data101 && typeof data101 == "object" && !Array.isArray(data101)){
for(const key15 in data101){
if(!(((key15 === "requests_per_hour") || (key15 === "requests_per_second")) || (key15 === "burst"))){
const err188 = {instancePath:instancePath+"/rate_limit/" + key14.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rate_limit/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key15},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.rate_limit.additionalProperties,data:data101};
if(vErrors === null){
vErrors = [err188];
}
else {
vErrors.push(err188);
}
errors++;
}
}
if(data101.requests_per_hour !== undefined){
let data102 = data101.requests_per_hour;
if((typeof data102 == "number") && (isFinite(data102))){
if(data102 <= 0 || isNaN(data102)){
const err189 = {instancePath:instancePath+"/rate_limit/" + key14.replace(/~/g, "~0").replace(/\//g, "~1")+"/requests_per_hour",schemaPath:"#/properties/rate_limit/additionalProperties/properties/requests_per_hour/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema0.properties.rate_limit.additionalProperties.properties.requests_per_hour,data:data102};
if(vErrors === null){
vErrors = [err189];
}
else {
vErrors.push(err189);
}
errors++;
}
}
else {
const err190 = {instancePath:instancePath+"/rate_limit/" + key14.replace(/~/g, "~0").replace(/\//g, "~1")+"/requests_per_hour",schemaPath:"#/properties/rate_limit/additionalProperties/properties/requests_per_hour/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema0.properties.rate_limit.additionalProperties.properties.requests_per_hour.type,parentSchema:schema0.properties.rate_limit.additionalProperties.properties.requests_per_hour,data:data102};
if(vErrors === null){
vErrors = [err190];
}
else {
vErrors.push(err190);
}
errors++;
}
}
if(data101.requests_per_second !== undefined){
let data103 = data101.requests_per_second;
if((typeof data103 == "number") && (isFinite(data103))){
if(data103 <= 0 || isNaN(data103)){
const err191 = {instancePath:instancePath+"/rate_limit/" + key14.replace(/~/g, "~0").replace(/\//g, "~1")+"/requests_per_second",schemaPath:"#/properties/rate_limit/additionalProperties/properties/requests_per_second/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema0.properties.rate_limit.additionalProperties.properties.requests_per_second,data:data103};
if(vErrors === null){
vErrors = [err191];
}
else {
vErrors.push(err191);
}
errors++;
}
}
else {
const err192 = {instancePath:instancePath+"/rate_limit/" + key14.replace(/~/g, "~0").replace(/\//g, "~1")+"/requests_per_second",schemaPath:"#/properties/rate_limit/additionalProperties/properties/requests_per_second/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema0.properties.rate_limit.additionalProperties.properties.requests_per_second.type,parentSchema:schema0.properties.rate_limit.additionalProperties.properties.requests_per_second,data:data103};
if(vErrors === null){
vErrors = [err192];
}
else {
vErrors.push(err192);
}
errors++;
}
}
if(data101.burst !== undefined){
let data104 = data101.burst;
if(!(((typeof data104 == "number") && (!(data104 % 1) && !isNaN(data104))) && (isFinite(data104)))){
const err193 = {instancePath:instancePath+"/rate_limit/" + key14.replace(/~/g, "~0").replace(/\//g, "~1")+"/burst",schemaPath:"#/properties/rate_limit/additionalProperties/properties/burst/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.rate_limit.additionalProperties.properties.burst.type,parentSchema:schema0.properties.rate_limit.additionalProperties.properties.burst,data:data104};
if(vErrors === null){
vErrors = [err193];
}
else {
vErrors.push(err193);
}
errors++;
}
if((typeof data104 == "number") && (isFinite(data104))){
if(data104 < 1 || isNaN(data104)){
const err194 = {instancePath:instancePath+"/rate_limit/" + key14.replace(/~/g, "~0").replace(/\//g, "~1")+"/burst",schemaPath:"#/properties/rate_limit/additionalProperties/properties/burst/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema0.properties.rate_limit.additionalProperties.properties.burst,data:data104};
if(vErrors === null){
vErrors = [err194];
}
else {
vErrors.push(err194);
}
errors++;
}
}
}
}
else {
const err195 = {instancePath:instancePath+"/rate_limit/" + key14.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rate_limit/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.rate_limit.additionalProperties.type,parentSchema:schema0.properties.rate_limit.additionalProperties,data:data101};
if(vErrors === null){
vErrors = [err195];
}
else {
vErrors.push(err195);
}
errors++;
}
}
}
else {
const err196 = {instancePath:instancePath+"/rate_limit",schemaPath:"#/properties/rate_limit/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.rate_limit.type,parentSchema:schema0.properties.rate_limit,data:data100};
if(vErrors === null){
vErrors = [err196];
}
else {
vErrors.push(err196);
}
errors++;
}
let data105 = data.security;
if(data105 && typeof data105 == "object" && !Array.isArray(data105)){
if(data105.require_https === undefined){
data105.require_https = false;
}
if(data105.credential_expiry_warning_days === undefined){
data105.credential_expiry_warning_days = 14;
}
if(data105.credential_check_interval === undefined){
data105.credential_check_interval = "24h";
}
if(data105.allow_file_urls === undefined){
data105.allow_file_urls = false;
}
for(const key16 in data105){
if(!(((((key16 === "allowed_env_vars") || (key16 === "require_https")) || (key16 === "credential_expiry_warning_days")) || (key16 === "credential_check_interval")) || (key16 === "allow_file_urls"))){
const err197 = {instancePath:instancePath+"/security",schemaPath:"#/properties/security/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key16},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.security,data:data105};
if(vErrors === null){
vErrors = [err197];
}
else {
vErrors.push(err197);
}
errors++;
}
}
if(data105.allowed_env_vars !== undefined){
let data106 = data105.allowed_env_vars;
if(Array.isArray(data106)){
const len11 = data106.length;
for(let i11=0; i11<len11; i11++){
let data107 = data106[i11];
if(typeof data107 === "string"){
if(func1(data107) < 1){
const err198 = {instancePath:instancePath+"/security/allowed_env_vars/" + i11,schemaPath:"#/properties/security/properties/allowed_env_vars/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.security.properties.allowed_env_vars.items,data:data107};
if(vErrors === null){
vErrors = [err198];
}
else {
vErrors.push(err198);
}
errors++;
}
}
else {
const err199 = {instancePath:instancePath+"/security/allowed_env_vars/" + i11,schemaPath:"#/properties/security/properties/allowed_env_vars/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.security.properties.allowed_env_vars.items.type,parentSchema:schema0.properties.security.properties.allowed_env_vars.items,data:data107};
if(vErrors === null){
vErrors = [err199];
}
else {
vErrors.push(err199);
}
errors++;
}
}
}
else {
const err200 = {instancePath:instancePath+"/security/allowed_env_vars",schemaPath:"#/properties/security/properties/allowed_env_vars/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.security.properties.allowed_env_vars.type,parentSchema:schema0.properties.security.properties.allowed_env_vars,data:data106};
if(vErrors === null){
vErrors = [err200];
}
else {
vErrors.push(err200);
}
errors++;
}
}
let data108 = data105.require_https;
if(typeof data108 !== "boolean"){
const err201 = {instancePath:instancePath+"/security/require_https",schemaPath:"#/properties/security/properties/require_https/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.security.properties.require_https.type,parentSchema:schema0.properties.security.properties.require_https,data:data108};
if(vErrors === null){
vErrors = [err201];
}
else {
vErrors.push(err201);
}
errors++;
}
let data109 = data105.credential_expiry_warning_days;
if(!(((typeof data109 == "number") && (!(data109 % 1) && !isNaN(data109))) && (isFinite(data109)))){
const err202 = {instancePath:instancePath+"/security/credential_expiry_warning_days",schemaPath:"#/properties/security/properties/credential_expiry_warning_days/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.security.properties.credential_expiry_warning_days.type,parentSchema:schema0.properties.security.properties.credential_expiry_warning_days,data:data109};
if(vErrors === null){
vErrors = [err202];
}
else {
vErrors.push(err202);
}
errors++;
}
if((typeof data109 == "number") && (isFinite(data109))){
if(data109 < 0 || isNaN(data109)){
const err203 = {instancePath:instancePath+"/security/credential_expiry_warning_days",schemaPath:"#/properties/security/properties/credential_expiry_warning_days/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema0.properties.security.properties.credential_expiry_warning_days,data:data109};
if(vErrors === null){
vErrors = [err203];
}
else {
vErrors.push(err203);
}
errors++;
}
}
let data110 = data105.credential_check_interval;
if((typeof data110 !== "string") && (!((typeof data110 == "number") && (isFinite(data110))))){
const err204 = {instancePath:instancePath+"/security/credential_check_interval",schemaPath:"#/properties/security/properties/credential_check_interval/type",keyword:"type",params:{type: schema0.properties.security.properties.credential_check_interval.type},message:"must be string,number",schema:schema0.properties.security.properties.credential_check_interval.type,parentSchema:schema0.properties.security.properties.credential_check_interval,data:data110};
if(vErrors === null){
vErrors = [err204];
}
else {
vErrors.push(err204);
}
errors++;
}
if((typeof data110 == "number") && (isFinite(data110))){
if(func6(data110, "non-negative") !== undefined){
const err205 = {instancePath:instancePath+"/security/credential_check_interval",schemaPath:"#/properties/security/properties/credential_check_interval/x-duration",keyword:"x-duration",params:{},message:func6(data110, "non-negative"),schema:"non-negative",parentSchema:schema0.properties.security.properties.credential_check_interval,data:data110};
if(vErrors === null){
vErrors = [err205];
}
else {
vErrors.push(err205);
}
errors++;
}
}
if(typeof data110 === "string"){
if(func6(data110, "non-negative") !== undefined){
const err206 = {instancePath:instancePath+"/security/credential_check_interval",schemaPath:"#/properties/security/properties/credential_check_interval/x-duration",keyword:"x-duration",params:{},message:func6(data110, "non-negative"),schema:"non-negative",parentSchema:schema0.properties.security.properties.credential_check_interval,data:data110};
if(vErrors === null){
vErrors = [err206];
}
else {
vErrors.push(err206);
}
errors++;
}
}
let data111 = data105.allow_file_urls;
if(typeof data111 !== "boolean"){
const err207 = {instancePath:instancePath+"/security/allow_file_urls",schemaPath:"#/properties/security/properties/allow_file_urls/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.security.properties.allow_file_urls.type,parentSchema:schema0.properties.security.properties.allow_file_urls,data:data111};
if(vErrors === null){
vErrors = [err207];
}
else {
vErrors.push(err207);
}
errors++;
}
}
else {
const err208 = {instancePath:instancePath+"/security",schemaPath:"#/properties/security/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.security.type,parentSchema:schema0.properties.security,data:data105};
if(vErrors === null){
vErrors = [err208];
}
else {
vErrors.push(err208);
}
errors++;
}
let data112 = data.webhooks;
if(data112 && typeof data112 == "object" && !Array.isArray(data112)){
for(const key17 in data112){
if(!((((key17 === "github_secret") || (key17 === "github_secret_file")) || (key17 === "gitlab_token")) || (key17 === "gitlab_token_file"))){
const err209 = {instancePath:instancePath+"/webhooks",schemaPath:"#/properties/webhooks/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key17},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.webhooks,data:data112};
if(vErrors === null){
vErrors = [err209];
}
else {
vErrors.push(err209);
}
errors++;
}
}
if(data112.github_secret !== undefined){
let data113 = data112.github_secret;
if(typeof data113 !== "string"){
const err210 = {instancePath:instancePath+"/webhooks/github_secret",schemaPath:"#/properties/webhooks/properties/github_secret/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.webhooks.properties.github_secret.type,parentSchema:schema0.properties.webhooks.properties.github_secret,data:data113};
if(vErrors === null){
vErrors = [err210];
}
else {
vErrors.push(err210);
}
errors++;
}
}
if(data112.github_secret_file !== undefined){
let data114 = data112.github_secret_file;
if(typeof data114 === "string"){
if(func1(data114) < 1){
const err211 = {instancePath:instancePath+"/webhooks/github_secret_file",schemaPath:"#/properties/webhooks/properties/github_secret_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.webhooks.properties.github_secret_file,data:data114};
if(vErrors === null){
vErrors = [err211];
}
else {
vErrors.push(err211);
}
errors++;
}
}
else {
const err212 = {instancePath:instancePath+"/webhooks/github_secret_file",schemaPath:"#/properties/webhooks/properties/github_secret_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.webhooks.properties.github_secret_file.type,parentSchema:schema0.properties.webhooks.properties.github_secret_file,data:data114};
if(vErrors === null){
vErrors = [err212];
}
else {
vErrors.push(err212);
}
errors++;
}
}
if(data112.gitlab_token !== undefined){
let data115 = data112.gitlab_token;
if(typeof data115 !== "string"){
const err213 = {instancePath:instancePath+"/webhooks/gitlab_token",schemaPath:"#/properties/webhooks/properties/gitlab_token/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.webhooks.properties.gitlab_token.type,parentSchema:schema0.properties.webhooks.properties.gitlab_token,data:data115};
if(vErrors === null){
vErrors = [err213];
}
else {
vErrors.push(err213);
}
errors++;
}
}
if(data112.gitlab_token_file !== undefined){
let data116 = data112.gitlab_token_file;
if(typeof data116 === "string"){
if(func1(data116) < 1){
const err214 = {instancePath:instancePath+"/webhooks/gitlab_token_file",schemaPath:"#/properties/webhooks/properties/gitlab_token_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.webhooks.properties.gitlab_token_file,data:data116};
if(vErrors === null){
vErrors = [err214];
}
else {
vErrors.push(err214);
}
errors++;
}
}
else {
const err215 = {instancePath:instancePath+"/webhooks/gitlab_token_file",schemaPath:"#/properties/webhooks/properties/gitlab_token_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.webhooks.properties.gitlab_token_file.type,parentSchema:schema0.properties.webhooks.properties.gitlab_token_file,data:data116};
if(vErrors === null){
vErrors = [err215];
}
else {
vErrors.push(err215);
}
errors++;
}
}
}
else {
const err216 = {instancePath:instancePath+"/webhooks",schemaPath:"#/properties/webhooks/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.webhooks.type,parentSchema:schema0.properties.webhooks,data:data112};
if(vErrors === null){
vErrors = [err216];
}
else {
vErrors.push(err216);
}
errors++;
}
let data117 = data.credentials;
if(Array.isArray(data117)){
const len12 = data117.length;
for(let i12=0; i12<len12; i12++){
let data118 = data117[i12];
if(data118 && typeof data118 == "object" && !Array.isArray(data118)){
if(data118.name === undefined){
const err217 = {instancePath:instancePath+"/credentials/" + i12,schemaPath:"#/properties/credentials/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema0.properties.credentials.items.required,parentSchema:schema0.properties.credentials.items,data:data118};
if(vErrors === null){
vErrors = [err217];
}
else {
vErrors.push(err217);
}
errors++;
}
if(data118.match === undefined){
const err218 = {instancePath:instancePath+"/credentials/" + i12,schemaPath:"#/properties/credentials/items/required",keyword:"required",params:{missingProperty: "match"},message:"must have required property '"+"match"+"'",schema:schema0.properties.credentials.items.required,parentSchema:schema0.properties.credentials.items,data:data118};
if(vErrors === null){
vErrors = [err218];
}
else {
vErrors.push(err218);
}
errors++;
}
for(const key18 in data118){
if(!((((((((key18 === "name") || (key18 === "match")) || (key18 === "token")) || (key18 === "token_file")) || (key18 === "github_app")) || (key18 === "username")) || (key18 === "password")) || (key18 === "password_file"))){
const err219 = {instancePath:instancePath+"/credentials/" + i12,schemaPath:"#/properties/credentials/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key18},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.credentials.items,data:data118};
if(vErrors === null){
vErrors = [err219];
}
else {
vErrors.push(err219);
}
errors++;
}
}
if(data118.name !== undefined){
let data119 = data118.name;
if(typeof data119 === "string"){
if(func1(data119) < 1){
const err220 = {instancePath:instancePath+"/credentials/" + i12+"/name",schemaPath:"#/properties/credentials/items/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.credentials.items.properties.name,data:data119};
if(vErrors === null){
vErrors = [err220];
}
else {
vErrors.push(err220);
}
errors++;
}
}
else {
const err221 = {instancePath:instancePath+"/credentials/" + i12+"/name",schemaPath:"#/properties/credentials/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.credentials.items.properties.name.type,parentSchema:schema0.properties.credentials.items.properties.name,data:data119};
if(vErrors === null){
vErrors = [err221];
}
else {
vErrors.push(err221);
}
errors++;
}
}
if(data118.match !== undefined){
let data120 = data118.match;
if(data120 && typeof data120 == "object" && !Array.isArray(data120)){
if(data120.host === undefined){
const err222 = {instancePath:instancePath+"/credentials/" + i12+"/match",schemaPath:"#/properties/credentials/items/properties/match/required",keyword:"required",params:{missingProperty: "host"},message:"must have required property '"+"host"+"'",schema:schema0.properties.credentials.items.properties.match.required,parentSchema:schema0.properties.credentials.items.properties.match,data:data120};
if(vErrors === null){
vErrors = [err222];
}
else {
vErrors.push(err222);
}
errors++;
}
for(const key19 in data120){
if(!((key19 === "host") || (key19 === "owner"))){
const err223 = {instancePath:instancePath+"/credentials/" + i12+"/match",schemaPath:"#/properties/credentials/items/properties/match/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key19},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.credentials.items.properties.match,data:data120};
if(vErrors === null){
vErrors = [err223];
}
else {
vErrors.push(err223);
}
errors++;
}
}
if(data120.host !== undefined){
let data121 = data120.host;
if(typeof data121 === "string"){
if(func1(data121) < 1){
const err224 = {instancePath:instancePath+"/credentials/" + i12+"/match/host",schemaPath:"#/properties/credentials/items/properties/match/properties/host/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.credentials.items.properties.match.properties.host,data:data121};
if(vErrors === null){
vErrors = [err224];
}
else {
vErrors.push(err224);
}
errors++;
}
}
else {
const err225 = {instancePath:instancePath+"/credentials/" + i12+"/match/host",schemaPath:"#/properties/credentials/items/properties/match/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.credentials.items.properties.match.properties.host.type,parentSchema:schema0.properties.credentials.items.properties.match.properties.host,data:data121};
if(vErrors === null){
vErrors = [err225];
}
else {
vErrors.push(err225);
}
errors++;
}
}
if(data120.owner !== undefined){
let data122 = data120.owner;
if(typeof data122 === "string"){
if(func1(data122) < 1){
const err226 = {instancePath:instancePath+"/credentials/" + i12+"/match/owner",schemaPath:"#/properties/credentials/items/properties/match/properties/owner/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.credentials.items.properties.match.properties.owner,data:data122};
if(vErrors === null){
vErrors = [err226];
}
else {
vErrors.push(err226);
}
errors++;
}
}
else {
const err227 = {instancePath:instancePath+"/credentials/" + i12+"/match/owner",schemaPath:"#/properties/credentials/items/properties/match/properties/owner/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.credentials.items.properties.match.properties.owner.type,parentSchema:schema0.properties.credentials.items.properties.match.properties.owner,data:data122};
if(vErrors === null){
vErrors = [err227];
}
else {
vErrors.push(err227);
}
errors++;
}
}
}
else {
const err228 = {instancePath:instancePath+"/credentials/" + i12+"/match",schemaPath:"#/properties/credentials/items/properties/match/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.credentials.items.properties.match.type,parentSchema:schema0.properties.credentials.items.properties.match,data:data120};
if(vErrors === null){
vErrors = [err228];
}
else {
vErrors.push(err228);
}
errors++;
}
}
if(data118.token !== undefined){
let data123 = data118.token;
if(typeof data123 !== "string"){
const err229 = {instancePath:instancePath+"/credentials/" + i12+"/token",schemaPath:"#/properties/credentials/items/properties/token/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.credentials.items.properties.token.type,parentSchema:schema0.properties.credentials.items.properties.token,data:data123};
if(vErrors === null){
vErrors = [err229];
}
else {
vErrors.push(err229);
}
errors++;
}
}
if(data118.token_file !== undefined){
let data124 = data118.token_file;
if(typeof data124 === "string"){
if(func1(data124) < 1){
const err230 = {instancePath:instancePath+"/credentials/" + i12+"/token_file",schemaPath:"#/properties/credentials/items/properties/token_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.credentials.items.properties.token_file,data:data124};
if(vErrors === null){
vErrors = [err230];
}
else {
vErrors.push(err230);
}
errors++;
}
}
else {
const err231 = {instancePath:instancePath+"/credentials/" + i12+"/token_file",schemaPath:"#/properties/credentials/items/properties/token_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.credentials.items.properties.token_file.type,parentSchema:schema0.properties.credentials.items.properties.token_file,data:data124};
if(vErrors === null){
vErrors = [err231];
}
else {
vErrors.push(err231);
}
errors++;
}
}
if(data118.github_app !== undefined){
let data125 = data118.github_app;
if(data125 && typeof data125 == "object" && !Array.isArray(data125)){
if(data125.app_id === undefined){
const err232 = {instancePath:instancePath+"/credentials/" + i12+"/github_app",schemaPath:"#/properties/credentials/items/properties/github_app/required",keyword:"required",params:{missingProperty: "app_id"},message:"must have required property '"+"app_id"+"'",schema:schema0.properties.credentials.items.properties.github_app.required,parentSchema:schema0.properties.credentials.items.properties.github_app,data:data125};
if(vErrors === null){
vErrors = [err232];
}
else {
vErrors.push(err232);
}
errors++;
}
for(const key20 in data125){
if(!(((((key20 === "app_id") || (key20 === "private_key")) || (key20 === "private_key_file")) || (key20 === "installation_id")) || (key20 === "api_base_url"))){
const err233 = {instancePath:instancePath+"/credentials/" + i12+"/github_app",schemaPath:"#/properties/credentials/items/properties/github_app/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key20},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.credentials.items.properties.github_app,data:data125};
if(vErrors === null){
vErrors = [err233];
}
else {
vErrors.push(err233);
}
errors++;
}
}
if(data125.app_id !== undefined){
let data126 = data125.app_id;
if((!(((typeof data126 == "number") && (!(data126 % 1) && !isNaN(data126))) && (isFinite(data126)))) && (typeof data126 !== "string")){
const err234 = {instancePath:instancePath+"/credentials/" + i12+"/github_app/app_id",schemaPath:"#/properties/credentials/items/properties/github_app/properties/app_id/type",keyword:"type",params:{type: schema0.properties.credentials.items.properties.github_app.properties.app_id.type},message:"must be integer,string",schema:schema0.properties.credentials.items.properties.github_app.properties.app_id.type,parentSchema:schema0.properties.credentials.items.properties.github_app.properties.app_id,data:data126};
if(vErrors === null){
vErrors = [err234];
}
else {
vErrors.push(err234);
}
errors++;
}
}
if(data125.private_key !== undefined){
let data127 = data125.private_key;
if(typeof data127 !== "string"){
const err235 = {instancePath:instancePath+"/credentials/" + i12+"/github_app/private_key",schemaPath:"#/properties/credentials/items/properties/github_app/properties/private_key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.credentials.items.properties.github_app.properties.private_key.type,parentSchema:schema0.properties.credentials.items.properties.github_app.properties.private_key,data:data127};
if(vErrors === null){
vErrors = [err235];
}
else {
vErrors.push(err235);
}
errors++;
}
}
if(data125.private_key_file !== undefined){
let data128 = data125.private_key_file;
if(typeof data128 === "string"){
if(func1(data128) < 1){
const err236 = {instancePath:instancePath+"/credentials/" + i12+"/github_app/private_key_file",schemaPath:"#/properties/credentials/items/properties/github_app/properties/private_key_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.credentials.items.properties.github_app.properties.private_key_file,data:data128};
if(vErrors === null){
vErrors = [err236];
}
else {
vErrors.push(err236);
}
errors++;
}
}
else {
const err237 = {instancePath:instancePath+"/credentials/" + i12+"/github_app/private_key_file",schemaPath:"#/properties/credentials/items/properties/github_app/properties/private_key_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.credentials.items.properties.github_app.properties.private_key_file.type,parentSchema:schema0.properties.credentials.items.properties.github_app.properties.private_key_file,data:data128};
if(vErrors === null){
vErrors = [err237];
}
else {
vErrors.push(err237);
}
errors++;
}
}
if(data125.installation_id !== undefined){
let data129 = data125.installation_id;
if(!(((typeof data129 == "number") && (!(data129 % 1) && !isNaN(data129))) && (isFinite(data129)))){
const err238 = {instancePath:instancePath+"/credentials/" + i12+"/github_app/installation_id",schemaPath:"#/properties/credentials/items/properties/github_app/properties/installation_id/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.credentials.items.properties.github_app.properties.installation_id.type,parentSchema:schema0.properties.credentials.items.properties.github_app.properties.installation_id,data:data129};
if(vErrors === null){
vErrors = [err238];
}
else {
vErrors.push(err238);
}
errors++;
}
if((typeof data129 == "number") && (isFinite(data129))){
if(data129 < 1 || isNaN(data129)){
const err239 = {instancePath:instancePath+"/credentials/" + i12+"/github_app/installation_id",schemaPath:"#/properties/credentials/items/properties/github_app/properties/installation_id/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema0.properties.credentials.items.properties.github_app.properties.installation_id,data:data129};
if(vErrors === null){
vErrors = [err239];
}
else {
vErrors.push(err239);
}
errors++;
}
}
}
if(data125.api_base_url !== undefined){
let data130 = data125.api_base_url;
if(typeof data130 !== "string"){
const err240 = {instancePath:instancePath+"/credentials/" + i12+"/github_app/api_base_url",schemaPath:"#/properties/credentials/items/properties/github_app/properties/api_base_url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.credentials.items.properties.github_app.properties.api_base_url.type,parentSchema:schema0.properties.credentials.items.properties.github_app.properties.api_base_url,data:data130};
if(vErrors === null){
vErrors = [err240];
}
else {
vErrors.push(err240);
}
errors++;
}
}
}
else {
const err241 = {instancePath:instancePath+"/credentials/" + i12+"/github_app",schemaPath:"#/properties/credentials/items/properties/github_app/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.credentials.items.properties.github_app.type,parentSchema:schema0.properties.credentials.items.properties.github_app,data:data125};
if(vErrors === null){
vErrors = [err241];
}
else {
vErrors.push(err241);
}
errors++;
}
}
if(data118.username !== undefined){
let data131 = data118.username;
if(typeof data131 !== "string"){
const err242 = {instancePath:instancePath+"/credentials/" + i12+"/username",schemaPath:"#/properties/credentials/items/properties/username/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.credentials.items.properties.username.type,parentSchema:schema0.properties.credentials.items.properties.username,data:data131};
if(vErrors === null){
vErrors = [err242];
}
else {
vErrors.push(err242);
}
errors++;
}
}
if(data118.password !== undefined){
let data132 = data118.password;
if(typeof data132 !== "string"){
const err243 = {instancePath:instancePath+"/credentials/" + i12+"/password",schemaPath:"#/properties/credentials/items/properties/password/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.credentials.items.properties.password.type,parentSchema:schema0.properties.credentials.items.properties.password,data:data132};
if(vErrors === null){
vErrors = [err243];
}
else {
vErrors.push(err243);
}
errors++;
}
}
if(data118.password_file !== undefined){
let data133 = data118.password_file;
if(typeof data133 === "string"){
if(func1(data133) < 1){
const err244 = {instancePath:instancePath+"/credentials/" + i12+"/password_file",schemaPath:"#/properties/credentials/items/properties/password_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.credentials.items.properties.password_file,data:data133};
if(vErrors === null){
vErrors = [err244];
}
else {
vErrors.push(err244);
}
errors++;
}
}
else {
const err245 = {instancePath:instancePath+"/credentials/" + i12+"/password_file",schemaPath:"#/properties/credentials/items/properties/password_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.credentials.items.properties.password_file.type,parentSchema:schema0.properties.credentials.items.properties.password_file,data:data133};
if(vErrors === null){
vErrors = [err245];
}
else {
vErrors.push(err245);
}
errors++;
}
}
}
else {
const err246 = {instancePath:instancePath+"/credentials/" + i12,schemaPath:"#/properties/credentials/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.credentials.items.type,parentSchema:schema0.properties.credentials.items,data:data118};
if(vErrors === null){
vErrors = [err246];
}
else {
vErrors.push(err246);
}
errors++;
}
}
}
else {
const err247 = {instancePath:instancePath+"/credentials",schemaPath:"#/properties/credentials/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.credentials.type,parentSchema:schema0.properties.credentials,data:data117};
if(vErrors === null){
vErrors = [err247];
}
else {
vErrors.push(err247);
}
errors++;
}
let data134 = data.enrich;
if(data134 && typeof data134 == "object" && !Array.isArray(data134)){
if(data134.enabled === undefined){
data134.enabled = true;
}
if(data134.max_commits === undefined){
data134.max_commits = 20;
}
if(data134.max_files === undefined){
data134.max_files = 3000;
}
if(data134.timeout === undefined){
data134.timeout = "10s";
}
for(const key21 in data134){
if(!((((key21 === "enabled") || (key21 === "max_commits")) || (key21 === "max_files")) || (key21 === "timeout"))){
const err248 = {instancePath:instancePath+"/enrich",schemaPath:"#/properties/enrich/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key21},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.enrich,data:data134};
if(vErrors === null){
vErrors = [err248];
}
else {
vErrors.push(err248);
}
errors++;
}
}
let data135 = data134.enabled;
if(typeof data135 !== "boolean"){
const err249 = {instancePath:instancePath+"/enrich/enabled",schemaPath:"#/properties/enrich/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.enrich.properties.enabled.type,parentSchema:schema0.properties.enrich.properties.enabled,data:data135};
if(vErrors === null){
vErrors = [err249];
}
else {
vErrors.push(err249);
}
errors++;
}
let data136 = data134.max_commits;
if(!(((typeof data136 == "number") && (!(data136 % 1) && !isNaN(data136))) && (isFinite(data136)))){
const err250 = {instancePath:instancePath+"/enrich/max_commits",schemaPath:"#/properties/enrich/properties/max_commits/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.enrich.properties.max_commits.type,parentSchema:schema0.properties.enrich.properties.max_commits,data:data136};
if(vErrors === null){
vErrors = [err250];
}
else {
vErrors.push(err250);
}
errors++;
}
if((typeof data136 == "number") && (isFinite(data136))){
if(data136 > 2048 || isNaN(data136)){
const err251 = {instancePath:instancePath+"/enrich/max_commits",schemaPath:"#/properties/enrich/properties/max_commits/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2048},message:"must be <= 2048",schema:2048,parentSchema:schema0.properties.enrich.properties.max_commits,data:data136};
if(vErrors === null){
vErrors = [err251];
}
else {
vErrors.push(err251);
}
errors++;
}
if(data136 < 0 || isNaN(data136)){
const err252 = {instancePath:instancePath+"/enrich/max_commits",schemaPath:"#/properties/enrich/properties/max_commits/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema0.properties.enrich.properties.max_commits,data:data136};
if(vErrors === null){
vErrors = [err252];
}
else {
vErrors.push(err252);
}
errors++;
}
}
let data137 = data134.max_files;
if(!(((typeof data137 == "number") && (!(data137 % 1) && !isNaN(data137))) && (isFinite(data137)))){
const err253 = {instancePath:instancePath+"/enrich/max_files",schemaPath:"#/properties/enrich/properties/max_files/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema0.properties.enrich.properties.max_files.type,parentSchema:schema0.properties.enrich.properties.max_files,data:data137};
if(vErrors === null){
vErrors = [err253];
}
else {
vErrors.push(err253);
}
errors++;
}
if((typeof data137 == "number") && (isFinite(data137))){
if(data137 > 100000 || isNaN(data137)){
const err254 = {instancePath:instancePath+"/enrich/max_files",schemaPath:"#/properties/enrich/properties/max_files/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema0.properties.enrich.properties.max_files,data:data137};
if(vErrors === null){
vErrors = [err254];
}
else {
vErrors.push(err254);
}
errors++;
}
if(data137 < 0 || isNaN(data137)){
const err255 = {instancePath:instancePath+"/enrich/max_files",schemaPath:"#/properties/enrich/properties/max_files/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema0.properties.enrich.properties.max_files,data:data137};
if(vErrors === null){
vErrors = [err255];
}
else {
vErrors.push(err255);
}
errors++;
}
}
let data138 = data134.timeout;
if((typeof data138 !== "string") && (!((typeof data138 == "number") && (isFinite(data138))))){
const err256 = {instancePath:instancePath+"/enrich/timeout",schemaPath:"#/properties/enrich/properties/timeout/type",keyword:"type",params:{type: schema0.properties.enrich.properties.timeout.type},message:"must be string,number",schema:schema0.properties.enrich.properties.timeout.type,parentSchema:schema0.properties.enrich.properties.timeout,data:data138};
if(vErrors === null){
vErrors = [err256];
}
else {
vErrors.push(err256);
}
errors++;
}
if((typeof data138 == "number") && (isFinite(data138))){
if(func6(data138, "positive") !== undefined){
const err257 = {instancePath:instancePath+"/enrich/timeout",schemaPath:"#/properties/enrich/properties/timeout/x-duration",keyword:"x-duration",params:{},message:func6(data138, "positive"),schema:"positive",parentSchema:schema0.properties.enrich.properties.timeout,data:data138};
if(vErrors === null){
vErrors = [err257];
}
else {
vErrors.push(err257);
}
errors++;
}
}
if(typeof data138 === "string"){
if(func6(data138, "positive") !== undefined){
const err258 = {instancePath:instancePath+"/enrich/timeout",schemaPath:"#/properties/enrich/properties/timeout/x-duration",keyword:"x-duration",params:{},message:func6(data138, "positive"),schema:"positive",parentSchema:schema0.properties.enrich.properties.timeout,data:data138};
if(vErrors === null){
vErrors = [err258];
}
else {
vErrors.push(err258);
}
errors++;
}
}
}
else {
const err259 = {instancePath:instancePath+"/enrich",schemaPath:"#/properties/enrich/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.enrich.type,parentSchema:schema0.properties.enrich,data:data134};
if(vErrors === null){
vErrors = [err259];
}
else {
vErrors.push(err259);
}
errors++;
}
let data139 = data.repositories;
if(Array.isArray(data139)){
const len13 = data139.length;
for(let i13=0; i13<len13; i13++){
let data140 = data139[i13];
if(data140 && typeof data140 == "object" && !Array.isArray(data140)){
if(data140.name === undefined){
const err260 = {instancePath:instancePath+"/repositories/" + i13,schemaPath:"#/properties/repositories/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema0.properties.repositories.items.required,parentSchema:schema0.properties.repositories.items,data:data140};
if(vErrors === null){
vErrors = [err260];
}
else {
vErrors.push(err260);
}
errors++;
}
if(data140.url === undefined){
const err261 = {instancePath:instancePath+"/repositories/" + i13,schemaPath:"#/properties/repositories/items/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema0.properties.repositories.items.required,parentSchema:schema0.properties.repositories.items,data:data140};
if(vErrors === null){
vErrors = [err261];
}
else {
vErrors.push(err261);
}
errors++;
}
for(const key22 in data140){
if(!(func0.call(schema0.properties.repositories.items.properties, key22))){
const err262 = {instancePath:instancePath+"/repositories/" + i13,schemaPath:"#/properties/repositories/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key22},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.repositories.items,data:data140};
if(vErrors === null){
vErrors = [err262];
}
else {
vErrors.push(err262);
}
errors++;
}
}
if(data140.name !== undefined){
let data141 = data140.name;
if(typeof data141 === "string"){
if(func1(data141) < 1){
const err263 = {instancePath:instancePath+"/repositories/" + i13+"/name",schemaPath:"#/properties/repositories/items/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.repositories.items.properties.name,data:data141};
if(vErrors === null){
vErrors = [err263];
}
else {
vErrors.push(err263);
}
errors++;
}
}
else {
const err264 = {instancePath:instancePath+"/repositories/" + i13+"/name",schemaPath:"#/properties/repositories/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.repositories.items.properties.name.type,parentSchema:schema0.properties.repositories.items.properties.name,data:data141};
if(vErrors === null){
vErrors = [err264];
}
else {
vErrors.push(err264);
}
errors++;
}
}
if(data140.url !== undefined){
let data142 = data140.url;
if(typeof data142 === "string"){
if(func1(data142) < 1){
const err265 = {instancePath:instancePath+"/repositories/" + i13+"/url",schemaPath:"#/properties/repositories/items/properties/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.repositories.items.properties.url,data:data142};
if(vErrors === null){
vErrors = [err265];
}
else {
vErrors.push(err265);
}
errors++;
}
}
else {
const err266 = {instancePath:instancePath+"/repositories/" + i13+"/url",schemaPath:"#/properties/repositories/items/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.repositories.items.properties.url.type,parentSchema:schema0.properties.repositories.items.properties.url,data:data142};
if(vErrors === null){
vErrors = [err266];
}
else {
vErrors.push(err266);
}
errors++;
}
}
if(data140.provider !== undefined){
let data143 = data140.provider;
if(typeof data143 !== "string"){
const err267 = {instancePath:instancePath+"/repositories/" + i13+"/provider",schemaPath:"#/properties/repositories/items/properties/provider/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.repositories.items.properties.provider.type,parentSchema:schema0.properties.repositories.items.properties.provider,data:data143};
if(vErrors === null){
vErrors = [err267];
}
else {
vErrors.push(err267);
}
errors++;
}
if(!((((data143 === "github") || (data143 === "gitlab")) || (data143 === "gitea")) || (data143 === "git"))){
const err268 = {instancePath:instancePath+"/repositories/" + i13+"/provider",schemaPath:"#/properties/repositories/items/properties/provider/enum",keyword:"enum",params:{allowedValues: schema0.properties.repositories.items.properties.provider.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.repositories.items.properties.provider.enum,parentSchema:schema0.properties.repositories.items.properties.provider,data:data143};
if(vErrors === null){
vErrors = [err268];
}
else {
vErrors.push(err268);
}
errors++;
}
}
if(data140.token !== undefined){
let data144 = data140.token;
if(typeof data144 !== "string"){
const err269 = {instancePath:instancePath+"/repositories/" + i13+"/token",schemaPath:"#/properties/repositories/items/properties/token/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.repositories.items.properties.token.type,parentSchema:schema0.properties.repositories.items.properties.token,data:data144};
if(vErrors === null){
vErrors = [err269];
}
else {
vErrors.push(err269);
}
errors++;
}
}
if(data140.token_file !== undefined){
let data145 = data140.token_file;
if(typeof data145 === "string"){
if(func1(data145) < 1){
const err270 = {instancePath:instancePath+"/repositories/" + i13+"/token_file",schemaPath:"#/properties/repositories/items/properties/token_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.repositories.items.properties.token_file,data:data145};
if(vErrors === null){
vErrors = [err270];
}
else {
vErrors.push(err270);
}
errors++;
}
}
else {
const err271 = {instancePath:instancePath+"/repositories/" + i13+"/token_file",schemaPath:"#/properties/repositories/items/properties/token_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.repositories.items.properties.token_file.type,parentSchema:schema0.properties.repositories.items.properties.token_file,data:data145};
if(vErrors === null){
vErrors = [err271];
}
else {
vErrors.push(err271);
}
errors++;
}
}
if(data140.branch_regex !== undefined){
let data146 = data140.branch_regex;
if(typeof data146 === "string"){
if(func48(data146, true) !== undefined){
const err272 = {instancePath:instancePath+"/repositories/" + i13+"/branch_regex",schemaPath:"#/properties/repositories/items/properties/branch_regex/x-regex",keyword:"x-regex",params:{},message:func48(data146, true),schema:true,parentSchema:schema0.properties.repositories.items.properties.branch_regex,data:data146};
if(vErrors === null){
vErrors = [err272];
}
else {
vErrors.push(err272);
}
errors++;
}
}
else {
const err273 = {instancePath:instancePath+"/repositories/" + i13+"/branch_regex",schemaPath:"#/properties/repositories/items/properties/branch_regex/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.repositories.items.properties.branch_regex.type,parentSchema:schema0.properties.repositories.items.properties.branch_regex,data:data146};
if(vErrors === null){
vErrors = [err273];
}
else {
vErrors.push(err273);
}
errors++;
}
}
if(data140.tag_regex !== undefined){
let data147 = data140.tag_regex;
if(typeof data147 === "string"){
if(func48(data147, true) !== undefined){
const err274 = {instancePath:instancePath+"/repositories/" + i13+"/tag_regex",schemaPath:"#/properties/repositories/items/properties/tag_regex/x-regex",keyword:"x-regex",params:{},message:func48(data147, true),schema:true,parentSchema:schema0.properties.repositories.items.properties.tag_regex,data:data147};
if(vErrors === null){
vErrors = [err274];
}
else {
vErrors.push(err274);
}
errors++;
}
}
else {
const err275 = {instancePath:instancePath+"/repositories/" + i13+"/tag_regex",schemaPath:"#/properties/repositories/items/properties/tag_regex/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.repositories.items.properties.tag_regex.type,parentSchema:schema0.properties.repositories.items.properties.tag_regex,data:data147};
if(vErrors === null){
vErrors = [err275];
}
else {
vErrors.push(err275);
}
errors++;
}
}
if(data140.enabled !== undefined){
let data148 = data140.enabled;
if(typeof data148 !== "boolean"){
const err276 = {instancePath:instancePath+"/repositories/" + i13+"/enabled",schemaPath:"#/properties/repositories/items/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.repositories.items.properties.enabled.type,parentSchema:schema0.properties.repositories.items.properties.enabled,data:data148};
if(vErrors === null){
vErrors = [err276];
}
else {
vErrors.push(err276);
}
errors++;
}
}
if(data140.polling_interval !== undefined){
let data149 = data140.polling_interval;
if((typeof data149 !== "string") && (!((typeof data149 == "number") && (isFinite(data149))))){
const err277 = {instancePath:instancePath+"/repositories/" + i13+"/polling_interval",schemaPath:"#/properties/repositories/items/properties/polling_interval/type",keyword:"type",params:{type: schema0.properties.repositories.items.properties.polling_interval.type},message:"must be string,number",schema:schema0.properties.repositories.items.properties.polling_interval.type,parentSchema:schema0.properties.repositories.items.properties.polling_interval,data:data149};
if(vErrors === null){
vErrors = [err277];
}
else {
vErrors.push(err277);
}
errors++;
}
if((typeof data149 == "number") && (isFinite(data149))){
if(func6(data149, "positive") !== undefined){
const err278 = {instancePath:instancePath+"/repositories/" + i13+"/polling_interval",schemaPath:"#/properties/repositories/items/properties/polling_interval/x-duration",keyword:"x-duration",params:{},message:func6(data149, "positive"),schema:"positive",parentSchema:schema0.properties.repositories.items.properties.polling_interval,data:data149};
if(vErrors === null){
vErrors = [err278];
}
else {
vErrors.push(err278);
}
errors++;
}
}
if(typeof data149 === "string"){
if(func6(data149, "positive") !== undefined){
const err279 = {instancePath:instancePath+"/repositories/" + i13+"/polling_interval",schemaPath:"#/properties/repositories/items/properties/polling_interval/x-duration",keyword:"x-duration",params:{},message:func6(data149, "positive"),schema:"positive",parentSchema:schema0.properties.repositories.items.properties.polling_interval,data:data149};
if(vErrors === null){
vErrors = [err279];
}
else {
vErrors.push(err279);
}
errors++;
}
}
}
if(data140.api_base_url !== undefined){
let data150 = data140.api_base_url;
if(typeof data150 !== "string"){
const err280 = {instancePath:instancePath+"/repositories/" + i13+"/api_base_url",schemaPath:"#/properties/repositories/items/properties/api_base_url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.repositories.items.properties.api_base_url.type,parentSchema:schema0.properties.repositories.items.properties.api_base_url,data:data150};
if(vErrors === null){
vErrors = [err280];
}
else {
vErrors.push(err280);
}
errors++;
}
}
if(data140.enrich !== undefined){
let data151 = data140.enrich;
if(typeof data151 !== "boolean"){
const err281 = {instancePath:instancePath+"/repositories/" + i13+"/enrich",schemaPath:"#/properties/repositories/items/properties/enrich/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.repositories.items.properties.enrich.type,parentSchema:schema0.properties.repositories.items.properties.enrich,data:data151};
if(vErrors === null){
vErrors = [err281];
}
else {
vErrors.push(err281);
}
errors++;
}
}
}
else {
const err282 = {instancePath:instancePath+"/repositories/" + i13,schemaPath:"#/properties/repositories/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.repositories.items.type,parentSchema:schema0.properties.repositories.items,data:data140};
if(vErrors === null){
vErrors = [err282];
}
else {
vErrors.push(err282);
}
errors++;
}
}
}
else {
const err283 = {instancePath:instancePath+"/repositories",schemaPath:"#/properties/repositories/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.repositories.type,parentSchema:schema0.properties.repositories,data:data139};
if(vErrors === null){
vErrors = [err283];
}
else {
vErrors.push(err283);
}
errors++;
}
let data152 = data.discover;
if(Array.isArray(data152)){
const len14 = data152.length;
for(let i14=0; i14<len14; i14++){
let data153 = data152[i14];
if(data153 && typeof data153 == "object" && !Array.isArray(data153)){
if(data153.provider === undefined){
data153.provider = "github";
}
if(data153.include_subgroups === undefined){
data153.include_subgroups = false;
}
if(data153.interval === undefined){
data153.interval = "10m";
}
if(data153.archived === undefined){
data153.archived = false;
}
if(data153.forks === undefined){
data153.forks = false;
}
if(data153.defaults === undefined){
data153.defaults = {};
}
if(data153.name === undefined){
const err284 = {instancePath:instancePath+"/discover/" + i14,schemaPath:"#/properties/discover/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema0.properties.discover.items.required,parentSchema:schema0.properties.discover.items,data:data153};
if(vErrors === null){
vErrors = [err284];
}
else {
vErrors.push(err284);
}
errors++;
}
for(const key23 in data153){
if(!(func0.call(schema0.properties.discover.items.properties, key23))){
const err285 = {instancePath:instancePath+"/discover/" + i14,schemaPath:"#/properties/discover/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key23},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.discover.items,data:data153};
if(vErrors === null){
vErrors = [err285];
}
else {
vErrors.push(err285);
}
errors++;
}
}
if(data153.name !== undefined){
let data154 = data153.name;
if(typeof data154 === "string"){
if(func1(data154) < 1){
const err286 = {instancePath:instancePath+"/discover/" + i14+"/name",schemaPath:"#/properties/discover/items/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.discover.items.properties.name,data:data154};
if(vErrors === null){
vErrors = [err286];
}
else {
vErrors.push(err286);
}
errors++;
}
}
else {
const err287 = {instancePath:instancePath+"/discover/" + i14+"/name",schemaPath:"#/properties/discover/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.name.type,parentSchema:schema0.properties.discover.items.properties.name,data:data154};
if(vErrors === null){
vErrors = [err287];
}
else {
vErrors.push(err287);
}
errors++;
}
}
let data155 = data153.provider;
if(typeof data155 !== "string"){
const err288 = {instancePath:instancePath+"/discover/" + i14+"/provider",schemaPath:"#/properties/discover/items/properties/provider/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.provider.type,parentSchema:schema0.properties.discover.items.properties.provider,data:data155};
if(vErrors === null){
vErrors = [err288];
}
else {
vErrors.push(err288);
}
errors++;
}
if(!(((data155 === "github") || (data155 === "gitlab")) || (data155 === "gitea"))){
const err289 = {instancePath:instancePath+"/discover/" + i14+"/provider",schemaPath:"#/properties/discover/items/properties/provider/enum",keyword:"enum",params:{allowedValues: schema0.properties.discover.items.properties.provider.enum},message:"must be equal to one of the allowed values",schema:schema0.properties.discover.items.properties.provider.enum,parentSchema:schema0.properties.discover.items.properties.provider,data:data155};
if(vErrors === null){
vErrors = [err289];
}
else {
vErrors.push(err289);
}
errors++;
}
if(data153.org !== undefined){
let data156 = data153.org;
if(typeof data156 === "string"){
if(func1(data156) < 1){
const err290 = {instancePath:instancePath+"/discover/" + i14+"/org",schemaPath:"#/properties/discover/items/properties/org/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.discover.items.properties.org,data:data156};
if(vErrors === null){
vErrors = [err290];
}
else {
vErrors.push(err290);
}
errors++;
}
}
else {
const err291 = {instancePath:instancePath+"/discover/" + i14+"/org",schemaPath:"#/properties/discover/items/properties/org/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.org.type,parentSchema:schema0.properties.discover.items.properties.org,data:data156};
if(vErrors === null){
vErrors = [err291];
}
else {
vErrors.push(err291);
}
errors++;
}
}
if(data153.user !== undefined){
let data157 = data153.user;
if(typeof data157 === "string"){
if(func1(data157) < 1){
const err292 = {instancePath:instancePath+"/discover/" + i14+"/user",schemaPath:"#/properties/discover/items/properties/user/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.discover.items.properties.user,data:data157};
if(vErrors === null){
vErrors = [err292];
}
else {
vErrors.push(err292);
}
errors++;
}
}
else {
const err293 = {instancePath:instancePath+"/discover/" + i14+"/user",schemaPath:"#/properties/discover/items/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.user.type,parentSchema:schema0.properties.discover.items.properties.user,data:data157};
if(vErrors === null){
vErrors = [err293];
}
else {
vErrors.push(err293);
}
errors++;
}
}
if(data153.starred_by !== undefined){
let data158 = data153.starred_by;
if(typeof data158 === "string"){
if(func1(data158) < 1){
const err294 = {instancePath:instancePath+"/discover/" + i14+"/starred_by",schemaPath:"#/properties/discover/items/properties/starred_by/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.discover.items.properties.starred_by,data:data158};
if(vErrors === null){
vErrors = [err294];
}
else {
vErrors.push(err294);
}
errors++;
}
}
else {
const err295 = {instancePath:instancePath+"/discover/" + i14+"/starred_by",schemaPath:"#/properties/discover/items/properties/starred_by/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.starred_by.type,parentSchema:schema0.properties.discover.items.properties.starred_by,data:data158};
if(vErrors === null){
vErrors = [err295];
}
else {
vErrors.push(err295);
}
errors++;
}
}
if(data153.group !== undefined){
let data159 = data153.group;
if(typeof data159 === "string"){
if(func1(data159) < 1){
const err296 = {instancePath:instancePath+"/discover/" + i14+"/group",schemaPath:"#/properties/discover/items/properties/group/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.discover.items.properties.group,data:data159};
if(vErrors === null){
vErrors = [err296];
}
else {
vErrors.push(err296);
}
errors++;
}
}
else {
const err297 = {instancePath:instancePath+"/discover/" + i14+"/group",schemaPath:"#/properties/discover/items/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.group.type,parentSchema:schema0.properties.discover.items.properties.group,data:data159};
if(vErrors === null){
vErrors = [err297];
}
else {
vErrors.push(err297);
}
errors++;
}
}
let data160 = data153.include_subgroups;
if(typeof data160 !== "boolean"){
const err298 = {instancePath:instancePath+"/discover/" + i14+"/include_subgroups",schemaPath:"#/properties/discover/items/properties/include_subgroups/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.discover.items.properties.include_subgroups.type,parentSchema:schema0.properties.discover.items.properties.include_subgroups,data:data160};
if(vErrors === null){
vErrors = [err298];
}
else {
vErrors.push(err298);
}
errors++;
}
if(data153.token !== undefined){
let data161 = data153.token;
if(typeof data161 !== "string"){
const err299 = {instancePath:instancePath+"/discover/" + i14+"/token",schemaPath:"#/properties/discover/items/properties/token/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.token.type,parentSchema:schema0.properties.discover.items.properties.token,data:data161};
if(vErrors === null){
vErrors = [err299];
}
else {
vErrors.push(err299);
}
errors++;
}
}
if(data153.token_file !== undefined){
let data162 = data153.token_file;
if(typeof data162 === "string"){
if(func1(data162) < 1){
const err300 = {instancePath:instancePath+"/discover/" + i14+"/token_file",schemaPath:"#/properties/discover/items/properties/token_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.discover.items.properties.token_file,data:data162};
if(vErrors === null){
vErrors = [err300];
}
else {
vErrors.push(err300);
}
errors++;
}
}
else {
const err301 = {instancePath:instancePath+"/discover/" + i14+"/token_file",schemaPath:"#/properties/discover/items/properties/token_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.token_file.type,parentSchema:schema0.properties.discover.items.properties.token_file,data:data162};
if(vErrors === null){
vErrors = [err301];
}
else {
vErrors.push(err301);
}
errors++;
}
}
if(data153.api_base_url !== undefined){
let data163 = data153.api_base_url;
if(typeof data163 !== "string"){
const err302 = {instancePath:instancePath+"/discover/" + i14+"/api_base_url",schemaPath:"#/properties/discover/items/properties/api_base_url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.api_base_url.type,parentSchema:schema0.properties.discover.items.properties.api_base_url,data:data163};
if(vErrors === null){
vErrors = [err302];
}
else {
vErrors.push(err302);
}
errors++;
}
}
let data164 = data153.interval;
if((typeof data164 !== "string") && (!((typeof data164 == "number") && (isFinite(data164))))){
const err303 = {instancePath:instancePath+"/discover/" + i14+"/interval",schemaPath:"#/properties/discover/items/properties/interval/type",keyword:"type",params:{type: schema0.properties.discover.items.properties.interval.type},message:"must be string,number",schema:schema0.properties.discover.items.properties.interval.type,parentSchema:schema0.properties.discover.items.properties.interval,data:data164};
if(vErrors === null){
vErrors = [err303];
}
else {
vErrors.push(err303);
}
errors++;
}
if((typeof data164 == "number") && (isFinite(data164))){
if(func6(data164, "positive") !== undefined){
const err304 = {instancePath:instancePath+"/discover/" + i14+"/interval",schemaPath:"#/properties/discover/items/properties/interval/x-duration",keyword:"x-duration",params:{},message:func6(data164, "positive"),schema:"positive",parentSchema:schema0.properties.discover.items.properties.interval,data:data164};
if(vErrors === null){
vErrors = [err304];
}
else {
vErrors.push(err304);
}
errors++;
}
}
if(typeof data164 === "string"){
if(func6(data164, "positive") !== undefined){
const err305 = {instancePath:instancePath+"/discover/" + i14+"/interval",schemaPath:"#/properties/discover/items/properties/interval/x-duration",keyword:"x-duration",params:{},message:func6(data164, "positive"),schema:"positive",parentSchema:schema0.properties.discover.items.properties.interval,data:data164};
if(vErrors === null){
vErrors = [err305];
}
else {
vErrors.push(err305);
}
errors++;
}
}
if(data153.include !== undefined){
let data165 = data153.include;
if(typeof data165 === "string"){
if(func48(data165, true) !== undefined){
const err306 = {instancePath:instancePath+"/discover/" + i14+"/include",schemaPath:"#/properties/discover/items/properties/include/x-regex",keyword:"x-regex",params:{},message:func48(data165, true),schema:true,parentSchema:schema0.properties.discover.items.properties.include,data:data165};
if(vErrors === null){
vErrors = [err306];
}
else {
vErrors.push(err306);
}
errors++;
}
}
else {
const err307 = {instancePath:instancePath+"/discover/" + i14+"/include",schemaPath:"#/properties/discover/items/properties/include/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.include.type,parentSchema:schema0.properties.discover.items.properties.include,data:data165};
if(vErrors === null){
vErrors = [err307];
}
else {
vErrors.push(err307);
}
errors++;
}
}
if(data153.exclude !== undefined){
let data166 = data153.exclude;
if(typeof data166 === "string"){
if(func48(data166, true) !== undefined){
const err308 = {instancePath:instancePath+"/discover/" + i14+"/exclude",schemaPath:"#/properties/discover/items/properties/exclude/x-regex",keyword:"x-regex",params:{},message:func48(data166, true),schema:true,parentSchema:schema0.properties.discover.items.properties.exclude,data:data166};
if(vErrors === null){
vErrors = [err308];
}
else {
vErrors.push(err308);
}
errors++;
}
}
else {
const err309 = {instancePath:instancePath+"/discover/" + i14+"/exclude",schemaPath:"#/properties/discover/items/properties/exclude/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.exclude.type,parentSchema:schema0.properties.discover.items.properties.exclude,data:data166};
if(vErrors === null){
vErrors = [err309];
}
else {
vErrors.push(err309);
}
errors++;
}
}
let data167 = data153.archived;
if(typeof data167 !== "boolean"){
const err310 = {instancePath:instancePath+"/discover/" + i14+"/archived",schemaPath:"#/properties/discover/items/properties/archived/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.discover.items.properties.archived.type,parentSchema:schema0.properties.discover.items.properties.archived,data:data167};
if(vErrors === null){
vErrors = [err310];
}
else {
vErrors.push(err310);
}
errors++;
}
let data168 = data153.forks;
if(typeof data168 !== "boolean"){
const err311 = {instancePath:instancePath+"/discover/" + i14+"/forks",schemaPath:"#/properties/discover/items/properties/forks/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.discover.items.properties.forks.type,parentSchema:schema0.properties.discover.items.properties.forks,data:data168};
if(vErrors === null){
vErrors = [err311];
}
else {
vErrors.push(err311);
}
errors++;
}
if(data153.topics !== undefined){
let data169 = data153.topics;
if(Array.isArray(data169)){
const len15 = data169.length;
for(let i15=0; i15<len15; i15++){
let data170 = data169[i15];
if(typeof data170 === "string"){
if(func1(data170) < 1){
const err312 = {instancePath:instancePath+"/discover/" + i14+"/topics/" + i15,schemaPath:"#/properties/discover/items/properties/topics/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.discover.items.properties.topics.items,data:data170};
if(vErrors === null){
vErrors = [err312];
}
else {
vErrors.push(err312);
}
errors++;
}
}
else {
const err313 = {instancePath:instancePath+"/discover/" + i14+"/topics/" + i15,schemaPath:"#/properties/discover/items/properties/topics/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.topics.items.type,parentSchema:schema0.properties.discover.items.properties.topics.items,data:data170};
if(vErrors === null){
vErrors = [err313];
}
else {
vErrors.push(err313);
}
errors++;
}
}
}
else {
const err314 = {instancePath:instancePath+"/discover/" + i14+"/topics",schemaPath:"#/properties/discover/items/properties/topics/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.discover.items.properties.topics.type,parentSchema:schema0.properties.discover.items.properties.topics,data:data169};
if(vErrors === null){
vErrors = [err314];
}
else {
vErrors.push(err314);
}
errors++;
}
}
let data171 = data153.defaults;
if(data171 && typeof data171 == "object" && !Array.isArray(data171)){
if(data171.enabled === undefined){
data171.enabled = true;
}
for(const key24 in data171){
if(!((((key24 === "branch_regex") || (key24 === "tag_regex")) || (key24 === "polling_interval")) || (key24 === "enabled"))){
const err315 = {instancePath:instancePath+"/discover/" + i14+"/defaults",schemaPath:"#/properties/discover/items/properties/defaults/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key24},message:"must NOT have additional properties",schema:false,parentSchema:schema0.properties.discover.items.properties.defaults,data:data171};
if(vErrors === null){
vErrors = [err315];
}
else {
vErrors.push(err315);
}
errors++;
}
}
if(data171.branch_regex !== undefined){
let data172 = data171.branch_regex;
if(typeof data172 === "string"){
if(func48(data172, true) !== undefined){
const err316 = {instancePath:instancePath+"/discover/" + i14+"/defaults/branch_regex",schemaPath:"#/properties/discover/items/properties/defaults/properties/branch_regex/x-regex",keyword:"x-regex",params:{},message:func48(data172, true),schema:true,parentSchema:schema0.properties.discover.items.properties.defaults.properties.branch_regex,data:data172};
if(vErrors === null){
vErrors = [err316];
}
else {
vErrors.push(err316);
}
errors++;
}
}
else {
const err317 = {instancePath:instancePath+"/discover/" + i14+"/defaults/branch_regex",schemaPath:"#/properties/discover/items/properties/defaults/properties/branch_regex/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.defaults.properties.branch_regex.type,parentSchema:schema0.properties.discover.items.properties.defaults.properties.branch_regex,data:data172};
if(vErrors === null){
vErrors = [err317];
}
else {
vErrors.push(err317);
}
errors++;
}
}
if(data171.tag_regex !== undefined){
let data173 = data171.tag_regex;
if(typeof data173 === "string"){
if(func48(data173, true) !== undefined){
const err318 = {instancePath:instancePath+"/discover/" + i14+"/defaults/tag_regex",schemaPath:"#/properties/discover/items/properties/defaults/properties/tag_regex/x-regex",keyword:"x-regex",params:{},message:func48(data173, true),schema:true,parentSchema:schema0.properties.discover.items.properties.defaults.properties.tag_regex,data:data173};
if(vErrors === null){
vErrors = [err318];
}
else {
vErrors.push(err318);
}
errors++;
}
}
else {
const err319 = {instancePath:instancePath+"/discover/" + i14+"/defaults/tag_regex",schemaPath:"#/properties/discover/items/properties/defaults/properties/tag_regex/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.discover.items.properties.defaults.properties.tag_regex.type,parentSchema:schema0.properties.discover.items.properties.defaults.properties.tag_regex,data:data173};
if(vErrors === null){
vErrors = [err319];
}
else {
vErrors.push(err319);
}
errors++;
}
}
if(data171.polling_interval !== undefined){
let data174 = data171.polling_interval;
if((typeof data174 !== "string") && (!((typeof data174 == "number") && (isFinite(data174))))){
const err320 = {instancePath:instancePath+"/discover/" + i14+"/defaults/polling_interval",schemaPath:"#/properties/discover/items/properties/defaults/properties/polling_interval/type",keyword:"type",params:{type: schema0.properties.discover.items.properties.defaults.properties.polling_interval.type},message:"must be string,number",schema:schema0.properties.discover.items.properties.defaults.properties.polling_interval.type,parentSchema:schema0.properties.discover.items.properties.defaults.properties.polling_interval,data:data174};
if(vErrors === null){
vErrors = [err320];
}
else {
vErrors.push(err320);
}
errors++;
}
if((typeof data174 == "number") && (isFinite(data174))){
if(func6(data174, "positive") !== undefined){
const err321 = {instancePath:instancePath+"/discover/" + i14+"/defaults/polling_interval",schemaPath:"#/properties/discover/items/properties/defaults/properties/polling_interval/x-duration",keyword:"x-duration",params:{},message:func6(data174, "positive"),schema:"positive",parentSchema:schema0.properties.discover.items.properties.defaults.properties.polling_interval,data:data174};
if(vErrors === null){
vErrors = [err321];
}
else {
vErrors.push(err321);
}
errors++;
}
}
if(typeof data174 === "string"){
if(func6(data174, "positive") !== undefined){
const err322 = {instancePath:instancePath+"/discover/" + i14+"/defaults/polling_interval",schemaPath:"#/properties/discover/items/properties/defaults/properties/polling_interval/x-duration",keyword:"x-duration",params:{},message:func6(data174, "positive"),schema:"positive",parentSchema:schema0.properties.discover.items.properties.defaults.properties.polling_interval,data:data174};
if(vErrors === null){
vErrors = [err322];
}
else {
vErrors.push(err322);
}
errors++;
}
}
}
let data175 = data171.enabled;
if(typeof data175 !== "boolean"){
const err323 = {instancePath:instancePath+"/discover/" + i14+"/defaults/enabled",schemaPath:"#/properties/discover/items/properties/defaults/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema0.properties.discover.items.properties.defaults.properties.enabled.type,parentSchema:schema0.properties.discover.items.properties.defaults.properties.enabled,data:data175};
if(vErrors === null){
vErrors = [err323];
}
else {
vErrors.push(err323);
}
errors++;
}
}
else {
const err324 = {instancePath:instancePath+"/discover/" + i14+"/defaults",schemaPath:"#/properties/discover/items/properties/defaults/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.discover.items.properties.defaults.type,parentSchema:schema0.properties.discover.items.properties.defaults,data:data171};
if(vErrors === null){
vErrors = [err324];
}
else {
vErrors.push(err324);
}
errors++;
}
}
else {
const err325 = {instancePath:instancePath+"/discover/" + i14,schemaPath:"#/properties/discover/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.properties.discover.items.type,parentSchema:schema0.properties.discover.items,data:data153};
if(vErrors === null){
vErrors = [err325];
}
else {
vErrors.push(err325);
}
errors++;
}
}
}
else {
const err326 = {instancePath:instancePath+"/discover",schemaPath:"#/properties/discover/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema0.properties.discover.type,parentSchema:schema0.properties.discover,data:data152};
if(vErrors === null){
vErrors = [err326];
}
else {
vErrors.push(err326);
}
errors++;
}
if(data.repositories_config !== undefined){
let data176 = data.repositories_config;
if(typeof data176 === "string"){
if(func1(data176) < 1){
const err327 = {instancePath:instancePath+"/repositories_config",schemaPath:"#/properties/repositories_config/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema0.properties.repositories_config,data:data176};
if(vErrors === null){
vErrors = [err327];
}
else {
vErrors.push(err327);
}
errors++;
}
}
else {
const err328 = {instancePath:instancePath+"/repositories_config",schemaPath:"#/properties/repositories_config/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema0.properties.repositories_config.type,parentSchema:schema0.properties.repositories_config,data:data176};
if(vErrors === null){
vErrors = [err328];
}
else {
vErrors.push(err328);
}
errors++;
}
}
}
else {
const err329 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema0.type,parentSchema:schema0,data};
if(vErrors === null){
vErrors = [err329];
}
else {
vErrors.push(err329);
}
errors++;
}
validate0.errors = vErrors;
return errors === 0;
}

export const repositoriesFile = validate1;
const schema1 = {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","description":"repositories_config file","additionalProperties":false,"properties":{"repositories":{"type":"array","description":"Watched repositories (same keys as repositories in the main file).","items":{"type":"object","description":"A watched repository.","additionalProperties":false,"required":["name","url"],"properties":{"name":{"type":"string","description":"Unique name; used in the API, events and logs.","minLength":1},"url":{"type":"string","description":"Clone/web URL: https://, http://, ssh://, git://, scp-like git@host:org/repo.git, or file:// with security.allow_file_urls. Credentials in it are used for the poll only.","minLength":1},"provider":{"type":"string","description":"One of github, gitlab, gitea, git. Inferred from the host when omitted (unknown hosts: git, with a warning).","enum":["github","gitlab","gitea","git"]},"token":{"type":"string","description":"Access token (use ${VAR}); sent to the provider API and to git through the environment, never logged. Wins over a matching `credentials:` entry."},"token_file":{"type":"string","description":"File holding token (instead of token; not both): read at start and on every reload, one trailing newline dropped. Relative to the config file; ${CREDENTIALS_DIRECTORY} (systemd LoadCredential=) may be used. A file readable by group or others gets a warning.","minLength":1},"branch_regex":{"type":"string","description":"Branches whose names match (JavaScript RegExp, unanchored) are watched. Default: all branches.","x-regex":true},"tag_regex":{"type":"string","description":"Tags whose names match are watched; tags are not watched when omitted.","x-regex":true},"enabled":{"type":"boolean","description":"Poll this repository. Default true (or global_settings.default_polling_enabled in a repositories_config file)."},"polling_interval":{"type":["string","number"],"description":"Poll interval for this repository. Default: polling.interval.","x-duration":"positive"},"api_base_url":{"type":"string","description":"API root. Default: https://api.github.com (github.com), https://HOST/api/v3 (other GitHub), https://HOST/api/v4 (GitLab), https://HOST/api/v1 (Gitea/Forgejo)."},"enrich":{"type":"boolean","description":"false: no commits, changed files or forced flag for this repository's events (no compare request, no git cache). Default: enrich.enabled."}}},"default":[]},"global_settings":{"type":"object","description":"Defaults for the repositories of this file.","properties":{"default_polling_enabled":{"type":"boolean","description":"Default of `enabled` for repositories in this file."},"default_webhook_enabled":{"type":"boolean","description":"Original RepoSentry setting.","x-not-yet-effective":"accepted for compatibility with the original RepoSentry; not yet effective"},"default_branch_protection":{"type":"boolean","description":"Original RepoSentry setting.","x-not-yet-effective":"accepted for compatibility with the original RepoSentry; not yet effective"}},"additionalProperties":false,"default":{}}}};

function validate1(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.repositories === undefined){
data.repositories = [];
}
if(data.global_settings === undefined){
data.global_settings = {};
}
for(const key0 in data){
if(!((key0 === "repositories") || (key0 === "global_settings"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema1,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.repositories;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.name === undefined){
const err1 = {instancePath:instancePath+"/repositories/" + i0,schemaPath:"#/properties/repositories/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema1.properties.repositories.items.required,parentSchema:schema1.properties.repositories.items,data:data1};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data1.url === undefined){
const err2 = {instancePath:instancePath+"/repositories/" + i0,schemaPath:"#/properties/repositories/items/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema1.properties.repositories.items.required,parentSchema:schema1.properties.repositories.items,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key1 in data1){
if(!(func0.call(schema1.properties.repositories.items.properties, key1))){
const err3 = {instancePath:instancePath+"/repositories/" + i0,schemaPath:"#/properties/repositories/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema1.properties.repositories.items,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data1.name !== undefined){
let data2 = data1.name;
if(typeof data2 === "string"){
if(func1(data2) < 1){
const err4 = {instancePath:instancePath+"/repositories/" + i0+"/name",schemaPath:"#/properties/repositories/items/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema1.properties.repositories.items.properties.name,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/repositories/" + i0+"/name",schemaPath:"#/properties/repositories/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema1.properties.repositories.items.properties.name.type,parentSchema:schema1.properties.repositories.items.properties.name,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data1.url !== undefined){
let data3 = data1.url;
if(typeof data3 === "string"){
if(func1(data3) < 1){
const err6 = {instancePath:instancePath+"/repositories/" + i0+"/url",schemaPath:"#/properties/repositories/items/properties/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema1.properties.repositories.items.properties.url,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/repositories/" + i0+"/url",schemaPath:"#/properties/repositories/items/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema1.properties.repositories.items.properties.url.type,parentSchema:schema1.properties.repositories.items.properties.url,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data1.provider !== undefined){
let data4 = data1.provider;
if(typeof data4 !== "string"){
const err8 = {instancePath:instancePath+"/repositories/" + i0+"/provider",schemaPath:"#/properties/repositories/items/properties/provider/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema1.properties.repositories.items.properties.provider.type,parentSchema:schema1.properties.repositories.items.properties.provider,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((((data4 === "github") || (data4 === "gitlab")) || (data4 === "gitea")) || (data4 === "git"))){
const err9 = {instancePath:instancePath+"/repositories/" + i0+"/provider",schemaPath:"#/properties/repositories/items/properties/provider/enum",keyword:"enum",params:{allowedValues: schema1.properties.repositories.items.properties.provider.enum},message:"must be equal to one of the allowed values",schema:schema1.properties.repositories.items.properties.provider.enum,parentSchema:schema1.properties.repositories.items.properties.provider,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data1.token !== undefined){
let data5 = data1.token;
if(typeof data5 !== "string"){
const err10 = {instancePath:instancePath+"/repositories/" + i0+"/token",schemaPath:"#/properties/repositories/items/properties/token/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema1.properties.repositories.items.properties.token.type,parentSchema:schema1.properties.repositories.items.properties.token,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data1.token_file !== undefined){
let data6 = data1.token_file;
if(typeof data6 === "string"){
if(func1(data6) < 1){
const err11 = {instancePath:instancePath+"/repositories/" + i0+"/token_file",schemaPath:"#/properties/repositories/items/properties/token_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema1.properties.repositories.items.properties.token_file,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/repositories/" + i0+"/token_file",schemaPath:"#/properties/repositories/items/properties/token_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema1.properties.repositories.items.properties.token_file.type,parentSchema:schema1.properties.repositories.items.properties.token_file,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data1.branch_regex !== undefined){
let data7 = data1.branch_regex;
if(typeof data7 === "string"){
if(func48(data7, true) !== undefined){
const err13 = {instancePath:instancePath+"/repositories/" + i0+"/branch_regex",schemaPath:"#/properties/repositories/items/properties/branch_regex/x-regex",keyword:"x-regex",params:{},message:func48(data7, true),schema:true,parentSchema:schema1.properties.repositories.items.properties.branch_regex,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/repositories/" + i0+"/branch_regex",schemaPath:"#/properties/repositories/items/properties/branch_regex/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema1.properties.repositories.items.properties.branch_regex.type,parentSchema:schema1.properties.repositories.items.properties.branch_regex,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data1.tag_regex !== undefined){
let data8 = data1.tag_regex;
if(typeof data8 === "string"){
if(func48(data8, true) !== undefined){
const err15 = {instancePath:instancePath+"/repositories/" + i0+"/tag_regex",schemaPath:"#/properties/repositories/items/properties/tag_regex/x-regex",keyword:"x-regex",params:{},message:func48(data8, true),schema:true,parentSchema:schema1.properties.repositories.items.properties.tag_regex,data:data8};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/repositories/" + i0+"/tag_regex",schemaPath:"#/properties/repositories/items/properties/tag_regex/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema1.properties.repositories.items.properties.tag_regex.type,parentSchema:schema1.properties.repositories.items.properties.tag_regex,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data1.enabled !== undefined){
let data9 = data1.enabled;
if(typeof data9 !== "boolean"){
const err17 = {instancePath:instancePath+"/repositories/" + i0+"/enabled",schemaPath:"#/properties/repositories/items/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema1.properties.repositories.items.properties.enabled.type,parentSchema:schema1.properties.repositories.items.properties.enabled,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data1.polling_interval !== undefined){
let data10 = data1.polling_interval;
if((typeof data10 !== "string") && (!((typeof data10 == "number") && (isFinite(data10))))){
const err18 = {instancePath:instancePath+"/repositories/" + i0+"/polling_interval",schemaPath:"#/properties/repositories/items/properties/polling_interval/type",keyword:"type",params:{type: schema1.properties.repositories.items.properties.polling_interval.type},message:"must be string,number",schema:schema1.properties.repositories.items.properties.polling_interval.type,parentSchema:schema1.properties.repositories.items.properties.polling_interval,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(func6(data10, "positive") !== undefined){
const err19 = {instancePath:instancePath+"/repositories/" + i0+"/polling_interval",schemaPath:"#/properties/repositories/items/properties/polling_interval/x-duration",keyword:"x-duration",params:{},message:func6(data10, "positive"),schema:"positive",parentSchema:schema1.properties.repositories.items.properties.polling_interval,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(typeof data10 === "string"){
if(func6(data10, "positive") !== undefined){
const err20 = {instancePath:instancePath+"/repositories/" + i0+"/polling_interval",schemaPath:"#/properties/repositories/items/properties/polling_interval/x-duration",keyword:"x-duration",params:{},message:func6(data10, "positive"),schema:"positive",parentSchema:schema1.properties.repositories.items.properties.polling_interval,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
if(data1.api_base_url !== undefined){
let data11 = data1.api_base_url;
if(typeof data11 !== "string"){
const err21 = {instancePath:instancePath+"/repositories/" + i0+"/api_base_url",schemaPath:"#/properties/repositories/items/properties/api_base_url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema1.properties.repositories.items.properties.api_base_url.type,parentSchema:schema1.properties.repositories.items.properties.api_base_url,data:data11};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data1.enrich !== undefined){
let data12 = data1.enrich;
if(typeof data12 !== "boolean"){
const err22 = {instancePath:instancePath+"/repositories/" + i0+"/enrich",schemaPath:"#/properties/repositories/items/properties/enrich/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema1.properties.repositories.items.properties.enrich.type,parentSchema:schema1.properties.repositories.items.properties.enrich,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/repositories/" + i0,schemaPath:"#/properties/repositories/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema1.properties.repositories.items.type,parentSchema:schema1.properties.repositories.items,data:data1};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/repositories",schemaPath:"#/properties/repositories/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema1.properties.repositories.type,parentSchema:schema1.properties.repositories,data:data0};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
let data13 = data.global_settings;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
for(const key2 in data13){
if(!(((key2 === "default_polling_enabled") || (key2 === "default_webhook_enabled")) || (key2 === "default_branch_protection"))){
const err25 = {instancePath:instancePath+"/global_settings",schemaPath:"#/properties/global_settings/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema1.properties.global_settings,data:data13};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data13.default_polling_enabled !== undefined){
let data14 = data13.default_polling_enabled;
if(typeof data14 !== "boolean"){
const err26 = {instancePath:instancePath+"/global_settings/default_polling_enabled",schemaPath:"#/properties/global_settings/properties/default_polling_enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema1.properties.global_settings.properties.default_polling_enabled.type,parentSchema:schema1.properties.global_settings.properties.default_polling_enabled,data:data14};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data13.default_webhook_enabled !== undefined){
let data15 = data13.default_webhook_enabled;
if(typeof data15 !== "boolean"){
const err27 = {instancePath:instancePath+"/global_settings/default_webhook_enabled",schemaPath:"#/properties/global_settings/properties/default_webhook_enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema1.properties.global_settings.properties.default_webhook_enabled.type,parentSchema:schema1.properties.global_settings.properties.default_webhook_enabled,data:data15};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data13.default_branch_protection !== undefined){
let data16 = data13.default_branch_protection;
if(typeof data16 !== "boolean"){
const err28 = {instancePath:instancePath+"/global_settings/default_branch_protection",schemaPath:"#/properties/global_settings/properties/default_branch_protection/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema1.properties.global_settings.properties.default_branch_protection.type,parentSchema:schema1.properties.global_settings.properties.default_branch_protection,data:data16};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/global_settings",schemaPath:"#/properties/global_settings/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema1.properties.global_settings.type,parentSchema:schema1.properties.global_settings,data:data13};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema1.type,parentSchema:schema1,data};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
validate1.errors = vErrors;
return errors === 0;
}

