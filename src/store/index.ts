/** The SQLite store: one database, one module per table group, statements prepared once. */
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { ReposentryError } from '../errors.js';
import type { ProviderState } from '../providers/types.js';
import type { ListMethod, Ref, RefKind, RepositoryMeta } from '../types.js';
import { fullRef } from '../events/id.js';
import { openDatabase, type OpenDatabaseOptions } from './db.js';
import { createDeliveryStore, orderKey, type DeliveryStore, type NewDelivery } from './deliveries.js';
import { createEventStore, type EventStore, type NewEvent } from './events.js';
import { createRefStore, type RefStore } from './refs.js';
import { createRepositoryStore, type RepositoryStore } from './repositories.js';
import { createDiscoveryStore, type DiscoveryStore } from './discovery.js';
import { createRetentionStore, type RetentionStore } from './retention.js';
import { createMirrorStore, type MirrorStore } from './mirror.js';

export type { RepositoryRow, PollRow, PollStamp, StartRow } from './repositories.js';
export type { NewEvent, EventSummary } from './events.js';
export type { NewDelivery, DeliveryRow, ClaimedDelivery, DeliveryOutcome, DeliveryStats, UndeliveredDelivery } from './deliveries.js';
export type { RepositoryStore, RefStore, EventStore, DeliveryStore, DiscoveryStore, RetentionStore, MirrorStore };
export type { MirrorLag } from './mirror.js';
export type { StorageStats } from './retention.js';
export { migrate, readMigrations, schemaVersion } from './migrate.js';

/** Everything one complete listing changes, written in one synchronous transaction. */
export interface CommitPollInput {
  repositoryId: number;
  at: number;
  nextPollAt: number;
  method: ListMethod;
  state: ProviderState;
  /** the listing recorded the repository's baseline (first complete listing) */
  baseline: boolean;
  upserts: Ref[];
  deletes: Array<{ kind: RefKind; name: string }>;
  events: NewEvent[];
  /** one per (event, matching target) */
  deliveries: NewDelivery[];
  metadata?: RepositoryMeta;
}

export interface Store {
  db: Database.Database;
  repositories: RepositoryStore;
  refs: RefStore;
  events: EventStore;
  deliveries: DeliveryStore;
  discovery: DiscoveryStore;
  retention: RetentionStore;
  mirror: MirrorStore;
  /** queues a mirror target's initial sync of a repository (event, delivery, mirror_syncs row); false when already queued */
  queueMirrorSync(input: { event: NewEvent; target: string; at: number }): boolean;
  commitPoll(input: CommitPollInput): CommitPollResult;
  /**
   * Group commit: several polls in one transaction (one WAL append and fsync instead of one each),
   * each poll in a savepoint of its own, so it is still written whole or not at all. `first` runs
   * in the same transaction before them (buffered stamps: they must land before a later commit).
   * Returns each poll's result or the error that rolled back its savepoint; throws (nothing
   * written) when the transaction itself fails.
   */
  commitPolls(inputs: readonly CommitPollInput[], first?: () => void): Array<CommitPollResult | Error>;
  /**
   * Whether the path still names the file this store has open: `missing` when it was deleted,
   * `replaced` when another file took its place. Writes then go to a file nobody will open again.
   */
  fileStatus(): FileStatus;
  close(): void;
}

export type FileStatus = 'ok' | 'missing' | 'replaced';

export interface CommitPollResult {
  eventsInserted: number;
  deliveriesInserted: number;
}

export interface OpenStoreOptions extends OpenDatabaseOptions {
  now?: () => number;
}

/** device and inode of the file at `path`; null for an in-memory database or a missing file */
function fileIdentity(path: string): string | null {
  if (path === ':memory:' || path === '') return null;
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

export function openStore(path: string, opts: OpenStoreOptions = {}): Store {
  const db = openDatabase(path, opts);
  const now = opts.now ?? Date.now;
  const repositories = createRepositoryStore(db, now);
  const refs = createRefStore(db);
  const events = createEventStore(db);
  const deliveries = createDeliveryStore(db, now);
  const discovery = createDiscoveryStore(db);
  const identity = fileIdentity(path);
  function fileStatus(): FileStatus {
    if (identity === null) return 'ok';
    const current = fileIdentity(path);
    if (current === null) return 'missing';
    return current === identity ? 'ok' : 'replaced';
  }
  // checked before each commit: events committed to a deleted database would be lost at the next start
  function checkFile(): void {
    const status = fileStatus();
    if (status !== 'ok') {
      throw new ReposentryError('storage', `database file ${path} was ${status === 'missing' ? 'deleted' : 'replaced'} while open; nothing more is committed to it`);
    }
  }
  const retention = createRetentionStore(db);
  const mirror = createMirrorStore(db);

  const commitPoll = db.transaction((input: CommitPollInput) => {
    for (const ref of input.upserts) refs.upsert(input.repositoryId, ref, input.at);
    for (const ref of input.deletes) refs.remove(input.repositoryId, ref.kind, ref.name);
    let eventsInserted = 0;
    const eventsById = new Map<string, NewEvent>();
    for (const e of input.events) {
      if (events.insert(e)) eventsInserted++;
      // the next event of this ref gets the next transition number, hence a new id
      refs.countTransition(e.repositoryName, fullRef(e.refKind, e.refName));
      eventsById.set(e.id, e);
    }
    for (const d of input.deliveries) {
      const e = eventsById.get(d.eventId);
      if (!e) throw new Error(`delivery for unknown event ${d.eventId}`);
      deliveries.insert({ ...d, orderKey: orderKey(e.repositoryName, fullRef(e.refKind, e.refName), d.target), at: input.at });
    }
    if (input.metadata) repositories.setMetadata(input.repositoryId, input.metadata);
    repositories.stampRow({ id: input.repositoryId, at: input.at, nextPollAt: input.nextPollAt, method: input.method, state: input.state });
    if (input.baseline) repositories.markBaseline(input.repositoryId, input.at);
    return { eventsInserted, deliveriesInserted: input.deliveries.length };
  });

  const commitPolls = db.transaction((inputs: readonly CommitPollInput[], first?: () => void): Array<CommitPollResult | Error> => {
    first?.();
    // SQLite rolls the whole transaction back on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY…),
    // even one raised inside a savepoint: from then on a poll would begin and commit a transaction of
    // its own, stored while the group's failed commit reports it failed
    const rolledBack = (): ReposentryError => new ReposentryError('storage', 'the group commit was rolled back by SQLite; none of its polls is stored');
    if (!db.inTransaction) throw rolledBack();
    // commitPoll nested in this transaction runs in a savepoint: a failing poll rolls back alone
    return inputs.map((input) => {
      try {
        return commitPoll(input);
      } catch (err) {
        if (!db.inTransaction) throw err;
        return err instanceof Error ? err : new Error(String(err));
      }
    });
  });

  // a mirror target's initial sync: its event, its one delivery and the row saying it was queued, together
  const queueMirrorSync = db.transaction((input: { event: NewEvent; target: string; at: number }): boolean => {
    if (!mirror.markSyncQueued(input.target, input.event.repositoryName, input.event.id, input.at)) return false;
    events.insert(input.event);
    const key = orderKey(input.event.repositoryName, fullRef(input.event.refKind, input.event.refName), input.target);
    deliveries.insert({ eventId: input.event.id, target: input.target, orderKey: key, at: input.at });
    return true;
  });

  return {
    db,
    repositories,
    queueMirrorSync: (input: { event: NewEvent; target: string; at: number }): boolean => queueMirrorSync(input),
    refs,
    events,
    deliveries,
    discovery,
    retention,
    commitPoll: (input) => {
      checkFile();
      return commitPoll(input);
    },
    commitPolls: (inputs, first) => {
      checkFile();
      return commitPolls(inputs, first);
    },
    fileStatus,
    mirror,
    close: () => {
      if (db.open) db.close();
    },
  };
}
