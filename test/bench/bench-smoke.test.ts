/**
 * The benchmark itself runs end to end at a toy size and its JSON carries every figure with a sane
 * value. No timing thresholds: how fast is for `npm run bench` to say, not for a test.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'test/bench/out', `smoke-${process.pid}`);
const JSON_FILE = path.join(OUT, 'result.json');

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', path.join(ROOT, 'test/bench/run.mjs'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const positive = (v: unknown): void => {
  expect(typeof v).toBe('number');
  expect(Number.isFinite(v)).toBe(true);
  expect(v as number).toBeGreaterThan(0);
};

type Cycle = Record<string, number> & { methods: Record<string, number> };

/** figures every cycle of a mode pass carries, whatever the mode */
function timedCycle(c: Cycle): void {
  positive(c.seconds);
  positive(c.reposPerSecond);
  // secondary limit: every REST GET and every GraphQL query is one point
  expect(c.secondaryPoints).toBe(c.restRequests + c.graphqlQueries);
  expect(c.requests).toBe(c.restRequests + c.graphqlQueries);
}

describe('npm run bench (50 repositories × 5 branches)', () => {
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('prints the table and writes JSON with every figure', { timeout: 120_000 }, async () => {
    if (!existsSync(path.join(ROOT, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run `npx tsup` first');
    const run = await runBench(['--repos', '50', '--branches', '5', '--concurrency', '4', '--batch-size', '20', '--gitlab', '20', '--gitlab-branches', '3', '--interval', '4', '--json', JSON_FILE, '--out-dir', OUT]);
    expect(run.stderr).not.toContain('bench failed');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('unchanged cycle (all 304)');
    expect(run.stdout).toContain('detection → delivery p50 / p99');
    expect(run.stdout).toContain('REST + ETags, unchanged');
    expect(run.stdout).toContain('GraphQL (batch 20), unchanged');
    expect(run.stdout).toContain('GitLab 20 × 3, unchanged');

    const r = JSON.parse(readFileSync(JSON_FILE, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(JSON.parse(readFileSync(path.join(OUT, 'latest.json'), 'utf8'))).toEqual(r);
    expect(r.params).toMatchObject({ repos: 50, branches: 5, concurrency: 4 });
    // the daemon's figures are those of `reposentry run` in a process of its own, not the driver's
    expect(String(r.params.engine)).toContain('daemon');
    positive(r.driverPid);
    for (const pid of [r.daemon.pid, r.daemon.firstPid]) {
      positive(pid);
      expect(pid).not.toBe(r.driverPid);
      expect(pid).not.toBe(process.pid);
    }
    expect(r.daemon.pid).not.toBe(r.daemon.firstPid);
    expect(r.daemon.mallocArenaMax).toBe(2);
    expect(r.machine.cpus).toBeGreaterThan(0);
    expect(String(r.machine.node)).toMatch(/^v\d+/);

    // the raw loop, right before and right after the unchanged cycle
    const rawRuns = r.raw as unknown as Record<'before' | 'after', Record<string, unknown>> & Record<string, number>;
    for (const v of [rawRuns.fullRequestsPerSecond, rawRuns.conditionalRequestsPerSecond]) positive(v);
    for (const run of [rawRuns.before, rawRuns.after]) {
      positive(run.conditionalRequestsPerSecond);
      expect(run.statuses).toMatchObject({ 200: 50, 304: 50 });
    }
    for (const v of [r.baseline.seconds, r.baseline.reposPerSecond]) positive(v);
    for (const v of [r.unchanged.seconds, r.unchanged.reposPerSecond, r.unchanged.ratioToRaw, r.unchanged.ratioToRawBefore, r.unchanged.ratioToRawAfter]) positive(v);
    // the daemon's CPU from /proc/<pid>/stat, in ticks of 10 ms: 50 polls may take less than one
    expect(r.unchanged.cpuSecondsPer1000Polls as number).toBeGreaterThanOrEqual(0);
    expect(r.unchanged.overlappedRawLoop).toBe(false);
    // cycle 3, every repository due at once (the daemon paused until all were due): its own raw loops
    const allDue = r.unchanged.allDue as unknown as Record<string, number>;
    for (const v of [allDue.seconds, allDue.reposPerSecond, allDue.ratioToRaw, allDue.ratioToRawBefore, allDue.ratioToRawAfter, allDue.rawBefore, allDue.rawAfter]) positive(v);
    expect(allDue.cpuSecondsPer1000Polls).toBeGreaterThanOrEqual(0);
    expect(run.stdout).toContain('unchanged cycle, all due at once');
    // every repository got one commit, so one event each, and every event reached the EventListener
    expect(r.changed.events).toBe(50);
    positive(r.changed.eventsPerSecond);
    expect(r.delivery.delivered).toBe(50);
    expect(r.delivery.liveDelivered).toBe(50);
    positive(r.delivery.perSecond);
    // the receiver held its answers during the changed cycle: the drain starts from a full outbox
    positive(r.delivery.heldAtRelease);
    const p50 = r.delivery.latencyMsP50 as number;
    const p99 = r.delivery.latencyMsP99 as number;
    expect(p50).toBeGreaterThanOrEqual(0);
    expect(p99).toBeGreaterThanOrEqual(p50);

    for (const v of [r.memory.peakRssMb, r.memory.vmHwmAfterUnchangedMb, r.memory.rssAtReadyMb, r.memory.rssEndMb]) positive(v);
    // the peak is the largest VmHWM reading of the run (the kernel folds per-thread counters in lazily)
    expect(r.memory.peakRssMb as number).toBeGreaterThanOrEqual(r.memory.vmHwmAfterUnchangedMb as number);
    for (const v of [r.startup.readyMs, r.startup.firstReadyMs, r.startup.validateMs, r.storage.dbMb]) positive(v);
    expect((r.machine.loadAverage as unknown as number[]).length).toBe(3);
    expect(r.storage.walMb as number).toBeGreaterThanOrEqual(0);
    // the fake's CPU is its own process's; reposentry's own requests are all it served
    positive(r.fake.cpuSeconds);
    expect(r.fake.s304 as number).toBeGreaterThanOrEqual(100);
    expect(Object.keys(r.targets).sort()).toEqual(['cpuPer1000Polls', 'delivery', 'graphqlBaseline', 'memory', 'ratioToRaw', 'startup', 'unchangedCycle']);
    // 50 repositories in GraphQL batches of 20: 3 queries and no REST request on the baseline
    expect(r.targets.graphqlBaseline).toBe(true);

    const modes = r.modes as unknown as Record<'rest' | 'graphql', Record<'baseline' | 'unchanged' | 'changed', Cycle> & { batchSize?: number }>;
    expect(Object.keys(modes).sort()).toEqual(['graphql', 'rest']);
    const rest = modes.rest;
    for (const c of [rest.baseline, rest.unchanged, rest.changed]) {
      timedCycle(c);
      expect(c.graphqlQueries).toBe(0);
      expect(c.methods).toEqual({ api: 50 });
    }
    // baseline: one full listing per repository and nothing else (metadata is fetched lazily, per event)
    expect(rest.baseline).toMatchObject({ requests: 50, rest304: 0, primaryCost: 50, reportedRequests: 50 });
    // unchanged: one conditional request per repository, all 304: free of the primary limit, not of the secondary
    expect(rest.unchanged).toMatchObject({ requests: 50, rest304: 50, primaryCost: 0, secondaryPoints: 50, reportedRequests: 50, events: 0 });
    // changed: the listing, plus the repository's metadata on its first event (fetched once, then kept)
    expect(rest.changed).toMatchObject({ requests: 100, rest304: 0, primaryCost: 100, secondaryPoints: 100, reportedRequests: 50, events: 50 });

    const graphql = modes.graphql;
    expect(graphql.batchSize).toBe(20);
    for (const c of [graphql.baseline, graphql.unchanged, graphql.changed]) {
      timedCycle(c);
      expect(c.methods).toEqual({ graphql: 50 });
      // 50 repositories in batches of at most 20, 5 branches each: one point per query
      expect(c.graphqlQueries).toBeGreaterThanOrEqual(3);
      expect(c.graphqlPoints).toBe(c.graphqlQueries);
      expect(c.primaryCost).toBe(c.graphqlPoints);
    }
    // the baseline and unchanged cycles send GraphQL queries only (no metadata on a silent baseline);
    // the changed cycle adds one REST describe per repository, for the metadata of its first event
    for (const c of [graphql.baseline, graphql.unchanged]) {
      expect(c.restRequests).toBe(0);
      expect(c.reportedRequests).toBe(c.graphqlQueries);
    }
    expect(graphql.changed.restRequests).toBe(50);
    expect(graphql.unchanged.events).toBe(0);
    expect(graphql.changed.events).toBe(50);

    const gitlab = r.gitlab as unknown as { repos: number; branches: number; baseline: Cycle; unchanged: Cycle };
    expect(gitlab).toMatchObject({ repos: 20, branches: 3 });
    for (const c of [gitlab.baseline, gitlab.unchanged]) {
      positive(c.seconds);
      positive(c.reposPerSecond);
    }
    // baseline: project id lookup and branch listing per project (the lookup's project object is the metadata)
    expect(gitlab.baseline).toMatchObject({ requests: 40, status200: 40, reportedRequests: 40 });
    // unchanged: the fake GitLab sends ETags, so one 304 per project
    expect(gitlab.unchanged).toMatchObject({ requests: 20, status304: 20, reportedRequests: 20 });
  });

  it('refuses an unknown --mode before starting anything', { timeout: 30_000 }, async () => {
    const run = await runBench(['--mode', 'soap', '--out-dir', OUT]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--mode must be rest, graphql or both, not soap');
  });
});
