/**
 * A GitHub `push` webhook (https://docs.github.com/en/webhooks/webhook-events-and-payloads#push), valid
 * against @octokit/webhooks-schemas `push$event`, so Tekton's stock GitHub interceptor and existing
 * TriggerBindings keep working. Fields GitHub would know but a poller cannot (tree ids, pusher,
 * file lists, repository counters) get neutral values; URLs are derived from the repository's web URL.
 */
import { createHash } from 'node:crypto';
import { fullRef } from '../../events/id.js';
import type { EnrichedCommit } from '../../enrich/types.js';
import { urlPath } from '../../config/repo-location.js';
import { githubDescriptor } from '../../providers/github/descriptor.js';
import { ZERO_SHA, type RepositoryMeta, type StoredEvent } from '../../types.js';
import { githubSignature } from '../sign.js';
import { publicUrl, webUrl } from './web-url.js';
import type { Format } from './types.js';

/** A stable positive 31-bit integer for things the schema wants numeric ids for but we have none. */
function derivedId(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0) >>> 1;
}

function numericId(id: RepositoryMeta['id'], fallback: string): number {
  if (typeof id === 'number' && Number.isInteger(id)) return id;
  if (typeof id === 'string' && /^\d+$/.test(id)) return Number(id);
  return derivedId(fallback);
}

/** GitHub's REST root for the repository's web page, as the github provider's descriptor puts it. */
function apiBase(web: string): string {
  const u = new URL(web);
  return githubDescriptor.defaultApiBase({ transport: u.protocol.slice(0, -1), host: u.hostname, origin: u.origin });
}

/** A name as a URL path: a plain git server's "my org" is escaped, a group path keeps its slashes. */
function escaped(name: string): string {
  return urlPath(name.split('/'));
}

function user(login: string, webOrigin: string, api: string, type: 'User' | 'Organization' | 'Bot') {
  const url = `${api}/users/${escaped(login)}`;
  return {
    login,
    id: derivedId(`${webOrigin}/${login}`),
    node_id: Buffer.from(`reposentry:user:${login}`).toString('base64'),
    avatar_url: `${webOrigin}/${escaped(login)}.png`,
    gravatar_id: '',
    url,
    html_url: `${webOrigin}/${escaped(login)}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false,
  };
}

function repository(meta: RepositoryMeta, detectedAt: number) {
  const parsed = webUrl(meta.url);
  const web = parsed.href.replace(/\/+$/, '');
  const origin = parsed.origin;
  const api = apiBase(web);
  const url = `${api}/repos/${escaped(meta.fullName)}`;
  // ssh and git:// have ports of their own: the web URL's (https://ghe:8443) is not theirs
  const host = parsed.hostname;
  // Creation and push times are unknown to a poller; detection time is the latest we know it existed.
  const seconds = Math.floor(detectedAt / 1000);
  const isPrivate = meta.private ?? false;
  return {
    id: numericId(meta.id, web),
    node_id: Buffer.from(`reposentry:repository:${web}`).toString('base64'),
    name: meta.name,
    full_name: meta.fullName,
    private: isPrivate,
    owner: user(meta.organization, origin, api, 'Organization'),
    html_url: web,
    description: meta.description ?? null,
    fork: false,
    url,
    forks_url: `${url}/forks`,
    keys_url: `${url}/keys{/key_id}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    teams_url: `${url}/teams`,
    hooks_url: `${url}/hooks`,
    issue_events_url: `${url}/issues/events{/number}`,
    events_url: `${url}/events`,
    assignees_url: `${url}/assignees{/user}`,
    branches_url: `${url}/branches{/branch}`,
    tags_url: `${url}/tags`,
    blobs_url: `${url}/git/blobs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    trees_url: `${url}/git/trees{/sha}`,
    statuses_url: `${url}/statuses/{sha}`,
    languages_url: `${url}/languages`,
    stargazers_url: `${url}/stargazers`,
    contributors_url: `${url}/contributors`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    commits_url: `${url}/commits{/sha}`,
    git_commits_url: `${url}/git/commits{/sha}`,
    comments_url: `${url}/comments{/number}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    contents_url: `${url}/contents/{+path}`,
    compare_url: `${url}/compare/{base}...{head}`,
    merges_url: `${url}/merges`,
    archive_url: `${url}/{archive_format}{/ref}`,
    downloads_url: `${url}/downloads`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    labels_url: `${url}/labels{/name}`,
    releases_url: `${url}/releases{/id}`,
    deployments_url: `${url}/deployments`,
    created_at: seconds,
    updated_at: new Date(seconds * 1000).toISOString(),
    pushed_at: seconds,
    git_url: `git://${host}/${escaped(meta.fullName)}.git`,
    ssh_url: `git@${host}:${meta.fullName}.git`,
    clone_url: publicUrl(meta.cloneUrl),
    svn_url: web,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    open_issues_count: 0,
    license: null,
    forks: 0,
    open_issues: 0,
    watchers: 0,
    default_branch: meta.defaultBranch ?? 'main',
    stargazers: 0,
    master_branch: meta.defaultBranch ?? 'main',
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: isPrivate ? 'private' : 'public',
    custom_properties: {},
  };
}

function toPushCommit(c: EnrichedCommit) {
  return {
    id: c.id,
    tree_id: c.treeId ?? '',
    distinct: true,
    message: c.message,
    timestamp: c.author.date || c.committer.date,
    url: c.url,
    author: { name: c.author.name, email: c.author.email || null },
    committer: { name: c.committer.name, email: c.committer.email || null },
    // every commit carries all three arrays: Tekton's GitHub interceptor (addChangedFiles) fails without them
    added: c.added,
    removed: c.removed,
    modified: c.modified,
  };
}

function headCommit(event: StoredEvent, web: string) {
  const author = event.data.commit?.author;
  const person = { name: author?.name ?? 'unknown', email: author?.email ?? null };
  return {
    id: event.after,
    // Without enrichment the tree id and file lists are unknown: a ref listing does not give them.
    tree_id: '',
    distinct: true,
    message: event.data.commit?.message ?? '',
    timestamp: author?.date ?? new Date(event.detectedAt).toISOString(),
    url: `${web}/commit/${event.after}`,
    author: person,
    committer: person,
    added: [] as string[],
    removed: [] as string[],
    modified: [] as string[],
  };
}

/** `owner/name` always: the stock interceptor takes the part after the `/` and fails without one. */
export function pushFullName(meta: RepositoryMeta): { owner: string; fullName: string } {
  if (meta.fullName.includes('/')) return { owner: meta.organization || meta.fullName.split('/')[0], fullName: meta.fullName };
  let owner = meta.organization;
  if (!owner) {
    try {
      owner = new URL(meta.url).hostname || 'local';
    } catch {
      owner = 'local';
    }
  }
  return { owner, fullName: `${owner}/${meta.name}` };
}

export function buildGithubPush(event: StoredEvent) {
  const { owner, fullName } = pushFullName(event.data.repository);
  const meta = { ...event.data.repository, organization: owner, fullName };
  const web = webUrl(meta.url).href.replace(/\/+$/, '');
  const created = event.before === ZERO_SHA;
  const deleted = event.after === ZERO_SHA;
  const enrichment = event.data.enrichment?.status === 'ok' ? event.data.enrichment : undefined;
  let head = deleted ? null : headCommit(event, web);
  let commits = head && event.refKind === 'branch' ? [head] : [];
  if (enrichment && !deleted) {
    commits = enrichment.commits.map(toPushCommit);
    if (enrichment.headCommit) head = toPushCommit(enrichment.headCommit);
  }
  return {
    ref: fullRef(event.refKind, event.refName),
    before: event.before,
    after: event.after,
    created,
    deleted,
    // known only with enrichment (the new head does not descend from the old one); false otherwise
    forced: enrichment?.forced ?? false,
    base_ref: null,
    compare: created || deleted
      ? `${web}/compare/${event.refName}`
      : `${web}/compare/${event.before.slice(0, 12)}...${event.after.slice(0, 12)}`,
    // With enrichment, the newest max_commits commits of the push, oldest first (GitHub lists up to 20);
    // without it only the new head is known (and tag pushes list none).
    commits,
    head_commit: head,
    repository: repository(meta, event.detectedAt),
    pusher: { name: 'reposentry', email: null },
    sender: user('reposentry', new URL(web).origin, apiBase(web), 'Bot'),
  };
}

export const githubFormat: Format = (event, target, opts) => {
  const body = JSON.stringify(buildGithubPush(event));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': `reposentry/${opts.version}`,
    'x-github-event': 'push',
    'x-github-delivery': event.id,
    'idempotency-key': event.id,
  };
  // ok | unavailable, absent without enrichment: lets a receiver's own path filter tell "no file
  // matched" from "files unknown" (the push schema has no place for it in the body)
  if (event.data.enrichment) headers['x-reposentry-enrichment'] = event.data.enrichment.status;
  if (target.secret) headers['x-hub-signature-256'] = githubSignature(target.secret, body);
  return { headers, body };
};
