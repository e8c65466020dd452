/**
 * What enrichment adds to an event: the commits of the change, the paths it touched and whether it
 * rewrote history. Stored with the event (events.data.enrichment) at detection time.
 */
export interface EnrichedPerson {
  name: string;
  email: string;
  /** ISO 8601 */
  date: string;
}

export interface EnrichedCommit {
  id: string;
  treeId?: string;
  message: string;
  author: EnrichedPerson;
  committer: EnrichedPerson;
  url: string;
  added: string[];
  modified: string[];
  removed: string[];
}

export type EnrichmentSource = 'github' | 'gitlab' | 'gitea' | 'git';

export interface EnrichmentOk {
  status: 'ok';
  source: EnrichmentSource;
  /** oldest first; the newest `max_commits` of the change (the head commit last) */
  commits: EnrichedCommit[];
  /** how many commits the change has (commits.length when not truncated) */
  totalCommits: number;
  /** union of the paths the change added, modified or removed (renames: both paths) */
  changedFiles: { files: string[]; truncated: boolean };
  /** the new head does not descend from the old one */
  forced: boolean;
  /** the commit the ref now points to (the tagged commit for a tag) */
  headCommit?: EnrichedCommit;
  /**
   * How the commits were counted: `before` (an update), `default-branch` (a created ref: commits
   * not on the default branch), `head-only` (a created ref whose default branch is unknown or is the ref itself)
   */
  range: 'before' | 'default-branch' | 'head-only';
  /**
   * The API sources (compare endpoints) list files for the whole change, not per commit: their
   * files are reported on the head commit and `filesPerCommit` is false.
   */
  filesPerCommit: boolean;
}

export interface EnrichmentUnavailable {
  status: 'unavailable';
  reason: string;
}

export type Enrichment = EnrichmentOk | EnrichmentUnavailable;

/** One change to enrich. */
export interface EnrichRequest {
  kind: 'branch' | 'tag';
  /** refs/heads/main */
  ref: string;
  /** forty zeros for a created ref */
  before: string;
  after: string;
}

export interface EnrichLimits {
  maxCommits: number;
  maxFiles: number;
}

/** Web URL of a commit, as the provider shows it. */
export type CommitUrl = (sha: string) => string;
