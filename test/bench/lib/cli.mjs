/** The built CLI as an operator runs it: `run` until /ready answers 200, and `validate`. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { procCpuSeconds } from './daemon-pass.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function exited(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/**
 * Spawns `reposentry run -c FILE` (MALLOC_ARENA_MAX=2, as the unit and the image ship it) and waits
 * for the first 200 from /ready: ms from spawn to then, and the CPU (all threads, /proc) the process
 * had used by then; then SIGTERM and wait for the exit.
 */
export async function startAndStop({ bin, configFile, port, nodeArgs = [], timeoutMs = 60_000 }) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, bin, 'run', '-c', configFile, '--log-level', 'warn'], {
    env: { ...process.env, MALLOC_ARENA_MAX: '2' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`reposentry run exited with ${child.exitCode}: ${stderr}`);
      if (performance.now() - t0 > timeoutMs) throw new Error(`reposentry run not ready within ${timeoutMs} ms: ${stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/ready`);
        await res.arrayBuffer();
        if (res.status === 200) return { ms: performance.now() - t0, cpuMs: procCpuSeconds(child.pid) * 1000 };
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited(child);
    clearTimeout(killer);
  }
}

/** ms from spawning `reposentry run -c FILE` to the first 200 from /ready (startAndStop). */
export async function measureStartup(options) {
  return (await startAndStop(options)).ms;
}

/** ms of `reposentry validate -c FILE` (process start to exit); throws unless it exits 0. */
export async function measureValidate({ bin, configFile }) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'validate', '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  const code = await exited(child);
  const ms = performance.now() - t0;
  if (code !== 0) throw new Error(`reposentry validate exited with ${code}: ${stderr}`);
  return ms;
}
