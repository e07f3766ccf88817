// Suppressions (rule + person, subject or unit, a reason and an end date)
// and the rules' effectiveness, so tuning is visible.
import {h, table, field, select, message, section, time, autoTable} from '../dom.js';
import * as api from '../api.js';
import {notify} from '../notice.js';

export async function suppressionsPage({main, query, go, render}) {
  const all = query.get('all') === '1';
  const data = await api.get('suppressions', {active: all ? '' : 1});
  const out = h('div', {'aria-live': 'polite'});
  const rule = h('input', {name: 'rule', required: true, size: 16});
  const scope = select('scope', [['actor', 'person'], ['subject', 'subject'], ['unit', 'unit']], 'actor');
  const value = h('input', {name: 'value', required: true, size: 16});
  const reason = h('input', {name: 'reason', required: true, size: 40, maxlength: 4000});
  const max = new Date(Date.now() + 365 * 864e5).toISOString().slice(0, 10);
  const until = h('input', {type: 'date', name: 'until', required: true, max,
    min: new Date().toISOString().slice(0, 10)});
  const form = h('form', {class: 'stack', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await api.post('suppressions', {rule: rule.value.trim(), scope: scope.value, value: value.value.trim(),
        reason: reason.value, until: until.value});
      notify('ok', 'Suppression added.');
      render();
    } catch (e) {
      out.replaceChildren(message('error', e.message));
    }
  }}, h('div', {class: 'row'}, field('Rule', rule), field('For a', scope), field('Which (pseudonym, subject or unit)', value)),
  h('div', {class: 'row'}, field('Reason', reason), field('Until (at most a year)', until)),
  h('button', {type: 'submit', class: 'btn primary'}, 'Add suppression'), out);
  const end = (s) => s.active ? h('button', {type: 'button', class: 'btn small end', onclick: async () => {
    try {
      await api.post('suppressions/' + encodeURIComponent(s.id) + '/end', {});
      notify('ok', `Suppression ${s.id} ended.`);
      render();
    } catch (e) {
      out.replaceChildren(message('error', e.message));
    }
  }}, 'End now') : 'ended';
  main.append(h('h1', {}, 'Suppressions'),
    h('p', {class: 'lead'}, 'A known-benign pattern leaves the queue until its end date; its alerts are kept. Expired suppressions end by themselves.'),
    h('p', {class: 'noprint'}, h('a', {href: all ? '#/suppressions' : '#/suppressions?all=1'}, all ? 'Show only active' : 'Show ended ones too')),
    table([
      {label: '#', get: (s) => s.id, class: 'id'},
      {label: 'Rule', get: (s) => s.rule},
      {label: 'Scope', get: (s) => s.scope},
      {label: 'Value', get: (s) => s.value},
      {label: 'Reason', get: (s) => s.reason, class: 'reason'},
      {label: 'Until', get: (s) => time(s.until)},
      {label: 'By', get: (s) => s.by},
      {label: 'Since', get: (s) => time(s.at)},
      {label: '', get: end},
    ], data.suppressions, {empty: 'No suppressions.'}),
    section('Add a suppression', form));
  void go;
}

export async function rulesPage({main, query, go}) {
  const from = h('input', {type: 'date', name: 'from', value: query.get('from') || ''});
  const to = h('input', {type: 'date', name: 'to', value: query.get('to') || ''});
  const eff = await api.get('rules/effectiveness', {from: from.value, to: to.value});
  const pct = (v) => (typeof v === 'number' ? (v * 100).toFixed(0) + ' %' : '—');
  let settings = null;
  try {
    settings = await api.get('rules');
  } catch (e) {
    settings = null;
  }
  const rows = settings && (Array.isArray(settings) ? settings : settings.rules);
  main.append(h('h1', {}, 'Rules'),
    h('form', {class: 'filters', onsubmit: (ev) => {
      ev.preventDefault();
      const q = new URLSearchParams();
      if (from.value) q.set('from', from.value);
      if (to.value) q.set('to', to.value);
      go('rules' + (q.toString() ? '?' + q : ''));
    }}, field('From', from), field('To', to), h('div', {class: 'field actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Show'))),
    section('Effectiveness per rule', table([
      {label: 'Rule', get: (r) => r.rule},
      {label: 'Alerts', get: (r) => r.alerts, class: 'num'},
      {label: 'Open', get: (r) => r.open, class: 'num'},
      {label: 'Confirmed', get: (r) => r.confirmed, class: 'num'},
      {label: 'Benign', get: (r) => r.benign, class: 'num'},
      {label: 'False positive', get: (r) => r.false_positive, class: 'num'},
      {label: 'Duplicate', get: (r) => r.duplicate, class: 'num'},
      {label: 'Suppressed', get: (r) => r.suppressed, class: 'num'},
      {label: 'Precision', get: (r) => pct(r.precision), class: 'num'},
    ], eff.rules, {empty: 'No alerts in the period.'})),
    rows ? section('Settings in force', autoTable(rows, {first: ['rule'], empty: 'No rules.'})) : null);
}
