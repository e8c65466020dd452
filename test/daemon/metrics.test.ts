import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/registry.js';

describe('metrics', () => {
  it('records polls, ref changes by type, deliveries, queue and budgets on its own registry', async () => {
    const m = createMetrics({ defaultMetrics: false });
    let seq = 3;
    let pendingTypes: Array<{ type: string; n: number }> = [];
    m.setSources({
      providerOf: (name) => (name === 'svc' ? 'github' : undefined),
      eventsSince: () => ({ counts: pendingTypes, maxSeq: seq }),
      deliveryStats: () => ({ pending: 2, delivering: 1, delivered: 5, held: 4, dead: 0, oldestPendingAt: 1_000 }),
      budgets: () => [
        { key: 'a', host: 'api.github.com', limit: 5000, remaining: 40, resetAt: null },
        { key: 'b', host: 'api.github.com', limit: 5000, remaining: 10, resetAt: null },
        { key: 'c', host: 'gitlab.com', limit: null, remaining: null, resetAt: null },
      ],
      now: () => 11_000,
    });
    m.poller.pollCompleted({ repository: 'svc', status: 'unchanged', events: 0, durationMs: 20 });
    pendingTypes = [{ type: 'branch_updated', n: 2 }, { type: 'tag_created', n: 1 }];
    seq = 6;
    m.poller.pollCompleted({ repository: 'svc', status: 'changed', events: 3, durationMs: 40 });
    m.delivery.onOutcome('tekton', 'delivered', 12);
    m.delivery.onOutcome('tekton', 'retry', 12);
    m.httpRequest('/health', 200);
    const text = await m.render();
    expect(text).toContain('reposentry_polls_total{repository="svc",provider="github",result="unchanged"} 1');
    expect(text).toContain('reposentry_polls_total{repository="svc",provider="github",result="changed"} 1');
    expect(text).toContain('reposentry_poll_duration_seconds_count{provider="github"} 2');
    expect(text).toContain('reposentry_ref_changes_total{type="branch_updated"} 2');
    expect(text).toContain('reposentry_ref_changes_total{type="tag_created"} 1');
    expect(text).toContain('reposentry_deliveries_total{target="tekton",result="delivered"} 1');
    expect(text).toContain('reposentry_delivery_queue_depth 3');
    expect(text).toContain('reposentry_deliveries_held 4');
    expect(text).toContain('reposentry_delivery_oldest_pending_age_seconds 10');
    expect(text).toContain('reposentry_rate_limit_remaining{host="api.github.com"} 10');
    expect(text).not.toContain('host="gitlab.com"');
    expect(text).toContain('reposentry_http_requests_total{route="/health",status="200"} 1');
    // a second registry does not collide with the first
    expect(() => createMetrics({ defaultMetrics: true })).not.toThrow();
  });
});
