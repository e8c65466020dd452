/**
 * The embedded config behind `reposentry run --demo`: no network, no account.
 * It watches a local Git repository through the `git` provider (git ls-remote on a
 * file:// URL) and prints every event as a JSON line through the `log` target.
 *
 * The daemon wires it: `run --demo [--demo-repo DIR]` uses <data_dir>/demo-repo
 * (created with one commit when missing) unless a repository is given, writes
 * nothing outside the data dir, and loads this text with loadConfigText().
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface DemoConfigOptions {
  /** absolute path of the local git repository to watch */
  repoDir: string;
  /** absolute path of the data directory (SQLite lives here) */
  dataDir: string;
  /** API port (default 8080; 0 picks a free one) */
  port?: number;
}

/** Where the demo keeps its repository when none is given. */
export function defaultDemoRepoDir(dataDir: string): string {
  return path.join(dataDir, 'demo-repo');
}

function yamlString(s: string): string {
  // JSON strings are valid YAML double-quoted scalars; "$" is doubled so env expansion leaves it alone.
  return JSON.stringify(s).replace(/\$/g, '$$$$');
}

export function defaultConfigText(opts: DemoConfigOptions): string {
  const repoUrl = pathToFileURL(path.resolve(opts.repoDir)).href;
  return `# reposentry demo: watches a local repository, prints events on stdout.
app:
  name: reposentry-demo
  log_level: info
  log_format: text
  data_dir: ${yamlString(path.resolve(opts.dataDir))}
  health_check_port: ${opts.port ?? 8080}
api:
  listen: 127.0.0.1
security:
  # the demo watches a local repository; other configs refuse file:// URLs unless they say so
  allow_file_urls: true
polling:
  interval: 5s
  timeout: 10s
  jitter: 0
  emit_on_first_poll: true
  enable_api_fallback: false
triggers:
  - name: stdout
    url: "log:"
    format: log
repositories:
  - name: demo
    url: ${yamlString(repoUrl)}
    provider: git
    branch_regex: ".*"
    tag_regex: ".*"
    polling_interval: 5s
`;
}
