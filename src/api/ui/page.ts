/**
 * The status page's HTML: server-rendered with Hono's `html` helper (every interpolation escaped),
 * no script, no external asset; it refreshes itself with a meta refresh.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export interface PageRepository {
  name: string;
  provider: string;
  state: string;
  method: string;
  lastPollAt: number | null;
  nextPollAt: number | null;
  refs: number;
  lastError: string | null;
  failingSince: number | null;
  consecutiveFailures: number;
}

export interface PageTarget {
  target: string;
  pending: number;
  held: number;
  dead: number;
  oldestPendingAt: number | null;
}

export interface PageBudget {
  host: string;
  resource?: string;
  limit: number | null;
  remaining: number | null;
  resetAt: number | null;
  waitingUntil?: number;
}

export interface PageEvent {
  id: string;
  type: string;
  repository: string;
  ref: string;
  after: string;
  detectedAt: number;
  status: string | null;
}

export interface PageModel {
  name: string;
  version: string;
  ready: boolean;
  now: number;
  startedAt: number;
  repositories: PageRepository[];
  /** repositories not listed (the page shows every failing one and the first others) */
  moreRepositories: number;
  totalRepositories: number;
  failing: number;
  targets: PageTarget[];
  budgets: PageBudget[];
  events: PageEvent[];
  refreshSeconds: number;
  notice?: string;
}

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** "3m ago", "in 40s": for a person glancing at the page; the exact time is in the title. */
export function relative(at: number | null, now: number): string {
  if (at === null) return '–';
  const d = Math.round((at - now) / 1000);
  const a = Math.abs(d);
  const text = a < 60 ? `${a}s` : a < 3600 ? `${Math.floor(a / 60)}m` : a < 86_400 ? `${Math.floor(a / 3600)}h ${Math.floor((a % 3600) / 60)}m` : `${Math.floor(a / 86_400)}d`;
  return d <= 0 ? `${text} ago` : `in ${text}`;
}

function time(at: number | null, now: number): Html {
  if (at === null) return html`<span class="muted">–</span>`;
  const iso = new Date(at).toISOString();
  return html`<time datetime="${iso}" title="${iso}">${relative(at, now)}</time>`;
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1b1f24;background:#fff}
h1{font-size:1.4rem;margin:0 0 .2rem}h2{font-size:1.1rem;margin:1.6rem 0 .4rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #d8dee4;vertical-align:top;white-space:nowrap}td:last-child{white-space:normal}
th{background:#f6f8fa;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#656d76}.badge{display:inline-block;padding:0 .4rem;border-radius:.6rem;font-size:.8rem;border:1px solid #d0d7de}
.state-error,.status-dead{background:#ffebe9;border-color:#ff8182;color:#82071e}.state-ok,.status-delivered{background:#dafbe1;border-color:#4ac26b;color:#116329}
.state-waiting_for_budget,.status-held,.status-pending,.status-delivering{background:#fff8c5;border-color:#d4a72c;color:#7d4e00}
tr.failing td{background:#fff5f5}.error{color:#82071e;white-space:pre-wrap;word-break:break-word}
code{font-size:.85rem}.notice{padding:.5rem .75rem;background:#ddf4ff;border:1px solid #54aeff;border-radius:.3rem}
button{font:inherit;padding:.1rem .6rem;cursor:pointer}
`;

function repositoryRows(m: PageModel): Html {
  return html`${m.repositories.map((r) => html`<tr class="${r.state === 'error' ? 'failing' : ''}" data-repository="${r.name}">
    <td><strong>${r.name}</strong> <span class="muted">${r.provider}</span></td>
    <td><span class="badge state-${r.state}">${r.state}</span></td>
    <td>${r.method}</td>
    <td>${time(r.lastPollAt, m.now)}</td>
    <td>${time(r.nextPollAt, m.now)}</td>
    <td class="num">${r.refs}</td>
    <td>${r.lastError
      ? html`<div class="error">${r.lastError}</div><div class="muted">failing since ${time(r.failingSince, m.now)}${r.consecutiveFailures > 1 ? ` (${r.consecutiveFailures} polls)` : ''}</div>`
      : ''}</td>
  </tr>`)}`;
}

function eventRows(m: PageModel): Html {
  return html`${m.events.map((e) => html`<tr data-event="${e.id}">
    <td><code title="${e.id}">${e.id.slice(0, 8)}</code></td>
    <td>${e.type}</td><td>${e.repository}</td><td><code>${e.ref}</code></td><td><code>${e.after.slice(0, 12)}</code></td>
    <td>${time(e.detectedAt, m.now)}</td>
    <td><span class="badge status-${e.status ?? 'none'}">${e.status ?? '–'}</span></td>
    <td>${e.status === 'dead'
      ? html`<form method="post" action="/ui/events/${encodeURIComponent(e.id)}/redeliver"><button type="submit">Redeliver</button></form>`
      : ''}</td>
  </tr>`)}`;
}

export function renderStatusPage(m: PageModel): Html {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${m.refreshSeconds}">
<title>${m.failing > 0 ? `(${m.failing} failing) ` : ''}${m.name} — reposentry</title>
<style>${raw(STYLE)}</style></head>
<body>
<h1>${m.name}</h1>
<p class="muted">reposentry ${m.version} · ${m.ready ? 'ready' : html`<strong>not ready</strong>`} · up ${relative(m.startedAt, m.now).replace(' ago', '')} · refreshes every ${m.refreshSeconds}s</p>
${m.notice ? html`<p class="notice" role="status">${m.notice}</p>` : ''}
<h2 id="repositories">Repositories <span class="muted">${m.totalRepositories} watched, ${m.failing} failing</span></h2>
<table><thead><tr><th>Repository</th><th>State</th><th>Method</th><th>Last poll</th><th>Next poll</th><th>Refs</th><th>Last error</th></tr></thead>
<tbody>${repositoryRows(m)}</tbody></table>
${m.moreRepositories > 0 ? html`<p class="muted">and ${m.moreRepositories} more (all: <code>/api/v1/repositories</code>)</p>` : ''}
<h2 id="deliveries">Deliveries by target</h2>
${m.targets.length === 0
    ? html`<p class="muted">nothing pending, held or dead</p>`
    : html`<table><thead><tr><th>Target</th><th>Pending</th><th>Oldest pending</th><th>Held</th><th>Dead</th></tr></thead><tbody>
${m.targets.map((t) => html`<tr data-target="${t.target}"><td>${t.target}</td><td class="num">${t.pending}</td><td>${time(t.oldestPendingAt, m.now)}</td><td class="num">${t.held}</td><td class="num">${t.dead}</td></tr>`)}
</tbody></table>`}
<h2 id="rate-limits">Rate-limit budgets</h2>
${m.budgets.length === 0
    ? html`<p class="muted">no provider API called yet</p>`
    : html`<table><thead><tr><th>Host</th><th>Remaining</th><th>Limit</th><th>Resets</th><th>Waiting until</th></tr></thead><tbody>
${m.budgets.map((b) => html`<tr><td>${b.host}${b.resource ? html` <span class="muted">${b.resource}</span>` : ''}</td><td class="num">${b.remaining ?? '–'}</td><td class="num">${b.limit ?? '–'}</td><td>${time(b.resetAt, m.now)}</td><td>${time(b.waitingUntil ?? null, m.now)}</td></tr>`)}
</tbody></table>`}
<h2 id="events">Recent events</h2>
${m.events.length === 0
    ? html`<p class="muted">no events yet</p>`
    : html`<table><thead><tr><th>ID</th><th>Type</th><th>Repository</th><th>Ref</th><th>After</th><th>Detected</th><th>Delivery</th><th></th></tr></thead>
<tbody>${eventRows(m)}</tbody></table>`}
</body></html>`;
}
