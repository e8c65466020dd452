export { createDispatcher } from './dispatcher.js';
export type { Dispatcher, DispatcherOptions, DrainResult } from './dispatcher.js';
export { matchTargets } from './targets.js';
