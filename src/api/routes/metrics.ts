/** GET /metrics in the Prometheus text format. */
import type { Hono } from 'hono';
import type { ApiDeps } from '../deps.js';

export function registerMetricsRoutes(app: Hono, deps: ApiDeps): void {
  app.get('/metrics', async (c) => {
    const body = await deps.metrics.render();
    return c.body(body, 200, { 'Content-Type': deps.metrics.contentType });
  });
}
