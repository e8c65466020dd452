import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';
import type { Engine, EngineDeps } from '../../src/daemon/components.js';
import { startDaemon, type Daemon } from '../../src/daemon/daemon.js';
import { json } from '../api/helpers.js';
import { eventually } from '../e2e/daemon-process.js';
import { startHangingServer } from '../helpers/hanging-server.js';

interface FakeEngine extends Engine {
  calls: string[];
  reloads: Config[];
  engineReloads: Config[];
  outcomes: Array<{ repository: string; status: string; error?: { message: string } }>;
  drain: { delivered: number; failed: number; dead: number };
  hangStop: boolean;
  deps?: EngineDeps;
}

function fakeEngine(): FakeEngine {
  const e: FakeEngine = {
    calls: [],
    reloads: [],
    engineReloads: [],
    outcomes: [{ repository: 'svc', status: 'changed' }],
    drain: { delivered: 1, failed: 0, dead: 0 },
    hangStop: false,
    scheduler: {
      start: () => void e.calls.push('scheduler.start'),
      stop: () => {
        e.calls.push('scheduler.stop');
        return e.hangStop ? new Promise(() => undefined) : Promise.resolve();
      },
      reload: (c) => void e.reloads.push(c),
      pollNow: async () => ({ status: 'unchanged' }),
      pollAllOnce: async () => e.outcomes,
    },
    dispatcher: {
      start: () => void e.calls.push('dispatcher.start'),
      stop: async (o) => void e.calls.push(`dispatcher.stop:${o?.deadlineMs !== undefined && o.deadlineMs <= 8000}`),
      wake: () => undefined,
      drainOnce: async () => e.drain,
      redeliver: () => 0,
      reconcileTargets: () => undefined,
      dropHeld: () => 0,
    },
    budgets: () => [],
    reload: (c) => void e.engineReloads.push(c),
    close: async () => void e.calls.push('engine.close'),
  };
  return e;
}

function yaml(dir: string, port: number, repos: string[]): string {
  return `app:\n  health_check_port: ${port}\n  data_dir: ${JSON.stringify(join(dir, 'data'))}\nrepositories:\n${repos
    .map((r) => `  - name: ${r}\n    url: https://git.example.com/acme/${r}.git\n    provider: git\n`)
    .join('')}`;
}

function logSink() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

const running: Daemon[] = [];
afterEach(async () => {
  for (const d of running.splice(0)) await d.stop({ deadlineMs: 100 });
});

async function start(opts: { repos?: string[]; once?: boolean; watch?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rs-daemon-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(file, yaml(dir, 0, opts.repos ?? ['svc']));
  const engine = fakeEngine();
  const sink = logSink();
  const daemon = await startDaemon({
    configFile: file,
    once: opts.once,
    env: {},
    logDestination: sink.stream,
    watchDebounceMs: 50,
    createEngine: (deps) => {
      engine.deps = deps;
      return engine;
    },
  });
  running.push(daemon);
  return { daemon, engine, dir, file, logs: sink.lines };
}

describe('startDaemon', () => {
  it('starts the API, then the scheduler, then the dispatcher, and is ready', async () => {
    const { daemon, engine } = await start();
    expect(engine.calls).toEqual(['scheduler.start', 'dispatcher.start']);
    expect(daemon.isReady()).toBe(true);
    const res = await fetch(`http://127.0.0.1:${daemon.port}/ready`);
    expect(res.status).toBe(200);
    expect((await json(res)).checks.map((c: { name: string }) => c.name)).toEqual(['config', 'storage', 'scheduler', 'dispatcher']);
  });

  it('says in its ready line how long each start step took', async () => {
    const { logs } = await start();
    const ready = logs.find((l) => l.msg === 'reposentry ready');
    const ms = ready?.startupMs as Record<string, number>;
    expect(Object.keys(ms)).toEqual(['config', 'store', 'engine', 'api', 'sinceProcessStart']);
    for (const v of Object.values(ms)) expect(Number.isInteger(v) && v >= 0).toBe(true);
    expect(ms.sinceProcessStart).toBeGreaterThanOrEqual(ms.config + ms.store + ms.engine + ms.api);
  });

  it('in --once mode starts no API and reports success only when polls and deliveries all succeeded', async () => {
    const { daemon, engine } = await start({ once: true });
    expect(daemon.port).toBeNull();
    expect(engine.calls).toEqual([]);
    expect((await daemon.runOnce()).ok).toBe(true);
    engine.drain = { delivered: 0, failed: 0, dead: 1 };
    expect((await daemon.runOnce()).ok).toBe(false);
    engine.drain = { delivered: 1, failed: 0, dead: 0 };
    engine.outcomes = [{ repository: 'svc', status: 'error', error: { message: 'boom' } }];
    expect((await daemon.runOnce()).ok).toBe(false);
  });

  it('closes everything on stop, in reverse order', async () => {
    const { daemon, engine } = await start();
    const port = daemon.port;
    await daemon.stop({ deadlineMs: 200 });
    expect(daemon.isReady()).toBe(false);
    expect(engine.calls).toContain('dispatcher.stop:true');
    expect(engine.calls.at(-1)).toBe('engine.close');
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    expect(engine.deps?.store.db.open).toBe(false);
  });

  it('with the real engine, stops at the deadline while a provider never answers: the poll is aborted and logged, its connection closed', async () => {
    const api = await startHangingServer();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'rs-daemon-'));
      const file = join(dir, 'config.yaml');
      writeFileSync(file, `app:\n  health_check_port: 0\n  data_dir: ${JSON.stringify(join(dir, 'data'))}\n` +
        'polling:\n  timeout: 10m\n  retry_attempts: 0\n  enable_api_fallback: false\n' +
        `repositories:\n  - name: svc\n    url: https://github.com/acme/svc\n    provider: github\n    api_base_url: ${api.url}\n`);
      const sink = logSink();
      const daemon = await startDaemon({ configFile: file, env: {}, logDestination: sink.stream });
      await eventually(() => api.requests.length > 0);
      await daemon.stop({ deadlineMs: 300 });
      const aborted = sink.lines.filter((l) => String(l.msg).startsWith('shutdown deadline reached'));
      expect(aborted).toHaveLength(1);
      expect(aborted[0]).toMatchObject({ polls: ['svc'], deliveries: 0 });
      await eventually(() => api.openConnections() === 0, 5_000);
    } finally {
      await api.close();
    }
  });
});

describe('reload', () => {
  it('keeps the old config when the new one is invalid and logs each problem', async () => {
    const { daemon, engine, file, logs } = await start();
    writeFileSync(file, 'polling:\n  interval: often\nrepositories: []\n');
    const result = await daemon.reload();
    expect(result.applied).toBe(false);
    expect(result.errors[0].path).toBe('polling.interval');
    expect(engine.reloads).toEqual([]);
    expect(daemon.config().repositories.map((r) => r.name)).toEqual(['svc']);
    expect(logs.some((l) => l.level === 50 && String(l.msg).startsWith(`config reload rejected: ${file}:2:`))).toBe(true);
  });

  it('applies a valid config, logs what changed and which keys need a restart', async () => {
    const { daemon, engine, file, dir, logs } = await start();
    writeFileSync(file, yaml(dir, 1, ['svc', 'lib']));
    const result = await daemon.reload();
    expect(result.applied).toBe(true);
    expect(engine.reloads.at(-1)?.repositories.map((r) => r.name)).toEqual(['svc', 'lib']);
    // the engine (HTTP client, providers) sees every applied config too
    expect(engine.engineReloads.at(-1)).toBe(engine.reloads.at(-1));
    expect(daemon.config().repositories).toHaveLength(2);
    expect(logs.find((l) => l.msg === 'config reloaded')).toMatchObject({ added: ['lib'], removed: [], changed: [] });
    expect(logs.find((l) => l.msg === 'restart needed to apply app.health_check_port')).toBeDefined();
    // the API keeps serving on the port it started with
    expect((await fetch(`http://127.0.0.1:${daemon.port}/health`)).status).toBe(200);
  });

  it('warns, naming the key, when a reload removes api.auth_token', async () => {
    const { daemon, file, dir, logs } = await start();
    writeFileSync(file, `api:\n  auth_token: some-long-api-token\n${yaml(dir, 0, ['svc'])}`);
    expect((await daemon.reload()).applied).toBe(true);
    expect(logs.some((l) => l.level === 40 && l.key === 'api.auth_token')).toBe(false);
    writeFileSync(file, yaml(dir, 0, ['svc']));
    expect((await daemon.reload()).applied).toBe(true);
    const warning = logs.find((l) => l.level === 40 && l.key === 'api.auth_token');
    expect(String(warning?.msg)).toContain('removes api.auth_token');
  });

  it('never logs the credentials of a URL in a rejected config', async () => {
    const { daemon, file, dir, logs } = await start();
    const canary = 'canary-reload-5e1f0a';
    writeFileSync(file, `tekton:\n  event_listener_url: "ftp://user:${canary}@el.example.com/"\n${yaml(dir, 0, ['svc'])}  - name: bad\n    url: "ftp://deploy:${canary}@git.example.com/acme/x.git"\n`);
    const result = await daemon.reload();
    expect(result.applied).toBe(false);
    expect(result.errors.map((e) => e.path)).toEqual(['tekton.event_listener_url', 'repositories[1].url']);
    expect(JSON.stringify(result.errors)).not.toContain(canary);
    expect(logs.filter((l) => String(l.msg).startsWith('config reload rejected:'))).toHaveLength(2);
    expect(JSON.stringify(logs)).not.toContain(canary);
  });

  it('refuses a config file over 16 MiB, keeps the old config and keeps serving', async () => {
    const { daemon, file, dir } = await start();
    // a valid config padded with comments: without the cap it would be parsed and applied
    writeFileSync(file, `${yaml(dir, 0, [])}${'# padding padding padding padding padding padding padding\n'.repeat(300_000)}`);
    const result = await daemon.reload();
    expect(result.applied).toBe(false);
    expect(result.errors[0].message).toMatch(/at most 16 MiB/);
    expect(daemon.config().repositories.map((r) => r.name)).toEqual(['svc']);
    expect((await fetch(`http://127.0.0.1:${daemon.port}/health`)).status).toBe(200);
  });

  it('reloads when the file is replaced on disk', async () => {
    const { engine, file, dir } = await start();
    writeFileSync(`${file}.tmp`, yaml(dir, 0, ['svc', 'other']));
    // editors and ConfigMaps replace the file: a rename over it must still be noticed
    const { renameSync } = await import('node:fs');
    renameSync(`${file}.tmp`, file);
    await eventually(() => engine.reloads.some((c) => c.repositories.some((r) => r.name === 'other')));
  });
});

describe('storage and metrics housekeeping', () => {
  it('a reload that removes a repository removes its metric series; status and metrics show the database', async () => {
    const { daemon, engine, file, dir } = await start({ repos: ['svc', 'lib'] });
    engine.deps!.pollMetrics.pollCompleted({ repository: 'svc', status: 'unchanged', events: 0, durationMs: 5 });
    engine.deps!.pollMetrics.pollCompleted({ repository: 'lib', status: 'unchanged', events: 0, durationMs: 5 });
    engine.deps!.pollMetrics.pollCompleted({ repository: 'lib', status: 'error', events: 0, durationMs: 5 });
    const metrics = async () => (await fetch(`http://127.0.0.1:${daemon.port}/metrics`)).text();
    expect(await metrics()).toContain('reposentry_polls_total{repository="lib",provider="git",result="error"} 1');

    writeFileSync(file, yaml(dir, 0, ['svc']));
    expect((await daemon.reload()).applied).toBe(true);
    const text = await metrics();
    expect(text).not.toContain('repository="lib"');
    expect(text).toContain('reposentry_polls_total{repository="svc",provider="git",result="unchanged"} 1');
    expect(text).toMatch(/^reposentry_database_size_bytes [1-9]\d*$/m);
    // the fake engine syncs no repositories table: only the real scheduler writes rows
    expect(text).toMatch(/^reposentry_database_rows\{table="repositories"\} \d+$/m);
    expect(text).toContain('reposentry_database_rows{table="events"} 0');

    const status = await json(await fetch(`http://127.0.0.1:${daemon.port}/api/v1/status`));
    expect(status.storage).toMatchObject({ rows: { refs: 0, events: 0, deliveries: 0 }, retention_seconds: 30 * 86_400 });
    expect(status.storage.size_bytes).toBeGreaterThan(0);
  });
});
