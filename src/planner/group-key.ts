/**
 * The identity of one rate-limit group: an API root and a token. The token itself never leaves this
 * function; only a short sha256 prefix does (the same one the HTTP budgets use), so plans, logs and
 * the status API can tell groups apart without carrying a secret.
 */
import { createHash } from 'node:crypto';

export function tokenId(token: string | undefined): string {
  return token ? createHash('sha256').update(token).digest('hex').slice(0, 12) : 'anonymous';
}

/** `https://api.github.com#1a2b3c4d5e6f` */
export function groupKey(apiRoot: string, tokenHash: string): string {
  return `${apiRoot.replace(/\/+$/, '')}#${tokenHash}`;
}
