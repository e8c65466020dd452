/**
 * One delivery attempt: a single POST, classified. Redirects are never followed (a receiver must answer at the configured URL): undici's
 * `request` does not follow them unless the redirect interceptor is composed in, and we don't.
 */
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { request } from '../http/undici.js';
import { errorMessage } from '../errors.js';
import { withoutUserinfo } from '../redact.js';
import { createOutboundAgent, type OutboundAgent, type OutboundSettings } from '../http/outbound.js';
import { receiverOutcome, type ReceiverOutcome } from '../http/classify.js';
import { parseRetryAfter } from '../http/retry-after.js';

export type SendOutcome = ReceiverOutcome;

export interface SendResult {
  outcome: SendOutcome;
  statusCode: number | null;
  /** why it was not delivered; null on success */
  error: string | null;
  /** the receiver's Retry-After, in ms */
  retryAfterMs: number | null;
  /** Tekton's `eventID` from its 202 answer, when the body had one */
  receiverEventId: string | null;
  /**
   * The receiver is up and refused this one delivery (a mirror's lease: its ref was changed by
   * someone else): each attempt spends the retry budget even when nothing else was accepted since,
   * since this is no outage that waiting out would fix.
   */
  refused?: boolean;
}

export interface SendInput {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  dispatcher: Dispatcher;
  /** epoch ms, to turn a Retry-After date into a delay */
  now: number;
}

/** How much of a receiver's answer is kept (for the eventID and the error text); the rest is drained. */
const MAX_BODY_BYTES = 64 * 1024;
const MAX_ERROR_BODY_CHARS = 200;

/** A keep-alive connection pool for deliveries, following `http:` and the proxy environment; close it on shutdown. */
export function createDeliveryAgent(outbound?: OutboundSettings): OutboundAgent {
  return createOutboundAgent(outbound, { keepAliveTimeout: 30_000, connections: 32 });
}

/**
 * The answer's first MAX_BODY_BYTES as text. Reads to the end even past the limit, so the socket is
 * returned to the pool for reuse; listeners rather than an async iterator, which costs a promise per chunk.
 */
function readLimited(body: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      if (size < MAX_BODY_BYTES) chunks.push(chunk);
      size += chunk.length;
    });
    body.on('error', reject);
    body.on('end', () => {
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      resolve(all.toString('utf8', 0, Math.min(all.length, MAX_BODY_BYTES)));
    });
  });
}

function tektonEventId(text: string): string | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && 'eventID' in parsed) {
      const id = (parsed as { eventID: unknown }).eventID;
      return typeof id === 'string' ? id : null;
    }
  } catch {
    // Any 2xx is a success; a body that is not Tekton's JSON only means there is no eventID to keep.
  }
  return null;
}

function networkError(err: unknown, input: SendInput, timedOut: boolean): string {
  const proxy = (input.dispatcher as Partial<OutboundAgent>).proxyFor?.(input.url);
  const via = proxy ? ` via proxy ${proxy}` : '';
  if (timedOut) return `timeout after ${input.timeoutMs}ms: POST ${withoutUserinfo(input.url)}${via}`;
  const code = (err as { code?: unknown }).code;
  const text = typeof code === 'string' ? `${code}: ${errorMessage(err)}` : errorMessage(err);
  return via ? `request failed${via}: ${text}` : text;
}

export async function sendDelivery(input: SendInput): Promise<SendResult> {
  // One controller and a timer cleared when the attempt ends: AbortSignal.timeout keeps its signal
  // and timer alive for the whole timeout after the answer came, thousands of them in a drain.
  const controller = new AbortController();
  const signal = controller.signal;
  const timer = setTimeout(() => controller.abort(), input.timeoutMs);
  try {
    const res = await request(input.url, {
      method: 'POST',
      headers: input.headers,
      body: input.body,
      dispatcher: input.dispatcher,
      signal,
      headersTimeout: input.timeoutMs,
      bodyTimeout: input.timeoutMs,
    });
    const text = await readLimited(res.body);
    const outcome = receiverOutcome(res.statusCode);
    if (outcome === 'delivered') {
      return { outcome, statusCode: res.statusCode, error: null, retryAfterMs: null, receiverEventId: tektonEventId(text) };
    }
    const location = res.headers.location;
    const detail =
      res.statusCode >= 300 && res.statusCode < 400
        ? `redirect to ${String(location ?? '(no location)')} not followed`
        : text.slice(0, MAX_ERROR_BODY_CHARS).trim();
    return {
      outcome,
      statusCode: res.statusCode,
      error: detail ? `HTTP ${res.statusCode}: ${detail}` : `HTTP ${res.statusCode}`,
      retryAfterMs: parseRetryAfter(res.headers['retry-after'], input.now) ?? null,
      receiverEventId: null,
    };
  } catch (err) {
    return {
      outcome: 'retry',
      statusCode: null,
      error: networkError(err, input, signal.aborted),
      retryAfterMs: null,
      receiverEventId: null,
    };
  } finally {
    clearTimeout(timer);
  }
}
