// The container's steps exercised without a Docker engine: the image's CMD (`node bin/reposentry run`,
// config from $REPOSENTRY_CONFIG, no -c) on the container config, probed by the image's HEALTHCHECK
// script. Needs the build (`npx tsup`).
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { BIN, ROOT, repoPath } from './helpers.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function healthcheck(port: number): Promise<number> {
  return new Promise((resolve) => {
    execFile(process.execPath, [repoPath('scripts/healthcheck.mjs')], { env: { PORT: String(port) } }, (err) => {
      resolve(err ? (typeof err.code === 'number' ? err.code : -1) : 0);
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('the container config run the way the image runs it', () => {
  let dir: string;
  let port: number;
  let daemon: ChildProcess;
  let stderr = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reposentry-container-'));
    const repo = join(dir, 'repo');
    mkdirSync(repo);
    const git = (args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    git(['init', '-q', '-b', 'main']);
    writeFileSync(join(repo, 'README'), 'x\n');
    git(['add', 'README']);
    git(['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'one']);

    // deployments/docker/config.yaml with only what cannot hold on a test host replaced: /data → a temp
    // folder, 0.0.0.0 → loopback (tests listen on 127.0.0.1), a free port, a local repository.
    port = await freePort();
    const config = parse(readFileSync(repoPath('deployments/docker/config.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(config.api.listen).toBe('0.0.0.0');
    expect(config.app.data_dir).toBe('/data');
    config.api.listen = '127.0.0.1';
    config.app.health_check_port = port;
    config.app.data_dir = join(dir, 'data');
    config.storage.sqlite = { path: join(dir, 'data/reposentry.db') };
    config.tekton.event_listener_url = 'http://127.0.0.1:9/';
    (config as Record<string, unknown>).security = { ...(config.security ?? {}), allow_file_urls: true };
    (config as Record<string, unknown>).repositories = [{ name: 'demo', url: `file://${repo}`, provider: 'git', branch_regex: '.*' }];
    const file = join(dir, 'config.yaml');
    writeFileSync(file, stringify(config));

    daemon = spawn(process.execPath, [BIN, 'run'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        REPOSENTRY_CONFIG: file,
        TEKTON_SECRET: 'example-secret',
        GITHUB_TOKEN: 'unused',
        // with the API token set, /api/* needs it but the probes must not
        REPOSENTRY_API_TOKEN: 'api-token-for-test',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    daemon.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  });

  afterAll(async () => {
    if (daemon && daemon.exitCode === null) {
      daemon.kill('SIGKILL');
      await exited(daemon);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('becomes healthy for the HEALTHCHECK script, serves /ready, and stops on SIGTERM', async () => {
    let code = 1;
    for (let i = 0; i < 100 && code !== 0 && daemon.exitCode === null; i++) {
      code = await healthcheck(port);
      if (code !== 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(code, stderr).toBe(0);

    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/status`)).status).toBe(401);
    const status = await fetch(`http://127.0.0.1:${port}/api/v1/status`, { headers: { authorization: 'Bearer api-token-for-test' } });
    expect(status.status).toBe(200);

    daemon.kill('SIGTERM');
    expect(await exited(daemon)).toBe(0);
    expect(await healthcheck(port)).toBe(1);
  });
});
