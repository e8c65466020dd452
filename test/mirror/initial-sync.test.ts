/**
 * A mirror target's initial sync against real git servers (git http-backend): every watched ref
 * pushed as one delivery when the repository is baselined, when the target is added later, and
 * after the destination was down; leases keep content someone else put there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { runOnce, tempDir, withStore } from '../discover/helpers.js';

let src: GitServer;
let dst: GitServer;
beforeEach(async () => {
  src = await startGitServer();
  dst = await startGitServer();
  await src.createRepo('acme/app');
  await dst.createRepo('mirrors/app');
  await dst.acceptPushes('mirrors/app');
});
afterEach(async () => {
  await src.close();
  await dst.close();
});

function yaml(dir: string, mirror: boolean): string {
  const lines = [
    'app:',
    '  health_check_port: 0',
    `  data_dir: ${JSON.stringify(`${dir}/data`)}`,
    'polling:',
    '  interval: 1h',
    '  retry_attempts: 0',
    'repositories:',
    '  - name: acme/app',
    `    url: ${src.url('acme/app')}`,
    '    provider: git',
    '    branch_regex: "^(main|release/.*)$"',
    '    tag_regex: "^v"',
    'triggers:',
    '  - name: log',
    '    format: log',
    '    url: "log:"',
  ];
  if (mirror) {
    lines.push('  - name: mirror', '    format: mirror', `    url: ${dst.baseUrl}/mirrors/{repo}.git`, '    retry_backoff: 50ms', '    max_backoff: 100ms', '    timeout: 3s');
  }
  return `${lines.join('\n')}\n`;
}

function mirrorDeliveries(dir: string) {
  return withStore(dir, (store) =>
    store.db.prepare(
      `SELECT e.type, e.ref_name AS ref, d.status, d.attempts, d.last_error AS error FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.target = 'mirror' ORDER BY d.id`,
    ).all()) as Array<{ type: string; ref: string; status: string; attempts: number; error: string | null }>;
}

async function seedSource() {
  const main = await src.commit('acme/app', 'main', 'first');
  const release = await src.commit('acme/app', 'release/1.x', 'release', { force: true });
  await src.commit('acme/app', 'scratch', 'not watched', { force: true });
  const v1 = await src.tag('acme/app', 'v1.0', main, true);
  await src.tag('acme/app', 'nightly', main);
  return { main, release, v1 };
}

describe('mirror initial sync', () => {
  it('the baseline pushes every watched ref as one delivery, and a redelivery pushes nothing', async () => {
    const { main, release, v1 } = await seedSource();
    const dir = tempDir();
    expect((await runOnce(dir, yaml(dir, true))).ok).toBe(true);
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': main, 'refs/heads/release/1.x': release, 'refs/tags/v1.0': v1 });
    expect(mirrorDeliveries(dir)).toEqual([{ type: 'mirror_sync', ref: '*', status: 'delivered', attempts: 1, error: null }]);

    // the next run queues no second sync; a change goes out as its own delivery on top
    const main2 = await src.commit('acme/app', 'main', 'second');
    expect((await runOnce(dir, yaml(dir, true))).ok).toBe(true);
    expect((await dst.refs('mirrors/app'))['refs/heads/main']).toBe(main2);
    expect(mirrorDeliveries(dir).map((d) => d.type)).toEqual(['mirror_sync', 'branch_updated']);

    // redelivering the sync after later changes: equal refs are left alone, nothing rolls back
    withStore(dir, (store) => store.db.prepare(`UPDATE deliveries SET status = 'pending', next_attempt_at = 0 WHERE target = 'mirror'`).run());
    expect((await runOnce(dir, yaml(dir, true))).ok).toBe(true);
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': main2, 'refs/heads/release/1.x': release, 'refs/tags/v1.0': v1 });
  });

  it('a mirror target added to an already baselined repository syncs it, without overwriting what the destination already has', async () => {
    const { main, v1 } = await seedSource();
    const dir = tempDir();
    expect((await runOnce(dir, yaml(dir, false))).ok).toBe(true);
    // someone else put a release branch on the destination
    const theirs = await dst.commit('mirrors/app', 'release/1.x', 'theirs');

    const added = await runOnce(dir, yaml(dir, true));
    expect(added.ok).toBe(false);
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': main, 'refs/heads/release/1.x': theirs, 'refs/tags/v1.0': v1 });
    const [sync] = mirrorDeliveries(dir);
    // the destination is up and refuses this one delivery: its retries are spent, then it is dead
    expect(sync).toMatchObject({ type: 'mirror_sync', status: 'dead' });
    expect(sync.error).toMatch(/initial sync: refs\/heads\/release\/1\.x is at [0-9a-f]{40}, expected \(absent\) on the destination: changed by someone else; not overwritten/);

    // put right on the destination, then redelivered: the rest goes out
    await dst.deleteRef('mirrors/app', 'refs/heads/release/1.x');
    withStore(dir, (store) => {
      const id = (store.db.prepare(`SELECT event_id FROM deliveries WHERE target = 'mirror'`).pluck().get()) as string;
      expect(store.deliveries.redeliver(id, { onlyDead: true, now: 0 })).toBe(1);
    });
    expect((await runOnce(dir, yaml(dir, true))).ok).toBe(true);
    expect(Object.keys(await dst.refs('mirrors/app')).sort()).toEqual(['refs/heads/main', 'refs/heads/release/1.x', 'refs/tags/v1.0']);
    expect(mirrorDeliveries(dir).map((d) => `${d.type} ${d.status}`)).toEqual(['mirror_sync delivered']);
  });

  it('a destination down during the initial sync gets it once it is back', async () => {
    const { main, release, v1 } = await seedSource();
    const dir = tempDir();
    dst.misbehave('mirrors/app', 'unavailable');
    expect((await runOnce(dir, yaml(dir, true))).ok).toBe(false);
    expect(await dst.refs('mirrors/app')).toEqual({});
    expect(mirrorDeliveries(dir)).toMatchObject([{ type: 'mirror_sync', status: 'pending' }]);

    dst.misbehave('mirrors/app', undefined);
    withStore(dir, (store) => store.db.prepare(`UPDATE deliveries SET next_attempt_at = 0 WHERE target = 'mirror'`).run());
    expect((await runOnce(dir, yaml(dir, true))).ok).toBe(true);
    expect(await dst.refs('mirrors/app')).toEqual({ 'refs/heads/main': main, 'refs/heads/release/1.x': release, 'refs/tags/v1.0': v1 });
    expect(mirrorDeliveries(dir)).toMatchObject([{ type: 'mirror_sync', status: 'delivered' }]);
  });
});
