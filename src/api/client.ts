/** The CLI's side of the API: `status` and `events` talk to a running daemon through it. */
import { ReposentryError, errorMessage } from '../errors.js';

export interface ApiClientOptions {
  /** base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  token?: string;
  timeoutMs?: number;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface ApiClient {
  request(method: 'GET' | 'POST', path: string): Promise<ApiAnswer>;
  /** like request, but a non-2xx answer becomes an error with the API's message */
  json(method: 'GET' | 'POST', path: string): Promise<unknown>;
}

export function createApiClient(opts: ApiClientOptions): ApiClient {
  const base = opts.url.replace(/\/+$/, '');
  async function request(method: 'GET' | 'POST', path: string): Promise<ApiAnswer> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? errorMessage(err);
      throw new ReposentryError('upstream', `cannot reach the reposentry daemon at ${base} (${cause}): is it running? (--url)`, { cause: err });
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: res.status, body };
  }
  return {
    request,
    async json(method, path) {
      const answer = await request(method, path);
      if (answer.status >= 200 && answer.status < 300) return answer.body;
      const error = (answer.body as { error?: { code?: string; message?: string } })?.error;
      const hint = answer.status === 401 ? ' (give the token with --token or $REPOSENTRY_API_TOKEN)' : '';
      throw new ReposentryError(answer.status === 404 ? 'not-found' : 'upstream', `${method} ${path}: HTTP ${answer.status}: ${error?.message ?? String(answer.body).slice(0, 200)}${hint}`);
    },
  };
}
