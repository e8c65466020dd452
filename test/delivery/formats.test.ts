import { createRequire } from 'node:module';
import { verify as verifyGithub } from '@octokit/webhooks-methods';
import Ajv from 'ajv';
import { HTTP, type CloudEvent } from 'cloudevents';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { cloudeventsFormat } from '../../src/delivery/formats/cloudevents.js';
import { githubFormat } from '../../src/delivery/formats/github.js';
import { gitlabFormat } from '../../src/delivery/formats/gitlab.js';
import { formatRequest } from '../../src/delivery/formats/index.js';
import { logFormat } from '../../src/delivery/formats/log.js';
import { repositoryLocation } from '../../src/config/repo-location.js';
import { metaFromLocation } from '../../src/config/repo-meta.js';
import { ZERO_SHA } from '../../src/types.js';
import { sha, storedEvent, target } from './helpers.js';

const require = createRequire(import.meta.url);
const webhookSchemas = require('@octokit/webhooks-schemas/schema.json') as object;
const opts = { version: '1.2.3', now: Date.now() };
const WHSEC = `whsec_${Buffer.from('a-32-byte-long-secret-for-tests!').toString('base64')}`;

function isUri(s: string): boolean {
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

function pushValidator() {
  const ajv = new Ajv.default({
    strict: false,
    allErrors: true,
    validateSchema: false,
    formats: { uri: isUri, 'uri-template': true, 'date-time': (s: string) => !Number.isNaN(Date.parse(s)) },
  });
  ajv.addSchema(webhookSchemas, 'webhooks');
  const validate = ajv.getSchema('webhooks#/definitions/push$event');
  if (!validate) throw new Error('push$event not found in @octokit/webhooks-schemas');
  return validate;
}

describe('cloudevents format', () => {
  it('binary mode passes the CloudEvents SDK and carries the raw ce-* headers', () => {
    const event = storedEvent();
    const req = cloudeventsFormat(event, target(), opts);
    expect(req.headers['ce-specversion']).toBe('1.0');
    expect(req.headers['ce-id']).toBe(event.id);
    expect(req.headers['ce-source']).toBe('reposentry/github');
    expect(req.headers['ce-type']).toBe('dev.reposentry.repository.branch_updated');
    expect(req.headers['ce-time']).toBe('2025-03-01T12:00:00.000Z');
    expect(req.headers['ce-subject']).toBe('refs/heads/main');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['idempotency-key']).toBe(event.id);
    const ce = HTTP.toEvent({ headers: req.headers, body: req.body });
    if (Array.isArray(ce)) throw new Error('expected one event');
    const single = ce as CloudEvent<unknown>;
    expect(single.validate()).toBe(true);
    expect(single.id).toBe(event.id);
    expect(single.type).toBe('dev.reposentry.repository.branch_updated');
  });

  it('keeps the DESIGN §6 data shape and the original Tekton binding paths', () => {
    const event = storedEvent({ repoId: 42 });
    const body = JSON.parse(cloudeventsFormat(event, target(), opts).body);
    // $(body.repository.url), $(body.branch.name), $(body.commit.sha), $(body.repository.full_name)
    expect(body.repository.url).toBe('https://github.com/acme/my-service');
    expect(body.branch.name).toBe('main');
    expect(body.commit.sha).toBe(sha(2));
    expect(body.repository.full_name).toBe('acme/my-service');
    expect(body).toEqual({
      repository: {
        provider: 'github',
        organization: 'acme',
        name: 'my-service',
        full_name: 'acme/my-service',
        url: 'https://github.com/acme/my-service',
        clone_url: 'https://github.com/acme/my-service.git',
        id: 42,
      },
      ref: { type: 'branch', name: 'main', full: 'refs/heads/main' },
      branch: { name: 'main', ref: 'refs/heads/main' },
      commit: {
        sha: sha(2),
        short_sha: sha(2).slice(0, 7),
        message: 'Fix the thing\n\nLonger text',
        author: { name: 'Ada', email: 'ada@example.com', date: '2025-03-01T11:59:00Z' },
      },
      previous_commit: { sha: sha(1), short_sha: sha(1).slice(0, 7) },
      event: { id: event.id, type: 'branch_updated', trigger_source: 'reposentry', detection_time: '2025-03-01T12:00:00.000Z' },
    });
  });

  it('puts tag events under tag, not branch', () => {
    const body = JSON.parse(cloudeventsFormat(storedEvent({ kind: 'tag', name: 'v1.0', before: ZERO_SHA }), target(), opts).body);
    expect(body.tag).toEqual({ name: 'v1.0', ref: 'refs/tags/v1.0' });
    expect(body.branch).toBeUndefined();
    expect(body.event.type).toBe('tag_created');
    expect(body.previous_commit.sha).toBe(ZERO_SHA);
  });

  it('structured mode sends application/cloudevents+json that the SDK accepts', () => {
    const event = storedEvent();
    const req = cloudeventsFormat(event, target({ mode: 'structured' }), opts);
    expect(req.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    expect(req.headers['ce-id']).toBeUndefined();
    const ce = HTTP.toEvent({ headers: req.headers, body: req.body }) as CloudEvent<unknown>;
    expect(ce.validate()).toBe(true);
    expect(ce.id).toBe(event.id);
    expect((ce.data as { event: { id: string } }).event.id).toBe(event.id);
  });

  it('signs with Standard Webhooks headers that the standardwebhooks library verifies (whsec_ secret)', () => {
    const event = storedEvent();
    const req = cloudeventsFormat(event, target({ secret: WHSEC }), opts);
    expect(req.headers['webhook-id']).toBe(event.id);
    expect(req.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(WHSEC).verify(req.body, req.headers)).toEqual(JSON.parse(req.body));
    expect(() => new Webhook(WHSEC).verify(`${req.body} `, req.headers)).toThrow();
  });

  it('uses any other secret as raw UTF-8 bytes', () => {
    const secret = 'plain sécret';
    const req = cloudeventsFormat(storedEvent(), target({ secret }), opts);
    const wh = new Webhook(Buffer.from(secret, 'utf8'), { format: 'raw' });
    expect(() => wh.verify(req.body, req.headers)).not.toThrow();
  });

  it('re-signs per attempt: a retry ten minutes after detection still verifies, the first signature would not', () => {
    const detectedAt = Date.now() - 10 * 60_000;
    const event = storedEvent({ detectedAt });
    const stale = cloudeventsFormat(event, target({ secret: WHSEC }), { version: '1', now: detectedAt });
    expect(() => new Webhook(WHSEC).verify(stale.body, stale.headers)).toThrow(/timestamp/i);
    const retry = cloudeventsFormat(event, target({ secret: WHSEC }), { version: '1', now: Date.now() });
    expect(() => new Webhook(WHSEC).verify(retry.body, retry.headers)).not.toThrow();
    expect(retry.headers['ce-time']).toBe(new Date(detectedAt).toISOString());
  });
});

describe('github format', () => {
  const validate = pushValidator();
  const cases = {
    updated: {},
    created: { before: ZERO_SHA },
    deleted: { after: ZERO_SHA },
    'tag created': { kind: 'tag' as const, name: 'v1.2.0', before: ZERO_SHA },
    'tag deleted': { kind: 'tag' as const, name: 'v1.2.0', after: ZERO_SHA },
    'gitlab subgroup repo': { url: 'https://gitlab.example.com/group/sub/proj', provider: 'gitlab' as const, repoId: 'x7' },
  };
  for (const [name, spec] of Object.entries(cases)) {
    it(`${name}: valid against @octokit/webhooks-schemas push$event`, () => {
      const req = githubFormat(storedEvent(spec), target({ format: 'github' }), opts);
      const ok = validate(JSON.parse(req.body));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it('marks created and deleted refs as GitHub does', () => {
    const created = JSON.parse(githubFormat(storedEvent({ before: ZERO_SHA }), target(), opts).body);
    expect(created).toMatchObject({ created: true, deleted: false, forced: false, before: ZERO_SHA, ref: 'refs/heads/main' });
    expect(created.head_commit.id).toBe(sha(2));
    const deleted = JSON.parse(githubFormat(storedEvent({ after: ZERO_SHA }), target(), opts).body);
    expect(deleted).toMatchObject({ created: false, deleted: true, after: ZERO_SHA, head_commit: null, commits: [] });
    const body = JSON.parse(githubFormat(storedEvent({ repoId: 99 }), target(), opts).body);
    expect(body.repository).toMatchObject({ id: 99, full_name: 'acme/my-service', html_url: 'https://github.com/acme/my-service' });
    expect(body.repository.url).toBe('https://api.github.com/repos/acme/my-service');
  });

  it('puts the API root where the github provider does: api.github.com for www.github.com too, /api/v3 on a server', () => {
    const www = JSON.parse(githubFormat(storedEvent({ url: 'https://www.github.com/acme/my-service' }), target(), opts).body);
    expect(www.repository.url).toBe('https://api.github.com/repos/acme/my-service');
    expect(www.sender.url).toBe('https://api.github.com/users/reposentry');
    const ghes = JSON.parse(githubFormat(storedEvent({ url: 'https://ghe.example.com/acme/my-service' }), target(), opts).body);
    expect(ghes.repository.url).toBe('https://ghe.example.com/api/v3/repos/acme/my-service');
  });

  it('writes the URLs of a repository whose path needs escaping (a plain git server\'s "my org") escaped, every one of them, in every format', () => {
    const url = 'http://git.example.com/my%20org/app.git';
    const event = storedEvent({ url });
    event.data.repository = metaFromLocation('git', repositoryLocation(url, 'git'));
    const urls: string[] = [];
    const collect = (v: unknown): void => {
      if (typeof v === 'string' && /^(?:https?|git):\/\//.test(v)) urls.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    for (const body of [cloudeventsFormat(event, target({ mode: 'structured' }), opts).body, githubFormat(event, target(), opts).body, gitlabFormat(event, target(), opts).body]) collect(JSON.parse(body));
    expect(urls.length).toBeGreaterThan(50);
    expect(urls.filter((u) => /\s/.test(u))).toEqual([]);
    expect(urls).toContain('http://git.example.com/my%20org/app');
    const github = JSON.parse(githubFormat(event, target(), opts).body);
    expect(github.repository.full_name).toBe('my org/app');
    expect(github.repository.url).toBe('http://git.example.com/api/v3/repos/my%20org/app');
    expect(github.repository.owner.html_url).toBe('http://git.example.com/my%20org');
  });

  it('writes the ssh and git:// addresses without the web URL\'s port (git@host:8443:acme/app.git is no address git can use)', () => {
    const event = storedEvent({ url: 'https://ghe.example.com:8443/acme/app' });
    const github = JSON.parse(githubFormat(event, target(), opts).body);
    expect(github.repository.ssh_url).toBe('git@ghe.example.com:acme/app.git');
    expect(github.repository.git_url).toBe('git://ghe.example.com/acme/app.git');
    expect(github.repository.html_url).toBe('https://ghe.example.com:8443/acme/app');
    const gitlab = JSON.parse(gitlabFormat(storedEvent({ url: 'http://[::1]:3000/group/app', provider: 'gitlab' }), target(), opts).body);
    expect(gitlab.project.git_ssh_url).toBe('git@[::1]:group/app.git');
    expect(gitlab.repository.url).toBe('git@[::1]:group/app.git');
  });

  it('sends GitHub headers and an X-Hub-Signature-256 that @octokit/webhooks-methods verifies', async () => {
    const event = storedEvent();
    const req = githubFormat(event, target({ format: 'github', secret: 'gh-secret' }), opts);
    expect(req.headers).toMatchObject({
      'x-github-event': 'push',
      'x-github-delivery': event.id,
      'user-agent': 'reposentry/1.2.3',
      'idempotency-key': event.id,
    });
    expect(await verifyGithub('gh-secret', req.body, req.headers['x-hub-signature-256']!)).toBe(true);
    expect(await verifyGithub('other', req.body, req.headers['x-hub-signature-256']!)).toBe(false);
    expect(githubFormat(event, target(), opts).headers['x-hub-signature-256']).toBeUndefined();
  });
});

describe('gitlab format', () => {
  it('sends a Push Hook with the token and ids', () => {
    const event = storedEvent({ url: 'https://gitlab.example.com/group/sub/proj', provider: 'gitlab', repoId: 7 });
    const req = gitlabFormat(event, target({ format: 'gitlab', secret: 'gl-token' }), opts);
    expect(req.headers).toMatchObject({
      'x-gitlab-event': 'Push Hook',
      'x-gitlab-token': 'gl-token',
      'x-gitlab-event-uuid': event.id,
      'idempotency-key': event.id,
    });
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({
      object_kind: 'push',
      event_name: 'push',
      before: sha(1),
      after: sha(2),
      ref: 'refs/heads/main',
      checkout_sha: sha(2),
      project_id: 7,
      project: { id: 7, path_with_namespace: 'group/sub/proj', namespace: 'group/sub', web_url: 'https://gitlab.example.com/group/sub/proj' },
      repository: { name: 'proj', homepage: 'https://gitlab.example.com/group/sub/proj', git_http_url: 'https://gitlab.example.com/group/sub/proj.git' },
      total_commits_count: 1,
    });
    expect(body.commits[0]).toMatchObject({ id: sha(2), title: 'Fix the thing', author: { name: 'Ada', email: 'ada@example.com' } });
  });

  it('sends a Tag Push Hook for tags, with no checkout_sha when deleted', () => {
    const req = gitlabFormat(storedEvent({ kind: 'tag', name: 'v2', after: ZERO_SHA }), target({ format: 'gitlab' }), opts);
    expect(req.headers['x-gitlab-event']).toBe('Tag Push Hook');
    expect(req.headers['x-gitlab-token']).toBeUndefined();
    expect(JSON.parse(req.body)).toMatchObject({ object_kind: 'tag_push', ref: 'refs/tags/v2', checkout_sha: null, commits: [], total_commits_count: 0 });
  });
});

describe('log format and extra headers', () => {
  it('prints one JSON line with id, type and the event data', () => {
    const event = storedEvent();
    const line = logFormat(event, target({ format: 'log', url: 'log:' }), opts).body;
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({ id: event.id, type: 'branch_updated', branch: { name: 'main' }, commit: { sha: sha(2) } });
  });

  it('adds the target headers without letting them replace the format headers', () => {
    const event = storedEvent();
    const req = formatRequest(event, target({ headers: { 'X-Team': 'a', 'Ce-Id': 'spoofed' } }), opts);
    expect(req.headers['x-team']).toBe('a');
    expect(req.headers['ce-id']).toBe(event.id);
  });
});

describe('repository URLs that are not web URLs', () => {
  it('derives https URLs from scp-like and ssh:// addresses for the github and gitlab payloads', () => {
    const validate = pushValidator();
    for (const url of ['git@git.example.com:team/app.git', 'ssh://git@git.example.com/team/app.git']) {
      const event = storedEvent({ url: 'https://git.example.com/team/app', provider: 'git' });
      event.data.repository.url = url;
      const gh = JSON.parse(githubFormat(event, target(), opts).body);
      expect(validate(gh)).toBe(true);
      expect(gh.repository.html_url).toBe('https://git.example.com/team/app');
      const gl = JSON.parse(gitlabFormat(event, target(), opts).body);
      expect(gl.project.web_url).toBe('https://git.example.com/team/app');
      expect(gl.repository.git_ssh_url).toBe('git@git.example.com:team/app.git');
    }
  });
});
