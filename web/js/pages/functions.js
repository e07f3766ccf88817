// The risk analysis of functions (README, "Risk analysis of functions"):
// functions (unit + role) ranked by risk with their band coloured and an
// overdue review marked, the functions due for review, the history of one
// function, and for those who may enter one, a form with the
// questionnaire and its scales.
import {h, table, field, select, message, section, badge} from '../dom.js';
import * as api from '../api.js';
import {notify} from '../notice.js';

const bandBadge = (band) => badge('band', band);

function measuresList(ms) {
  if (!ms || ms.length === 0) return '—';
  return h('ul', {class: 'measures'}, ms.map((m) => h('li', {}, m)));
}

function historyLink(f) {
  const q = new URLSearchParams({unit: f.unit, role: f.role});
  return h('a', {href: '#/functions?' + q, class: 'history-link'}, f.function);
}

function ranking(rows) {
  return table([
    {label: 'Function', get: historyLink},
    {label: 'Process', get: (f) => f.process || '—'},
    {label: 'Impact', get: (f) => f.impact, class: 'num'},
    {label: 'Resilience', get: (f) => f.resilience, class: 'num'},
    {label: 'Risk', get: (f) => f.risk, class: 'num'},
    {label: 'Band', get: (f) => bandBadge(f.band)},
    {label: 'People', get: (f) => f.people, class: 'num'},
    {label: 'Open measures', get: (f) => measuresList(f.measures)},
    {label: 'Next review', get: (f) => f.overdue
      ? h('span', {class: 'overdue'}, f.next_review + ' · overdue ' + f.overdue_days + ' d')
      : f.next_review, class: 'nowrap'},
  ], rows, {empty: 'No function has been analysed yet.', class: 'functions',
    rowClass: (f) => (f.overdue ? 'overdue-row' : null)});
}

function dueTable(rows) {
  return table([
    {label: 'Function', get: (d) => d.function},
    {label: 'Status', get: (d) => d.status},
    {label: 'Next review', get: (d) => d.next_review || '—', class: 'nowrap'},
    {label: 'Days over', get: (d) => (d.status === 'overdue' ? d.days : '—'), class: 'num'},
    {label: 'People', get: (d) => d.people, class: 'num'},
    {label: 'Band', get: (d) => (d.band ? bandBadge(d.band) : '—')},
  ], rows, {empty: 'No review is due.', class: 'due'});
}

function historyTable(versions) {
  return table([
    {label: 'Version', get: (v) => v.version, class: 'num'},
    {label: 'Analysed', get: (v) => v.analysed, class: 'nowrap'},
    {label: 'Next review', get: (v) => v.next_review, class: 'nowrap'},
    {label: 'Impact', get: (v) => v.impact, class: 'num'},
    {label: 'Resilience', get: (v) => v.resilience, class: 'num'},
    {label: 'Risk', get: (v) => v.risk, class: 'num'},
    {label: 'Band', get: (v) => bandBadge(v.band)},
    {label: 'By', get: (v) => v.by},
    {label: 'Open measures', get: (v) => measuresList(v.measures)},
    {label: 'What changed', get: (v) => v.changes || 'first analysis', class: 'reason'},
  ], versions, {empty: 'No versions.', class: 'versions'});
}

// The form: unit, role, process, dates, one choice per question with its
// scale, open measures one a line; prefilled from the function shown.
function analysisForm(questions, current, render) {
  const out = h('div', {'aria-live': 'polite'});
  const today = new Date().toISOString().slice(0, 10);
  const next = new Date(Date.now() + 365 * 864e5).toISOString().slice(0, 10);
  const unit = h('input', {name: 'unit', required: true, size: 18, value: current ? current.unit : ''});
  const role = h('input', {name: 'role', required: true, size: 18, value: current ? current.role : ''});
  const process = h('input', {name: 'process', size: 22, value: current ? current.process : ''});
  const analysed = h('input', {type: 'date', name: 'analysed', required: true, value: today});
  const review = h('input', {type: 'date', name: 'next_review', required: true, value: next});
  const picks = {};
  const group = (kind, title) => h('fieldset', {class: 'questions ' + kind}, h('legend', {}, title),
    questions.filter((q) => q.kind === kind).map((q) => {
      const given = current && current.answers ? current.answers[q.key] : '';
      picks[q.key] = select(q.key, [['', '—'], ...q.scale.map((s, i) => [String(i), `${i} · ${s}`])],
        given === undefined ? '' : given);
      picks[q.key].required = true;
      return field(q.text, picks[q.key]);
    }));
  const measures = h('textarea', {name: 'measures', rows: 3, cols: 60,
    placeholder: 'one open measure a line'});
  if (current && current.measures) measures.value = current.measures.join('\n');
  const form = h('form', {class: 'stack analysis', onsubmit: async (ev) => {
    ev.preventDefault();
    const answers = {};
    for (const [k, s] of Object.entries(picks)) if (s.value !== '') answers[k] = Number(s.value);
    try {
      const res = await api.post('functions', {unit: unit.value.trim(), role: role.value.trim(),
        process: process.value.trim(), analysed: analysed.value, next_review: review.value, answers,
        measures: measures.value.split('\n').map((m) => m.trim()).filter((m) => m)});
      const f = res.functions && res.functions[0];
      notify('ok', `Analysis of ${unit.value.trim()}/${role.value.trim()} saved as version ${res.version}` +
        (f ? `: risk ${f.risk}, ${f.band}.` : '.'));
      render();
    } catch (e) {
      out.replaceChildren(message('error', e.message));
    }
  }},
  h('div', {class: 'row'}, field('Unit', unit), field('Role', role), field('Process', process)),
  h('div', {class: 'row'}, field('Analysed', analysed), field('Next review', review)),
  group('impact', 'Impact: what a corrupted insider in this function could do (0 none … 3 severe)'),
  group('resilience', 'Resilience: the measures in place (0 none … 3 strong)'),
  field('Open measures', measures),
  h('button', {type: 'submit', class: 'btn primary'}, 'Save analysis'), out);
  return form;
}

export async function functionsPage({main, query, render}) {
  const unit = query.get('unit') || '';
  const role = query.get('role') || '';
  const [list, due] = await Promise.all([api.get('functions'), api.get('functions/overdue')]);
  const rows = list.functions || [];
  const overdue = (due.overdue || []).filter((d) => d.status === 'overdue').length;
  main.append(h('h1', {}, 'Functions by risk'),
    h('p', {class: 'lead'}, 'Each function (unit and role) with its latest risk analysis: impact weighed against ' +
      'the resilience of the measures in place, risk = impact × (6 − resilience), 1 to 25. ' +
      `${overdue} review${overdue === 1 ? ' is' : 's are'} overdue.`),
    ranking(rows));
  if (unit && role) {
    let hist;
    try {
      hist = historyTable((await api.get('functions/history', {unit, role})).versions);
    } catch (e) {
      hist = message('error', e.message);
    }
    main.append(section(`History of ${unit}/${role}`, hist));
  }
  main.append(section('Reviews due', dueTable(due.overdue)));
  if (api.may('functions edit')) {
    const qs = await api.get('functions/questions');
    const current = rows.find((f) => f.unit === unit && f.role === role) || null;
    main.append(section(current ? `New analysis of ${current.function}` : 'Enter an analysis',
      analysisForm(qs.questions || [], current, render)));
  }
}
