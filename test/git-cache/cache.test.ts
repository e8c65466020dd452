import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitCache, HEAD_REF } from '../../src/git-cache/cache.js';
import { silentLogger } from '../../src/log.js';
import { gitAuthHeader } from '../../src/providers/git/index.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { createGitWork, type GitWork } from '../helpers/git-work.js';

const NAME = 'acme/cached';
const TOKEN = 'cache-secret-token';

describe('git cache against git http-backend', () => {
  let server: GitServer;
  let work: GitWork;
  let dataDir: string;
  const argvs: string[][] = [];
  const envs: NodeJS.ProcessEnv[] = [];
  const recordingSpawn = (cmd: string, args: string[], opts: SpawnOptions): ChildProcess => {
    argvs.push(args);
    envs.push(opts.env ?? {});
    return spawn(cmd, args, opts);
  };

  beforeAll(async () => {
    server = await startGitServer();
    await server.createRepo(NAME);
    server.requireToken(NAME, TOKEN);
    work = await createGitWork();
    await work.git(['-C', join(server.root, `${NAME}.git`), 'config', 'uploadpack.allowFilter', 'true']);
    await work.commit('first', { 'src/a.ts': 'a', 'docs/readme.md': 'r' });
    await work.commit('second', { 'src/a.ts': 'a2' });
    await work.push(join(server.root, `${NAME}.git`), ['main', 'main:feature']);
    dataDir = await mkdtemp(join(tmpdir(), 'reposentry-cache-test-'));
  });
  afterAll(async () => {
    await work.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  function cache() {
    return createGitCache({ dataDir, fetchTimeoutMs: 20_000, readTimeoutMs: 10_000, log: silentLogger(), spawn: recordingSpawn });
  }

  it('fetches only the asked refs (and HEAD) without blobs, the token never in argv or on disk', async () => {
    const c = cache();
    const url = server.url(NAME).replace('http://', 'http://user:url-password@');
    const dir = await c.fetch({ url, refs: ['refs/heads/main'], includeHead: true, authHeader: gitAuthHeader('git', TOKEN), token: TOKEN });
    expect(dir.startsWith(join(dataDir, 'git-cache'))).toBe(true);
    const refs = await c.read(dir, ['for-each-ref', '--format=%(refname)']);
    expect(refs.split('\n').filter(Boolean).sort()).toEqual(['refs/heads/main', HEAD_REF]);
    const head = await work.git(['rev-parse', 'main']);
    expect(await c.has(dir, head)).toBe(true);
    // partial: the blobs are missing
    const missing = await c.read(dir, ['rev-list', '--objects', '--missing=print', 'refs/heads/main']);
    expect(missing.split('\n').some((l) => l.startsWith('?'))).toBe(true);
    for (const args of argvs) {
      expect(args.join(' ')).not.toContain(TOKEN);
      expect(args.join(' ')).not.toContain('url-password');
    }
    expect(envs.some((e) => Object.values(e).some((v) => typeof v === 'string' && v.includes(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'))))).toBe(true);
    const onDisk = readFileSync(join(dir, 'config'), 'utf8') + readFileSync(join(dir, 'description'), 'utf8');
    expect(onDisk).not.toContain('url-password');
    expect(onDisk).not.toContain(TOKEN);
  });

  it('fails with a scrubbed error when the token is wrong', async () => {
    const c = cache();
    const err = await c.fetch({ url: server.url(NAME), refs: ['refs/heads/feature'], authHeader: gitAuthHeader('git', 'wrong-token-x'), token: 'wrong-token-x' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('git fetch');
    expect((err as Error).message).not.toContain('wrong-token-x');
  });

  it('refuses ref names that could be read as options or refspecs', async () => {
    const c = cache();
    for (const ref of ['--upload-pack=touch /tmp/x', 'refs/heads/a:refs/heads/b', 'refs/heads/a b', 'refs/heads/../x']) {
      await expect(c.fetch({ url: server.url(NAME), refs: [ref] })).rejects.toThrow(/unexpected name/);
    }
  });

  it('lets git use only network transports, whatever URL reaches it (ext:: never runs a command)', async () => {
    const c = cache();
    const marker = join(dataDir, 'ext-ran');
    const ext = await c.fetch({ url: `ext::sh -c touch% ${marker}`, refs: ['refs/heads/main'] }).catch((e: unknown) => e);
    expect(ext).toBeInstanceOf(Error);
    expect(existsSync(marker)).toBe(false);
    // fd:: is no transport git refuses by default: it would read the descriptor until the timeout
    const fd = await c.fetch({ url: 'fd::0', refs: ['refs/heads/main'] }).catch((e: unknown) => e);
    expect(String((fd as { context?: { stderr?: string } }).context?.stderr ?? fd)).toMatch(/transport 'fd' not allowed/);
    // the file transport only for a local URL, which the config admits only with security.allow_file_urls
    const local = await c.fetch({ url: `file://${join(server.root, `${NAME}.git`)}`, refs: ['refs/heads/main'] });
    expect(await c.read(local, ['rev-parse', 'refs/heads/main'])).toContain(await work.git(['rev-parse', 'main']));
  });

  it('starts a corrupt cache over and fetches it again', async () => {
    const c = cache();
    const auth = { authHeader: gitAuthHeader('git', TOKEN), token: TOKEN };
    const dir = await c.fetch({ url: server.url(NAME), refs: ['refs/heads/main'], ...auth });
    const packs = join(dir, 'objects', 'pack');
    for (const f of readdirSync(packs)) writeFileSync(join(packs, f), 'garbage');
    for (const f of readdirSync(join(dir, 'objects'))) if (/^[0-9a-f]{2}$/.test(f)) await rm(join(dir, 'objects', f), { recursive: true });
    writeFileSync(join(dir, 'packed-refs'), 'garbage\n');
    const again = await c.fetch({ url: server.url(NAME), refs: ['refs/heads/main', 'refs/heads/feature'], ...auth });
    expect(existsSync(join(again, 'HEAD'))).toBe(true);
    expect(await c.read(again, ['rev-parse', 'refs/heads/feature'])).toContain(await work.git(['rev-parse', 'main']));
  });
});
