import type { TargetConfig } from '../../config/types.js';
import type { StoredEvent } from '../../types.js';

/** What a format needs besides the event and the target. */
export interface FormatOptions {
  /** reposentry's version, for User-Agent */
  version: string;
  /** epoch ms of this attempt: signatures are made per attempt, so a late retry still verifies */
  now: number;
}

/** One HTTP request body and its headers (or, for the log target, one line). */
export interface FormattedRequest {
  headers: Record<string, string>;
  body: string;
}

export type Format = (event: StoredEvent, target: TargetConfig, opts: FormatOptions) => FormattedRequest;
