/** Liveness and readiness: /health answers while the process serves; /ready lists its checks. */
import type { Hono } from 'hono';
import type { ApiDeps } from '../deps.js';

export function registerHealthRoutes(app: Hono, deps: ApiDeps): void {
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/ready', (c) => {
    const checks = deps.readiness.map((check) => {
      const ok = safeCheck(check.ok);
      const detail = ok ? undefined : check.detail?.();
      return detail === undefined ? { name: check.name, ok } : { name: check.name, ok, detail };
    });
    const ready = checks.every((check) => check.ok);
    return c.json({ status: ready ? 'ready' : 'not-ready', checks }, ready ? 200 : 503);
  });
}

function safeCheck(ok: () => boolean): boolean {
  try {
    return ok();
  } catch {
    return false;
  }
}
