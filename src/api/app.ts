/** The Hono app: metrics and auth middleware, the route groups (README.md lists the API), one error handler. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import { bearerAuth } from './auth.js';
import type { ApiDeps } from './deps.js';
import { ApiError, errorBody, handleError } from './errors.js';
import { openApiDocument } from './openapi.js';
import { registerEventRoutes } from './routes/events.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerMetricsRoutes } from './routes/metrics.js';
import { registerRepositoryRoutes } from './routes/repositories.js';
import { registerStatusRoutes } from './routes/status.js';
import { registerUiRoutes } from './routes/ui.js';
import { registerStorageRoutes } from './routes/storage.js';
import { registerWebhookRoutes } from './routes/webhooks.js';

export type { ApiDeps, ReadinessCheck } from './deps.js';

const WEBHOOK_MAX_BYTES = 1024 * 1024;
const API_MAX_BYTES = 64 * 1024;

function limit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'payload-too-large', `request body larger than ${maxSize} bytes`);
    },
  });
}

export function createApp(deps: ApiDeps): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    // the matched pattern, not the raw path, keeps the label set small
    const route = routePath(c, -1);
    deps.metrics.httpRequest(route === '*' || route === '/*' ? 'unmatched' : route, c.res.status);
  });
  app.use('/webhooks/*', limit(WEBHOOK_MAX_BYTES));
  app.use('/api/*', limit(API_MAX_BYTES));
  app.use('/ui/*', limit(API_MAX_BYTES));
  app.use('/api/*', bearerAuth(() => deps.config().api.authToken));

  registerHealthRoutes(app, deps);
  registerMetricsRoutes(app, deps);
  registerStatusRoutes(app, deps);
  registerRepositoryRoutes(app, deps);
  registerEventRoutes(app, deps);
  registerStorageRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerUiRoutes(app, deps);
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument));

  app.notFound((c) => c.json(errorBody('not-found', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((err, c) => handleError(err, c, deps.log));
  return app;
}
