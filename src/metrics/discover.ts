/** Discovery metrics: listings per source and result, and how many repositories each source watches. */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { DiscoverMetrics } from '../discover/discoverer.js';

export function createDiscoverMetrics(registry: Registry): DiscoverMetrics {
  const listings = new Counter({
    name: 'reposentry_discover_listings_total',
    help: 'Discover source listings by source and result (ok, error)',
    labelNames: ['source', 'result'] as const,
    registers: [registry],
  });
  const watched = new Gauge({
    name: 'reposentry_discover_repositories',
    help: 'Repositories a discover source found and selected in its last complete listing',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  return {
    listingCompleted(source, status, found) {
      listings.inc({ source, result: status });
      if (status === 'ok') watched.set({ source }, found);
    },
  };
}
