/**
 * Inbound webhook verification with node:crypto only (the daemon must not load dev dependencies):
 * GitHub's X-Hub-Signature-256 is `sha256=` + hex HMAC-SHA256 of the raw body with the secret,
 * compared in constant time as GitHub documents ("Validating webhook deliveries").
 * GitLab sends the configured secret token itself in X-Gitlab-Token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { safeEqual } from '../auth.js';

export function verifyGithubSignature(secret: string, rawBody: string | Uint8Array, header: string | undefined): boolean {
  if (!header || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function verifyGitlabToken(token: string, header: string | undefined): boolean {
  return header !== undefined && safeEqual(header, token);
}
