/**
 * The one redaction of free text: messages of config errors, log lines and API errors pass through
 * it. It hides userinfo in URLs (`https://user:pw@host` → `https://[redacted]@host`), the values of
 * known secret keys (`token=…`, `"password": "…"`, `Authorization: Bearer …`) and any secret value
 * the caller names. Objects logged with secret-named keys are redacted by pino's paths (log.ts).
 */

/**
 * Words that make a key secret wherever they appear in it (query strings, JSON, YAML, headers,
 * environment assignments): token, access_token, GITHUB_TOKEN, x-gitlab-token, client_secret, …
 */
const SECRET_WORDS = ['token', 'secret', 'password', 'passwd', 'authorization', 'api[-_]?key'];

const USERINFO = /([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#\s@"'<>]*@/g;
// key=value (query strings, env), key: value (YAML, headers), "key": "value" (JSON); a value
// already redacted is left alone, so text redacted twice (an error, then its log line) reads the same
const KEY_VALUE = new RegExp(`(["']?\\b[\\w-]*(?:${SECRET_WORDS.join('|')})["']?\\s*[=:]\\s*["']?)(?!\\[redacted\\])(?:(?:basic|bearer|token)\\s+)?[^\\s"'&,;)}\\]]+`, 'gi');

/** The URL without `user:password@` (scp-style addresses are returned as they are: their user is a login). */
export function withoutUserinfo(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1');
}

/** Hides userinfo in a URL (or in every URL of a text). */
export function redactUrl(url: string): string {
  return url.replace(USERINFO, '$1[redacted]@');
}

/** The text with userinfo, secret-key values and the given secrets (4 characters or longer) hidden. */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out.replace(USERINFO, '$1[redacted]@').replace(KEY_VALUE, '$1[redacted]');
}
