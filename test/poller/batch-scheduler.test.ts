import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RepositoryConfig } from '../../src/config/types.js';
import { UpstreamError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import type { PollOutcome } from '../../src/poller/poll-repository.js';
import { createScheduler, type Scheduler } from '../../src/poller/scheduler.js';
import type { BatchItem, ListRefsResult, Provider } from '../../src/providers/types.js';
import { openStore, type Store } from '../../src/store/index.js';
import { branch, fakeClock, makeConfig, repoConfig, scriptedProvider, sha, stopOnFakeClock, type FakeClock, type ScriptedProvider } from './helpers.js';

const MIN = 60_000;
const GRAPHQL_GROUP = 'gql';

let store: Store;
let clock: FakeClock;
let rest: ScriptedProvider;
let scheduler: Scheduler | undefined;

/** A batch-capable provider: REST listings come from `rest`, batches are recorded and scripted. */
interface BatchFake {
  provider: Provider;
  batches: string[][];
  inFlight: number;
  maxInFlight: number;
  /** per repository: the listing or error a batch answers */
  answer: (repo: RepositoryConfig, call: number) => ListRefsResult | Error;
  /** throw for the whole batch */
  explode: boolean;
  hold(): void;
  release(): void;
}

function batchFake(): BatchFake {
  let gate: { promise: Promise<void>; release: () => void } | null = null;
  const calls = new Map<string, number>();
  const fake: BatchFake = {
    batches: [],
    inFlight: 0,
    maxInFlight: 0,
    explode: false,
    answer: () => ({ branches: [branch('main', sha(1))], method: 'graphql', state: {}, requests: 0 }),
    hold() {
      let release!: () => void;
      const promise = new Promise<void>((r) => (release = r));
      gate = { promise, release };
    },
    release() {
      const g = gate;
      gate = null;
      g?.release();
    },
    provider: {
      id: 'github',
      listRefs: (repo, opts) => rest.listRefs(repo, opts),
      describe: (repo, state, signal) => rest.describe(repo, state, signal),
      batch: {
        // the token decides the group here, as the real key's token hash does
        key: (repo) => repo.token ?? null,
        async listRefsBatch(items: BatchItem[]) {
          fake.batches.push(items.map((i) => i.repo.name));
          fake.inFlight++;
          fake.maxInFlight = Math.max(fake.maxInFlight, fake.inFlight);
          try {
            if (gate) await gate.promise;
            if (fake.explode) throw new UpstreamError('upstream-auth', 'authentication failed (401)');
            return items.map((i) => {
              const call = calls.get(i.repo.name) ?? 0;
              calls.set(i.repo.name, call + 1);
              return fake.answer(i.repo, call);
            });
          } finally {
            fake.inFlight--;
          }
        },
      },
    },
  };
  return fake;
}

let fake: BatchFake;

beforeEach(() => {
  clock = fakeClock();
  store = openStore(':memory:', { now: clock.now });
  rest = scriptedProvider(clock);
  fake = batchFake();
});
afterEach(async () => {
  fake.release();
  if (scheduler) await stopOnFakeClock(scheduler, clock);
  scheduler = undefined;
  store.close();
});

function repos(n: number, prefix: string, token = GRAPHQL_GROUP): RepositoryConfig[] {
  return Array.from({ length: n }, (_, i) => repoConfig(`${prefix}${String(i).padStart(3, '0')}`, { token }));
}

function start(list: RepositoryConfig[], polling: { maxWorkers?: number; batchSize?: number } = {}): PollOutcome[] {
  const outcomes: PollOutcome[] = [];
  scheduler = createScheduler({
    store, config: makeConfig(list, { polling }), clock, log: silentLogger(), random: () => 0.5,
    providers: { get: () => fake.provider },
    batchGroups: () => new Set([GRAPHQL_GROUP]),
    onPoll: (o) => outcomes.push(o),
  });
  scheduler.start();
  return outcomes;
}

describe('scheduler batching', () => {
  it('polls 25 due repositories of a GraphQL group as 3 jobs of at most batch_size, none skipped', async () => {
    const outcomes = start(repos(25, 'g'), { batchSize: 10, maxWorkers: 5 });
    await clock.settle();
    expect(fake.batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(new Set(fake.batches.flat()).size).toBe(25);
    expect(rest.calls).toHaveLength(0);
    expect(outcomes).toHaveLength(25);
    expect(outcomes.every((o) => o.status === 'baseline' && o.method === 'graphql')).toBe(true);
    expect(store.repositories.list().every((r) => r.lastMethod === 'graphql' && r.lastStatus === 'ok')).toBe(true);

    // the next cycle batches them again
    await clock.advance(MIN);
    expect(fake.batches).toHaveLength(6);
    expect(outcomes).toHaveLength(50);
  });

  it('one batch takes one worker slot: max_workers bounds the batches in flight', async () => {
    fake.hold();
    const outcomes = start(repos(50, 'g'), { batchSize: 10, maxWorkers: 2 });
    await clock.settle();
    expect(fake.batches).toHaveLength(2);
    expect(fake.inFlight).toBe(2);
    fake.release();
    await clock.settle();
    expect(fake.maxInFlight).toBe(2);
    expect(fake.batches).toHaveLength(5);
    expect(outcomes.map((o) => o.repository).sort()).toEqual(repos(50, 'g').map((r) => r.name));
  });

  it("an item's error fails only that repository", async () => {
    fake.answer = (repo) =>
      repo.name === 'g003'
        ? new UpstreamError('upstream-not-found', 'not found: acme/g003', { status: 404 })
        : { branches: [branch('main', sha(1))], method: 'graphql', state: {}, requests: 0 };
    const outcomes = start(repos(10, 'g'));
    await clock.settle();
    const failed = outcomes.filter((o) => o.status === 'error');
    expect(failed.map((o) => [o.repository, o.error?.code])).toEqual([['g003', 'upstream-not-found']]);
    expect(outcomes.filter((o) => o.status === 'baseline')).toHaveLength(9);
    const row = store.repositories.list().find((r) => r.name === 'g003');
    expect(row?.lastStatus).toBe('error');
    expect(row?.lastError).toContain('not found');
  });

  it('a batch that fails as a whole fails each of its repositories, and they are polled again', async () => {
    fake.explode = true;
    const outcomes = start(repos(4, 'g'));
    await clock.settle();
    expect(outcomes.map((o) => o.error?.code)).toEqual(Array(4).fill('upstream-auth'));
    fake.explode = false;
    await clock.advance(30 * MIN);
    expect(outcomes.filter((o) => o.status === 'baseline')).toHaveLength(4);
  });

  it('repositories of a REST group are polled one by one beside the batches', async () => {
    const outcomes = start([...repos(12, 'g'), ...repos(3, 'rest', 'other-token')], { batchSize: 10, maxWorkers: 3 });
    await clock.settle();
    expect(fake.batches.map((b) => b.length)).toEqual([10, 2]);
    expect(rest.calls.map((c) => c.repo).sort()).toEqual(['rest000', 'rest001', 'rest002']);
    expect(outcomes).toHaveLength(15);
    expect(outcomes.filter((o) => o.repository.startsWith('rest')).every((o) => o.method === 'api')).toBe(true);
  });

  it('batched listings go through the usual diff: a moved branch is one event', async () => {
    fake.answer = (repo, call) => ({
      branches: [branch('main', repo.name === 'g001' && call > 0 ? sha(2) : sha(1))], method: 'graphql', state: {}, requests: 0,
    });
    const outcomes = start(repos(3, 'g'));
    await clock.settle();
    const commit = store.commitPolls.bind(store);
    const committed: number[] = [];
    store.commitPolls = (inputs, first) => {
      committed.push(...inputs.map((i) => i.repositoryId));
      return commit(inputs, first);
    };
    await clock.advance(MIN);
    // complete listings equal to the stored refs are stamped like a 304, not committed
    expect(committed).toHaveLength(1);
    const second = outcomes.slice(3);
    expect(second.map((o) => [o.repository, o.status, o.events])).toEqual([
      ['g000', 'unchanged', 0],
      ['g001', 'changed', 1],
      ['g002', 'unchanged', 0],
    ]);
  });

  it('pollNow of a repository in a GraphQL group is answered through a batch', async () => {
    start(repos(3, 'g'));
    await clock.settle();
    const outcome = await scheduler!.pollNow('g002');
    expect(outcome.method).toBe('graphql');
    expect(fake.batches.at(-1)).toEqual(['g002']);
  });
});
