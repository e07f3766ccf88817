// The monthly management summary, printable. Its shape is the server's
// (alerts by rule and outcome, dossiers opened/closed, median time to
// close, top units, unmaskings): arrays become tables, numbers and
// strings a list of figures.
import {h, fields, field, section, autoTable, text} from '../dom.js';
import * as api from '../api.js';

function label(k) {
  return k.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function block(k, v) {
  if (Array.isArray(v)) return section(label(k), autoTable(v.map((x) => (typeof x === 'object' && x ? x : {value: x})), {empty: 'None.'}));
  if (v && typeof v === 'object') {
    const scalars = Object.entries(v).filter(([, x]) => !x || typeof x !== 'object');
    const nested = Object.entries(v).filter(([, x]) => x && typeof x === 'object');
    return section(label(k), scalars.length ? fields(scalars.map(([a, b]) => [label(a), text(b)])) : null,
      nested.map(([a, b]) => block(a, b)));
  }
  return null;
}

export async function summaryPage({main, params, go}) {
  const month = /^\d{4}-\d{2}$/.test(params.month) ? params.month : new Date().toISOString().slice(0, 7);
  const s = await api.get('summary', {month});
  const pick = h('input', {type: 'month', name: 'month', value: month});
  const scalars = Object.entries(s).filter(([, v]) => !v || typeof v !== 'object');
  main.append(
    h('div', {class: 'noprint toolbar'},
      h('form', {class: 'inline', onsubmit: (e) => {
        e.preventDefault();
        if (pick.value) go('summary/' + pick.value);
      }}, field('Month', pick), h('button', {type: 'submit', class: 'btn'}, 'Show')),
      h('button', {type: 'button', class: 'btn primary', onclick: () => window.print()}, 'Print / save as PDF')),
    h('article', {class: 'report'},
      h('h1', {}, 'Protective monitoring: summary for ', h('span', {id: 'summary-month'}, month)),
      scalars.length ? fields(scalars.map(([k, v]) => [label(k), text(v)])) : null,
      Object.entries(s).filter(([, v]) => v && typeof v === 'object').map(([k, v]) => block(k, v))));
}
