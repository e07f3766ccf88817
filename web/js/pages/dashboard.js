// The dashboard: alerts per day by rule (stacked bars), the open queue
// and its age, dispositions per rule, top units by risk, ingest status,
// risk by function (the latest risk analysis of each function).
import {h, table, fields, field, select, section, time, badge, link} from '../dom.js';
import * as api from '../api.js';
import {chart, color} from '../charts.js';

export async function dashboardPage({main, query, go}) {
  const days = query.get('days') || '30';
  const d = await api.get('dashboard', {days});
  const perDay = d.alerts_per_day || [];
  const dayLabels = [...new Set(perDay.map((r) => r.day))].sort();
  const rules = [...new Set(perDay.map((r) => r.rule))].sort();
  const byRule = rules.map((rule, i) => ({
    label: rule, backgroundColor: color(i),
    data: dayLabels.map((day) => perDay.filter((r) => r.day === day && r.rule === rule).reduce((s, r) => s + (r.n || 0), 0)),
  }));
  const q = d.queue || {};
  const ages = q.ages || [];
  const disp = d.dispositions || [];
  const units = d.top_units || [];
  const ing = d.ingest || {};
  const fns = d.risk_by_function || [];
  const pick = select('days', [['7', '7 days'], ['30', '30 days'], ['90', '90 days'], ['365', 'a year']], days);
  pick.addEventListener('change', () => go('dashboard?days=' + pick.value));
  const month = new Date().toISOString().slice(0, 7);
  main.append(
    h('h1', {}, 'Dashboard'),
    h('div', {class: 'toolbar noprint'}, h('form', {class: 'inline', onsubmit: (e) => e.preventDefault()}, field('Period', pick)),
      h('a', {href: '#/summary/' + month, class: 'btn'}, 'Monthly management summary')),
    h('div', {class: 'tiles'},
      h('div', {class: 'tile'}, h('span', {class: 'n', id: 'tile-open'}, String(q.open ?? 0)), 'open alerts'),
      h('div', {class: 'tile'}, h('span', {class: 'n'}, String(q.oldest_days ?? 0)), 'days, the oldest open'),
      h('div', {class: 'tile'}, h('span', {class: 'n'}, String(ing.events ?? 0)), 'events stored'),
      h('div', {class: 'tile'}, h('span', {class: 'n'}, String(ing.quarantined ?? 0)), 'lines quarantined')),
    h('div', {class: 'grid2'},
      section('Alerts per day by rule', chart('Alerts per day, stacked by rule', {
        type: 'bar', data: {labels: dayLabels, datasets: byRule},
        options: {scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true}}},
      })),
      section('Open queue by age', chart('Open alerts by age', {
        type: 'bar', data: {labels: ages.map((a) => a.bucket), datasets: [{label: 'open alerts',
          data: ages.map((a) => a.n), backgroundColor: color(1)}]},
        options: {plugins: {legend: {display: false}}, scales: {y: {beginAtZero: true}}},
      })),
      section('Dispositions per rule', chart('Closed alerts per rule by disposition', {
        type: 'bar', data: {labels: disp.map((r) => r.rule), datasets: [
          ['confirmed', 'confirmed'], ['benign', 'benign'], ['false_positive', 'false positive'], ['duplicate', 'duplicate'],
        ].map(([k, label], i) => ({label, data: disp.map((r) => r[k] || 0), backgroundColor: color(i + 2)}))},
        options: {indexAxis: 'y', scales: {x: {stacked: true, beginAtZero: true}, y: {stacked: true}}},
      })),
      section('Top units by risk', chart('Units by risk', {
        type: 'bar', data: {labels: units.map((u) => u.unit), datasets: [{label: 'risk', data: units.map((u) => u.risk),
          backgroundColor: color(0)}]},
        options: {indexAxis: 'y', plugins: {legend: {display: false}}, scales: {x: {beginAtZero: true}}},
      }), table([{label: 'Unit', get: (u) => u.unit}, {label: 'Risk', get: (u) => u.risk, class: 'num'},
        {label: 'People', get: (u) => u.people, class: 'num'}], units, {empty: 'No units with risk.'}))),
    fns.length ? section('Risk by function', table([
      {label: 'Function', get: (f) => link(['functions'], f.function)},
      {label: 'Band', get: (f) => badge('band', f.band)},
      {label: 'Risk', get: (f) => f.risk, class: 'num'},
      {label: 'People', get: (f) => f.people, class: 'num'},
      {label: 'Alerts in the period', get: (f) => f.alerts, class: 'num'},
    ], fns, {class: 'by-function'})) : null,
    section('Ingest', fields([
      ['Events stored', ing.events],
      ['Last event', typeof ing.last_event === 'number' ? time(ing.last_event) : ing.last_event],
      ['Events per second, last hour', ing.events_per_second_last_hour],
      ['Quarantined lines', ing.quarantined],
    ])));
}
