/**
 * Poll one repository: list its refs, diff them against SQLite, and write the new state, its
 * events and their deliveries in one transaction. A failed or aborted poll writes only its
 * failure: never refs, never events.
 */
import { metaFromLocation } from '../config/repo-meta.js';
import type { EnrichConfig, RepositoryConfig, TargetConfig } from '../config/types.js';
import { routeEvent } from '../delivery/targets.js';
import type { Enricher } from '../enrich/enricher.js';
import type { Enrichment } from '../enrich/types.js';
import { ReposentryError, UpstreamError, errorMessage } from '../errors.js';
import { eventId } from '../events/id.js';
import type { StorageHealth } from '../store/health.js';
import type { Logger } from '../log.js';
import { redactText } from '../redact.js';
import { untilAborted } from '../signal-watch.js';
import type { ListRefsResult, Provider, ProviderState } from '../providers/types.js';
import type { NewDelivery, NewEvent, PollRow, Store } from '../store/index.js';
import type { EventType, ListMethod, ProviderId, Ref, RefKind, RepositoryMeta } from '../types.js';
import { compileFilters, diffRefs, type CompiledFilters } from './diff.js';
import type { StampBuffer } from './stamp-buffer.js';

/**
 * Kept in the persisted provider state: tags were part of the last stored listing. When tag
 * watching starts on an already baselined repository (tag_regex added), its existing tags are a
 * silent baseline, not a flood of tag_created events.
 */
export const WATCHED_TAGS_KEY = 'reposentryWatchedTags';

/** `waiting`: the provider's rate-limit budget is held; the poll runs again at `waitUntil`, no failure */
export type PollStatus = 'unchanged' | 'changed' | 'baseline' | 'error' | 'waiting';

export interface PollOutcome {
  repository: string;
  status: PollStatus;
  method?: ListMethod;
  /** events written by this poll */
  events: number;
  error?: ReposentryError;
  durationMs: number;
  /** HTTP requests (or git processes) the listing took, when it got that far */
  requests?: number;
  /** status `waiting`: epoch ms when the held budget is free again */
  waitUntil?: number;
}

export interface ProviderLookup {
  get(id: ProviderId): Provider;
}

export interface PollMetrics {
  pollCompleted(outcome: PollOutcome): void;
}

export interface PollDeps {
  store: Store;
  providers: ProviderLookup;
  targets: readonly TargetConfig[];
  clock: { now(): number; monotonic(): number };
  log: Logger;
  emitOnFirstPoll: boolean;
  metrics?: PollMetrics;
  /** batches the stamps of unchanged polls; without it each is written at once */
  stamps?: StampBuffer;
  /** storage failures go here (logged once per state change) instead of one line per poll */
  storageHealth?: StorageHealth;
  /** commits, changed files and `forced` per change; absent or `enrich.enabled: false`: none */
  enricher?: Enricher;
  enrich?: EnrichConfig;
}

export interface PollOptions {
  signal?: AbortSignal;
  /** monotonic clock time at which `signal` aborts the poll (polling.timeout): enrichment ends before it */
  deadline?: number;
  /** the next poll time to record, or a function of the result and the completion time */
  nextPollAt: number | ((status: 'ok' | 'error', at: number) => number);
  /** the repository's regexes compiled once (the scheduler caches them) */
  filters?: CompiledFilters;
  /** false when the poll was superseded (e.g. its repository changed on reload): then nothing is written */
  isCurrent?: () => boolean;
  /**
   * The listing already fetched by a batched request (GitHub GraphQL), or its error: then the
   * provider is not asked again and the result goes through the same diff/commit path.
   */
  listing?: ListRefsResult | Error;
  /**
   * Called with the row as SQLite now has it (or will, once a buffered stamp lands) after a poll
   * changed its provider state, metadata or baseline, so the scheduler can keep it in memory
   * instead of reading SQLite on every poll.
   */
  remember?: (row: PollBase) => void;
  /** when to poll again after a held rate-limit budget frees at retryAt (the scheduler adds jitter) */
  afterBudgetWait?: (retryAt: number) => number;
  /**
   * Runs the requests and git processes a change costs after the listing (metadata, enrichment):
   * a batch's polls run together, so it bounds how many do so at once. Not held while committing.
   */
  limit?: <T>(work: () => Promise<T>) => Promise<T>;
  /** resolves when the poll may commit: a batch's polls commit together, in one group commit */
  beforeCommit?: () => Promise<void>;
}

/** What a poll reads from its repository's row. */
export type PollBase = Pick<PollRow, 'id' | 'state' | 'meta' | 'baselineAt'>;

/**
 * Kinds whose last listing came back empty while refs were stored (nothing deleted then): an empty
 * listing again, or a 304 on that empty answer, confirms it and the refs are deleted.
 */
export const EMPTY_LISTING_KEY = 'reposentryEmptyListing';

function pendingEmpty(state: ProviderState): RefKind[] {
  const v = state[EMPTY_LISTING_KEY];
  return Array.isArray(v) ? v.filter((k): k is RefKind => k === 'branch' || k === 'tag') : [];
}

function withPendingEmpty(state: ProviderState, kinds: RefKind[]): ProviderState {
  const had = pendingEmpty(state);
  if (had.length === kinds.length && had.every((k) => kinds.includes(k)) && (kinds.length > 0 || !(EMPTY_LISTING_KEY in state))) return state;
  const next: ProviderState = { ...state };
  if (kinds.length > 0) next[EMPTY_LISTING_KEY] = kinds;
  else delete next[EMPTY_LISTING_KEY];
  return next;
}

function persistedState(state: ProviderState, watchedTags: boolean): ProviderState {
  // Keep the provider's object when nothing changes, so an unchanged poll writes no JSON.
  if ((state[WATCHED_TAGS_KEY] === true) === watchedTags) return state;
  const next: ProviderState = { ...state };
  if (watchedTags) next[WATCHED_TAGS_KEY] = true;
  else delete next[WATCHED_TAGS_KEY];
  return next;
}

function toError(err: unknown, repo: RepositoryConfig, signal?: AbortSignal): ReposentryError {
  if (err instanceof ReposentryError) return err;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof ReposentryError) return reason;
    return new UpstreamError('upstream-timeout', `poll of ${repo.name} was aborted`, { cause: err });
  }
  return new ReposentryError('internal', `poll of ${repo.name} failed: ${errorMessage(err)}`, { cause: err });
}

function scrub(message: string, repo: RepositoryConfig): string {
  const creds = repo.location.credentials;
  return redactText(message, [repo.token, creds?.secret]);
}

function checkCurrent(opts: PollOptions, repo: RepositoryConfig): void {
  if (opts.signal?.aborted) throw toError(opts.signal.reason, repo, opts.signal);
  if (opts.isCurrent && !opts.isCurrent()) {
    throw new ReposentryError('internal', `poll of ${repo.name} superseded by a configuration change`, { context: { superseded: true } });
  }
}

async function describeOnce(
  provider: Provider,
  repo: RepositoryConfig,
  row: PollBase,
  state: ProviderState,
  deps: PollDeps,
  signal?: AbortSignal,
): Promise<{ meta: RepositoryMeta; store?: RepositoryMeta }> {
  if (row.meta) return { meta: row.meta };
  try {
    const meta = await untilAborted(provider.describe(repo, state, signal), signal);
    return { meta, store: meta };
  } catch (err) {
    // Metadata only decorates payloads: derive it from the URL and ask again on the next change.
    deps.log.warn({ repo: repo.name, err: scrub(errorMessage(err), repo) }, 'describe failed; using metadata derived from the URL');
    return { meta: metaFromLocation(repo.provider, repo.location) };
  }
}

/**
 * Enrichment of this poll's changes, once per change (an unchanged poll never gets here). Bounded by
 * `enrich.timeout`: what is not done by then is stored as unavailable, so enrichment never holds
 * an event back for long, and a failure never loses one.
 */
async function enrichChanges(
  deps: PollDeps,
  repo: RepositoryConfig,
  meta: RepositoryMeta,
  changes: Array<{ kind: 'branch' | 'tag'; ref: string; before: string; after: string }>,
  signal?: AbortSignal,
  deadline?: number,
): Promise<Array<Enrichment | undefined>> {
  const settings = deps.enrich;
  if (!deps.enricher || !settings || !(repo.enrich ?? settings.enabled) || changes.length === 0) return changes.map(() => undefined);
  // The wait ends well before the poll's deadline: a slow listing followed by a full wait would hit
  // polling.timeout, fail the poll, and the next one the same way, so the change would never be recorded.
  const remaining = deadline === undefined ? Infinity : deadline - deps.clock.monotonic();
  const waitMs = Math.max(0, Math.min(settings.timeoutMs, Math.floor(remaining - Math.min(1_000, remaining / 5))));
  return deps.enricher.enrich(repo, meta, changes.map((c) => ({ kind: c.kind, ref: c.ref, before: c.before, after: c.after })), {
    maxCommits: settings.maxCommits, maxFiles: settings.maxFiles, waitMs, signal,
  });
}

export async function pollRepository(
  deps: PollDeps,
  repo: RepositoryConfig,
  row: PollBase,
  opts: PollOptions,
): Promise<PollOutcome> {
  const started = deps.clock.now();
  const nextAt = (status: 'ok' | 'error', at: number): number =>
    typeof opts.nextPollAt === 'function' ? opts.nextPollAt(status, at) : opts.nextPollAt;
  const done = (o: Omit<PollOutcome, 'repository' | 'durationMs'>): PollOutcome => {
    // the caller's object completed in place: a spread into a new one showed in an unchanged poll's profile
    const outcome = o as PollOutcome;
    outcome.repository = repo.name;
    outcome.durationMs = deps.clock.now() - started;
    deps.metrics?.pollCompleted(outcome);
    return outcome;
  };
  let result: ListRefsResult | undefined;
  try {
    const provider = deps.providers.get(repo.provider);
    const includeTags = Boolean(repo.tagRegex);
    if (opts.listing instanceof Error) throw opts.listing;
    result = opts.listing ?? (await untilAborted(provider.listRefs(repo, { includeTags, state: row.state, signal: opts.signal }), opts.signal));
    checkCurrent(opts, repo);
    const tagsListed = includeTags && result.tags !== undefined;
    const wasWatchingTags = row.state[WATCHED_TAGS_KEY] === true;
    const watchingTags = tagsListed && (result.tags !== 'unchanged' || wasWatchingTags);
    let state = persistedState(result.state, watchingTags);
    const pending = pendingEmpty(row.state);
    const unchanged =
      pending.length === 0 &&
      result.branches === 'unchanged' &&
      (includeTags ? result.tags === 'unchanged' : !wasWatchingTags);

    const listed = result;
    const stampUnchanged = (): PollOutcome => {
      const at = deps.clock.now();
      const stamp = { id: row.id, at, nextPollAt: nextAt('ok', at), method: listed.method, state: state === row.state ? undefined : state };
      if (deps.stamps) deps.stamps.add(stamp);
      else deps.store.repositories.stampUnchanged([stamp]);
      if (stamp.state) opts.remember?.({ id: row.id, state, meta: row.meta, baselineAt: row.baselineAt });
      deps.log.debug({ repo: repo.name, method: listed.method, requests: listed.requests }, 'poll: unchanged');
      return done({ status: 'unchanged', method: listed.method, events: 0, requests: listed.requests });
    };
    if (unchanged) return stampUnchanged();

    const stored = deps.store.refs.list(row.id);
    // a kind whose previous listing was empty and is unchanged since (304) is still empty
    const emptyAgain = (kind: RefKind, listed: Ref[] | 'unchanged' | undefined) =>
      listed === 'unchanged' && pending.includes(kind) ? [] : listed;
    const diff = diffRefs(
      stored,
      { branches: emptyAgain('branch', result.branches)!, tags: includeTags ? emptyAgain('tag', result.tags) : undefined },
      opts.filters ?? compileFilters(repo),
      pending,
    );
    if (diff.suspicious.length > 0) {
      deps.log.warn({ repo: repo.name, kinds: diff.suspicious }, 'empty listing while refs are stored; nothing deleted unless the next listing is empty too');
    }
    state = withPendingEmpty(state, diff.suspicious);
    const baseline = row.baselineAt === null;
    const tagBaseline = !baseline && Array.isArray(result.tags) && !wasWatchingTags;
    // a discovered repository's first listing is always silent: a new organization must not flood receivers
    const silent = baseline && (!deps.emitOnFirstPoll || repo.discoveredBy !== undefined);
    const changes = silent ? [] : diff.changes.filter((c) => !(tagBaseline && c.kind === 'tag'));
    // A complete listing equal to what is stored (every GraphQL listing, a REST 200 whose refs did not
    // move) is an unchanged poll: a buffered stamp, like a 304, not a commit transaction of its own.
    if (!baseline && !tagBaseline && diff.upserts.length === 0 && diff.deletes.length === 0 && changes.length === 0) return stampUnchanged();

    // Metadata only decorates payloads: asked for lazily, by the first poll that has an event to
    // send (a silent baseline costs one listing and nothing else), unless the listing brought it.
    const afterListing = async () => {
      let meta: RepositoryMeta | undefined = row.meta ?? listed.meta;
      let metadata: RepositoryMeta | undefined = row.meta ? undefined : listed.meta;
      if (!meta && changes.length > 0) {
        ({ meta, store: metadata } = await describeOnce(provider, repo, row, state, deps, opts.signal));
        checkCurrent(opts, repo);
      }
      const repository = meta ?? metaFromLocation(repo.provider, repo.location);
      const enrichments = await enrichChanges(deps, repo, repository, changes, opts.signal, opts.deadline);
      checkCurrent(opts, repo);
      return { metadata, repository, enrichments };
    };
    const { metadata, repository, enrichments } = await (opts.limit && changes.length > 0 ? opts.limit(afterListing) : afterListing());
    if (opts.beforeCommit) {
      await opts.beforeCommit();
      checkCurrent(opts, repo);
    }

    const at = deps.clock.now();
    // Transition numbers are read here and bumped by the commit: a detection redone after a crash
    // reads the same numbers, a later change the next ones. Only the commit is awaited in between,
    // and no other poll of this repository runs meanwhile (one poll per repository at a time; a
    // reload writes the queued commits before it changes any repository).
    const events: Array<NewEvent & { type: EventType }> = changes.map((c, i) => ({
      id: eventId({ repositoryUrl: repo.url, ref: c.ref, before: c.before, after: c.after, transition: deps.store.refs.transitions(repo.name, c.ref) + 1 }),
      type: c.type,
      repositoryId: row.id,
      repositoryName: repo.name,
      repositoryUrl: repo.url,
      provider: repo.provider,
      refKind: c.kind,
      refName: c.name,
      before: c.before,
      after: c.after,
      detectedAt: at,
      data: enrichments[i] ? { repository, enrichment: enrichments[i] } : { repository },
    }));
    const deliveries: NewDelivery[] = events.flatMap((e) =>
      routeEvent(deps.targets, { repositoryName: e.repositoryName, type: e.type, enrichment: e.data.enrichment })
        .map((r) => (r.filtered ? { eventId: e.id, target: r.target, filtered: r.filtered } : { eventId: e.id, target: r.target })),
    );
    const input = {
      repositoryId: row.id, at, nextPollAt: nextAt('ok', at), method: result.method, state, baseline,
      upserts: diff.upserts, deletes: diff.deletes, events, deliveries, metadata,
    };
    try {
      // Group commit with the polls that finish about now (the buffer writes its stamps first);
      // without a buffer, on its own. This poll is done only once its commit is.
      if (deps.stamps) await deps.stamps.commit(input);
      else deps.store.commitPoll(input);
    } catch (err) {
      throw new ReposentryError('storage', `could not store the poll of ${repo.name}: ${errorMessage(err)}`, { cause: err });
    }
    deps.storageHealth?.succeeded();
    opts.remember?.({ id: row.id, state, meta: metadata ?? row.meta, baselineAt: baseline ? at : row.baselineAt });

    for (const c of changes) {
      deps.log.info({ repo: repo.name, ref: c.ref, type: c.type, before: c.before, after: c.after }, 'ref changed');
    }
    if (baseline) deps.log.info({ repo: repo.name, refs: diff.upserts.length, events: events.length }, 'baseline recorded');
    else if (tagBaseline) deps.log.info({ repo: repo.name }, 'tag baseline recorded');
    const wrote = diff.upserts.length + diff.deletes.length > 0;
    const status: PollStatus = baseline ? 'baseline' : wrote ? 'changed' : 'unchanged';
    deps.log.debug({ repo: repo.name, method: result.method, requests: result.requests, status, events: events.length }, 'poll: listed');
    return done({ status, method: result.method, events: events.length, requests: result.requests });
  } catch (err) {
    const error = toError(err, repo, opts.signal);
    if (error.context.superseded === true) {
      deps.log.debug({ repo: repo.name }, 'poll superseded; nothing written');
      return done({ status: 'error', error, events: 0, method: result?.method });
    }
    const message = scrub(error.message, repo);
    const at = deps.clock.now();
    const retryAt = budgetRetryAt(error);
    if (retryAt !== undefined) return waitForBudget(deps, repo, row, opts, { at, retryAt, message, done, method: result?.method });
    try {
      deps.stamps?.flush();
      const method = error.context.method as ListMethod | undefined;
      deps.store.repositories.recordFailure({ id: row.id, at, nextPollAt: nextAt('error', at), error: message, method });
    } catch (storeErr) {
      if (deps.storageHealth) deps.storageHealth.failed(storeErr, 'recording a poll failure');
      else deps.log.error({ repo: repo.name, err: errorMessage(storeErr) }, 'could not record a poll failure');
    }
    if (error.code === 'storage' && deps.storageHealth) {
      // the poll itself worked; the disk did not. Logged once for all repositories; the changes are
      // detected again by the next poll, since nothing of this one was written.
      deps.storageHealth.failed(error.cause ?? error, 'storing polls');
      deps.log.debug({ repo: repo.name, code: error.code, reason: message }, 'poll failed');
    } else {
      deps.log.warn({ repo: repo.name, code: error.code, reason: message }, 'poll failed');
    }
    return done({ status: 'error', error, events: 0, method: result?.method, requests: result?.requests });
  }
}

/**
 * When the error says the (host, token) budget is held until a known time (remaining 0 until reset,
 * Retry-After, a secondary limit): the time, else undefined.
 */
function budgetRetryAt(error: ReposentryError): number | undefined {
  const retryAt = error.context.retryAt;
  return error.code === 'upstream-rate-limited' && typeof retryAt === 'number' ? retryAt : undefined;
}

/**
 * A spent budget is not the repository's failure: no failure count, no backoff. The poll runs again
 * when the budget frees (plus jitter); until then last_error says why it waits.
 */
function waitForBudget(
  deps: PollDeps, repo: RepositoryConfig, row: PollBase, opts: PollOptions,
  w: { at: number; retryAt: number; message: string; method?: ListMethod; done: (o: Omit<PollOutcome, 'repository' | 'durationMs'>) => PollOutcome },
): PollOutcome {
  const nextPollAt = opts.afterBudgetWait ? opts.afterBudgetWait(w.retryAt) : w.retryAt;
  try {
    deps.stamps?.flush();
    deps.store.repositories.recordBudgetWait({ id: row.id, nextPollAt, error: w.message });
  } catch (storeErr) {
    deps.log.error({ repo: repo.name, err: errorMessage(storeErr) }, 'could not record a rate-limit wait');
  }
  deps.log.info({ repo: repo.name, until: new Date(w.retryAt).toISOString(), nextPollAt: new Date(nextPollAt).toISOString() }, 'poll waits for the rate-limit budget');
  return w.done({ status: 'waiting', events: 0, method: w.method, waitUntil: nextPollAt });
}
