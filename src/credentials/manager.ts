/**
 * The credentials at run time: GitHub App tokens (minted and refreshed in the background), and the
 * health of every credential, named (`credentials:`) or a repository's own token. A 401 on a poll
 * marks the credential as failing, logged once, so forty repositories behind one revoked token
 * show one cause; the next successful poll with it clears it.
 */
import type { Config, CredentialKind, DiscoverSourceConfig, RepositoryConfig } from '../config/types.js';
import { UpstreamError, errorMessage } from '../errors.js';
import type { HttpClient } from '../http/types.js';
import type { Logger } from '../log.js';
import { tokenId } from '../planner/group-key.js';
import type { Clock } from '../poller/clock.js';
import { createGithubApp, type GithubAppSource, type InstallationStatus } from './github-app.js';
import type { CredentialCheck } from './types.js';

export interface CredentialStatus {
  /** the `credentials:` name, or `token:<sha256 prefix>` for a repository's own token */
  name: string;
  kind: CredentialKind | 'repository-token';
  repositories: number;
  state: 'ok' | 'failing' | 'unknown';
  /** why it is failing (the provider's answer), never a secret */
  error?: string;
  failingSince?: number;
  /** the last check (validate --online, the daemon's daily check) */
  check?: CredentialCheck;
  /** the check found an expiry within the warning window */
  expiring?: boolean;
  installations?: InstallationStatus[];
}

/** What the providers' credential layer (with-credentials.ts) calls. */
export interface CredentialHooks {
  /** true when the repository's token is minted at run time (a GitHub App) */
  needsToken(repo: RepositoryConfig): boolean;
  /** the repository with its current token; throws when none can be had */
  authorize(repo: RepositoryConfig, signal?: AbortSignal): Promise<RepositoryConfig>;
  succeeded(repo: RepositoryConfig): void;
  /** returns the error to report (naming the credential when it was refused) */
  failed(repo: RepositoryConfig, err: unknown): unknown;
}

export interface CredentialManager extends CredentialHooks {
  /** the token a discover source lists with: its own, or its GitHub App's installation token for the owner */
  sourceToken(source: DiscoverSourceConfig, signal?: AbortSignal): Promise<string | undefined>;
  status(): CredentialStatus[];
  /** the GitHub App of a named credential, for checks */
  app(name: string): GithubAppSource | undefined;
  recordCheck(name: string, check: CredentialCheck, expiring: boolean): void;
  reload(config: Config): void;
  close(): void;
}

export interface CredentialManagerDeps {
  config: Config;
  http: () => HttpClient;
  clock: Clock;
  log: Logger;
  /** GitHub App tuning (tests) */
  refreshBeforeMs?: number;
  retryBaseMs?: number;
}

interface Health {
  state: 'ok' | 'failing' | 'unknown';
  error?: string;
  failingSince?: number;
  check?: CredentialCheck;
  expiring?: boolean;
}

/** The credential identity of a repository: its credential's name, its own token's id, or none. */
export function credentialOf(repo: RepositoryConfig): string | undefined {
  if (repo.credential) return repo.credential;
  return repo.token ? `token:${tokenId(repo.token)}` : undefined;
}

export function createCredentialManager(deps: CredentialManagerDeps): CredentialManager {
  const log = deps.log.child({ component: 'credentials' });
  let config = deps.config;
  const apps = new Map<string, { source: GithubAppSource; fingerprint: string }>();
  const health = new Map<string, Health>();
  const ids = new WeakMap<RepositoryConfig, string | undefined>();
  const authorized = new WeakMap<RepositoryConfig, RepositoryConfig>();

  function idOf(repo: RepositoryConfig): string | undefined {
    if (ids.has(repo)) return ids.get(repo);
    const id = credentialOf(repo);
    ids.set(repo, id);
    return id;
  }

  function syncApps(next: Config): void {
    const wanted = new Map((next.credentials ?? []).filter((c) => c.kind === 'github-app').map((c) => [c.name, JSON.stringify(c)]));
    for (const [name, entry] of apps) {
      // a changed App (new key, other installation) starts over; an unchanged one keeps its tokens
      if (wanted.get(name) !== entry.fingerprint) {
        entry.source.close();
        apps.delete(name);
      }
    }
    for (const c of next.credentials ?? []) {
      if (c.kind !== 'github-app' || apps.has(c.name)) continue;
      const source = createGithubApp({ credential: c, http: deps.http, clock: deps.clock, log: deps.log, refreshBeforeMs: deps.refreshBeforeMs, retryBaseMs: deps.retryBaseMs });
      apps.set(c.name, { source, fingerprint: wanted.get(c.name) ?? '' });
    }
  }
  syncApps(config);

  function healthOf(id: string): Health {
    let h = health.get(id);
    if (!h) health.set(id, (h = { state: 'unknown' }));
    return h;
  }

  function repositoriesOf(id: string): number {
    let n = 0;
    for (const r of config.repositories) if (r.enabled && idOf(r) === id) n++;
    return n;
  }

  return {
    needsToken(repo) {
      return repo.credential !== undefined && repo.token === undefined && apps.has(repo.credential);
    },
    async authorize(repo, signal) {
      const app = apps.get(repo.credential ?? '');
      if (!app) return repo;
      const loc = repo.location;
      const { token } = await app.source.token(loc.apiBaseUrl || 'https://api.github.com', loc.namespace.split('/')[0], loc.name, signal);
      // one derived object per token, so providers' per-repository caches keep working for its hour
      const known = authorized.get(repo);
      if (known && known.token === token) return known;
      const derived = { ...repo, token };
      authorized.set(repo, derived);
      return derived;
    },
    succeeded(repo) {
      const id = idOf(repo);
      if (id === undefined) return;
      const h = health.get(id);
      if (h?.state === 'ok') return;
      if (h?.state === 'failing') log.info({ credential: id }, 'credential works again');
      healthOf(id).state = 'ok';
      healthOf(id).error = undefined;
      healthOf(id).failingSince = undefined;
    },
    failed(repo, err) {
      const id = idOf(repo);
      if (id === undefined || !(err instanceof UpstreamError) || err.status !== 401) return err;
      const h = healthOf(id);
      const message = errorMessage(err);
      if (h.state !== 'failing') {
        h.state = 'failing';
        h.failingSince = deps.clock.now();
        log.warn({ credential: id, repositories: repositoriesOf(id), err: message }, 'credential refused by the provider (401); every repository using it fails until it is replaced');
      }
      h.error = message;
      if (message.startsWith(`credential ${id}:`)) return err;
      return new UpstreamError(err.code as 'upstream-auth', `credential ${id} was refused: ${message}`, { status: err.status, cause: err, context: err.context });
    },
    status() {
      const names = new Map<string, CredentialStatus['kind']>();
      for (const c of config.credentials ?? []) names.set(c.name, c.kind);
      for (const r of config.repositories) {
        const id = idOf(r);
        if (id !== undefined && !names.has(id)) names.set(id, 'repository-token');
      }
      return [...names].map(([name, kind]) => {
        const h = health.get(name) ?? { state: 'unknown' as const };
        const app = apps.get(name);
        return {
          name,
          kind,
          repositories: repositoriesOf(name),
          state: h.state,
          ...(h.error ? { error: h.error, failingSince: h.failingSince } : {}),
          ...(h.check ? { check: h.check, expiring: h.expiring } : {}),
          ...(app ? { installations: app.source.status() } : {}),
        };
      });
    },
    app: (name) => apps.get(name)?.source,
    async sourceToken(source, signal) {
      const app = source.token === undefined && source.credential !== undefined ? apps.get(source.credential) : undefined;
      if (!app) return source.token;
      const account = source.kind === 'org' ? 'org' : 'user';
      return (await app.source.token(source.apiBaseUrl, source.owner, undefined, signal, account)).token;
    },
    recordCheck(name, check, expiring) {
      const h = healthOf(name);
      h.check = check;
      h.expiring = expiring;
    },
    reload(next) {
      config = next;
      syncApps(next);
    },
    close() {
      for (const { source } of apps.values()) source.close();
      apps.clear();
    },
  };
}
