// calc live dashboard: polls the aggregator (GET /api/lag, /api/series, /api/events, /api/stats; docs/lag.md) and redraws the page.
(() => {
  'use strict';

  const POLL_MS = 2000;
  const TIMEOUT_MS = 5000; // a hung request must not stall polling forever
  const CHART_HEIGHT = 220;
  const DASH = '–';
  // Same order as the calc_group_status gauge, so "worst" means the same thing here and in Prometheus.
  const SEVERITY = { OK: 0, WARN: 1, REWIND: 2, STALLED: 3, STOPPED: 4 };
  // No reds/yellows/greens-as-first-pick: those read as status colors.
  const PALETTE = ['#4e79a7', '#f28e2b', '#b07aa1', '#76b7b2', '#9c755f', '#ff9da7', '#59a14f', '#bab0ac'];
  const NO_VERSION = '#6b7785';
  // Services share version colors, so lines of different services are told apart by dash pattern.
  const SERVICE_DASH = [[], [6, 4], [2, 3], [10, 3, 2, 3]];

  const $ = (id) => document.getElementById(id);
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const byTopicPartition = (a, b) => cmp(a.topic, b.topic) || a.partition - b.partition;
  const fmtNum = (v) => (v == null ? DASH : String(v));
  const fmtSec = (v) => (v == null ? DASH : Number(v).toFixed(v < 10 ? 2 : 0));
  const pad = (n) => String(n).padStart(2, '0');
  // Local 24-hour clock built by hand: toLocaleTimeString output varies by locale (am/pm, "24:00").
  const clock = (d, seconds = true) => `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
  const fmtTime = (t) => {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? DASH : clock(d);
  };

  // The only way DOM is built: text always goes in as text nodes, so API strings never become markup.
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null) continue;
      if (k === 'class') e.className = v;
      else if (k === 'style') Object.assign(e.style, v);
      else e.setAttribute(k, String(v));
    }
    for (const c of children.flat()) if (c != null) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  // ---- version colors -------------------------------------------------------------------------

  const versionColors = new Map();
  // Colors are handed out in natural sort order of first sighting, so a reload with the same
  // versions running gives the same colors.
  function registerVersions(versions) {
    const fresh = [...new Set(versions)].filter((v) => v != null && !versionColors.has(v));
    fresh.sort((a, b) => String(a).localeCompare(String(b), undefined, { numeric: true }));
    for (const v of fresh) versionColors.set(v, PALETTE[versionColors.size % PALETTE.length]);
  }
  function versionColor(v) {
    if (v == null) return NO_VERSION;
    registerVersions([v]);
    return versionColors.get(v);
  }
  const chip = (v) =>
    el('span', { class: 'chip', 'data-version': v ?? '', style: { background: versionColor(v) } }, v ?? 'no version');
  const badge = (s) => el('span', { class: 'badge', 'data-status': s ?? '' }, s ?? DASH);

  // ---- lag: header, group cards, table -----------------------------------------------------------

  function renderLag(lag) {
    const groups = lag.groups || [];
    const worst = groups.reduce((w, g) => ((SEVERITY[g.status] ?? -1) > (SEVERITY[w] ?? -1) ? g.status : w), null);
    const overall = $('overall-status');
    overall.textContent = worst ?? DASH;
    overall.dataset.status = worst ?? '';
    $('groups').replaceChildren(...(groups.length ? groups.map(groupCard) : [el('p', { class: 'muted' }, 'No consumer groups reported yet.')]));
    renderLagTable(groups);
  }

  // Run on every poll, not only when the lag JSON changes: a stuck lag engine keeps sending the same JSON.
  function renderSampled(lag) {
    const sampled = $('lag-refreshed');
    const age = lag.refreshedAt ? Date.now() - Date.parse(lag.refreshedAt) : NaN;
    // Three missed refreshes means the lag engine (not the browser) is stuck; say so.
    const stale = age > 3 * (lag.refreshIntervalMs || 5000);
    sampled.textContent = lag.refreshedAt ? fmtTime(lag.refreshedAt) + (stale ? ' (stale)' : '') : 'not yet';
    sampled.classList.toggle('warn', stale);
  }

  function groupCard(g) {
    const t = g.totals || {};
    const members = [...(g.members || [])].sort((a, b) => cmp(a.instance, b.instance));
    return el('article', { class: 'card group', 'data-group': g.group },
      el('div', { class: 'group-head' }, el('h2', null, g.group ?? DASH), badge(g.status)),
      el('p', { class: 'muted meta' },
        el('span', null, `${g.state ?? DASH} · ${g.protocol ?? DASH}`), ' · ',
        el('span', null, 'lag ', el('b', { class: 'total-lag' }, fmtNum(t.lag))), ' · ',
        el('span', null, 'max lag ', el('b', { class: 'max-lag-seconds' }, fmtSec(t.lagSeconds)), t.lagSeconds == null ? '' : ' s')),
      members.length ? el('ul', { class: 'members' }, members.map(memberItem)) : el('p', { class: 'muted' }, 'no members'),
      ownership(g.partitions || []));
  }

  function memberItem(m) {
    const n = (m.partitions || []).length;
    return el('li', { class: 'member', 'data-instance': m.instance ?? '', 'data-version': m.version ?? '',
      title: [m.clientId, m.host].filter(Boolean).join(' ') },
      el('span', { class: 'instance' }, m.instance ?? DASH), chip(m.version),
      el('span', { class: 'muted' }, `${n} partition${n === 1 ? '' : 's'}`));
  }

  function ownership(partitions) {
    const byTopic = new Map();
    for (const p of [...partitions].sort(byTopicPartition)) {
      if (!byTopic.has(p.topic)) byTopic.set(p.topic, []);
      byTopic.get(p.topic).push(p);
    }
    return el('div', { class: 'ownership' }, [...byTopic].map(([topic, ps]) =>
      el('div', { class: 'topic' },
        el('div', { class: 'topic-name', title: topic }, topic),
        el('div', { class: 'cells' }, ps.map(cell)))));
  }

  function cell(p) {
    const owned = p.owner != null;
    const tip = [
      `${p.topic} [${p.partition}]`,
      `owner: ${owned ? `${p.owner} (${p.ownerVersion ?? 'no version'})` : 'none'}`,
      `committed / end: ${fmtNum(p.committedOffset)} / ${fmtNum(p.endOffset)}`,
      `lag from: ${p.position ?? DASH} ${fmtNum(p.positionOffset)}`,
      `lag: ${fmtNum(p.lag)} records, ${fmtSec(p.lagSeconds)} s`,
      `status: ${p.status ?? DASH}`,
    ].join('\n');
    const alert = p.status != null && p.status !== 'OK';
    return el('span', {
      class: `cell${owned ? '' : ' unowned'}${alert ? ' alert' : ''}`,
      'data-topic': p.topic, 'data-partition': p.partition, 'data-status': p.status ?? '', 'data-owner': p.owner ?? '',
      title: tip, style: owned ? { background: versionColor(p.ownerVersion) } : null,
    }, p.partition);
  }

  function renderLagTable(groups) {
    const rows = groups
      .flatMap((g) => (g.partitions || []).map((p) => ({ ...p, group: g.group })))
      .sort((a, b) => cmp(a.group, b.group) || byTopicPartition(a, b));
    const td = (v, cls) => el('td', { class: cls }, v);
    $('lag-table').tBodies[0].replaceChildren(...(rows.length ? rows.map((r) =>
      el('tr', { 'data-group': r.group, 'data-topic': r.topic, 'data-partition': r.partition, 'data-status': r.status ?? '',
        class: r.status != null && r.status !== 'OK' ? 'alert' : null },
        td(r.group), td(r.topic), td(r.partition, 'num'), td(r.owner ?? DASH),
        td(r.owner == null ? DASH : chip(r.ownerVersion)),
        td(r.position ?? DASH), td(fmtNum(r.committedOffset), 'num'), td(fmtNum(r.endOffset), 'num'), td(fmtNum(r.lag), 'num'),
        td(fmtSec(r.lagSeconds), 'num'), td(badge(r.status)))) : [el('tr', null, el('td', { colspan: 11, class: 'muted' }, 'No partitions.'))]));
  }

  // ---- charts and events -----------------------------------------------------------------------

  let markers = []; // rollout events as {t (epoch s), kind, version}, drawn over both charts

  function drawMarkers(u) {
    const { min, max } = u.scales.x;
    if (min == null || !markers.length) return;
    const px = devicePixelRatio || 1;
    const { ctx } = u;
    const { top, height } = u.bbox;
    ctx.save();
    ctx.font = `${10 * px}px system-ui, sans-serif`;
    for (const m of markers) {
      if (m.t < min || m.t > max) continue;
      const x = Math.round(u.valToPos(m.t, 'x', true));
      ctx.strokeStyle = ctx.fillStyle = m.kind === 'VERDICT' ? '#222' : versionColor(m.version);
      ctx.lineWidth = (m.kind === 'VERDICT' ? 2 : 1) * px;
      ctx.setLineDash(m.kind === 'LEFT' ? [4 * px, 3 * px] : []);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      ctx.fillText((m.kind || '?')[0], x + 3 * px, top + 10 * px);
    }
    ctx.restore();
  }

  function makeChart(id, unit) {
    const box = $(id);
    const value = (u, v) => (v == null ? DASH : `${Math.round(v)} ${unit}`);
    const u = new uPlot({
      width: box.clientWidth || 600,
      height: CHART_HEIGHT,
      // Drag-zoom would be undone by the next poll's setData two seconds later; leave it off.
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      // Same clock as the rest of the page; uPlot's default mixes dates and am/pm and overlaps.
      series: [{ value: (u, t) => (t == null ? DASH : fmtTime(t * 1000)) }],
      axes: [{ space: 55, values: (u, ts) => ts.map((t) => clock(new Date(t * 1000), t % 60 !== 0)) }, { size: 56 }],
      hooks: { draw: [drawMarkers] },
    }, [[]], box);
    u.valueFmt = value; // reused for series added later (versions come and go)
    return u;
  }

  const charts = { throughput: makeChart('chart-throughput', '/s'), latency: makeChart('chart-latency', 'ms') };

  // Series only change when a version starts or stops reporting; adjust them in place instead of
  // rebuilding the chart, and feed everything else through setData.
  function update(u, keys, data) {
    const want = keys.map((k) => k.label);
    const have = u.series.slice(1).map((s) => s.label);
    if (want.join('\n') !== have.join('\n')) {
      for (let i = u.series.length - 1; i >= 1; i--) u.delSeries(i);
      keys.forEach((k) => u.addSeries({ label: k.label, stroke: k.color, dash: k.dash, width: 1.5, spanGaps: false,
        points: { show: false }, value: u.valueFmt }));
    }
    u.setData(data);
  }

  function renderSeries(s) {
    const xs = s.seconds || [];
    const vs = [...(s.versions || [])].sort((a, b) => cmp(a.service, b.service) || cmp(a.version ?? '', b.version ?? ''));
    const services = [...new Set(vs.map((v) => v.service))];
    const keys = vs.map((v) => ({
      label: `${v.service} ${v.version ?? 'no version'}`,
      color: versionColor(v.version),
      dash: SERVICE_DASH[services.indexOf(v.service) % SERVICE_DASH.length],
    }));
    // uPlot needs every column exactly as long as x; pad/trim rather than trust the server.
    const fit = (arr) => xs.map((_, i) => arr?.[i] ?? null);
    const thr = vs.map((v) => fit(v.results));
    update(charts.throughput, keys, [xs, ...thr]);
    update(charts.latency, keys, [xs, ...vs.map((v) => fit(v.p99Ms))]);
    $('series-points').textContent = String(thr.reduce((n, col) => n + col.filter((y) => y).length, 0));
  }

  function renderEvents(events) {
    markers = events.map((e) => ({ t: Date.parse(e.at) / 1000, kind: e.kind, version: e.version }))
      .filter((m) => Number.isFinite(m.t));
    const shown = events.slice(-30).reverse(); // newest first; the charts only span 5 minutes anyway
    $('events').replaceChildren(...(shown.length ? shown.map((e) =>
      el('li', { class: 'event', 'data-kind': e.kind ?? '' },
        el('time', { datetime: e.at }, fmtTime(e.at)),
        el('span', { class: 'kind' }, e.kind ?? DASH),
        el('span', { class: 'muted' }, e.group ?? ''),
        el('span', { class: 'instance' }, e.instance ?? DASH),
        chip(e.version),
        el('span', { class: 'detail' }, e.detail || ''))) : [el('li', { class: 'muted' }, 'No membership changes or verdicts yet.')]));
    // The draw hook reads `markers`; redraw in case no series data arrives this round.
    for (const u of Object.values(charts)) u.redraw(false);
  }

  function renderStats(st) {
    $('stats').textContent = `requested ${fmtNum(st.requested)} · completed ${fmtNum(st.completed)} · pending ${fmtNum(st.pending)}`
      + ` · duplicates ${fmtNum(st.duplicates)} · dead letters ${fmtNum(st.deadLetters)}`;
  }

  // Container width follows the layout (grid, scrollbar appearing, window resize); rAF keeps the
  // resize out of the observer callback so Chrome does not report a ResizeObserver loop.
  const ro = new ResizeObserver(() => requestAnimationFrame(() => {
    for (const u of Object.values(charts)) {
      const w = u.root.parentElement.clientWidth;
      if (w && w !== u.width) u.setSize({ width: w, height: CHART_HEIGHT });
    }
  }));
  for (const u of Object.values(charts)) ro.observe(u.root.parentElement);

  // ---- polling ---------------------------------------------------------------------------------

  async function getJson(path) {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS);
    try {
      const r = await fetch(path, { cache: 'no-store', signal: ctl.signal });
      if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
      return await r.json();
    } catch (e) {
      throw new Error(`${path}: ${e.name === 'AbortError' ? 'timed out' : e.message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  function setLive(failures) {
    const ok = failures.length === 0;
    const live = $('live');
    live.dataset.live = ok ? 'ok' : 'error';
    live.textContent = ok ? 'live' : 'connection lost, retrying';
    live.title = failures.join('\n');
    document.body.classList.toggle('stale', !ok);
    if (ok) $('last-refresh').textContent = fmtTime(Date.now());
  }

  const last = {}; // last rendered JSON per endpoint: lag changes every 5 s, no need to rebuild the DOM every 2 s
  const reported = new Set();
  function render(name, value, fn) {
    const json = JSON.stringify(value);
    if (last[name] === json) return;
    try {
      fn(value);
      last[name] = json;
    } catch (e) {
      // A shape we did not expect is a bug worth seeing once, not every two seconds.
      if (!reported.has(`${name}:${e.message}`)) console.error(`dashboard: rendering ${name} failed`, e);
      reported.add(`${name}:${e.message}`);
    }
  }

  let down = false; // every required endpoint failed last time
  const next = (started) => setTimeout(poll, Math.max(0, POLL_MS - (Date.now() - started)));

  async function poll() {
    const started = Date.now();
    // While the server is unreachable, probe with one request instead of four: each failed fetch
    // is a network error line in the browser console that no page code can suppress.
    if (down) {
      try {
        await getJson('/api/lag');
      } catch (e) {
        setLive([e.message]);
        return next(started);
      }
    }
    const [lag, series, events, stats] = await Promise.allSettled(
      ['/api/lag', '/api/series?minutes=5', '/api/events', '/api/stats'].map(getJson));
    const val = (r) => (r.status === 'fulfilled' && r.value) || null;
    // Register every version before drawing anything so colors do not depend on render order.
    registerVersions([
      ...(val(lag)?.groups || []).flatMap((g) => [...(g.members || []).map((m) => m.version), ...(g.partitions || []).map((p) => p.ownerVersion)]),
      ...(val(series)?.versions || []).map((v) => v.version),
      ...(val(events)?.events || []).map((e) => e.version),
    ]);
    if (val(lag)) {
      render('lag', val(lag), renderLag);
      renderSampled(val(lag));
    }
    if (val(events)) render('events', val(events).events || [], renderEvents);
    if (val(series)) render('series', val(series), renderSeries);
    if (val(stats)) render('stats', val(stats), renderStats);
    // /api/stats is optional; only the three the page is built from decide "connection lost".
    const failures = [lag, series, events].filter((r) => r.status === 'rejected').map((r) => r.reason.message);
    down = failures.length === 3;
    setLive(failures);
    next(started);
  }

  poll();
})();
