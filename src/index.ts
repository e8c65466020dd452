export * from './types.js';
export * from './errors.js';
export { eventId, fullRef } from './events/id.js';
export { openStore } from './store/index.js';
export type { Store, CommitPollInput } from './store/index.js';
export { createDispatcher, matchTargets } from './delivery/index.js';
export type { Dispatcher, DispatcherOptions, DrainResult } from './delivery/index.js';
