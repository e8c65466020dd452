/**
 * The status page in a real browser: Debian's Chromium (installed by .ci/run) driven by
 * playwright-core against the built daemon. Asserts what a person sees: the failing repository on
 * top with its error, and a dead delivery's Redeliver button re-queueing it (the receiver gets it).
 * REPOSENTRY_UPDATE_SCREENSHOT=1 also writes docs/status-page.png.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { ROOT, assertBuilt } from '../cli/run-cli.js';
import { spawnDaemon, type DaemonProcess } from './daemon-process.js';
import { tempConfig, type E2eConfig } from './config.js';

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'ui-token-1234567890';

let git: GitServer;
let listener: FakeEventListener;
let daemon: DaemonProcess;
let cfg: E2eConfig;
let browser: Browser;
let base: string;

beforeAll(async () => {
  assertBuilt();
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  git = await startGitServer();
  await git.createRepo('acme/svc');
  await git.commit('acme/svc', 'main', 'first');
  listener = await startFakeEventListener({ default: { kind: 'status', status: 400, body: 'bad payload' } });
  cfg = tempConfig();
  cfg.write({
    listenerUrl: listener.url,
    emitOnFirstPoll: true,
    authToken: TOKEN,
    repositories: [{ name: 'svc', url: git.url('acme/svc') }, { name: 'broken', url: git.url('acme/missing') }],
  });
  daemon = spawnDaemon(['run', '-c', cfg.file], {});
  base = `http://127.0.0.1:${await daemon.port()}`;
  await daemon.waitForLog((l) => l.msg === 'delivery dead', 20_000);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (daemon && daemon.child.exitCode === null) {
    daemon.child.kill('SIGTERM');
    await daemon.exited;
  }
  await Promise.all([git?.close(), listener?.close()]);
  cfg?.remove();
});

describe('status page in Chromium', () => {
  it('asks for the token, lists the failing repository first with its error, and redelivers a dead event', async () => {
    const anonymous = await browser.newContext();
    // without the token the browser is challenged for it (headless, the navigation fails instead of prompting)
    const denied = await anonymous.request.get(`${base}/`);
    expect(denied.status()).toBe(401);
    expect(denied.headers()['www-authenticate']).toContain('Basic realm="reposentry"');
    await expect((await anonymous.newPage()).goto(`${base}/`)).rejects.toThrow(/ERR_INVALID_AUTH_CREDENTIALS/);
    await anonymous.close();

    const context = await browser.newContext({ httpCredentials: { username: 'ops', password: TOKEN }, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const rows = page.locator('#repositories + table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const first = rows.first();
    expect(await first.getAttribute('data-repository')).toBe('broken');
    expect(await first.locator('td').nth(1).innerText()).toBe('error');
    expect(await first.locator('.error').innerText()).toContain('acme/missing');
    expect(await first.innerText()).toContain('failing since');
    expect(await rows.nth(1).getAttribute('data-repository')).toBe('svc');
    expect(await page.locator('[data-target="tekton"] td').nth(4).innerText()).toBe('1');

    const dead = page.locator('tr[data-event]', { has: page.locator('.status-dead') });
    await expect.poll(() => dead.count()).toBe(1);
    const eventId = await dead.getAttribute('data-event');
    if (process.env.REPOSENTRY_UPDATE_SCREENSHOT === '1') await page.screenshot({ path: join(ROOT, 'docs/status-page.png'), fullPage: true });

    // the receiver is fixed; the operator presses the button
    listener.setDefault({ kind: 'accept' });
    const before = listener.requests.filter((r) => r.headers['ce-id'] === eventId).length;
    await dead.getByRole('button', { name: 'Redeliver' }).click();
    await page.waitForURL(/redelivered=/);
    expect(await page.getByRole('status').innerText()).toContain(`re-queued the dead deliveries of event ${eventId}`);
    await expect.poll(() => listener.requests.filter((r) => r.headers['ce-id'] === eventId && r.behaviour === 'accept').length, { timeout: 10_000 }).toBe(1);
    expect(listener.requests.filter((r) => r.headers['ce-id'] === eventId).length).toBe(before + 1);
    await page.reload();
    expect(await page.locator(`tr[data-event="${eventId}"] .badge`).innerText()).toBe('delivered');
    await context.close();
  });
});
