/**
 * The `credentials:` section: named credentials with match rules (host, optional owner/group prefix),
 * checked here and matched to repositories once, when the config is normalized.
 */
import { createPrivateKey } from 'node:crypto';
import type { ProviderId } from '../types.js';
import { httpUrlProblem } from './checks.js';
import type { FileReport } from './problems.js';
import type { CredentialConfig, RepoLocation } from './types.js';

type Raw = Record<string, unknown>;

function optString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Checks what the schema cannot: one kind per entry, unique names, a usable host and API root. */
export function checkCredentials(report: FileReport, data: Raw, requireHttps: boolean): void {
  const list = (data.credentials as Raw[] | undefined) ?? [];
  const names = new Map<string, number>();
  list.forEach((c, i) => {
    const seg = ['credentials', i];
    const name = c.name;
    if (typeof name === 'string' && !report.hasErrorAt([...seg, 'name'])) {
      if (names.has(name)) report.error([...seg, 'name'], `duplicate credential name "${name}" (first used by credentials[${names.get(name)}])`);
      else names.set(name, i);
    }
    const kinds = [
      optString(c.token) !== undefined || c.token_file !== undefined ? 'token' : undefined,
      c.github_app !== undefined ? 'github_app' : undefined,
      c.username !== undefined ? 'username' : undefined,
    ].filter((k) => k !== undefined);
    const host = (c.match as Raw | undefined)?.host;
    if (typeof host === 'string' && /[/\s]|:\/\//.test(host)) {
      report.error([...seg, 'match', 'host'], `match.host is a host name (and optional :port), not a URL: "${host}"`);
    }
    if (report.hasErrorAt(seg)) return;
    if (kinds.length === 0) {
      report.error(seg, 'a credential needs one of token (or token_file), github_app, or username with password_file', { locateAt: [...seg, 'name'] });
    } else if (kinds.length > 1) {
      report.error(seg, `a credential is one kind only; this one sets ${kinds.join(' and ')}: split it into two entries`, { locateAt: [...seg, 'name'] });
    }
    if (c.username !== undefined && optString(c.password) === undefined) {
      report.error([...seg, 'username'], 'username needs password_file (or password)', { at: 'key' });
    }
    if (c.username === undefined && (c.password !== undefined || c.password_file !== undefined)) {
      report.error([...seg, c.password_file !== undefined ? 'password_file' : 'password'], 'password without username: add username', { at: 'key' });
    }
    const app = c.github_app as Raw | undefined;
    if (app && !report.hasErrorAt([...seg, 'github_app'])) {
      if (optString(app.private_key) === undefined) {
        report.error([...seg, 'github_app'], 'github_app needs private_key_file (or private_key): the App\'s PEM private key', { at: 'key' });
      } else if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(app.private_key as string)) {
        report.error([...seg, 'github_app', app.private_key_file !== undefined ? 'private_key_file' : 'private_key'], 'not a PEM private key (expected "-----BEGIN RSA PRIVATE KEY-----" or "-----BEGIN PRIVATE KEY-----")');
      } else {
        // a damaged key otherwise passes validate and fails every token mint with an OpenSSL code
        const problem = rsaKeyProblem(app.private_key as string);
        if (problem) report.error([...seg, 'github_app', app.private_key_file !== undefined ? 'private_key_file' : 'private_key'], problem);
      }
      const api = optString(app.api_base_url);
      if (api) {
        const problem = httpUrlProblem(api.trim(), requireHttps);
        if (problem) report.error([...seg, 'github_app', 'api_base_url'], problem);
      }
    }
  });
}

export function toCredential(c: Raw): CredentialConfig {
  const match = c.match as Raw;
  const app = c.github_app as Raw | undefined;
  const owner = optString(match.owner);
  const common = {
    name: c.name as string,
    match: { host: (match.host as string).toLowerCase(), owner: owner?.replace(/^\/+|\/+$/g, '').toLowerCase() },
  };
  if (app) {
    const api = optString(app.api_base_url);
    return {
      ...common,
      kind: 'github-app',
      githubApp: {
        appId: app.app_id as number | string,
        privateKey: app.private_key as string,
        installationId: app.installation_id as number | undefined,
        apiBaseUrl: api ? api.trim().replace(/\/+$/, '') : undefined,
      },
    };
  }
  if (c.username !== undefined) return { ...common, kind: 'basic', username: c.username as string, password: c.password as string };
  return { ...common, kind: 'token', token: c.token as string };
}

/** Host, host:port and owner/group path (lower case) of a located repository, as credentials match them. */
function urlParts(loc: RepoLocation): { host: string; hostPort: string; namespace?: string } {
  const segments = loc.path.split('/');
  return {
    host: loc.host,
    hostPort: loc.origin.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').toLowerCase(),
    namespace: segments.length >= 2 ? segments.slice(0, -1).join('/').toLowerCase() : undefined,
  };
}

/** Whether `owner` ("acme", "group/sub") is `namespace` or a parent group of it. */
function ownerMatches(owner: string, namespace: string | undefined): boolean {
  if (namespace === undefined) return false;
  return namespace === owner || namespace.startsWith(`${owner}/`);
}

/**
 * The credential serving a repository without a token of its own: the most specific match (an
 * owner beats none, a longer owner beats a shorter), the first entry on a tie. A GitHub App only
 * serves GitHub repositories (and plain git on a GitHub host); user name and password only plain git.
 */
export function matchCredential(credentials: readonly CredentialConfig[], loc: RepoLocation, provider: ProviderId): CredentialConfig | undefined {
  if (credentials.length === 0) return undefined;
  const parts = urlParts(loc);
  let best: CredentialConfig | undefined;
  let bestScore = -1;
  for (const c of credentials) {
    if (c.match.host !== parts.host && c.match.host !== parts.hostPort) continue;
    if (c.match.owner !== undefined && !ownerMatches(c.match.owner, parts.namespace)) continue;
    if (c.kind === 'github-app' && provider !== 'github' && provider !== 'git') continue;
    if (c.kind === 'basic' && provider !== 'git') continue;
    const score = c.match.owner === undefined ? 0 : 1 + c.match.owner.length;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** One installation, one rate limit: the installation id when configured, else the owner (one installation each). */
export function appBudgetId(c: CredentialConfig, loc: RepoLocation): string {
  const id = c.githubApp?.installationId;
  return id !== undefined ? `app-${c.name}-${id}` : `app-${c.name}-${urlParts(loc).namespace ?? ''}`;
}

/** A credential that serves no configured repository is most likely a typo in match. */
export function warnUnusedCredentials(report: FileReport, data: Raw, repos: ReadonlyArray<{ location?: RepoLocation; provider: ProviderId; hasToken: boolean }>): void {
  // discovered repositories are not known before the daemon asks; a credential may be for them
  if (Array.isArray(data.discover) && data.discover.length > 0) return;
  const list = (data.credentials as Raw[] | undefined) ?? [];
  if (list.length === 0 || report.errors.length > 0) return;
  const creds = list.map(toCredential);
  const used = new Set<string>();
  for (const r of repos) {
    if (r.hasToken || !r.location) continue;
    const c = matchCredential(creds, r.location, r.provider);
    if (c) used.add(c.name);
  }
  creds.forEach((c, i) => {
    if (!used.has(c.name)) report.warn(['credentials', i, 'match'], `credential "${c.name}" serves no repository (each repository with a token of its own uses that instead)`, { at: 'key' });
  });
}

/** Why a PEM cannot sign the App's JWT (RS256), or undefined when it can. Never repeats the key. */
function rsaKeyProblem(pem: string): string | undefined {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') return `the private key is ${key.asymmetricKeyType ?? 'not RSA'}; a GitHub App key is RSA (download a new one from the App's settings)`;
    return undefined;
  } catch {
    return "the PEM private key cannot be read (damaged, truncated or encrypted); download a new one from the App's settings";
  }
}
