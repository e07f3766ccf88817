// Recertification campaigns: the list with each campaign's progress and
// a form to start one (#/recert), and one campaign (#/recert/:id): its
// review items with each right's last use, keep / revoke per row with a
// reason, a selection with a bulk decision, overdue items marked,
// closing, and the revocation list as a CSV download.
import {h, table, fields, field, select, badge, link, message, section, text, time} from '../dom.js';
import * as api from '../api.js';
import {notify} from '../notice.js';

function progress(c) {
  return h('span', {class: 'progress'},
    h('progress', {max: c.items || 1, value: c.decided, 'aria-label': `${c.decided} of ${c.items} decided`}),
    ` ${c.decided} / ${c.items}`);
}

function startForm(go, out) {
  const scope = select('scope', [['system', 'system'], ['unit', 'unit']], 'system');
  const value = h('input', {name: 'value', size: 16, required: true, placeholder: 'brp, or a unit'});
  const owner = h('input', {name: 'owner', size: 12, required: true, placeholder: 'account'});
  const due = h('input', {name: 'due', type: 'date', required: true});
  const title = h('input', {name: 'title', size: 24, placeholder: '(optional)'});
  return h('form', {class: 'inline', id: 'start-campaign', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      const body = {owner: owner.value.trim(), due: due.value, title: title.value.trim() || null};
      body[scope.value] = value.value.trim();
      const r = await api.post('recert', body);
      notify('ok', `Campaign ${r.campaign.id} started: ${r.campaign.items} rights to review.`);
      go('recert/' + r.campaign.id);
    } catch (e) {
      out.replaceChildren(message('error', e.message));
    }
  }}, field('For', scope), field('Name', value), field('Owner', owner), field('Due', due),
  field('Title', title), h('button', {type: 'submit', class: 'btn primary'}, 'Start campaign'));
}

export async function recertPage({main, go}) {
  const data = await api.get('recert');
  const out = h('div', {'aria-live': 'polite'});
  main.append(h('h1', {}, 'Recertification'),
    h('p', {class: 'lead'}, 'Campaigns in which an owner keeps or revokes each right held on a system or by a unit\'s staff, with the right\'s last use in the log beside it. The revoked rights of a closed campaign make the revocation list for the identity-management system.'));
  if (api.may('recert start')) main.append(section('Start a campaign', out, startForm(go, out)));
  main.append(section('Campaigns', table([
    {label: 'Campaign', get: (c) => link(['recert', String(c.id)], String(c.id), 'campaign-id'), class: 'id'},
    {label: 'Title', get: (c) => c.title},
    {label: 'Scope', get: (c) => `${c.scope} ${c.value}`},
    {label: 'Owner', get: (c) => c.owner},
    {label: 'Due', get: (c) => time(c.due), class: 'nowrap'},
    {label: 'Status', get: (c) => badge('status', c.status)},
    {label: 'Progress', get: progress},
    {label: 'Kept', get: (c) => c.kept, class: 'num'},
    {label: 'Revoked', get: (c) => c.revoked, class: 'num'},
    {label: 'Open', get: (c) => c.open, class: 'num'},
    {label: 'Overdue', get: (c) => c.overdue ? badge('overdue', c.overdue) : 0, class: 'num'},
  ], data.campaigns, {empty: 'No campaigns yet.', class: 'campaigns',
    rowClass: (c) => c.overdue ? 'overdue' : null})));
  if (api.may('recert overdue')) {
    const late = await api.get('recert/overdue');
    main.append(section('Overdue items', table([
      {label: 'Campaign', get: (i) => link(['recert', String(i.campaign)], String(i.campaign))},
      {label: 'Owner', get: (i) => i.owner},
      {label: 'Due', get: (i) => time(i.due), class: 'nowrap'},
      {label: 'Person', get: (i) => link(['person', i.actor], i.actor)},
      {label: 'Right', get: (i) => i.right},
      {label: 'Last use', get: (i) => i.last_use ? time(i.last_use) : 'never', class: 'nowrap'},
    ], late.items, {empty: 'No item is overdue.', class: 'overdue-items'})));
  }
}

// The revocation list as a file the browser saves, and shown on the page.
function offerCsv(id, csv, where) {
  const url = URL.createObjectURL(new Blob([csv], {type: 'text/csv'}));
  where.replaceChildren(
    h('p', {}, h('a', {href: url, download: `revocations-campaign-${id}.csv`, class: 'btn', id: 'download-csv'}, 'Save the CSV file')),
    h('p', {class: 'hint'}, 'Staff appear by pseudonym here; the file for the identity-management system, with their accounts, is made by an administrator with wachter recert export ' + id + '.'),
    h('pre', {id: 'export-csv', class: 'csv'}, csv));
}

export async function campaignPage({main, params, query, render}) {
  const id = params.id;
  const base = 'recert/' + encodeURIComponent(id);
  const undecided = query.get('undecided') === '1';
  const data = await api.get(base, {undecided: undecided ? 1 : null});
  const c = data.campaign || {};
  const me = api.me() || {};
  const open = c.status === 'open';
  const mayDecide = open && api.may('recert decide') && (me.account === c.owner || me.role === 'administrator');
  const out = h('div', {'aria-live': 'polite', id: 'recert-out'});
  const exported = h('div', {id: 'export'});
  const act = async (path, body, done) => {
    try {
      const r = await api.post(base + '/' + path, body);
      notify('ok', done ? done(r) : 'Saved.');
      render();
    } catch (e) {
      out.replaceChildren(message('error', e.message));
    }
  };

  const selected = new Set();
  const bulkButtons = [];
  const refresh = () => {
    for (const b of bulkButtons) b.disabled = selected.size === 0;
  };
  const reasons = new Map();
  const cols = [];
  if (mayDecide) {
    const allBox = h('input', {type: 'checkbox', id: 'select-all', 'aria-label': 'select all undecided items', onchange: (ev) => {
      for (const box of main.querySelectorAll('input.pick')) {
        box.checked = ev.target.checked;
        const n = Number(box.dataset.item);
        if (ev.target.checked) selected.add(n);
        else selected.delete(n);
      }
      refresh();
    }});
    cols.push({label: allBox, get: (i) => i.decision ? '' : h('input', {type: 'checkbox', class: 'pick', 'data-item': i.id,
      'aria-label': 'select item ' + i.id, onchange: (ev) => {
        if (ev.target.checked) selected.add(i.id);
        else selected.delete(i.id);
        refresh();
      }})});
  }
  cols.push(
    {label: 'Item', get: (i) => i.id, class: 'id'},
    {label: 'Person', get: (i) => link(['person', i.actor], i.actor)},
    {label: 'Right', get: (i) => i.right, class: 'right'},
    {label: 'Granted', get: (i) => text(i.granted).slice(0, 10), class: 'nowrap'},
    {label: 'Last use', get: (i) => i.last_use ? time(i.last_use) : 'never', class: 'nowrap last-use'},
    {label: 'Decision', get: (i) => i.decision ? badge('decision', i.decision) : (i.overdue ? badge('overdue', 'overdue') : '—'), class: 'decision'},
    {label: 'Reason', get: (i) => i.reason, class: 'reason'},
    {label: 'Decided by', get: (i) => i.decided_by || '—'});
  if (mayDecide) {
    cols.push({label: 'Decide', get: (i) => {
      const reason = h('input', {name: 'reason', class: 'reason-input', size: 12, placeholder: 'reason', 'aria-label': 'reason for item ' + i.id});
      reasons.set(i.id, reason);
      return h('span', {class: 'decide'}, reason,
        h('button', {type: 'button', class: 'btn small keep', 'data-item': i.id,
          onclick: () => act('items/' + i.id, {decision: 'keep', reason: reason.value}, () => `Item ${i.id} kept.`)}, 'Keep'),
        h('button', {type: 'button', class: 'btn small danger revoke', 'data-item': i.id,
          onclick: () => act('items/' + i.id, {decision: 'revoke', reason: reason.value}, () => `Item ${i.id} revoked.`)}, 'Revoke'));
    }});
  }

  const manage = [];
  if (mayDecide) {
    const decision = select('decision', [['revoke', 'revoke'], ['keep', 'keep']], 'revoke');
    const reason = h('input', {name: 'bulk-reason', size: 24, placeholder: 'reason (required to revoke)'});
    const apply = h('button', {type: 'submit', class: 'btn', id: 'bulk-apply', disabled: true}, 'Decide selected');
    bulkButtons.push(apply);
    const days = h('input', {name: 'unused-days', type: 'number', min: 1, max: 36500, value: 90, size: 5});
    manage.push(
      h('form', {class: 'bulk', id: 'bulk-form', 'aria-label': 'Bulk decision', onsubmit: (ev) => {
        ev.preventDefault();
        act('bulk', {items: [...selected], decision: decision.value, reason: reason.value},
          (r) => `${r.changed} items decided.`);
      }}, field('Selected items', decision), field('Reason', reason), apply),
      h('form', {class: 'bulk', id: 'bulk-unused', onsubmit: (ev) => {
        ev.preventDefault();
        act('bulk', {unused_days: Number(days.value)}, (r) => `${r.changed} unused rights revoked.`);
      }}, field('Revoke every undecided right not used in (days)', days),
      h('button', {type: 'submit', class: 'btn'}, 'Revoke unused')));
  }
  if (open && api.may('recert close') && (me.account === c.owner || me.role === 'administrator')) {
    const force = h('input', {type: 'checkbox', name: 'force', id: 'close-force'});
    manage.push(h('form', {class: 'inline', id: 'close-form', onsubmit: (ev) => {
      ev.preventDefault();
      act('close', {force: force.checked}, () => `Campaign ${id} closed.`);
    }}, c.open ? h('label', {for: 'close-force'}, force, ` close with ${c.open} undecided (their rights are not revoked)`) : null,
    h('button', {type: 'submit', class: 'btn primary', id: 'close-campaign'}, 'Close campaign')));
  }
  if (!open) {
    manage.push(h('p', {}, h('button', {type: 'button', class: 'btn primary', id: 'export-revocations', onclick: async () => {
      try {
        const r = await api.get(base + '/export');
        offerCsv(id, r.csv, exported);
      } catch (e) {
        out.replaceChildren(message('error', e.message));
      }
    }}, 'Export revocation list')), exported);
  }

  main.append(
    h('p', {class: 'crumbs noprint'}, link(['recert'], '‹ Recertification')),
    h('h1', {}, 'Campaign ', h('span', {class: 'campaign-id'}, String(c.id ?? id)), ': ', h('span', {id: 'campaign-title'}, text(c.title))),
    h('div', {class: 'cols'},
      section('Campaign', fields([
        ['Scope', `${c.scope} ${c.value}`],
        ['Owner', text(c.owner)],
        ['Due', c.overdue ? h('span', {}, time(c.due), ' ', badge('overdue', 'overdue')) : time(c.due)],
        ['Status', badge('status', c.status)],
        ['Progress', progress(c)],
        ['Kept / revoked / open', `${c.kept} / ${c.revoked} / ${c.open}`],
        ['Started', `${time(c.created)} by ${c.created_by}`],
        c.closed ? ['Closed', `${time(c.closed)} by ${c.closed_by}`] : null,
      ])),
      section(open ? 'Decide' : 'Outcome', out,
        mayDecide || !open ? null : h('p', {class: 'hint'}, `Only the owner ${c.owner} or an administrator decides.`),
        manage)),
    section('Review items',
      h('p', {class: 'noprint'}, undecided
        ? h('a', {href: '#/recert/' + encodeURIComponent(id), id: 'show-all'}, 'Show all items')
        : h('a', {href: '#/recert/' + encodeURIComponent(id) + '?undecided=1', id: 'show-undecided'}, 'Show only the undecided items')),
      table(cols, data.items, {empty: undecided ? 'Every item is decided.' : 'No items.', class: 'recert-items',
      rowClass: (i) => i.overdue ? 'overdue' : (i.decision ? 'decided-' + i.decision : null)})),
    section('History', table([
      {label: 'Time', get: (x) => time(x.at), class: 'nowrap'},
      {label: 'Account', get: (x) => x.account},
      {label: 'Action', get: (x) => x.action},
      {label: 'Item', get: (x) => x.item || ''},
      {label: 'Change', get: (x) => x.action === 'decide' ? `${x.from || '—'} → ${x.to}` : ''},
      {label: 'Detail', get: (x) => x.detail, class: 'reason'},
    ], data.history, {empty: 'No history.'})));
}
