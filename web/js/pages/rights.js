// Authorisation reports (GET rights/unused, rights/leavers, rights/movers,
// rights/conflicts): rights not used in N days or never, rights still held
// by people who left or are not in the staff register, rights kept after
// a move, and segregation-of-duties conflicts. Each person links to their
// page; every value goes in as text.
import {h, table, field, section, link} from '../dom.js';
import * as api from '../api.js';

const person = (w) => link(['person', w.actor], w.actor);
const lastUse = (w) => w.last_use || 'never';
const place = (unit, role) => [unit, role].filter((x) => x).join(' / ') || '—';

function block(id, title, data, cols, empty) {
  const s = section(`${title} (${data.count})`, table(cols, data.rights, {empty}));
  s.id = id;
  return s;
}

export async function rightsPage({main, query, go}) {
  const days = /^\d{1,5}$/.test(query.get('days') || '') ? query.get('days') : '90';
  const system = query.get('system') || '';
  const unit = query.get('unit') || '';
  const filter = {system, unit};
  const [unused, leavers, movers, conflicts] = await Promise.all([
    api.get('rights/unused', {days, ...filter}),
    api.get('rights/leavers', filter),
    api.get('rights/movers', filter),
    api.get('rights/conflicts', filter),
  ]);
  const daysIn = h('input', {type: 'number', name: 'days', min: 1, max: 36500, value: days, size: 6});
  const systemIn = h('input', {name: 'system', value: system, size: 12});
  const unitIn = h('input', {name: 'unit', value: unit, size: 14});
  const form = h('form', {class: 'filters', onsubmit: (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    if (daysIn.value && daysIn.value !== '90') q.set('days', daysIn.value);
    if (systemIn.value.trim()) q.set('system', systemIn.value.trim());
    if (unitIn.value.trim()) q.set('unit', unitIn.value.trim());
    go('rights' + (q.toString() ? '?' + q : ''));
  }}, field('Not used in (days)', daysIn), field('System', systemIn), field('Unit', unitIn),
  h('div', {class: 'field actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Show')));
  main.append(h('h1', {}, 'Rights'),
    h('p', {class: 'lead'}, `Rights (rights.csv) set against the access log, as of ${unused.time.slice(0, 10)}: ` +
      'what is not used, what people who left still hold, what was kept after a move, and combinations no one may hold.'),
    form,
    block('unused', `Not used in ${unused.days} days or never`, unused, [
      {label: 'Person', get: person},
      {label: 'Unit / role', get: (w) => place(w.unit, w.role)},
      {label: 'Right', get: (w) => w.right, class: 'right'},
      {label: 'Granted', get: (w) => w.granted},
      {label: 'Granted by', get: (w) => w.granted_by},
      {label: 'Last use', get: lastUse},
      {label: 'Idle days', get: (w) => w.idle_days, class: 'num'},
    ], 'Every right was used in the period.'),
    block('leavers', 'Held by people who left or are not in the staff register', leavers, [
      {label: 'Person', get: person},
      {label: 'Unit / role', get: (w) => place(w.unit, w.role)},
      {label: 'Right', get: (w) => w.right, class: 'right'},
      {label: 'Granted', get: (w) => w.granted},
      {label: 'Left', get: (w) => (w.registered ? w.left : 'not in the staff register')},
      {label: 'Last use', get: lastUse},
    ], 'No one who left holds a right.'),
    block('movers', 'Kept after a move to another unit or role', movers, [
      {label: 'Person', get: person},
      {label: 'Right', get: (w) => w.right, class: 'right'},
      {label: 'Granted', get: (w) => w.granted},
      {label: 'Moved', get: (w) => w.moved},
      {label: 'From', get: (w) => place(w.from_unit, w.from_role)},
      {label: 'To', get: (w) => place(w.to_unit, w.to_role)},
      {label: 'Last use', get: lastUse},
    ], 'No right was kept after a move.'),
    block('conflicts', 'Conflicting combinations', conflicts, [
      {label: 'Person', get: person},
      {label: 'Unit / role', get: (w) => place(w.unit, w.role)},
      {label: 'Conflict', get: (w) => w.conflict},
      {label: 'Held', get: (w) => `${w.right} + ${w.held_b}`},
      {label: 'Reason', get: (w) => w.reason, class: 'reason'},
    ], 'No one holds a conflicting combination.'));
}
