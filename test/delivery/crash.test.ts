/**
 * Crash safety (DESIGN §6): a delivering process killed with SIGKILL at random moments and restarted
 * ends with every event received at least once; duplicates carry the same id. Needs `npx tsup` first.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { startFakeEventListener } from '../fakes/event-listener.js';
import { newEvent, sha } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, 'crash-child.mjs');
const dir = mkdtempSync(join(tmpdir(), 'rs-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child; with `killAfter`, SIGKILLs it once that returns true (checked every few ms) plus a random 0–20 ms. */
function run(dbPath: string, url: string, killAfter: (() => boolean) | null, mode?: string): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, dbPath, url, ...(mode ? [mode] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
    let watch: NodeJS.Timeout | undefined;
    if (killAfter) {
      watch = setInterval(() => {
        if (!killAfter()) return;
        clearInterval(watch);
        setTimeout(() => p.kill('SIGKILL'), Math.floor(Math.random() * 20));
      }, 3);
    }
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      clearInterval(watch);
      resolve({ code, signal });
    });
  });
}

describe('crash safety', () => {
  it('delivers every event of a burst despite 20+ SIGKILLs mid-send', { timeout: 120_000 }, async () => {
    expect(existsSync(join(here, '../../dist/index.js')), 'dist/index.js missing: run `npx tsup` first').toBe(true);
    const el = await startFakeEventListener();
    // Slow answers keep requests in flight, so kills land mid-send.
    el.onRequest(() => ({ kind: 'slow', delayMs: 5 + Math.floor(Math.random() * 30) }));
    const dbPath = join(dir, 'crash.db');
    const store = openStore(dbPath);
    const [repo] = store.repositories.sync([{ name: 'my-service', url: 'https://github.com/acme/my-service', provider: 'github' }]);
    const events = Array.from({ length: 200 }, (_, i) =>
      newEvent({ name: `b${i % 10}`, before: sha(i), after: sha(i + 1000) }, repo!.id),
    );
    store.commitPoll({
      repositoryId: repo!.id, at: Date.now(), nextPollAt: Date.now(), method: 'api', state: {}, baseline: true,
      upserts: [], deletes: [], events, deliveries: events.map((e) => ({ eventId: e.id, target: 'tekton' })),
    });
    store.close();

    // Each round is killed after the receiver has seen a few more requests, so the kill lands
    // while deliveries are in flight; a round that finishes on its own ends the loop.
    let killed = 0;
    for (let round = 0; round < 40 && killed < 25; round++) {
      const seen = el.requests.length;
      const more = 1 + Math.floor(Math.random() * 6);
      const result = await run(dbPath, el.url, () => el.requests.length >= seen + more);
      if (result.signal === 'SIGKILL') killed++;
      else {
        expect(result.code).toBe(0);
        break;
      }
    }
    expect(killed).toBeGreaterThanOrEqual(20);
    const last = await run(dbPath, el.url, null);
    expect(last.code).toBe(0);
    await el.close();

    const ids = new Set(events.map((e) => e.id));
    const received = el.requests.map((r) => r.headers['ce-id'] as string);
    expect(new Set(received)).toEqual(ids);
    for (const r of el.requests) expect(r.headers['webhook-id']).toBe(r.headers['ce-id']);
    const check = openStore(dbPath);
    expect(check.deliveries.stats(Date.now())).toMatchObject({ pending: 0, delivering: 0, dead: 0, delivered: 200 });
    check.close();
  });

  it('a kill -9 after sends were answered and before their outcomes committed: each of them is sent again, none lost', { timeout: 60_000 }, async () => {
    const el = await startFakeEventListener();
    const dbPath = join(dir, 'before-commit.db');
    const store = openStore(dbPath);
    const [repo] = store.repositories.sync([{ name: 'my-service', url: 'https://github.com/acme/my-service', provider: 'github' }]);
    const events = Array.from({ length: 30 }, (_, i) => newEvent({ name: `b${i % 5}`, before: sha(i), after: sha(i + 1000) }, repo!.id));
    store.commitPoll({
      repositoryId: repo!.id, at: Date.now(), nextPollAt: Date.now(), method: 'api', state: {}, baseline: true,
      upserts: [], deletes: [], events, deliveries: events.map((e) => ({ eventId: e.id, target: 'tekton' })),
    });
    store.close();

    const first = await run(dbPath, el.url, null, 'kill-before-commit');
    expect(first.signal).toBe('SIGKILL');
    const answered = el.requests.map((r) => r.headers['ce-id'] as string);
    expect(answered.length).toBeGreaterThan(0);
    const afterKill = openStore(dbPath);
    // the receiver accepted these, but their outcomes died with the process
    const stats = afterKill.deliveries.stats(Date.now());
    expect(stats.delivered).toBe(0);
    expect(stats.delivering).toBeGreaterThanOrEqual(answered.length);
    afterKill.close();

    const second = await run(dbPath, el.url, null);
    expect(second.code).toBe(0);
    await el.close();
    const again = el.requests.slice(answered.length).map((r) => r.headers['ce-id'] as string);
    for (const id of answered) expect(again).toContain(id);
    expect(new Set(el.requests.map((r) => r.headers['ce-id']))).toEqual(new Set(events.map((e) => e.id)));
    // per branch, in commit order, in the second run too
    for (let b = 0; b < 5; b++) {
      const sent = el.requests.slice(answered.length).filter((r) => JSON.parse(r.body).branch.name === `b${b}`).map((r) => r.headers['ce-id']);
      expect(sent).toEqual(events.filter((e) => e.refName === `b${b}`).map((e) => e.id));
    }
    const check = openStore(dbPath);
    expect(check.deliveries.stats(Date.now())).toMatchObject({ pending: 0, delivering: 0, dead: 0, delivered: 30 });
    check.close();
  });
});
