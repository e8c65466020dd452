/**
 * The one place where an API provider falls back to `git ls-remote` (enable_api_fallback).
 * Falls back on: transport errors and timeouts, 5xx after retries, unparsable or unexpected answers.
 * Never on 401/403/404 (and rate limits): those are real answers about the repository or the
 * token, and a fallback would hide them.
 */
import type { RepositoryConfig } from '../config/types.js';
import { ReposentryError, UpstreamError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { ListRefsOptions, ListRefsResult, Provider } from './types.js';

export function shouldFallBack(err: unknown): boolean {
  if (!(err instanceof UpstreamError)) return false;
  if (err.code === 'upstream-bad-response' || err.code === 'upstream-timeout') return true;
  return err.code === 'upstream' && (err.status === undefined || err.status >= 500);
}

export function withFallback(api: Provider, git: Provider, log: Logger): Provider {
  return {
    id: api.id,
    async listRefs(repo: RepositoryConfig, opts: ListRefsOptions): Promise<ListRefsResult> {
      try {
        return await api.listRefs(repo, opts);
      } catch (err) {
        if (!shouldFallBack(err) || opts.signal?.aborted) throw err;
        log.warn({ repo: repo.name, provider: api.id, err: errorMessage(err) }, 'API listing failed, falling back to git ls-remote');
        // The API's ETags stay as they were: the next poll tries the API again, conditionally.
        try {
          const listed = await git.listRefs(repo, opts);
          return { ...listed, method: 'ls-remote', state: opts.state };
        } catch (gitErr) {
          // the failure the status shows came from ls-remote: say so (METHOD, last error)
          if (gitErr instanceof ReposentryError) gitErr.context.method = 'ls-remote';
          throw gitErr;
        }
      }
    },
    describe: (repo, state, signal) => api.describe(repo, state, signal),
  };
}
