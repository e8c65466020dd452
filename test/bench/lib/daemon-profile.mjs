/**
 * --daemon-profile: a CPU profile of the daemon process itself (`reposentry run` started with
 * `node --cpu-prof`), cut to one phase (the unchanged cycle, the changed cycle) and grouped by the
 * source file each sample maps to through dist/'s source maps.
 *
 * The profile covers the daemon's whole life; its sample times are CLOCK_MONOTONIC microseconds,
 * the clock process.hrtime() reads here, so a phase is the samples between two hrtime readings of
 * this process (the quiet moments before and after the phase).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The driver's clock in the profile's unit (µs, CLOCK_MONOTONIC). */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** node options that make the daemon write its profile into `dir` when it exits */
export function cpuProfArgs(dir) {
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250'];
}

export function readProfile(dir) {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir} (did the daemon exit normally?)`);
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

/** The samples between `from` and `to` (µs): a profile of its own, for DevTools too. */
export function slice(profile, from, to) {
  const samples = [];
  const timeDeltas = [];
  let t = profile.startTime;
  let last = from;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < from || t > to) continue;
    samples.push(profile.samples[i]);
    timeDeltas.push(t - last);
    last = t;
  }
  return { nodes: profile.nodes, startTime: from, endTime: to, samples, timeDeltas };
}

function sourceMapper() {
  const maps = new Map();
  return (url, line, column) => {
    if (!url.startsWith('file://') || !url.includes('/dist/')) return url;
    let map = maps.get(url);
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
      } catch {
        map = null;
      }
      maps.set(url, map);
    }
    if (!map) return url;
    const entry = map.findEntry(line, column);
    return entry?.originalSource ?? url;
  };
}

/** The area a sample belongs to, from its function and its (source-mapped) file. */
function areaOf(fn, source) {
  if (fn === '(idle)') return 'idle (waiting for the fake)';
  if (fn === '(garbage collector)') return 'garbage collector';
  if (fn === '(program)') return 'V8/libuv outside JS ((program))';
  if (source.includes('node_modules/undici/')) return 'undici (HTTP client library)';
  if (source.includes('node_modules/pino') || source.includes('node_modules/sonic-boom')) return 'logging (pino)';
  if (source.includes('node_modules/prom-client')) return 'metrics (prom-client)';
  if (source.includes('node_modules/better-sqlite3') || (!source && ['get', 'run', 'all', 'iterate', 'prepare', 'exec'].includes(fn))) return 'SQLite';
  if (source.includes('node_modules/')) return `other library (${source.split('node_modules/')[1].split('/')[0]})`;
  const ours = /\/src\/([^/]+)\//.exec(source) ?? /\/src\/([^/]+)$/.exec(source);
  if (ours) return `reposentry src/${ours[1]}`;
  if (source.startsWith('node:') && /node:(net|stream|internal\/stream|_http|internal\/net|internal\/streams)/.test(source)) return 'node sockets and streams';
  if (fn === 'writeLatin1String' || fn === 'writeUtf8String' || fn === 'writev' || fn === 'writeBuffer') return 'node sockets and streams';
  if (source.includes('abort_controller') || source.includes('event_target')) return 'node AbortSignal/EventTarget';
  if (source.includes('timers')) return 'node timers';
  if (fn === 'processTicksAndRejections' || fn === 'runMicrotasks' || source.includes('task_queues')) return 'node microtasks and ticks';
  return 'other (node internals, natives)';
}

/**
 * Self time grouped by area, and the top functions by self time with their original source file.
 * Percentages are of the CPU time (idle samples left out: they are waiting, not work).
 */
export function breakdown(profile, top = 40) {
  const mapSource = sourceMapper();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const where = new Map();
  const whereOf = (id) => {
    let w = where.get(id);
    if (!w) {
      const f = byId.get(id).callFrame;
      const source = mapSource(f.url, f.lineNumber, f.columnNumber);
      w = { area: areaOf(f.functionName, source), fn: `${f.functionName || '(anonymous)'} ${source.replace(/^.*?(node_modules\/|src\/)/, '$1')}` };
      where.set(id, w);
    }
    return w;
  };
  const areas = new Map();
  const fns = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const w = whereOf(id);
    areas.set(w.area, (areas.get(w.area) ?? 0) + us);
    if (w.area.startsWith('idle')) return;
    fns.set(w.fn, (fns.get(w.fn) ?? 0) + us);
    total += us;
  });
  const rows = (m) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, us]) => ({ name: k, ms: Math.round(us / 1000), percent: Math.round((us / Math.max(total, 1)) * 1000) / 10 }));
  return { totalMs: Math.round(total / 1000), areas: rows(areas), functions: rows(fns).slice(0, top) };
}

export function printBreakdown(phase, b, file) {
  const line = (r) => (r.name.startsWith('idle') ? `    —  ${String(r.ms).padStart(6)} ms  ${r.name}` : `${String(r.percent).padStart(5)}%  ${String(r.ms).padStart(6)} ms  ${r.name}`);
  const what = phase === 'start' ? 'start and cycle 1 (all due at once)' : `${phase} cycle`;
  return `\ndaemon ${what} (${b.totalMs} ms of CPU sampled, ${file}), by area:\n${b.areas.map(line).join('\n')}\nself time by function:\n${b.functions.map(line).join('\n')}\n`;
}
