/** Daemons with discover sources against the fake provider APIs, in one data dir per test. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConfigInvalidError, formatProblem, startDaemon as start, type Daemon, type DaemonOptions } from '../../src/daemon/daemon.js';
import type { Config } from '../../src/config/types.js';
import { openStore, type Store } from '../../src/store/index.js';

/** startDaemon, with an invalid config's problems in the thrown message */
async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await start(opts);
    } catch (err) {
      if (err instanceof ConfigInvalidError) throw new Error(err.problems.map(formatProblem).join('\n'));
      // Under load the previous run's connection can still hold the exclusive lock for a moment after
      // stop() resolved (seen only with several test files in parallel); the next run waits for it.
      if (attempt < 50 && /is locked/.test(String(err))) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      throw err;
    }
  }
}

export function quietLog() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rs-discover-'));
}

/** `app:` + `tekton:` + `polling:` blocks for a daemon on a free port writing to dir/data. */
export function baseYaml(dir: string, listenerUrl: string, polling = 'retry_attempts: 0'): string {
  return [
    'app:',
    '  health_check_port: 0',
    `  data_dir: ${JSON.stringify(join(dir, 'data'))}`,
    'polling:',
    '  interval: 1h',
    `  ${polling}`,
    'tekton:',
    `  event_listener_url: ${listenerUrl}`,
    '  retry_backoff: 50ms',
    '  max_backoff: 200ms',
    '  timeout: 2s',
    '',
  ].join('\n');
}

/** `run --once` against the same data dir: discover, poll, deliver, stop. */
export async function runOnce(dir: string, yaml: string): Promise<{ ok: boolean; repositories: string[]; config: Config; logs: Array<Record<string, unknown>> }> {
  const sink = quietLog();
  const daemon = await startDaemon({ configFile: join(dir, 'config.yaml'), configText: yaml, once: true, env: {}, logDestination: sink.stream });
  try {
    const { ok } = await daemon.runOnce();
    return { ok, repositories: daemon.config().repositories.map((r) => r.name), config: daemon.config(), logs: sink.lines };
  } finally {
    await daemon.stop();
  }
}

export async function startRunning(dir: string, yaml: string): Promise<{ daemon: Daemon; logs: Array<Record<string, unknown>> }> {
  const sink = quietLog();
  const daemon = await startDaemon({ configFile: join(dir, 'config.yaml'), configText: yaml, env: {}, logDestination: sink.stream });
  return { daemon, logs: sink.lines };
}

export function withStore<T>(dir: string, fn: (store: Store) => T): T {
  const store = openStore(join(dir, 'data', 'reposentry.db'));
  try {
    return fn(store);
  } finally {
    store.close();
  }
}
