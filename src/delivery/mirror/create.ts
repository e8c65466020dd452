/**
 * Creating a missing destination repository through its server's API, before the first push.
 *   Gitea/Forgejo: POST /api/v1/orgs/{org}/repos {name}  (POST /api/v1/user/repos when the owner is the token's user)
 *     https://gitea.com/api/swagger#/organization/createOrgRepo
 *   GitLab: POST /api/v4/projects {name, path, namespace_id}  (namespace looked up: GET /api/v4/namespaces/{path})
 *     https://docs.gitlab.com/api/projects/#create-a-project
 *   OneDev: POST /~api/projects {name, parentId}  (parent looked up: GET /~api/projects?query=...)
 *     https://docs.onedev.io/api/projects
 */
import type { Dispatcher } from 'undici';
import { request } from '../../http/undici.js';
import { parseRepoUrl } from '../../config/repo-url.js';
import type { MirrorCreate } from '../../config/types.js';

export interface CreateResult {
  ok: boolean;
  /** false: retrying cannot help (the API refused the request) */
  retry: boolean;
  error?: string;
}

/**
 * Owner path and repository name of a destination URL (https://host/owner/sub/name.git), read by
 * the one repository URL parser: decoded, so the API paths built from them are encoded once.
 */
export function splitDestination(url: string): { origin: string; owner: string; name: string } {
  const { origin, segments } = parseRepoUrl(url, { allowFile: true });
  return { origin, owner: segments.slice(0, -1).join('/'), name: segments.at(-1) ?? '' };
}

async function call(dispatcher: Dispatcher | undefined, method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: unknown, timeoutMs = 10_000) {
  const res = await request(url, {
    method, dispatcher, headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body), headersTimeout: timeoutMs, bodyTimeout: timeoutMs,
  });
  const text = await res.body.text();
  return { status: res.statusCode, text };
}

function verdict(status: number, text: string, what: string): CreateResult {
  if (status >= 200 && status < 300) return { ok: true, retry: false };
  // 409/422: it exists after all (created meanwhile): the push goes ahead
  if (status === 409 || (status === 422 && /exist/i.test(text))) return { ok: true, retry: false };
  const retry = status === 408 || status === 429 || status >= 500;
  return { ok: false, retry, error: `${what} answered ${status}: ${text.slice(0, 200)}` };
}

export async function createDestination(
  kind: MirrorCreate, destination: string, token: string | undefined, opts: { dispatcher?: Dispatcher; timeoutMs?: number } = {},
): Promise<CreateResult> {
  const { origin, owner, name } = splitDestination(destination);
  const t = opts.timeoutMs;
  try {
    switch (kind) {
      case 'gitea': {
        const headers: Record<string, string> = token ? { authorization: `token ${token}` } : {};
        const url = owner ? `${origin}/api/v1/orgs/${encodeURIComponent(owner)}/repos` : `${origin}/api/v1/user/repos`;
        const r = await call(opts.dispatcher, 'POST', url, headers, { name, private: true, auto_init: false }, t);
        return verdict(r.status, r.text, `Gitea POST ${url}`);
      }
      case 'gitlab': {
        const headers: Record<string, string> = token ? { 'private-token': token } : {};
        const body: Record<string, unknown> = { name, path: name, initialize_with_readme: false };
        if (owner) {
          const ns = await call(opts.dispatcher, 'GET', `${origin}/api/v4/namespaces/${encodeURIComponent(owner)}`, headers, undefined, t);
          if (ns.status !== 200) return verdict(ns.status, ns.text, `GitLab namespace ${owner}`);
          body.namespace_id = (JSON.parse(ns.text) as { id: number }).id;
        }
        const r = await call(opts.dispatcher, 'POST', `${origin}/api/v4/projects`, headers, body, t);
        return verdict(r.status, r.text, `GitLab POST ${origin}/api/v4/projects`);
      }
      case 'onedev': {
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        const body: Record<string, unknown> = { name };
        if (owner) {
          const q = await call(opts.dispatcher, 'GET', `${origin}/~api/projects?query=${encodeURIComponent(`"Path" is "${owner}"`)}&offset=0&count=1`, headers, undefined, t);
          const found = q.status === 200 ? (JSON.parse(q.text) as Array<{ id: number }>) : [];
          if (found.length === 0) return { ok: false, retry: q.status >= 500, error: `OneDev parent project ${owner} not found (${q.status})` };
          body.parentId = found[0].id;
        }
        const r = await call(opts.dispatcher, 'POST', `${origin}/~api/projects`, headers, body, t);
        return verdict(r.status, r.text, `OneDev POST ${origin}/~api/projects`);
      }
    }
  } catch (err) {
    return { ok: false, retry: true, error: `creating ${destination} failed: ${(err as Error).message}` };
  }
}
