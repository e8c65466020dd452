/** The OpenAPI 3.1 description served at /api/v1/openapi.json; a test checks it lists every route of the app. */
import { PROVIDER_IDS } from '../providers/descriptors.js';

const error = { $ref: '#/components/responses/Error' };
const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', properties, required });
const str = { type: 'string' };
const time = { type: ['string', 'null'], format: 'date-time' };
const int = { type: 'integer' };
const nameParam = { name: 'name', in: 'path', required: true, description: 'repository name from the config (URL-encoded)', schema: str };
const idParam = { name: 'id', in: 'path', required: true, description: 'event id', schema: str };

const repository = obj({
  name: str,
  provider: { enum: [...PROVIDER_IDS] },
  url: str,
  enabled: { type: 'boolean' },
  interval: { ...str, description: 'Go-style duration, e.g. 5m' },
  interval_seconds: { type: 'number' },
  method: { enum: ['api', 'graphql', 'ls-remote'] },
  state: { enum: ['ok', 'error', 'pending', 'disabled', 'waiting_for_budget'] },
  last_poll_at: time,
  next_poll_at: time,
  last_status: { enum: ['ok', 'error', null] },
  last_error: { type: ['string', 'null'] },
  consecutive_failures: int,
  waiting_for_budget_until: { ...time, description: "the provider's rate-limit budget is spent: the repository is polled again at this time (not a failure)" },
  refs: int,
  discovered_by: { type: ['string', 'null'], description: 'the discover source that found it; null when configured' },
});
const ref = obj({ name: str, sha: str });
const rateLimitPlan = {
  type: 'array',
  description: 'The rate-limit planner per (API host, token): what the configured intervals need and what the budget sustains (docs/rate-limits.md).',
  items: obj(
    {
      host: str,
      mode: { enum: ['rest', 'graphql', 'ls-remote'], description: 'GitHub: REST + ETags or GraphQL batches (polling.github_mode / the planner)' },
      repositories: int,
      requests_per_minute: { type: 'number', description: 'needed in this mode: REST requests, or GraphQL queries' },
      graphql_points_per_hour: { type: ['number', 'null'], description: 'GitHub: points GraphQL batches need' },
      achievable_interval_seconds: { type: 'number', description: 'the shortest interval the budget sustains' },
      configured_interval_seconds: { type: 'number', description: 'the shortest configured interval of the group' },
      over_budget: { type: 'boolean' },
      credential: { type: 'string', description: 'the credentials: entry serving the group (absent when none does)' },
    },
    ['host', 'mode', 'repositories', 'requests_per_minute', 'achievable_interval_seconds', 'configured_interval_seconds', 'over_budget'],
  ),
};
const credentials = {
  type: 'array',
  description: 'Every credential (credentials: entries, and each repository token as token:<sha256 prefix>) with its health; never a secret (docs/credentials.md).',
  items: obj(
    {
      name: str,
      kind: { enum: ['token', 'github-app', 'basic', 'repository-token'] },
      repositories: int,
      state: { enum: ['ok', 'failing', 'unknown'], description: 'failing: a poll was refused with 401' },
      error: { type: ['string', 'null'] },
      failing_since: time,
      expires_at: { ...time, description: 'as the provider said at the last check' },
      expiring: { type: 'boolean', description: 'expires within security.credential_expiry_warning_days' },
      last_check: { type: ['object', 'null'] },
      installations: { type: 'array', description: 'GitHub App: each installation, its token expiry and refresh errors' },
    },
    ['name', 'kind', 'repositories', 'state'],
  ),
};
const credentialPlan = {
  type: 'array',
  description: 'The rate-limit plan per credentials: entry: repositories served, budget, achievable interval.',
  items: obj({ credential: str, host: str, repositories: int, requests_per_minute: { type: 'number' }, budget_per_minute: { type: ['number', 'null'] }, achievable_interval_seconds: { type: 'number' }, over_budget: { type: 'boolean' } }),
};
const deliveryStatus = { enum: ['pending', 'delivering', 'delivered', 'held', 'filtered', 'dead'] };
const event = obj({
  id: str,
  type: { enum: ['branch_created', 'branch_updated', 'branch_deleted', 'tag_created', 'tag_updated', 'tag_deleted', 'mirror_sync'] },
  repository: str,
  repository_url: str,
  provider: str,
  ref: str,
  ref_kind: { enum: ['branch', 'tag'] },
  ref_name: str,
  before: str,
  after: str,
  detected_at: time,
  status: { ...deliveryStatus, type: ['string', 'null'] },
});
const delivery = obj({
  target: str,
  status: deliveryStatus,
  attempts: int,
  last_status_code: { type: ['integer', 'null'] },
  last_error: { type: ['string', 'null'] },
  next_attempt_at: time,
  delivered_at: time,
  receiver_event_id: { type: ['string', 'null'] },
  created_at: time,
  last_attempt_at: time,
  held_since: time,
});
const bearer = [{ bearer: [] }];
const webhookAnswer = {
  '202': json(obj({ matched: { type: 'array', items: str } }), 'verified; the matching repositories are polled now'),
  '200': json(obj({ matched: { type: 'array', items: str }, replay: { type: 'boolean' } }), 'GitHub: an X-GitHub-Delivery seen in the last 5 minutes; nothing polled'),
  '400': error,
  '401': error,
  '404': error,
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'reposentry API',
    version: '1',
    description: 'State of a running reposentry daemon. /api/* needs `Authorization: Bearer <api.auth_token>` when a token is set.',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    responses: {
      Error: json(obj({ error: obj({ code: str, message: str }, ['code', 'message']) }, ['error']), 'an error'),
    },
  },
  paths: {
    '/': {
      get: {
        summary: 'the HTML status page (api.ui: false turns it off); the API token as a Bearer token or as the HTTP Basic password',
        responses: { '200': { description: 'text/html' }, '401': { description: 'Basic auth challenge' }, '404': error },
      },
    },
    '/ui/events/{id}/redeliver': {
      post: {
        summary: "the status page's redeliver button: re-queues a dead event's dead deliveries, then 303 to /; same-origin form posts only",
        parameters: [idParam],
        responses: { '303': { description: 'back to the status page' }, '401': { description: 'Basic auth challenge' }, '403': { description: 'cross-site request' }, '404': { description: 'no such event' } },
      },
    },
    '/health': { get: { summary: 'liveness', responses: { '200': json(obj({ status: { const: 'ok' } }), 'serving') } } },
    '/ready': {
      get: {
        summary: 'readiness: config loaded, storage open, scheduler and dispatcher running',
        responses: {
          '200': json(obj({ status: str, checks: { type: 'array', items: obj({ name: str, ok: { type: 'boolean' } }) } }), 'ready'),
          '503': { description: 'not ready; the body lists the checks' },
        },
      },
    },
    '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': { description: 'text format 0.0.4' } } } },
    '/api/v1/openapi.json': { get: { summary: 'this document', security: bearer, responses: { '200': { description: 'OpenAPI 3.1' } } } },
    '/api/v1/status': {
      get: {
        summary: 'version, uptime, repositories by state, delivery queue, rate-limit budgets and plan',
        security: bearer,
        responses: { '200': json({ type: 'object', properties: {
          rate_limit_plan: rateLimitPlan, credentials, credential_plan: credentialPlan,
          enrichment: {
            type: 'object',
            description: 'Provider API requests spent on enrichment since the start (they share the polling budgets), changes left unavailable, and the last reason class',
            properties: { requests: { type: 'integer' }, unavailable: { type: 'integer' }, last_reason: { type: ['string', 'null'] } },
          },
        } }, 'status'), '401': error },
      },
    },
    '/api/v1/repositories': {
      get: {
        summary: 'configured repositories',
        security: bearer,
        responses: { '200': json(obj({ repositories: { type: 'array', items: repository } }), 'list'), '401': error },
      },
    },
    '/api/v1/repositories/{name}': {
      get: {
        summary: 'one repository with its branches and tags',
        security: bearer,
        parameters: [nameParam],
        responses: {
          '200': json({ allOf: [repository, obj({ branches: { type: 'array', items: ref }, tags: { type: 'array', items: ref } })] }, 'repository'),
          '401': error,
          '404': error,
        },
      },
    },
    '/api/v1/repositories/{name}/poll': {
      post: {
        summary: 'poll the repository now',
        security: bearer,
        parameters: [nameParam],
        responses: { '202': json(obj({ repository: str, status: str }), 'poll started'), '401': error, '404': error, '409': error },
      },
    },
    '/api/v1/events': {
      get: {
        summary: 'events, newest first',
        security: bearer,
        parameters: [
          { name: 'repository', in: 'query', schema: str },
          { name: 'type', in: 'query', schema: str },
          { name: 'status', in: 'query', schema: deliveryStatus },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } },
          { name: 'cursor', in: 'query', schema: str, description: 'next_cursor of the previous page' },
        ],
        responses: {
          '200': json(obj({ events: { type: 'array', items: event }, next_cursor: { type: ['string', 'null'] } }), 'a page'),
          '400': error,
          '401': error,
        },
      },
    },
    '/api/v1/events/{id}': {
      get: {
        summary: 'one event and its deliveries',
        security: bearer,
        parameters: [idParam],
        responses: {
          '200': json(obj({ event, deliveries: { type: 'array', items: delivery } }), 'event'),
          '401': error,
          '404': error,
        },
      },
    },
    '/api/v1/events/{id}/redeliver': {
      post: {
        summary: 're-queue its delivered and dead deliveries (only the dead ones with only_dead=true)',
        security: bearer,
        parameters: [idParam, { name: 'only_dead', in: 'query', schema: { type: 'boolean' } }],
        responses: { '202': json(obj({ event_id: str, requeued: int, only_dead: { type: 'boolean' } }), 're-queued'), '401': error, '404': error },
      },
    },
    '/api/v1/targets/held': {
      get: {
        summary: 'targets removed from the configuration that still hold deliveries',
        security: bearer,
        responses: {
          '200': json(obj({ targets: { type: 'array', items: obj({ target: str, held: int, held_since: time }) } }), 'held targets'),
          '401': error,
        },
      },
    },
    '/api/v1/targets/{name}/drop-held': {
      post: {
        summary: 'dead-letter the held deliveries of a removed target (they stay redeliverable)',
        security: bearer,
        parameters: [{ name: 'name', in: 'path', required: true, schema: str }],
        responses: { '200': json(obj({ target: str, dropped: int }), 'dropped'), '401': error, '409': error },
      },
    },
    '/api/v1/storage/backup': {
      post: {
        summary: 'copy the live database (online backup API) to <data_dir>/backups/<name>',
        security: bearer,
        parameters: [{ name: 'name', in: 'query', schema: str, description: 'file name (default reposentry-<time>.db)' }],
        responses: { '200': json(obj({ path: str, pages: int }), 'backed up'), '400': error, '401': error, '409': error },
      },
    },
    '/webhooks/github': {
      post: { summary: 'GitHub webhook (X-Hub-Signature-256 with webhooks.github_secret)', responses: webhookAnswer },
    },
    '/webhooks/gitlab': {
      post: { summary: 'GitLab webhook (X-Gitlab-Token equal to webhooks.gitlab_token)', responses: webhookAnswer },
    },
  },
} as const;
