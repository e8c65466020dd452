/**
 * Runs the raw undici loop in a process of its own, so its buffers count in no measured process.
 * The options arrive as the first IPC message; the result goes back over IPC.
 */
import { measureRawLimit } from './raw-loop.mjs';

// the options come over IPC: 100,000 repository names do not fit in argv (E2BIG)
process.once('message', (opts) =>
  measureRawLimit(opts).then(
    (result) => process.send(result, () => process.exit(0)),
    (err) => {
      process.stderr.write(`raw loop failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  ),
);
