/** Where `status` and `events` find the daemon: --url, else 127.0.0.1 and the configured port (else 8080); the token from --token, $REPOSENTRY_API_TOKEN or the config. */
import { existsSync } from 'node:fs';
import { loadConfig } from '../../config/load.js';
import type { CliContext } from '../context.js';
import { resolveConfigPath } from '../config-path.js';

export interface ApiTargetOptions {
  url?: string;
  token?: string;
  config?: string;
}

export const TOKEN_HELP = 'API token (default: $REPOSENTRY_API_TOKEN, else api.auth_token of the config); prefer the variable: argv is visible to other users';

export async function resolveApiTarget(opts: ApiTargetOptions, ctx: CliContext): Promise<{ url: string; token?: string }> {
  let port = 8080;
  let configToken: string | undefined;
  const file = resolveConfigPath(opts.config, ctx.env).path;
  const needed = !opts.url || (!opts.token && !ctx.env.REPOSENTRY_API_TOKEN);
  // Silently falling back to 8080 made "cannot reach the daemon at :8080" the only clue that the
  // config (say, a ${VAR} unset in this shell) could not be read: say so, then try the default.
  const fallback = (why: string) => ctx.err(`reposentry: ${why}; trying ${opts.url ?? `http://127.0.0.1:${port}`} without the config's port and token (--url, --token)`);
  if (needed && existsSync(file)) {
    const loaded = await loadConfig(file, { env: ctx.env }).catch((err: unknown) => ({ config: undefined, errors: [{ file, line: 1, col: 1, message: String((err as Error).message) }] }));
    if (loaded.config) {
      port = loaded.config.app.healthCheckPort;
      configToken = loaded.config.api.authToken;
    } else {
      const [first] = loaded.errors;
      const more = loaded.errors.length > 1 ? ` (and ${loaded.errors.length - 1} more: reposentry validate -c ${file})` : '';
      fallback(first ? `${first.file}:${first.line}:${first.col}: ${first.message}${more}` : `${file}: invalid`);
    }
  } else if (needed && opts.config !== undefined) {
    fallback(`${file}: config file not found`);
  }
  return {
    url: opts.url ?? `http://127.0.0.1:${port}`,
    token: opts.token || ctx.env.REPOSENTRY_API_TOKEN || configToken || undefined,
  };
}
