-- v5: a per-ref transition counter, folded into each event id so that a later, distinct change
-- gets a new id even when (ref, before, after) repeat (A→B→A→B; a tag deleted and re-created at
-- the same SHA). Kept apart from `refs` because a deleted ref's row disappears while its counter
-- must not; keyed by repository name (not row id) so it also survives a repository's removal and
-- re-addition. Bumped in the transaction that writes the event, so a detection redone after a
-- crash (its transaction never committed) computes the same id again.
CREATE TABLE ref_transitions (
  repository_name TEXT    NOT NULL,
  ref             TEXT    NOT NULL,
  count           INTEGER NOT NULL,
  PRIMARY KEY (repository_name, ref)
) WITHOUT ROWID;
-- retention (storage.retention) walks events by detection time
CREATE INDEX events_by_detected ON events (detected_at);
