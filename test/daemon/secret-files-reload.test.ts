/** Secret files are read at start and on reload, and a rewritten secret file reloads by itself (rotated Secret volume). */
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';
import type { Engine } from '../../src/daemon/components.js';
import { startDaemon, type Daemon } from '../../src/daemon/daemon.js';
import { eventually } from '../e2e/daemon-process.js';

const running: Daemon[] = [];
afterEach(async () => {
  for (const d of running.splice(0)) await d.stop({ deadlineMs: 100 });
});

function engineRecording(reloads: Config[]): Engine {
  return {
    scheduler: { start: () => undefined, stop: async () => undefined, reload: (c) => void reloads.push(c), pollNow: async () => ({ status: 'unchanged' }), pollAllOnce: async () => [] },
    dispatcher: { start: () => undefined, stop: async () => undefined, wake: () => undefined, drainOnce: async () => ({ delivered: 0, failed: 0, dead: 0 }), redeliver: () => 0, reconcileTargets: () => undefined, dropHeld: () => 0 },
    budgets: () => [],
    reload: () => undefined,
    close: async () => undefined,
  } as Engine;
}

describe('secret files and reload', () => {
  it('picks up a rotated token file without a restart, and never logs it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-secret-reload-'));
    const secrets = join(dir, 'secrets');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(secrets);
    writeFileSync(join(secrets, 'token'), 'first-secret-value\n', { mode: 0o600 });
    const file = join(dir, 'config.yaml');
    writeFileSync(file, `app:\n  health_check_port: 0\n  data_dir: ${JSON.stringify(join(dir, 'data'))}\nrepositories:\n  - name: svc\n    url: https://github.com/acme/svc\n    token_file: secrets/token\n`);
    const reloads: Config[] = [];
    const logs: string[] = [];
    const daemon = await startDaemon({
      configFile: file, env: {}, watchDebounceMs: 50, createEngine: () => engineRecording(reloads),
      logDestination: new Writable({ write(chunk: Buffer, _e, done) { logs.push(chunk.toString()); done(); } }),
    });
    running.push(daemon);
    expect(daemon.config().repositories[0].token).toBe('first-secret-value');
    expect(daemon.config().secretFiles).toEqual([join(secrets, 'token')]);
    // the way a Secret volume or a careful operator rotates it: write aside, rename over
    writeFileSync(join(secrets, 'token.new'), 'second-secret-value\n', { mode: 0o600 });
    renameSync(join(secrets, 'token.new'), join(secrets, 'token'));
    await eventually(() => reloads.some((c) => c.repositories[0].token === 'second-secret-value'));
    expect(daemon.config().repositories[0].token).toBe('second-secret-value');
    expect(logs.join('')).toContain('config reloaded');
    expect(logs.join('')).not.toContain('first-secret-value');
    expect(logs.join('')).not.toContain('second-secret-value');
  });
});
