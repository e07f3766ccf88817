// Screening of vulnerable functions (VOG, VOG-P, clearance): who is
// overdue or falls due soon, per unit; who started in a screened
// function without a screening; a negative outcome of someone who still
// holds rights. Every value is DOM text.
import {h, table, field, section, link} from '../dom.js';
import * as api from '../api.js';

function who(actor) {
  return api.may('person') ? link(['person', actor], actor) : actor;
}

function status(r) {
  const d = r.days;
  const text = d < 0 ? `overdue ${-d} day${d === -1 ? '' : 's'}` : d === 0 ? 'due today' : `due in ${d} day${d === 1 ? '' : 's'}`;
  return h('span', {class: 'badge screening-' + (d < 0 ? 'overdue' : 'due')}, text);
}

function byUnit(rows) {
  const units = new Map();
  for (const r of rows) {
    if (!units.has(r.unit)) units.set(r.unit, []);
    units.get(r.unit).push(r);
  }
  return [...units.entries()];
}

export async function screeningPage({main, query, go}) {
  const days = h('input', {type: 'number', name: 'days', min: 1, max: 3660, size: 5, value: query.get('days') || '60'});
  const unit = h('input', {name: 'unit', size: 16, value: query.get('unit') || ''});
  const at = h('input', {type: 'date', name: 'at', value: query.get('at') || ''});
  const params = {days: days.value, unit: unit.value.trim(), at: at.value};
  const [due, unscreened, negative] = await Promise.all([
    api.get('screening/due', params),
    api.get('screening/unscreened', {unit: params.unit, at: params.at}),
    api.get('screening/negative', {unit: params.unit, at: params.at}),
  ]);
  const dueCols = [
    {label: 'Person', get: (r) => who(r.actor), class: 'actor'},
    {label: 'Role', get: (r) => r.role},
    {label: 'Kind', get: (r) => r.kind},
    {label: 'Every', get: (r) => `${r.every_months} months`},
    {label: 'Last positive', get: (r) => r.last || 'never'},
    {label: 'Due', get: (r) => r.due},
    {label: 'Status', get: status},
  ];
  const overdue = due.rows.filter((r) => r.days < 0).length;
  const perUnit = byUnit(due.rows);
  main.append(h('h1', {}, 'Screening'),
    h('p', {class: 'lead'}, `As of ${due.at}: ${overdue} overdue, ${due.rows.length - overdue} due within ${due.days} days, `
      + `${unscreened.rows.length} started without a screening, ${negative.rows.length} negative with rights still held.`),
    h('form', {class: 'filters', onsubmit: (ev) => {
      ev.preventDefault();
      const q = new URLSearchParams();
      if (days.value && days.value !== '60') q.set('days', days.value);
      if (unit.value.trim()) q.set('unit', unit.value.trim());
      if (at.value) q.set('at', at.value);
      go('screening' + (q.toString() ? '?' + q : ''));
    }}, field('Due within (days)', days), field('Unit', unit), field('As of', at, 'default: the newest event'),
    h('div', {class: 'field actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Show'))),
    section('Overdue and due, per unit',
      perUnit.length ? perUnit.map(([u, rows]) => h('div', {class: 'unit-group', 'data-unit': u},
        h('h3', {}, u || '(no unit)'),
        table(dueCols, rows, {class: 'due-list', rowClass: (r) => (r.days < 0 ? 'overdue' : null)})))
        : h('p', {class: 'empty'}, `No one overdue or due within ${due.days} days.`)),
    section('Started in a screened function without a screening', table([
      {label: 'Unit', get: (r) => r.unit},
      {label: 'Person', get: (r) => who(r.actor), class: 'actor'},
      {label: 'Role', get: (r) => r.role},
      {label: 'Kind needed', get: (r) => r.kind},
      {label: 'Started', get: (r) => r.start || ''},
      {label: 'Without one for', get: (r) => `${r.days} day${r.days === 1 ? '' : 's'}`},
    ], unscreened.rows, {class: 'unscreened-list', empty: 'No starter without a screening.'})),
    section('Negative outcome, rights still held', table([
      {label: 'Person', get: (r) => who(r.actor), class: 'actor'},
      {label: 'Unit', get: (r) => r.unit},
      {label: 'Role', get: (r) => r.role},
      {label: 'Kind', get: (r) => r.kind},
      {label: 'Negative on', get: (r) => r.screened},
      {label: 'Rights held', get: (r) => r.rights.join(', '), class: 'rights'},
    ], negative.rows, {class: 'negative-list', empty: 'No negative screening of anyone holding rights.'})));
}
