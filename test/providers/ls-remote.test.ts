import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReposentryError } from '../../src/errors.js';
import { createGitProvider } from '../../src/providers/git/index.js';
import { parseLsRemote, type SpawnLike } from '../../src/providers/git/ls-remote.js';
import { redactText } from '../../src/redact.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { repoConfig } from './helpers.js';
import { withLocation } from '../helpers/repo-config.js';

const NAME = 'acme/svc';
const TOKEN = 'ghp_SuperSecretToken123';
let server: GitServer;

interface Spawned {
  args: string[];
  env: NodeJS.ProcessEnv;
  child: ChildProcess;
}

function liveGroupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // fields after the ")" of the command name: state ppid pgrp …
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') out.push(Number(entry));
  }
  return out;
}

function recordingSpawn(calls: Spawned[]): SpawnLike {
  return (command, args, options) => {
    const child = spawn(command, args, options);
    calls.push({ args, env: options.env ?? {}, child });
    return child;
  };
}

beforeEach(async () => {
  server = await startGitServer();
  await server.createRepo(NAME);
  server.requireToken(NAME, TOKEN);
});
afterEach(async () => {
  await server.close();
});

describe('git ls-remote', () => {
  it('passes the token only through the environment, never argv or the URL', async () => {
    const calls: Spawned[] = [];
    const main = await server.commit(NAME, 'main', 'one');
    const provider = createGitProvider({ timeoutMs: 10_000, spawn: recordingSpawn(calls) });
    const result = await provider.listRefs(repoConfig('git', server.url(NAME), '', TOKEN), { includeTags: false, state: {} });
    expect(result.branches).toEqual([{ kind: 'branch', name: 'main', sha: main }]);
    const [call] = calls;
    expect(call.args.join(' ')).not.toContain(TOKEN);
    expect(call.args).toEqual(expect.arrayContaining(['-c', 'protocol.version=2', 'ls-remote', '--heads', '--', server.url(NAME)]));
    expect(call.env.GIT_CONFIG_KEY_0).toBe('http.extraHeader');
    expect(call.env.GIT_CONFIG_VALUE_0).toBe(`Authorization: Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`);
    expect(call.env).toMatchObject({ GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' });
  });

  it('polls with the credentials of the URL, passed through the environment, never argv', async () => {
    const calls: Spawned[] = [];
    const main = await server.commit(NAME, 'main', 'one');
    const url = server.url(NAME).replace('http://', `http://x-access-token:${encodeURIComponent(TOKEN)}@`);
    const repo = withLocation({ name: 'creds', url, provider: 'git', enabled: true, pollingIntervalMs: 60_000 });
    expect(JSON.stringify(repo)).not.toContain(TOKEN);
    const provider = createGitProvider({ timeoutMs: 10_000, spawn: recordingSpawn(calls) });
    const result = await provider.listRefs(repo, { includeTags: false, state: {} });
    expect(result.branches).toEqual([{ kind: 'branch', name: 'main', sha: main }]);
    const [call] = calls;
    expect(call.args.join(' ')).not.toContain(TOKEN);
    expect(call.args.slice(-2)).toEqual(['--', server.url(NAME)]);
    expect(call.env.GIT_CONFIG_VALUE_0).toBe(`Authorization: Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`);
  });

  it('lets git use only the allowed transports, whatever URL reaches it', async () => {
    await server.commit(NAME, 'main', 'one');
    const fileUrl = `file://${server.root}/${NAME}.git`;
    const repo = repoConfig('git', server.url(NAME), '');
    const atFile = { ...repo, location: { ...repo.location, cloneUrl: fileUrl } };
    // file:// only with security.allow_file_urls: git refuses it itself otherwise
    const refused = await createGitProvider({ timeoutMs: 10_000 }).listRefs(atFile, { includeTags: false, state: {} }).catch((e: unknown) => e);
    expect((refused as Error).message).toMatch(/not allowed/);
    const allowed = await createGitProvider({ timeoutMs: 10_000, allowFile: true }).listRefs(atFile, { includeTags: false, state: {} });
    expect(allowed.branches).toHaveLength(1);
    const marker = `${server.root}/ext-ran`;
    const atExt = { ...repo, location: { ...repo.location, cloneUrl: `ext::sh -c touch% ${marker}` } };
    const ext = await createGitProvider({ timeoutMs: 10_000, allowFile: true }).listRefs(atExt, { includeTags: false, state: {} }).catch((e: unknown) => e);
    expect((ext as Error).message).toMatch(/not allowed/);
    expect(existsSync(marker)).toBe(false);
  });

  it('keeps the token out of the error when authentication fails', async () => {
    const provider = createGitProvider({ timeoutMs: 10_000 });
    const url = server.url(NAME).replace('http://', `http://user:${TOKEN}-url@`);
    const err = await provider.listRefs(repoConfig('git', url, '', `${TOKEN}-wrong`), { includeTags: false, state: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReposentryError);
    expect((err as ReposentryError).code).toBe('git');
    expect((err as ReposentryError).context.reason).toBe('auth');
    expect((err as Error).message).toMatch(/authentication failed/);
    expect((err as Error).message).not.toContain(TOKEN);
  });

  it('reports the SHA the tag ref points to (the tag object of an annotated tag), ignoring ^{} lines', async () => {
    const main = await server.commit(NAME, 'main', 'one');
    const light = await server.tag(NAME, 'v1', main);
    const annotated = await server.tag(NAME, 'v2', main, true);
    expect(annotated).not.toBe(main);
    const provider = createGitProvider({ timeoutMs: 10_000 });
    const result = await provider.listRefs(repoConfig('git', server.url(NAME), '', TOKEN), { includeTags: true, state: {} });
    expect(result.tags).toEqual([
      { kind: 'tag', name: 'v1', sha: light },
      { kind: 'tag', name: 'v2', sha: annotated },
    ]);
  });

  it('kills the whole process group on timeout', async () => {
    server.misbehave(NAME, 'hang');
    const calls: Spawned[] = [];
    const provider = createGitProvider({ timeoutMs: 500, spawn: recordingSpawn(calls) });
    const err = await provider.listRefs(repoConfig('git', server.url(NAME), '', TOKEN), { includeTags: false, state: {} }).catch((e: unknown) => e);
    expect((err as ReposentryError).code).toBe('git');
    expect((err as ReposentryError).context.reason).toBe('timeout');
    expect((err as Error).message).toMatch(/timed out/);
    const pid = calls[0].child.pid as number;
    // detached: git leads its own process group (pgid = pid); no live member may remain
    // (zombies awaiting a reaper are dead already, so they are not counted). SIGKILL went to the
    // group; a member of it on another core may take a moment to be torn down by the kernel.
    await vi.waitFor(() => expect(liveGroupMembers(pid)).toEqual([]), { timeout: 2_000, interval: 50 });
  });

  it('rejects output it does not understand', () => {
    expect(() => parseLsRemote('garbage\n', 'x')).toThrow(/unexpected output/);
    expect(parseLsRemote(`${'a'.repeat(40)}\trefs/tags/v1\n${'b'.repeat(40)}\trefs/tags/v1^{}\n`, 'x')).toEqual([{ ref: 'refs/tags/v1', sha: 'a'.repeat(40) }]);
  });

  it('scrubs tokens, URL credentials and auth headers', () => {
    const text = `fatal: https://bob:hunter2@example.com/x Authorization: Basic Zm9vOmJhcg== and ${TOKEN}`;
    const out = redactText(text, [TOKEN]);
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('Zm9vOmJhcg==');
    expect(out).not.toContain(TOKEN);
  });
});
