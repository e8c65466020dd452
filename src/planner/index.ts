/**
 * The planner as the rest of reposentry uses it: the plan of a loaded Config (memoized per Config
 * object, as the status API asks for it on every call), the groups to poll with GraphQL batches,
 * and the plain-language warnings for over-budget groups.
 */
import type { Config } from '../config/types.js';
import { tokenId } from './group-key.js';
import { planRateLimits, type GroupPlan, type PlanRepository } from './plan.js';

export { planRateLimits, graphqlQueryPoints, type GroupPlan, type PlanRepository, type PlanSettings } from './plan.js';

export function planInputs(config: Config): PlanRepository[] {
  const ids = new Map<string, string>();
  const idOf = (token: string | undefined): string => {
    const k = token ?? '';
    let id = ids.get(k);
    if (id === undefined) ids.set(k, (id = tokenId(token)));
    return id;
  };
  return config.repositories
    .filter((r) => r.enabled)
    .map((r) => ({
      provider: r.provider,
      apiRoot: r.provider === 'git' || !r.location.apiBaseUrl ? r.location.origin : r.location.apiBaseUrl,
      // a GitHub App's token rotates; its budget is the installation's (budgetId)
      tokenHash: r.budgetId ?? idOf(r.token),
      ...(r.credential !== undefined ? { credential: r.credential } : {}),
      intervalMs: r.pollingIntervalMs > 0 ? r.pollingIntervalMs : config.polling.intervalMs,
      tags: Boolean(r.tagRegex),
    }));
}

const plans = new WeakMap<Config, GroupPlan[]>();

export function planConfig(config: Config): GroupPlan[] {
  let plan = plans.get(config);
  if (!plan) {
    plan = planRateLimits(planInputs(config), {
      githubMode: config.polling.githubMode ?? 'auto',
      batchSize: config.polling.batchSize,
      rateLimit: config.rateLimit,
    });
    plans.set(config, plan);
  }
  return plan;
}

/** Batch keys of the groups the plan polls with GraphQL (the scheduler's batching switch). */
export function graphqlGroups(plan: readonly GroupPlan[]): Set<string> {
  return new Set(plan.filter((g) => g.mode === 'graphql').map((g) => g.key));
}

/** 90 → "1m30s", 3600 → "1h" */
export function formatSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.round(total % 60);
  const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s || (!h && !m) ? `${s}s` : ''];
  return parts.join('');
}

function round(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : String(Math.round(n * 10) / 10);
}

/** One sentence per over-budget group: what it asks, what the budget allows, what it will achieve. */
/**
 * The plan counts listings only; an enriched change costs about one more request (a compare) from
 * the same budget, once per change rather than per poll, so it is said, not planned.
 */
function enrichmentCost(g: GroupPlan, config: Config | undefined): string {
  if (!config?.enrich?.enabled || g.provider === 'git') return '';
  return '; with enrich.enabled: each branch or tag change costs about one more request (a compare) from this budget';
}

export function overBudgetMessages(plan: readonly GroupPlan[], config?: Config): string[] {
  return plan.filter((g) => g.overBudget).map((g) => {
    const who = `${g.host} (${g.repositories} ${g.repositories === 1 ? 'repository' : 'repositories'}, ${g.credential !== undefined ? `credential ${g.credential}` : `token ${g.key.split('#')[1] ?? 'anonymous'}`})`;
    const need =
      g.mode === 'graphql'
        ? `GraphQL batches need ${round((g.graphqlPointsPerHour ?? 0))} points/hour but the token has ${round(g.primaryPerHour ?? 0)}`
        : `REST needs ${round(g.requestsPerMinute)} requests/minute but ${g.provider === 'github' ? "GitHub's secondary limit allows about" : 'the rate_limit budget allows'} ${round(g.budgetPerMinute ?? 0)}`;
    const alt =
      g.provider === 'github' && g.mode === 'rest' && g.graphqlPointsPerHour !== null
        ? ` (GraphQL batches would need ${round(g.graphqlPointsPerHour)} points/hour of ${round(g.primaryPerHour ?? 0)})`
        : '';
    return `${who}: ${need}${alt}; polling every ${formatSeconds(g.configuredIntervalSeconds)} is over budget, expect about every ${formatSeconds(g.achievableIntervalSeconds)} (see docs/rate-limits.md)${roomElsewhere(g, plan)}${enrichmentCost(g, config)}`;
  });
}

/** Below this share of its budget, a credential has room to take repositories from an over-budget one. */
const ROOM_SHARE = 0.5;

function share(g: GroupPlan): number {
  return g.budgetPerMinute ? g.requestsPerMinute / g.budgetPerMinute : Infinity;
}

/** "; credential other on the same host uses 12% of its budget: …" when another credential has room. */
function roomElsewhere(g: GroupPlan, plan: readonly GroupPlan[]): string {
  const spare = plan
    .filter((o) => o !== g && o.host === g.host && o.provider === g.provider && o.credential !== undefined && o.credential !== g.credential && !o.overBudget && share(o) < ROOM_SHARE)
    .sort((a, b) => share(a) - share(b))[0];
  if (!spare) return '';
  return `; credential ${spare.credential} on the same host uses ${Math.round(share(spare) * 100)}% of its budget: serve some of these repositories with it (credentials[].match) to spread the load`;
}

/** Per credential: repositories served, the binding budget and the achievable interval of each of its groups. */
export interface CredentialPlan {
  credential: string;
  host: string;
  repositories: number;
  budgetPerMinute: number | null;
  requestsPerMinute: number;
  achievableIntervalSeconds: number;
  overBudget: boolean;
}

export function credentialPlans(plan: readonly GroupPlan[]): CredentialPlan[] {
  const out = new Map<string, CredentialPlan>();
  for (const g of plan) {
    if (g.credential === undefined) continue;
    const key = `${g.credential}\n${g.host}`;
    const c = out.get(key);
    if (!c) {
      out.set(key, { credential: g.credential, host: g.host, repositories: g.repositories, budgetPerMinute: g.budgetPerMinute, requestsPerMinute: g.requestsPerMinute, achievableIntervalSeconds: g.achievableIntervalSeconds, overBudget: g.overBudget });
      continue;
    }
    // a GitHub App has one budget per installation: the credential's total is their sum
    c.repositories += g.repositories;
    c.requestsPerMinute += g.requestsPerMinute;
    c.budgetPerMinute = c.budgetPerMinute === null || g.budgetPerMinute === null ? null : c.budgetPerMinute + g.budgetPerMinute;
    c.achievableIntervalSeconds = Math.max(c.achievableIntervalSeconds, g.achievableIntervalSeconds);
    c.overBudget ||= g.overBudget;
  }
  return [...out.values()];
}
