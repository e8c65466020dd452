import { describe, expect, it } from 'vitest';
import { harness, makeConfig, repo } from '../api/helpers.js';

describe('GET /api/v1/status rate_limit_plan', () => {
  it('reports each (host, token) group, its mode and the interval it achieves, without tokens', async () => {
    const repositories = Array.from({ length: 1200 }, (_, i) => repo(`r${i}`, `https://github.com/acme/r${i}`, { token: 'very-secret-token' }));
    repositories.push(repo('lab', 'https://gitlab.example.com/g/lab', { provider: 'gitlab', apiBaseUrl: 'https://gitlab.example.com/api/v4' }));
    const h = harness({ ...makeConfig({ repositories }), rateLimit: {} });
    const res = await h.app.request('/api/v1/status');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('very-secret-token');
    const body = JSON.parse(text) as { rate_limit_plan: Array<Record<string, unknown>> };
    expect(body.rate_limit_plan).toEqual([
      {
        host: 'api.github.com', mode: 'rest', repositories: 1200, requests_per_minute: 1200, graphql_points_per_hour: 7200,
        achievable_interval_seconds: 80, configured_interval_seconds: 60, over_budget: true,
      },
      {
        host: 'gitlab.example.com', mode: 'rest', repositories: 1, requests_per_minute: 1, graphql_points_per_hour: null,
        achievable_interval_seconds: 60, configured_interval_seconds: 60, over_budget: false,
      },
    ]);
  });

  it('shows what enrichment spent: requests, unavailable changes and the last reason', async () => {
    const h = harness();
    h.deps.enrichment = () => ({ requests: 7, unavailable: 2, lastReason: 'rate-limited' });
    const body = (await (await h.app.request('/api/v1/status')).json()) as { enrichment: unknown };
    expect(body.enrichment).toEqual({ requests: 7, unavailable: 2, last_reason: 'rate-limited' });
  });

  it('is described in the OpenAPI document', async () => {
    const h = harness();
    const doc = (await (await h.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: { properties: Record<string, { items: { required: string[] } }> } }> }> } }>;
    };
    const schema = doc.paths['/api/v1/status'].get.responses['200'].content['application/json'].schema;
    expect(schema.properties.rate_limit_plan.items.required).toContain('achievable_interval_seconds');
  });
});
