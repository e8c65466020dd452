/**
 * A repository's provider state and metadata as a start reads them: the stored JSON text, parsed
 * on first read. A start reads every row, but most repositories are not polled until long after
 * ready, and parsing every row's ETags and metadata up front was a large share of a big start
 * (docs/performance.md). Reading `state` or `meta` gives exactly what parsing at start gave.
 */
import type { ProviderState } from '../providers/types.js';
import type { RepositoryMeta } from '../types.js';

export class StoredPollBase {
  readonly id: number;
  readonly baselineAt: number | null;
  #stateText: string | undefined;
  #state: ProviderState | undefined;
  #metaText: string | null | undefined;
  #meta: RepositoryMeta | null = null;

  constructor(id: number, stateText: string, metaText: string | null, baselineAt: number | null) {
    this.id = id;
    this.baselineAt = baselineAt;
    this.#stateText = stateText;
    this.#metaText = metaText;
  }

  get state(): ProviderState {
    if (this.#stateText !== undefined) {
      this.#state = parseColumn(this.#stateText, 'provider state (provider_state)') as ProviderState;
      this.#stateText = undefined;
    }
    return this.#state as ProviderState;
  }

  get meta(): RepositoryMeta | null {
    if (this.#metaText !== undefined) {
      this.#meta = parseMeta(this.#metaText);
      this.#metaText = undefined;
    }
    return this.#meta;
  }
}

/** A column that does not parse (a hand-edited database) fails the poll that reads it, with what is wrong. */
function parseColumn(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`the stored ${what} is not valid JSON (${(err as Error).message})`, { cause: err });
  }
}

/**
 * Stored metadata only decorates payloads: when it does not parse, it is absent, so the next poll
 * with an event asks for it again and stores it, instead of every poll failing.
 */
export function parseMeta(text: string | null): RepositoryMeta | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as RepositoryMeta;
  } catch {
    return null;
  }
}
