-- v4: deliveries gain two statuses. `held`: the target was removed from the configuration; its
-- deliveries wait for a target of the same name to return (or an operator / the grace period to
-- drop them). `filtered`: a target's filter (paths, skip_ci, forced, ...) kept the event from it;
-- recorded, never sent. SQLite cannot alter a CHECK constraint, so the table is rebuilt.
CREATE TABLE deliveries_v4 (
  id                INTEGER PRIMARY KEY,
  event_id          TEXT    NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  target            TEXT    NOT NULL,
  order_key         TEXT    NOT NULL,
  status            TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'delivering', 'delivered', 'held', 'filtered', 'dead')),
  attempts          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   INTEGER NOT NULL,
  lease_until       INTEGER,
  last_status_code  INTEGER,
  last_error        TEXT,
  delivered_at      INTEGER,
  receiver_event_id TEXT,
  created_at        INTEGER NOT NULL,
  last_attempt_at   INTEGER
);
INSERT INTO deliveries_v4 (id, event_id, target, order_key, status, attempts, next_attempt_at, lease_until,
                           last_status_code, last_error, delivered_at, receiver_event_id, created_at, last_attempt_at)
  SELECT id, event_id, target, order_key, status, attempts, next_attempt_at, lease_until,
         last_status_code, last_error, delivered_at, receiver_event_id, created_at, last_attempt_at
    FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_v4 RENAME TO deliveries;
CREATE INDEX deliveries_open ON deliveries (status, next_attempt_at)
  WHERE status IN ('pending', 'delivering');
CREATE INDEX deliveries_open_by_order ON deliveries (order_key, id)
  WHERE status IN ('pending', 'delivering');
CREATE INDEX deliveries_by_event ON deliveries (event_id);
CREATE INDEX deliveries_by_status ON deliveries (status);
