// One alert: its fields and reason, the events behind it, the workflow
// (status with a disposition, assignee, notes), its history, similar
// alerts and how they were closed, and adding it to a dossier.
import {h, table, fields, field, select, badge, link, message, section, text, time} from '../dom.js';
import * as api from '../api.js';
import {notify} from '../notice.js';

const DISPOSITIONS = [['confirmed', 'confirmed'], ['benign', 'benign'],
  ['false_positive', 'false positive'], ['duplicate', 'duplicate']];

export function eventsTable(events, empty) {
  return table([
    {label: 'Time', get: (e) => time(e.ts ?? e.time), class: 'nowrap'},
    {label: 'System', get: (e) => e.system},
    {label: 'Action', get: (e) => e.action},
    {label: 'Subject', get: (e) => e.subject ? link(['subject', e.subject], e.subject) : ''},
    {label: 'Query', get: (e) => e.query, class: 'query'},
    {label: 'Results', get: (e) => e.results, class: 'num'},
    {label: 'Client', get: (e) => e.client},
    {label: 'Case / purpose', get: (e) => [e.case, e.purpose].filter((x) => x).join(' · ')},
    {label: 'Explained', get: (e) => e.explanation ?? e.explained_by ?? e.explained},
  ], events, {empty: empty || 'No events.', class: 'events'});
}

function similarBlock(title, s) {
  if (!s) return null;
  return h('div', {class: 'similar'}, h('h3', {}, title),
    h('p', {class: 'similar-counts'},
      `${s.count ?? 0} ${s.count === 1 ? 'alert' : 'alerts'}: ${s.open ?? 0} open, ${s.confirmed ?? 0} confirmed, ${s.benign ?? 0} benign, ` +
      `${s.false_positive ?? 0} false positive, ${s.duplicate ?? 0} duplicate`),
    (s.ids || []).length ? h('ul', {class: 'ids'}, s.ids.map((id) => h('li', {}, link(['alert', id], id)))) : null);
}

export function notesList(notes) {
  if (!notes || !notes.length) return h('p', {class: 'empty'}, 'No notes yet.');
  return h('ol', {class: 'notes'}, notes.map((n) =>
    h('li', {}, h('div', {class: 'note-meta'}, `${time(n.at)} · ${text(n.account)}`), h('p', {class: 'note-text'}, n.text))));
}

export function historyTable(history) {
  return table([
    {label: 'When', get: (x) => time(x.at), class: 'nowrap'},
    {label: 'Account', get: (x) => x.account},
    {label: 'Action', get: (x) => x.action},
    {label: 'From', get: (x) => x.from},
    {label: 'To', get: (x) => x.to},
    {label: 'Detail', get: (x) => x.detail},
  ], history, {empty: 'No changes yet.'});
}

// A form that appends a note through POST path {text}.
export function noteForm(path, after) {
  const ta = h('textarea', {name: 'text', rows: 3, maxlength: 4000, required: true});
  const out = h('div', {'aria-live': 'polite'});
  const form = h('form', {class: 'note-form', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await api.post(path, {text: ta.value});
      ta.value = '';
      notify('ok', 'Note added.');
      after();
    } catch (e) {
      out.replaceChildren(message('error', e.message));
    }
  }}, field('Add a note (notes are kept as written; they cannot be edited)', ta),
  h('button', {type: 'submit', class: 'btn'}, 'Add note'), out);
  return form;
}

export async function alertPage({main, params, render}) {
  const id = params.id;
  const data = await api.get('alerts/' + encodeURIComponent(id));
  const a = data.alert || {};
  const out = h('div', {'aria-live': 'polite', id: 'alert-msg'});
  const act = async (path, body, done) => {
    out.replaceChildren();
    try {
      await api.post('alerts/' + encodeURIComponent(id) + '/' + path, body);
      notify('ok', done);
      render();
    } catch (e) {
      out.appendChild(message('error', e.message));
    }
  };

  const note = h('input', {name: 'note', size: 30, placeholder: 'optional'});
  const disp = select('disposition', DISPOSITIONS, 'confirmed');
  const st = a.status;
  const statusForm = h('form', {class: 'workflow', 'aria-label': 'Change status', onsubmit: (ev) => ev.preventDefault()},
    h('div', {class: 'buttons'},
      st === 'new' ? h('button', {type: 'button', class: 'btn', id: 'do-acknowledge',
        onclick: () => act('status', {status: 'acknowledged', note: note.value || undefined}, 'Acknowledged.')}, 'Acknowledge') : null,
      st === 'acknowledged' ? h('button', {type: 'button', class: 'btn', id: 'do-investigate',
        onclick: () => act('status', {status: 'investigating', note: note.value || undefined}, 'Under investigation.')}, 'Investigate') : null,
      st === 'closed' ? h('button', {type: 'button', class: 'btn', id: 'do-reopen',
        onclick: () => act('status', {status: 'acknowledged', note: note.value || undefined}, 'Reopened.')}, 'Reopen') : null),
    st !== 'closed' ? h('div', {class: 'close-row'}, field('Disposition', disp), field('Note', note),
      h('button', {type: 'button', class: 'btn danger', id: 'do-close',
        onclick: () => act('status', {status: 'closed', disposition: disp.value, note: note.value || undefined},
          'Closed as ' + disp.value.replace('_', ' ') + '.')}, 'Close')) : null);

  const who = h('input', {name: 'assignee', size: 16, value: a.assignee || '', required: true});
  const assignForm = h('form', {class: 'inline', onsubmit: (ev) => {
    ev.preventDefault();
    act('assign', {assignee: who.value.trim()}, 'Assigned to ' + who.value.trim() + '.');
  }}, field('Assignee (account)', who), h('button', {type: 'submit', class: 'btn', id: 'do-assign'}, 'Assign'));

  main.append(
    h('p', {class: 'crumbs noprint'}, link(['queue'], '‹ Queue')),
    h('h1', {}, 'Alert ', h('span', {class: 'alert-id', id: 'alert-id'}, a.id || id)),
    h('div', {class: 'cols'},
      section('Alert',
        fields([
          ['Status', h('span', {id: 'alert-status'}, badge('status', a.status))],
          ['Disposition', h('span', {id: 'alert-disposition'}, text(a.disposition) || '—')],
          ['Assignee', h('span', {id: 'alert-assignee'}, text(a.assignee) || '—')],
          ['Rule', a.rule],
          ['Severity', badge('sev', a.severity)],
          ['Risk score', a.score],
          ['Person', a.actor ? link(['person', a.actor], a.actor) : ''],
          ['Unit', a.unit],
          ['Time', time(a.ts ?? a.time)],
          ['Suppressed', a.suppressed],
          ['Dossier', data.dossier ? link(['dossier', data.dossier.id], `${data.dossier.id} · ${text(data.dossier.title)} (${text(data.dossier.status)})`) : '—'],
        ]),
        h('h3', {}, 'Reason'), h('p', {class: 'reason', id: 'alert-reason'}, a.reason),
        a.why ? [h('h3', {}, 'Why'), h('p', {class: 'why'}, text(a.why))] : null),
      section('Workflow', out, statusForm, assignForm, dossierForm(a, data.dossier, render))),
    section('Events', eventsTable(a.events, 'No events recorded for this alert.')),
    h('div', {class: 'cols'},
      section('Similar alerts',
        similarBlock('Same rule, same person', data.similar && data.similar.same_rule_person),
        similarBlock('Same subject', data.similar && data.similar.same_subject)),
      section('Notes', h('div', {id: 'alert-notes'}, notesList(data.notes)),
        noteForm('alerts/' + encodeURIComponent(id) + '/notes', render))),
    section('History', historyTable(data.history)));
}

// "Add to dossier": an open dossier of the same person, or a new one.
function dossierForm(a, current, render) {
  if (current) return null;
  const out = h('div', {'aria-live': 'polite'});
  const pick = h('select', {name: 'dossier'}, h('option', {value: ''}, 'a new dossier'));
  const title = h('input', {name: 'title', size: 24, placeholder: 'title of a new dossier'});
  api.get('dossiers', {status: 'open'}).then((d) => {
    for (const x of (d.dossiers || []).filter((x) => x.actor === a.actor)) {
      pick.appendChild(h('option', {value: x.id}, `${x.id} · ${text(x.title)}`));
    }
  }).catch(() => {});
  return h('form', {class: 'inline', 'aria-label': 'Add to dossier', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      if (pick.value) await api.post('dossiers/' + encodeURIComponent(pick.value) + '/alerts', {ids: [a.id]});
      else await api.post('dossiers', {actor: a.actor, title: title.value.trim() || `${a.rule}: ${a.actor}`, alerts: [a.id]});
      notify('ok', pick.value ? `Added to dossier ${pick.value}.` : 'Added to a new dossier.');
      render();
    } catch (e) {
      out.replaceChildren(message('error', e.message));
    }
  }}, field('Add to dossier', pick), field('Title', title),
  h('button', {type: 'submit', class: 'btn', id: 'do-dossier'}, 'Add to dossier'), out);
}
