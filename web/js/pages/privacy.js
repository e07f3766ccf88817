// Privacy: asking to unmask a pseudonym (why, and for which alert or
// dossier), deciding requests (another account than the one who asked),
// the audit trail (privacy officer and auditor only) and the privacy
// report.
import {h, field, message, section, autoTable} from '../dom.js';
import * as api from '../api.js';
import {notify} from '../notice.js';

export async function unmaskPage({main, query, render}) {
  const out = h('div', {'aria-live': 'polite', id: 'unmask-msg'});
  const pseudonym = h('input', {name: 'pseudonym', required: true, size: 18, value: query.get('pseudonym') || '',
    placeholder: 'emp-…', spellcheck: 'false'});
  const reason = h('textarea', {name: 'reason', rows: 2, cols: 50, required: true, maxlength: 4000});
  const about = h('input', {name: 'about', size: 14, value: query.get('about') || '', placeholder: 'alert or dossier id'});
  const canAsk = api.may('unmask request');
  const canDecide = api.may('unmask approve');
  const data = await api.get('unmask');
  const decide = (r) => {
    const status = String(r.status || '');
    if (!canDecide || status !== 'pending') return status;
    const note = h('input', {name: 'refuse-reason', size: 16, placeholder: 'reason (to refuse)', 'aria-label': 'reason for refusing request ' + r.id});
    const post = async (what, body) => {
      try {
        await api.post('unmask/' + encodeURIComponent(r.id) + '/' + what, body);
        notify('ok', `Request ${r.id} ${what === 'approve' ? 'approved' : 'refused'}.`);
        render();
      } catch (e) {
        out.replaceChildren(message('error', e.message));
      }
    };
    return h('span', {class: 'decide'},
      h('button', {type: 'button', class: 'btn small primary', 'data-approve': String(r.id),
        onclick: () => post('approve', {})}, 'Approve'), ' ',
      note, ' ',
      h('button', {type: 'button', class: 'btn small danger', 'data-refuse': String(r.id),
        onclick: () => post('refuse', {reason: note.value})}, 'Refuse'));
  };
  const rows = (data.requests || []).map((r) => (canDecide ? {...r, decide: decide(r)} : r));
  main.append(h('h1', {}, 'Unmasking'),
    h('p', {class: 'lead'}, 'Staff appear by pseudonym. To see who is behind one, ask with a reason; a senior analyst or the privacy officer (not you) decides. Every request and decision is in the audit trail.'),
    canAsk ? section('Ask to unmask', h('form', {class: 'stack', id: 'unmask-form', onsubmit: async (ev) => {
      ev.preventDefault();
      try {
        await api.post('unmask', {pseudonym: pseudonym.value.trim(), reason: reason.value, about: about.value.trim() || undefined});
        notify('ok', 'Asked; a senior analyst or the privacy officer decides.');
        render();
      } catch (e) {
        out.replaceChildren(message('error', e.message));
      }
    }}, h('div', {class: 'row'}, field('Pseudonym', pseudonym), field('Concerning (alert or dossier)', about)),
    field('Reason', reason), h('button', {type: 'submit', class: 'btn primary'}, 'Ask'))) : null,
    out,
    section('Requests', autoTable(rows, {first: ['id', 'status', 'actor', 'requester', 'reason', 'concerns', 'asked'], class: 'unmask',
      empty: 'No requests.'})));
}

export async function auditPage({main, query, go}) {
  const from = h('input', {type: 'date', name: 'from', value: query.get('from') || ''});
  const to = h('input', {type: 'date', name: 'to', value: query.get('to') || ''});
  const account = h('input', {name: 'account', size: 14, value: query.get('account') || ''});
  const [verify, data] = await Promise.all([
    api.get('audit/verify').catch((e) => ({error: e.message})),
    api.get('audit', {from: from.value, to: to.value, account: account.value}),
  ]);
  const entries = data.entries || [];
  main.append(h('h1', {}, 'Audit trail'),
    verify.error ? message('error', verify.error) :
      message(verify.ok ? 'ok' : 'error', verify.ok ?
        `The trail is intact: ${verify.entries} entries, head ${verify.head}.` :
        `The trail is broken at entry ${verify.first_bad}.`),
    h('form', {class: 'filters', onsubmit: (ev) => {
      ev.preventDefault();
      const q = new URLSearchParams();
      if (from.value) q.set('from', from.value);
      if (to.value) q.set('to', to.value);
      if (account.value.trim()) q.set('account', account.value.trim());
      go('audit' + (q.toString() ? '?' + q : ''));
    }}, field('From', from), field('To', to), field('Account', account),
    h('div', {class: 'field actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Show'))),
    autoTable(entries, {first: ['seq', 'ts', 'at', 'account', 'action', 'params'], empty: 'No entries.', class: 'audit'}));
}

export async function privacyPage({main}) {
  const r = await api.get('privacy-report');
  main.append(h('h1', {}, 'Privacy report'),
    h('p', {class: 'lead'}, 'For the DPIA: what is stored, for how long, the fields dropped at ingest, accounts per role, unmaskings and whether the audit trail verifies.'),
    ...Object.entries(r || {}).map(([k, v]) => section(k.replace(/_/g, ' '),
      Array.isArray(v) ? autoTable(v.map((x) => (x && typeof x === 'object' ? x : {value: x})), {empty: 'None.'}) :
        // unmaskings' "asked" is a count, not the time a request was asked
        k === 'unmaskings' && v ? autoTable([{requests: v.asked, approved: v.approved, refused: v.refused,
          expired: v.expired, pending: v.pending}]) :
        v && typeof v === 'object' ? autoTable([v]) : h('p', {}, v == null ? '—' : String(v)))));
}
