/**
 * One claimed delivery, start to finish: format, sign, send (or print, for the log target), and
 * record the outcome in the store. Never throws: a delivery always ends delivered, retrying or dead.
 */
import type { Dispatcher } from 'undici';
import type { TargetConfig } from '../config/types.js';
import { MIRROR_SYNC } from '../types.js';
import { errorMessage } from '../errors.js';
import { redactText } from '../redact.js';
import type { Logger } from '../log.js';
import type { ClaimedDelivery, Store } from '../store/index.js';
import { backoffDelay, retryAfterCap } from './backoff.js';
import { formatRequest, isLogTarget } from './formats/index.js';
import { sendDelivery, type SendOutcome, type SendResult } from './send.js';
import { deliverMirror, type MirrorDeps } from './mirror/push.js';
import { deliverMirrorSync } from './mirror/sync.js';

export interface AttemptDeps {
  store: Store;
  log: Logger;
  now: () => number;
  version: string;
  agent: Dispatcher;
  stdout: NodeJS.WritableStream;
  random?: () => number;
  /** per target: when it last accepted a delivery (2xx), in this process */
  lastSuccess: Map<string, number>;
  metrics?: { onOutcome(target: string, outcome: SendOutcome, durationMs: number): void };
  /** what mirror targets push with; absent: mirror deliveries wait (retry) */
  mirror?: MirrorDeps;
}

export interface AttemptResult {
  /** held: its target is no longer configured */
  outcome: SendOutcome | 'held';
  deliveryId: number;
}

export async function attemptDelivery(
  deps: AttemptDeps,
  claimed: ClaimedDelivery,
  target: TargetConfig | undefined,
): Promise<AttemptResult> {
  const { delivery, event } = claimed;
  const deliveries = deps.store.deliveries;
  const fields = { eventId: event.id, target: delivery.target, attempt: delivery.attempts };
  const started = deps.now();

  if (!target) {
    // Claimed just before a reload removed its target: held, like the rest of that target's deliveries,
    // so a half-written config that drops a target costs nothing once the full one returns.
    deliveries.hold(delivery.id, started);
    deps.log.warn({ ...fields }, 'delivery held: target removed from the configuration');
    return { outcome: 'held', deliveryId: delivery.id };
  }

  let result: SendResult;
  if (target.format === 'mirror') {
    result = deps.mirror
      ? await (event.type === MIRROR_SYNC ? deliverMirrorSync : deliverMirror)(deps.mirror, event, target)
      : { outcome: 'retry', statusCode: null, error: 'mirror targets are not available in this process', retryAfterMs: null, receiverEventId: null };
  } else {
    const sent = await formatAndSend(deps, claimed, target, started, fields);
    if (sent.done) return sent.done;
    result = sent.result;
  }
  return record(deps, claimed, target, started, fields, result);
}

async function formatAndSend(
  deps: AttemptDeps, claimed: ClaimedDelivery, target: TargetConfig, started: number, fields: Record<string, unknown>,
): Promise<{ done: AttemptResult; result?: undefined } | { done?: undefined; result: SendResult }> {
  const { delivery, event } = claimed;
  const deliveries = deps.store.deliveries;
  let request: { headers: Record<string, string>; body: string };
  try {
    // Formatted per attempt, so signatures carry this attempt's timestamp.
    request = formatRequest(event, target, { version: deps.version, now: started });
  } catch (err) {
    // Retrying cannot fix a payload that cannot be built (e.g. an unparseable repository URL).
    const error = `cannot format the ${target.format} payload: ${errorMessage(err)}`;
    deliveries.markDead(delivery.id, { statusCode: null, error });
    deps.log.error({ ...fields, status: null, error }, 'delivery dead');
    deps.metrics?.onOutcome(target.name, 'dead', 0);
    return { done: { outcome: 'dead', deliveryId: delivery.id } };
  }
  const { headers, body } = request;

  if (isLogTarget(target)) {
    deps.stdout.write(`${body}\n`);
    deliveries.markDelivered(delivery.id, { at: deps.now(), statusCode: null });
    deps.metrics?.onOutcome(target.name, 'delivered', deps.now() - started);
    return { done: { outcome: 'delivered', deliveryId: delivery.id } };
  }

  const result = await sendDelivery({
    url: target.url,
    headers,
    body,
    timeoutMs: target.timeoutMs,
    dispatcher: deps.agent,
    now: started,
  });
  // a receiver (or a proxy) may quote what it was sent: the signing secret (X-Gitlab-Token) and the
  // configured headers (Authorization) are hidden before its answer becomes last_error, logs and the API
  if (result.error) {
    // a header value and its last word ("Bearer <token>" and "<token>")
    const values = Object.values(target.headers ?? {}).flatMap((v) => [v, v.trim().split(/\s+/).pop()]);
    result.error = redactText(result.error, [target.secret, ...values]);
  }
  return { result };
}

/** The outcome of an attempt (HTTP or mirror) recorded: delivered, retry with backoff, or dead. */
function record(
  deps: AttemptDeps, claimed: ClaimedDelivery, target: TargetConfig, started: number, fields: Record<string, unknown>, result: SendResult,
): AttemptResult {
  const { delivery, event } = claimed;
  const deliveries = deps.store.deliveries;
  const at = deps.now();
  const status = result.statusCode;
  let outcome: SendOutcome = result.outcome;

  // retry_attempts dead-letters a delivery the receiver keeps failing while it accepts others (a poison
  // message). While the receiver fails everything — an outage: nothing accepted since this delivery's
  // previous attempt — the budget is not spent: it waits at max_backoff, so an outage loses nothing.
  const acceptedSince = (deps.lastSuccess.get(target.name) ?? -Infinity) > (delivery.lastAttemptAt ?? -Infinity);
  const budgetLeft = delivery.attempts < target.retryAttempts;

  if (outcome === 'delivered') {
    deps.lastSuccess.set(target.name, at);
    deliveries.markDelivered(delivery.id, { at, statusCode: status, receiverEventId: result.receiverEventId });
    deps.log.info({ ...fields, status }, 'delivered');
  } else if (outcome === 'retry' && (budgetLeft || (!acceptedSince && !result.refused))) {
    const delay = backoffDelay({
      attempt: delivery.attempts,
      retryBackoffMs: target.retryBackoffMs,
      maxBackoffMs: target.maxBackoffMs,
      retryAfterMs: result.retryAfterMs,
      maxRetryAfterMs: target.maxRetryAfterMs,
      random: deps.random,
    });
    const cap = retryAfterCap(target);
    const capped = result.retryAfterMs != null && result.retryAfterMs > cap;
    const error = `${result.error ?? 'failed'}${
      capped ? `; Retry-After ${Math.round(result.retryAfterMs! / 1000)}s capped at ${Math.round(cap / 1000)}s (max_retry_after)` : ''
    }`;
    deliveries.markRetry(delivery.id, { at, nextAttemptAt: at + delay, statusCode: status, error });
    deps.log.warn(
      { ...fields, status, error, retryInMs: delay },
      budgetLeft ? 'delivery failed, will retry' : 'receiver unavailable; retries spent, waiting for it to accept deliveries again',
    );
  } else {
    const error =
      outcome === 'retry' ? `attempts exhausted (${delivery.attempts}): ${result.error ?? 'failed'}` : (result.error ?? 'failed');
    outcome = 'dead';
    deliveries.markDead(delivery.id, { at, statusCode: status, error });
    deps.log.warn({ ...fields, status, error }, 'delivery dead');
    if (status === 410) {
      // 410 Gone: the receiver says this endpoint will never accept anything again.
      const count = deliveries.deadLetterTarget(target.name, `target answered 410 Gone (event ${event.id})`);
      deps.log.warn({ target: target.name, count }, 'target gone: its pending deliveries are dead-lettered');
    }
  }
  deps.metrics?.onOutcome(target.name, outcome, at - started);
  return { outcome, deliveryId: delivery.id };
}

/** Records a failure of the machinery itself (e.g. the store closed under us); the lease brings the delivery back. */
export function logAttemptCrash(log: Logger, claimed: ClaimedDelivery, err: unknown): void {
  log.error({ eventId: claimed.event.id, target: claimed.delivery.target, err: errorMessage(err) }, 'delivery attempt failed');
}
