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

const NETWORK_PROTOCOLS = 'https:http:ssh:git';

/** A local path or file:// URL: git's `file` transport, allowed only where the config allowed it. */
export function isLocalGitUrl(url: string): boolean {
  return /^(file:|\/)/i.test(url);
}

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
 * @param allowFile let git use the file transport (file:// URLs and local paths)
 * @param config configuration entries given through the environment (command-line scope), e.g.
 *   `['http.extraHeader', 'Authorization: Basic …']`
 */
export function isolatedGitEnv(home: string, config: Array<[string, string]> = [], allowFile = false): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    // The transports git may use, whatever URL reaches it: ext:: and fd:: run commands or read
    // descriptors. Set in the environment so that every git process (ls-remote, the cache's fetch,
    // the mirror's push) has it; it overrides any protocol.* setting.
    GIT_ALLOW_PROTOCOL: allowFile ? `${NETWORK_PROTOCOLS}:file` : NETWORK_PROTOCOLS,
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
