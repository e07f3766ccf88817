// Building the page: every value from the API goes in through
// createElement and textContent, never parsed as HTML, so a query or a
// note an insider typed ("<script>...") shows as text and never runs.

// h('a', {href: '#/queue', class: 'btn'}, 'text', child, [more]) -> element.
// Attributes starting with "on" take a function (an event listener); a
// value of null, undefined or false leaves the attribute out.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'checked' || k === 'disabled' || k === 'selected' || k === 'value') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

// Appends strings (as text nodes), numbers, elements and nested arrays.
export function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// A value as people read it: '' for null, "yes"/"no" for booleans.
export function text(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map(text).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// An epoch-ms time or an ISO string as "2026-03-02 09:14:05 UTC".
export function time(v) {
  if (v === null || v === undefined || v === '') return '';
  const d = typeof v === 'number' ? new Date(v) : new Date(String(v));
  if (Number.isNaN(d.getTime())) return String(v);
  return d.toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}

// A table: cols = [{label, get: row => value or Node, class}], rows = [...].
// Empty rows give the "empty" sentence instead of an empty table.
export function table(cols, rows, opts = {}) {
  if (!rows || rows.length === 0) return h('p', {class: 'empty'}, opts.empty || 'Nothing to show.');
  const head = h('tr', {}, cols.map((c) => h('th', {scope: 'col', class: c.class}, c.label)));
  const body = rows.map((r) =>
    h('tr', {class: opts.rowClass ? opts.rowClass(r) : null},
      cols.map((c) => {
        const v = c.get(r);
        return h('td', {class: c.class}, v instanceof Node || Array.isArray(v) ? v : text(v));
      })));
  return h('table', {class: 'data' + (opts.class ? ' ' + opts.class : '')},
    opts.caption ? h('caption', {}, opts.caption) : null,
    h('thead', {}, head), h('tbody', {}, body));
}

// A definition list of [label, value] pairs.
export function fields(pairs) {
  return h('dl', {class: 'fields'},
    pairs.filter((p) => p).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v instanceof Node ? v : text(v))]));
}

// A labelled form control: field('Status', h('select', ...)).
let seq = 0;
export function field(label, control, hint) {
  const id = control.id || 'f' + ++seq;
  control.id = id;
  return h('div', {class: 'field'}, h('label', {for: id}, label), control,
    hint ? h('small', {class: 'hint'}, hint) : null);
}

export function select(name, options, value) {
  return h('select', {name},
    options.map((o) => {
      const [v, label] = Array.isArray(o) ? o : [o, o === '' ? 'any' : o];
      return h('option', {value: v, selected: String(v) === String(value ?? '')}, label);
    }));
}

export function badge(kind, value) {
  return h('span', {class: `badge ${kind}-${String(value || 'none').replace(/[^a-z0-9_-]/gi, '')}`}, text(value || '—'));
}

// The citizen whose subject page or protocol letter is open: kept in the
// tab's session storage, never in the address (browser history, a proxy's
// log must not hold a citizen's number).
const SUBJECT_KEY = 'wachter.subject';
export function currentSubject() {
  return sessionStorage.getItem(SUBJECT_KEY) || '';
}
export function openSubject(id, page = 'subject') {
  sessionStorage.setItem(SUBJECT_KEY, id);
  if (location.hash === '#/' + page) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = '#/' + page;
}

// Links that stay inside the app; the id is encoded, never trusted. A
// subject's link carries the id in the page, not in its address.
export function link(route, label, cls) {
  if (route[0] === 'subject' && route.length === 2) {
    return h('a', {href: '#/subject', class: cls, 'data-subject': route[1], onclick: (ev) => {
      ev.preventDefault();
      openSubject(route[1]);
    }}, label);
  }
  return h('a', {href: '#/' + route.map(encodeURIComponent).join('/'), class: cls}, label);
}

export function message(kind, msg) {
  return h('p', {class: 'msg ' + kind, role: kind === 'error' ? 'alert' : 'status'}, msg);
}

export function section(title, ...children) {
  return h('section', {class: 'panel'}, h('h2', {}, title), children);
}

// A table of rows whose columns are not fixed (rows as the CLI's jsonl
// gives them): the columns are the rows' keys in first-seen order, `first`
// before the others; actor, subject and alert ids link to their pages.
const LINKS = {actor: 'person', actors: 'person', subject: 'subject', subjects: 'subject', alert: 'alert',
  alert_id: 'alert', alert_ids: 'alert'};
const TIMES = new Set(['ts', 'at', 'asked', 'decided', 'expires', 'opened', 'closed', 'incident_ts', 'first_lookup', 'created']);
export function autoTable(rows, opts = {}) {
  const keys = [];
  for (const k of opts.first || []) keys.push(k);
  for (const r of rows || []) for (const k of Object.keys(r)) if (!keys.includes(k) && !(opts.hide || []).includes(k)) keys.push(k);
  const present = keys.filter((k) => (rows || []).some((r) => r[k] !== undefined));
  return table(present.map((k) => ({
    label: k.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    class: typeof (rows.find((r) => r[k] !== undefined && r[k] !== null) || {})[k] === 'number' ? 'num' : null,
    get: (r) => {
      const v = r[k];
      if (LINKS[k] && typeof v === 'string' && v) return link([LINKS[k], v], v);
      if (LINKS[k] && Array.isArray(v) && v.every((x) => typeof x === 'string')) {
        return v.map((x, i) => [i ? ', ' : '', link([LINKS[k], x], x)]);
      }
      if (Array.isArray(v) && v.length && typeof v[0] === 'object') return v.map((x) => h('div', {class: 'sub'}, text(Object.values(x))));
      if (TIMES.has(k) && (typeof v === 'number' || /^\d{4}-\d\d-\d\dT/.test(String(v ?? '')))) return time(v);
      return v;
    },
  })), rows, opts);
}
