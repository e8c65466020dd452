-- v14: a mirror target's initial sync of a repository (every watched ref pushed as one delivery).
-- One row per (target, repository) once its sync event is queued: at the repository's baseline, when
-- the target is added later, or at the first start that finds it missing; never queued twice.
CREATE TABLE mirror_syncs (
  target     TEXT    NOT NULL,
  repository TEXT    NOT NULL,
  event_id   TEXT    NOT NULL,
  queued_at  INTEGER NOT NULL,
  PRIMARY KEY (target, repository)
) WITHOUT ROWID;
