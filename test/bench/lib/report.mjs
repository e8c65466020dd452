/** The stdout table of a benchmark result (the JSON is the result object itself). */

function fmt(v, digits = 1) {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'number') return String(v);
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** requests sent, primary cost, secondary points, time: one row per mode and cycle */
function modeRows(r) {
  const rows = [];
  for (const [mode, pass] of Object.entries(r.modes ?? {})) {
    const label = mode === 'graphql' ? `GraphQL (batch ${pass.batchSize})` : 'REST + ETags';
    for (const cycle of ['baseline', 'unchanged', 'changed']) {
      const c = pass[cycle];
      const sent = mode === 'graphql' ? `${fmt(c.graphqlQueries)} queries${c.restRequests ? ` + ${fmt(c.restRequests)} REST` : ''}` : `${fmt(c.requests)} requests (${fmt(c.rest304)} × 304)`;
      const primary = mode === 'graphql' ? `${fmt(c.graphqlPoints)} points${c.primaryRestRequests ? ` + ${fmt(c.primaryRestRequests)} REST` : ''}` : `${fmt(c.primaryRestRequests)}`;
      rows.push([`${label}, ${cycle}`, `${sent}; primary ${primary}; secondary ${fmt(c.secondaryPoints)} points; ${fmt(c.seconds, 2)} s (${fmt(c.reposPerSecond, 0)} repos/s)`]);
    }
  }
  if (r.gitlab) {
    const g = r.gitlab;
    for (const cycle of ['baseline', 'unchanged']) {
      const c = g[cycle];
      rows.push([`GitLab ${fmt(g.repos)} × ${g.branches}, ${cycle}`, `${fmt(c.requests)} requests (${fmt(c.status200)} × 200, ${fmt(c.status304)} × 304); ${fmt(c.seconds, 2)} s (${fmt(c.reposPerSecond, 0)} repos/s)`]);
    }
  }
  return rows;
}

export function table(r) {
  const rows = [
    ['machine', `${r.machine.cpus} × ${r.machine.cpuModel}, node ${r.machine.node}${r.machine.loadAverage ? `, load average ${r.machine.loadAverage.map((l) => l.toFixed(2)).join(' ')} at the end` : ''}`],
    ['size', `${fmt(r.params.repos)} repositories × ${r.params.branches} branches, concurrency ${r.params.concurrency}, engine ${r.params.engine}`],
    ['raw undici 200 (full listing)', `${fmt(r.raw.fullRequestsPerSecond, 0)} req/s`],
    ['raw undici 304 (the limit)', r.raw.before ? `${fmt(r.raw.conditionalRequestsPerSecond, 0)} req/s (before the cycle ${fmt(r.raw.before.conditionalRequestsPerSecond, 0)}, after ${fmt(r.raw.after.conditionalRequestsPerSecond, 0)})` : `${fmt(r.raw.conditionalRequestsPerSecond, 0)} req/s`],
    ['baseline cycle (200 + describe)', `${fmt(r.baseline.seconds, 2)} s  (${fmt(r.baseline.reposPerSecond, 0)} repos/s)`],
    ['unchanged cycle (all 304)', `${fmt(r.unchanged.seconds, 2)} s  (${fmt(r.unchanged.reposPerSecond, 0)} repos/s)${r.unchanged.firstCycleSeconds ? `; cycle 2, paced by cycle 1 at start: ${fmt(r.unchanged.firstCycleSeconds, 2)} s` : ''}`],
    ['  CPU per 1,000 polls', `${fmt(r.unchanged.cpuSecondsPer1000Polls, 3)} s${r.daemon ? ` (daemon pid ${r.daemon.pid}, /proc)` : ''}`],
    ...(r.unchanged.cpuSecondsByThread ? [['  CPU by thread (s)', Object.entries(r.unchanged.cpuSecondsByThread).map(([k, v]) => `${k} ${fmt(v, 2)}`).join(', ')]] : []),
    ['  ratio to raw', r.unchanged.ratioToRawBefore === undefined ? `${fmt(r.unchanged.ratioToRaw * 100, 1)} %` : `${fmt(r.unchanged.ratioToRaw * 100, 1)} % (to the raw loop before ${fmt(r.unchanged.ratioToRawBefore * 100, 1)} %, after ${fmt(r.unchanged.ratioToRawAfter * 100, 1)} %)`],
    ...(r.unchanged.allDue ? [
      ['unchanged cycle, all due at once', `${fmt(r.unchanged.allDue.seconds, 2)} s  (${fmt(r.unchanged.allDue.reposPerSecond, 0)} repos/s; cycle 3, warm, every repository due together)`],
      ['  CPU per 1,000 polls', `${fmt(r.unchanged.allDue.cpuSecondsPer1000Polls, 3)} s (daemon ${fmt(r.unchanged.allDue.cpuSeconds, 2)} s, fake API ${fmt(r.unchanged.allDue.fakeCpuSeconds, 2)} s over the cycle)`],
      ['  ratio to raw', `${fmt(r.unchanged.allDue.ratioToRaw * 100, 1)} % (to the raw loop before ${fmt(r.unchanged.allDue.ratioToRawBefore * 100, 1)} %, after ${fmt(r.unchanged.allDue.ratioToRawAfter * 100, 1)} %; raw ${fmt(r.unchanged.allDue.rawBefore, 0)} / ${fmt(r.unchanged.allDue.rawAfter, 0)} req/s)`],
    ] : []),
    ['changed cycle', `${fmt(r.changed.seconds, 2)} s, ${fmt(r.changed.events)} events (${fmt(r.changed.eventsPerSecond, 0)} events/s written)`],
    ['deliveries', `${fmt(r.delivery.delivered)} in ${fmt(r.delivery.seconds, 2)} s (${fmt(r.delivery.perSecond, 0)} /s)`],
    ['detection → delivery p50 / p99', `${fmt(r.delivery.latencyMsP50, 0)} / ${fmt(r.delivery.latencyMsP99, 0)} ms`],
    ['peak RSS (VmHWM)', `${fmt(r.memory.peakRssMb, 1)} MB (after unchanged cycle: RSS ${fmt(r.memory.rssAfterUnchangedMb, 1)} MB)`],
    ['startup to ready (CLI run)', `${fmt(r.startup.readyMs, 0)} ms`],
    ['validate (CLI)', `${fmt(r.startup.validateMs, 0)} ms`],
    ['SQLite size / WAL', `${fmt(r.storage.dbMb, 1)} MB / ${fmt(r.storage.walMb, 1)} MB`],
    ['fake API CPU (other process)', `${fmt(r.fake.cpuSeconds, 1)} s`],
  ];
  rows.push(...modeRows(r));
  if (r.soak) rows.push(['soak', `${fmt(r.soak.cycles)} cycles in ${fmt(r.soak.seconds, 0)} s, RSS ${fmt(r.soak.rssStartMb, 1)} → ${fmt(r.soak.rssEndMb, 1)} MB, heap used ${fmt(r.soak.heapUsedStartMb, 1)} → ${fmt(r.soak.heapUsedEndMb, 1)} MB`]);
  const targets = r.targets;
  rows.push(['targets', Object.entries(targets).map(([k, v]) => `${k}: ${v ? 'met' : 'MISSED'}`).join(', ')]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
