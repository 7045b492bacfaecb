// honker dashboard. Every value from the database is put on the page as text (textContent / text nodes,
// attributes through setAttribute); no markup is ever built from data, and no HTML string is parsed.
'use strict';

const state = { csrf: null, readOnly: false, timer: null };
const COLORS = ['#2f6f4f', '#1f77b4', '#d62728', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  return e;
}

function enc(s) { return encodeURIComponent(s); }

async function api(path) {
  const r = await fetch('/api/' + path, { headers: { 'Accept': 'application/json' } });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

async function post(path) {
  const r = await fetch('/api/' + path, { method: 'POST', headers: { 'X-CSRF-Token': state.csrf } });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

function toast(text, error) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.className = error ? 'error' : '';
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 3000);
}

function action(label, path, done, cls) {
  return el('button', {
    class: cls || null, 'data-action': label.toLowerCase().replace(/ /g, '-'), disabled: state.readOnly,
    title: state.readOnly ? 'read-only dashboard' : null,
    onclick: async (ev) => {
      ev.target.disabled = true;
      try {
        await post(path);
        toast(label + ': done');
        await done();
      } catch (e) {
        toast(label + ': ' + e.message, true);
        ev.target.disabled = false;
      }
    }
  }, label);
}

function time(s) {
  if (s === null || s === undefined) return '';
  return new Date(s * 1000).toLocaleString();
}

function age(seconds) {
  if (seconds === null || seconds === undefined) return '';
  seconds = Math.max(0, Math.round(seconds));
  if (seconds < 60) return seconds + 's';
  if (seconds < 3600) return Math.floor(seconds / 60) + 'm ' + (seconds % 60) + 's';
  if (seconds < 86400) return Math.floor(seconds / 3600) + 'h ' + Math.floor((seconds % 3600) / 60) + 'm';
  return Math.floor(seconds / 86400) + 'd ' + Math.floor((seconds % 86400) / 3600) + 'h';
}

function pretty(text) {
  if (text === null || text === undefined) return '';
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return String(text); }
}

function table(id, headers, rows, empty) {
  if (rows.length === 0) return el('p', { id: id, class: 'muted' }, empty);
  return el('table', { id: id },
    el('thead', {}, el('tr', {}, headers.map(h => el('th', { class: h.num ? 'num' : null }, h.label || h)))),
    el('tbody', {}, rows));
}

function show(...nodes) {
  const main = document.getElementById('main');
  main.replaceChildren(...nodes.flat().filter(n => n !== null && n !== undefined));
}

// ---- pages ----

async function queuesPage() {
  const [data, history] = await Promise.all([api('queues'), api('history')]);
  const total = (k) => data.queues.reduce((a, q) => a + q[k], 0);
  const rows = data.queues.map(q => el('tr', { 'data-queue': q.queue },
    el('td', {}, el('a', { href: '#/queue/' + enc(q.queue) }, q.queue)),
    el('td', { class: 'num' }, q.pending),
    el('td', { class: 'num' }, q.processing),
    el('td', { class: 'num' }, q.dead > 0 ? el('a', { class: 'dead', href: '#/dead/' + enc(q.queue) }, q.dead) : '0'),
    el('td', { class: 'num' }, age(q.oldestPendingAgeSeconds))));
  show(
    el('h1', {}, 'Queues'),
    el('div', { class: 'cards' },
      card('pending', total('pending')), card('processing', total('processing')), card('dead', total('dead')),
      card('queues', data.queues.length)),
    table('queues-table', ['Queue', { label: 'Pending', num: 1 }, { label: 'Processing', num: 1 },
      { label: 'Dead', num: 1 }, { label: 'Oldest pending', num: 1 }], rows, 'No jobs in any queue.'),
    chart(history));
}

function card(label, n) {
  return el('div', { class: 'card', 'data-card': label }, el('div', { class: 'n' }, n), el('div', { class: 'l' }, label));
}

function chart(history) {
  const samples = history.samples;
  const queues = [...new Set(samples.flatMap(s => Object.keys(s.depth)))].sort();
  const W = 800, H = 200, P = 30;
  const depthSvg = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'queue depth over time', id: 'depth-chart' });
  const maxDepth = Math.max(1, ...samples.flatMap(s => Object.values(s.depth)));
  const maxDone = Math.max(1, ...samples.map(s => s.finished));
  const t0 = samples.length ? samples[0].at : 0;
  const t1 = samples.length ? Math.max(samples[samples.length - 1].at, t0 + 1) : 1;
  const x = (t) => P + (W - 2 * P) * (t - t0) / (t1 - t0);
  const y = (v, max) => H - P - (H - 2 * P) * v / max;
  depthSvg.append(svg('line', { x1: P, y1: H - P, x2: W - P, y2: H - P, stroke: '#ccc' }));
  const label = (txt, px, py, anchor) => { const t = svg('text', { x: px, y: py, 'font-size': 11, fill: '#6b7480', 'text-anchor': anchor || 'start' }); t.textContent = txt; return t; };
  depthSvg.append(label(String(maxDepth), P - 4, P + 4, 'end'), label('0', P - 4, H - P + 4, 'end'));
  const barW = Math.max(2, (W - 2 * P) / Math.max(1, samples.length) * 0.6);
  for (const s of samples) {
    if (s.finished > 0) {
      depthSvg.append(svg('rect', { x: x(s.at) - barW / 2, y: y(s.finished, maxDone), width: barW,
        height: H - P - y(s.finished, maxDone), fill: '#2f6f4f', opacity: 0.18 }));
    }
  }
  queues.forEach((q, i) => {
    const pts = samples.filter(s => q in s.depth).map(s => `${x(s.at).toFixed(1)},${y(s.depth[q], maxDepth).toFixed(1)}`);
    const color = COLORS[i % COLORS.length];
    if (pts.length === 1) {
      const [cx, cy] = pts[0].split(',');
      depthSvg.append(svg('circle', { cx, cy, r: 3, fill: color }));
    } else if (pts.length > 1) {
      depthSvg.append(svg('polyline', { points: pts.join(' '), fill: 'none', stroke: color, 'stroke-width': 2 }));
    }
  });
  if (samples.length) {
    depthSvg.append(label(new Date(t0 * 1000).toLocaleTimeString(), P, H - 8),
      label(new Date(t1 * 1000).toLocaleTimeString(), W - P, H - 8, 'end'));
  }
  const legend = el('div', { class: 'legend' },
    queues.map((q, i) => { const s = el('span', {}, q); s.style.setProperty('--c', COLORS[i % COLORS.length]); return s; }),
    (() => { const s = el('span', {}, 'finished per sample (max ' + maxDone + ')'); s.style.setProperty('--c', 'rgba(47,111,79,.3)'); return s; })());
  const minutes = Math.round(samples.length * history.sampleEverySeconds / 60);
  return el('div', { class: 'chart' },
    el('h2', {}, 'Depth and throughput ', el('span', { class: 'muted' },
      '(pending + processing per queue; sampled every ' + history.sampleEverySeconds + ' s while the dashboard runs, last ' + minutes + ' min)')),
    depthSvg, legend);
}

async function queuePage(queue, filter) {
  filter = filter || 'all';
  const jobs = await api('jobs?queue=' + enc(queue) + '&state=' + enc(filter) + '&limit=200');
  const filters = el('div', { class: 'filters', id: 'state-filter' }, el('span', { class: 'muted' }, 'State:'),
    ['all', 'pending', 'processing', 'dead'].map(f => el('a', {
      href: '#/queue/' + enc(queue) + '/' + f, class: f === filter ? 'active' : null, 'data-state': f }, f)));
  const rows = jobs.map(j => el('tr', { 'data-job': j.id },
    el('td', {}, el('a', { href: '#/job/' + j.id }, '#' + j.id)),
    el('td', { class: j.state === 'dead' ? 'dead' : null }, j.state),
    el('td', { class: 'num' }, j.priority),
    el('td', { class: 'num' }, j.attempts + ' / ' + j.maxAttempts),
    el('td', {}, time(j.runAt)),
    el('td', { class: 'mono' }, j.workerId || ''),
    el('td', { class: 'mono preview' }, j.state === 'dead' ? (j.lastError || '') : j.payload)));
  show(el('h1', {}, 'Queue ', el('span', { class: 'mono' }, queue)), filters,
    table('jobs-table', ['Job', 'State', { label: 'Priority', num: 1 }, { label: 'Attempts', num: 1 }, 'Run at',
      'Worker', filter === 'dead' ? 'Last error' : 'Payload'], rows, 'No ' + (filter === 'all' ? 'live' : filter) + ' jobs.'));
}

async function jobPage(id) {
  const j = await api('job?id=' + enc(id));
  const field = (k, v) => [el('dt', {}, k), el('dd', { 'data-field': k }, v)];
  const items = [
    field('Queue', el('a', { href: '#/queue/' + enc(j.queue) }, j.queue)),
    field('State', j.state),
    field('Attempts', j.attempts + ' of ' + j.maxAttempts),
    field('Priority', j.priority),
    field('Run at', time(j.runAt)),
    field('Created', time(j.createdAt)),
  ];
  if (j.state !== 'dead') {
    items.push(field('Worker', j.workerId || '—'), field('Lease until', j.claimExpiresAt ? time(j.claimExpiresAt) : '—'),
      field('Expires', j.expiresAt ? time(j.expiresAt) : 'never'));
  } else {
    items.push(field('Died', time(j.diedAt)));
  }
  const buttons = j.state === 'dead' ? el('div', { class: 'actions' },
    action('Requeue', 'dead/requeue?id=' + j.id, async () => { location.hash = '#/dead/' + enc(j.queue); }, 'primary'),
    action('Delete', 'dead/delete?id=' + j.id, async () => { location.hash = '#/dead/' + enc(j.queue); }, 'danger')) : null;
  show(el('h1', {}, 'Job #' + j.id), el('dl', { id: 'job-detail' }, items.flat()),
    j.state === 'dead' ? [el('h2', {}, 'Last error'), el('pre', { id: 'job-error' }, j.lastError || '')] : [],
    el('h2', {}, 'Payload'), el('pre', { id: 'job-payload' }, pretty(j.payload)),
    buttons ? el('h2', {}, 'Actions') : null, buttons);
}

async function deadPage(queue) {
  const [dead, queues] = await Promise.all([api('dead?limit=500' + (queue ? '&queue=' + enc(queue) : '')), api('queues')]);
  const refresh = () => route();
  const filters = el('div', { class: 'filters', id: 'dead-filter' }, el('span', { class: 'muted' }, 'Queue:'),
    el('a', { href: '#/dead', class: queue ? null : 'active' }, 'all'),
    queues.queues.filter(q => q.dead > 0 || q.queue === queue).map(q => el('a', {
      href: '#/dead/' + enc(q.queue), class: q.queue === queue ? 'active' : null }, q.queue + ' (' + q.dead + ')')),
    queue && dead.length ? action('Requeue all', 'dead/requeue-all?queue=' + enc(queue), refresh, 'primary') : null);
  const rows = dead.map(j => el('tr', { 'data-dead': j.id },
    el('td', {}, el('a', { href: '#/job/' + j.id }, '#' + j.id)),
    el('td', { class: 'mono' }, j.queue),
    el('td', { class: 'mono preview' }, j.lastError || ''),
    el('td', { class: 'num' }, j.attempts + ' / ' + j.maxAttempts),
    el('td', {}, time(j.diedAt)),
    el('td', {}, el('div', { class: 'actions' },
      action('Requeue', 'dead/requeue?id=' + j.id, refresh),
      action('Delete', 'dead/delete?id=' + j.id, refresh, 'danger')))));
  show(el('h1', {}, 'Dead letters'), filters,
    table('dead-table', ['Job', 'Queue', 'Error', { label: 'Attempts', num: 1 }, 'Died', ''], rows, 'No dead jobs.'));
}

async function streamsPage() {
  const s = await api('streams');
  show(el('h1', {}, 'Streams'),
    el('h2', {}, 'Topics'),
    table('topics-table', ['Topic', { label: 'Events', num: 1 }, { label: 'Last offset', num: 1 }, 'Last event'],
      s.topics.map(t => el('tr', { 'data-topic': t.topic }, el('td', { class: 'mono' }, t.topic),
        el('td', { class: 'num' }, t.events), el('td', { class: 'num' }, t.lastOffset), el('td', {}, time(t.lastAt)))),
      'No stream events.'),
    el('h2', {}, 'Consumers'),
    table('consumers-table', ['Consumer', 'Topic', { label: 'Offset', num: 1 }, { label: 'Lag', num: 1 }],
      s.consumers.map(c => el('tr', { 'data-consumer': c.consumer + '/' + c.topic }, el('td', { class: 'mono' }, c.consumer),
        el('td', { class: 'mono' }, c.topic), el('td', { class: 'num' }, c.offset), el('td', { class: 'num' }, c.lag))),
      'No consumer has saved an offset.'));
}

async function schedulerPage() {
  const s = await api('scheduler');
  const refresh = () => route();
  const rows = s.tasks.map(t => el('tr', { 'data-task': t.name },
    el('td', { class: 'mono' }, t.name),
    el('td', { class: 'mono' }, t.queue),
    el('td', { class: 'mono' }, t.cron),
    el('td', {}, t.nextFire),
    el('td', { class: t.enabled ? 'on' : 'off', 'data-field': 'status' }, t.enabled ? 'active' : 'paused'),
    el('td', { class: 'mono preview' }, t.payload),
    el('td', {}, el('div', { class: 'actions' },
      t.enabled ? action('Pause', 'scheduler/pause?name=' + enc(t.name), refresh)
                : action('Resume', 'scheduler/resume?name=' + enc(t.name), refresh),
      action('Run now', 'scheduler/run?name=' + enc(t.name), refresh)))));
  show(el('h1', {}, 'Scheduler'),
    el('p', { class: 'muted' }, 'Next fire times in ' + s.zone + '.'),
    table('tasks-table', ['Task', 'Queue', 'Cron', 'Next fire (' + s.zone + ')', 'Status', 'Payload', ''], rows,
      'No scheduled tasks.'));
}

async function locksPage() {
  const s = await api('locks');
  show(el('h1', {}, 'Locks'),
    table('locks-table', ['Lock', 'Holder', 'Lease until', 'Status'], s.locks.map(l => el('tr', { 'data-lock': l.name },
      el('td', { class: 'mono' }, l.name), el('td', { class: 'mono' }, l.owner), el('td', {}, time(l.expiresAt)),
      el('td', { class: l.expired ? 'off' : 'on' }, l.expired ? 'expired' : 'held (' + age(l.expiresAt - s.now) + ' left)'))),
      'No locks held.'));
}

async function rateLimitsPage() {
  const w = await api('ratelimits?limit=500');
  show(el('h1', {}, 'Rate limits'),
    el('p', { class: 'muted' }, 'Fixed windows, newest first; a limit is given by each caller and not stored.'),
    table('ratelimits-table', ['Limiter', 'Window start', { label: 'Calls counted', num: 1 }],
      w.map(r => el('tr', { 'data-limiter': r.name }, el('td', { class: 'mono' }, r.name),
        el('td', {}, time(r.windowStart)), el('td', { class: 'num' }, r.count))), 'No rate-limit windows.'));
}

// ---- routing ----

async function route() {
  clearInterval(state.timer);
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const page = parts[0] || '';
  const nav = { '': 'queues', queue: 'queues', job: 'queues', dead: 'dead', streams: 'streams', scheduler: 'scheduler',
    locks: 'locks', ratelimits: 'ratelimits' }[page];
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.route === nav);
  try {
    switch (page) {
      case '': await queuesPage(); state.timer = setInterval(() => queuesPage().catch(() => {}), 10000); break;
      case 'queue': await queuePage(parts[1], parts[2]); break;
      case 'job': await jobPage(parts[1]); break;
      case 'dead': await deadPage(parts[1]); break;
      case 'streams': await streamsPage(); break;
      case 'scheduler': await schedulerPage(); break;
      case 'locks': await locksPage(); break;
      case 'ratelimits': await rateLimitsPage(); break;
      default: show(el('h1', {}, 'Not found'), el('p', {}, 'No page ' + location.hash));
    }
  } catch (e) {
    show(el('h1', {}, 'Error'), el('pre', { id: 'error' }, e.message));
  }
  document.body.dataset.ready = location.hash || '#/';
}

async function boot() {
  const s = await api('session');
  state.csrf = s.csrfToken;
  state.readOnly = s.readOnly;
  document.getElementById('mode').hidden = !s.readOnly;
  document.getElementById('file').textContent = s.file;
  window.addEventListener('hashchange', route);
  await route();
}

boot().catch(e => show(el('h1', {}, 'Error'), el('pre', {}, e.message)));
