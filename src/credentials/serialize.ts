/** A credential's status as the API and `status --json` show it: snake_case, ISO times, no secret. */
import type { CredentialStatus } from './manager.js';

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

export function serializeCredential(c: CredentialStatus): Record<string, unknown> {
  const check = c.check;
  return {
    name: c.name,
    kind: c.kind,
    repositories: c.repositories,
    state: c.state,
    error: c.error ?? null,
    failing_since: iso(c.failingSince),
    expires_at: iso(check?.expiresAt),
    expiring: c.expiring ?? false,
    last_check: check
      ? { at: iso(check.at), ok: check.ok, message: check.message, scopes: check.scopes ?? null, missing_scopes: check.missingScopes ?? null }
      : null,
    ...(c.installations
      ? {
          installations: c.installations.map((i) => ({
            id: i.id,
            owners: i.owners,
            token_expires_at: iso(i.expiresAt),
            refresh_error: i.refreshError ?? null,
            refresh_failures: i.refreshFailures,
          })),
        }
      : {}),
  };
}
