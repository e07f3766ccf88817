// Incident correlation (paste "subject,time" lines, or use the stored
// incidents) and convergence groups.
import {h, field, message, section, autoTable} from '../dom.js';
import * as api from '../api.js';

// "S123,2026-03-02T10:00:00Z" lines -> [{subject, ts}]; bad lines listed.
export function parseIncidents(textValue) {
  const incidents = [];
  const bad = [];
  textValue.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const m = t.split(/[,;\t]/).map((x) => x.trim());
    const ms = m.length === 2 ? (/^\d+$/.test(m[1]) ? Number(m[1]) : Date.parse(m[1])) : NaN;
    if (!m[0] || Number.isNaN(ms)) bad.push(i + 1);
    else incidents.push({subject: m[0], ts: ms});
  });
  return {incidents, bad};
}

export async function correlatePage({main}) {
  const ta = h('textarea', {name: 'incidents', rows: 6, cols: 60, placeholder: 'subject,2026-03-02T10:00:00Z'});
  const days = h('input', {type: 'number', name: 'days', min: 1, max: 365, value: 14});
  const out = h('div', {id: 'correlate-out', 'aria-live': 'polite'});
  const show = (rows) => {
    out.replaceChildren(autoTable(Array.isArray(rows) ? rows : rows.rows || rows.people || [],
      {first: ['rank', 'actor', 'unit', 'hits', 'p', 'p_any'], empty: 'Nobody looked up these subjects before the incidents.'}));
  };
  main.append(h('h1', {}, 'Incident correlation'),
    h('p', {class: 'lead'}, 'Who looked up the subjects of incidents shortly before they happened, ranked by how improbable that is by chance.'),
    h('form', {class: 'stack', onsubmit: async (ev) => {
      ev.preventDefault();
      const {incidents, bad} = parseIncidents(ta.value);
      if (bad.length || !incidents.length) {
        out.replaceChildren(message('error', bad.length ? `Line${bad.length > 1 ? 's' : ''} ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} not "subject,time"; nothing was sent.` : 'Paste at least one incident.'));
        return;
      }
      try {
        show(await api.post('correlate', {incidents, days: Number(days.value) || 14}));
      } catch (e) {
        out.replaceChildren(message('error', e.message));
      }
    }}, field('Incidents, one per line: subject,time (ISO 8601 or epoch ms)', ta),
    field('Days looked back', days),
    h('div', {class: 'buttons'}, h('button', {type: 'submit', class: 'btn primary'}, 'Correlate'),
      h('button', {type: 'button', class: 'btn', onclick: async () => {
        try {
          show(await api.get('correlate'));
        } catch (e) {
          out.replaceChildren(message('error', e.message));
        }
      }}, 'Use the stored incidents'))),
    section('Ranked', out));
}

export async function convergencePage({main}) {
  const data = await api.get('convergence');
  main.append(h('h1', {}, 'Convergence groups'),
    h('p', {class: 'lead'}, 'Employees, usually of different units, who looked up the same rarely-touched subjects without a case, within days of each other.'),
    autoTable(data.groups || [], {first: ['actors', 'units', 'shared', 'p'], empty: 'No groups.'}));
}
