// The page of `serve`: a scenario as a timeline, a day card, charts with the range of the claims,
// a what-if overlaid with its first divergence and its diff, the "as known on" clock, and an
// editor for a what-if. Everything it shows comes from the HTTP API of the same server.
/* global echarts, CodeMirror */

const $ = id => document.getElementById(id);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const COLORS = { base: '#1f4e79', whatIf: '#b3470f', divergence: '#a40000', today: '#6b6b70', fan: '#2e7d32' };
const FAN_P50 = 'sweep p50';
const TROOPS = 'troops.inCountry';
const DEFAULT_FIELD = 'host.detained';

// ---- what the page shows: kept in the URL so a view can be shared and reloaded ----
const view = { scenario: null, whatIf: '', on: null, known: '', field: DEFAULT_FIELD };
const data = {
  entries: [], meta: new Map(), days: null, dates: [], sources: new Map(), paths: [], diff: null,
  retractions: new Map(), series: new Map(), whatIfDays: new Map(), sweeps: new Map(),
};
const charts = {};
let editor = null;

// ---- small helpers ----
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
}

async function api(url, options) {
  const r = await fetch(url, options);
  const body = await r.json();
  if (!r.ok) {
    const message = body.error || (body.errors || []).map(e => `${e.line}:${e.column}: ${e.message}`).join('; ');
    throw Object.assign(new Error(message || `${r.status}`), { status: r.status, body });
  }
  return body;
}

const enc = encodeURIComponent;
const number = n => Number(n).toLocaleString('en-US');

function dateLabel(iso, withYear = true) {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]}${withYear ? ' ' + y : ''}`;
}

function shortDate(iso) {
  const [, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1].slice(0, 3)}`;
}

function datesBetween(from, to) {
  const out = [];
  for (let t = Date.parse(from + 'T00:00:00Z'); t <= Date.parse(to + 'T00:00:00Z'); t += 86400000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

// ---- figures: the one place that reads best/low/high/claims/approx/sources and a disagreement ----
/**
 * A value of the state or of an event read as a figure, or null when it is none:
 * {best, low, high, approx, lowerBound, unknown, sources, claims, text, disagreement}.
 * A lower bound counts a part of unknown size (a contingent no one counted): it is at least its best,
 * and a figure wholly of unknown size (nothing counted) is unknown, not 0.
 * An event's figure carries claims (and best); a state's carries best, low, high and sources;
 * a disagreement carries the reported whole and the sum of its parts.
 */
function figure(v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  if (v.whole && v.parts && figure(v.whole) && figure(v.parts)) {
    const whole = figure(v.whole); const parts = figure(v.parts);
    const pct = v.percent === null || v.percent === undefined ? '' : ` (${v.percent > 0 ? '+' : ''}${v.percent} %)`;
    return {
      ...whole, disagreement: { on: v.on, event: v.event, whole, parts, difference: v.difference, percent: v.percent },
      text: `reported ${whole.text} against ${parts.text} in the contingents: ${v.difference > 0 ? '+' : ''}${number(v.difference)}${pct}`,
    };
  }
  if (!('best' in v)) return null;
  const claims = Array.isArray(v.claims) ? v.claims : [];
  const values = claims.map(c => c.value);
  const low = 'low' in v ? v.low : (values.length ? Math.min(...values) : v.best);
  const high = 'high' in v ? v.high : (values.length ? Math.max(...values) : v.best);
  const sources = v.sources || [...new Set(claims.map(c => c.source).filter(Boolean))];
  const approx = Boolean(v.approx) || claims.some(c => c.approx);
  const range = low !== high ? ` (${number(low)}–${number(high)})` : '';
  const lowerBound = Boolean(v.lowerBound);
  const f = { best: v.best, low, high, approx, lowerBound, unknown: lowerBound && high === 0, sources, claims,
    disagreement: null };
  return { ...f, text: f.unknown ? 'unknown' : `${approx ? '≈ ' : ''}${bestText(f)}${range}` };
}

/** A figure's best as read: "≥ 1,500" for a lower bound, "unknown" for a figure of unknown size. */
function bestText(f) {
  return f.unknown ? 'unknown' : `${f.lowerBound ? '≥ ' : ''}${number(f.best)}`;
}

/** Any value of the state as a short text. */
function text(v) {
  if (v === null || v === undefined) return '—';
  const f = figure(v);
  if (f) return f.text;
  if (Array.isArray(v)) return v.length ? v.map(text).join('; ') : 'none';
  if (typeof v === 'object') {
    return Object.entries(v).filter(([, x]) => x !== null && !(Array.isArray(x) && !x.length))
      .map(([k, x]) => `${k}: ${text(x)}`).join(', ') || '—';
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return number(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return dateLabel(v);
  return String(v);
}

/** A source's short name: the publisher, where its title reads "Publisher: headline". */
function sourceName(s) {
  const title = s.title || s.id;
  const cut = title.indexOf(': ');
  return cut > 0 && cut <= 40 ? title.slice(0, cut) : title;
}

function sourceLinks(ids) {
  if (!ids || !ids.length) return null;
  const span = el('span', { class: 'sources' }, ids.length > 1 ? 'Sources: ' : 'Source: ');
  ids.forEach((id, i) => {
    const s = data.sources.get(id) || { id, title: null, url: null };
    const attrs = { title: s.title || id, 'data-source': id, text: sourceName(s) };
    span.append(s.url ? el('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank', ...attrs }) : el('span', attrs));
    if (i < ids.length - 1) span.append(' · ');
  });
  return span;
}

/** A figure for the card: best, range, approximate, sources; a disagreement beside it. */
function figureBlock(v, id, path) {
  const f = figure(v);
  const later = laterKnown(v, path);
  if (!f) return el('span', { id }, '—', later);
  return el('div', { class: 'figure', id, 'data-best': f.best, 'data-low': f.low, 'data-high': f.high },
    el('span', { class: 'best', text: bestText(f) }),
    f.low !== f.high ? el('span', { class: 'range', text: ` range ${number(f.low)}–${number(f.high)}` }) : null,
    f.approx ? el('span', { class: 'approx', text: ' approximate' }) : null,
    f.lowerBound && !f.unknown ? el('span', { class: 'approx lower-bound', text: ' at least: part of it of unknown size' }) : null,
    later, el('br'), sourceLinks(f.sources));
}

/** The state of the same day in hindsight, while the card shows it as known on an earlier date. */
let hindsight = null;

/** Where what was known then differs from what the files know now: the value in hindsight, beside it. */
function laterKnown(v, path) {
  if (!hindsight || !path) return null;
  let h = hindsight;
  for (const part of path.split('.')) h = h === null || h === undefined ? null : h[part];
  if (text(h) === text(v)) return null;
  return el('span', { class: 'hindsight', 'data-path': path, text: ` in hindsight: ${text(h)}` });
}

// ---- the day card ----
function row(label, ...value) { return [el('dt', { text: label }), el('dd', {}, ...value)]; }

function renderState(state) {
  const box = $('state');
  box.replaceChildren();
  $('card-title').textContent = `${dateLabel(state.on)}${state.asKnownOn ? ' — as known on ' + dateLabel(state.asKnownOn) : ''}`;
  const shown = new Set(['scenario', 'on', 'asKnownOn', 'eventsApplied']);
  const m = state.mission;
  if (m) {
    shown.add('mission');
    box.append(el('h3', { text: 'Mission' }), el('dl', {},
      row('Status', el('span', { class: 'status', id: 'mission-status', text: m.status.replaceAll('_', ' ').toLowerCase() })),
      m.requestedOn ? row('Requested', text(m.requestedOn)) : [],
      m.authorizedOn ? row('Authorized', text(m.authorizedOn)) : [],
      m.commander ? row('Commander', m.commander) : [],
      m.firstArrivalOn ? row('First troops', text(m.firstArrivalOn)) : [],
      row('Days deployed', number(m.daysDeployed))));
  }
  const t = state.troops;
  if (t) {
    shown.add('troops');
    const dl = el('dl', {}, row('In the country', figureBlock(t.inCountry, 'troops-total', 'troops.inCountry')));
    if (t.reportedTotal) dl.append(...row('Reported total', figureBlock(t.reportedTotal, 'troops-reported', 'troops.reportedTotal')));
    if (t.disagreement) {
      dl.append(...row('Do not add up', el('span', { class: 'disagreement', id: 'troops-disagreement',
        text: figure(t.disagreement).text + ` (${dateLabel(t.disagreement.on)})` })));
    }
    box.append(el('h3', { text: 'Troops' }), dl);
    const names = Object.keys(t.contingents || {});
    if (names.length) {
      box.append(el('table', { id: 'contingents' },
        el('caption', { class: 'sr', text: 'Contingents' }),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Contingent' }), el('th', { scope: 'col', text: 'Best' }),
          el('th', { scope: 'col', text: 'Range' }), el('th', { scope: 'col', text: 'Sources' }))),
        el('tbody', {}, names.map(n => {
          const f = figure(t.contingents[n]);
          return el('tr', {}, el('th', { scope: 'row', text: n }), el('td', { text: f ? (f.approx && !f.unknown ? '≈ ' : '') + bestText(f) : '—' }),
            el('td', { text: f && f.low !== f.high ? `${number(f.low)}–${number(f.high)}` : '' }),
            el('td', {}, f ? sourceLinks(f.sources) : null));
        }))));
    }
    if (t.facilities && t.facilities.length) box.append(el('p', {}, el('strong', { text: 'Guarding: ' }), t.facilities.join('; ')));
  }
  const w = state.withdrawal;
  if (w) {
    shown.add('withdrawal');
    if (w.announcedOn) {
      box.append(el('h3', { text: 'Withdrawal' }), el('dl', {},
        row('Announced', text(w.announcedOn)), row('Starts', text(w.startsOn)), row('Deadline', text(w.deadline)),
        w.completedOn ? row('Completed', text(w.completedOn)) : [], w.overdue ? row('Overdue', 'yes') : []));
    }
  }
  const h = state.host;
  if (h) {
    shown.add('host');
    const dl = el('dl', {},
      row('Internet', h.internet ? h.internet.toLowerCase() : '—'),
      row('State of emergency', h.emergencyRegions && h.emergencyRegions.length
        ? `${h.emergencyRegions.length} region${h.emergencyRegions.length > 1 ? 's' : ''}: ${h.emergencyRegions.join(', ')}` : 'none'),
      row('Detained', figureBlock(h.detained, 'detained', 'host.detained')),
      h.unrest && h.unrest.length ? row('Unrest', h.unrest.join(', ')) : [],
      h.governmentResignedOn ? row('Government resigned', text(h.governmentResignedOn)) : [],
      h.dismissed && h.dismissed.length ? row('Dismissed', text(h.dismissed)) : []);
    for (const [category, c] of Object.entries(h.casualties || {})) {
      if (c && c.killed) dl.append(...row(`Killed (${category})`, figureBlock(c.killed, null, `host.casualties.${category}.killed`)));
      if (c && c.wounded) dl.append(...row(`Wounded (${category})`, figureBlock(c.wounded, null, `host.casualties.${category}.wounded`)));
    }
    for (const [k, v] of Object.entries(h)) {
      if (!['internet', 'emergencyRegions', 'detained', 'unrest', 'governmentResignedOn', 'dismissed', 'casualties'].includes(k)) {
        dl.append(...row(k, figure(v) ? figureBlock(v) : text(v)));
      }
    }
    box.append(el('h3', { text: 'Host country' }), dl);
  }
  const d = state.diplomacy;
  if (d) {
    shown.add('diplomacy');
    const items = [...(d.talks || []).map(x => `Talks in ${x.place || '?'} (${(x.parties || []).join(', ')}), ${text(x.on)}`),
      ...(d.sanctions || []).map(x => `Sanctions: ${text(x)}`)];
    box.append(el('h3', { text: 'Diplomacy' }), items.length ? el('ul', {}, items.map(i => el('li', { text: i }))) : el('p', { text: 'Nothing yet.' }));
  }
  const rest = Object.entries(state).filter(([k]) => !shown.has(k));
  if (rest.length) box.append(el('h3', { text: 'Other' }), el('dl', {}, rest.map(([k, v]) => row(k, text(v)))));
  box.append(el('p', { class: 'sources', text: `${number(state.eventsApplied)} events applied.` }));
}

/** The events of the day, with what the clock of knowledge says of each. */
function renderEvents(day) {
  const list = $('events');
  list.replaceChildren();
  const events = day ? day.events : [];
  if (!events.length) list.append(el('li', { text: 'No event on this day.' }));
  const known = view.known;
  for (const e of events) {
    const badges = [];
    const classes = [];
    const retraction = data.retractions.get(e.id);
    if (retraction && (!known || retraction.reported <= known)) {
      classes.push('retracted');
      badges.push(el('span', { class: 'badge retracted', text: `retracted ${dateLabel(retraction.reported, false)}` }));
    }
    if (known && e.reported > known) {
      classes.push('unknown');
      badges.push(el('span', { class: 'badge unknown', text: `not yet known on ${dateLabel(known, false)}: reported ${dateLabel(e.reported, false)}` }));
    } else if (e.reported !== e.on) {
      classes.push('late');
      badges.push(el('span', { class: 'badge late', text: `reported late, on ${dateLabel(e.reported, false)}` }));
    }
    if (e.rule) badges.push(el('span', { class: 'badge rule', text: `made by rule ${e.rule}` }));
    const when = `${e.at || 'during the day'}${e.approx ? ' (approximate)' : ''}`;
    const figures = Object.entries(e.fields || {}).map(([k, v]) => [k, figure(v)]).filter(([, f]) => f);
    list.append(el('li', { class: classes.join(' '), 'data-event': e.id },
      el('div', { class: 'meta' }, badges, `${when} · ${e.type}`),
      el('div', { class: 'summary', text: e.summary || e.fields.text || e.id }),
      e.takesBack ? el('div', { class: 'meta', text: `Takes back: ${e.takesBack.summary || e.takesBack.id}` }) : null,
      figures.map(([k, f]) => el('div', { class: 'meta', text: `${k}: ${f.text}` })),
      sourceLinks(e.sources)));
  }
}

/** The events of the day that the what-if adds or moves here, and those of the scenario it does not have that day. */
async function renderWhatIfEvents(day) {
  const box = $('whatif-day');
  if (!view.whatIf) { box.hidden = true; return; }
  const id = view.whatIf;
  if (!data.whatIfDays.has(id)) {
    data.whatIfDays.set(id, api(`/api/scenarios/${enc(id)}/days`).catch(err => { data.whatIfDays.delete(id); throw err; }));
  }
  const days = await data.whatIfDays.get(id);
  if (id !== view.whatIf || (day && day.on !== view.on)) return;
  const other = days.find(d => d.on === view.on);
  const here = day ? day.events : [];
  const there = other ? other.events : [];
  const baseIds = new Set(here.map(e => e.id));
  const whatIfIds = new Set(there.map(e => e.id));
  const added = there.filter(e => !baseIds.has(e.id));
  const missing = here.filter(e => !whatIfIds.has(e.id));
  $('whatif-day-title').textContent = `In ${(data.meta.get(id) || {}).title || id} on this day`;
  $('whatif-events').replaceChildren(
    ...added.map(e => el('li', { class: 'added', 'data-event': e.id },
      el('div', { class: 'meta' }, el('span', { class: 'badge rule', text: e.rule ? `made by rule ${e.rule}` : 'only in the what-if' }), `${e.at || 'during the day'} · ${e.type}`),
      el('div', { class: 'summary', text: e.summary || e.fields.text || e.id }))),
    ...missing.map(e => el('li', { class: 'missing', 'data-event': e.id },
      el('div', { class: 'meta' }, el('span', { class: 'badge unknown', text: 'not on this day in the what-if' }), e.type),
      el('div', { class: 'summary', text: e.summary || e.id }))));
  if (!added.length && !missing.length) $('whatif-events').append(el('li', { text: 'The same events as the scenario.' }));
  box.hidden = false;
}

// ---- charts ----
function seriesKey(id, field, known) { return `${id}|${field}|${known}`; }

async function series(id, field) {
  const key = seriesKey(id, field, view.known);
  if (!data.series.has(key)) {
    data.series.set(key, api(`/api/scenarios/${enc(id)}/series?field=${enc(field)}${view.known ? '&asKnownOn=' + view.known : ''}`)
      .catch(err => { data.series.delete(key); throw err; }));
  }
  return data.series.get(key);
}

/** How a series is drawn, from its first value: a figure (band), a number, a list (its length), a category. */
function kindOf(points) {
  const v = points.map(p => p.value).find(x => x !== null && x !== undefined);
  if (v === undefined) return 'number';
  if (figure(v)) return 'figure';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'string') return 'category';
  return 'object';
}

function pointValue(kind, v) {
  if (v === null || v === undefined) return kind === 'list' ? 0 : '-';
  switch (kind) {
    case 'figure': return figure(v).best;
    case 'boolean': return v ? 1 : 0;
    case 'list': return v.length;
    case 'object': return Object.keys(v).length;
    default: return v;
  }
}

/** {@code fan}: a sweep's days of one figure ({on, n, p5, p50, p95}), drawn as a band p5–p95 and a p50 line; or null. */
function drawChart(name, field, lines, divergence, fan) {
  const box = $(`${name}-chart`);
  const chart = charts[name] || (charts[name] = echarts.init(box, null, { renderer: 'svg' }));
  const dates = [...new Set(lines.flatMap(l => l.points.map(p => p.on)))].sort();
  const kind = kindOf(lines[0].points);
  const categories = kind === 'category' ? [...new Set(lines.flatMap(l => l.points.map(p => p.value)).filter(v => v !== null))] : null;
  const out = [];
  lines.forEach((l, i) => {
    const byDay = new Map(l.points.map(p => [p.on, p.value]));
    const values = dates.map(d => byDay.has(d) ? byDay.get(d) : null);
    const color = i === 0 ? COLORS.base : COLORS.whatIf;
    if (kind === 'figure') {
      const f = values.map(v => figure(v));
      out.push({ name: `${l.id} low`, type: 'line', stack: `band${i}`, data: f.map(x => x ? x.low : '-'), symbol: 'none',
        lineStyle: { opacity: 0 }, silent: true, tooltip: { show: false } });
      out.push({ name: `${l.id} range`, type: 'line', stack: `band${i}`, data: f.map(x => x ? x.high - x.low : '-'), symbol: 'none',
        lineStyle: { opacity: 0 }, areaStyle: { color, opacity: i === 0 ? 0.22 : 0.16 }, silent: true, tooltip: { show: false } });
    }
    const line = {
      name: l.id, type: 'line', data: values.map(v => pointValue(kind, v)), step: kind === 'category' || kind === 'list' ? 'end' : false,
      symbol: 'circle', symbolSize: 4, showSymbol: dates.length <= 60, color,
      lineStyle: { width: 2.5, type: i === 0 ? 'solid' : 'dashed' },
    };
    if (i === 0) {
      const marks = [{ xAxis: view.on, name: 'this day', lineStyle: { color: COLORS.today, type: 'solid', width: 1 },
        label: { formatter: shortDate(view.on), position: 'end', color: COLORS.today } }];
      if (divergence) {
        marks.push({ xAxis: divergence, name: 'first divergence', lineStyle: { color: COLORS.divergence, type: 'dashed', width: 2 },
          label: { formatter: 'first divergence', position: 'insideEndTop', color: COLORS.divergence } });
      }
      line.markLine = { symbol: 'none', silent: true, data: marks, animation: false };
      const unknown = view.known ? dates.filter(d => d > view.known) : [];
      if (unknown.length) {
        line.markArea = { silent: true, itemStyle: { color: 'rgba(120, 120, 128, 0.12)' },
          label: { color: COLORS.today, position: 'insideTop' },
          data: [[{ xAxis: unknown[0], name: `not yet known on ${shortDate(view.known)}` }, { xAxis: unknown[unknown.length - 1] }]] };
      }
    }
    out.push(line);
  });
  const fanByDay = fan ? new Map(fan.days.map(d => [d.on, d])) : null;
  if (fan) {
    const f = dates.map(d => fanByDay.get(d) || null);
    out.push({ name: 'fan low', type: 'line', stack: 'fan', data: f.map(x => x && x.p5 !== null ? x.p5 : '-'), symbol: 'none',
      lineStyle: { opacity: 0 }, silent: true, tooltip: { show: false } });
    out.push({ name: 'fan range', type: 'line', stack: 'fan', data: f.map(x => x && x.p5 !== null ? x.p95 - x.p5 : '-'), symbol: 'none',
      lineStyle: { opacity: 0 }, areaStyle: { color: COLORS.fan, opacity: 0.25 }, silent: true, tooltip: { show: false } });
    out.push({ name: FAN_P50, type: 'line', data: f.map(x => x && x.p50 !== null ? x.p50 : '-'), symbol: 'none', color: COLORS.fan,
      lineStyle: { width: 2, type: 'dashed' } });
  }
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    grid: { left: 56, right: 24, top: 24, bottom: 36 },
    tooltip: {
      trigger: 'axis',
      formatter: params => {
        const day = params.length ? params[0].axisValue : '';
        const rows = params.filter(p => !/ (low|range)$/.test(p.seriesName)).map(p => {
          if (p.seriesName === FAN_P50) {
            const d = fanByDay.get(day);
            return d && d.p50 !== null ? `sweep of ${fan.variants} (p5 / p50 / p95): ${d.p5} / ${d.p50} / ${d.p95}` : 'sweep: -';
          }
          const l = lines.find(x => x.id === p.seriesName);
          const v = l ? (l.points.find(x => x.on === day) || {}).value : null;
          return `${p.seriesName}: ${text(v)}`;
        });
        return [dateLabel(day), ...rows].map(s => s.replace(/[<>&]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c])).join('<br>');
      },
    },
    xAxis: { type: 'category', data: dates, axisLabel: { formatter: shortDate } },
    yAxis: categories ? { type: 'category', data: categories } : { type: 'value', minInterval: 1, name: kind === 'list' ? 'count' : '' },
    series: out,
  }, true);
  const legend = $(`${name}-legend`);
  legend.replaceChildren(...lines.map((l, i) => el('li', { class: i === 0 ? 'base' : 'whatif', 'data-series': l.id },
    el('span', { text: `${l.title || l.id}${kind === 'figure' ? ' — best, shaded: range of the claims' : kind === 'list' ? ' — how many' : ''}` }))));
  if (fan) {
    legend.append(el('li', { class: 'fan', 'data-fan': String(fan.variants) },
      el('span', { text: `Sweep of ${fan.variants} variants — dashed: p50 of the best value, shaded: p5 to p95` })));
  }
  if (lines.length > 1) {
    legend.append(el('li', { class: 'divergence', 'data-divergence': divergence || '' },
      el('span', { text: divergence ? `First divergence: ${dateLabel(divergence)}` : 'No divergence' })));
  }
  box.setAttribute('aria-label', `${field} over the period: ${lines.map(l => l.title || l.id).join(' and ')}` +
    (fan ? `; a sweep of ${fan.variants} variants as a band from p5 to p95 around its p50` : '') +
    (lines.length > 1 ? (divergence ? `; first divergence ${dateLabel(divergence)}` : '; no divergence') : ''));
}

async function drawCharts() {
  const ids = [view.scenario, view.whatIf].filter(Boolean);
  const divergence = view.whatIf && data.diff ? data.diff.firstDivergence : null;
  for (const [name, field] of [['troops', TROOPS], ['field', view.field]]) {
    const lines = await Promise.all(ids.map(async id => ({ id, title: (data.meta.get(id) || {}).title, points: (await series(id, field)).points })));
    const sweep = [view.whatIf, view.scenario].find(id => id && (data.meta.get(id) || {}).sweep);
    drawChart(name, field, lines, divergence, sweep ? await fanOf(sweep, field) : null);
  }
}

/**
 * The fan of a sweep file for a figure: its variants' p5/p50/p95 per day ({variants, days}), or null
 * when the scenario is no sweep or the field no figure. Computed by the server once per file and field.
 */
async function fanOf(id, field) {
  const meta = data.meta.get(id) || {};
  if (!meta.sweep) return null;
  const known = data.paths.find(p => p.path === field);
  if (known && !known.figure) return null;
  const key = `${id}|${field}`;
  if (!data.sweeps.has(key)) {
    data.sweeps.set(key, api(`/api/sweeps/${enc(id)}?field=${enc(field)}`).catch(err => { data.sweeps.delete(key); throw err; }));
  }
  const sweep = await data.sweeps.get(key);
  const f = sweep.fields[0];
  return f && f.kind === 'figure' ? { variants: sweep.ran, days: f.days } : null;
}

// ---- the what-if and its diff ----
async function loadDiff() {
  data.diff = null;
  if (!view.whatIf) { $('diff').hidden = true; return; }
  data.diff = await api(`/api/diff?base=${enc(view.scenario)}&whatIf=${enc(view.whatIf)}`);
  renderDiff();
}

function renderDiff() {
  const d = data.diff;
  $('diff').hidden = !d;
  if (!d) return;
  const rows = d.days.flatMap(day => day.changes.map(c => ({ on: day.on, ...c })));
  $('diff-summary').replaceChildren(
    d.firstDivergence ? `${d.whatIf} first differs from ${d.base} on ${dateLabel(d.firstDivergence)}; ${number(rows.length)} differences on ${number(d.days.length)} days.`
      : `${d.whatIf} does not differ from ${d.base}.`,
    d.removed.length ? el('span', {}, el('br'), `Removed events: ${d.removed.join(', ')}.`) : '',
    view.known ? el('span', {}, el('br'), 'The diff compares everything the files know (hindsight), whatever the date of knowledge.') : '');
  $('diff-table').tBodies[0].replaceChildren(...rows.map(r => el('tr', { class: r.on === view.on ? 'today' : null, 'data-day': r.on },
    el('td', { text: shortDate(r.on) }), el('td', { text: r.path }), el('td', { text: text(r.base) }), el('td', { text: text(r.whatIf) }))));
}

// ---- the scenario, the day and the clock ----
async function loadScenario() {
  const id = view.scenario;
  const [meta, days, sources] = await Promise.all([
    api(`/api/scenarios/${enc(id)}`), api(`/api/scenarios/${enc(id)}/days`), api(`/api/scenarios/${enc(id)}/sources`)]);
  data.meta.set(id, meta);
  data.days = days;
  data.dates = days.map(d => d.on);
  data.sources = new Map(sources.sources.map(s => [s.id, s]));
  data.retractions = new Map();
  for (const d of days) for (const e of d.events) if (e.type === 'ReportRetracted' && e.fields.retracts) data.retractions.set(e.fields.retracts, e);
  if (!data.dates.includes(view.on)) view.on = data.dates[0];
  const slider = $('day');
  slider.max = String(data.dates.length - 1);
  slider.setAttribute('aria-valuetext', dateLabel(view.on));
  const eventDays = new Set(meta.eventDays);
  const counts = new Map(days.map(d => [d.on, d.events.length]));
  $('ticks').replaceChildren(...data.dates.map((d, i) => eventDays.has(d) ? (() => {
    const s = el('span', { class: counts.get(d) >= 5 ? 'many' : null, title: `${dateLabel(d)}: ${counts.get(d)} events` });
    s.style.left = `${data.dates.length > 1 ? (100 * i) / (data.dates.length - 1) : 0}%`;
    return s;
  })() : null).filter(Boolean));
  $('known').min = meta.from;
  fillFields(days[days.length - 1].state);
  fillWhatIfs();
  prefillDraft();
}

function fillFields(lastState) {
  const options = [];
  for (const p of data.paths) {
    if (p.path === TROOPS) continue;
    if (!p.path.includes('*')) { options.push(p.path); continue; }
    // a map's keys, as the end of the period knows them
    const [head, tail] = p.path.split('.*');
    let node = lastState;
    for (const part of head.split('.')) node = node ? node[part] : null;
    for (const key of Object.keys(node || {})) options.push(`${head}.${key}${tail}`);
  }
  if (!options.includes(view.field)) view.field = options.includes(DEFAULT_FIELD) ? DEFAULT_FIELD : options[0];
  $('field').replaceChildren(...options.map(p => el('option', { value: p, text: p })));
  $('field').value = view.field;
}

function fillWhatIfs() {
  const select = $('whatif');
  const mine = data.entries.filter(e => e.root === view.scenario && e.id !== view.scenario);
  const uploads = data.entries.filter(e => e.origin === 'upload');
  select.replaceChildren(el('option', { value: '', text: '— none —' }),
    mine.length ? el('optgroup', { label: 'What-ifs of this scenario' }, mine.map(e => el('option', { value: e.id, text: (e.sweep ? 'Sweep: ' : '') + (e.title || e.id) }))) : null,
    uploads.length ? el('optgroup', { label: 'Uploaded or written here' }, uploads.map(e => el('option', { value: e.id, text: e.title || e.id }))) : null);
  if (![...select.options].some(o => o.value === view.whatIf)) view.whatIf = '';
  select.value = view.whatIf;
}

async function showDay() {
  const i = Math.max(0, data.dates.indexOf(view.on));
  $('day').value = String(i);
  $('day').setAttribute('aria-valuetext', dateLabel(view.on));
  $('date').textContent = dateLabel(view.on);
  writeUrl();
  const url = `/api/scenarios/${enc(view.scenario)}/state?on=${view.on}`;
  const [state, inHindsight] = await Promise.all([api(url + (view.known ? '&asKnownOn=' + view.known : '')),
    view.known ? api(url) : null]);
  if (state.on !== view.on) return; // a later day was asked for meanwhile
  hindsight = inHindsight;
  renderState(state);
  renderEvents(data.days[i]);
  await renderWhatIfEvents(data.days[i]);
  if (data.diff) renderDiff();
  await drawCharts();
}

function writeUrl() {
  const q = new URLSearchParams();
  q.set('scenario', view.scenario);
  q.set('on', view.on);
  if (view.known) q.set('known', view.known);
  if (view.whatIf) q.set('whatIf', view.whatIf);
  if (view.field !== DEFAULT_FIELD) q.set('field', view.field);
  history.replaceState(null, '', `?${q}`);
}

function readUrl() {
  const q = new URLSearchParams(location.search);
  view.scenario = q.get('scenario');
  view.on = q.get('on');
  view.known = /^\d{4}-\d{2}-\d{2}$/.test(q.get('known') || '') ? q.get('known') : '';
  view.whatIf = q.get('whatIf') || '';
  view.field = q.get('field') || DEFAULT_FIELD;
}

function notice(message) { $('notice').textContent = message || ''; }

async function run(task) {
  try { notice(''); await task(); } catch (err) { notice(err.message); }
}

function moveDay(by) {
  const i = data.dates.indexOf(view.on) + by;
  if (i < 0 || i >= data.dates.length) return false;
  view.on = data.dates[i];
  run(showDay);
  return true;
}

// ---- the editor ----
let draftTouched = false;
let draftSeq = 0;
let draftTimer = null;
let draftMarks = [];

/** A small what-if of the chosen scenario: its first announced withdrawal removed, else its first arrival two days later. */
function draftTemplate() {
  const id = view.scenario;
  const events = data.days.flatMap(d => d.events);
  const withdrawal = events.find(e => e.type === 'WithdrawalAnnounced');
  const arrival = events.find(e => e.type === 'TroopsArrived');
  const first = withdrawal || arrival || events[0];
  const change = withdrawal ? [`  - remove: ${withdrawal.id}`]
    : [`  - shift: ${first.id}`, '    days: 2'];
  return [
    `# A what-if on ${id}: change its events, and see what follows.`,
    '# remove: ID · shift: ID, days: N · set: ID, to: {...} · add: {...}',
    `scenario: my-${id}`,
    `extends: ${id}`,
    `title: ${withdrawal ? 'What if the withdrawal had not been announced' : 'What if the first troops had come two days later'}`,
    'changes:',
    ...change,
    '',
  ].join('\n');
}

function prefillDraft() {
  if (draftTouched && editor.getValue().includes(`extends: ${view.scenario}`)) return;
  draftTouched = false;
  editor.setValue(draftTemplate());
  clearDraftMarks();
  $('draft-status').textContent = 'Edit the what-if: it is checked as you type.';
  $('draft-status').className = 'draft-status';
}

function clearDraftMarks() {
  draftMarks.forEach(m => m.clear());
  draftMarks = [];
  $('draft-errors').replaceChildren();
}

function showDraftErrors(errors) {
  clearDraftMarks();
  const elsewhere = [];
  for (const e of errors) {
    if (e.file && e.file !== 'upload.yaml') { elsewhere.push(e); continue; }
    const line = Math.min(Math.max(e.line - 1, 0), editor.lineCount() - 1);
    const ch = Math.max(e.column - 1, 0);
    const widget = el('div', { class: 'draft-error', role: 'alert', 'data-line': e.line, 'data-column': e.column,
      text: `▲ line ${e.line}, column ${e.column}: ${e.message}` });
    widget.style.paddingLeft = `calc(${ch}ch + 4px)`;
    const w = editor.addLineWidget(line, widget, { coverGutter: false, noHScroll: true });
    editor.addLineClass(line, 'background', 'cm-error-line');
    const end = editor.getLine(line).slice(ch).search(/[\s,}\]]|$/);
    const mark = editor.markText({ line, ch }, { line, ch: ch + Math.max(end, 1) }, { className: 'cm-error-mark' });
    draftMarks.push(w, mark, { clear: () => editor.removeLineClass(line, 'background', 'cm-error-line') });
  }
  $('draft-errors').replaceChildren(...elsewhere.map(e => el('li', { text: `${e.file}:${e.line}:${e.column}: ${e.message}` })));
}

async function checkDraft() {
  const seq = ++draftSeq;
  const yaml = editor.getValue();
  const status = $('draft-status');
  status.className = 'draft-status';
  status.textContent = 'Checking…';
  const opts = { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: yaml };
  let answer;
  try {
    answer = await api('/api/drafts', opts);
  } catch (err) {
    if (seq !== draftSeq) return;
    status.className = 'draft-status bad';
    status.textContent = err.message;
    return;
  }
  if (seq !== draftSeq) return;
  if (answer.errors.length) {
    showDraftErrors(answer.errors);
    status.className = 'draft-status bad';
    status.textContent = `${answer.errors.length} error${answer.errors.length > 1 ? 's' : ''}: the line is marked.`;
    return;
  }
  clearDraftMarks();
  status.textContent = 'Valid: running it…';
  const stored = await api('/api/scenarios', opts);
  if (seq !== draftSeq) return;
  for (const key of [...data.series.keys()]) if (key.startsWith(stored.id + '|')) data.series.delete(key);
  data.whatIfDays.delete(stored.id);
  const meta = await api(`/api/scenarios/${enc(stored.id)}`);
  data.meta.set(stored.id, meta);
  if (!data.entries.some(e => e.id === stored.id)) data.entries.push({ ...meta });
  view.whatIf = stored.id;
  fillWhatIfs();
  await loadDiff();
  await showDay();
  status.textContent = `Valid: ${stored.id} is compared with ${view.scenario} below and in the charts.`;
}

function setUpEditor() {
  editor = CodeMirror.fromTextArea($('draft'), {
    mode: 'yaml', lineNumbers: true, lineWrapping: true, indentUnit: 2, tabSize: 2, indentWithTabs: false, viewportMargin: Infinity,
    extraKeys: { Tab: cm => cm.replaceSelection('  '), Esc: cm => cm.getInputField().blur() },
    screenReaderLabel: 'What-if file (YAML)',
  });
  editor.on('change', (cm, change) => {
    if (change.origin !== 'setValue') draftTouched = true;
    clearTimeout(draftTimer);
    if (change.origin === 'setValue') return;
    draftTimer = setTimeout(() => run(checkDraft), 600);
  });
}

// ---- wiring ----
async function start() {
  readUrl();
  setUpEditor();
  const [entries, paths] = await Promise.all([api('/api/scenarios'), api('/api/paths')]);
  data.paths = paths;
  data.entries = await Promise.all(entries.map(async e => ({ ...e, ...(await api(`/api/scenarios/${enc(e.id)}`)) })));
  data.entries.forEach(e => data.meta.set(e.id, e));
  const bases = data.entries.filter(e => e.origin === 'file' && e.root === e.id);
  $('scenario').replaceChildren(...bases.map(e => el('option', { value: e.id, text: e.title || e.id })));
  if (!bases.some(e => e.id === view.scenario)) view.scenario = bases.length ? bases[0].id : null;
  if (!view.scenario) { notice('No scenario is served: put scenario files in the scenarios/ folder.'); return; }
  $('scenario').value = view.scenario;
  $('known').value = view.known;
  await loadScenario();
  await loadDiff();
  await showDay();

  $('scenario').addEventListener('change', () => run(async () => {
    view.scenario = $('scenario').value; view.whatIf = ''; view.on = null;
    await loadScenario(); await loadDiff(); await showDay();
  }));
  $('whatif').addEventListener('change', () => run(async () => { view.whatIf = $('whatif').value; await loadDiff(); await showDay(); }));
  $('field').addEventListener('change', () => run(async () => { view.field = $('field').value; writeUrl(); await drawCharts(); }));
  $('known').addEventListener('change', () => run(async () => { view.known = $('known').value; await showDay(); }));
  $('hindsight').addEventListener('click', () => run(async () => { view.known = ''; $('known').value = ''; await showDay(); }));
  $('day').addEventListener('input', () => { view.on = data.dates[Number($('day').value)]; run(showDay); });
  $('prev').addEventListener('click', () => moveDay(-1));
  $('next').addEventListener('click', () => moveDay(1));
  let playing = null;
  const stop = () => { clearInterval(playing); playing = null; $('play').textContent = '▶ Play'; $('play').setAttribute('aria-pressed', 'false'); };
  $('play').addEventListener('click', () => {
    if (playing) { stop(); return; }
    if (data.dates.indexOf(view.on) === data.dates.length - 1) { view.on = data.dates[0]; run(showDay); }
    $('play').textContent = '⏸ Pause';
    $('play').setAttribute('aria-pressed', 'true');
    playing = setInterval(() => { if (!moveDay(1)) stop(); }, 700);
  });
  document.addEventListener('keydown', e => {
    const t = e.target;
    if (e.altKey || e.ctrlKey || e.metaKey || t.closest('.CodeMirror') || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName)) return;
    if (e.key === 'ArrowLeft' && moveDay(-1)) e.preventDefault();
    if (e.key === 'ArrowRight' && moveDay(1)) e.preventDefault();
  });
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
  document.body.dataset.ready = 'true';
}

run(start);
