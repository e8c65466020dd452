/**
 * Runs the `discover:` sources: each is listed at start, then every `interval`. A complete listing
 * is applied in one transaction (new repositories, missing counts, removals) and, when the watched
 * set changed, `onChange` lets the daemon hand the new repository list to the scheduler. A failed
 * or partial listing is recorded and changes nothing else.
 */
import type { DiscoverSourceConfig } from '../config/types.js';
import { ReposentryError, errorMessage } from '../errors.js';
import type { HttpClient } from '../http/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import type { ListingOutcome } from '../store/discovery.js';
import { listSource } from './listing.js';
import { selectRepositories } from './select.js';

export interface DiscoverOutcome {
  source: string;
  status: 'ok' | 'error';
  found?: number;
  added?: string[];
  removed?: string[];
  requests?: number;
  error?: string;
}

export interface DiscoverMetrics {
  listingCompleted(source: string, status: 'ok' | 'error', found: number): void;
}

export interface DiscovererDeps {
  store: Store;
  /** the polling HTTP client (same budgets); read on every listing, so a rebuilt client is used */
  http: () => HttpClient;
  log: Logger;
  sources: readonly DiscoverSourceConfig[];
  now?: () => number;
  /** the watched set changed (repositories added, removed or moved) */
  onChange: () => void;
  metrics?: DiscoverMetrics;
  /** the token a source lists with (GitHub App installation tokens); default: the source's own */
  token?: (source: DiscoverSourceConfig, signal: AbortSignal) => Promise<string | undefined>;
}

export interface Discoverer {
  start(): void;
  stop(): Promise<void>;
  reload(sources: readonly DiscoverSourceConfig[]): void;
  /** lists every source (or the named one) now and waits for it */
  runOnce(name?: string): Promise<DiscoverOutcome[]>;
}

interface Slot {
  source: DiscoverSourceConfig;
  timer?: NodeJS.Timeout;
  running?: Promise<DiscoverOutcome>;
  controller?: AbortController;
}

function scrub(message: string, token: string | undefined): string {
  return token && token.length >= 4 ? message.split(token).join('[redacted]') : message;
}

export function createDiscoverer(deps: DiscovererDeps): Discoverer {
  const log = deps.log.child({ component: 'discover' });
  const now = deps.now ?? Date.now;
  const slots = new Map<string, Slot>();
  let started = false;
  let stopped = false;

  async function listOnce(slot: Slot): Promise<DiscoverOutcome> {
    const source = slot.source;
    const controller = new AbortController();
    slot.controller = controller;
    try {
      const cached = deps.store.discovery.source(source.name)?.pages ?? [];
      const token = deps.token ? await deps.token(source, controller.signal) : source.token;
      const listing = await listSource(deps.http(), source, cached, controller.signal, token);
      if (controller.signal.aborted || slots.get(source.name) !== slot) throw new ReposentryError('internal', 'listing superseded');
      const selected = selectRepositories(source, listing.repositories);
      const outcome: ListingOutcome = deps.store.discovery.applyListing({ source: source.name, at: now(), selected, pages: listing.pages });
      deps.metrics?.listingCompleted(source.name, 'ok', selected.length);
      const changed = outcome.added.length + outcome.removed.length + outcome.changed.length > 0;
      log.info(
        { source: source.name, listed: listing.repositories.length, watched: selected.length, added: outcome.added.length,
          removed: outcome.removed, missing: outcome.missingOnce, requests: listing.requests, notModified: listing.notModified },
        changed ? 'discover: watched repositories changed' : 'discover: listing complete',
      );
      if (changed) deps.onChange();
      return { source: source.name, status: 'ok', found: selected.length, added: outcome.added, removed: outcome.removed, requests: listing.requests };
    } catch (err) {
      const message = scrub(errorMessage(err), source.token);
      if (!controller.signal.aborted) {
        try {
          deps.store.discovery.recordFailure(source.name, now(), message);
        } catch (storeErr) {
          log.error({ source: source.name, err: errorMessage(storeErr) }, 'could not record a discover failure');
        }
        deps.metrics?.listingCompleted(source.name, 'error', 0);
        log.warn({ source: source.name, reason: message }, 'discover listing failed; nothing removed');
      }
      return { source: source.name, status: 'error', error: message };
    } finally {
      slot.controller = undefined;
    }
  }

  function run(slot: Slot): Promise<DiscoverOutcome> {
    if (slot.running) return slot.running;
    clearTimeout(slot.timer);
    const p = listOnce(slot).finally(() => {
      slot.running = undefined;
      if (started && !stopped && slots.get(slot.source.name) === slot) schedule(slot);
    });
    slot.running = p;
    return p;
  }

  function schedule(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => void run(slot), slot.source.intervalMs);
    slot.timer.unref();
  }

  function drop(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.controller?.abort();
  }

  for (const s of deps.sources) slots.set(s.name, { source: s });

  return {
    start() {
      if (started || stopped) return;
      started = true;
      for (const slot of slots.values()) void run(slot);
    },
    async stop() {
      stopped = true;
      const running = [...slots.values()].map((s) => s.running).filter(Boolean);
      for (const slot of slots.values()) drop(slot);
      await Promise.allSettled(running);
    },
    reload(sources) {
      const next = new Map(sources.map((s) => [s.name, s]));
      for (const [name, slot] of slots) {
        if (next.has(name)) continue;
        drop(slot);
        slots.delete(name);
      }
      for (const source of sources) {
        const old = slots.get(source.name);
        if (old && JSON.stringify(old.source) === JSON.stringify(source)) continue;
        // a new or changed source is listed now: a changed include/exclude takes effect at once
        if (old) drop(old);
        const slot: Slot = { source };
        slots.set(source.name, slot);
        if (started && !stopped) void run(slot);
      }
    },
    async runOnce(name) {
      const chosen = [...slots.values()].filter((s) => name === undefined || s.source.name === name);
      const outcomes: DiscoverOutcome[] = [];
      for (const slot of chosen) outcomes.push(await run(slot));
      return outcomes;
    },
  };
}
