/** The planner per credential: what each serves and sustains, and a warning when one is overloaded while another has room. */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { credentialPlans, overBudgetMessages, planConfig } from '../../src/planner/index.js';

async function config(busyRepos: number) {
  const lines = [
    'polling: { github_mode: rest }',
    'credentials:',
    '  - { name: busy, match: { host: github.com, owner: a }, token: busy-token }',
    '  - { name: idle, match: { host: github.com, owner: b }, token: idle-token }',
    'repositories:',
  ];
  for (let i = 0; i < busyRepos; i++) lines.push(`  - { name: a${i}, url: https://github.com/a/r${i}, polling_interval: 1m }`);
  for (let i = 0; i < 10; i++) lines.push(`  - { name: b${i}, url: https://github.com/b/r${i}, polling_interval: 5m }`);
  const r = await loadConfigText(lines.join('\n') + '\n', '/tmp/plan.yaml', { env: {} });
  expect(r.errors).toEqual([]);
  return r.config!;
}

describe('planner per credential', () => {
  it('reports repositories, budget and achievable interval per credential', async () => {
    const plans = credentialPlans(planConfig(await config(20))).map((p) => ({ ...p, requestsPerMinute: Math.round(p.requestsPerMinute * 100) / 100 }));
    expect(plans).toEqual([
      { credential: 'busy', host: 'api.github.com', repositories: 20, budgetPerMinute: 900, requestsPerMinute: 20, achievableIntervalSeconds: 60, overBudget: false },
      { credential: 'idle', host: 'api.github.com', repositories: 10, budgetPerMinute: 900, requestsPerMinute: 2, achievableIntervalSeconds: 300, overBudget: false },
    ]);
    expect(overBudgetMessages(planConfig(await config(20)))).toEqual([]);
  });

  it('warns when one credential is over budget while another on the same host has room', async () => {
    const messages = overBudgetMessages(planConfig(await config(1800)));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^api\.github\.com \(1800 repositories, credential busy\): REST needs 1,800 requests\/minute/);
    expect(messages[0]).toContain('expect about every 2m');
    expect(messages[0]).toMatch(/; credential idle on the same host uses 0% of its budget: serve some of these repositories with it \(credentials\[\]\.match\) to spread the load$/);
  });
});
