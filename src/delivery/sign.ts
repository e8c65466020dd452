/**
 * Request signing. Signatures are computed per attempt (never stored), so a retry sent ten minutes
 * after detection carries a fresh timestamp and passes Standard Webhooks' five-minute tolerance.
 */
import { createHmac } from 'node:crypto';

const WHSEC_PREFIX = 'whsec_';

/**
 * The HMAC key of a Standard Webhooks secret: `whsec_<base64>` is decoded as the spec says
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#signature-scheme);
 * any other secret is used as its raw UTF-8 bytes.
 */
export function standardWebhooksKey(secret: string): Buffer {
  if (secret.startsWith(WHSEC_PREFIX)) return Buffer.from(secret.slice(WHSEC_PREFIX.length), 'base64');
  return Buffer.from(secret, 'utf8');
}

/** `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. */
export function standardWebhooksHeaders(
  secret: string,
  id: string,
  nowMs: number,
  body: string,
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const signature = createHmac('sha256', standardWebhooksKey(secret))
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

/** GitHub's `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`, the secret as UTF-8. */
export function githubSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
