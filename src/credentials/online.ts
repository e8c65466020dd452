/** `validate --online` and `credentials check`: every credential of a config checked once, then everything closed. */
import type { Config } from '../config/types.js';
import { createHttpClient } from '../http/client.js';
import { silentLogger } from '../log.js';
import { systemClock } from '../poller/clock.js';
import { createCredentialManager } from './manager.js';
import { runCredentialChecks, type CheckReport } from './run-checks.js';

export async function checkConfigCredentials(config: Config): Promise<CheckReport[]> {
  const log = silentLogger();
  const http = createHttpClient({
    timeoutMs: config.polling.timeoutMs, retryAttempts: config.polling.retryAttempts, retryBackoffMs: config.polling.retryBackoffMs,
    limits: config.rateLimit, outbound: config.http, log,
  });
  const manager = createCredentialManager({ config, http: () => http, clock: systemClock(), log });
  try {
    return await runCredentialChecks(config, { http, manager, now: Date.now, warningDays: config.security.credentialExpiryWarningDays });
  } finally {
    manager.close();
    await http.close();
  }
}
