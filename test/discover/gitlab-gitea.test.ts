/** Discover sources on GitLab groups (with and without subgroups) and Gitea organizations, against the fakes. */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startFakeGitea, type FakeGitea } from '../fakes/gitea-api.js';
import { startFakeGitlab, type FakeGitlab } from '../fakes/gitlab-api.js';
import { baseYaml, runOnce, tempDir } from './helpers.js';

const SHA = (n: number) => n.toString(16).padStart(40, '0');
const closers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c.close();
});

async function listener(): Promise<FakeEventListener> {
  const el = await startFakeEventListener();
  closers.push(el);
  return el;
}

describe('discover: a GitLab group', () => {
  it('lists the whole tree with include_subgroups over several pages, skips archived and forks, removes a deleted project after two listings', async () => {
    const gl: FakeGitlab = await startFakeGitlab();
    closers.push(gl);
    const el = await listener();
    for (let i = 0; i < 150; i++) gl.addProject({ path: `platform/backend/svc-${i}`, branches: { main: SHA(i + 1) } });
    for (let i = 0; i < 30; i++) gl.addProject({ path: `platform/tool-${i}`, branches: { main: SHA(500 + i) } });
    gl.addProject({ path: 'platform/old', branches: { main: SHA(900) }, archived: true });
    gl.addProject({ path: 'platform/copy', branches: { main: SHA(901) }, forkedFrom: 'elsewhere/copy' });
    gl.addProject({ path: 'other/thing', branches: { main: SHA(902) } });
    const dir = tempDir();
    const source = (sub: boolean) => `${baseYaml(dir, el.url)}discover:\n  - name: platform\n    provider: gitlab\n    group: platform\n    include_subgroups: ${sub}\n    api_base_url: ${gl.apiUrl}\n`;

    const deep = await runOnce(dir, source(true));
    expect(deep.ok).toBe(true);
    expect(deep.repositories).toHaveLength(180);
    expect(deep.repositories).toContain('platform/backend/svc-149');
    expect(deep.repositories).not.toContain('platform/old');
    expect(deep.repositories).not.toContain('platform/copy');
    const listings = gl.log.filter((r) => r.url.startsWith('/api/v4/groups/platform/projects'));
    expect(listings.length).toBe(2); // 180 + 2 skipped = 182 projects, 100 a page
    expect(deep.config.repositories.find((r) => r.name === 'platform/tool-3')).toMatchObject({ provider: 'gitlab', location: expect.objectContaining({ apiBaseUrl: gl.apiUrl, fullName: 'platform/tool-3' }) as unknown, discoveredBy: 'platform' });
    expect(el.requests).toHaveLength(0);

    // page 2 fails: a partial listing removes nothing
    gl.removeProject('platform/backend/svc-7');
    gl.failNext(1, { kind: 'status', status: 500 }, '/api/v4/groups/', 1);
    expect((await runOnce(dir, source(true))).repositories).toContain('platform/backend/svc-7');
    expect((await runOnce(dir, source(true))).repositories).toContain('platform/backend/svc-7');
    const gone = await runOnce(dir, source(true));
    expect(gone.repositories).not.toContain('platform/backend/svc-7');
    expect(gone.repositories).toHaveLength(179);

    // without subgroups: only the group's own projects (the subgroup's drop out after two listings)
    await runOnce(dir, source(false));
    const shallow = await runOnce(dir, source(false));
    expect(shallow.repositories).toHaveLength(30);
  });
});

describe('discover: a Gitea organization', () => {
  it('lists every page (limit 50, Link and X-Total-Count), polls what it found, drops an archived repository after two listings', async () => {
    const gt: FakeGitea = await startFakeGitea();
    closers.push(gt);
    const el = await listener();
    for (let i = 0; i < 120; i++) gt.addRepo({ owner: 'acme', name: `svc-${i}`, branches: { main: SHA(i + 1) } });
    gt.addRepo({ owner: 'acme', name: 'forked', branches: { main: SHA(800) }, fork: true });
    const dir = tempDir();
    const yaml = `${baseYaml(dir, el.url)}discover:\n  - name: acme\n    provider: gitea\n    org: acme\n    api_base_url: ${gt.apiUrl}\n`;
    const first = await runOnce(dir, yaml);
    expect(first.ok).toBe(true);
    expect(first.repositories).toHaveLength(120);
    expect(gt.log.filter((r) => r.url.startsWith('/api/v1/orgs/acme/repos')).length).toBe(3);

    gt.setArchived('acme', 'svc-3', true);
    gt.setBranch('acme', 'svc-4', 'main', SHA(999));
    const second = await runOnce(dir, yaml);
    expect(second.repositories).toContain('acme/svc-3');
    expect(el.requests).toHaveLength(1);
    expect(JSON.parse(el.requests[0].body)).toMatchObject({ repository: { full_name: 'acme/svc-4' } });
    expect((await runOnce(dir, yaml)).repositories).not.toContain('acme/svc-3');
  });
});
