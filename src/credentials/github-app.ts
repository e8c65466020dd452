/**
 * A GitHub App credential: the App's JWT (RS256, by universal-github-app-jwt) and one installation
 * access token per installation, cached and refreshed in the background a few minutes before it
 * expires, so a poll never waits for a refresh. Only the very first token of an installation is
 * waited for. A refresh that fails is retried with backoff while the old token is still valid, and
 * shows in status (refresh_error) before the old token runs out.
 * https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app-installation
 */
import githubAppJwt from 'universal-github-app-jwt';
import type { CredentialConfig } from '../config/types.js';
import { UpstreamError, errorMessage } from '../errors.js';
import type { HttpClient } from '../http/types.js';
import type { Logger } from '../log.js';
import type { Clock, TimerHandle } from '../poller/clock.js';

export interface GithubAppDeps {
  credential: CredentialConfig;
  http: () => HttpClient;
  clock: Clock;
  log: Logger;
  /** refresh this long before a token expires (default 5 minutes) */
  refreshBeforeMs?: number;
  /** first retry delay after a failed refresh; doubles up to 5 minutes (default 10 s) */
  retryBaseMs?: number;
}

export interface InstallationStatus {
  id: number;
  owners: string[];
  /** epoch ms; absent before the first token */
  expiresAt?: number;
  /** the last refresh failed (the old token is still used until it expires) */
  refreshError?: string;
  refreshFailures: number;
}

export interface GithubAppSource {
  /** a valid installation token for the repository's owner */
  token(apiBaseUrl: string, owner: string, repo: string | undefined, signal?: AbortSignal, account?: 'org' | 'user'): Promise<{ token: string; installationId: number }>;
  /** the App's JWT, for checks (GET /app) */
  jwt(): Promise<string>;
  /** the installation serving an owner (looked up once; installation_id when configured) */
  installationFor(apiBaseUrl: string, owner: string, repo: string | undefined, signal?: AbortSignal, account?: 'org' | 'user'): Promise<number>;
  status(): InstallationStatus[];
  close(): void;
}

interface Installation {
  id: number;
  owners: Set<string>;
  token?: string;
  expiresAt?: number;
  /** the mint in flight (first token or a refresh) */
  minting?: Promise<string>;
  timer?: TimerHandle;
  refreshError?: string;
  failures: number;
  apiBaseUrl: string;
}

const MAX_RETRY_MS = 5 * 60_000;

function field(body: unknown, key: string): unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
}

export function createGithubApp(deps: GithubAppDeps): GithubAppSource {
  const app = deps.credential.githubApp;
  if (!app) throw new Error(`credential ${deps.credential.name} is not a GitHub App`);
  const name = deps.credential.name;
  const log = deps.log.child({ component: 'github-app', credential: name });
  const refreshBeforeMs = deps.refreshBeforeMs ?? 5 * 60_000;
  const retryBaseMs = deps.retryBaseMs ?? 10_000;
  // the budget of App-level requests (JWT): its own, not any installation's
  const appBudget = `app-${name}`;
  const installations = new Map<number, Installation>();
  const byOwner = new Map<string, Promise<number>>();
  let cachedJwt: { token: string; expiresAt: number } | undefined;
  let closed = false;

  const api = (fallback: string): string => (app.apiBaseUrl ?? fallback).replace(/\/+$/, '');

  async function jwt(): Promise<string> {
    const now = deps.clock.now();
    // a JWT lives 10 minutes; use a new one a minute before it ends
    if (cachedJwt && cachedJwt.expiresAt - 60_000 > now) return cachedJwt.token;
    const made = await githubAppJwt({ id: app!.appId, privateKey: app!.privateKey, now: Math.floor(now / 1000) });
    cachedJwt = { token: made.token, expiresAt: made.expiration * 1000 };
    return made.token;
  }

  /** repo undefined: the account's installation (GET /orgs/{org}/installation, or /users/{user}/installation) */
  async function installationFor(apiBaseUrl: string, owner: string, repo: string | undefined, signal?: AbortSignal, account: 'org' | 'user' = 'org'): Promise<number> {
    if (app!.installationId !== undefined) return app!.installationId;
    const key = owner.toLowerCase();
    let pending = byOwner.get(key);
    if (!pending) {
      pending = lookUp(api(apiBaseUrl), owner, repo, signal, account);
      byOwner.set(key, pending);
      // a failed lookup is asked again by the next poll (the App may be installed meanwhile)
      pending.catch(() => byOwner.delete(key));
    }
    return pending;
  }

  async function lookUp(root: string, owner: string, repo: string | undefined, signal?: AbortSignal, account: 'org' | 'user' = 'org'): Promise<number> {
    const o = encodeURIComponent(owner);
    const url = repo !== undefined ? `${root}/repos/${o}/${encodeURIComponent(repo)}/installation` : `${root}/${account === 'org' ? 'orgs' : 'users'}/${o}/installation`;
    try {
      const res = await deps.http().request({ url, token: await jwt(), budgetId: appBudget, authScheme: 'bearer', provider: 'github', signal });
      const id = field(JSON.parse(res.body) as unknown, 'id');
      if (typeof id !== 'number') throw new UpstreamError('upstream-bad-response', `GET ${url}: installation id is not a number`, { context: { url } });
      return id;
    } catch (err) {
      if (err instanceof UpstreamError && err.status === 404) {
        throw new UpstreamError('upstream-auth', `credential ${name}: GitHub App ${app!.appId} is not installed for ${owner} (GET ${url} answered 404); install it on that account or organization`, { status: 404, cause: err, context: { url } });
      }
      throw err;
    }
  }

  async function mint(inst: Installation, signal?: AbortSignal): Promise<string> {
    const url = `${inst.apiBaseUrl}/app/installations/${inst.id}/access_tokens`;
    const res = await deps.http().request({ url, method: 'POST', body: '{}', token: await jwt(), budgetId: appBudget, authScheme: 'bearer', provider: 'github', signal });
    let body: unknown;
    try {
      body = JSON.parse(res.body) as unknown;
    } catch {
      body = undefined;
    }
    const token = field(body, 'token');
    const expiresAt = Date.parse(String(field(body, 'expires_at')));
    if (typeof token !== 'string' || token === '' || !Number.isFinite(expiresAt)) {
      throw new UpstreamError('upstream-bad-response', `POST ${url}: no token and expires_at in the answer`, { context: { url } });
    }
    inst.token = token;
    inst.expiresAt = expiresAt;
    log.info({ installation: inst.id, expiresAt: new Date(expiresAt).toISOString() }, 'installation token minted');
    return token;
  }

  function schedule(inst: Installation, delayMs: number): void {
    if (closed) return;
    if (inst.timer !== undefined) deps.clock.clearTimeout(inst.timer);
    inst.timer = deps.clock.setTimeout(() => {
      inst.timer = undefined;
      void refresh(inst);
    }, Math.max(0, delayMs));
  }

  /** The background refresh: never awaited by a poll. */
  async function refresh(inst: Installation): Promise<void> {
    if (closed || inst.minting) return;
    inst.minting = mint(inst);
    try {
      await inst.minting;
      inst.failures = 0;
      inst.refreshError = undefined;
      schedule(inst, (inst.expiresAt ?? 0) - refreshBeforeMs - deps.clock.now());
    } catch (err) {
      inst.failures++;
      inst.refreshError = errorMessage(err);
      const left = (inst.expiresAt ?? 0) - deps.clock.now();
      log.warn({ installation: inst.id, failures: inst.failures, err: inst.refreshError, expiresInSeconds: Math.round(left / 1000) }, 'installation token refresh failed; retrying');
      schedule(inst, Math.min(retryBaseMs * 2 ** (inst.failures - 1), MAX_RETRY_MS));
    } finally {
      inst.minting = undefined;
    }
  }

  async function token(apiBaseUrl: string, owner: string, repo: string | undefined, signal?: AbortSignal, account?: 'org' | 'user'): Promise<{ token: string; installationId: number }> {
    const id = await installationFor(apiBaseUrl, owner, repo, signal, account);
    let inst = installations.get(id);
    if (!inst) {
      inst = { id, owners: new Set(), failures: 0, apiBaseUrl: api(apiBaseUrl) };
      installations.set(id, inst);
    }
    inst.owners.add(owner.toLowerCase());
    const now = deps.clock.now();
    if (inst.token && (inst.expiresAt ?? 0) > now + 30_000) return { token: inst.token, installationId: id };
    if (inst.token && !inst.minting) {
      // expired (or nearly) and the background refresh has not replaced it: it has been failing
      throw new UpstreamError('upstream-auth', `credential ${name}: the installation token of installation ${id} expired and refreshing it fails: ${inst.refreshError ?? 'not refreshed yet'}`, { context: { installation: id } });
    }
    // the first token of an installation (or an expired one being replaced): shared by every caller
    const first = !inst.token;
    const current = inst;
    current.minting ??= mint(current, signal).finally(() => {
      current.minting = undefined;
    });
    let minted: string;
    try {
      minted = await current.minting;
    } catch (err) {
      const what = first ? `cannot get an installation token for installation ${id}` : `the installation token of installation ${id} expired and refreshing it fails`;
      const status = err instanceof UpstreamError ? err.status : undefined;
      throw new UpstreamError(status === 401 || status === 403 ? 'upstream-auth' : 'upstream', `credential ${name}: ${what}: ${errorMessage(err)}`, { status, cause: err, context: { installation: id } });
    }
    if (first) schedule(current, (current.expiresAt ?? 0) - refreshBeforeMs - deps.clock.now());
    return { token: minted, installationId: id };
  }

  return {
    token,
    jwt,
    installationFor,
    status: () =>
      // by id: installations are created in whatever order the first polls finished
      [...installations.values()].sort((a, b) => a.id - b.id).map((i) => ({
        id: i.id,
        owners: [...i.owners].sort(),
        expiresAt: i.expiresAt,
        refreshError: i.refreshError,
        refreshFailures: i.failures,
      })),
    close() {
      closed = true;
      for (const inst of installations.values()) if (inst.timer !== undefined) deps.clock.clearTimeout(inst.timer);
    },
  };
}
