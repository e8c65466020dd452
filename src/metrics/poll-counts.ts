/**
 * Poll and listing counts in plain integers per label set, handed to prom-client on scrape (its
 * inc() hashes the label object on every call). The label set of a poll is found without building
 * a key string: a repository's poll usually has the provider and result of the one before it, and
 * a provider has a handful of listing methods (a key built per poll showed in an unchanged poll's
 * profile).
 */

/** A labelled counter's increments since the last scrape. */
export interface PendingCount<L> {
  labels: L;
  pending: number;
}

export type PollLabels = { repository: string; provider: string; result: string };

export type ListingLabels = { provider: string; method: string };

interface RepositoryCounts {
  last: PendingCount<PollLabels>;
  all: Array<PendingCount<PollLabels>>;
}

export function createPollCounts() {
  const byRepository = new Map<string, RepositoryCounts>();
  const listings = new Map<string, Array<PendingCount<ListingLabels>>>();
  return {
    poll(repository: string, provider: string, result: string): void {
      const r = byRepository.get(repository);
      if (r && r.last.labels.result === result && r.last.labels.provider === provider) {
        r.last.pending++;
        return;
      }
      const all = r?.all ?? [];
      let count = all.find((c) => c.labels.result === result && c.labels.provider === provider);
      if (!count) all.push((count = { labels: { repository, provider, result }, pending: 0 }));
      count.pending++;
      if (r) r.last = count;
      else byRepository.set(repository, { last: count, all });
    },
    listing(provider: string, method: string): void {
      let all = listings.get(provider);
      if (!all) listings.set(provider, (all = []));
      let count = all.find((c) => c.labels.method === method);
      if (!count) all.push((count = { labels: { provider, method }, pending: 0 }));
      count.pending++;
    },
    polls: (): Array<PendingCount<PollLabels>> => [...byRepository.values()].flatMap((r) => r.all),
    listings: (): Array<PendingCount<ListingLabels>> => [...listings.values()].flat(),
    /** a removed repository's label sets, forgotten here (its series are removed by the caller) */
    forget(repository: string): Array<PendingCount<PollLabels>> {
      const all = byRepository.get(repository)?.all ?? [];
      byRepository.delete(repository);
      return all;
    },
  };
}
