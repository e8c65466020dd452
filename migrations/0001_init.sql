-- reposentry schema v1. Times are epoch milliseconds (INTEGER).

CREATE TABLE repositories (
  id                   INTEGER PRIMARY KEY,
  name                 TEXT    NOT NULL UNIQUE,
  url                  TEXT    NOT NULL,
  provider             TEXT    NOT NULL,
  -- provider state as JSON: ETags per request, remote ids (never tokens)
  provider_state       TEXT    NOT NULL DEFAULT '{}',
  -- cached repository metadata (RepositoryMeta JSON) for payloads
  metadata             TEXT,
  -- set by the first complete listing; NULL means the next listing is a silent baseline
  baseline_at          INTEGER,
  last_poll_at         INTEGER,
  next_poll_at         INTEGER,
  last_status          TEXT CHECK (last_status IN ('ok', 'error')),
  last_error           TEXT,
  last_method          TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  created_at           INTEGER NOT NULL
);

CREATE TABLE refs (
  repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
  kind          TEXT    NOT NULL CHECK (kind IN ('branch', 'tag')),
  name          TEXT    NOT NULL,
  sha           TEXT    NOT NULL,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (repository_id, kind, name)
) WITHOUT ROWID;

CREATE TABLE events (
  seq             INTEGER PRIMARY KEY,
  id              TEXT    NOT NULL UNIQUE,
  type            TEXT    NOT NULL,
  repository_id   INTEGER REFERENCES repositories(id) ON DELETE SET NULL,
  repository_name TEXT    NOT NULL,
  repository_url  TEXT    NOT NULL,
  provider        TEXT    NOT NULL,
  ref_kind        TEXT    NOT NULL CHECK (ref_kind IN ('branch', 'tag')),
  ref_name        TEXT    NOT NULL,
  before_sha      TEXT    NOT NULL,
  after_sha       TEXT    NOT NULL,
  detected_at     INTEGER NOT NULL,
  data            TEXT    NOT NULL
);
CREATE INDEX events_by_repository ON events (repository_name, seq);

CREATE TABLE deliveries (
  id                INTEGER PRIMARY KEY,
  event_id          TEXT    NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  target            TEXT    NOT NULL,
  -- repository \0 full ref \0 target: deliveries sharing it go out in id order
  order_key         TEXT    NOT NULL,
  status            TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'delivering', 'delivered', 'dead')),
  attempts          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   INTEGER NOT NULL,
  lease_until       INTEGER,
  last_status_code  INTEGER,
  last_error        TEXT,
  delivered_at      INTEGER,
  receiver_event_id TEXT,
  created_at        INTEGER NOT NULL
);
CREATE INDEX deliveries_open ON deliveries (status, next_attempt_at)
  WHERE status IN ('pending', 'delivering');
CREATE INDEX deliveries_open_by_order ON deliveries (order_key, id)
  WHERE status IN ('pending', 'delivering');
CREATE INDEX deliveries_by_event ON deliveries (event_id);
