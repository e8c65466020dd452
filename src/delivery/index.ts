export { createDispatcher } from './dispatcher.js';
export type { Dispatcher, DispatcherOptions, DispatcherStats, DrainResult } from './dispatcher.js';
export { matchTargets } from './targets.js';
export { backoffDelay, parseRetryAfter } from './backoff.js';
export { sendDelivery, createDeliveryAgent, classifyStatus } from './send.js';
export type { SendOutcome, SendResult } from './send.js';
export { formatRequest, isLogTarget, FORMATS, buildEventData } from './formats/index.js';
export type { Format, FormatOptions, FormattedRequest, EventPayloadData } from './formats/index.js';
export { standardWebhooksHeaders, githubSignature, SENSITIVE_HEADERS } from './sign.js';
