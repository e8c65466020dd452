/**
 * Checks each credential against its provider without polling anything:
 * - GitHub token: GET /user (X-OAuth-Scopes, GitHub-Authentication-Token-Expiration)
 *   https://docs.github.com/en/rest/users/users#get-the-authenticated-user
 * - GitHub App: GET /app with the JWT, then the installation (and a token) for each matched owner
 * - GitLab token: GET /personal_access_tokens/self (scopes, expires_at)
 *   https://docs.gitlab.com/api/personal_access_tokens/#get-single-personal-access-token
 * - Gitea/Forgejo token: GET /user
 * Plain git credentials have no API to ask; they are reported as not checked.
 */
import type { Config, CredentialConfig, RepositoryConfig } from '../config/types.js';
import { defaultApiBaseUrl, inferProvider } from '../config/provider.js';
import { UpstreamError, errorMessage } from '../errors.js';
import type { HttpClient } from '../http/types.js';
import type { ProviderId } from '../types.js';
import { parseRepoUrl } from '../config/repo-url.js';
import type { GithubAppSource } from './github-app.js';
import { credentialOf } from './manager.js';
import type { CredentialCheck } from './types.js';

export interface CheckTarget {
  name: string;
  kind: CredentialConfig['kind'] | 'repository-token';
  provider: ProviderId;
  apiBaseUrl: string;
  token?: string;
  repositories: RepositoryConfig[];
}

export interface CheckDeps {
  http: HttpClient;
  app(name: string): GithubAppSource | undefined;
  now(): number;
  signal?: AbortSignal;
}

/** Every credential of a config: the named ones (in file order), then each distinct repository token. */
export function checkTargets(config: Config): CheckTarget[] {
  const byId = new Map<string, RepositoryConfig[]>();
  for (const r of config.repositories) {
    const id = credentialOf(r);
    if (id === undefined) continue;
    const list = byId.get(id) ?? [];
    list.push(r);
    byId.set(id, list);
  }
  const targets: CheckTarget[] = [];
  for (const c of config.credentials ?? []) {
    const repos = byId.get(c.name) ?? [];
    byId.delete(c.name);
    const hostUrl = parseRepoUrl(`https://${c.match.host}/o/r`);
    const guess = c.kind === 'github-app' ? 'github' : c.kind === 'basic' ? 'git' : inferProvider(hostUrl).provider;
    const provider = repos[0]?.provider ?? guess;
    const api = c.githubApp?.apiBaseUrl ?? repos[0]?.location.apiBaseUrl ?? defaultApiBaseUrl(provider, hostUrl);
    targets.push({ name: c.name, kind: c.kind, provider, apiBaseUrl: api, token: c.kind === 'basic' ? c.password : c.token, repositories: repos });
  }
  for (const [id, repos] of byId) {
    targets.push({ name: id, kind: 'repository-token', provider: repos[0].provider, apiBaseUrl: repos[0].location.apiBaseUrl, token: repos[0].token, repositories: repos });
  }
  return targets;
}

/** "2026-12-07 10:00:00 UTC" (GitHub's header) → epoch ms */
function parseGithubExpiry(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const iso = value.trim().replace(' ', 'T').replace(/ UTC$/, 'Z').replace(/ ([+-]\d{2})(\d{2})$/, '$1:$2');
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
}

function refused(err: unknown): string {
  if (err instanceof UpstreamError && err.status === 401) return `refused (401): ${errorMessage(err).replace(/^.*?: /, '')}`;
  return errorMessage(err);
}

async function checkGithubToken(t: CheckTarget, deps: CheckDeps): Promise<CredentialCheck> {
  const res = await deps.http.request({ url: `${t.apiBaseUrl}/user`, token: t.token, authScheme: 'bearer', provider: 'github', signal: deps.signal });
  const scopesHeader = res.headers['x-oauth-scopes'];
  const scopes = scopesHeader === undefined ? undefined : scopesHeader.split(',').map((s) => s.trim()).filter(Boolean);
  // classic tokens list their scopes; private repositories need `repo` (fine-grained tokens send no header)
  const missingScopes = scopes && !scopes.includes('repo') ? ['repo'] : undefined;
  let login = '';
  try {
    const body = JSON.parse(res.body) as { login?: unknown };
    if (typeof body.login === 'string') login = ` as ${body.login}`;
  } catch {
    // the answer was 2xx; who it is is a nicety
  }
  return { at: deps.now(), ok: true, message: `GitHub accepted the token${login}`, expiresAt: parseGithubExpiry(res.headers['github-authentication-token-expiration']), scopes, missingScopes };
}

async function checkGithubApp(t: CheckTarget, deps: CheckDeps): Promise<CredentialCheck> {
  const app = deps.app(t.name);
  if (!app) throw new Error(`no GitHub App source for ${t.name}`);
  await deps.http.request({ url: `${t.apiBaseUrl}/app`, token: await app.jwt(), budgetId: `app-${t.name}`, authScheme: 'bearer', provider: 'github', signal: deps.signal });
  const owners = new Map<string, RepositoryConfig>();
  for (const r of t.repositories) {
    const owner = r.location.namespace.split('/')[0];
    if (!owners.has(owner.toLowerCase())) owners.set(owner.toLowerCase(), r);
  }
  const found: string[] = [];
  const problems: string[] = [];
  for (const r of owners.values()) {
    const loc = r.location;
    const owner = loc.namespace.split('/')[0];
    try {
      const { installationId } = await app.token(t.apiBaseUrl, owner, loc.name, deps.signal);
      found.push(`${owner} (installation ${installationId})`);
    } catch (err) {
      problems.push(errorMessage(err).replace(/^credential [^:]+: /, ''));
    }
  }
  const ok = problems.length === 0;
  const message = ok
    ? `JWT accepted; installed for ${found.length > 0 ? found.join(', ') : 'no matched owner yet'}`
    : `JWT accepted; ${problems.join('; ')}`;
  // an installation token always expires within the hour and is renewed: not an expiry to warn about
  return { at: deps.now(), ok, message };
}

async function checkGitlabToken(t: CheckTarget, deps: CheckDeps): Promise<CredentialCheck> {
  const res = await deps.http.request({ url: `${t.apiBaseUrl}/personal_access_tokens/self`, token: t.token, authScheme: 'private-token', provider: 'gitlab', signal: deps.signal });
  const body = JSON.parse(res.body) as { scopes?: unknown; expires_at?: unknown; active?: unknown; revoked?: unknown; name?: unknown };
  const scopes = Array.isArray(body.scopes) ? body.scopes.filter((s): s is string => typeof s === 'string') : [];
  const missingScopes = scopes.includes('api') || scopes.includes('read_api') ? undefined : ['read_api'];
  // expires_at is a date ("2026-12-07"): the token stops working at the start of that day (UTC)
  const expiresAt = typeof body.expires_at === 'string' ? Date.parse(`${body.expires_at.slice(0, 10)}T00:00:00Z`) : undefined;
  if (body.active === false || body.revoked === true) {
    return { at: deps.now(), ok: false, message: `GitLab says the token is ${body.revoked === true ? 'revoked' : 'not active'}`, scopes, expiresAt };
  }
  return { at: deps.now(), ok: missingScopes === undefined, message: missingScopes ? 'GitLab accepted the token, but it cannot read the API (needs read_api or api)' : 'GitLab accepted the token', scopes, missingScopes, expiresAt: Number.isFinite(expiresAt) ? expiresAt : undefined };
}

async function checkGiteaToken(t: CheckTarget, deps: CheckDeps): Promise<CredentialCheck> {
  const res = await deps.http.request({ url: `${t.apiBaseUrl}/user`, token: t.token, authScheme: 'token', provider: 'gitea', signal: deps.signal });
  let login = '';
  try {
    const body = JSON.parse(res.body) as { login?: unknown };
    if (typeof body.login === 'string') login = ` as ${body.login}`;
  } catch {
    // as above
  }
  return { at: deps.now(), ok: true, message: `Gitea accepted the token${login}` };
}

export async function checkCredential(t: CheckTarget, deps: CheckDeps): Promise<CredentialCheck> {
  try {
    if (t.kind === 'github-app') return await checkGithubApp(t, deps);
    if (t.provider === 'git' || !t.apiBaseUrl) return { at: deps.now(), ok: true, message: 'not checked: plain git has no API to ask (polls will tell)' };
    if (t.provider === 'github') return await checkGithubToken(t, deps);
    if (t.provider === 'gitlab') return await checkGitlabToken(t, deps);
    return await checkGiteaToken(t, deps);
  } catch (err) {
    return { at: deps.now(), ok: false, message: refused(err) };
  }
}
