import { Writable } from 'node:stream';
import type { TargetConfig } from '../../src/config/types.js';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from '../../src/delivery/dispatcher.js';
import { silentLogger } from '../../src/log.js';
import { openStore, type NewEvent, type Store } from '../../src/store/index.js';
import { newEvent, type EventSpec } from './helpers.js';

export interface Harness {
  store: Store;
  repoId: number;
  targets: TargetConfig[];
  dispatcher: Dispatcher;
  lines: string[];
  commit(specs: EventSpec[], targetNames?: string[]): NewEvent[];
}

export function harness(targets: TargetConfig[], opts: Partial<DispatcherOptions> = {}): Harness {
  const store = openStore(':memory:');
  const [repo] = store.repositories.sync([{ name: 'my-service', url: 'https://github.com/acme/my-service', provider: 'github' }]);
  const lines: string[] = [];
  const stdout = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString('utf8'));
      cb();
    },
  });
  const h: Harness = {
    store,
    repoId: repo!.id,
    targets,
    lines,
    dispatcher: createDispatcher({ store, targets: () => h.targets, log: silentLogger(), version: '0.0.0-test', stdout, ...opts }),
    commit(specs, targetNames) {
      const events = specs.map((s) => newEvent(s, repo!.id));
      const names = targetNames ?? h.targets.map((t) => t.name);
      const at = Date.now();
      store.commitPoll({
        repositoryId: repo!.id, at, nextPollAt: at + 60_000, method: 'api', state: {}, baseline: true,
        upserts: [], deletes: [], events,
        deliveries: events.flatMap((e) => names.map((target) => ({ eventId: e.id, target }))),
      });
      h.dispatcher.wake();
      return events;
    },
  };
  return h;
}

export async function until(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
