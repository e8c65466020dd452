// esbuild `inject`: provides `__reposentrySea` wherever the define for import.meta.url points at it,
// so the runtime (and its temporary folder) is only touched when something asks.
import * as runtime from './runtime.mjs';

export { runtime as __reposentrySea };
