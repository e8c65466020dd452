/**
 * The GitHub App side of the fake GitHub API: JWTs verified with the App's public key (RS256
 * signature, iss, iat, exp as GitHub checks them), installations looked up per repository or
 * organization, and installation access tokens with a short expiry, refused once expired.
 * https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
 */
import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FakeAnswer } from './common.js';

export interface FakeGithubAppOptions {
  appId: number;
  /** PEM of the App's public key */
  publicKey: string;
  /** owner (lower-case) → installation id */
  installations: Record<string, number>;
  /** lifetime of an installation token (GitHub: 1 hour) */
  tokenTtlMs?: number;
  /** the fake's clock, epoch ms (default Date.now) */
  now?: () => number;
}

export interface IssuedToken {
  installation: number;
  token: string;
  expiresAt: number;
}

export interface FakeGithubApp {
  /** answers an App route, or undefined when the path is not one */
  handle(req: IncomingMessage, path: string): FakeAnswer | undefined;
  /** the installation token in this Authorization header, when valid now */
  validToken(header: string): IssuedToken | undefined;
  issued: IssuedToken[];
  /** JWTs refused, with the reason */
  rejectedJwts: string[];
  /** requests made with an expired installation token */
  expiredUses: number;
  revoke(token: string): void;
  setInstallation(owner: string, id: number | undefined): void;
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}): FakeAnswer {
  return { status, headers, body: JSON.stringify(body) };
}

function b64url(s: string): Buffer {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

export function createFakeGithubApp(opts: FakeGithubAppOptions): FakeGithubApp {
  const key: KeyObject = createPublicKey(opts.publicKey);
  const now = opts.now ?? Date.now;
  const ttl = opts.tokenTtlMs ?? 3_600_000;
  const installations = new Map(Object.entries(opts.installations).map(([o, id]) => [o.toLowerCase(), id]));
  const tokens = new Map<string, IssuedToken>();
  const revoked = new Set<string>();
  const app: FakeGithubApp = {
    issued: [],
    rejectedJwts: [],
    expiredUses: 0,
    handle,
    validToken(header) {
      const token = header.replace(/^(Bearer|token) /, '');
      const t = tokens.get(token);
      if (!t || revoked.has(token)) return undefined;
      if (t.expiresAt <= now()) {
        app.expiredUses++;
        return undefined;
      }
      return t;
    },
    revoke(token) {
      revoked.add(token);
    },
    setInstallation(owner, id) {
      if (id === undefined) installations.delete(owner.toLowerCase());
      else installations.set(owner.toLowerCase(), id);
    },
  };

  /** undefined when the JWT is good, else GitHub's kind of message */
  function jwtProblem(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header);
    if (!m) return 'A JSON web token could not be decoded';
    let head: { alg?: string };
    let claims: { iss?: unknown; iat?: unknown; exp?: unknown };
    try {
      head = JSON.parse(b64url(m[1]).toString('utf8')) as typeof head;
      claims = JSON.parse(b64url(m[2]).toString('utf8')) as typeof claims;
    } catch {
      return 'A JSON web token could not be decoded';
    }
    if (head.alg !== 'RS256') return `'alg' must be RS256, got ${String(head.alg)}`;
    if (!verify('RSA-SHA256', Buffer.from(`${m[1]}.${m[2]}`), key, b64url(m[3]))) return 'JWT signature does not match the App public key';
    const sec = Math.floor(now() / 1000);
    if (String(claims.iss) !== String(opts.appId)) return `'Issuer' claim ('iss') must match the App ID ${opts.appId}`;
    if (typeof claims.iat !== 'number' || claims.iat > sec + 60) return "'Issued at' claim ('iat') must be an Integer representing a time in the past";
    if (typeof claims.exp !== 'number' || claims.exp <= sec) return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
    if (claims.exp - claims.iat > 660) return "'Expiration time' claim ('exp') is too far in the future";
    return undefined;
  }

  function handle(req: IncomingMessage, path: string): FakeAnswer | undefined {
    const parts = path.split('/');
    const install = /^\/repos\/([^/]+)\/[^/]+\/installation$|^\/(?:orgs|users)\/([^/]+)\/installation$/.exec(path);
    const mint = req.method === 'POST' && parts[1] === 'app' && parts[2] === 'installations' && parts[4] === 'access_tokens' && parts.length === 5;
    const appInfo = req.method === 'GET' && path === '/app';
    if (!install && !mint && !appInfo) return undefined;
    const problem = jwtProblem(req);
    if (problem) {
      app.rejectedJwts.push(problem);
      return answer(401, { message: problem, documentation_url: 'https://docs.github.com/rest' });
    }
    if (appInfo) return answer(200, { id: opts.appId, slug: `app-${opts.appId}`, name: `App ${opts.appId}` });
    if (install) {
      const owner = (install[1] ?? install[2]).toLowerCase();
      const id = installations.get(owner);
      if (id === undefined) return answer(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app' });
      return answer(200, { id, app_id: opts.appId, account: { login: owner }, target_type: 'Organization' });
    }
    const id = Number(parts[3]);
    if (![...installations.values()].includes(id)) return answer(404, { message: 'Not Found' });
    const issued: IssuedToken = { installation: id, token: `ghs_${randomBytes(18).toString('hex')}`, expiresAt: now() + ttl };
    tokens.set(issued.token, issued);
    app.issued.push(issued);
    return answer(201, { token: issued.token, expires_at: new Date(issued.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'), permissions: { contents: 'read', metadata: 'read' }, repository_selection: 'all' });
  }

  return app;
}
