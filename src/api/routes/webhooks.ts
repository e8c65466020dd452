/** POST /webhooks/github and /webhooks/gitlab: a verified nudge polls the matching repositories now. */
import type { Context, Hono } from 'hono';
import type { RepositoryConfig } from '../../config/types.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { githubPayloadUrls, gitlabPayloadUrls, matchRepositories } from '../webhooks/match.js';
import { createReplayGuard } from '../webhooks/replay.js';
import { verifyGithubSignature, verifyGitlabToken } from '../webhooks/verify.js';

/** GitHub sends JSON, or a form with the JSON in `payload` when the hook's content type is form-encoded. */
function parsePayload(raw: string, contentType: string | undefined): unknown {
  try {
    if (contentType?.includes('application/x-www-form-urlencoded')) {
      return JSON.parse(new URLSearchParams(raw).get('payload') ?? 'null');
    }
    return JSON.parse(raw);
  } catch {
    throw new ApiError(400, 'bad-request', 'the webhook body is not valid JSON');
  }
}

export function registerWebhookRoutes(app: Hono, deps: ApiDeps): void {
  const githubReplays = createReplayGuard({ now: deps.now });
  function nudge(c: Context, provider: string, repos: RepositoryConfig[], event: string | undefined): Response {
    for (const repo of repos) {
      deps.scheduler.pollNow(repo.name).catch((err: unknown) => {
        deps.log.warn({ err, repository: repo.name }, 'poll requested by a webhook failed');
      });
    }
    deps.log.info({ provider, event, repositories: repos.map((r) => r.name) }, 'webhook received');
    return c.json({ matched: repos.map((r) => r.name) }, 202);
  }

  app.post('/webhooks/github', async (c) => {
    const secret = deps.config().webhooks.githubSecret;
    if (!secret) throw new ApiError(404, 'not-configured', 'GitHub webhooks are off: set webhooks.github_secret');
    const raw = await c.req.text();
    if (!verifyGithubSignature(secret, raw, c.req.header('x-hub-signature-256'))) {
      throw new ApiError(401, 'unauthorized', 'X-Hub-Signature-256 does not match webhooks.github_secret');
    }
    // checked after the signature, so only GitHub (or whoever holds the secret) can fill the memory
    const deliveryId = c.req.header('x-github-delivery');
    if (deliveryId && githubReplays.seen(deliveryId)) {
      deps.log.info({ provider: 'github', deliveryId }, 'webhook replay dropped');
      return c.json({ matched: [], replay: true }, 200);
    }
    const payload = parsePayload(raw, c.req.header('content-type'));
    const repos = matchRepositories(deps.config().repositories, githubPayloadUrls(payload));
    return nudge(c, 'github', repos, c.req.header('x-github-event'));
  });

  app.post('/webhooks/gitlab', async (c) => {
    const token = deps.config().webhooks.gitlabToken;
    if (!token) throw new ApiError(404, 'not-configured', 'GitLab webhooks are off: set webhooks.gitlab_token');
    if (!verifyGitlabToken(token, c.req.header('x-gitlab-token'))) {
      throw new ApiError(401, 'unauthorized', 'X-Gitlab-Token does not match webhooks.gitlab_token');
    }
    const payload = parsePayload(await c.req.text(), c.req.header('content-type'));
    const repos = matchRepositories(deps.config().repositories, gitlabPayloadUrls(payload));
    return nudge(c, 'gitlab', repos, c.req.header('x-gitlab-event'));
  });
}
