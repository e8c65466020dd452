/** Discover sources and the repositories they found: listing outcomes, page caches, the removal count. */
import type Database from 'better-sqlite3';

/** One repository as a source lists it (the fields discovery keeps; never a token). */
export interface ListedRepository {
  fullName: string;
  /** web URL (html_url / web_url): what the repository is polled by */
  url: string;
  cloneUrl: string;
  archived: boolean;
  fork: boolean;
  topics: string[];
}

/** One page of a listing as cached for conditional requests. */
export interface CachedPage {
  url: string;
  etag?: string;
  next?: string;
  items: ListedRepository[];
}

export interface DiscoveredRow {
  source: string;
  fullName: string;
  url: string;
  cloneUrl: string;
  active: boolean;
  missing: number;
  firstSeenAt: number;
  lastSeenAt: number;
  removedAt: number | null;
}

export interface SourceRow {
  name: string;
  pages: CachedPage[];
  lastListingAt: number | null;
  lastStatus: 'ok' | 'error' | null;
  lastError: string | null;
  found: number;
  listings: number;
}

/** What one complete listing changed. */
export interface ListingOutcome {
  added: string[];
  /** removed now: missing from a second consecutive complete listing */
  removed: string[];
  /** missing from this listing for the first time (removed if the next complete listing agrees) */
  missingOnce: string[];
  /** URL changed (a repository renamed within the source keeps its full name only if the source says so) */
  changed: string[];
}

/** After this many consecutive complete listings without it, a discovered repository is removed. */
export const MISSING_LISTINGS_TO_REMOVE = 2;

interface RawSource {
  name: string;
  pages: string;
  last_listing_at: number | null;
  last_status: 'ok' | 'error' | null;
  last_error: string | null;
  found: number;
  listings: number;
}

interface RawDiscovered {
  source: string;
  full_name: string;
  url: string;
  clone_url: string;
  active: number;
  missing: number;
  first_seen_at: number;
  last_seen_at: number;
  removed_at: number | null;
}

function toDiscovered(r: RawDiscovered): DiscoveredRow {
  return {
    source: r.source,
    fullName: r.full_name,
    url: r.url,
    cloneUrl: r.clone_url,
    active: r.active === 1,
    missing: r.missing,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    removedAt: r.removed_at,
  };
}

export type DiscoveryStore = ReturnType<typeof createDiscoveryStore>;

export function createDiscoveryStore(db: Database.Database) {
  const sourceByName = db.prepare('SELECT * FROM discover_sources WHERE name = ?');
  const allSources = db.prepare('SELECT * FROM discover_sources ORDER BY name');
  const ensureSource = db.prepare('INSERT OR IGNORE INTO discover_sources (name) VALUES (?)');
  const sourceOk = db.prepare(
    `UPDATE discover_sources SET pages = @pages, last_listing_at = @at, last_status = 'ok', last_error = NULL,
       found = @found, listings = listings + 1 WHERE name = @name`,
  );
  const sourceFailed = db.prepare(
    `UPDATE discover_sources SET last_listing_at = @at, last_status = 'error', last_error = @error WHERE name = @name`,
  );
  const bySource = db.prepare('SELECT * FROM discovered_repositories WHERE source = ? ORDER BY full_name');
  const allActive = db.prepare('SELECT * FROM discovered_repositories WHERE active = 1 ORDER BY source, full_name');
  const upsertSeen = db.prepare(
    `INSERT INTO discovered_repositories (source, full_name, url, clone_url, active, missing, first_seen_at, last_seen_at)
       VALUES (@source, @fullName, @url, @cloneUrl, 1, 0, @at, @at)
     ON CONFLICT (source, full_name) DO UPDATE SET url = excluded.url, clone_url = excluded.clone_url,
       active = 1, missing = 0, last_seen_at = excluded.last_seen_at, removed_at = NULL`,
  );
  const markMissing = db.prepare(
    'UPDATE discovered_repositories SET missing = missing + 1 WHERE source = ? AND full_name = ?',
  );
  const markRemoved = db.prepare(
    'UPDATE discovered_repositories SET active = 0, removed_at = ? WHERE source = ? AND full_name = ?',
  );

  function toSource(r: RawSource): SourceRow {
    return {
      name: r.name,
      pages: JSON.parse(r.pages) as CachedPage[],
      lastListingAt: r.last_listing_at,
      lastStatus: r.last_status,
      lastError: r.last_error,
      found: r.found,
      listings: r.listings,
    };
  }

  /** Applies one complete listing (already filtered by the source's rules) in one transaction. */
  const applyListing = db.transaction(
    (input: { source: string; at: number; selected: ListedRepository[]; pages: CachedPage[] }): ListingOutcome => {
      ensureSource.run(input.source);
      const current = new Map((bySource.all(input.source) as RawDiscovered[]).map((r) => [r.full_name, toDiscovered(r)]));
      const outcome: ListingOutcome = { added: [], removed: [], missingOnce: [], changed: [] };
      const seen = new Set<string>();
      for (const repo of input.selected) {
        if (seen.has(repo.fullName)) continue;
        seen.add(repo.fullName);
        const before = current.get(repo.fullName);
        if (!before || !before.active) outcome.added.push(repo.fullName);
        else if (before.url !== repo.url) outcome.changed.push(repo.fullName);
        upsertSeen.run({ source: input.source, fullName: repo.fullName, url: repo.url, cloneUrl: repo.cloneUrl, at: input.at });
      }
      for (const row of current.values()) {
        if (!row.active || seen.has(row.fullName)) continue;
        markMissing.run(input.source, row.fullName);
        if (row.missing + 1 >= MISSING_LISTINGS_TO_REMOVE) {
          markRemoved.run(input.at, input.source, row.fullName);
          outcome.removed.push(row.fullName);
        } else {
          outcome.missingOnce.push(row.fullName);
        }
      }
      sourceOk.run({ name: input.source, pages: JSON.stringify(input.pages), at: input.at, found: seen.size });
      return outcome;
    },
  );

  return {
    source(name: string): SourceRow | undefined {
      const raw = sourceByName.get(name) as RawSource | undefined;
      return raw && toSource(raw);
    },
    sources: (): SourceRow[] => (allSources.all() as RawSource[]).map(toSource),
    /** every watched (active) discovered repository, by source then full name */
    active: (): DiscoveredRow[] => (allActive.all() as RawDiscovered[]).map(toDiscovered),
    bySource: (source: string): DiscoveredRow[] => (bySource.all(source) as RawDiscovered[]).map(toDiscovered),
    applyListing,
    /** a failed or partial listing: recorded, and nothing else changes */
    recordFailure(source: string, at: number, error: string): void {
      ensureSource.run(source);
      sourceFailed.run({ name: source, at, error });
    },
  };
}
