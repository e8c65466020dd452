/** Repository rows: identity, provider state (ETags, ids), cached metadata and poll bookkeeping. */
import type Database from 'better-sqlite3';
import type { ProviderState } from '../providers/types.js';
import { withoutUserinfo } from '../redact.js';
import type { ListMethod, ProviderId, RepositoryMeta } from '../types.js';
import { StoredPollBase, parseMeta } from './stored-poll-base.js';

export interface RepositoryRow {
  id: number;
  name: string;
  url: string;
  provider: ProviderId;
  state: ProviderState;
  meta: RepositoryMeta | null;
  baselineAt: number | null;
  lastPollAt: number | null;
  nextPollAt: number | null;
  lastStatus: 'ok' | 'error' | null;
  lastError: string | null;
  lastMethod: ListMethod | null;
  consecutiveFailures: number;
  /** epoch ms of the first failure of the current run of failures; null while polls succeed */
  failingSince?: number | null;
  refCount: number;
}

/** A row without its ref count: what a poll reads, without counting refs on every poll. */
export type PollRow = Omit<RepositoryRow, 'refCount'>;

export interface RepositoryIdentity {
  name: string;
  url: string;
  provider: ProviderId;
}

export interface PollStamp {
  id: number;
  at: number;
  nextPollAt: number;
  method: ListMethod;
  /** new provider state; omit to keep the stored one */
  state?: ProviderState;
}

interface Raw {
  id: number;
  name: string;
  url: string;
  provider: ProviderId;
  provider_state: string;
  metadata: string | null;
  baseline_at: number | null;
  last_poll_at: number | null;
  next_poll_at: number | null;
  last_status: 'ok' | 'error' | null;
  last_error: string | null;
  last_method: ListMethod | null;
  consecutive_failures: number;
  failing_since: number | null;
  ref_count: number;
}

const SELECT = `SELECT r.*, (SELECT COUNT(*) FROM refs f WHERE f.repository_id = r.id) AS ref_count FROM repositories r`;

/**
 * A provider state that does not parse (a hand-edited database) fails the poll that reads it, in
 * that poll; the rows the API, the UI and the mirror read show it as empty instead (`lenient`): one
 * such row must not make the status API answer 500 for every repository while the daemon runs.
 */
function parseOr<T>(text: string, fallback: T, lenient: boolean): T {
  if (!lenient) return JSON.parse(text) as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toPollRow(raw: Omit<Raw, 'ref_count'>, lenient = false): PollRow {
  return {
    id: raw.id,
    name: raw.name,
    url: raw.url,
    provider: raw.provider,
    state: parseOr<ProviderState>(raw.provider_state, {}, lenient),
    meta: parseMeta(raw.metadata),
    baselineAt: raw.baseline_at,
    lastPollAt: raw.last_poll_at,
    nextPollAt: raw.next_poll_at,
    lastStatus: raw.last_status,
    lastError: raw.last_error,
    lastMethod: raw.last_method,
    consecutiveFailures: raw.consecutive_failures,
    failingSince: raw.failing_since,
  };
}

/** What a poll starts from: provider state (ETags), metadata and baseline. */
export type StartBase = Pick<PollRow, 'id' | 'state' | 'meta' | 'baselineAt'>;

/** What the scheduler starts each entry from (the rest of a row is read by the polls themselves). */
export interface StartRow {
  id: number;
  name: string;
  consecutiveFailures: number;
  /** a stored row's state and metadata stay JSON text until a poll reads them */
  base: StartBase;
}

// Only the columns a start needs: each column read costs a large start time of its own (docs/performance.md).
const START_COLUMNS = ['id', 'name', 'url', 'provider', 'provider_state', 'metadata', 'baseline_at', 'consecutive_failures'] as const satisfies ReadonlyArray<keyof Raw>;

type StartArray = [Raw['id'], Raw['name'], Raw['url'], Raw['provider'], Raw['provider_state'], Raw['metadata'], Raw['baseline_at'], Raw['consecutive_failures']];

function arrayToStartRow(a: StartArray): StartRow {
  return { id: a[0], name: a[1], consecutiveFailures: a[7], base: new StoredPollBase(a[0], a[4], a[5], a[6]) };
}

function rowToStartRow(r: RepositoryRow): StartRow {
  return { id: r.id, name: r.name, consecutiveFailures: r.consecutiveFailures, base: { id: r.id, state: r.state, meta: r.meta, baselineAt: r.baselineAt } };
}

function toRow(raw: Raw): RepositoryRow {
  return { ...toPollRow(raw, true), refCount: raw.ref_count };
}

export type RepositoryStore = ReturnType<typeof createRepositoryStore>;

export function createRepositoryStore(db: Database.Database, now: () => number) {
  const byName = db.prepare(`${SELECT} WHERE r.name = ?`);
  // The ref count subquery was the largest single cost of an unchanged (304) poll.
  const pollRowByName = db.prepare('SELECT * FROM repositories WHERE name = ?');
  const all = db.prepare(`${SELECT} ORDER BY r.name`);
  // raw arrays, not objects: a large start reads its rows faster; the order is START_COLUMNS'
  const startRows = db.prepare(`SELECT ${START_COLUMNS.join(', ')} FROM repositories`).raw();
  const refCount = db.prepare('SELECT COUNT(*) AS n FROM refs WHERE repository_id = ?');
  const insert = db.prepare(
    'INSERT INTO repositories (name, url, provider, created_at) VALUES (?, ?, ?, ?)',
  );
  // A repository whose URL or provider changed is another repository: forget its refs, ETags and
  // metadata, and let the next listing be a silent baseline instead of a flood of events.
  const rebase = db.prepare(
    `UPDATE repositories SET url = ?, provider = ?, provider_state = '{}', metadata = NULL,
       baseline_at = NULL, last_status = NULL, last_error = NULL, consecutive_failures = 0, failing_since = NULL WHERE id = ?`,
  );
  const clearRefs = db.prepare('DELETE FROM refs WHERE repository_id = ?');
  const stamp = db.prepare(
    `UPDATE repositories SET last_poll_at = @at, next_poll_at = @nextPollAt, last_method = @method,
       last_status = 'ok', last_error = NULL, consecutive_failures = 0, failing_since = NULL,
       provider_state = COALESCE(@state, provider_state) WHERE id = @id`,
  );
  const fail = db.prepare(
    `UPDATE repositories SET last_poll_at = @at, next_poll_at = @nextPollAt, last_status = 'error',
       last_error = @error, last_method = COALESCE(@method, last_method),
       consecutive_failures = consecutive_failures + 1, failing_since = COALESCE(failing_since, @at) WHERE id = @id`,
  );
  // a held rate-limit budget: neither a poll nor a failure; only when it runs next and why
  const budgetWait = db.prepare('UPDATE repositories SET next_poll_at = @nextPollAt, last_error = @error WHERE id = @id');
  const setMeta = db.prepare('UPDATE repositories SET metadata = ? WHERE id = ?');
  const setUrl = db.prepare('UPDATE repositories SET url = ? WHERE id = ?');
  const setState = db.prepare('UPDATE repositories SET provider_state = ? WHERE id = ?');
  const setBaseline = db.prepare('UPDATE repositories SET baseline_at = ? WHERE id = ? AND baseline_at IS NULL');

  function get(name: string): RepositoryRow | undefined {
    const raw = byName.get(name) as Raw | undefined;
    return raw && toRow(raw);
  }

  /**
   * Makes the table match the configured identities (rows of removed repositories are kept with their
   * history). Rows already stored come back as read for a start (StartRow); new or re-based ones whole.
   */
  const syncRows = db.transaction((repos: RepositoryIdentity[]): Array<StartRow | RepositoryRow> => {
    // One read of the whole table instead of a SELECT per repository (10,000 of them on a start),
    // and no ref counts: nothing on the start path reads them (counting 500,000 refs was a third of the sync).
    const current = new Map<string, StartArray>();
    for (const a of startRows.all() as StartArray[]) current.set(a[1], a);
    const rows: Array<StartRow | RepositoryRow> = [];
    for (const repo of repos) {
      const existing = current.get(repo.name);
      if (!existing) {
        insert.run(repo.name, repo.url, repo.provider, now());
      } else if (existing[2] !== repo.url && withoutUserinfo(existing[2] as string) === repo.url && existing[3] === repo.provider) {
        // the same repository, stored by an older version with the URL's credentials: drop them, keep the baseline
        setUrl.run(repo.url, existing[0]);
        existing[2] = repo.url;
        rows.push(arrayToStartRow(existing));
        continue;
      } else if (existing[2] !== repo.url || existing[3] !== repo.provider) {
        rebase.run(repo.url, repo.provider, existing[0]);
        clearRefs.run(existing[0]);
      } else {
        rows.push(arrayToStartRow(existing));
        continue;
      }
      const raw = byName.get(repo.name) as Raw;
      current.set(repo.name, [raw.id, raw.name, raw.url, raw.provider, raw.provider_state, raw.metadata, raw.baseline_at, raw.consecutive_failures]);
      rows.push(toRow(raw));
    }
    return rows;
  });

  /** sync with whole rows; ref counts are counted on first access */
  const sync = db.transaction((repos: RepositoryIdentity[]): RepositoryRow[] =>
    syncRows(repos).map((r) => ('refCount' in r ? r : withLazyRefCount(toPollRow(pollRowByName.get(r.name) as Raw)))),
  );

  function withLazyRefCount(row: PollRow): RepositoryRow {
    let count: number | undefined;
    return Object.defineProperty(row as RepositoryRow, 'refCount', {
      enumerable: true,
      configurable: true,
      get: () => (count ??= (refCount.get(row.id) as { n: number }).n),
      set: (n: number) => {
        count = n;
      },
    });
  }

  function stampRow(s: PollStamp): void {
    stamp.run({ id: s.id, at: s.at, nextPollAt: s.nextPollAt, method: s.method, state: s.state ? JSON.stringify(s.state) : null });
  }

  return {
    get,
    /** the row a poll needs (no ref count) */
    getForPoll(name: string): PollRow | undefined {
      const raw = pollRowByName.get(name) as Omit<Raw, 'ref_count'> | undefined;
      return raw && toPollRow(raw);
    },
    list: (): RepositoryRow[] => (all.all() as Raw[]).map(toRow),
    sync,
    /** sync for the scheduler's start: rows as a start reads them (StartRow), no ref counts; one per identity, in their order */
    syncForPoll: (repos: RepositoryIdentity[]): StartRow[] => syncRows(repos).map((r) => ('refCount' in r ? rowToStartRow(r) : r)),
    /** poll stamps of unchanged repositories, many in one transaction */
    stampUnchanged: db.transaction((stamps: PollStamp[]) => {
      for (const s of stamps) stampRow(s);
    }),
    stampRow,
    /** `method`: what produced the failed listing, when known (the ls-remote fallback); else the last one stays */
    recordFailure(r: { id: number; at: number; nextPollAt: number; error: string; method?: ListMethod }): void {
      fail.run({ ...r, method: r.method ?? null });
    },
    recordBudgetWait(r: { id: number; nextPollAt: number; error: string }): void {
      budgetWait.run(r);
    },
    setMetadata(id: number, meta: RepositoryMeta): void {
      setMeta.run(JSON.stringify(meta), id);
    },
    setState(id: number, state: ProviderState): void {
      setState.run(JSON.stringify(state), id);
    },
    markBaseline(id: number, at: number): void {
      setBaseline.run(at, id);
    },
  };
}
