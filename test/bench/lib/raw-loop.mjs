/**
 * The limit: a bare undici Pool loop against the same fake, same concurrency, same URLs, the same
 * conditional requests (If-None-Match → 304). No budget, no retry, no store: what the wire allows.
 */
import { Pool } from 'undici';

/** Runs `total` jobs with at most `concurrency` at once; resolves when all are done. */
export async function runPool(total, concurrency, job) {
  let next = 0;
  async function worker() {
    while (next < total) {
      const i = next++;
      await job(i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

export function listingPath(name) {
  // the path reposentry's GitHub provider asks for; raw=1 keeps these out of the fake's count of
  // reposentry's listings (the fake ignores the parameter otherwise)
  return `/repos/bench/${name}/git/matching-refs/heads/?per_page=100&raw=1`;
}

/**
 * One unconditional pass (collects ETags; full 200 listings) and one conditional pass (all 304).
 * Returns the rates and the statuses seen, so a misconfigured run cannot pass as fast.
 */
export async function measureRawLimit({ url, names, concurrency, connections }) {
  const pool = new Pool(url, { connections, keepAliveTimeout: 30_000 });
  const etags = new Array(names.length);
  const statuses = {};
  const count = (s) => (statuses[s] = (statuses[s] ?? 0) + 1);
  try {
    let t0 = performance.now();
    await runPool(names.length, concurrency, async (i) => {
      const res = await pool.request({ path: listingPath(names[i]), method: 'GET', headers: { accept: 'application/json', 'user-agent': 'bench' } });
      await res.body.text();
      count(res.statusCode);
      etags[i] = res.headers.etag;
    });
    const fullSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    await runPool(names.length, concurrency, async (i) => {
      const res = await pool.request({
        path: listingPath(names[i]),
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'bench', 'if-none-match': etags[i] },
      });
      await res.body.text();
      count(res.statusCode);
    });
    const conditionalSeconds = (performance.now() - t0) / 1000;
    return {
      fullRequestsPerSecond: names.length / fullSeconds,
      conditionalRequestsPerSecond: names.length / conditionalSeconds,
      conditionalSeconds,
      statuses,
    };
  } finally {
    await pool.close();
  }
}
