/**
 * The METHOD a repository's status shows is the one that produced its last listing, also when
 * that listing failed: an API 500 that fell back to ls-remote, which then failed, reads "ls-remote".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClient } from '../../src/http/types.js';
import { silentLogger } from '../../src/log.js';
import { createScheduler, type Scheduler } from '../../src/poller/scheduler.js';
import { createProviderRegistry } from '../../src/providers/registry.js';
import { openStore, type Store } from '../../src/store/index.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { fakeClock, makeConfig, type FakeClock } from './helpers.js';
import { withLocation } from '../helpers/repo-config.js';

let fake: FakeGithub;
let git: GitServer;
let http: HttpClient;
let store: Store;
let clock: FakeClock;
let scheduler: Scheduler;

beforeEach(async () => {
  fake = await startFakeGithub();
  fake.addRepo({ owner: 'acme', name: 'svc', branches: { main: 'a'.repeat(40) } });
  git = await startGitServer();
  await git.createRepo('acme/svc');
  await git.commit('acme/svc', 'main', 'first');
  clock = fakeClock(Date.now());
  store = openStore(':memory:', { now: clock.now });
  http = createHttpClient({ timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 1, log: silentLogger() });
  const providers = createProviderRegistry({ http, git: { timeoutMs: 5_000 }, log: silentLogger(), enableApiFallback: true });
  // the API is the fake; the fallback's clone URL is the git server (where acme/gone does not exist)
  const repo: RepositoryConfig = withLocation({ name: 'svc', url: git.url('acme/svc'), provider: 'github', enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: fake.url });
  scheduler = createScheduler({ store, providers, config: makeConfig([repo]), clock, log: silentLogger() });
});
afterEach(async () => {
  await scheduler.stop();
  await http.close();
  await Promise.all([fake.close(), git.close()]);
  store.close();
});

describe('status METHOD after a fallback', () => {
  it('is api after an API listing, and ls-remote when the API failed and the ls-remote fallback failed too', async () => {
    expect((await scheduler.pollNow('svc')).status).toBe('baseline');
    expect(store.repositories.get('svc')!.lastMethod).toBe('api');

    // the API fails, and so does the fallback: the error and the method both come from ls-remote
    fake.failNext(1, { kind: 'status', status: 500 });
    git.misbehave('acme/svc', 'garbage');
    await clock.advance(60_000);
    expect((await scheduler.pollNow('svc')).status).toBe('error');
    const row = store.repositories.get('svc')!;
    expect(row.lastStatus).toBe('error');
    expect(row.lastError).toContain('ls-remote');
    expect(row.lastMethod).toBe('ls-remote');
  });
});
