/**
 * One claimed delivery, start to finish: format, sign, send (or print, for the log target), and
 * decide its outcome. The outcome is not written here: the dispatcher records the outcomes of a
 * round in one transaction, then calls each one's `report` (logs, metrics). Never throws: a
 * delivery always ends delivered, retrying, dead or held.
 */
import type { Dispatcher } from 'undici';
import type { TargetConfig } from '../config/types.js';
import { MIRROR_SYNC } from '../types.js';
import { errorMessage } from '../errors.js';
import { redactText } from '../redact.js';
import type { Logger } from '../log.js';
import type { ClaimedDelivery, DeliveryOutcome } from '../store/index.js';
import { backoffDelay, retryAfterCap } from './backoff.js';
import { formatRequest, isLogTarget } from './formats/index.js';
import { sendDelivery, type SendOutcome, type SendResult } from './send.js';
import { deliverMirror, type MirrorDeps } from './mirror/push.js';
import { deliverMirrorSync } from './mirror/sync.js';

export interface AttemptDeps {
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
  /** what the store records for this attempt */
  write: DeliveryOutcome;
  /** logs and counts the outcome; called once `write` is committed */
  report(): void;
}

export async function attemptDelivery(
  deps: AttemptDeps,
  claimed: ClaimedDelivery,
  target: TargetConfig | undefined,
): Promise<AttemptResult> {
  const { delivery, event } = claimed;
  const started = deps.now();

  if (!target) {
    // Claimed just before a reload removed its target: held, like the rest of that target's deliveries,
    // so a half-written config that drops a target costs nothing once the full one returns.
    return {
      outcome: 'held',
      deliveryId: delivery.id,
      write: { status: 'held', id: delivery.id, at: started },
      report: () => deps.log.warn(fieldsOf(claimed), 'delivery held: target removed from the configuration'),
    };
  }

  let result: SendResult;
  if (target.format === 'mirror') {
    result = deps.mirror
      ? await (event.type === MIRROR_SYNC ? deliverMirrorSync : deliverMirror)(deps.mirror, event, target)
      : { outcome: 'retry', statusCode: null, error: 'mirror targets are not available in this process', retryAfterMs: null, receiverEventId: null };
  } else {
    const sent = await formatAndSend(deps, claimed, target, started);
    if (sent.done) return sent.done;
    result = sent.result;
  }
  return decide(deps, claimed, target, started, result);
}

/** The log fields of an attempt (built only when a line is written). */
function fieldsOf(claimed: ClaimedDelivery): { eventId: string; target: string; attempt: number } {
  return { eventId: claimed.event.id, target: claimed.delivery.target, attempt: claimed.delivery.attempts };
}

async function formatAndSend(
  deps: AttemptDeps, claimed: ClaimedDelivery, target: TargetConfig, started: number,
): Promise<{ done: AttemptResult; result?: undefined } | { done?: undefined; result: SendResult }> {
  const { delivery, event } = claimed;
  let request: { headers: Record<string, string>; body: string };
  try {
    // Formatted per attempt, so signatures carry this attempt's timestamp.
    request = formatRequest(event, target, { version: deps.version, now: started });
  } catch (err) {
    // Retrying cannot fix a payload that cannot be built (e.g. an unparseable repository URL).
    const error = `cannot format the ${target.format} payload: ${errorMessage(err)}`;
    const report = (): void => {
      deps.log.error({ ...fieldsOf(claimed), status: null, error }, 'delivery dead');
      deps.metrics?.onOutcome(target.name, 'dead', 0);
    };
    return { done: { outcome: 'dead', deliveryId: delivery.id, write: { status: 'dead', id: delivery.id, at: deps.now(), statusCode: null, error }, report } };
  }
  const { headers, body } = request;

  if (isLogTarget(target)) {
    deps.stdout.write(`${body}\n`);
    const at = deps.now();
    const write: DeliveryOutcome = { status: 'delivered', id: delivery.id, at, statusCode: null, receiverEventId: null };
    const report = (): void => deps.metrics?.onOutcome(target.name, 'delivered', at - started);
    return { done: { outcome: 'delivered', deliveryId: delivery.id, write, report } };
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

/** The outcome of an attempt (HTTP or mirror): delivered, retry with backoff, or dead. */
function decide(deps: AttemptDeps, claimed: ClaimedDelivery, target: TargetConfig, started: number, result: SendResult): AttemptResult {
  const { delivery, event } = claimed;
  const at = deps.now();
  const status = result.statusCode;
  let outcome: SendOutcome = result.outcome;

  // retry_attempts dead-letters a delivery the receiver keeps failing while it accepts others (a poison
  // message). While the receiver fails everything — an outage: nothing accepted since this delivery's
  // previous attempt — the budget is not spent: it waits at max_backoff, so an outage loses nothing.
  const acceptedSince = (deps.lastSuccess.get(target.name) ?? -Infinity) > (delivery.lastAttemptAt ?? -Infinity);
  const budgetLeft = delivery.attempts < target.retryAttempts;

  let write: DeliveryOutcome;
  let logLine: () => void;
  if (outcome === 'delivered') {
    deps.lastSuccess.set(target.name, at);
    write = { status: 'delivered', id: delivery.id, at, statusCode: status, receiverEventId: result.receiverEventId };
    logLine = () => {
      if (deps.log.isLevelEnabled('info')) deps.log.info({ ...fieldsOf(claimed), status }, 'delivered');
    };
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
    write = { status: 'retry', id: delivery.id, at, nextAttemptAt: at + delay, statusCode: status, error };
    logLine = () =>
      deps.log.warn(
        { ...fieldsOf(claimed), status, error, retryInMs: delay },
        budgetLeft ? 'delivery failed, will retry' : 'receiver unavailable; retries spent, waiting for it to accept deliveries again',
      );
  } else {
    const error =
      outcome === 'retry' ? `attempts exhausted (${delivery.attempts}): ${result.error ?? 'failed'}` : (result.error ?? 'failed');
    outcome = 'dead';
    // 410 Gone: the receiver says this endpoint will never accept anything again.
    const goneTarget: { target: string; reason: string; count?: number } | undefined =
      status === 410 ? { target: target.name, reason: `target answered 410 Gone (event ${event.id})` } : undefined;
    write = { status: 'dead', id: delivery.id, at, statusCode: status, error, goneTarget };
    logLine = () => {
      deps.log.warn({ ...fieldsOf(claimed), status, error }, 'delivery dead');
      if (goneTarget) deps.log.warn({ target: target.name, count: goneTarget.count }, 'target gone: its pending deliveries are dead-lettered');
    };
  }
  const counted = outcome;
  const report = (): void => {
    logLine();
    deps.metrics?.onOutcome(target.name, counted, at - started);
  };
  return { outcome, deliveryId: delivery.id, write, report };
}

/** Records a failure of the machinery itself (e.g. the store closed under us); the lease brings the delivery back. */
export function logAttemptCrash(log: Logger, claimed: ClaimedDelivery, err: unknown): void {
  log.error({ eventId: claimed.event.id, target: claimed.delivery.target, err: errorMessage(err) }, 'delivery attempt failed');
}
