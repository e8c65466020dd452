/**
 * Runs the raw undici loop in a process of its own, so its buffers do not count in the peak RSS
 * (VmHWM) of the process that then hosts reposentry's engine. argv[2] = JSON options; the result
 * comes back over IPC.
 */
import { measureRawLimit } from './raw-loop.mjs';

const opts = JSON.parse(process.argv[2]);
measureRawLimit(opts).then(
  (result) => process.send(result, () => process.exit(0)),
  (err) => {
    process.stderr.write(`raw loop failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
