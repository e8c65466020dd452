/**
 * Delivery drain micro-benchmark: N pending deliveries (one per repository, so no ordering waits)
 * in a file database, drained by the dispatcher (bundled from src/, wired as the daemon wires it:
 * real metrics, pino at warn) to a loopback receiver in another process that answers as a Tekton
 * EventListener does. Prints deliveries/s, this process's CPU per 1,000 deliveries and its memory.
 *
 *   node test/bench/micro/drain.mjs [N] [--secret] [--profile] [--live K] [--src DIR]   (hold the bench lock)
 *   --profile: a CPU profile of the drain alone, test/bench/out/drain.cpuprofile, and its top functions
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
/** --live K: after the drain, K events committed one at a time (one per ms, as polls finish), delivered live: detection → receipt */
const live = Number(flag('--live', 0));
/** --src DIR: bundle reposentry from another checkout's src/ (an A/B against older code) */
const srcRoot = flag('--src', root);
const secret = args.includes('--secret') ? 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' : undefined;

if (process.env.DRAIN_RECEIVER) {
  // the receiver process
  const { createServer } = await import('node:http');
  let count = 0;
  let lastAt = 0;
  let latencies = [];
  const server = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      count++;
      lastAt = Date.now();
      const time = req.headers['ce-time'];
      if (typeof time === 'string') latencies.push(lastAt - Date.parse(time));
      res.writeHead(202, { 'content-type': 'application/json' }).end(`{"eventListenerUID":"bench","eventID":"e-${count}"}`);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m) => {
    if (m === 'count') process.send({ count, lastAt });
    else if (m === 'latencies') {
      process.send({ latencies });
      latencies = [];
    }
    else if (m === 'exit') process.exit(0);
  });
} else {
  const outDir = join(root, 'test/bench/out');
  mkdirSync(outDir, { recursive: true });
  const bundle = join(outDir, 'drain-bundle.mjs');
  await esbuild.build({
    stdin: {
      contents: `export { openStore } from './src/store/index.js';
export { createDispatcher } from './src/delivery/dispatcher.js';
export { createMetrics } from './src/metrics/registry.js';
export { eventId, fullRef } from './src/events/id.js';`,
      resolveDir: srcRoot, loader: 'ts',
    },
    outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning',
  });
  const { openStore, createDispatcher, createMetrics, eventId, fullRef } = await import(bundle);
  const { pino } = await import('pino');

  const receiver = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, DRAIN_RECEIVER: '1' } });
  const ask = (m) => new Promise((resolve) => { receiver.once('message', resolve); receiver.send(m); });
  const { port } = await new Promise((resolve) => receiver.once('message', resolve));

  const dir = mkdtempSync(join(tmpdir(), 'drain-'));
  const store = openStore(join(dir, 'db.sqlite'));
  const repos = store.repositories.sync(Array.from({ length: n }, (_, i) => ({ name: `bench/r${i}`, url: `https://github.com/bench/r${i}`, provider: 'github' })));
  /** one change of repository i (version v), committed as a poll commits it */
  function commitChange(i, v, at) {
    const url = `https://github.com/bench/r${i}`;
    const before = (v.toString(16) + 'a'.repeat(40)).slice(0, 40);
    const after = (i.toString(16) + v.toString(16) + 'b'.repeat(40)).slice(0, 40);
    const e = {
      id: eventId({ repositoryUrl: url, ref: fullRef('branch', 'main'), before, after, transition: v }),
      type: 'branch_updated', repositoryId: repos[i].id, repositoryName: `bench/r${i}`, repositoryUrl: url, provider: 'github',
      refKind: 'branch', refName: 'main', before, after, detectedAt: at,
      data: { repository: { provider: 'github', organization: 'bench', name: `r${i}`, fullName: `bench/r${i}`, url, cloneUrl: `${url}.git`, id: i } },
    };
    store.commitPoll({
      repositoryId: repos[i].id, at, nextPollAt: at + 3_600_000, method: 'api', state: {}, baseline: false,
      upserts: [], deletes: [], events: [e], deliveries: [{ eventId: e.id, target: 'tekton' }],
    });
  }
  const at = Date.now();
  for (let i = 0; i < n; i++) commitChange(i, 1, at);
  const targets = [{
    name: 'tekton', url: `http://127.0.0.1:${port}/`, format: 'cloudevents', mode: 'binary', headers: {}, secret,
    timeoutMs: 10_000, retryAttempts: 5, retryBackoffMs: 1000, maxBackoffMs: 60_000,
  }];
  // rounds: transactions that recorded outcomes (and claimed), and claims on their own
  const rounds = { transactions: 0, claims: 0, claimed: 0 };
  for (const [name, key] of [['transaction', 'transactions'], ['claim', 'claims']]) {
    const real = store.deliveries[name];
    store.deliveries[name] = (x) => {
      rounds[key]++;
      const r = real(x);
      if (name === 'claim') rounds.claimed += r.length;
      return r;
    };
  }
  const metrics = createMetrics({ defaultMetrics: false });
  const log = pino({ level: 'warn' }, pino.destination({ dest: '/dev/null', sync: false }));
  const dispatcher = createDispatcher({ store, targets: () => targets, log, version: 'bench', metrics: metrics.delivery });
  globalThis.gc?.();
  const mem0 = process.memoryUsage();
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  let maxRss = 0;
  let maxHeap = 0;
  const profiling = args.includes('--profile');
  let session;
  if (profiling) {
    const { Session } = await import('node:inspector/promises');
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  dispatcher.start();
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    const m = process.memoryUsage();
    maxRss = Math.max(maxRss, m.rss);
    maxHeap = Math.max(maxHeap, m.heapUsed);
    const { count } = await ask('count');
    if (count >= n) break;
  }
  const { lastAt } = await ask('count');
  const cpu = process.cpuUsage(cpu0);
  let liveFigures;
  if (live > 0) {
    await ask('latencies');
    for (let k = 0; k < live; k++) {
      await new Promise((r) => setTimeout(r, 1));
      commitChange(k % n, 2 + Math.floor(k / n), Date.now());
      dispatcher.wake();
    }
    for (;;) {
      await new Promise((r) => setTimeout(r, 20));
      if ((await ask('count')).count >= n + live) break;
    }
    const lat = Float64Array.from((await ask('latencies')).latencies).sort();
    const pct = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))];
    liveFigures = { delivered: lat.length, p50: pct(50), p90: pct(90), p99: pct(99), max: lat[lat.length - 1] };
  }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(outDir, 'drain.cpuprofile'), JSON.stringify(profile));
    const { summarize } = await import('../lib/profile.mjs');
    console.log(summarize(profile, 45));
  }
  const s = store.deliveries.stats();
  const seconds = (lastAt - t0) / 1000;
  await dispatcher.stop();
  const mb = (b) => (b / 1048576).toFixed(1);
  console.log(JSON.stringify({
    rounds, live: liveFigures, n, seconds, perSecond: Math.round(n / seconds), cpuPer1000: ((cpu.user + cpu.system) / 1e6 / n) * 1000,
    delivered: s.delivered, rssStartMb: mb(mem0.rss), rssPeakMb: mb(maxRss), heapUsedStartMb: mb(mem0.heapUsed), heapUsedPeakMb: mb(maxHeap),
  }));
  if (s.delivered !== n + live) throw new Error(`expected ${n + live} delivered, store says ${JSON.stringify(s)}`);
  store.close();
  rmSync(dir, { recursive: true, force: true });
  await ask('exit').catch(() => {});
  receiver.kill();
}
