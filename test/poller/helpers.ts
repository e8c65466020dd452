/** Shared test doubles for the poller: a hand-driven clock, a scripted provider, config builders. */
import type { Config, RepositoryConfig, TargetConfig } from '../../src/config/types.js';
import type { Clock } from '../../src/poller/clock.js';
import type { ListRefsOptions, ListRefsResult, Provider, ProviderState } from '../../src/providers/types.js';
import type { ProviderId, Ref, RepositoryMeta } from '../../src/types.js';
import { withLocation } from '../helpers/repo-config.js';

export interface FakeClock extends Clock {
  /** moves time forward (wall and monotonic), firing due timers in order and letting promises settle after each */
  advance(ms: number): Promise<void>;
  /** steps the wall clock alone (NTP, a VM resumed): the monotonic clock and the timers do not move */
  stepWall(ms: number): void;
  /** lets pending promise chains run without moving time */
  settle(): Promise<void>;
  pendingTimers(): number;
}

export async function flushAsync(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

export function fakeClock(start = 1_000_000): FakeClock {
  let now = start;
  // timers run on the monotonic clock, as Node.js timers do
  let mono = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void; id: number }>();
  return {
    now: () => now,
    monotonic: () => mono,
    stepWall(ms) {
      now += ms;
    },
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: mono + Math.max(0, ms), fn, id });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    async advance(ms) {
      const target = mono + ms;
      await flushAsync();
      for (;;) {
        let next: { at: number; fn: () => void; id: number } | undefined;
        for (const t of timers.values()) if (t.at <= target && (!next || t.at < next.at || (t.at === next.at && t.id < next.id))) next = t;
        if (!next) break;
        timers.delete(next.id);
        if (next.at > mono) {
          now += next.at - mono;
          mono = next.at;
        }
        next.fn();
        await flushAsync();
      }
      now += target - mono;
      mono = target;
      await flushAsync();
    },
    settle: () => flushAsync(),
    pendingTimers: () => timers.size,
  };
}

export function sha(n: number | string): string {
  return String(n).padStart(40, '0').replace(/^0/, 'f');
}

export function branch(name: string, s: string): Ref {
  return { kind: 'branch', name, sha: s };
}
export function tag(name: string, s: string): Ref {
  return { kind: 'tag', name, sha: s };
}

export type Script = (repo: RepositoryConfig, opts: ListRefsOptions, call: number) => Promise<ListRefsResult> | ListRefsResult;

/**
 * A provider whose answers come from a per-repository script. Records every call and the largest
 * number of listings in flight at once. A repository without a script answers 'unchanged'.
 */
export interface ScriptedProvider extends Provider {
  scripts: Map<string, Script>;
  calls: Array<{ repo: string; at: number; state: ProviderState }>;
  describeCalls: string[];
  describeFails: boolean;
  inFlight: number;
  maxInFlight: number;
  /** when set, every listing waits until release() is called */
  gate: { promise: Promise<void>; release: () => void } | null;
  hold(): void;
  release(): void;
}

export function scriptedProvider(clock: Clock, id: ProviderId = 'github'): ScriptedProvider {
  const p: ScriptedProvider = {
    id,
    scripts: new Map(),
    calls: [],
    describeCalls: [],
    describeFails: false,
    inFlight: 0,
    maxInFlight: 0,
    gate: null,
    hold() {
      let release!: () => void;
      const promise = new Promise<void>((r) => (release = r));
      p.gate = { promise, release };
    },
    release() {
      const g = p.gate;
      p.gate = null;
      g?.release();
    },
    async listRefs(repo, opts) {
      const call = p.calls.filter((c) => c.repo === repo.name).length;
      p.calls.push({ repo: repo.name, at: clock.now(), state: opts.state });
      p.inFlight++;
      p.maxInFlight = Math.max(p.maxInFlight, p.inFlight);
      try {
        if (p.gate) {
          const gate = p.gate.promise;
          await new Promise<void>((resolve, reject) => {
            opts.signal?.addEventListener('abort', () => reject(opts.signal?.reason), { once: true });
            void gate.then(resolve);
          });
        }
        const script = p.scripts.get(repo.name);
        if (!script) return { branches: 'unchanged', tags: opts.includeTags ? 'unchanged' : undefined, method: 'api', state: opts.state, requests: 1 };
        return await script(repo, opts, call);
      } finally {
        p.inFlight--;
      }
    },
    async describe(repo): Promise<RepositoryMeta> {
      p.describeCalls.push(repo.name);
      if (p.describeFails) throw new Error('describe exploded');
      return { provider: id, organization: 'acme', name: repo.name, fullName: `acme/${repo.name}`, url: repo.url, cloneUrl: `${repo.url}.git`, id: 42 };
    },
  };
  return p;
}

export function repoConfig(name: string, over: Partial<RepositoryConfig> & { apiBaseUrl?: string } = {}): RepositoryConfig {
  const { location, ...rest } = over;
  const repo = withLocation({ name, url: `https://github.test/acme/${name}`, provider: 'github', enabled: true, pollingIntervalMs: 60_000, apiBaseUrl: 'https://api.github.test', ...rest });
  return location ? { ...repo, location } : repo;
}

export function target(name: string, over: Partial<TargetConfig> = {}): TargetConfig {
  return {
    name, url: `http://127.0.0.1:9/${name}`, format: 'cloudevents', mode: 'binary', headers: {},
    timeoutMs: 1000, retryAttempts: 1, retryBackoffMs: 10, maxBackoffMs: 100, ...over,
  };
}

export function makeConfig(repositories: RepositoryConfig[], over: { polling?: Partial<Config['polling']>; targets?: TargetConfig[] } = {}): Config {
  return {
    app: {
      name: 'reposentry', logLevel: 'info', logFormat: 'json', logFile: '',
      logFileRotation: { maxSizeMb: 100, maxBackups: 3, maxAgeDays: 30 }, healthCheckPort: 0, dataDir: '.',
    },
    api: { listen: '127.0.0.1' },
    polling: {
      intervalMs: 60_000, timeoutMs: 30_000, maxWorkers: 5, batchSize: 10, enableApiFallback: true,
      jitter: 0, emitOnFirstPoll: false, retryAttempts: 0, retryBackoffMs: 10, ...over.polling,
    },
    storage: { type: 'sqlite', sqlitePath: ':memory:' },
    targets: over.targets ?? [target('tekton')],
    rateLimit: {},
    security: { requireHttps: false },
    webhooks: {},
    repositories,
    sourceFiles: [],
  };
}

/** Stops a scheduler whose polls wait on a fake clock: advances the clock until stop() resolves. */
export async function stopOnFakeClock(scheduler: { stop(): Promise<void> }, clock: FakeClock): Promise<void> {
  let stopped = false;
  const stopping = scheduler.stop().then(() => (stopped = true));
  for (let i = 0; i < 100 && !stopped; i++) await clock.advance(10_000);
  await stopping;
}
