/**
 * Keeps the fake GitHub honest: its answers must validate against GitHub's own OpenAPI description
 * (@octokit/openapi) for the two operations reposentry calls.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';

type Json = Record<string, unknown>;

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Json }> }> }>>;
  components: Json;
};

function validator(path: string): (data: unknown) => { ok: boolean; errors: string } {
  // OpenAPI 3.0 schema objects: `nullable` and friends; formats are not what we check here
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, discriminator: true });
  ajv.addSchema({ components: spec.components }, 'spec');
  const schema = spec.paths[path].get.responses['200'].content?.['application/json'].schema as Json;
  const rewritten = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"spec#/components/')) as Json;
  const validate = ajv.compile(rewritten);
  return (data) => ({ ok: validate(data) as boolean, errors: ajv.errorsText(validate.errors) });
}

let fake: FakeGithub;
beforeAll(async () => {
  fake = await startFakeGithub();
  fake.addRepo({
    owner: 'acme',
    name: 'svc',
    branches: { main: 'a'.repeat(40), 'release/1.x': 'b'.repeat(40) },
    tags: { v1: 'c'.repeat(40), v2: { sha: 'd'.repeat(40), type: 'tag' } },
    description: 'a service',
  });
});
afterAll(async () => {
  await fake.close();
});

async function getJson(path: string): Promise<unknown> {
  const res = await fetch(`${fake.url}${path}`);
  expect(res.status).toBe(200);
  return res.json();
}

describe('fake GitHub against @octokit/openapi', () => {
  it('matching-refs answers are valid git-ref arrays (heads and tags, annotated included)', async () => {
    const check = validator('/repos/{owner}/{repo}/git/matching-refs/{ref}');
    for (const kind of ['heads', 'tags']) {
      const body = await getJson(`/repos/acme/svc/git/matching-refs/${kind}/?per_page=100`);
      expect((body as unknown[]).length).toBe(2);
      const result = check(body);
      expect(result.errors).toBe('No errors');
      expect(result.ok).toBe(true);
    }
    // and the check is real: a broken item fails it
    expect(check([{ ref: 'refs/heads/x', object: { sha: 'short' } }]).ok).toBe(false);
  });

  it('the repository answer is a valid full-repository', async () => {
    const check = validator('/repos/{owner}/{repo}');
    const body = (await getJson('/repos/acme/svc')) as Json;
    expect(body.full_name).toBe('acme/svc');
    const result = check(body);
    expect(result.errors).toBe('No errors');
    expect(check({ ...body, id: 'not-a-number' }).ok).toBe(false);
  });
});
