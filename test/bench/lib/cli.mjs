/** The built CLI as an operator runs it: `run` until /ready answers 200, and `validate`. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

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

/** ms from spawning `reposentry run -c FILE` to the first 200 from /ready; then SIGTERM and wait. */
export async function measureStartup({ bin, configFile, port, timeoutMs = 60_000 }) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'run', '-c', configFile, '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`reposentry run exited with ${child.exitCode}: ${stderr}`);
      if (performance.now() - t0 > timeoutMs) throw new Error(`reposentry run not ready within ${timeoutMs} ms: ${stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/ready`);
        await res.arrayBuffer();
        if (res.status === 200) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(killer);
  }
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
