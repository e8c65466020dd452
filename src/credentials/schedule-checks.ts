/**
 * The daemon's credential checks: once shortly after start (readiness never waits for a slow
 * provider) and then every `security.credential_check_interval` (default daily). A credential that
 * cannot be used, or that expires within `credential_expiry_warning_days`, is logged as a warning
 * and shows in GET /api/v1/status and the expiry gauge.
 */
import type { Config } from '../config/types.js';
import { errorMessage } from '../errors.js';
import type { HttpClient } from '../http/types.js';
import type { Logger } from '../log.js';
import type { CredentialManager } from './manager.js';
import { runCredentialChecks } from './run-checks.js';

export interface CredentialCheckDeps {
  config: () => Config;
  http: () => HttpClient;
  manager: CredentialManager;
  log: Logger;
  now?: () => number;
}

export function scheduleCredentialChecks(deps: CredentialCheckDeps): { stop(): void; done(): Promise<void> } {
  const log = deps.log.child({ component: 'credentials' });
  const now = deps.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const abort = new AbortController();
  let running: Promise<void> = Promise.resolve();

  async function run(): Promise<void> {
    const config = deps.config();
    const reports = await runCredentialChecks(config, {
      http: deps.http(), manager: deps.manager, now, warningDays: config.security.credentialExpiryWarningDays, signal: abort.signal,
    });
    if (stopped) return;
    for (const r of reports) {
      const base = { credential: r.target.name, repositories: r.target.repositories.length, check: r.check.message };
      if (r.unusable) log.warn(base, 'credential check failed: the repositories using it cannot be polled');
      else if (r.expiring) log.warn({ ...base, expiresAt: new Date(r.check.expiresAt ?? 0).toISOString() }, 'credential expires soon; renew it');
    }
    log.info({ credentials: reports.length, failing: reports.filter((r) => r.unusable).length, expiring: reports.filter((r) => r.expiring).length }, 'credentials checked');
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run()
        .catch((err: unknown) => {
          if (!stopped) log.warn({ err: errorMessage(err) }, 'credential checks failed');
        })
        .finally(() => {
          const interval = deps.config().security.credentialCheckIntervalMs ?? 0;
          if (interval > 0) schedule(interval);
        });
    }, delayMs);
    timer.unref();
  }

  if ((deps.config().security.credentialCheckIntervalMs ?? 0) > 0) schedule(0);
  return {
    stop() {
      stopped = true;
      abort.abort(new Error('stopping'));
      if (timer) clearTimeout(timer);
    },
    done: () => running,
  };
}
