/**
 * The benchmark's per-mode passes (issue 7): the same N GitHub repositories polled over REST + ETags
 * and over GraphQL batches, and N GitLab projects, each by an engine of its own (own config and
 * database) in this process, counting what reached the fake APIs in every cycle.
 *
 * Rate-limit accounting, as GitHub charges it:
 * - Primary limit. REST: every request except a conditional one answered 304 (the fake's own
 *   primary window applies the same rule; its `coreUsed` is what we report). GraphQL: points by
 *   GitHub's formula, a budget separate from REST's (the fake computes them per query).
 *   https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 *   https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
 * - Secondary limit ("points per minute"): a REST GET costs 1 point, 304s included; a GraphQL
 *   request without mutations costs 1 point. Limits: 900 points/minute for REST endpoints,
 *   2,000 for GraphQL.
 *   https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#calculating-points-for-the-secondary-rate-limit
 *   https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#secondary-rate-limits
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configYaml } from './config.mjs';

function expectAll(counts, status, n, what) {
  if (counts[status] !== n) throw new Error(`${what}: expected ${n} × ${status}, got ${JSON.stringify(counts)}`);
}

function startPassEngine({ startBenchEngine, dir, config }) {
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, 'config.yaml');
  writeFileSync(configFile, configYaml({ ...config, dataDir: join(dir, 'data') }));
  return startBenchEngine(configFile);
}

/** One cycle of `bench`, with the fake's counters read before and after (outside the timed part). */
async function githubCycle(bench, fake, mode) {
  const before = await fake.ask('stats');
  const eventsBefore = bench.store.db.prepare('SELECT COUNT(*) AS n FROM events').get().n;
  const t0 = performance.now();
  const cycle = await bench.cycle();
  const seconds = (performance.now() - t0) / 1000;
  const after = await fake.ask('stats');
  const graphqlQueries = after.graphqlRequests - before.graphqlRequests;
  const requests = after.requests - before.requests;
  const restRequests = requests - graphqlQueries;
  const primaryRestRequests = after.coreUsed - before.coreUsed;
  const graphqlPoints = after.graphqlPoints - before.graphqlPoints;
  return {
    counts: cycle.counts,
    figures: {
      seconds,
      reposPerSecond: bench.repositories / seconds,
      requests,
      restRequests,
      rest304: after.s304 - before.s304,
      graphqlQueries,
      // the mode's own primary budget: REST requests charged, or GraphQL points
      primaryCost: mode === 'graphql' ? graphqlPoints : primaryRestRequests,
      primaryRestRequests,
      graphqlPoints,
      secondaryPoints: restRequests + graphqlQueries,
      reportedRequests: cycle.requests,
      methods: cycle.methods,
      events: bench.store.db.prepare('SELECT COUNT(*) AS n FROM events').get().n - eventsBefore,
    },
  };
}

/**
 * Baseline, unchanged and changed cycle of all GitHub repositories in one mode ('rest' | 'graphql').
 * Leaves every repository of the fake one commit further on (the changed cycle's change).
 */
export async function githubModePass({ mode, args, fake, startBenchEngine, githubUrl, listenerUrl, port, dir }) {
  const config = { repos: args.repos, concurrency: args.concurrency, apiUrl: githubUrl, listenerUrl, port, mode, batchSize: args.batchSize };
  const bench = await startPassEngine({ startBenchEngine, dir, config });
  const n = bench.repositories;
  try {
    const baseline = await githubCycle(bench, fake, mode);
    expectAll(baseline.counts, 'baseline', n, `${mode} baseline cycle`);
    const unchanged = await githubCycle(bench, fake, mode);
    expectAll(unchanged.counts, 'unchanged', n, `${mode} unchanged cycle`);
    await fake.ask('change-all');
    const changed = await githubCycle(bench, fake, mode);
    expectAll(changed.counts, 'changed', n, `${mode} changed cycle`);
    return {
      batchSize: mode === 'graphql' ? args.batchSize : undefined,
      baseline: baseline.figures,
      unchanged: unchanged.figures,
      changed: changed.figures,
    };
  } finally {
    await bench.close();
  }
}

async function gitlabCycle(bench, fake) {
  const before = (await fake.ask('stats')).gitlab;
  const t0 = performance.now();
  const cycle = await bench.cycle();
  const seconds = (performance.now() - t0) / 1000;
  const after = (await fake.ask('stats')).gitlab;
  return {
    counts: cycle.counts,
    figures: {
      seconds,
      reposPerSecond: bench.repositories / seconds,
      // GitLab.com counts every authenticated API request against its limit, 304s included
      requests: after.requests - before.requests,
      status200: after.s200 - before.s200,
      status304: after.s304 - before.s304,
      reportedRequests: cycle.requests,
    },
  };
}

/** Baseline (project lookup, describe, full listings) and an unchanged cycle of args.gitlab projects. */
export async function gitlabPass({ args, fake, startBenchEngine, gitlabUrl, listenerUrl, port, dir }) {
  const config = { repos: args.gitlab, concurrency: args.concurrency, apiUrl: gitlabUrl, listenerUrl, port, provider: 'gitlab' };
  const bench = await startPassEngine({ startBenchEngine, dir, config });
  const n = bench.repositories;
  try {
    const baseline = await gitlabCycle(bench, fake);
    expectAll(baseline.counts, 'baseline', n, 'GitLab baseline cycle');
    const unchanged = await gitlabCycle(bench, fake);
    expectAll(unchanged.counts, 'unchanged', n, 'GitLab unchanged cycle');
    return { repos: n, branches: args.gitlabBranches, baseline: baseline.figures, unchanged: unchanged.figures };
  } finally {
    await bench.close();
  }
}
