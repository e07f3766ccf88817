// Integrity cases ("dossiers": the table `cases` holds the organisation's
// own work cases): the list, one dossier, and its evidence report, a page
// made for printing to PDF.
import {h, table, fields, field, select, badge, link, message, section, text, time} from '../dom.js';
import * as api from '../api.js';
import {notify} from '../notice.js';
import {notesList, noteForm, historyTable} from './alert.js';

function alertsTable(alerts) {
  return table([
    {label: 'Alert', get: (a) => link(['alert', a.id], a.id, 'alert-id'), class: 'id'},
    {label: 'Time', get: (a) => time(a.ts ?? a.time), class: 'nowrap'},
    {label: 'Rule', get: (a) => a.rule},
    {label: 'Severity', get: (a) => badge('sev', a.severity)},
    {label: 'Reason', get: (a) => a.reason, class: 'reason'},
    {label: 'Status', get: (a) => a.status},
    {label: 'Disposition', get: (a) => a.disposition},
  ], alerts, {empty: 'No alerts in this dossier.'});
}

export async function dossiersPage({main, query, go}) {
  const status = query.get('status') || '';
  const data = await api.get('dossiers', {status});
  const pick = select('status', [['', 'all'], ['open', 'open'], ['closed', 'closed']], status);
  pick.addEventListener('change', () => go('dossiers' + (pick.value ? '?status=' + pick.value : '')));
  main.append(h('h1', {}, 'Dossiers'),
    h('p', {class: 'lead'}, 'Integrity cases: one person, the alerts merged into it, notes and an investigator. New dossiers are made from an alert ("Add to dossier").'),
    h('form', {class: 'filters', onsubmit: (e) => e.preventDefault()}, field('Status', pick)),
    table([
      {label: 'Dossier', get: (d) => link(['dossier', d.id], d.id, 'dossier-id'), class: 'id'},
      {label: 'Title', get: (d) => d.title},
      {label: 'Person', get: (d) => d.actor ? link(['person', d.actor], d.actor) : ''},
      {label: 'Status', get: (d) => badge('status', d.status)},
      {label: 'Investigator', get: (d) => d.investigator || '—'},
      {label: 'Alerts', get: (d) => d.alerts, class: 'num'},
      {label: 'Opened', get: (d) => time(d.opened), class: 'nowrap'},
      {label: 'Closed', get: (d) => time(d.closed), class: 'nowrap'},
    ], data.dossiers, {empty: 'No dossiers.', class: 'dossiers'}));
}

export async function dossierPage({main, params, render}) {
  const id = params.id;
  const base = 'dossiers/' + encodeURIComponent(id);
  const data = await api.get(base);
  const d = data.dossier || {};
  const out = h('div', {'aria-live': 'polite'});
  const act = async (path, body) => {
    try {
      await api.post(base + '/' + path, body);
      notify('ok', 'Saved.');
      render();
    } catch (e) {
      out.replaceChildren(message('error', e.message));
    }
  };
  const inv = h('input', {name: 'investigator', size: 16, value: d.investigator || '', required: true});
  const ids = h('input', {name: 'ids', size: 24, placeholder: 'alert ids, separated by spaces', required: true});
  const outcome = h('input', {name: 'outcome', size: 30, placeholder: 'outcome (for closing)'});
  main.append(
    h('p', {class: 'crumbs noprint'}, link(['dossiers'], '‹ Dossiers')),
    h('h1', {}, 'Dossier ', h('span', {class: 'dossier-id'}, d.id || id), ': ', h('span', {id: 'dossier-title'}, text(d.title))),
    h('p', {}, h('a', {href: '#/dossier/' + encodeURIComponent(id) + '/report', class: 'btn primary', id: 'open-report'}, 'Evidence report (printable)')),
    h('div', {class: 'cols'},
      section('Dossier', fields([
        ['Person', d.actor ? link(['person', d.actor], d.actor) : ''],
        ['Status', badge('status', d.status)],
        ['Investigator', text(d.investigator) || '—'],
        ['Opened', time(d.opened)],
        ['Closed', time(d.closed)],
        d.outcome ? ['Outcome', d.outcome] : null,
      ])),
      section('Manage', out,
        h('form', {class: 'inline', onsubmit: (e) => {
          e.preventDefault();
          act('assign', {investigator: inv.value.trim()});
        }}, field('Investigator', inv), h('button', {type: 'submit', class: 'btn'}, 'Assign')),
        h('form', {class: 'inline', onsubmit: (e) => {
          e.preventDefault();
          act('alerts', {ids: ids.value.split(/[\s,]+/).filter((x) => x)});
        }}, field('Add alerts', ids), h('button', {type: 'submit', class: 'btn'}, 'Add')),
        h('form', {class: 'inline', onsubmit: (e) => {
          e.preventDefault();
          act('status', d.status === 'closed' ? {status: 'open'} : {status: 'closed', outcome: outcome.value});
        }}, d.status === 'closed' ? null : field('Outcome', outcome),
        h('button', {type: 'submit', class: 'btn'}, d.status === 'closed' ? 'Reopen dossier' : 'Close dossier')))),
    section('Alerts', alertsTable(data.alerts)),
    section('Notes', notesList(data.notes), noteForm(base + '/notes', render)),
    section('History', historyTable(data.history)));
}

export async function reportPage({main, params}) {
  const id = params.id;
  const r = await api.get('dossiers/' + encodeURIComponent(id) + '/report');
  const d = r.dossier || {};
  const period = r.period || {};
  main.append(
    h('div', {class: 'noprint toolbar'}, link(['dossier', id], '‹ Dossier'), ' ',
      h('button', {type: 'button', class: 'btn primary', onclick: () => window.print()}, 'Print / save as PDF')),
    h('article', {class: 'report'},
      h('header', {class: 'report-head'},
        h('p', {class: 'classification'}, 'Confidential — integrity investigation'),
        h('h1', {}, 'Evidence report, dossier ', h('span', {class: 'dossier-id'}, d.id || id)),
        fields([
          ['Title', d.title],
          ['Person', r.person || d.actor],
          ['Status', d.status],
          ['Investigator', text(d.investigator) || '—'],
          ['Period', `${time(period.from)} – ${time(period.to)}`],
          ['Printed', time(Date.now())],
        ])),
      h('section', {}, h('h2', {}, 'Alerts'), table([
        {label: 'Alert', get: (a) => a.id, class: 'id'},
        {label: 'Rule', get: (a) => a.rule},
        {label: 'Severity', get: (a) => a.severity},
        {label: 'Reason', get: (a) => a.reason, class: 'reason'},
        {label: 'Status', get: (a) => a.status},
        {label: 'Disposition', get: (a) => a.disposition},
      ], r.alerts, {empty: 'No alerts.'})),
      h('section', {}, h('h2', {}, 'Timeline of look-ups'),
        h('p', {class: 'hint'}, 'Every look-up of the person in the period: what was asked, how many records came back, from where, and whether a case explains it.'),
        table([
          {label: 'Time', get: (e) => time(e.ts ?? e.time), class: 'nowrap'},
          {label: 'System', get: (e) => e.system},
          {label: 'Action', get: (e) => e.action},
          {label: 'Subject', get: (e) => e.subject},
          {label: 'Query', get: (e) => e.query, class: 'query'},
          {label: 'Results', get: (e) => e.results, class: 'num'},
          {label: 'Client', get: (e) => e.client},
          {label: 'Explanation', get: (e) => e.explanation},
          {label: 'Alerts', get: (e) => (e.alert_ids || []).join(', ')},
        ], r.timeline, {empty: 'No look-ups in the period.', class: 'timeline',
          rowClass: (e) => (e.alert_ids || []).length ? 'has-alert' : null})),
      h('section', {}, h('h2', {}, 'Notes'), notesList(r.notes))));
}
