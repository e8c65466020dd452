import { execFile } from 'node:child_process';
import { RUNTIME_MODULES } from './runtime-modules.js';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { all, execForm, parseDockerfile } from './dockerfile.js';
import { readYamlDocs, repoPath } from './helpers.js';

const stages = parseDockerfile(readFileSync(repoPath('deployments/docker/Dockerfile'), 'utf8'));
const [build, runtime] = stages;

describe('deployments/docker/Dockerfile', () => {
  it('has a build stage on node:22-bookworm and a runtime stage on node:22-bookworm-slim', () => {
    expect(stages.map((s) => [s.from, s.name])).toEqual([
      ['node:22-bookworm', 'build'],
      ['node:22-bookworm-slim', 'runtime'],
    ]);
  });

  it('builds with npm ci then npm run build (the runtime stage copies only what the bundle needs)', () => {
    const runs = all(build, 'RUN');
    expect(runs).toEqual(['npm ci', 'npm run build']);
  });

  it('copies into the build stage every script npm run build runs', () => {
    const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { scripts: Record<string, string> };
    const scripts = [...pkg.scripts.build.matchAll(/node (scripts\/\S+)/g)].map((m) => m[1]);
    expect(scripts).toContain('scripts/gen-config-validator.mjs');
    const copied = all(build, 'COPY').flatMap((args) => args.split(' ').slice(0, -1));
    for (const script of scripts) expect(copied, script).toContain(script);
  });

  it('copies into the build context only files that exist and that .dockerignore keeps', () => {
    const ignored = readFileSync(repoPath('.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    const sources = [...all(build, 'COPY'), ...all(runtime, 'COPY')]
      .filter((args) => !args.startsWith('--from='))
      .flatMap((args) => args.split(' ').slice(0, -1));
    expect(sources.length).toBeGreaterThan(5);
    for (const src of sources) {
      expect(existsSync(repoPath(src)), src).toBe(true);
      expect(ignored.some((pattern) => src === pattern || src.startsWith(`${pattern}/`)), `${src} is dockerignored`).toBe(false);
    }
    // the build context must not ship secrets, state or local builds
    for (const pattern of ['.git', 'node_modules', 'dist', 'data', '*.db', '*.env']) expect(ignored).toContain(pattern);
  });

  it('installs git, tini and ca-certificates in the runtime stage', () => {
    const apt = all(runtime, 'RUN').find((r) => r.includes('apt-get install'));
    expect(apt).toBeDefined();
    for (const pkg of ['git', 'tini', 'ca-certificates']) expect(apt!.split(' ')).toContain(pkg);
    expect(apt).toContain('rm -rf /var/lib/apt/lists/*');
  });

  it('runs as the non-root uid 10001 with /data as a volume and the config path in the environment', () => {
    expect(all(runtime, 'USER')).toEqual(['10001:10001']);
    expect(all(runtime, 'RUN').join(' ')).toContain('useradd --system --uid 10001');
    expect(execForm(all(runtime, 'VOLUME')[0])).toEqual(['/data']);
    const env = all(runtime, 'ENV').join(' ');
    expect(env).toContain('REPOSENTRY_CONFIG=/etc/reposentry/config.yaml');
    expect(env).toContain('PORT=8080');
    expect(all(runtime, 'EXPOSE')).toEqual(['8080']);
    expect(all(runtime, 'COPY')).toContain('deployments/docker/config.yaml /etc/reposentry/config.yaml');
  });

  it('uses exec form for HEALTHCHECK, ENTRYPOINT (tini) and CMD, never npm start', () => {
    const health = all(runtime, 'HEALTHCHECK')[0];
    const cmdPart = /\bCMD (.*)$/.exec(health)![1];
    expect(execForm(cmdPart)).toEqual(['node', '/app/scripts/healthcheck.mjs']);
    expect(execForm(all(runtime, 'ENTRYPOINT')[0])).toEqual(['/usr/bin/tini', '--']);
    expect(execForm(all(runtime, 'CMD')[0])).toEqual(['node', '/app/bin/reposentry', 'run']);
    expect(readFileSync(repoPath('deployments/docker/Dockerfile'), 'utf8')).not.toMatch(/npm (run )?start/);
  });

  it('copies everything bin/reposentry needs at run time from the build stage', () => {
    const fromBuild = all(runtime, 'COPY')
      .filter((a) => a.startsWith('--from=build'))
      .map((a) => a.split(' ')[1]);
    for (const path of ['/app/package.json', '/app/dist', '/app/bin', '/app/migrations', '/app/scripts/healthcheck.mjs', ...RUNTIME_MODULES.map((m) => `/app/node_modules/${m}`)]) {
      expect(fromBuild).toContain(path);
    }
    // not the whole node_modules (83 MB): the bundle needs only these (runtime-modules.test.ts runs it so)
    expect(fromBuild).not.toContain('/app/node_modules');
  });
});

describe('deployments/docker/docker-compose.yml', () => {
  const [compose] = readYamlDocs(repoPath('deployments/docker/docker-compose.yml'));
  const svc = (compose.services as Record<string, Record<string, unknown>>).reposentry;

  it('keeps data in a named volume, tokens in an env file, and restarts unless stopped', () => {
    expect(svc.restart).toBe('unless-stopped');
    expect(svc.env_file).toEqual(['reposentry.env']);
    expect(svc.volumes).toContain('reposentry-data:/data');
    expect(svc.volumes).toContain('./config.yaml:/etc/reposentry/config.yaml:ro');
    expect(Object.keys(compose.volumes as object)).toEqual(['reposentry-data']);
    expect(svc.build).toEqual({ context: '../..', dockerfile: 'deployments/docker/Dockerfile' });
  });

  it('runs with a read-only root filesystem and /tmp as tmpfs, inheriting the image healthcheck', () => {
    expect(svc.read_only).toBe(true);
    expect(svc.tmpfs).toEqual(['/tmp']);
    expect(svc.cap_drop).toEqual(['ALL']);
    expect(svc.healthcheck).toBeUndefined();
  });
});

describe('scripts/healthcheck.mjs', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r) ?? r(undefined));
    server = undefined;
  });

  function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
    server = createServer(handler);
    return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port)));
  }

  function check(port: number | string): Promise<{ code: number; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [repoPath('scripts/healthcheck.mjs')], { env: { PORT: String(port) } }, (err, _out, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stderr });
      });
    });
  }

  it('exits 0 when GET /health answers 200', async () => {
    const paths: string[] = [];
    const port = await serve((req, res) => {
      paths.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
    expect(await check(port)).toEqual({ code: 0, stderr: '' });
    expect(paths).toEqual(['GET /health']);
  });

  it('exits 1 when /health answers 503', async () => {
    const port = await serve((_req, res) => res.writeHead(503).end());
    const res = await check(port);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('503');
  });

  it('exits 1 when nothing listens', async () => {
    const port = await serve((_req, res) => res.end());
    server!.close();
    const res = await check(port);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('ECONNREFUSED');
  });

  it('exits 1 when the server accepts but never answers (3 s deadline)', async () => {
    const port = await serve(() => {
      /* never answer */
    });
    const res = await check(port);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('no answer within 3000 ms');
  });

  it('exits 1 on a PORT that is not a port', async () => {
    const res = await check('http');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('PORT must be a TCP port');
  });
});
