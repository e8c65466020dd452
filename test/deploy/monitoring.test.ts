/**
 * deployments/monitoring: the alert rules pass `promtool check rules` (Debian's prometheus package,
 * installed by .ci/run), and every reposentry metric the rules and the Grafana dashboard name is one
 * that GET /metrics of the built daemon really exposes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEventListener, type FakeEventListener } from '../fakes/event-listener.js';
import { startGitServer, type GitServer } from '../helpers/git-server.js';
import { assertBuilt } from '../cli/run-cli.js';
import { spawnDaemon, type DaemonProcess } from '../e2e/daemon-process.js';
import { tempConfig, type E2eConfig } from '../e2e/config.js';
import { readYamlDocs, repoPath } from './helpers.js';

const RULES = repoPath('deployments/monitoring/alerts.yaml');
const DASHBOARD = repoPath('deployments/monitoring/grafana-dashboard.json');

interface Rule { alert: string; expr: string }
interface Panel { title: string; targets?: Array<{ expr: string }> }

function rules(): Rule[] {
  const [doc] = readYamlDocs(RULES) as unknown as Array<{ groups: Array<{ rules: Rule[] }> }>;
  return doc.groups.flatMap((g) => g.rules);
}

function dashboardExprs(): string[] {
  const dash = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[]; templating: { list: Array<{ query?: unknown }> } };
  const exprs = dash.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
  for (const v of dash.templating.list) if (typeof v.query === 'string') exprs.push(v.query);
  return exprs;
}

function metricNames(exprs: string[]): string[] {
  return [...new Set(exprs.flatMap((e) => e.match(/\breposentry_[a-z_]+\b/g) ?? []))].sort();
}

describe('alert rules', () => {
  it('pass promtool check rules', () => {
    const r = spawnSync('promtool', ['check', 'rules', RULES], { encoding: 'utf8' });
    if (r.error) throw new Error(`promtool is missing: apt-get install -y prometheus (.ci/run does): ${r.error.message}`);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`SUCCESS: ${rules().length} rules found`);
  });

  it('cover what an operator alerts on', () => {
    expect(rules().map((r) => r.alert)).toEqual(expect.arrayContaining([
      'ReposentryRepositoryFailing', 'ReposentryDeliveryBacklog', 'ReposentryDeadLetters', 'ReposentryRateLimitExhausted', 'ReposentryNotReady',
    ]));
  });
});

describe('metrics named by the rules and the dashboard', () => {
  let git: GitServer;
  let listener: FakeEventListener;
  let cfg: E2eConfig;
  let daemon: DaemonProcess;
  let exposed: string;

  beforeAll(async () => {
    assertBuilt();
    git = await startGitServer();
    await git.createRepo('acme/svc');
    await git.commit('acme/svc', 'main', 'first');
    listener = await startFakeEventListener();
    cfg = tempConfig();
    cfg.write({ listenerUrl: listener.url, emitOnFirstPoll: true, repositories: [{ name: 'svc', url: git.url('acme/svc') }] });
    daemon = spawnDaemon(['run', '-c', cfg.file], {});
    const port = await daemon.port();
    await daemon.waitForLog((l) => l.msg === 'delivered', 20_000);
    exposed = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  }, 40_000);

  afterAll(async () => {
    if (daemon && daemon.child.exitCode === null) {
      daemon.child.kill('SIGTERM');
      await daemon.exited;
    }
    await Promise.all([git?.close(), listener?.close()]);
    cfg?.remove();
  });

  it('are all exposed by GET /metrics (histograms with their _bucket, _sum and _count series)', () => {
    const available = new Set<string>();
    for (const m of exposed.matchAll(/^# TYPE (\S+) (\w+)$/gm)) {
      available.add(m[1]);
      if (m[2] === 'histogram') for (const s of ['_bucket', '_sum', '_count']) available.add(m[1] + s);
    }
    const named = metricNames([...rules().map((r) => r.expr), ...dashboardExprs()]);
    expect(named.length).toBeGreaterThanOrEqual(10);
    expect(named.filter((n) => !available.has(n))).toEqual([]);
    // and the ones that carry data after a poll and a delivery do carry it
    expect(exposed).toMatch(/^reposentry_listings_total\{provider="git",method="ls-remote"\} [1-9]/m);
    expect(exposed).toMatch(/^reposentry_ready 1$/m);
    expect(exposed).toMatch(/^reposentry_deliveries_total\{target="tekton",result="delivered"\} 1$/m);
  });
});
