import { verify } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import type { TargetConfig } from '../../src/config/types.js';
import { formatRequest } from '../../src/delivery/formats/index.js';
import { eventId, fullRef } from '../../src/events/id.js';
import { ZERO_SHA, type EventType, type StoredEvent } from '../../src/types.js';
import { readYamlDocs, repoPath } from './helpers.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form manifests

const DIR = 'deployments/tekton';
const kustomization = readYamlDocs(repoPath(DIR, 'kustomization.yaml'))[0] as Obj;
const resources = (kustomization.resources as string[]).flatMap((file) => readYamlDocs(repoPath(DIR, file)) as Obj[]);

function named(kind: string, name: string): Obj {
  const found = resources.find((r) => r.kind === kind && r.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${DIR}`);
  return found;
}

const template = named('TriggerTemplate', 'reposentry-pipelinerun');
const cloudeventsListener = named('EventListener', 'reposentry');
const githubListener = named('EventListener', 'reposentry-github');
const githubSecret = named('Secret', 'reposentry-github-webhook');

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

function sampleEvent(type: EventType): StoredEvent {
  const kind = type.startsWith('tag') ? 'tag' : 'branch';
  const refName = kind === 'tag' ? 'v1.2.0' : 'release/1.2';
  const before = type.endsWith('created') ? ZERO_SHA : SHA_A;
  const after = type.endsWith('deleted') ? ZERO_SHA : SHA_B;
  const url = 'https://github.com/acme/my-service';
  return {
    id: eventId({ repositoryUrl: url, ref: fullRef(kind, refName), before, after, transition: 1 }),
    seq: 1,
    type,
    repositoryName: 'my-service',
    repositoryUrl: url,
    provider: 'github',
    refKind: kind,
    refName,
    before,
    after,
    detectedAt: Date.UTC(2025, 0, 2, 3, 4, 5),
    data: {
      repository: {
        provider: 'github',
        organization: 'acme',
        name: 'my-service',
        fullName: 'acme/my-service',
        url,
        cloneUrl: `${url}.git`,
      },
    },
  };
}

function target(format: TargetConfig['format'], secret: string): TargetConfig {
  return {
    name: 'tekton',
    url: 'http://el-reposentry:8080',
    format,
    mode: 'binary',
    secret,
    headers: {},
    timeoutMs: 10_000,
    retryAttempts: 10,
    retryBackoffMs: 1000,
    maxBackoffMs: 600_000,
  };
}

/** What Tekton sees: the JSON body and the headers (looked up case-insensitively). */
function deliver(type: EventType, format: TargetConfig['format'], secret = 'tekton-secret') {
  const req = formatRequest(sampleEvent(type), target(format, secret), { version: '0.1.0', now: Date.now() });
  const headers = new Map(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { raw: req.body, body: JSON.parse(req.body) as Obj, headers };
}

/** Resolves each `$(body.a.b)` / `$(header.X)` of a binding like Tekton does; throws on a missing field. */
function resolveBinding(binding: Obj, payload: ReturnType<typeof deliver>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const param of binding.spec.params as { name: string; value: string }[]) {
    const m = /^\$\((body|header)\.([^)]+)\)$/.exec(param.value);
    if (!m) throw new Error(`${binding.metadata.name}.${param.name}: unexpected value ${param.value}`);
    let value: unknown;
    if (m[1] === 'header') {
      value = payload.headers.get(m[2].toLowerCase());
    } else {
      value = m[2].split('.').reduce<unknown>((cur, key) => (cur && typeof cur === 'object' ? (cur as Obj)[key] : undefined), payload.body);
    }
    if (typeof value !== 'string' || value === '') throw new Error(`${binding.metadata.name}.${param.name}: ${param.value} resolves to ${JSON.stringify(value)}`);
    out[param.name] = value;
  }
  return out;
}

/** The ce-type values a trigger's CEL filter accepts (filters are written as header.match ORs). */
function acceptedCeTypes(trigger: Obj): string[] {
  const filter = trigger.interceptors.find((i: Obj) => i.ref.name === 'cel').params.find((p: Obj) => p.name === 'filter').value as string;
  return [...filter.matchAll(/header\.match\('ce-type', '([^']+)'\)/g)].map((m) => m[1]);
}

describe('deployments/tekton wiring', () => {
  it('binds every EventListener to bindings and the template that exist, run by the RBAC ServiceAccount', () => {
    const sa = resources.find((r) => r.kind === 'ServiceAccount');
    for (const el of [cloudeventsListener, githubListener]) {
      expect(el.spec.serviceAccountName).toBe(sa!.metadata.name);
      for (const trigger of el.spec.triggers) {
        expect(trigger.template.ref).toBe(template.metadata.name);
        for (const b of trigger.bindings) expect(named('TriggerBinding', b.ref)).toBeDefined();
      }
    }
    const bindings = resources.filter((r) => r.kind.endsWith('Binding') && r.kind !== 'TriggerBinding');
    expect(bindings.map((b) => b.roleRef.name).sort()).toEqual(['tekton-triggers-eventlistener-clusterroles', 'tekton-triggers-eventlistener-roles']);
    for (const b of bindings) expect(b.subjects[0]).toMatchObject({ kind: 'ServiceAccount', name: sa!.metadata.name });
  });

  it('gives the template every param it needs and nothing it does not declare', () => {
    const declared = new Map((template.spec.params as Obj[]).map((p) => [p.name, p]));
    for (const binding of resources.filter((r) => r.kind === 'TriggerBinding')) {
      const bound = (binding.spec.params as Obj[]).map((p) => p.name);
      for (const name of bound) expect(declared.has(name), `${binding.metadata.name}.${name}`).toBe(true);
      for (const [name, p] of declared) if (p.default === undefined) expect(bound, `${binding.metadata.name} lacks ${name}`).toContain(name);
    }
  });

  it('uses the stock GitHub interceptor with a secretRef that exists and push events only', () => {
    const interceptor = githubListener.spec.triggers[0].interceptors[0];
    expect(interceptor.ref).toEqual({ name: 'github' });
    const params = new Map((interceptor.params as Obj[]).map((p) => [p.name, p.value]));
    expect(params.get('eventTypes')).toEqual(['push']);
    const ref = params.get('secretRef');
    expect(ref.secretName).toBe(githubSecret.metadata.name);
    expect(Object.keys(githubSecret.stringData)).toContain(ref.secretKey);
  });
});

describe('cloudevents bindings against payloads reposentry produces', () => {
  const triggers = new Map((cloudeventsListener.spec.triggers as Obj[]).map((t) => [t.name, t]));

  it('accepts branch creates/updates and tag creates, nothing that lacks a commit to build', () => {
    const accepted = [...triggers.values()].flatMap(acceptedCeTypes).sort();
    expect(accepted).toEqual([
      'dev.reposentry.repository.branch_created',
      'dev.reposentry.repository.branch_updated',
      'dev.reposentry.repository.tag_created',
    ]);
  });

  for (const type of ['branch_created', 'branch_updated', 'tag_created'] as const) {
    it(`resolves every field path of the trigger that accepts ${type}`, () => {
      const payload = deliver(type, 'cloudevents');
      const ceType = payload.headers.get('ce-type')!;
      const trigger = [...triggers.values()].find((t) => acceptedCeTypes(t).includes(ceType));
      expect(trigger, ceType).toBeDefined();
      const values = resolveBinding(named('TriggerBinding', trigger!.bindings[0].ref), payload);
      expect(values['git-revision']).toBe(SHA_B);
      expect(values['git-url']).toBe('https://github.com/acme/my-service.git');
      expect(values['repository-full-name']).toBe('acme/my-service');
      expect(values['ref-name']).toBe(type.startsWith('tag') ? 'v1.2.0' : 'release/1.2');
      expect(values['git-ref']).toBe(type.startsWith('tag') ? 'refs/tags/v1.2.0' : 'refs/heads/release/1.2');
      expect(values['event-type']).toBe(`dev.reposentry.repository.${type}`);
      expect(values['event-id']).toBe(sampleEvent(type).id);
    });
  }

  it('would fail the branch binding on a tag event (why the CEL filters exist)', () => {
    expect(() => resolveBinding(named('TriggerBinding', 'reposentry-cloudevents-branch'), deliver('tag_created', 'cloudevents'))).toThrow(/branch\.name/);
  });
});

describe('github bindings against payloads reposentry produces', () => {
  const secretToken = 'replace-with-the-signing-secret';

  it('resolves every field path for a branch push and signs it so the GitHub interceptor accepts it', async () => {
    expect(githubSecret.stringData.secretToken).toBe(secretToken);
    const payload = deliver('branch_updated', 'github', secretToken);
    expect(payload.headers.get('x-github-event')).toBe('push');
    expect(await verify(secretToken, payload.raw, payload.headers.get('x-hub-signature-256')!)).toBe(true);
    expect(await verify('another-secret', payload.raw, payload.headers.get('x-hub-signature-256')!)).toBe(false);
    const values = resolveBinding(named('TriggerBinding', 'reposentry-github-push'), payload);
    expect(values).toMatchObject({
      'git-revision': SHA_B,
      'git-ref': 'refs/heads/release/1.2',
      'repository-full-name': 'acme/my-service',
      'event-type': 'push',
      'event-id': sampleEvent('branch_updated').id,
    });
    expect(values['git-url']).toMatch(/^https:\/\/github\.com\/acme\/my-service(\.git)?$/);
    expect(payload.body.deleted).toBe(false);
  });

  it('resolves the same paths for a tag push', () => {
    const values = resolveBinding(named('TriggerBinding', 'reposentry-github-push'), deliver('tag_created', 'github'));
    expect(values['git-ref']).toBe('refs/tags/v1.2.0');
  });

  it('marks a deleted branch so the CEL filter "body.deleted == false" drops it', () => {
    const filter = githubListener.spec.triggers[0].interceptors[1];
    expect(filter.params[0]).toEqual({ name: 'filter', value: 'body.deleted == false' });
    expect(deliver('branch_deleted', 'github').body.deleted).toBe(true);
  });
});
