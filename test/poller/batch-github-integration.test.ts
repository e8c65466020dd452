/**
 * GraphQL batch mode end to end: the real scheduler, provider registry (with the planner's group
 * switch, as the daemon wires it) and HTTP client against the fake GitHub's POST /graphql.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Config, RepositoryConfig } from '../../src/config/types.js';
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClient } from '../../src/http/types.js';
import { silentLogger } from '../../src/log.js';
import { graphqlGroups, planConfig } from '../../src/planner/index.js';
import type { PollOutcome } from '../../src/poller/poll-repository.js';
import { createScheduler, type Scheduler } from '../../src/poller/scheduler.js';
import { createProviderRegistry } from '../../src/providers/registry.js';
import { openStore, type Store } from '../../src/store/index.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { fakeClock, makeConfig, type FakeClock } from './helpers.js';
import { withLocation } from '../helpers/repo-config.js';

const TOKEN = 'ghp_batch_integration_token';
const sha = (c: string) => c.repeat(40);

let fake: FakeGithub;
let http: HttpClient;
let store: Store;
let clock: FakeClock;
let scheduler: Scheduler;

function repos(n: number, over: Partial<RepositoryConfig> & { apiBaseUrl?: string } = {}): RepositoryConfig[] {
  return Array.from({ length: n }, (_, i) => withLocation({
    name: `svc${i}`, url: `https://github.com/acme/svc${i}`, provider: 'github', token: TOKEN, enabled: true,
    pollingIntervalMs: 60_000, apiBaseUrl: fake.url, ...over,
  }));
}

function start(config: Config): void {
  http = createHttpClient({ timeoutMs: 5_000, retryAttempts: 0, retryBackoffMs: 1, log: silentLogger() });
  const providers = createProviderRegistry({ http, git: { timeoutMs: 5_000 }, log: silentLogger(), enableApiFallback: false });
  scheduler = createScheduler({ store, providers, config, clock, log: silentLogger(), batchGroups: (c) => graphqlGroups(planConfig(c)) });
}

beforeEach(async () => {
  fake = await startFakeGithub({ token: TOKEN });
  for (let i = 0; i < 25; i++) fake.addRepo({ owner: 'acme', name: `svc${i}`, branches: { main: sha('1'), dev: sha('2') } });
  clock = fakeClock(Date.now());
  store = openStore(':memory:', { now: clock.now });
});
afterEach(async () => {
  await scheduler.stop();
  await http.close();
  await fake.close();
  store.close();
});

describe('GraphQL batch mode against the fake GitHub', () => {
  it('github_mode graphql: 25 repositories in 3 queries per cycle, a moved branch is one event', async () => {
    start(makeConfig(repos(25), { polling: { githubMode: 'graphql', batchSize: 10 } }));
    const first = await scheduler.pollAllOnce();
    expect(first.every((o) => o.status === 'baseline' && o.method === 'graphql')).toBe(true);
    expect(fake.graphqlStats()).toEqual({ requests: 3, points: 3 });
    // no REST listing (the baseline asks GET /repos/{o}/{r} once per repository for payload metadata)
    expect(fake.count('/git/matching-refs')).toBe(0);

    fake.setBranch('acme', 'svc7', 'main', sha('9'));
    const second: PollOutcome[] = await scheduler.pollAllOnce();
    expect(second.filter((o) => o.events > 0).map((o) => [o.repository, o.events])).toEqual([['svc7', 1]]);
    expect(second.reduce((n, o) => n + (o.requests ?? 0), 0)).toBe(3);
    expect(fake.graphqlStats().requests).toBe(6);
    expect(store.repositories.get('svc7')?.lastMethod).toBe('graphql');
  });

  it('the work after a changed batch\'s listing (lazy metadata requests) runs at most max_workers at a time, and the batch is stored in one group commit', async () => {
    start(makeConfig(repos(25), { polling: { githubMode: 'graphql', batchSize: 25, maxWorkers: 3 } }));
    expect((await scheduler.pollAllOnce()).every((o) => o.status === 'baseline')).toBe(true);
    // every repository of the one batch changes: each poll asks GET /repos/{o}/{r} for its metadata
    for (let i = 0; i < 25; i++) fake.setBranch('acme', `svc${i}`, 'main', sha('9'));
    fake.holdAnswers(/^\/repos\/acme\/svc\d+$/, 20);
    const groups: number[] = [];
    const commitPolls = store.commitPolls.bind(store);
    store.commitPolls = (inputs, first) => {
      groups.push(inputs.length);
      return commitPolls(inputs, first);
    };
    const second = await scheduler.pollAllOnce();
    expect(second.every((o) => o.status === 'changed' && o.events === 1)).toBe(true);
    expect(fake.graphqlStats().requests).toBe(2);
    expect(fake.count('/repos/acme/svc')).toBe(25);
    expect(fake.heldPeak()).toBeGreaterThan(1);
    expect(fake.heldPeak()).toBeLessThanOrEqual(3);
    // the batch's polls are still written together, in one transaction
    expect(groups).toEqual([25]);
    expect(store.events.list({ limit: 100 }).events).toHaveLength(25);
  });

  it('a changed batch whose work, max_workers at a time, outlasts twice polling.timeout is still stored: each poll has polling.timeout of its own from when its work starts', async () => {
    const timeoutMs = 10_000;
    start(makeConfig(repos(3), { polling: { githubMode: 'graphql', batchSize: 3, maxWorkers: 1, timeoutMs } }));
    expect((await scheduler.pollAllOnce()).every((o) => o.status === 'baseline')).toBe(true);
    for (let i = 0; i < 3; i++) fake.setBranch('acme', `svc${i}`, 'main', sha('9'));
    fake.holdAnswers(/^\/repos\/acme\/svc\d+$/, 300);
    const second = scheduler.pollAllOnce();
    // one metadata request at a time (each held 300 ms): while each is held the hand-driven clock
    // moves 0.8 × polling.timeout, so the batch's work lasts 2.4 × polling.timeout while no poll's own work exceeds its timeout
    for (let k = 1; k <= 3; k++) {
      await vi.waitFor(() => expect(fake.count('/repos/acme/svc')).toBe(k), { interval: 5, timeout: 5_000 });
      await clock.advance(timeoutMs * 0.8);
    }
    const outcomes = await second;
    expect(outcomes.map((o) => [o.status, o.events, o.error?.message])).toEqual(Array.from({ length: 3 }, () => ['changed', 1, undefined]));
    expect(store.events.list({ limit: 100 }).events).toHaveLength(3);
  });

  it('a stored row whose provider state is not valid JSON fails its own poll, clearly, and the rest of its batch is still polled and stored', async () => {
    const config = makeConfig(repos(3), { polling: { githubMode: 'graphql', batchSize: 3 } });
    start(config);
    expect((await scheduler.pollAllOnce()).every((o) => o.status === 'baseline')).toBe(true);
    await scheduler.stop();
    // a hand-edited database: the next start keeps the text and parses it on the poll's first read
    store.db.prepare(`UPDATE repositories SET provider_state = '{"etag": ' WHERE name = 'svc1'`).run();
    fake.setBranch('acme', 'svc0', 'main', sha('9'));
    fake.setBranch('acme', 'svc2', 'main', sha('9'));
    start(config);
    const outcomes = await scheduler.pollAllOnce();
    expect(outcomes.map((o) => [o.repository, o.status, o.events])).toEqual([['svc0', 'changed', 1], ['svc1', 'error', 0], ['svc2', 'changed', 1]]);
    expect(outcomes[1].error?.message).toMatch(/svc1.*stored provider state.*not valid JSON/);
    expect(store.repositories.getForPoll('svc0')?.lastStatus).toBe('ok');
    expect(store.db.prepare(`SELECT last_error FROM repositories WHERE name = 'svc1'`).pluck().get()).toMatch(/stored provider state.*not valid JSON/);
    expect(store.events.list({ limit: 100 }).events.map((e) => e.repositoryName).sort()).toEqual(['svc0', 'svc2']);
  });

  it('github_mode auto with few repositories stays on REST + ETags', async () => {
    start(makeConfig(repos(5), { polling: { githubMode: 'auto', batchSize: 10 } }));
    const outcomes = await scheduler.pollAllOnce();
    expect(outcomes.every((o) => o.method === 'api')).toBe(true);
    expect(fake.graphqlStats().requests).toBe(0);
  });

  it('a missing repository fails alone; the rest of its batch is stored', async () => {
    start(makeConfig([...repos(4), ...repos(1, { name: 'gone', url: 'https://github.com/acme/gone' })], { polling: { githubMode: 'graphql' } }));
    const outcomes = await scheduler.pollAllOnce();
    const gone = outcomes.find((o) => o.repository === 'gone');
    expect(gone?.error?.code).toBe('upstream-not-found');
    expect(outcomes.filter((o) => o.status === 'baseline')).toHaveLength(4);
    expect(fake.graphqlStats().requests).toBe(1);
  });

  it('a GraphQL budget spent (x-ratelimit-resource: graphql) is held: the next cycle waits for its reset and sends nothing', async () => {
    start(makeConfig(repos(5), { polling: { githubMode: 'graphql', batchSize: 10 } }));
    await scheduler.pollAllOnce();
    const reset = Math.floor(Date.now() / 1000) + 1800;
    // one point left: this query succeeds, and its headers say the graphql resource is spent
    fake.setGraphqlRateLimit({ remaining: 1, reset });
    expect((await scheduler.pollAllOnce()).every((o) => o.status === 'unchanged')).toBe(true);
    const sent = fake.graphqlStats().requests;
    const waiting = await scheduler.pollAllOnce();
    expect(waiting.map((o) => o.status)).toEqual(Array(5).fill('waiting'));
    expect(waiting.every((o) => o.waitUntil! >= reset * 1000)).toBe(true);
    expect(fake.graphqlStats().requests).toBe(sent);
    expect(store.repositories.get('svc0')).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0 });
    // GraphQL points are their own budget: the REST budget of the same token is not held
    const budgets = http.budgets();
    expect(budgets.find((b) => b.resource === 'graphql')?.waitingUntil).toBe(reset * 1000);
    expect(budgets.filter((b) => b.resource === undefined).every((b) => b.waitingUntil === undefined)).toBe(true);
  });

  it('a 200 carrying a RATE_LIMITED error holds the GraphQL budget and reschedules the batch for the reset, no failure', async () => {
    start(makeConfig(repos(5), { polling: { githubMode: 'graphql', batchSize: 10 } }));
    await scheduler.pollAllOnce();
    const reset = Math.floor(Date.now() / 1000) + 1800;
    fake.setGraphqlRateLimit({ remaining: 0, reset });
    const first = await scheduler.pollAllOnce();
    expect(first.map((o) => o.status)).toEqual(Array(5).fill('waiting'));
    expect(first.every((o) => o.waitUntil! >= reset * 1000)).toBe(true);
    const sent = fake.graphqlStats().requests;
    const again = await scheduler.pollAllOnce();
    expect(again.map((o) => o.status)).toEqual(Array(5).fill('waiting'));
    expect(fake.graphqlStats().requests).toBe(sent);
    expect(store.repositories.get('svc3')).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0 });
    expect(store.repositories.get('svc3')?.lastError).toContain('until');
  });
});
