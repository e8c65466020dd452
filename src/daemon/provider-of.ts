/**
 * The provider of a configured repository by name, for the poll metrics (called once per poll):
 * a map rebuilt when the repository list changes (a reload, discovery), not a search of the list
 * per poll, which grew with the number of repositories.
 */
import type { RepositoryConfig } from '../config/types.js';

export function providerLookup(current: () => { repositories: readonly RepositoryConfig[] }): (name: string) => string | undefined {
  let indexed: readonly RepositoryConfig[] | undefined;
  let byName = new Map<string, string>();
  return (name) => {
    const repositories = current().repositories;
    if (repositories !== indexed) {
      byName = new Map(repositories.map((r) => [r.name, r.provider]));
      indexed = repositories;
    }
    return byName.get(name);
  };
}
