// The alert queue: filters (kept in the address, so a filtered queue can
// be bookmarked), counts per status, alerts by risk, a selection with bulk
// assign and bulk close-as-duplicate.
import {h, table, field, select, badge, link, message, time} from '../dom.js';
import * as api from '../api.js';
import {notify} from '../notice.js';

const STATUSES = ['new', 'acknowledged', 'investigating', 'closed', 'suppressed'];
const SEVERITIES = ['', 'low', 'medium', 'high', 'critical'];
const FILTERS = ['status', 'rule', 'severity', 'unit', 'assignee', 'from', 'to'];
const PAGE = 50;

export async function queuePage({main, query, go, render}) {
  const f = {};
  for (const k of FILTERS) f[k] = query.get(k) || '';
  const offset = Math.max(0, parseInt(query.get('offset') || '0', 10) || 0);
  const data = await api.get('alerts', {...f, limit: PAGE, offset});
  const alerts = data.alerts || [];
  const counts = data.counts || {};

  const route = (changes) => {
    const q = new URLSearchParams();
    const all = {...f, offset: '', ...changes};
    for (const [k, v] of Object.entries(all)) if (v) q.set(k, v);
    const s = q.toString();
    return 'queue' + (s ? '?' + s : '');
  };

  const form = h('form', {class: 'filters', role: 'search', onsubmit: (ev) => {
    ev.preventDefault();
    const fd = new FormData(form);
    const ch = {};
    for (const k of FILTERS) ch[k] = (fd.get(k) || '').toString().trim();
    go(route(ch));
  }},
  field('Status', select('status', [['', 'open (not closed)'], ...STATUSES.map((s) => [s, s]), ['all', 'all']], f.status)),
  field('Rule', h('input', {name: 'rule', value: f.rule, list: 'rule-names', size: 14})),
  field('Severity (at least)', select('severity', SEVERITIES, f.severity)),
  field('Unit', h('input', {name: 'unit', value: f.unit, size: 12})),
  field('Assignee', h('input', {name: 'assignee', value: f.assignee, size: 12})),
  field('From', h('input', {name: 'from', type: 'date', value: f.from})),
  field('To', h('input', {name: 'to', type: 'date', value: f.to})),
  h('div', {class: 'field actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Filter'),
    h('a', {href: '#/queue', class: 'btn'}, 'Reset')),
  h('datalist', {id: 'rule-names'}, [...new Set(alerts.map((a) => a.rule))].map((r) => h('option', {value: r}))));

  const countBar = h('ul', {class: 'counts', 'aria-label': 'Alerts per status'},
    STATUSES.map((s) => h('li', {},
      h('a', {href: '#/' + route({status: s}), class: 'count status-' + s, 'aria-current': f.status === s ? 'true' : null},
        h('span', {class: 'n', 'data-status': s}, String(counts[s] ?? 0)), ' ', s))));

  const selected = new Set();
  const out = h('div', {'aria-live': 'polite'});
  const nsel = h('span', {class: 'nsel'}, 'none selected');
  const updateSel = () => {
    nsel.textContent = selected.size ? `${selected.size} selected` : 'none selected';
    for (const b of bulk.querySelectorAll('button')) b.disabled = selected.size === 0;
  };
  const check = (a) => h('input', {type: 'checkbox', class: 'pick', 'aria-label': 'select alert ' + a.id,
    value: a.id, onchange: (ev) => {
      if (ev.target.checked) selected.add(a.id);
      else selected.delete(a.id);
      updateSel();
    }});
  const allBox = h('input', {type: 'checkbox', 'aria-label': 'select all alerts on this page', onchange: (ev) => {
    for (const c of main.querySelectorAll('input.pick')) {
      c.checked = ev.target.checked;
      if (c.checked) selected.add(c.value);
      else selected.delete(c.value);
    }
    updateSel();
  }});

  const runBulk = async (body, what) => {
    out.replaceChildren();
    try {
      const r = await api.post('alerts/bulk', {ids: [...selected], ...body});
      const failed = r.failed || [];
      notify(failed.length ? 'error' : 'ok', `${what}: ${r.changed} changed` +
        (failed.length ? `; not changed: ${failed.map((x) => `${x.id} (${x.error})`).join(', ')}` : ''));
      render();
    } catch (e) {
      out.appendChild(message('error', e.message));
    }
  };
  const assignee = h('input', {name: 'bulk-assignee', size: 12, placeholder: 'account'});
  const bulk = h('form', {class: 'bulk', 'aria-label': 'Bulk actions', onsubmit: (ev) => {
    ev.preventDefault();
    if (!assignee.value.trim()) {
      out.replaceChildren(message('error', 'Say to whom: an account name.'));
      return;
    }
    runBulk({assign: assignee.value.trim()}, 'Assigned to ' + assignee.value.trim());
  }},
  nsel, field('Assign to', assignee),
  h('button', {type: 'submit', class: 'btn', id: 'bulk-assign', disabled: true}, 'Assign selected'),
  h('button', {type: 'button', class: 'btn', id: 'bulk-duplicate', disabled: true,
    onclick: () => runBulk({close: 'duplicate'}, 'Closed as duplicate')}, 'Close selected as duplicate'));

  const cols = [
    {label: allBox, get: (a) => check(a), class: 'pick'},
    {label: 'Alert', get: (a) => link(['alert', a.id], a.id, 'alert-id'), class: 'id'},
    {label: 'Risk', get: (a) => a.score, class: 'num'},
    {label: 'Severity', get: (a) => badge('sev', a.severity)},
    {label: 'Rule', get: (a) => a.rule},
    {label: 'Person', get: (a) => a.actor ? link(['person', a.actor], a.actor) : ''},
    {label: 'Unit', get: (a) => a.unit},
    {label: 'Time', get: (a) => time(a.ts ?? a.time), class: 'nowrap'},
    {label: 'Reason', get: (a) => a.reason, class: 'reason'},
    {label: 'Status', get: (a) => [badge('status', a.status), a.disposition ? h('small', {}, ' ' + a.disposition) : null]},
    {label: 'Assignee', get: (a) => a.assignee || '—'},
  ];
  const total = data.total ?? alerts.length;
  const pager = h('p', {class: 'pager'},
    `${total ? offset + 1 : 0}–${offset + alerts.length} of ${total} `,
    offset > 0 ? h('a', {href: '#/' + route({offset: String(Math.max(0, offset - PAGE)) || ''}), class: 'btn small'}, '‹ Previous') : null,
    ' ',
    offset + alerts.length < total ? h('a', {href: '#/' + route({offset: String(offset + PAGE)}), class: 'btn small'}, 'Next ›') : null);

  main.append(
    h('div', {class: 'title-row'}, h('h1', {}, 'Alert queue'),
      h('span', {class: 'hint'}, 'as of ' + new Date().toISOString().slice(11, 19) + ' UTC'),
      h('button', {type: 'button', class: 'btn small', id: 'refresh', onclick: () => render()}, 'Refresh')),
    countBar, form, bulk, out,
    table(cols, alerts, {class: 'queue', empty: 'No alerts match these filters.', caption: 'Sorted by risk, highest first',
      rowClass: (a) => 'sev-row-' + String(a.severity || '').replace(/[^a-z]/g, '')}),
    pager);
}
