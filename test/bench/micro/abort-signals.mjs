/**
 * Per-request timeout signal of the HTTP client: AbortSignal.timeout + AbortSignal.any (the timer
 * lives for the full timeout even after the answer) vs one AbortController + a cleared timer.
 * Usage: node --expose-gc test/bench/micro/abort-signals.mjs [N]
 */
const n = Number(process.argv[2] ?? 100_000);
const timeoutMs = 60_000;
const parent = new AbortController().signal;

function viaAny() {
  const timeout = AbortSignal.timeout(timeoutMs);
  return { signal: AbortSignal.any([parent, timeout]), done() {} };
}

function viaController() {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onAbort = () => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}

for (const [label, make] of [['AbortSignal.timeout + any', viaAny], ['AbortController + cleared timer', viaController]]) {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) make().done();
  const us = ((performance.now() - t0) * 1000) / n;
  globalThis.gc?.();
  const heldMb = (process.memoryUsage().heapUsed - heap0) / 1048576;
  console.log(`${label}: ${us.toFixed(2)} µs per request, heap still held after ${n} requests: ${heldMb.toFixed(1)} MB`);
}
process.exit(0);
