/**
 * Every invalid fixture through the built CLI: exit code 2, the key path and the line
 * of the first error. The table is the contract: a fixture without a row fails.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, runCli } from './run-cli.js';

const DIR = 'test/fixtures/config/invalid';

// fixture → [key path, line, a fragment of the message]
const CASES: Record<string, [string, number, string]> = {
  'yaml-syntax.yaml': ['(root)', 4, 'YAML syntax error'],
  // one error each, at the line that is wrong (not a cascade at the lines before or after it)
  'yaml-indent-deeper.yaml': ['(root)', 3, 'indented deeper than the key on line 2'],
  'yaml-indent-misaligned.yaml': ['(root)', 4, 'does not line up with the other keys'],
  'unknown-key-default.yaml': ['repositories[0].brnach_regex', 4, 'did you mean "branch_regex"?'],
  'duplicate-key.yaml': ['app.name', 3, 'duplicate key (first set on line 2)'],
  'empty.yaml': ['(root)', 1, 'the file is empty'],
  'root-is-list.yaml': ['(root)', 1, 'expected a mapping, got a list'],
  'log-level-enum.yaml': ['app.log_level', 2, 'must be one of trace, debug, info, warn, error'],
  'log-format-enum.yaml': ['app.log_format', 2, 'must be one of json, text'],
  'port-type.yaml': ['app.health_check_port', 3, 'expected an integer'],
  'port-range.yaml': ['app.health_check_port', 2, 'must be <= 65535'],
  'interval-bad-duration.yaml': ['polling.interval', 2, 'invalid duration "5 minutes"'],
  'interval-zero.yaml': ['polling.interval', 2, 'must be a positive duration'],
  'interval-negative.yaml': ['polling.interval', 3, 'must not be negative'],
  'timeout-bad-unit.yaml': ['polling.timeout', 2, 'invalid duration "30y"'],
  'jitter-range.yaml': ['polling.jitter', 2, 'must be < 1'],
  'max-workers-zero.yaml': ['polling.max_workers', 2, 'must be >= 1'],
  'repo-missing-name.yaml': ['repositories[0].name', 2, 'missing required key "name"'],
  'repo-missing-url.yaml': ['repositories[0].url', 2, 'missing required key "url"'],
  'repo-duplicate-name.yaml': ['repositories[1].name', 4, 'duplicate repository name "svc" (first defined at line 2)'],
  'repo-bad-branch-regex.yaml': ['repositories[0].branch_regex', 4, 'invalid regular expression'],
  'repo-bad-tag-regex.yaml': ['repositories[0].tag_regex', 4, 'invalid regular expression'],
  'repo-bad-url.yaml': ['repositories[0].url', 3, 'not a valid repository URL'],
  'repo-unsupported-scheme.yaml': ['repositories[0].url', 3, 'unsupported URL scheme "ftp:"'],
  'repo-ext-transport.yaml': ['repositories[0].url', 3, '"ext::" remote helper is refused'],
  'repo-fd-transport.yaml': ['repositories[0].url', 3, '"fd::" remote helper is refused'],
  'repo-dash-user.yaml': ['repositories[0].url', 3, 'starts with "-", which git would read as an option'],
  // a damaged App key passed validate and failed every token mint with an OpenSSL code
  'credentials-app-bad-key.yaml': ['credentials[0].github_app.private_key', 6, 'the PEM private key cannot be read'],
  'repo-dash-host.yaml': ['repositories[0].url', 3, 'the host in "git@-oProxyCommand:a/b" starts with "-"'],
  // git strips the brackets of an scp-style host and refuses "-oProxyCommand=x" at run time: validate must too
  'repo-dash-bracket-host.yaml': ['repositories[0].url', 3, 'the host in "git@[-oProxyCommand=x]:a/b" starts with "-"'],
  'repo-dash-ssh-host.yaml': ['repositories[0].url', 3, 'starts with "-"'],
  'repo-dash-path.yaml': ['repositories[0].url', 3, 'the path segment "-svc"'],
  'repo-url-newline.yaml': ['repositories[0].url', 3, 'control character'],
  'repo-file-not-allowed.yaml': ['repositories[0].url', 3, 'security.allow_file_urls'],
  'repo-single-segment-github.yaml': ['repositories[0].url', 3, 'provider github needs an owner/name path'],
  'repo-provider-enum.yaml': ['repositories[0].provider', 4, 'did you mean "github"?'],
  'repo-enabled-type.yaml': ['repositories[0].enabled', 4, 'expected a boolean'],
  'repo-polling-interval-bad.yaml': ['repositories[0].polling_interval', 4, 'invalid duration'],
  'repos-not-a-list.yaml': ['repositories', 2, 'expected a list, got a mapping'],
  'require-https-repo.yaml': ['repositories[0].url', 5, 'security.require_https'],
  'require-https-tekton.yaml': ['tekton.event_listener_url', 4, 'security.require_https'],
  'require-https-api-base-url.yaml': ['repositories[0].api_base_url', 6, 'security.require_https'],
  'env-unset.yaml': ['repositories[0].token', 4, 'REPOSENTRY_TEST_UNSET_TOKEN is not set'],
  'env-not-allowed.yaml': ['repositories[0].token', 6, 'DEPLOY_KEY is not allowed by security.allowed_env_vars'],
  'env-malformed-name.yaml': ['repositories[0].token', 4, 'invalid environment variable reference'],
  'env-unterminated.yaml': ['repositories[0].token', 4, 'unterminated'],
  'tekton-url-invalid.yaml': ['tekton.event_listener_url', 2, 'not a valid URL'],
  'tekton-url-scheme.yaml': ['tekton.event_listener_url', 2, 'must be an http:// or https:// URL'],
  'tekton-retry-negative.yaml': ['tekton.retry_attempts', 3, 'must be >= 0'],
  'tekton-headers-type.yaml': ['tekton.headers.X-Team', 4, 'expected a string'],
  'trigger-missing-name.yaml': ['triggers[0].name', 2, 'missing required key "name"'],
  'trigger-missing-url.yaml': ['triggers[0].url', 2, 'missing required key "url"'],
  'trigger-name-tekton.yaml': ['triggers[0].name', 2, 'reserved'],
  'trigger-duplicate-name.yaml': ['triggers[1].name', 4, 'duplicate trigger name "audit"'],
  'trigger-format-enum.yaml': ['triggers[0].format', 4, 'did you mean "cloudevents"?'],
  'trigger-filter-event-enum.yaml': ['triggers[0].filter.events[1]', 5, 'must be one of branch_created'],
  'trigger-filter-bad-regex.yaml': ['triggers[0].filter.repositories[0]', 5, 'invalid regular expression'],
  'trigger-log-url-format.yaml': ['triggers[0].format', 4, 'its format must be log'],
  'repositories-config-missing.yaml': ['repositories_config', 1, 'repositories file not found'],
  'repositories-config-bad-entry.yaml': ['repositories[1].branch_regex', 9, 'invalid regular expression'],
  'rate-limit-type.yaml': ['rate_limit.github.requests_per_hour', 3, 'expected a number'],
  'storage-type-enum.yaml': ['storage.type', 2, 'must be one of sqlite'],
  'unknown-key-strict.yaml': ['app.nmae', 2, 'unknown key "nmae" (did you mean "name"?)'],
};

const STRICT = new Set(['unknown-key-strict.yaml']);
const fixtures = readdirSync(path.join(ROOT, DIR)).filter((f) => f.endsWith('.yaml') && !f.endsWith('.repos.yaml'));

beforeAll(assertBuilt);

describe('invalid config fixtures', () => {
  it('has at least 35 fixtures, each with a row in the table', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(35);
    expect(fixtures.filter((f) => !(f in CASES))).toEqual([]);
  });

  it.each(Object.entries(CASES))('%s → exit 2 at %j', async (name, [keyPath, line, fragment]) => {
    const args = ['validate', '-c', `${DIR}/${name}`, '--json', ...(STRICT.has(name) ? ['--strict'] : [])];
    const r = await runCli(args, { env: { GITHUB_TOKEN: 'test-token' } });
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { valid: boolean; errors: { path: string; line: number; col: number; message: string }[] };
    expect(out.valid).toBe(false);
    expect(out.errors[0]).toMatchObject({ path: keyPath, line, message: expect.stringContaining(fragment) });
    expect(out.errors[0].col).toBeGreaterThan(0);
    if (name.startsWith('yaml-')) expect(out.errors).toHaveLength(1);
  });
});
