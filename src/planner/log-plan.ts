/** The plan in the daemon's log: one line per group at debug, a warning per over-budget group. */
import type { Config } from '../config/types.js';
import type { Logger } from '../log.js';
import { overBudgetMessages, planConfig } from './index.js';

export function logRateLimitPlan(log: Logger, config: Config): void {
  const plan = planConfig(config);
  for (const g of plan) {
    // at info when the plan changes what is done (GraphQL batches instead of one REST listing per repository)
    (g.mode === 'graphql' ? log.info.bind(log) : log.debug.bind(log))(
      { host: g.host, credential: g.credential, mode: g.mode, repositories: g.repositories, requestsPerMinute: Math.round(g.requestsPerMinute * 10) / 10, achievableIntervalSeconds: g.achievableIntervalSeconds,
        // enrichment is not in the plan: about one compare request per change, on this budget
        ...(config.enrich?.enabled && g.provider !== 'git' ? { enrichRequestsPerChange: 1 } : {}) },
      'rate-limit plan',
    );
  }
  // Nothing slows the scheduler down on purpose: the HTTP budgets throttle, polls take longer and the
  // next due times move out by themselves. This warning says by how much, before it happens.
  for (const message of overBudgetMessages(plan, config)) log.warn({ component: 'planner' }, `rate limits: ${message}`);
}
