/** --profile: CPU profiles of single phases through the inspector (node --cpu-prof covers the whole run). */
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

export async function profiled(enabled, file, fn) {
  if (!enabled) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

/** Self time by function (top N), for a quick look without DevTools. */
export function summarize(profile, top = 30) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  const counts = new Map();
  profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
  for (const [id, us] of counts) {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
    .join('\n');
}

/** Self time grouped by where it is spent: the "what stands in the way" breakdown. */
export function categorize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const buckets = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const url = f.url;
    const fn = f.functionName;
    let b;
    if (fn === '(idle)') b = 'idle (waiting for the fake)';
    else if (fn === '(garbage collector)') b = 'garbage collector';
    else if (!url && ['get', 'run', 'all', 'iterate', 'prepare', 'exec'].includes(fn)) b = 'SQLite (better-sqlite3 native)';
    else if (url.includes('undici') || url.includes('abort_controller') || fn === 'writeLatin1String' || fn === 'dispatch' || url.includes('net.js') || url.includes('stream')) b = 'HTTP (undici, sockets, abort signals)';
    else if (url.includes('prom-client')) b = 'metrics (prom-client)';
    else if (url.includes('engine.mjs')) b = 'reposentry JS (poller, providers, http client, store wrappers)';
    else if (fn === 'parse' && !url) b = 'JSON.parse';
    else b = 'other (node internals, microtasks, timers)';
    buckets.set(b, (buckets.get(b) ?? 0) + (dt[i] ?? 0));
  });
  const total = [...buckets.values()].reduce((a, b) => a + b, 0);
  return [...buckets.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, us]) => ({ bucket: k, ms: Math.round(us / 1000), percent: Math.round((us / total) * 1000) / 10 }));
}
