import type { Config, RepositoryConfig } from '../../src/config/types.js';
import { eventId } from '../../src/events/id.js';
import { createApp } from '../../src/api/app.js';
import type { ApiDeps } from '../../src/api/deps.js';
import { silentLogger } from '../../src/log.js';
import { createMetrics } from '../../src/metrics/registry.js';
import { openStore, type NewEvent, type Store } from '../../src/store/index.js';
import { ZERO_SHA } from '../../src/types.js';
import { withLocation } from '../helpers/repo-config.js';

export function repo(name: string, url: string, over: Partial<RepositoryConfig> & { apiBaseUrl?: string } = {}): RepositoryConfig {
  return withLocation({ name, url, provider: 'github', enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: 'https://api.github.com', ...over });
}

export function makeConfig(over: { repositories?: RepositoryConfig[]; authToken?: string; githubSecret?: string; gitlabToken?: string } = {}): Config {
  return {
    app: {
      name: 'reposentry', logLevel: 'info', logFormat: 'json', logFile: '',
      logFileRotation: { maxSizeMb: 100, maxBackups: 3, maxAgeDays: 30 }, healthCheckPort: 0, dataDir: './data',
    },
    api: { listen: '127.0.0.1', authToken: over.authToken },
    polling: {
      intervalMs: 300_000, timeoutMs: 30_000, maxWorkers: 5, batchSize: 10, enableApiFallback: true, jitter: 0.1,
      emitOnFirstPoll: false, retryAttempts: 3, retryBackoffMs: 1000,
    },
    storage: { type: 'sqlite', sqlitePath: ':memory:' },
    targets: [],
    rateLimit: {},
    security: { requireHttps: false },
    webhooks: { githubSecret: over.githubSecret, gitlabToken: over.gitlabToken },
    repositories: over.repositories ?? [
      repo('svc', 'https://github.com/acme/svc'),
      repo('lib', 'https://gitlab.example.com/group/lib', { provider: 'gitlab' }),
      repo('off', 'https://github.com/acme/off', { enabled: false }),
    ],
    sourceFiles: [],
  };
}

export function sha(n: number): string {
  return n.toString(16).padStart(40, '0');
}

/** Records `count` branch events on `name` with one delivery each to target "tekton". */
export function seedEvents(store: Store, name: string, url: string, count: number, at = Date.parse('2026-01-01T00:00:00Z')): NewEvent[] {
  const row = store.repositories.sync([{ name, url, provider: 'github' }])[0];
  const events: NewEvent[] = [];
  for (let i = 0; i < count; i++) {
    const ref = `b${i}`;
    events.push({
      id: eventId({ repositoryUrl: url, ref: `refs/heads/${ref}`, before: ZERO_SHA, after: sha(i + 1), transition: 1 }),
      type: 'branch_created', repositoryId: row.id, repositoryName: name, repositoryUrl: url, provider: 'github',
      refKind: 'branch', refName: ref, before: ZERO_SHA, after: sha(i + 1), detectedAt: at + i,
      data: { repository: { provider: 'github', organization: 'acme', name, fullName: `acme/${name}`, url, cloneUrl: `${url}.git` } },
    });
  }
  store.commitPoll({
    repositoryId: row.id, at, nextPollAt: at + 60_000, method: 'api', state: {}, baseline: true,
    upserts: events.map((e) => ({ kind: 'branch' as const, name: e.refName, sha: e.after })), deletes: [],
    events, deliveries: events.map((e) => ({ eventId: e.id, target: 'tekton' })),
  });
  return events;
}

export interface Harness {
  app: ReturnType<typeof createApp>;
  store: Store;
  config: Config;
  polls: string[];
  redeliveries: Array<{ id: string; onlyDead: boolean }>;
  ready: { value: boolean };
  deps: ApiDeps;
}

export function harness(config: Config = makeConfig()): Harness {
  const store = openStore(':memory:');
  store.repositories.sync(config.repositories.map((r) => ({ name: r.name, url: r.url, provider: r.provider })));
  const polls: string[] = [];
  const redeliveries: Array<{ id: string; onlyDead: boolean }> = [];
  const ready = { value: true };
  const deps: ApiDeps = {
    store,
    scheduler: { pollNow: async (name) => { polls.push(name); } },
    dispatcher: {
      redeliver: (id, opts) => {
        redeliveries.push({ id, onlyDead: opts.onlyDead });
        return store.deliveries.redeliver(id, opts);
      },
      dropHeld: (target) => store.deliveries.dropHeld(target, 'dropped by an operator'),
    },
    budgets: () => [{ key: 'api.github.com#abc123', host: 'api.github.com', limit: 5000, remaining: 4990, resetAt: Date.parse('2026-01-01T01:00:00Z') }],
    config: () => config,
    version: '9.9.9',
    startedAt: Date.now() - 5000,
    readiness: [{ name: 'scheduler', ok: () => ready.value }],
    metrics: createMetrics({ defaultMetrics: false }),
    log: silentLogger(),
  };
  return { app: createApp(deps), store, config, polls, redeliveries, ready, deps };
}

/** The parsed JSON of a response; tests read it loosely and assert what they need. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json(res: Response | Promise<Response>): Promise<any> {
  return (await res).json();
}
