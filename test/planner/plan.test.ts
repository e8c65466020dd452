import { describe, expect, it } from 'vitest';
import { formatSeconds, graphqlGroups, graphqlQueryPoints, overBudgetMessages, planConfig, planRateLimits, type PlanRepository, type PlanSettings } from '../../src/planner/index.js';
import type { Config, RepositoryConfig } from '../../src/config/types.js';
import { withLocation } from '../helpers/repo-config.js';

const GITHUB = 'https://api.github.com';

function repos(n: number, over: Partial<PlanRepository> = {}): PlanRepository[] {
  return Array.from({ length: n }, () => ({ provider: 'github', apiRoot: GITHUB, tokenHash: 'aaaa', intervalMs: 60_000, tags: false, ...over }) as PlanRepository);
}

function settings(over: Partial<PlanSettings> = {}): PlanSettings {
  return { githubMode: 'auto', batchSize: 10, rateLimit: {}, ...over };
}

describe('planRateLimits', () => {
  const cases: Array<{
    name: string;
    repos: PlanRepository[];
    settings: PlanSettings;
    expect: Array<{ host: string; mode: string; repositories: number; overBudget: boolean; configured: number; achievable: number; requestsPerMinute?: number; pointsPerHour?: number }>;
  }> = [
    {
      name: '500 repositories at 1m fit REST + ETags (900/minute secondary limit)',
      repos: repos(500),
      settings: settings(),
      expect: [{ host: 'api.github.com', mode: 'rest', repositories: 500, overBudget: false, configured: 60, achievable: 60, requestsPerMinute: 500 }],
    },
    {
      name: '10,000 at 1m, batch 100: REST over budget → GraphQL, 6,000 points/hour of 5,000 → every 72 s',
      repos: repos(10_000),
      settings: settings({ batchSize: 100 }),
      expect: [{ host: 'api.github.com', mode: 'graphql', repositories: 10_000, overBudget: true, configured: 60, achievable: 72, requestsPerMinute: 100, pointsPerHour: 6000 }],
    },
    {
      name: '10,000 at 1m, batch 10: 1 point a query buys less than REST does → REST, every 667 s',
      repos: repos(10_000),
      settings: settings({ batchSize: 10 }),
      expect: [{ host: 'api.github.com', mode: 'rest', repositories: 10_000, overBudget: true, configured: 60, achievable: 667, requestsPerMinute: 10_000, pointsPerHour: 60_000 }],
    },
    {
      name: 'github_mode: rest is obeyed even where GraphQL would do better',
      repos: repos(10_000),
      settings: settings({ batchSize: 100, githubMode: 'rest' }),
      expect: [{ host: 'api.github.com', mode: 'rest', repositories: 10_000, overBudget: true, configured: 60, achievable: 667 }],
    },
    {
      name: 'github_mode: graphql within budget; tags double the connections (2 points per 100)',
      repos: repos(100, { tags: true }),
      settings: settings({ batchSize: 100, githubMode: 'graphql' }),
      expect: [{ host: 'api.github.com', mode: 'graphql', repositories: 100, overBudget: false, configured: 60, achievable: 60, requestsPerMinute: 1, pointsPerHour: 120 }],
    },
    {
      name: 'GHES with its own requests_per_hour: 3,000 at 1m go GraphQL and fit',
      repos: repos(3000, { apiRoot: 'https://ghe.example.com/api/v3' }),
      settings: settings({ batchSize: 100, rateLimit: { 'ghe.example.com': { requestsPerHour: 20_000 } } }),
      expect: [{ host: 'ghe.example.com', mode: 'graphql', repositories: 3000, overBudget: false, configured: 60, achievable: 60, pointsPerHour: 1800 }],
    },
    {
      name: 'two tokens are two budgets: 600 + 600 fit where 1,200 on one token do not',
      repos: [...repos(600, { tokenHash: 'aaaa' }), ...repos(600, { tokenHash: 'bbbb' })],
      settings: settings(),
      expect: [
        { host: 'api.github.com', mode: 'rest', repositories: 600, overBudget: false, configured: 60, achievable: 60 },
        { host: 'api.github.com', mode: 'rest', repositories: 600, overBudget: false, configured: 60, achievable: 60 },
      ],
    },
    {
      name: '1,200 at 1m on one token: over by a third → every 80 s',
      repos: repos(1200),
      settings: settings(),
      expect: [{ host: 'api.github.com', mode: 'rest', repositories: 1200, overBudget: true, configured: 60, achievable: 80 }],
    },
    {
      name: 'GitLab: 3,000 at 5m with tags = 1,200 requests/minute against 8/s → every 12m30s',
      repos: repos(3000, { provider: 'gitlab', apiRoot: 'https://gitlab.com/api/v4', intervalMs: 300_000, tags: true }),
      settings: settings({ rateLimit: { gitlab: { requestsPerSecond: 8, burst: 5 } } }),
      expect: [{ host: 'gitlab.com', mode: 'rest', repositories: 3000, overBudget: true, configured: 300, achievable: 750, requestsPerMinute: 1200 }],
    },
    {
      name: 'GitLab without a rate_limit entry has no known budget',
      repos: repos(3000, { provider: 'gitlab', apiRoot: 'https://gitlab.com/api/v4' }),
      settings: settings(),
      expect: [{ host: 'gitlab.com', mode: 'rest', repositories: 3000, overBudget: false, configured: 60, achievable: 60 }],
    },
    {
      name: 'git: ls-remote, no API budget',
      repos: repos(50, { provider: 'git', apiRoot: 'https://git.example.com' }),
      settings: settings(),
      expect: [{ host: 'git.example.com', mode: 'ls-remote', repositories: 50, overBudget: false, configured: 60, achievable: 60 }],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const plan = planRateLimits(c.repos, c.settings);
      expect(plan).toHaveLength(c.expect.length);
      c.expect.forEach((e, i) => {
        const g = plan[i];
        expect({ host: g.host, mode: g.mode, repositories: g.repositories, overBudget: g.overBudget, configured: g.configuredIntervalSeconds, achievable: g.achievableIntervalSeconds }).toEqual({
          host: e.host, mode: e.mode, repositories: e.repositories, overBudget: e.overBudget, configured: e.configured, achievable: e.achievable,
        });
        if (e.requestsPerMinute !== undefined) expect(g.requestsPerMinute).toBeCloseTo(e.requestsPerMinute, 6);
        if (e.pointsPerHour !== undefined) expect(g.graphqlPointsPerHour).toBeCloseTo(e.pointsPerHour, 6);
      });
    });
  }

  it('stretches by the shortest configured interval of a mixed group', () => {
    const plan = planRateLimits([...repos(900), ...repos(900, { intervalMs: 300_000 })], settings());
    // 900 + 180 = 1,080 requests/minute against 900: every interval × 1.2
    expect(plan[0].configuredIntervalSeconds).toBe(60);
    expect(plan[0].achievableIntervalSeconds).toBe(72);
  });

  it('computes GraphQL points by GitHub formula', () => {
    expect([graphqlQueryPoints(1), graphqlQueryPoints(10), graphqlQueryPoints(100), graphqlQueryPoints(149), graphqlQueryPoints(200)]).toEqual([1, 1, 1, 1, 2]);
  });
});

describe('planConfig and messages', () => {
  function config(n: number, token: string): Config {
    const repositories: RepositoryConfig[] = Array.from({ length: n }, (_, i) => withLocation({
      name: `r${i}`, url: `https://github.com/acme/r${i}`, provider: 'github', token, enabled: i !== 0,
      pollingIntervalMs: 0, apiBaseUrl: GITHUB,
    }));
    return { polling: { intervalMs: 60_000, batchSize: 100, githubMode: 'auto' }, rateLimit: {}, repositories } as unknown as Config;
  }

  it('plans enabled repositories with the default interval, keyed without the token', () => {
    const plan = planConfig(config(10_001, 'secret-token-value'));
    expect(plan).toHaveLength(1);
    expect(plan[0].repositories).toBe(10_000);
    expect(plan[0].mode).toBe('graphql');
    expect(JSON.stringify(plan)).not.toContain('secret-token-value');
    expect(graphqlGroups(plan)).toEqual(new Set([plan[0].key]));
  });

  it('says plainly what an over-budget group asks and will achieve', () => {
    const [message] = overBudgetMessages(planConfig(config(10_001, 't')));
    expect(message).toContain('api.github.com (10000 repositories');
    expect(message).toContain('6,000 points/hour but the token has 5,000');
    expect(message).toContain('polling every 1m is over budget, expect about every 1m12s');
    expect(overBudgetMessages(planConfig(config(11, 't')))).toEqual([]);
  });

  it('says that enrichment costs about one more request per repository change when it is on', () => {
    const on = { ...config(10_001, 't'), enrich: { enabled: true } } as unknown as Config;
    const [message] = overBudgetMessages(planConfig(on), on);
    expect(message).toContain('enrich.enabled: each branch or tag change costs about one more request (a compare) from this budget');
    const off = { ...config(10_001, 't'), enrich: { enabled: false } } as unknown as Config;
    expect(overBudgetMessages(planConfig(off), off)[0]).not.toContain('enrich');
  });

  it('formats seconds like the config durations', () => {
    expect([formatSeconds(45), formatSeconds(60), formatSeconds(750), formatSeconds(3600), formatSeconds(3661)]).toEqual(['45s', '1m', '12m30s', '1h', '1h1m1s']);
  });
});
