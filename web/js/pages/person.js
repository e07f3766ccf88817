// A person's page (by pseudonym): risk, alerts, risk over time as a
// chart, and the timeline of look-ups with the filters "unexplained only"
// and "with alerts". Also the list of staff by risk.
import {h, table, fields, field, badge, link, section, text, time, autoTable} from '../dom.js';
import * as api from '../api.js';
import {chart, color} from '../charts.js';
import {eventsTable} from './alert.js';

export async function riskPage({main}) {
  const data = await api.get('risk', {limit: 50});
  main.append(h('h1', {}, 'Staff by risk'),
    h('p', {class: 'lead'}, 'The people whose evidence reaches a clear finding, highest risk first. Staff are shown by pseudonym.'),
    autoTable(data.people || [], {first: ['rank', 'actor', 'score', 'unit'], empty: 'Nobody reaches a finding.'}));
}

// Look-ups on one page of a person's timeline: the newest first asked.
const TL_PAGE = 200;

export async function personPage({main, params, query, go}) {
  const actor = params.actor;
  const base = 'people/' + encodeURIComponent(actor);
  const f = {from: query.get('from') || '', to: query.get('to') || '',
    unexplained: query.get('unexplained') === '1', with_alerts: query.get('with_alerts') === '1'};
  const [p, tl] = await Promise.all([
    api.get(base),
    api.get(base + '/timeline', {from: f.from, to: f.to, unexplained: f.unexplained ? 1 : '', with_alerts: f.with_alerts ? 1 : '',
      newest: TL_PAGE}),
  ]);
  const risk = p.risk || {};
  const rot = p.risk_over_time || [];
  const unexplained = h('input', {type: 'checkbox', name: 'unexplained', id: 'f-unexplained', checked: f.unexplained});
  const withAlerts = h('input', {type: 'checkbox', name: 'with_alerts', id: 'f-with-alerts', checked: f.with_alerts});
  const from = h('input', {type: 'date', name: 'from', value: f.from});
  const to = h('input', {type: 'date', name: 'to', value: f.to});
  const form = h('form', {class: 'filters', onsubmit: (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    if (from.value) q.set('from', from.value);
    if (to.value) q.set('to', to.value);
    if (unexplained.checked) q.set('unexplained', '1');
    if (withAlerts.checked) q.set('with_alerts', '1');
    const s = q.toString();
    go('person/' + encodeURIComponent(actor) + (s ? '?' + s : ''));
  }},
  h('div', {class: 'field check'}, unexplained, h('label', {for: 'f-unexplained'}, 'Unexplained only')),
  h('div', {class: 'field check'}, withAlerts, h('label', {for: 'f-with-alerts'}, 'With alerts')),
  field('From', from), field('To', to),
  h('div', {class: 'field actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Show')));
  for (const c of [unexplained, withAlerts]) c.addEventListener('change', () => form.requestSubmit());

  const events = tl.events || [];
  const accesses = events.filter((e) => e.type !== 'alert');
  const total = tl.total ?? accesses.length;
  // Older look-ups: the same filters up to the end of the second of the
  // oldest one shown (times show whole seconds): that second's look-ups
  // come again at the top, so that none of them is skipped.
  const older = () => {
    const q = new URLSearchParams();
    if (f.from) q.set('from', f.from);
    q.set('to', String(Date.parse(accesses[0].ts ?? accesses[0].time) + 999));
    if (f.unexplained) q.set('unexplained', '1');
    if (f.with_alerts) q.set('with_alerts', '1');
    go('person/' + encodeURIComponent(actor) + '?' + q.toString());
  };
  const paging = accesses.length < total ? h('p', {class: 'hint tl-page'},
    `The newest ${accesses.length} of ${total} look-ups are shown. `,
    h('button', {type: 'button', class: 'btn', id: 'tl-older', onclick: older}, 'Older look-ups')) : null;
  main.append(
    h('h1', {}, 'Person ', h('span', {class: 'pseudonym'}, p.actor || actor)),
    h('div', {class: 'cols'},
      section('Profile', fields([
        ['Unit', p.unit], ['Role', p.role],
        ['Risk score', risk.score], ['Rank', risk.rank],
        ['Reasons', Array.isArray(risk.reasons) ? risk.reasons.map(text).join('; ') : risk.reasons],
      ])),
      section('Risk over time', rot.length ? chart('Risk score per day', {
        type: 'line',
        data: {labels: rot.map((r) => r.day), datasets: [{label: 'risk', data: rot.map((r) => r.score),
          borderColor: color(0), backgroundColor: color(0), tension: 0.2, pointRadius: 2}]},
        options: {plugins: {legend: {display: false}}, scales: {y: {beginAtZero: true}}},
      }) : h('p', {class: 'empty'}, 'No risk history.'))),
    section('Alerts', table([
      {label: 'Alert', get: (a) => link(['alert', a.id], a.id, 'alert-id'), class: 'id'},
      {label: 'Time', get: (a) => time(a.ts ?? a.time), class: 'nowrap'},
      {label: 'Rule', get: (a) => a.rule},
      {label: 'Severity', get: (a) => badge('sev', a.severity)},
      {label: 'Reason', get: (a) => a.reason, class: 'reason'},
      {label: 'Status', get: (a) => a.status},
    ], p.alerts, {empty: 'No alerts.'})),
    section(`Timeline (${total} look-ups)`, form, paging, timelineTable(events)));
}

// The timeline as `wachter timeline --format jsonl` gives it: look-ups
// ("type": "access") interleaved with the alerts they raised ("type":
// "alert"), oldest first. An alert is one row across the table.
const TL_COLS = ['Time', 'System', 'Action', 'Subject', 'Stated case', 'Query', 'Results', 'Client', 'Explained', 'Alerts'];

function explainedCell(e) {
  const v = e.explained;
  const word = v === true ? 'yes' : v === false ? 'no' : text(e.status) || '—';
  const why = e.explanation ?? e.reason;
  return [h('span', {class: v === true ? 'yes' : v === false ? 'no' : ''}, word), why ? h('div', {class: 'hint'}, text(why)) : null];
}

function timelineTable(events) {
  if (!events.length) return h('p', {class: 'empty'}, 'No look-ups match.');
  const rows = events.map((e) => {
    if (e.type === 'alert') {
      return h('tr', {class: 'tl-alert'}, h('td', {class: 'nowrap'}, time(e.ts ?? e.time)),
        h('td', {colspan: String(TL_COLS.length - 1)},
          badge('sev', e.severity), ' ', h('strong', {}, 'Alert '), link(['alert', e.id], e.id, 'alert-id'),
          ` · ${text(e.rule)} · risk ${text(e.score)} · `, h('span', {class: 'reason'}, text(e.reason)),
          e.why ? h('span', {class: 'hint'}, ` (${text(e.why)})`) : null));
    }
    const ids = e.alert_ids || [];
    return h('tr', {class: (ids.length ? 'has-alert' : '') + (e.explained === false ? ' unexplained' : '')},
      h('td', {class: 'nowrap'}, time(e.ts ?? e.time)), h('td', {}, text(e.system)), h('td', {}, text(e.action)),
      h('td', {}, e.subject ? link(['subject', e.subject], e.subject) : ''), h('td', {}, text(e.case)),
      h('td', {class: 'query'}, text(e.query)), h('td', {class: 'num'}, text(e.results)), h('td', {}, text(e.client)),
      h('td', {}, explainedCell(e)), h('td', {}, ids.map((id) => [link(['alert', id], id, 'alert-id'), ' '])));
  });
  return h('table', {class: 'data timeline'}, h('thead', {}, h('tr', {}, TL_COLS.map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, rows));
}

export {eventsTable};
