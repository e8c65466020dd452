#!/usr/bin/env node
/**
 * Startup to ready of the built CLI (issue 17): `reposentry run -c FILE` spawned until GET /ready
 * answers 200, on a generated config of N repositories and a database already filled as a running
 * daemon leaves it (every repository baselined, B branch refs and ETags each, metadata stored).
 * Several starts, median reported; `validate` of the same config timed too.
 *
 *   npm run build && node test/bench/startup.mjs [--repos N] [--branches B] [--runs K]
 *                                                 [--mode rest|graphql] [--dir DIR] [--json FILE]
 *                                                 [--cpu-prof DIR] [--no-validate]
 *
 * The config's provider API (api_base_url) is a loopback server in this process answering 304 to
 * conditional listings, so the polls the daemon starts right before it is ready cost what an
 * unchanged poll costs. --dir keeps the config and database (generated once per size, reused on
 * the next run with the same --dir); without it they go to a temporary directory, removed at the end.
 * --cpu-prof DIR: one more start under `node --cpu-prof`, its profile written to DIR.
 * On a shared machine, run it while nothing else is measured (it times wall clock and CPU).
 */
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { configYaml, repoName } from './lib/config.mjs';
import { freePort, measureValidate, startAndStop } from './lib/cli.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const bin = join(root, 'bin', 'reposentry');

function parseArgs(argv) {
  const args = { repos: 10_000, branches: 50, runs: 7, mode: 'rest', dir: undefined, json: undefined, cpuProf: undefined, validate: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--repos') args.repos = Number(value());
    else if (a === '--branches') args.branches = Number(value());
    else if (a === '--runs') args.runs = Number(value());
    else if (a === '--mode') args.mode = value();
    else if (a === '--dir') args.dir = resolve(value());
    else if (a === '--json') args.json = resolve(value());
    else if (a === '--cpu-prof') args.cpuProf = resolve(value());
    else if (a === '--no-validate') args.validate = false;
    else throw new Error(`unknown flag ${a}; flags: --repos N --branches B --runs K --mode rest|graphql --dir DIR --json FILE --cpu-prof DIR --no-validate`);
  }
  for (const k of ['repos', 'branches', 'runs']) {
    if (!Number.isInteger(args[k]) || args[k] < 1) throw new Error(`--${k} must be a positive integer`);
  }
  if (!['rest', 'graphql'].includes(args.mode)) throw new Error(`--mode must be rest or graphql, not ${args.mode}`);
  return args;
}

/** Answers every conditional GET with 304 and anything else with an empty listing (and an ETag). */
function startProviderApi() {
  const server = createServer((req, res) => {
    req.resume();
    if (req.headers['if-none-match']) {
      res.writeHead(304, { etag: req.headers['if-none-match'] });
      res.end();
    } else if (req.method === 'POST') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{}}');
    } else {
      res.writeHead(200, { 'content-type': 'application/json', etag: 'W/"empty"' });
      res.end('[]');
    }
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer(server)));
}

/** The database a daemon leaves after the baseline of every repository (and metadata from later changes). */
async function fillDatabase({ dbPath, repos, branches, mode }) {
  const { openStore } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  const store = openStore(dbPath);
  const at = Date.now();
  const rows = store.repositories.sync(Array.from({ length: repos }, (_, i) => ({
    name: `bench/${repoName(i)}`, url: `https://github.com/bench/${repoName(i)}`, provider: 'github',
  })));
  const write = store.db.transaction((chunk) => {
    for (const row of chunk) {
      const upserts = [];
      for (let j = 0; j < branches; j++) upserts.push({ kind: 'branch', name: `branch-${j}`, sha: (row.id * 1000 + j).toString(16).padStart(40, '0') });
      store.commitPoll({
        repositoryId: row.id, at, nextPollAt: at + 3_600_000, method: mode === 'graphql' ? 'graphql' : 'api',
        state: { etags: { heads: `W/"h-${row.id}"`, tags: `W/"t-${row.id}"` } }, baseline: true, upserts, deletes: [], events: [], deliveries: [],
        metadata: {
          provider: 'github', organization: 'bench', name: row.name.slice(6), fullName: row.name, url: row.url,
          cloneUrl: `${row.url}.git`, id: row.id, defaultBranch: 'branch-0', visibility: 'public',
        },
      });
    }
  });
  for (let i = 0; i < rows.length; i += 1000) write(rows.slice(i, i + 1000));
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** ms from spawn to the first 200 of /ready, and the CPU the process had used by then (steadier than the wall time on a shared machine) */
function startOnce({ configFile, port, nodeArgs = [], timeoutMs = 120_000 }) {
  return startAndStop({ bin, configFile, port, nodeArgs, timeoutMs });
}

const args = parseArgs(process.argv.slice(2));
if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/ is missing: npm run build first');
const dir = args.dir ?? mkdtempSync(join(tmpdir(), 'reposentry-startup-'));
mkdirSync(dir, { recursive: true });
const api = await startProviderApi();
try {
  const port = await freePort();
  const tag = `${args.repos}x${args.branches}-${args.mode}`;
  const dataDir = join(dir, tag);
  const configFile = join(dir, `${tag}.yaml`);
  const listenerUrl = `http://127.0.0.1:${api.address().port}/listener`;
  const apiUrl = `http://127.0.0.1:${api.address().port}`;
  // the port and API URL change from run to run; the database depends on neither
  writeFileSync(configFile, configYaml({ repos: args.repos, concurrency: 16, apiUrl, listenerUrl, dataDir, port, mode: args.mode }));
  // storage.sqlite.path's default
  const dbPath = join(dataDir, 'reposentry.db');
  if (!existsSync(join(dataDir, 'filled'))) {
    rmSync(dataDir, { recursive: true, force: true });
    const t0 = performance.now();
    await fillDatabase({ dbPath, repos: args.repos, branches: args.branches, mode: args.mode });
    // the first start writes the database's marker file (and is not counted)
    await startOnce({ configFile, port });
    writeFileSync(join(dataDir, 'filled'), '');
    console.error(`filled ${tag} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const load = [loadavg()[0]];
  const ready = [];
  const cpu = [];
  for (let i = 0; i < args.runs; i++) {
    const { ms, cpuMs } = await startOnce({ configFile, port });
    ready.push(ms);
    cpu.push(cpuMs);
    console.error(`start ${i + 1}/${args.runs}: ready in ${ms.toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU)`);
  }
  const validate = [];
  if (args.validate) {
    for (let i = 0; i < Math.min(args.runs, 5); i++) validate.push(await measureValidate({ bin, configFile }));
  }
  if (args.cpuProf) {
    mkdirSync(args.cpuProf, { recursive: true });
    const { ms } = await startOnce({ configFile, port, nodeArgs: ['--cpu-prof', '--cpu-prof-dir', args.cpuProf] });
    console.error(`profiled start: ready in ${ms.toFixed(0)} ms; profile in ${args.cpuProf}`);
  }
  load.push(loadavg()[0]);
  const result = {
    repos: args.repos, branches: args.branches, mode: args.mode, runs: args.runs,
    readyMs: { median: Math.round(median(ready)), min: Math.round(Math.min(...ready)), max: Math.round(Math.max(...ready)), all: ready.map(Math.round) },
    // CPU time of the daemon process (all its threads) from spawn to ready: less disturbed by other load
    cpuToReadyMs: { median: Math.round(median(cpu)), all: cpu.map(Math.round) },
    validateMs: validate.length ? { median: Math.round(median(validate)), all: validate.map(Math.round) } : null,
    load1: load.map((l) => Number(l.toFixed(2))),
    node: process.version,
  };
  console.log(JSON.stringify(result));
  if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
} finally {
  api.close();
  if (!args.dir) rmSync(dir, { recursive: true, force: true });
}

