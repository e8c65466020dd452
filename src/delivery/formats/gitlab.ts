/**
 * GitLab's Push Hook / Tag Push Hook
 * (https://docs.gitlab.com/user/project/integrations/webhook_events/#push-events). GitLab sends the
 * secret itself as X-Gitlab-Token (no HMAC), so receivers compare it as GitLab's do.
 */
import { fullRef } from '../../events/id.js';
import { ZERO_SHA, type StoredEvent } from '../../types.js';
import type { Format } from './types.js';
import { publicUrl, webUrl } from './web-url.js';

function numericOrNull(id: number | string | undefined): number | null {
  if (typeof id === 'number') return id;
  if (typeof id === 'string' && /^\d+$/.test(id)) return Number(id);
  return null;
}

export function buildGitlabPush(event: StoredEvent) {
  const meta = event.data.repository;
  const parsed = webUrl(meta.url);
  const web = parsed.href.replace(/\/+$/, '');
  // ssh has a port of its own: the web URL's (http://gitlab:8080) is not its
  const host = parsed.hostname;
  const sshUrl = `git@${host}:${meta.fullName}.git`;
  const cloneUrl = publicUrl(meta.cloneUrl);
  const deleted = event.after === ZERO_SHA;
  const kind = event.refKind === 'tag' ? 'tag_push' : 'push';
  const author = event.data.commit?.author;
  const message = event.data.commit?.message ?? '';
  const enrichment = event.data.enrichment?.status === 'ok' ? event.data.enrichment : undefined;
  // Without enrichment a poller knows only the new head, not every pushed commit.
  const commits = enrichment && !deleted
    ? enrichment.commits.map((c) => ({
      id: c.id,
      message: c.message,
      title: c.message.split('\n')[0] ?? '',
      timestamp: c.author.date || c.committer.date,
      url: c.url,
      author: { name: c.author.name, email: c.author.email },
      added: c.added,
      modified: c.modified,
      removed: c.removed,
    }))
    : deleted
    ? []
    : [
        {
          id: event.after,
          message,
          title: message.split('\n')[0] ?? '',
          timestamp: author?.date ?? new Date(event.detectedAt).toISOString(),
          url: `${web}/-/commit/${event.after}`,
          author: { name: author?.name ?? 'unknown', email: author?.email ?? '' },
          added: [],
          modified: [],
          removed: [],
        },
      ];
  const visibilityLevel = meta.private ? 0 : 20;
  const projectId = numericOrNull(meta.id);
  return {
    object_kind: kind,
    event_name: kind,
    before: event.before,
    after: event.after,
    ref: fullRef(event.refKind, event.refName),
    ref_protected: false,
    checkout_sha: deleted ? null : event.after,
    message: null,
    user_id: 0,
    user_name: 'reposentry',
    user_username: 'reposentry',
    user_email: '',
    user_avatar: null,
    project_id: projectId,
    project: {
      id: projectId,
      name: meta.name,
      description: meta.description ?? null,
      web_url: web,
      avatar_url: null,
      git_ssh_url: sshUrl,
      git_http_url: cloneUrl,
      namespace: meta.organization,
      visibility_level: visibilityLevel,
      path_with_namespace: meta.fullName,
      default_branch: meta.defaultBranch ?? 'main',
      ci_config_path: null,
      homepage: web,
      url: sshUrl,
      ssh_url: sshUrl,
      http_url: cloneUrl,
    },
    repository: {
      name: meta.name,
      url: sshUrl,
      description: meta.description ?? null,
      homepage: web,
      git_http_url: cloneUrl,
      git_ssh_url: sshUrl,
      visibility_level: visibilityLevel,
    },
    commits,
    total_commits_count: enrichment && !deleted ? enrichment.totalCommits : commits.length,
  };
}

export const gitlabFormat: Format = (event, target, opts) => {
  const body = JSON.stringify(buildGitlabPush(event));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': `reposentry/${opts.version}`,
    'x-gitlab-event': event.refKind === 'tag' ? 'Tag Push Hook' : 'Push Hook',
    'x-gitlab-event-uuid': event.id,
    'x-gitlab-instance': webUrl(event.data.repository.url).origin,
    'idempotency-key': event.id,
  };
  if (target.secret) headers['x-gitlab-token'] = target.secret;
  return { headers, body };
};
