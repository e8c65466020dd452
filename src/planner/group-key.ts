/**
 * The identity of one rate-limit group: an API root and a token's id (http/budget.ts tokenId, the
 * one the HTTP budgets use), never the token itself.
 */
export { tokenId } from '../http/budget.js';

/** `https://api.github.com#1a2b3c4d5e6f` */
export function groupKey(apiRoot: string, tokenHash: string): string {
  return `${apiRoot.replace(/\/+$/, '')}#${tokenHash}`;
}
