// A subject's page: who accessed the record, whether each access was
// explained and by what, and the accesses to others at the same address.
import {h, table, field, link, section, text, time, autoTable, currentSubject, openSubject} from '../dom.js';
import * as api from '../api.js';

// Without a subject: ask for one (the number is sent in a request's body,
// never put in the address).
function askSubject(main) {
  const subj = h('input', {name: 'subject', required: true, size: 16, autocomplete: 'off'});
  main.append(h('h1', {}, 'Subject'),
    h('form', {class: 'inline', onsubmit: (ev) => {
      ev.preventDefault();
      if (subj.value.trim()) openSubject(subj.value.trim());
    }}, field('Subject (citizen number)', subj), h('button', {type: 'submit', class: 'btn primary'}, 'Show')));
}

export async function subjectPage({main, query, go}) {
  const id = currentSubject();
  if (!id) {
    askSubject(main);
    return;
  }
  const from = h('input', {type: 'date', name: 'from', value: query.get('from') || ''});
  const to = h('input', {type: 'date', name: 'to', value: query.get('to') || ''});
  const data = await api.post('subject', {subject: id, from: from.value, to: to.value});
  const acc = data.accesses || [];
  main.append(
    h('h1', {}, 'Subject ', h('span', {class: 'subject-id'}, data.subject || id)),
    h('p', {class: 'noprint'}, h('a', {href: '#/protocol', class: 'btn', id: 'to-protocol'}, 'Protocol letter for this citizen')),
    h('form', {class: 'filters', onsubmit: (ev) => {
      ev.preventDefault();
      const q = new URLSearchParams();
      if (from.value) q.set('from', from.value);
      if (to.value) q.set('to', to.value);
      go('subject' + (q.toString() ? '?' + q : ''));
    }}, field('From', from), field('To', to), h('div', {class: 'field actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Show'))),
    section(`Who accessed it (${acc.length})`, table([
      {label: 'Time', get: (e) => time(e.ts ?? e.time), class: 'nowrap'},
      {label: 'Person', get: (e) => e.actor ? link(['person', e.actor], e.actor) : ''},
      {label: 'Unit', get: (e) => e.unit},
      {label: 'System', get: (e) => e.system},
      {label: 'Action', get: (e) => e.action},
      {label: 'Stated case', get: (e) => e.case},
      {label: 'Explained', get: (e) => h('span', {class: e.explained === true ? 'yes' : e.explained === false ? 'no' : ''},
        e.explained === true ? 'yes' : e.explained === false ? 'no' : text(e.status) || '—')},
      {label: 'By / why not', get: (e) => [e.by_case, e.explanation ?? e.reason].filter((x) => x).map(text).join(' — ')},
    ], acc, {empty: 'Nobody accessed this subject in the period.',
      rowClass: (e) => (e.explained === false ? 'unexplained' : '')})),
    section('Others at the same address', autoTable(data.same_address || [], {first: ['subject', 'accesses'],
      empty: 'No others at the same address, or no address known.'})));
}
