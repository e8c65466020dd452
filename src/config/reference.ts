/**
 * Renders docs/configuration.md from the schema, so the reference cannot drift from
 * what `validate` accepts. `npm run docs:config` rewrites the file; a test compares it.
 */
import { configSchema, repositoriesFileSchema, type JsonSchema } from './schema.js';

interface Row {
  key: string;
  type: string;
  dflt: string;
  description: string;
  notYet?: string;
}

function typeOf(s: JsonSchema): string {
  if (s['x-duration']) return 'duration';
  if (s['x-regex']) return 'regex';
  if (s['x-glob']) return 'glob';
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map(String).join(' \\| ');
  const t = s.type;
  if (t === 'array') return `list of ${typeOf((s.items as JsonSchema) ?? {})}`;
  if (t === 'object') return s.properties ? 'mapping' : 'map';
  return String(t ?? 'any');
}

function defaultOf(s: JsonSchema): string {
  if (!('default' in s)) return '';
  const d = s.default;
  if (d && typeof d === 'object' && Object.keys(d).length === 0) return '';
  return '`' + JSON.stringify(d) + '`';
}

function collect(schema: JsonSchema, prefix: string, rows: Row[]): void {
  const props = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
  const required = new Set((schema.required as string[] | undefined) ?? []);
  for (const [name, s] of Object.entries(props)) {
    const key = prefix ? `${prefix}.${name}` : name;
    rows.push({
      key,
      type: typeOf(s),
      dflt: required.has(name) ? '**required**' : defaultOf(s),
      description: String(s.description ?? ''),
      notYet: s['x-not-yet-effective'] as string | undefined,
    });
    if (s.type === 'object' && s.properties) collect(s, key, rows);
    if (s.type === 'array' && (s.items as JsonSchema | undefined)?.properties) collect(s.items as JsonSchema, `${key}[]`, rows);
    if (s.type === 'object' && !s.properties && s.additionalProperties && typeof s.additionalProperties === 'object' && (s.additionalProperties as JsonSchema).properties) {
      collect(s.additionalProperties as JsonSchema, `${key}.<name>`, rows);
    }
  }
}

function table(rows: Row[]): string {
  const esc = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = ['| key | type | default | description |', '|---|---|---|---|'];
  for (const r of rows) {
    const note = r.notYet ? ' *(accepted, not yet effective)*' : '';
    lines.push(`| \`${r.key}\` | ${r.type} | ${r.dflt} | ${esc(r.description)}${note} |`);
  }
  return lines.join('\n');
}

export function renderConfigReference(): string {
  const main: Row[] = [];
  collect(configSchema, '', main);
  const repos: Row[] = [];
  collect(repositoriesFileSchema, '', repos);
  const notYet = [...main, ...repos].filter((r) => r.notYet);
  return `<!-- Generated from src/config/schema.ts by renderConfigReference(); run \`npm run docs:config\` after changing the schema. -->
# Configuration reference

reposentry reads one YAML file: \`-c/--config FILE\`, else \`$REPOSENTRY_CONFIG\`, else \`./config.yaml\`.
Check it with \`reposentry validate\`; every problem is printed as \`FILE:LINE:COL  key.path  message\`.
A commented example with every key is [config.example.yaml](../config.example.yaml); \`reposentry init\` writes it.

- **Durations**: Go-style strings (\`500ms\`, \`30s\`, \`5m\`, \`1h30m\`) or plain numbers of seconds; \`d\` (days, e.g. \`30d\`) is accepted as well.
- **Environment**: every string may use \`\${VAR}\` and \`\${VAR:-default}\`; \`$$\` is a literal \`$\`. An unset variable
  without default, or one not matched by \`security.allowed_env_vars\` (exact names, \`PREFIX*\`, \`*SUFFIX\`), is an error.
  An unquoted value that expands to a number or boolean takes that type (\`health_check_port: \${PORT}\`).
- **Paths** (\`app.data_dir\`, \`app.log_file\`, \`storage.sqlite.path\`, \`repositories_config\`) are relative to the config file's folder.
- **Unknown keys** are warnings with a "did you mean" hint; errors with \`validate --strict\`.
- **Regexes** are JavaScript RegExp, tested unanchored (write \`^main$\` for an exact name).
- **Provider inference** (when \`provider\` is omitted): github.com and hosts containing "github" → github; gitlab.com and
  hosts containing "gitlab" → gitlab; hosts containing "gitea"/"forgejo" and codeberg.org → gitea; \`file://\` → git;
  any other host → git (git ls-remote), with a warning.
- **Repository URLs**: \`https://\`, \`http://\` (unless \`require_https\`), \`ssh://\`, scp-style \`git@host:org/repo.git\`,
  \`git://\`, and \`file://\` only with \`security.allow_file_urls: true\`. Any such URL polls with \`provider: git\`,
  including a single path segment (\`git://host:9418/app.git\`); its payloads then name the host as owner
  (\`full_name: host/app\`), since consumers split \`full_name\` at \`/\`. The API providers need \`owner/name\`
  (GitLab: \`group/sub/name\`). Refused, with the line: \`<transport>::\` remote helpers (\`ext::\`, \`fd::\`), a user,
  host or path segment starting with \`-\` (git would read it as an option), control characters (newlines, tabs).
- **Credentials in a URL** (\`https://user:token@host/org/repo.git\`) are used for the poll only: git gets them as an
  \`Authorization\` header through its environment (never argv), an API provider uses the password (or a lone user
  name) as its token when \`token\` is not set. They are removed from the URL everywhere else: API answers, events,
  payloads, logs, metrics and error messages. \`validate\` warns: \`token: \${VAR}\` is the better place.
- **Size**: a config file (or \`repositories_config\` file) larger than 16 MiB is refused.
- **require_https** refuses \`http://\` repository, \`api_base_url\` and target URLs, except loopback hosts
  (localhost, 127.0.0.0/8, ::1), whose traffic never leaves the machine.
- **Targets**: the \`tekton:\` block is the target named \`tekton\` (only when \`event_listener_url\` is set); each
  \`triggers:\` entry is another. \`url: "log:"\` or \`format: log\` is the log target (one JSON line per event on stdout).

## Main file

${table(main)}

## repositories_config file

The file named by \`repositories_config\` (the original RepoSentry's repositories file). Its repositories are added to
those of the main file (names must be unique across both); \`global_settings.default_polling_enabled\` is the default
of \`enabled\` for its entries. Environment expansion uses the main file's \`security.allowed_env_vars\`.

${table(repos)}

## Accepted, not yet effective

These keys come from the original RepoSentry. They are accepted so its files load unchanged, but nothing uses them yet:

${notYet.map((r) => `- \`${r.key}\``).join('\n')}

## Differences from the original RepoSentry

- \`enabled: false\` is honoured (the original enabled every named repository).
- \`require_https: true\` is enforced (the original only parsed it).
- Repositories in both the main file and \`repositories_config\` are all watched, with a warning (the original used only the file's).
- \`polling_interval\` below one minute is allowed; \`token\` and \`branch_regex\` are optional (default: all branches).
- A tekton block without \`event_listener_url\` is a warning, not an error: events can go to \`triggers\` instead.
`;
}
