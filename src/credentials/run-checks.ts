/** Every credential checked once, with the expiry verdict, and the one line per credential the CLI prints. */
import type { Config } from '../config/types.js';
import type { HttpClient } from '../http/types.js';
import { checkCredential, checkTargets, type CheckTarget } from './check.js';
import type { CredentialManager } from './manager.js';
import type { CredentialCheck } from './types.js';

export const DEFAULT_EXPIRY_WARNING_DAYS = 14;
const DAY = 86_400_000;

export interface CheckReport {
  target: CheckTarget;
  check: CredentialCheck;
  /** expires within the warning window (and has not expired yet) */
  expiring: boolean;
  /** cannot be used: refused, not installed, expired, missing scopes */
  unusable: boolean;
}

export interface RunChecksDeps {
  http: HttpClient;
  manager: CredentialManager;
  now: () => number;
  warningDays?: number;
  signal?: AbortSignal;
}

export async function runCredentialChecks(config: Config, deps: RunChecksDeps): Promise<CheckReport[]> {
  const warnMs = (deps.warningDays ?? DEFAULT_EXPIRY_WARNING_DAYS) * DAY;
  // one at a time: a handful of credentials, and no burst against a provider at start
  const reports: CheckReport[] = [];
  for (const target of checkTargets(config)) {
    const check = await checkCredential(target, { http: deps.http, app: (n) => deps.manager.app(n), now: deps.now, signal: deps.signal });
    const now = deps.now();
    const expired = check.expiresAt !== undefined && check.expiresAt <= now;
    const expiring = !expired && check.expiresAt !== undefined && check.expiresAt - now <= warnMs;
    const final = expired ? { ...check, ok: false, message: `${check.message}, but it has expired` } : check;
    deps.manager.recordCheck(target.name, final, expiring);
    reports.push({ target, check: final, expiring, unusable: !final.ok });
  }
  return reports;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : word.replace(/([^aeiou])y$/, '$1ie') + 's'}`;
}

/** `ok    acme-app  github-app, 3 repositories  JWT accepted; installed for acme (installation 11)` */
export function formatCheckLine(r: CheckReport, now: number): string {
  const { target, check } = r;
  const served = target.repositories.length === 0 ? 'no repositories' : `${plural(target.repositories.length, 'repository')} (${target.repositories.slice(0, 3).map((x) => x.name).join(', ')}${target.repositories.length > 3 ? ', …' : ''})`;
  const parts = [check.message];
  if (check.expiresAt !== undefined) {
    const days = Math.floor((check.expiresAt - now) / DAY);
    parts.push(check.expiresAt <= now ? `expired ${day(check.expiresAt)}` : `expires ${day(check.expiresAt)} (in ${plural(days, 'day')})${r.expiring ? ': renew it soon' : ''}`);
  }
  if (check.scopes) parts.push(`scopes: ${check.scopes.length > 0 ? check.scopes.join(', ') : 'none'}`);
  if (check.missingScopes) parts.push(`missing scopes: ${check.missingScopes.join(', ')}`);
  const verdict = r.unusable ? 'FAIL' : r.expiring ? 'WARN' : 'ok';
  return `${verdict.padEnd(4)}  ${target.name}  ${target.kind}, ${served}  ${parts.join('; ')}`;
}
