/**
 * A running daemon with a discover source: new repositories show up in the API within one
 * discover interval, are polled and deliver events; a removed repository's pending deliveries
 * still go out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Daemon } from '../../src/daemon/daemon.js';
import { eventually } from '../e2e/daemon-process.js';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startFakeGithub, type FakeGithub } from '../fakes/github-api.js';
import { baseYaml, startRunning, tempDir } from './helpers.js';

const SHA = (n: number) => n.toString(16).padStart(40, '0');

let gh: FakeGithub;
let el: FakeEventListener;
let daemon: Daemon | undefined;
beforeEach(async () => {
  gh = await startFakeGithub();
  el = await startFakeEventListener();
});
afterEach(async () => {
  await daemon?.stop({ deadlineMs: 1000 });
  daemon = undefined;
  await gh.close();
  await el.close();
});

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${daemon!.port}${path}`, init);
  return (await res.json()) as T;
}

interface RepoJson { name: string; discovered_by: string | null; refs: number; last_status: string | null }

describe('discover in a running daemon', () => {
  it('picks up a new repository within one interval, polls it and delivers its changes', async () => {
    gh.addRepo({ owner: 'acme', name: 'one', branches: { main: SHA(1) } });
    gh.addRepo({ owner: 'acme', name: 'two', branches: { main: SHA(2) } });
    const dir = tempDir();
    const yaml = `${baseYaml(dir, el.url)}discover:\n  - name: acme\n    org: acme\n    api_base_url: ${gh.url}\n    interval: 300ms\n`;
    ({ daemon } = await startRunning(dir, yaml));

    await eventually(async () => {
      const { repositories } = await api<{ repositories: RepoJson[] }>('/api/v1/repositories');
      return repositories.length === 2 && repositories.every((r) => r.last_status === 'ok');
    });
    gh.addRepo({ owner: 'acme', name: 'three', branches: { main: SHA(3) } });
    const three = await eventually(async () => {
      const { repositories } = await api<{ repositories: RepoJson[] }>('/api/v1/repositories');
      return repositories.find((r) => r.name === 'acme/three' && r.last_status === 'ok');
    });
    expect(three).toMatchObject({ discovered_by: 'acme', refs: 1 });
    expect(el.requests).toHaveLength(0);

    const status = await api<{ discover: Array<Record<string, unknown>> }>('/api/v1/status');
    expect(status.discover[0]).toMatchObject({ name: 'acme', kind: 'org', owner: 'acme', last_status: 'ok', found: 3, repositories: 3 });

    gh.setBranch('acme', 'three', 'main', SHA(33));
    const poll = await fetch(`http://127.0.0.1:${daemon.port}/api/v1/repositories/${encodeURIComponent('acme/three')}/poll`, { method: 'POST' });
    expect(poll.status).toBe(202);
    const [req] = await el.waitForRequests(1);
    expect(JSON.parse(req.body)).toMatchObject({ repository: { full_name: 'acme/three' }, commit: { sha: SHA(33) } });

    const metrics = await (await fetch(`http://127.0.0.1:${daemon.port}/metrics`)).text();
    expect(metrics).toMatch(/reposentry_discover_repositories\{source="acme"\} 3/);
  });

  it("stops polling a deleted repository after two listings, and still delivers its pending events", async () => {
    gh.addRepo({ owner: 'acme', name: 'keep', branches: { main: SHA(1) } });
    gh.addRepo({ owner: 'acme', name: 'doomed', branches: { main: SHA(2) } });
    const dir = tempDir();
    const yaml = `${baseYaml(dir, el.url)}discover:\n  - name: acme\n    org: acme\n    api_base_url: ${gh.url}\n    interval: 300ms\n`;
    ({ daemon } = await startRunning(dir, yaml));
    await eventually(async () => {
      const { repositories } = await api<{ repositories: RepoJson[] }>('/api/v1/repositories');
      return repositories.length === 2 && repositories.every((r) => r.last_status === 'ok');
    });

    el.setDefault({ kind: 'status', status: 503 });
    gh.setBranch('acme', 'doomed', 'main', SHA(22));
    await fetch(`http://127.0.0.1:${daemon.port}/api/v1/repositories/${encodeURIComponent('acme/doomed')}/poll`, { method: 'POST' });
    await el.waitForRequests(1);
    gh.removeRepo('acme', 'doomed');
    await eventually(async () => {
      const { repositories } = await api<{ repositories: RepoJson[] }>('/api/v1/repositories');
      return repositories.length === 1 && repositories[0].name === 'acme/keep';
    });
    const { events } = await api<{ events: Array<{ id: string; repository: string }> }>('/api/v1/events?repository=acme%2Fdoomed');
    expect(events).toHaveLength(1);

    el.setDefault({ kind: 'accept' });
    await eventually(async () => {
      const detail = await api<{ deliveries: Array<{ status: string }> }>(`/api/v1/events/${events[0].id}`);
      return detail.deliveries[0]?.status === 'delivered';
    });
  });
});
