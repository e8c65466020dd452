/**
 * The environment every git process of reposentry runs in: no system or global configuration, an
 * empty HOME, no terminal prompt, no credential helper, no askpass. Secrets (the Authorization
 * header, a URL that may carry userinfo) travel as GIT_CONFIG_COUNT entries, never in argv.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Environment variables passed through to git (proxies and CA bundles), nothing else. */
const PASS_THROUGH = ['PATH', 'http_proxy', 'https_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'GIT_SSL_CAINFO', 'GIT_SSL_CAPATH'];

let sharedHome: string | undefined;

/** An empty directory used as HOME, created once per process and removed on exit. */
export function emptyGitHome(): string {
  if (sharedHome === undefined) {
    const created = mkdtempSync(join(tmpdir(), 'reposentry-git-home-'));
    sharedHome = created;
    process.once('exit', () => rmSync(created, { recursive: true, force: true }));
  }
  return sharedHome;
}

/**
 * @param home empty directory used as HOME and XDG_CONFIG_HOME
 * @param config configuration entries given through the environment (command-line scope), e.g.
 *   `['http.extraHeader', 'Authorization: Basic …']`
 */
export function isolatedGitEnv(home: string, config: Array<[string, string]> = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    XDG_CONFIG_HOME: home,
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
  };
  for (const name of PASS_THROUGH) if (process.env[name] !== undefined) env[name] = process.env[name];
  if (config.length > 0) {
    env.GIT_CONFIG_COUNT = String(config.length);
    config.forEach(([key, value], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
  }
  return env;
}
