-- v8: repository discovery (`discover:` sources) and the mirror target's bookkeeping.

-- One row per discover source (by its config name): the last listing's outcome and the page cache
-- that makes an unchanged listing cost only 304s (JSON: [{url, etag, next, items}]; never tokens).
CREATE TABLE discover_sources (
  name            TEXT    PRIMARY KEY,
  pages           TEXT    NOT NULL DEFAULT '[]',
  last_listing_at INTEGER,
  last_status     TEXT CHECK (last_status IN ('ok', 'error')),
  last_error      TEXT,
  found           INTEGER NOT NULL DEFAULT 0,
  -- complete listings so far; a repository is removed after `missing` reaches 2
  listings        INTEGER NOT NULL DEFAULT 0
);

-- Repositories a source found. `active` rows are watched; `missing` counts consecutive complete
-- listings without the repository (a failed or partial listing changes nothing here).
CREATE TABLE discovered_repositories (
  source        TEXT    NOT NULL,
  full_name     TEXT    NOT NULL,
  url           TEXT    NOT NULL,
  clone_url     TEXT    NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1,
  missing       INTEGER NOT NULL DEFAULT 0,
  first_seen_at INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  removed_at    INTEGER,
  PRIMARY KEY (source, full_name)
) WITHOUT ROWID;

-- Mirror targets: the SHA last pushed per (target, repository, ref), for the initial sync and lag.
CREATE TABLE mirror_refs (
  target      TEXT    NOT NULL,
  repository  TEXT    NOT NULL,
  ref         TEXT    NOT NULL,
  sha         TEXT    NOT NULL,
  pushed_at   INTEGER NOT NULL,
  PRIMARY KEY (target, repository, ref)
) WITHOUT ROWID;
