/**
 * The mirror target against real git servers (git http-backend): a source polled with ls-remote
 * and a destination that accepts pushes. Real commits, force-pushes, deletions, a destination
 * changed behind our back (the lease refuses), a destination that is down, and a missing one.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import type { Config } from '../../src/config/types.js';
import { mirrorLag } from '../../src/delivery/mirror/lag.js';
import { runOnce, tempDir, withStore } from '../discover/helpers.js';

let src: GitServer;
let dst: GitServer;
beforeEach(async () => {
  src = await startGitServer();
  dst = await startGitServer();
  await src.createRepo('acme/app');
});
afterEach(async () => {
  await src.close();
  await dst.close();
});

function yaml(dir: string, target: string): string {
  return [
    'app:',
    '  health_check_port: 0',
    `  data_dir: ${JSON.stringify(`${dir}/data`)}`,
    'polling:',
    '  interval: 1h',
    '  retry_attempts: 0',
    'repositories:',
    '  - name: acme/app',
    `    url: ${src.url('acme/app')}`,
    '    provider: git',
    '    tag_regex: "^v"',
    'triggers:',
    '  - name: mirror',
    '    format: mirror',
    `    url: ${dst.baseUrl}/${target}`,
    '    retry_backoff: 50ms',
    '    max_backoff: 100ms',
    '    timeout: 3s',
    '',
  ].join('\n');
}

async function mirrorRepo(name: string): Promise<void> {
  await dst.createRepo(name);
  await dst.acceptPushes(name);
}

/**
 * Puts a git first on PATH (for this test) that appends what `record` prints to a log, then runs
 * the real git: what every git the daemon starts was given, as `ps` or its helpers would see it.
 */
function recordingGit(record: string): string {
  const bin = join(tempDir(), 'bin');
  mkdirSync(bin);
  const log = join(bin, 'git.log');
  writeFileSync(log, '');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(bin, 'git'), `#!/bin/sh\n${record} >> '${log}'\nexec ${realGit} "$@"\n`, { mode: 0o755 });
  const path = process.env.PATH;
  process.env.PATH = `${bin}:${path ?? ''}`;
  onTestFinished(() => {
    process.env.PATH = path;
  });
  return log;
}

function lastError(dir: string): string | null {
  return withStore(dir, (store) => {
    const row = store.db.prepare(`SELECT last_error FROM deliveries WHERE target = 'mirror' ORDER BY id DESC LIMIT 1`).get() as { last_error: string | null } | undefined;
    return row?.last_error ?? null;
  });
}

describe('format: mirror', () => {
  it('keeps the destination equal to the source through commits, force-pushes, new and deleted branches and tags', async () => {
    await mirrorRepo('mirrors/app');
    const dir = tempDir();
    const config = yaml(dir, 'mirrors/{repo}.git');
    const a = await src.commit('acme/app', 'main', 'first');
    expect((await runOnce(dir, config)).ok).toBe(true);

    const b = await src.commit('acme/app', 'main', 'second');
    expect((await runOnce(dir, config)).ok).toBe(true);
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': b });
    expect(a).not.toBe(b);
    withStore(dir, (store) => {
      const lag = mirrorLag(store, { targets: [{ name: 'mirror', format: 'mirror' }], repositories: [{ name: 'acme/app' }] } as unknown as Config);
      expect(lag).toEqual([{ target: 'mirror', refsBehind: 0, refsInSync: 1, lastPushAt: expect.any(Number) as number }]);
    });

    // a force-push: the new head does not descend from the old one
    const forced = await src.commit('acme/app', 'main', 'rewritten', { force: true });
    const feature = await src.commit('acme/app', 'feature', 'feature work', { force: true });
    const tag = await src.tag('acme/app', 'v1.0', forced, true);
    const light = await src.tag('acme/app', 'v1.1', forced);
    expect((await runOnce(dir, config)).ok).toBe(true);
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': forced, 'refs/heads/feature': feature, 'refs/tags/v1.0': tag, 'refs/tags/v1.1': light });

    // the source moves while the mirror is down: one ref behind, then none
    dst.misbehave('mirrors/app', 'unavailable');
    const ahead = await src.commit('acme/app', 'main', 'while down', { force: true });
    expect((await runOnce(dir, config)).ok).toBe(false);
    withStore(dir, (store) => {
      const [lag] = mirrorLag(store, { targets: [{ name: 'mirror', format: 'mirror' }], repositories: [{ name: 'acme/app' }] } as unknown as Config);
      expect(lag.refsBehind).toBe(1);
    });
    dst.misbehave('mirrors/app', undefined);
    expect((await runOnce(dir, config)).ok).toBe(true);
    expect((await dst.refs('mirrors/app'))['refs/heads/main']).toBe(ahead);

    await src.deleteRef('acme/app', 'refs/heads/feature');
    await src.deleteRef('acme/app', 'refs/tags/v1.0');
    expect((await runOnce(dir, config)).ok).toBe(true);
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': ahead, 'refs/tags/v1.1': light });

    // the last tag deleted: the second listing confirms the empty tag list, and the mirror follows
    await src.deleteRef('acme/app', 'refs/tags/v1.1');
    expect((await runOnce(dir, config)).ok).toBe(true);
    expect((await runOnce(dir, config)).ok).toBe(true);
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': ahead });

    // a redelivery of an already pushed change is a no-op, not a lease failure
    withStore(dir, (store) => {
      store.db.prepare(`UPDATE deliveries SET status = 'pending', next_attempt_at = 0 WHERE target = 'mirror'`).run();
    });
    expect((await runOnce(dir, config)).ok).toBe(true);
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': ahead });
  });

  it('does not clobber a destination ref changed behind its back: the delivery fails with the reason', async () => {
    await mirrorRepo('mirrors/app');
    const dir = tempDir();
    const config = yaml(dir, 'mirrors/app.git');
    await src.commit('acme/app', 'main', 'first');
    await runOnce(dir, config);
    const b = await src.commit('acme/app', 'main', 'second');
    expect((await runOnce(dir, config)).ok).toBe(true);
    expect((await dst.refs('mirrors/app'))['refs/heads/main']).toBe(b);

    // someone else pushes to the mirror
    const theirs = await dst.commit('mirrors/app', 'main', 'not from the source');
    await src.commit('acme/app', 'main', 'third');
    const run = await runOnce(dir, config);
    expect(run.ok).toBe(false);
    expect((await dst.refs('mirrors/app'))['refs/heads/main']).toBe(theirs);
    expect(lastError(dir)).toMatch(/refs\/heads\/main is at [0-9a-f]{40} on the destination, expected [0-9a-f]{40}: changed by someone else; not overwritten/);
  });

  it('a destination changed between our read and the push is refused by git\'s own lease: retried, dead-lettered, never clobbered', async () => {
    await mirrorRepo('mirrors/app');
    const dir = tempDir();
    // a long backoff: each run makes one attempt, so the first one's reason can be read
    const config = `${yaml(dir, 'mirrors/app.git').replace('retry_backoff: 50ms', 'retry_backoff: 1h').replace('max_backoff: 100ms', 'max_backoff: 2h')}    retry_attempts: 2\n`;
    await src.commit('acme/app', 'main', 'first');
    expect((await runOnce(dir, config)).ok).toBe(true);
    await src.commit('acme/app', 'main', 'second');
    // every push's ref advertisement (info/refs?service=git-receive-pack) comes after our ls-remote
    // read the destination: someone else moves main right then, each time
    let theirs = '';
    let raced = 0;
    dst.beforeRequest(async (path, query) => {
      if (path.endsWith('/info/refs') && query.includes('service=git-receive-pack')) {
        raced++;
        theirs = await dst.commit('mirrors/app', 'main', `theirs ${raced}`, { force: true });
      }
    });
    const first = await runOnce(dir, config);
    expect(first.ok).toBe(false);
    expect(raced).toBe(1);
    expect((await dst.refs('mirrors/app'))['refs/heads/main']).toBe(theirs);
    expect(lastError(dir)).toMatch(/the destination refused the push: refs\/heads\/main changed there since it was read \(lease on [0-9a-f]{40}\); not overwritten/);

    // the retries meet the destination moved (now seen by the read): dead-lettered, still theirs
    for (let i = 0; i < 3; i++) {
      withStore(dir, (store) => store.db.prepare(`UPDATE deliveries SET next_attempt_at = 0 WHERE target = 'mirror' AND status = 'pending'`).run());
      await runOnce(dir, config);
    }
    const row = withStore(dir, (store) => store.db.prepare(`SELECT status, attempts FROM deliveries WHERE target = 'mirror' ORDER BY id DESC LIMIT 1`).get()) as { status: string; attempts: number };
    expect(row.status).toBe('dead');
    expect((await dst.refs('mirrors/app'))['refs/heads/main']).toBe(theirs);
  });

  it('retries while the destination is down, then delivers', async () => {
    await mirrorRepo('mirrors/app');
    const dir = tempDir();
    const config = yaml(dir, 'mirrors/app.git');
    const a = await src.commit('acme/app', 'main', 'first');
    await runOnce(dir, config);
    dst.misbehave('mirrors/app', 'unavailable');
    const b = await src.commit('acme/app', 'main', 'second');
    const down = await runOnce(dir, config);
    expect(down.ok).toBe(false);
    expect(lastError(dir)).toMatch(/503|returned error|unable to access/);
    // the initial sync pushed the baseline; the change waits
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': a });

    dst.misbehave('mirrors/app', undefined);
    // nothing new on the source: the pending delivery from the outage goes out
    expect((await runOnce(dir, config)).ok).toBe(true);
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': b });
  });

  it('a missing destination without create is dead at once with a clear reason', async () => {
    const dir = tempDir();
    const config = yaml(dir, 'mirrors/nowhere.git');
    await src.commit('acme/app', 'main', 'first');
    await runOnce(dir, config);
    await src.commit('acme/app', 'main', 'second');
    expect((await runOnce(dir, config)).ok).toBe(false);
    const row = withStore(dir, (store) => store.db.prepare(`SELECT status, attempts, last_error FROM deliveries WHERE target = 'mirror'`).get()) as { status: string; attempts: number; last_error: string };
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row.last_error).toMatch(/mirror destination .*mirrors\/nowhere\.git does not exist; create it, or set create: gitea\|gitlab\|onedev/);
  });

  it('creates a missing destination through a Gitea-style API when create is set', async () => {
    const created: string[] = [];
    dst.setApi((req, res, path) => {
      const m = /^\/api\/v1\/orgs\/([^/]+)\/repos$/.exec(path);
      if (!m || req.method !== 'POST') return false;
      if (req.headers.authorization !== 'token create-secret') {
        res.writeHead(401).end('{"message":"token is required"}');
        return true;
      }
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const { name } = JSON.parse(body) as { name: string };
        void mirrorRepo(`${m[1]}/${name}`).then(() => {
          created.push(`${m[1]}/${name}`);
          res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ full_name: `${m[1]}/${name}` }));
        });
      });
      return true;
    });
    const dir = tempDir();
    const config = `${yaml(dir, 'mirrors/{repo}.git')}    create: gitea\n    create_token: create-secret\n`;
    await src.commit('acme/app', 'main', 'first');
    await runOnce(dir, config);
    const b = await src.commit('acme/app', 'main', 'second');
    expect((await runOnce(dir, config)).ok).toBe(true);
    expect(created).toEqual(['mirrors/app']);
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': b });
  });

  it('pushes with the target token (sent through the environment, never argv) and never logs it', async () => {
    // a git on PATH that records its argv, then runs the real one
    const argvLog = recordingGit(`printf '%s\\n' "$*"`);
    await mirrorRepo('mirrors/app');
    dst.requireToken('mirrors/app', 'push-secret-123');
    const dir = tempDir();
    const config = `${yaml(dir, 'mirrors/app.git')}    token: push-secret-123\n`;
    await src.commit('acme/app', 'main', 'first');
    await runOnce(dir, config);
    const b = await src.commit('acme/app', 'main', 'second');
    const run = await runOnce(dir, config);
    expect(run.ok).toBe(true);
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': b });
    expect(dst.authHeaders.some((h) => h === `Basic ${Buffer.from('x-access-token:push-secret-123').toString('base64')}`)).toBe(true);
    expect(JSON.stringify(run.logs)).not.toContain('push-secret-123');
    // every git the daemon started (ls-remote, fetch, push), as `ps` would have shown it: no token
    const argv = readFileSync(argvLog, 'utf8');
    expect(argv).toMatch(/\bpush\b/);
    expect(argv).toMatch(/\bls-remote\b/);
    expect(argv).not.toContain('push-secret-123');
    expect(argv).not.toContain(Buffer.from('x-access-token:push-secret-123').toString('base64'));

    // a wrong token: refused, dead (retrying cannot fix credentials), and the reason carries no secret
    const wrong = `${yaml(dir, 'mirrors/app.git')}    token: wrong-secret-456\n`;
    await src.commit('acme/app', 'main', 'third');
    const refused = await runOnce(dir, wrong);
    expect(refused.ok).toBe(false);
    expect(lastError(dir)).toMatch(/authentication refused/);
    expect(lastError(dir)).not.toContain('wrong-secret-456');
    expect(JSON.stringify(refused.logs)).not.toContain('wrong-secret-456');
  });
  it('pushes with credentials written in the destination URL without handing the URL (with them) to git', async () => {
    // a git on PATH that records the configuration it is given through the environment: git passes
    // remote.mirror.url as an argument to its git-remote-http helper, where `ps` would show it
    const envLog = recordingGit("env | grep '^GIT_CONFIG_VALUE_'");
    await mirrorRepo('mirrors/app');
    dst.requireToken('mirrors/app', 'url-secret-789');
    const dir = tempDir();
    const config = yaml(dir, 'mirrors/app.git').replace(`url: ${dst.baseUrl}/`, `url: ${dst.baseUrl.replace('http://', 'http://mirror-bot:url-secret-789@')}/`);
    await src.commit('acme/app', 'main', 'first');
    await runOnce(dir, config);
    const b = await src.commit('acme/app', 'main', 'second');
    const run = await runOnce(dir, config);
    expect(run.ok).toBe(true);
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': b });
    expect(dst.authHeaders).toContain(`Basic ${Buffer.from('mirror-bot:url-secret-789').toString('base64')}`);
    const given = readFileSync(envLog, 'utf8');
    expect(given).toContain(`${dst.baseUrl}/mirrors/app.git`);
    expect(given).not.toContain('url-secret-789');
    expect(JSON.stringify(run.logs)).not.toContain('url-secret-789');
    expect(lastError(dir) ?? '').not.toContain('url-secret-789');
  });
});
