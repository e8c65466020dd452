/**
 * A whole GitHub organization watched with one discover source, against the fake GitHub API:
 * hundreds of repositories over several pages, silent baselines, ETags, repositories appearing,
 * being archived or deleted, and listings that fail half-way (which remove nothing).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { baseYaml, runOnce, tempDir, withStore } from './helpers.js';

const SHA = (n: number) => n.toString(16).padStart(40, '0');

let gh: FakeGithub;
let el: FakeEventListener;
beforeEach(async () => {
  gh = await startFakeGithub();
  el = await startFakeEventListener();
});
afterEach(async () => {
  await gh.close();
  await el.close();
});

function orgYaml(dir: string, extra = ''): string {
  return `${baseYaml(dir, el.url)}discover:\n  - name: acme\n    org: acme\n    api_base_url: ${gh.url}\n${extra}`;
}

function addOrg(count: number): void {
  for (let i = 0; i < count; i++) {
    gh.addRepo({ owner: 'acme', name: `svc-${String(i).padStart(3, '0')}`, branches: { main: SHA(i + 1) } });
  }
}

function listingRequests(): Array<{ url: string; status: number }> {
  return gh.log.filter((r) => r.url.startsWith('/orgs/acme/repos')).map((r) => ({ url: r.url, status: r.status }));
}

describe('discover: a GitHub organization', () => {
  it('watches every repository over several pages with a silent baseline, and an unchanged listing costs only 304s', async () => {
    addOrg(250);
    gh.addRepo({ owner: 'acme', name: 'old', branches: { main: SHA(900) }, archived: true });
    gh.addRepo({ owner: 'acme', name: 'forked', branches: { main: SHA(901) }, fork: true });
    gh.addRepo({ owner: 'other', name: 'elsewhere', branches: { main: SHA(902) } });
    const dir = tempDir();

    const first = await runOnce(dir, orgYaml(dir));
    expect(first.ok).toBe(true);
    expect(first.repositories).toHaveLength(250);
    expect(first.repositories).toContain('acme/svc-000');
    expect(first.repositories).toContain('acme/svc-249');
    expect(first.repositories).not.toContain('acme/old');
    expect(first.repositories).not.toContain('acme/forked');
    expect(first.repositories).not.toContain('other/elsewhere');
    // three pages of 100, each asked once
    expect(listingRequests().map((r) => r.status)).toEqual([200, 200, 200]);
    // every repository was polled: its refs are stored, and nothing was sent (silent baseline)
    withStore(dir, (store) => {
      expect(store.repositories.get('acme/svc-123')?.refCount).toBe(1);
      expect(store.events.list({ limit: 10 }).events).toHaveLength(0);
    });
    expect(el.requests).toHaveLength(0);

    gh.resetCounters();
    const second = await runOnce(dir, orgYaml(dir));
    expect(second.ok).toBe(true);
    expect(second.repositories).toHaveLength(250);
    expect(listingRequests().map((r) => r.status)).toEqual([304, 304, 304]);
  });

  it('picks up a new repository silently, delivers changes of known ones, and removes an archived one after two complete listings', async () => {
    addOrg(120);
    const dir = tempDir();
    expect((await runOnce(dir, orgYaml(dir))).repositories).toHaveLength(120);

    gh.addRepo({ owner: 'acme', name: 'svc-new', branches: { main: SHA(700), dev: SHA(701) } });
    gh.setBranch('acme', 'svc-001', 'main', SHA(800));
    gh.setArchived('acme', 'svc-002', true);
    const second = await runOnce(dir, orgYaml(dir));
    expect(second.ok).toBe(true);
    expect(second.repositories).toContain('acme/svc-new');
    // archived once: still watched until a second complete listing agrees
    expect(second.repositories).toContain('acme/svc-002');
    // one event: the moved branch; the new repository's two branches are its silent baseline
    expect(el.requests).toHaveLength(1);
    const body = JSON.parse(el.requests[0].body) as { repository: { full_name: string }; commit: { sha: string } };
    expect(body.repository.full_name).toBe('acme/svc-001');
    expect(body.commit.sha).toBe(SHA(800));
    withStore(dir, (store) => expect(store.repositories.get('acme/svc-new')?.refCount).toBe(2));

    const third = await runOnce(dir, orgYaml(dir));
    expect(third.repositories).not.toContain('acme/svc-002');
    expect(third.repositories).toHaveLength(120);
    withStore(dir, (store) => {
      const row = store.discovery.bySource('acme').find((r) => r.fullName === 'acme/svc-002');
      expect(row).toMatchObject({ active: false, missing: 2 });
    });
  });

  it('removes nothing when a listing fails half-way, however often', async () => {
    addOrg(230);
    const dir = tempDir();
    expect((await runOnce(dir, orgYaml(dir))).repositories).toHaveLength(230);
    gh.removeRepo('acme', 'svc-005');

    for (let i = 0; i < 3; i++) {
      // page 1 answers, page 2 fails: the listing is partial
      gh.failNext(1, { kind: 'status', status: 502 }, '/orgs/acme/repos', 1);
      const partial = await runOnce(dir, orgYaml(dir));
      expect(partial.ok).toBe(false);
      expect(partial.repositories).toContain('acme/svc-005');
      expect(partial.logs.some((l) => l.msg === 'discover listing failed; nothing removed')).toBe(true);
    }
    withStore(dir, (store) => {
      expect(store.discovery.bySource('acme').find((r) => r.fullName === 'acme/svc-005')).toMatchObject({ active: true, missing: 0 });
      expect(store.discovery.source('acme')).toMatchObject({ lastStatus: 'error' });
    });
    // a malformed page is a failed listing too
    gh.failNext(1, { kind: 'malformed' }, '/orgs/acme/repos', 2);
    expect((await runOnce(dir, orgYaml(dir))).repositories).toContain('acme/svc-005');

    expect((await runOnce(dir, orgYaml(dir))).repositories).toContain('acme/svc-005');
    const gone = await runOnce(dir, orgYaml(dir));
    expect(gone.ok).toBe(true);
    expect(gone.repositories).not.toContain('acme/svc-005');
    expect(gone.repositories).toHaveLength(229);
  });

  it('applies include, exclude, topics and defaults, and an explicitly configured repository wins', async () => {
    gh.addRepo({ owner: 'acme', name: 'svc-a', branches: { main: SHA(1), feature: SHA(2) }, topics: ['ci'] });
    gh.addRepo({ owner: 'acme', name: 'svc-b', branches: { main: SHA(3) }, topics: ['ci'] });
    gh.addRepo({ owner: 'acme', name: 'svc-legacy', branches: { main: SHA(4) }, topics: ['ci'] });
    gh.addRepo({ owner: 'acme', name: 'svc-notopic', branches: { main: SHA(5) } });
    gh.addRepo({ owner: 'acme', name: 'web', branches: { main: SHA(6) }, topics: ['ci'] });
    const dir = tempDir();
    const yaml = `${orgYaml(dir, `    include: "^acme/svc-"
    exclude: legacy
    topics: [ci, deploy]
    defaults: { branch_regex: "^main$", polling_interval: 2m }
`)}repositories:
  - name: explicit-b
    url: https://github.com/acme/svc-b
    api_base_url: ${gh.url}
`;
    const run = await runOnce(dir, yaml);
    expect(run.ok).toBe(true);
    expect(run.repositories.sort()).toEqual(['acme/svc-a', 'explicit-b']);
    expect(run.config.repositories.find((r) => r.name === 'acme/svc-a')).toMatchObject({
      url: 'https://github.com/acme/svc-a', provider: 'github', branchRegex: '^main$', pollingIntervalMs: 120_000, location: expect.objectContaining({ apiBaseUrl: gh.url, fullName: 'acme/svc-a' }), discoveredBy: 'acme',
    });
    expect(run.config.repositories.find((r) => r.name === 'explicit-b')?.discoveredBy).toBeUndefined();
  });

  it('follows the repositories a user starred, across owners, and drops an unstarred one after two listings', async () => {
    gh.addRepo({ owner: 'acme', name: 'liked', branches: { main: SHA(1) } });
    gh.addRepo({ owner: 'other', name: 'tool', branches: { main: SHA(2) } });
    gh.addRepo({ owner: 'other', name: 'meh', branches: { main: SHA(3) } });
    gh.star('alice', 'acme', 'liked');
    gh.star('alice', 'other', 'tool');
    const dir = tempDir();
    const yaml = `${baseYaml(dir, el.url)}discover:\n  - name: stars\n    starred_by: alice\n    api_base_url: ${gh.url}\n`;
    expect((await runOnce(dir, yaml)).repositories.sort()).toEqual(['acme/liked', 'other/tool']);
    gh.unstar('alice', 'other', 'tool');
    expect((await runOnce(dir, yaml)).repositories.sort()).toEqual(['acme/liked', 'other/tool']);
    expect((await runOnce(dir, yaml)).repositories).toEqual(['acme/liked']);
  });
});
