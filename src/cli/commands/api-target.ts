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
  if ((!opts.url || (!opts.token && !ctx.env.REPOSENTRY_API_TOKEN)) && existsSync(file)) {
    const loaded = await loadConfig(file, { env: ctx.env }).catch(() => undefined);
    if (loaded?.config) {
      port = loaded.config.app.healthCheckPort;
      configToken = loaded.config.api.authToken;
    }
  }
  return {
    url: opts.url ?? `http://127.0.0.1:${port}`,
    token: opts.token || ctx.env.REPOSENTRY_API_TOKEN || configToken || undefined,
  };
}
