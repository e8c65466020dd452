/**
 * The daemon as users run it (issue 17): `reposentry run -c FILE` from the built CLI, in a process
 * of its own with MALLOC_ARENA_MAX=2 (as the systemd unit and the image ship it). Its CPU comes
 * from /proc/<pid>/stat and its memory from /proc/<pid>/status; the driver (this process), the fake
 * APIs and the receiver are other processes, so neither counts in its figures.
 *
 * The daemon is not told when to poll: it polls every repository at start, then each one an
 * interval after its last poll. So the cycles are:
 *   daemon A (fresh database): the baseline cycle (full listings, ETags stored), then stopped;
 *   daemon B (same database):  cycle 1 at start (all 304), cycle 2 one interval later (all 304,
 *     the measured unchanged cycle, with the raw loop right before and right after), then one new
 *     commit in each of the first `changed` repositories (all of them up to 10,000) with the
 *     receiver holding its answers: the changed cycle fills the outbox; released, the drain is
 *     timed (deliveries/s); then one more change, delivered live (detection-to-delivery latency).
 *     Between cycle 2 and the changed cycle, cycle 3 (all 304) with every repository due at once:
 *     the daemon is paused (SIGSTOP) until all are due, then resumed, so the cycle shows the
 *     daemon's throughput with warm code, which cycle 2 (paced by cycle 1) cannot.
 * A cycle's time is from the fake API's first to its last listing request of that cycle; its CPU is
 * the daemon's between two quiet moments before and after (the daemon idles between cycles).
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { breakdown, cpuProfArgs, monotonicMicros, readProfile, slice } from './daemon-profile.mjs';

const CLK_TCK = 100; // USER_HZ: /proc times are in 1/100 s on Linux

/** utime + stime of a process, in seconds */
export function procCpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name (field 2) may contain spaces: fields after ')' start at field 3
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** utime + stime of each thread of a process, in seconds, by thread name (main thread, GC helpers, libuv pool…) */
export function procThreadCpuSeconds(pid) {
  const out = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[name] = (out[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    } catch {
      // the thread has just ended
    }
  }
  return out;
}

/** VmHWM, VmRSS … of a process, in MB */
export function procStatusMb(pid, field) {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : null;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function spawnDaemon({ bin, configFile, nodeArgs = [] }) {
  const child = spawn(process.execPath, [...nodeArgs, bin, 'run', '-c', configFile, '--log-level', 'warn'], {
    env: { ...process.env, MALLOC_ARENA_MAX: '2' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, pid: child.pid, exited, stderr: () => stderr };
}

async function untilReady(daemon, port, t0, timeoutMs = 120_000) {
  for (;;) {
    if (daemon.child.exitCode !== null) throw new Error(`reposentry run exited with ${daemon.child.exitCode}: ${daemon.stderr()}`);
    if (performance.now() - t0 > timeoutMs) throw new Error(`reposentry run not ready within ${timeoutMs} ms: ${daemon.stderr()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ready`);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - t0;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
}

async function stopDaemon(daemon) {
  if (daemon.child.exitCode !== null) return;
  daemon.child.kill('SIGTERM');
  const killer = setTimeout(() => daemon.child.kill('SIGKILL'), 20_000);
  await daemon.exited;
  clearTimeout(killer);
}

/** Waits for `n` listing requests since the last mark; returns the fake's listing window. */
async function untilListings(fake, n, daemon, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { listings } = await fake.ask('stats');
    if (listings.count >= n) return listings;
    if (daemon.child.exitCode !== null) throw new Error(`reposentry run exited with ${daemon.child.exitCode}: ${daemon.stderr()}`);
    if (Date.now() > deadline) throw new Error(`only ${listings.count} of ${n} listing requests within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** The daemon's CPU once it has gone quiet (no tick for 200 ms, at most 10 s): the end of a cycle's bookkeeping. */
async function quietCpu(pid) {
  let last = procCpuSeconds(pid);
  const deadline = Date.now() + 10_000;
  for (;;) {
    await sleep(200);
    const now = procCpuSeconds(pid);
    if (now - last < 0.015 || Date.now() > deadline) return now;
    last = now;
  }
}

async function untilDeliveries(fake, n, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const receipts = await fake.ask('deliveries');
    if (receipts.count >= n) return receipts;
    if (Date.now() > deadline) throw new Error(`only ${receipts.count} of ${n} deliveries arrived within ${timeoutMs} ms`);
    await sleep(20);
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Runs daemons A and B (above) against the fake; `raw()` runs the raw undici loop in a child.
 * Returns the main figures of the benchmark; throws when a cycle is not what it should be.
 */
export async function daemonPass({ n, changed, intervalSeconds, fake, bin, configFile, port, raw, log, profileDir }) {
  // a baseline under load ran at ~450 repositories/s on the shared 2-core machine
  const waitMs = Math.max(120_000, intervalSeconds * 4000, (n / 200) * 1000);
  const hwm = [];
  const sample = (pid) => {
    const v = procStatusMb(pid, 'VmHWM');
    hwm.push(v);
    return v;
  };

  log('daemon A: first start, baseline cycle');
  await fake.ask('mark');
  let t0 = performance.now();
  const a = spawnDaemon({ bin, configFile });
  let firstReadyMs, baselineWindow, baselineCpu, baselinePeak;
  try {
    firstReadyMs = await untilReady(a, port, t0);
    baselineWindow = await untilListings(fake, n, a, waitMs);
    baselineCpu = await quietCpu(a.pid);
    baselinePeak = procStatusMb(a.pid, 'VmHWM');
  } finally {
    // also when the baseline fails: a daemon left running would keep the driver (and the machine) busy
    await stopDaemon(a);
  }

  log('daemon B: restart on the same database; cycle 1 (all 304) at start');
  await fake.ask('mark');
  t0 = performance.now();
  // --daemon-profile: daemon B writes a CPU profile of its whole life; the phases are cut out of it below
  const b = spawnDaemon({ bin, configFile, nodeArgs: profileDir ? cpuProfArgs(join(profileDir, 'raw')) : [] });
  // the start and cycle 1 (every repository due at once), then the phases measured below
  const phases = { start: { from: monotonicMicros() } };
  // VmHWM is not monotonic: memory given back with madvise(MADV_DONTNEED) (V8, glibc) lowers RSS
  // without the kernel recording the high-water mark first. So RSS is sampled all along, and the
  // peak is the largest value seen.
  const sampler = setInterval(() => {
    try {
      hwm.push(procStatusMb(b.pid, 'VmHWM'), procStatusMb(b.pid, 'VmRSS'));
    } catch {
      // the process has just exited
    }
  }, 100);
  try {
    const readyMs = await untilReady(b, port, t0);
    const readyRssMb = procStatusMb(b.pid, 'VmRSS');
    // cycle 1: every repository due at once at start. Cycle 2 replays its pace (each repository is
    // due one interval after its poll in cycle 1, no jitter), so both windows are reported.
    const firstWindow = await untilListings(fake, n, b, waitMs);
    await quietCpu(b.pid);
    phases.start.to = monotonicMicros();

    log(`raw undici loop before the unchanged cycle (${n} × 2)`);
    const rawBefore = await raw();
    const rawBeforeEnd = Date.now();
    const cpu0 = await quietCpu(b.pid);
    const threads0 = procThreadCpuSeconds(b.pid);
    phases.unchanged = { from: monotonicMicros() };
    await fake.ask('mark');
    log(`unchanged cycle 2, one interval (${intervalSeconds} s) after cycle 1`);
    const unchangedWindow = await untilListings(fake, n, b, waitMs);
    const cpu1 = await quietCpu(b.pid);
    phases.unchanged.to = monotonicMicros();
    const threads1 = procThreadCpuSeconds(b.pid);
    const vmHwmAfterUnchangedMb = sample(b.pid);
    const rssAfterUnchangedMb = procStatusMb(b.pid, 'VmRSS');
    // Cycle 3, every repository due at once with warm code: the daemon's own throughput, which
    // cycle 2 cannot show (it replays cycle 1's pace and idles in between). The daemon is frozen
    // (SIGSTOP) before the first poll of cycle 3 is due and resumed (SIGCONT) once the last one is:
    // nothing is in flight while it is stopped, and every timer it holds is due when it wakes. The
    // raw loop after cycle 2 runs while it is stopped.
    const cycle3FirstDue = unchangedWindow.firstAt + intervalSeconds * 1000;
    if (Date.now() > cycle3FirstDue - 100) throw new Error(`cycle 3 would start before the daemon is paused: raise --interval (now ${intervalSeconds} s)`);
    process.kill(b.pid, 'SIGSTOP');
    log('raw undici loop after the unchanged cycle');
    const rawAfter = await raw();
    // The raw loop must not have shared the fake with the cycle.
    const overlapped = unchangedWindow.firstAt < rawBeforeEnd || Date.now() - unchangedWindow.lastAt < 0;

    log('unchanged cycle 3: every repository due at once (daemon paused until all are due)');
    await sleep(Math.max(0, unchangedWindow.lastAt + intervalSeconds * 1000 + 500 - Date.now()));
    await fake.ask('mark');
    const fakeCpu0 = (await fake.ask('stats')).cpuSeconds;
    const cpu5 = procCpuSeconds(b.pid);
    process.kill(b.pid, 'SIGCONT');
    const allDueWindow = await untilListings(fake, n, b, waitMs);
    const fakeCpu1 = (await fake.ask('stats')).cpuSeconds;
    const cpu6 = await quietCpu(b.pid);
    log('raw undici loop after the all-due cycle');
    const rawAfterAllDue = await raw();

    log('changed cycle, receiver holding its answers (the outbox fills)');
    await fake.ask('reset-deliveries');
    await fake.ask('hold');
    await fake.ask('change-all');
    const cpu2 = await quietCpu(b.pid);
    phases.changed = { from: monotonicMicros() };
    await fake.ask('mark');
    const changedWindow = await untilListings(fake, n, b, waitMs);
    const cpu3 = await quietCpu(b.pid);
    phases.changed.to = monotonicMicros();
    sample(b.pid);

    log('delivery drain');
    const released = await fake.ask('release');
    const drained = await untilDeliveries(fake, changed, 600_000);
    const drainSeconds = (drained.lastAt - released.at) / 1000;
    const cpu4 = await quietCpu(b.pid);
    sample(b.pid);

    log('changed cycle with live delivery (latency)');
    await fake.ask('reset-deliveries');
    await fake.ask('change-all');
    await fake.ask('mark');
    // one interval, then a changed cycle with its deliveries: over a minute at 10,000 on the loaded machine
    const live = await untilDeliveries(fake, changed, Math.max(waitMs, 600_000));
    const liveWindow = (await fake.ask('stats')).listings;
    const latencies = Float64Array.from((await fake.ask('latencies')).latencies).sort();
    await quietCpu(b.pid);
    const peakRssMb = Math.max(sample(b.pid), ...hwm);
    const rssEndMb = procStatusMb(b.pid, 'VmRSS');

    const seconds = (w) => Math.max(0.001, (w.lastAt - w.firstAt) / 1000);
    const unchangedSeconds = seconds(unchangedWindow);
    const rate = n / unchangedSeconds;
    const unchangedCpu = cpu1 - cpu0;
    const changedSeconds = seconds(changedWindow);
    return {
      daemon: { pid: b.pid, firstPid: a.pid, mallocArenaMax: 2, intervalSeconds, command: 'node bin/reposentry run -c CONFIG' },
      raw: {
        before: rawBefore,
        after: rawAfter,
        // the figure ratios are taken against: the mean of the two
        conditionalRequestsPerSecond: (rawBefore.conditionalRequestsPerSecond + rawAfter.conditionalRequestsPerSecond) / 2,
        fullRequestsPerSecond: (rawBefore.fullRequestsPerSecond + rawAfter.fullRequestsPerSecond) / 2,
        statuses: rawBefore.statuses,
      },
      baseline: { seconds: seconds(baselineWindow), reposPerSecond: n / seconds(baselineWindow), cpuSecondsWithStartup: baselineCpu, peakRssMb: baselinePeak },
      unchanged: {
        seconds: unchangedSeconds,
        reposPerSecond: rate,
        ratioToRaw: rate / ((rawBefore.conditionalRequestsPerSecond + rawAfter.conditionalRequestsPerSecond) / 2),
        ratioToRawBefore: rate / rawBefore.conditionalRequestsPerSecond,
        ratioToRawAfter: rate / rawAfter.conditionalRequestsPerSecond,
        cpuSeconds: unchangedCpu,
        cpuSecondsPer1000Polls: (unchangedCpu / n) * 1000,
        firstCycleSeconds: seconds(firstWindow),
        // by thread name: the main thread's JavaScript, V8's GC helpers, libuv's pool …
        cpuSecondsByThread: Object.fromEntries(Object.entries(threads1).map(([k, v]) => [k, Math.round((v - (threads0[k] ?? 0)) * 100) / 100]).filter(([, v]) => v > 0)),
        overlappedRawLoop: overlapped,
        // cycle 3: all due at once (above); its raw loops are the one right before it (after cycle 2) and one right after
        allDue: (() => {
          const allDueSeconds = seconds(allDueWindow);
          const allDueRate = n / allDueSeconds;
          const rawMean = (rawAfter.conditionalRequestsPerSecond + rawAfterAllDue.conditionalRequestsPerSecond) / 2;
          return {
            seconds: allDueSeconds,
            reposPerSecond: allDueRate,
            ratioToRaw: allDueRate / rawMean,
            ratioToRawBefore: allDueRate / rawAfter.conditionalRequestsPerSecond,
            ratioToRawAfter: allDueRate / rawAfterAllDue.conditionalRequestsPerSecond,
            rawBefore: rawAfter.conditionalRequestsPerSecond,
            rawAfter: rawAfterAllDue.conditionalRequestsPerSecond,
            cpuSeconds: cpu6 - cpu5,
            cpuSecondsPer1000Polls: ((cpu6 - cpu5) / n) * 1000,
            // the fake API's CPU over the cycle (other process): whether the daemon or the fake sets the pace
            fakeCpuSeconds: fakeCpu1 - fakeCpu0,
          };
        })(),
      },
      changed: { seconds: changedSeconds, repositories: changed, events: drained.count, eventsPerSecond: drained.count / changedSeconds, cpuSeconds: cpu3 - cpu2 },
      delivery: {
        delivered: drained.count,
        heldAtRelease: released.queued,
        seconds: drainSeconds,
        perSecond: drained.count / drainSeconds,
        cpuSeconds: cpu4 - cpu3,
        liveCycleSeconds: seconds(liveWindow),
        liveDelivered: live.count,
        latencyMsP50: percentile(latencies, 50),
        latencyMsP99: percentile(latencies, 99),
        latencyMsMax: latencies.length ? latencies[latencies.length - 1] : null,
      },
      memory: { peakRssMb, rssAtReadyMb: readyRssMb, rssAfterUnchangedMb, vmHwmAfterUnchangedMb, rssEndMb },
      startup: { readyMs, firstReadyMs },
    };
  } finally {
    clearInterval(sampler);
    // a failure while daemon B is paused for cycle 3 must not leave it stopped (SIGTERM waits for SIGCONT)
    try {
      process.kill(b.pid, 'SIGCONT');
    } catch {
      // it has exited
    }
    await stopDaemon(b);
    if (profileDir) writePhaseProfiles(profileDir, phases, log);
  }
}

/** The daemon's profile cut to each measured phase: <dir>/daemon-<phase>.cpuprofile and a breakdown (JSON). */
function writePhaseProfiles(dir, phases, log) {
  const whole = readProfile(join(dir, 'raw'));
  for (const [phase, { from, to }] of Object.entries(phases)) {
    if (to === undefined) continue;
    const cut = slice(whole, from, to);
    const file = join(dir, `daemon-${phase}.cpuprofile`);
    writeFileSync(file, JSON.stringify(cut));
    writeFileSync(join(dir, `daemon-${phase}.json`), JSON.stringify(breakdown(cut), null, 2));
    log(`daemon profile of the ${phase} cycle: ${file}`);
  }
}

/** The config of the daemon pass: the bench config with the pass's interval and a receiver timeout that outlasts a hold. */
export function writeDaemonConfig(file, yaml, intervalSeconds) {
  const out = yaml.replace('  interval: 1h\n', `  interval: ${intervalSeconds}s\n`).replace('  timeout: 10s\n', '  timeout: 300s\n');
  if (out === yaml) throw new Error('bench config: interval not found');
  writeFileSync(file, out);
  return join(file);
}
