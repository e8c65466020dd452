/** A source's rules (archived, forks, topics, include, exclude) applied to a complete listing. */
import type { DiscoverSourceConfig } from '../config/types.js';
import type { ListedRepository } from '../store/discovery.js';

export type SelectVerdict = 'watched' | 'archived' | 'fork' | 'topics' | 'not-included' | 'excluded';

export function selectVerdict(source: DiscoverSourceConfig, repo: ListedRepository): SelectVerdict {
  if (repo.archived && !source.archived) return 'archived';
  if (repo.fork && !source.forks) return 'fork';
  if (source.topics && !source.topics.some((t) => repo.topics.includes(t))) return 'topics';
  if (source.include && !new RegExp(source.include).test(repo.fullName)) return 'not-included';
  if (source.exclude && new RegExp(source.exclude).test(repo.fullName)) return 'excluded';
  return 'watched';
}

export function selectRepositories(source: DiscoverSourceConfig, listed: readonly ListedRepository[]): ListedRepository[] {
  return listed.filter((r) => selectVerdict(source, r) === 'watched');
}
