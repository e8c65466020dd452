/**
 * The rate-limit planner (pure): from the configured repositories and `rate_limit`, what each
 * (API host, token) group needs per minute, what its budget sustains, which GitHub mode it should
 * use, and the shortest interval it can actually keep. Numbers and their sources: docs/rate-limits.md.
 *
 * Assumptions, stated so the numbers can be checked: one page per listing (fewer than 100 refs of a
 * kind), unchanged repositories (a GitHub 304 is free of the primary limit), and every interval of a
 * group stretched by the same factor when the group is over budget (that is what the HTTP budgets'
 * throttling does: requests wait, polls finish later, the next due time is counted from then).
 */
import type { GithubMode, RateLimitConfig } from '../config/types.js';
import type { ProviderId } from '../types.js';
import { rateLimitFor } from '../http/budget.js';
import { groupKey } from './group-key.js';

/** What the planner knows of one enabled repository; never its token. */
export interface PlanRepository {
  provider: ProviderId;
  /** API root (GitHub/GitLab/Gitea) or the git server's origin */
  apiRoot: string;
  tokenHash: string;
  /** the `credentials:` entry serving it, when one does */
  credential?: string;
  intervalMs: number;
  /** tag_regex set: a second listing per poll */
  tags: boolean;
}

export interface PlanSettings {
  githubMode: GithubMode;
  batchSize: number;
  /** `rate_limit`, keyed by provider id or host name */
  rateLimit: Record<string, RateLimitConfig>;
}

export type PlanMode = 'rest' | 'graphql' | 'ls-remote';

export interface GroupPlan {
  /** API root + token hash (groupKey); the scheduler's batch key for GitHub */
  key: string;
  host: string;
  provider: ProviderId;
  /** the `credentials:` entry of the group's repositories, when one serves them */
  credential?: string;
  repositories: number;
  mode: PlanMode;
  /** requests per minute the configured intervals need in the chosen mode (GraphQL: queries) */
  requestsPerMinute: number;
  /** GitHub: REST requests per minute with ETags (every 304 counts toward the secondary limit) */
  restRequestsPerMinute: number | null;
  /** GitHub: GraphQL points per hour in batch mode */
  graphqlPointsPerHour: number | null;
  /** the binding budget of the chosen mode, per minute (REST requests, GraphQL points); null: none known */
  budgetPerMinute: number | null;
  /** GitHub's primary limit for this token: 5,000/h or rate_limit.github.requests_per_hour */
  primaryPerHour: number | null;
  /** the shortest configured interval of the group */
  configuredIntervalSeconds: number;
  /** the shortest interval the budget sustains (equal to the configured one when within budget) */
  achievableIntervalSeconds: number;
  overBudget: boolean;
}

/**
 * GitHub REST: about 900 points per minute per token for REST endpoints (a GET costs 1), and 304s
 * count there even though they are free of the primary limit.
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
export const GITHUB_REST_SECONDARY_PER_MINUTE = 900;
/** GitHub's primary limit for a user token, REST requests or GraphQL points per hour (same pages). */
export const GITHUB_PRIMARY_PER_HOUR = 5000;
/** GraphQL's node-limit rule: `first` may be at most 100, so a batch is at most 100 repositories. */
export const GRAPHQL_MAX_BATCH = 100;

/**
 * GitHub's GraphQL cost: add up the requests needed for each connection (one per `refs` connection
 * here, as their parents are single objects), divide by 100, round to the nearest whole number;
 * at least 1. https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
 */
export function graphqlQueryPoints(connections: number): number {
  return Math.max(1, Math.round(connections / 100));
}

function hostOf(apiRoot: string): string {
  try {
    return new URL(apiRoot).host || apiRoot;
  } catch {
    return apiRoot;
  }
}

function limitFor(limits: Record<string, RateLimitConfig>, apiRoot: string, provider: ProviderId): RateLimitConfig | undefined {
  let host = apiRoot;
  let hostname = apiRoot;
  try {
    const u = new URL(apiRoot);
    host = u.host;
    hostname = u.hostname;
  } catch {
    // not a URL: only the provider id can match
  }
  return rateLimitFor(limits, host, hostname, provider);
}

interface Demand {
  /** polls per minute */
  polls: number;
  /** listings (ref kinds) per minute */
  listings: number;
  minIntervalMs: number;
}

function demandOf(repos: readonly PlanRepository[]): Demand {
  let polls = 0;
  let listings = 0;
  let minIntervalMs = Infinity;
  for (const r of repos) {
    const perMinute = 60_000 / Math.max(1, r.intervalMs);
    polls += perMinute;
    listings += perMinute * (r.tags ? 2 : 1);
    minIntervalMs = Math.min(minIntervalMs, r.intervalMs);
  }
  return { polls, listings, minIntervalMs };
}

/** configured × max(1, need / budget), in whole seconds (rounded up: never promise more than the budget). */
function stretch(configuredSeconds: number, need: number, budget: number | null): number {
  if (budget === null || budget <= 0 || need <= budget) return configuredSeconds;
  // the epsilon keeps 72.00000000000001 (float noise of an exact 72) from becoming 73
  return Math.ceil(configuredSeconds * (need / budget) - 1e-9);
}

function githubPlan(base: Omit<GroupPlan, 'mode' | 'requestsPerMinute' | 'restRequestsPerMinute' | 'graphqlPointsPerHour' | 'budgetPerMinute' | 'primaryPerHour' | 'achievableIntervalSeconds' | 'overBudget'>, d: Demand, settings: PlanSettings, limit: RateLimitConfig | undefined): GroupPlan {
  const primaryPerHour = limit?.requestsPerHour ?? GITHUB_PRIMARY_PER_HOUR;
  const restNeed = d.listings;
  const restAchievable = stretch(base.configuredIntervalSeconds, restNeed, GITHUB_REST_SECONDARY_PER_MINUTE);

  const batch = Math.max(1, Math.min(settings.batchSize, GRAPHQL_MAX_BATCH));
  const queriesPerMinute = d.polls / batch;
  const connectionsPerQuery = d.polls > 0 ? (batch * d.listings) / d.polls : batch;
  const pointsPerHour = queriesPerMinute * 60 * graphqlQueryPoints(connectionsPerQuery);
  const graphqlBudgetPerMinute = primaryPerHour / 60;
  const graphqlAchievable = stretch(base.configuredIntervalSeconds, pointsPerHour / 60, graphqlBudgetPerMinute);

  let mode: 'rest' | 'graphql';
  if (settings.githubMode === 'rest' || settings.githubMode === 'graphql') mode = settings.githubMode;
  // auto: REST + ETags while it keeps the configured intervals (no points spent on unchanged
  // repositories); GraphQL only when it does strictly better.
  else mode = restNeed <= GITHUB_REST_SECONDARY_PER_MINUTE || restAchievable <= graphqlAchievable ? 'rest' : 'graphql';

  const common = { ...base, restRequestsPerMinute: restNeed, graphqlPointsPerHour: pointsPerHour, primaryPerHour };
  if (mode === 'rest') {
    return { ...common, mode, requestsPerMinute: restNeed, budgetPerMinute: GITHUB_REST_SECONDARY_PER_MINUTE, achievableIntervalSeconds: restAchievable, overBudget: restNeed > GITHUB_REST_SECONDARY_PER_MINUTE };
  }
  return {
    ...common, mode, requestsPerMinute: queriesPerMinute, budgetPerMinute: graphqlBudgetPerMinute,
    achievableIntervalSeconds: graphqlAchievable, overBudget: pointsPerHour / 60 > graphqlBudgetPerMinute,
  };
}

export function planRateLimits(repos: readonly PlanRepository[], settings: PlanSettings): GroupPlan[] {
  const groups = new Map<string, PlanRepository[]>();
  for (const r of repos) {
    const key = r.provider === 'git' ? `git:${hostOf(r.apiRoot)}` : groupKey(r.apiRoot, r.tokenHash);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const plans: GroupPlan[] = [];
  for (const [key, list] of groups) {
    const first = list[0];
    const d = demandOf(list);
    const base = {
      key, host: hostOf(first.apiRoot), provider: first.provider, repositories: list.length,
      ...(first.credential !== undefined && first.provider !== 'git' ? { credential: first.credential } : {}),
      configuredIntervalSeconds: Math.round(d.minIntervalMs / 1000),
    };
    const limit = limitFor(settings.rateLimit, first.apiRoot, first.provider);
    if (first.provider === 'github') {
      plans.push(githubPlan(base, d, settings, limit));
      continue;
    }
    if (first.provider === 'git') {
      // git ls-remote spends no API quota; its cost is the server operator's (max_workers paces it)
      plans.push({ ...base, mode: 'ls-remote', requestsPerMinute: d.polls, restRequestsPerMinute: null, graphqlPointsPerHour: null, budgetPerMinute: null, primaryPerHour: null, achievableIntervalSeconds: base.configuredIntervalSeconds, overBudget: false });
      continue;
    }
    // GitLab and Gitea: no conditional requests, every listing is a counted request.
    const budgetPerMinute = limit?.requestsPerSecond ? limit.requestsPerSecond * 60 : limit?.requestsPerHour ? limit.requestsPerHour / 60 : null;
    plans.push({
      ...base, mode: 'rest', requestsPerMinute: d.listings, restRequestsPerMinute: d.listings, graphqlPointsPerHour: null,
      budgetPerMinute, primaryPerHour: null,
      achievableIntervalSeconds: stretch(base.configuredIntervalSeconds, d.listings, budgetPerMinute),
      overBudget: budgetPerMinute !== null && d.listings > budgetPerMinute,
    });
  }
  return plans;
}
