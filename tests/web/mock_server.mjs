// A mock of `wachter serve` for developing the web UI before the real
// server is merged: serves web/ and /static/chart.js (Debian's
// libjs-chart.js), and answers /api/v1/ with canned JSON shaped as
// API35.md, kept in memory (the workflow changes it). Development only;
// tests/web/ui_test.mjs uses it with WEB_MOCK=1.
//
//   node tests/web/mock_server.mjs [port]   (prints the same first line as
//   the real server: "wachter serve: listening on http://127.0.0.1:PORT/")
//
// Accounts (password: correct-horse-battery, or $MOCK_PASSWORD): ana analyst, sen senior-analyst,
// inv investigator, pri privacy-officer, aud auditor, adm administrator.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import {fileURLToPath} from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
const CHART = '/usr/share/javascript/chart.js/chart.min.js';
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const TYPES = {'.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml'};

const LOOKERS = ['analyst', 'senior-analyst', 'investigator'];
const ACCESS = {
  'alerts': LOOKERS, 'alert triage': LOOKERS, 'risk': LOOKERS, 'timeline': LOOKERS, 'who-accessed': LOOKERS,
  'correlate': ['senior-analyst', 'investigator'], 'convergence': ['senior-analyst', 'investigator'],
  'protocol': ['investigator', 'privacy-officer'], 'rules': [...LOOKERS, 'privacy-officer', 'auditor', 'administrator'],
  'unmask': [...LOOKERS, 'privacy-officer', 'auditor'], 'unmask request': LOOKERS,
  'unmask approve': ['senior-analyst', 'privacy-officer'], 'unmask refuse': ['senior-analyst', 'privacy-officer'],
  'audit': ['privacy-officer', 'auditor'], 'audit verify': ['privacy-officer', 'auditor', 'administrator'],
  'privacy-report': ['privacy-officer', 'auditor'], 'dashboard': [...LOOKERS, 'privacy-officer', 'auditor', 'administrator'],
};
const ACCOUNTS = {ana: 'analyst', sen: 'senior-analyst', inv: 'investigator', pri: 'privacy-officer',
  aud: 'auditor', adm: 'administrator'};

// ---- canned data -------------------------------------------------------
const DAY = 864e5;
const T0 = Date.UTC(2026, 8, 15, 6);
const iso = (ms) => new Date(ms).toISOString().replace('.000', '');
const RULES = ['unexplained', 'volume_drift', 'night_prowler', 'broker_ring', 'leaver', 'vip', 'incident', 'neighbour'];
const UNITS = ['burgerzaken', 'sociaal_domein', 'belastingen', 'meldkamer', 'vergunningen'];
const SEV = ['low', 'medium', 'high', 'critical'];
const people = Array.from({length: 12}, (_, i) => 'emp-' + crypto.createHash('sha1').update('p' + i).digest('hex').slice(0, 10));
const XSS_QUERY = '<script>window.__xss=1</script>';
const XSS_REASON = 'Looked up 900000001 without a case before incident INC-XSS (<img src=x onerror="window.__xss=2">)';

function ev(i, actor, ts, extra = {}) {
  return {id: 'brp-' + String(i).padStart(8, '0'), ts, time: iso(ts), actor, system: i % 3 ? 'brp' : 'bvh',
    action: i % 4 ? 'view' : 'search', subject: String(300000000 + i * 7919), query: i % 4 ? '' : 'jansen 6561',
    results: i % 4 ? 1 : 12, client: 'ws-' + (1000 + (i % 40)), explanation: i % 5 ? 'case Z2026-00' + (100 + i) : 'no case',
    explained: i % 5 !== 0, ...extra};
}
const state = {alerts: [], notes: {}, history: {}, dossiers: [], dnotes: {}, dhistory: {}, supp: [], unmask: [], audit: [], seq: 0};
for (let i = 0; i < 40; i++) {
  const ts = T0 - i * 0.37 * DAY;
  const rule = RULES[i % RULES.length];
  const actor = people[i % people.length];
  state.alerts.push({id: 'a-' + crypto.createHash('sha1').update('a' + i).digest('hex').slice(0, 16), ts, time: iso(ts),
    actor, unit: UNITS[i % UNITS.length], rule, severity: SEV[(i * 7) % 4], score: Math.round((140 - i * 3.1) * 10) / 10,
    reason: `${5 + (i % 9)} look-ups without a case today against a usual ${3 + (i % 5)} %`, status: i % 9 === 8 ? 'closed' : 'new',
    disposition: i % 9 === 8 ? 'benign' : null, assignee: null, suppressed: false, why: 'Rule ' + rule + ' fired on these look-ups.',
    events: [ev(i * 3, actor, ts), ev(i * 3 + 1, actor, ts + 6e4), ev(i * 3 + 2, actor, ts + 12e4)]});
}
// The hostile one: an insider typed markup into a query; an incident's kind holds an <img onerror>.
state.alerts.push({id: 'a-xss0000000000001', ts: T0 - 2 * DAY, time: iso(T0 - 2 * DAY), actor: people[3], unit: 'burgerzaken',
  rule: 'incident', severity: 'high', score: 20, reason: XSS_REASON, status: 'new', disposition: null, assignee: null,
  suppressed: false, why: XSS_REASON, events: [ev(999, people[3], T0 - 2 * DAY, {query: XSS_QUERY, subject: '900000001', explained: false, explanation: 'no case'})]});

const now = () => Date.now();
function hist(map, id, account, action, from, to, detail) {
  (map[id] = map[id] || []).push({at: iso(now()), account, action, from, to, detail: detail || null});
}
function counts() {
  const c = {new: 0, acknowledged: 0, investigating: 0, closed: 0, suppressed: 0};
  for (const a of state.alerts) a.suppressed ? c.suppressed++ : c[a.status]++;
  return c;
}
const strip = (a) => {
  const {events, why, ...rest} = a;
  void events; void why;
  return rest;
};
function similar(a, pred) {
  const s = state.alerts.filter((x) => x.id !== a.id && pred(x));
  const d = (k) => s.filter((x) => x.disposition === k).length;
  return {count: s.length, open: s.filter((x) => x.status !== 'closed').length, confirmed: d('confirmed'), benign: d('benign'),
    false_positive: d('false_positive'), duplicate: d('duplicate'), ids: s.slice(0, 10).map((x) => x.id)};
}
const MOVES = {new: ['acknowledged', 'closed'], acknowledged: ['investigating', 'closed'], investigating: ['closed'], closed: ['acknowledged']};
function setStatus(a, body, who) {
  if (!['acknowledged', 'investigating', 'closed'].includes(body.status)) return [400, 'status must be acknowledged, investigating or closed'];
  if (!(MOVES[a.status] || []).includes(body.status)) return [409, `alert ${a.id} is ${a.status}; it cannot become ${body.status}`];
  if (body.status === 'closed' && !['confirmed', 'benign', 'false_positive', 'duplicate'].includes(body.disposition)) return [400, 'closing needs a disposition'];
  hist(state.history, a.id, who, 'status', a.status, body.status, body.disposition);
  a.status = body.status;
  a.disposition = body.status === 'closed' ? body.disposition : null;
  if (body.note) (state.notes[a.id] = state.notes[a.id] || []).push({at: iso(now()), account: who, text: String(body.note)});
  return null;
}
function dossierView(d) {
  return {...d, alerts: state.alerts.filter((a) => d.alert_ids.includes(a.id)).length, alert_ids: undefined};
}

// ---- routing -----------------------------------------------------------
const sessions = new Map();
function json(res, status, obj, extra = {}) {
  const body = JSON.stringify(obj);
  res.writeHead(status, {'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Security-Policy': CSP, ...extra});
  res.end(body);
}
const fail = (res, status, msg) => json(res, status, {error: msg});

function api(req, res, url, body, sess) {
  const p = url.pathname.slice('/api/v1/'.length).split('/').map(decodeURIComponent);
  const q = url.searchParams;
  const m = req.method;
  const who = sess && sess.account;
  const role = sess && ACCOUNTS[sess.account];
  const allow = (action) => (ACCESS[action] || []).includes(role);
  const need = (action) => {
    if (allow(action)) return true;
    fail(res, 403, `${who} (${role}) may not run ${action}`);
    return false;
  };
  if (m === 'POST' && p[0] === 'login') {
    if (!ACCOUNTS[body.account] || body.password !== (process.env.MOCK_PASSWORD || 'correct-horse-battery')) return fail(res, 401, 'wrong account or password');
    const token = crypto.randomBytes(32).toString('hex');
    const csrf = crypto.randomBytes(16).toString('hex');
    sessions.set(token, {account: body.account, csrf});
    return json(res, 200, {account: body.account, role: ACCOUNTS[body.account], csrf},
      {'Set-Cookie': `wachter_session=${token}; HttpOnly; SameSite=Strict; Path=/`});
  }
  if (!sess) return fail(res, 401, 'not logged in');
  if (m === 'POST' && req.headers['x-csrf-token'] !== sess.csrf) return fail(res, 403, 'missing or wrong CSRF token');
  state.audit.push({seq: state.audit.length + 1, ts: iso(now()), account: who, action: m + ' ' + url.pathname, params: q.toString()});
  if (p[0] === 'logout' && m === 'POST') {
    sessions.delete(sess.token);
    return json(res, 200, {}, {'Set-Cookie': 'wachter_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0'});
  }
  if (p[0] === 'me') return json(res, 200, {account: who, role, csrf: sess.csrf, may: Object.keys(ACCESS).filter(allow)});

  // workflow
  if (p[0] === 'alerts' && p.length === 1 && m === 'GET') {
    if (!need('alerts')) return;
    const st = q.get('status') || '';
    let list = state.alerts.filter((a) => st === 'all' ? true : st === 'suppressed' ? a.suppressed :
      st ? a.status === st && !a.suppressed : a.status !== 'closed' && !a.suppressed);
    for (const k of ['rule', 'severity', 'unit', 'assignee', 'actor']) if (q.get(k)) list = list.filter((a) => a[k] === q.get(k));
    list.sort((x, y) => y.score - x.score || y.ts - x.ts);
    const off = Number(q.get('offset') || 0);
    const lim = Number(q.get('limit') || 100);
    return json(res, 200, {counts: counts(), total: list.length, alerts: list.slice(off, off + lim).map(strip)});
  }
  if (p[0] === 'alerts' && p[1] === 'bulk' && m === 'POST') {
    if (!need('alert triage')) return;
    let changed = 0;
    const failed = [];
    for (const id of body.ids || []) {
      const a = state.alerts.find((x) => x.id === id);
      if (!a) { failed.push({id, error: 'no such alert'}); continue; }
      if (body.assign) {
        if (!ACCOUNTS[body.assign]) { failed.push({id, error: 'no such account'}); continue; }
        hist(state.history, id, who, 'assign', a.assignee, body.assign); a.assignee = body.assign; changed++;
      } else if (body.close) {
        const e = setStatus(a, {status: 'closed', disposition: body.close}, who);
        if (e) failed.push({id, error: e[1]}); else changed++;
      }
    }
    return json(res, 200, {changed, failed});
  }
  if (p[0] === 'alerts' && p.length >= 2) {
    const a = state.alerts.find((x) => x.id === p[1]);
    if (!need(m === 'GET' ? 'alerts' : 'alert triage')) return;
    if (!a) return fail(res, 404, `no alert ${p[1]}`);
    if (p.length === 2 && m === 'GET') {
      const d = state.dossiers.find((x) => x.alert_ids.includes(a.id));
      return json(res, 200, {alert: a, notes: state.notes[a.id] || [], history: state.history[a.id] || [],
        similar: {same_rule_person: similar(a, (x) => x.rule === a.rule && x.actor === a.actor),
          same_subject: similar(a, (x) => x.events.some((e) => a.events.some((f) => f.subject === e.subject)))},
        dossier: d ? {id: d.id, title: d.title, status: d.status} : null});
    }
    if (p[2] === 'status' && m === 'POST') {
      const e = setStatus(a, body, who);
      return e ? fail(res, e[0], e[1]) : json(res, 200, strip(a));
    }
    if (p[2] === 'assign' && m === 'POST') {
      if (!ACCOUNTS[body.assignee]) return fail(res, 404, `no account ${body.assignee}`);
      hist(state.history, a.id, who, 'assign', a.assignee, body.assignee);
      a.assignee = body.assignee;
      return json(res, 200, strip(a));
    }
    if (p[2] === 'notes' && m === 'POST') {
      const t = String(body.text || '');
      if (!t || t.length > 4000) return fail(res, 400, 'a note is 1 to 4000 bytes');
      (state.notes[a.id] = state.notes[a.id] || []).push({at: iso(now()), account: who, text: t});
      return json(res, 200, {notes: state.notes[a.id]});
    }
  }
  if (p[0] === 'dossiers') {
    if (!need('alerts')) return;
    if (p.length === 1 && m === 'GET') {
      return json(res, 200, {dossiers: state.dossiers.filter((d) => !q.get('status') || d.status === q.get('status')).map(dossierView)});
    }
    if (p.length === 1 && m === 'POST') {
      if (!body.actor || !body.title) return fail(res, 400, 'a dossier needs an actor and a title');
      const d = {id: 'D' + (state.dossiers.length + 1), actor: body.actor, title: String(body.title), status: 'open',
        investigator: null, opened: iso(now()), closed: null, alert_ids: [...(body.alerts || [])]};
      state.dossiers.push(d);
      hist(state.dhistory, d.id, who, 'open', null, 'open');
      return json(res, 200, dossierView(d));
    }
    const d = state.dossiers.find((x) => x.id === p[1]);
    if (!d) return fail(res, 404, `no dossier ${p[1]}`);
    const als = state.alerts.filter((a) => d.alert_ids.includes(a.id));
    if (p.length === 2 && m === 'GET') {
      return json(res, 200, {dossier: dossierView(d), alerts: als.map(strip), notes: state.dnotes[d.id] || [], history: state.dhistory[d.id] || []});
    }
    if (p[2] === 'report') {
      const events = [];
      for (let i = 0; i < 160; i++) events.push(ev(i, d.actor, T0 - 14 * DAY + i * 2.1 * 36e5));
      for (const a of als) for (const e of a.events) events.push({...e, alert_ids: [a.id]});
      events.sort((x, y) => x.ts - y.ts);
      return json(res, 200, {dossier: dossierView(d), person: d.actor, period: {from: iso(T0 - 14 * DAY), to: iso(T0)},
        timeline: events.map((e) => ({...e, alert_ids: e.alert_ids || []})),
        alerts: als.map((a) => ({id: a.id, rule: a.rule, severity: a.severity, reason: a.reason, status: a.status, disposition: a.disposition})),
        notes: state.dnotes[d.id] || []});
    }
    if (m === 'POST' && p[2] === 'alerts') { d.alert_ids.push(...(body.ids || [])); return json(res, 200, dossierView(d)); }
    if (m === 'POST' && p[2] === 'notes') {
      (state.dnotes[d.id] = state.dnotes[d.id] || []).push({at: iso(now()), account: who, text: String(body.text || '')});
      return json(res, 200, {notes: state.dnotes[d.id]});
    }
    if (m === 'POST' && p[2] === 'assign') { d.investigator = body.investigator; return json(res, 200, dossierView(d)); }
    if (m === 'POST' && p[2] === 'status') {
      d.status = body.status; d.closed = body.status === 'closed' ? iso(now()) : null; d.outcome = body.outcome;
      return json(res, 200, dossierView(d));
    }
  }
  if (p[0] === 'suppressions') {
    if (!need('alerts')) return;
    if (m === 'GET') return json(res, 200, {suppressions: state.supp.filter((s) => !q.get('active') || s.active)});
    if (p.length === 1) {
      if (!body.rule || !body.value || !body.reason || !body.until) return fail(res, 400, 'rule, scope, value, reason and until are needed');
      const s = {id: state.supp.length + 1, rule: body.rule, scope: body.scope, value: body.value, reason: body.reason,
        until: body.until, by: who, at: iso(now()), active: true};
      state.supp.push(s);
      return json(res, 200, s);
    }
    const s = state.supp.find((x) => String(x.id) === p[1]);
    if (!s) return fail(res, 404, 'no such suppression');
    s.active = false;
    return json(res, 200, s);
  }
  if (p[0] === 'rules' && p[1] === 'effectiveness') {
    if (!need('rules')) return;
    return json(res, 200, {rules: RULES.map((rule) => {
      const l = state.alerts.filter((a) => a.rule === rule);
      const n = (k) => l.filter((a) => a.disposition === k).length;
      const closed = l.filter((a) => a.status === 'closed').length;
      return {rule, alerts: l.length, open: l.length - closed, confirmed: n('confirmed'), benign: n('benign'),
        false_positive: n('false_positive'), duplicate: n('duplicate'), suppressed: 0, precision: closed ? n('confirmed') / closed : null};
    })});
  }
  if (p[0] === 'rules') return need('rules') && json(res, 200, {rules: RULES.map((r) => ({rule: r, enabled: true, threshold: 3}))});
  if (p[0] === 'dashboard') {
    if (!need('dashboard')) return;
    const days = Number(q.get('days') || 30);
    const per = [];
    for (let d = 0; d < Math.min(days, 30); d++) for (const [i, rule] of RULES.entries()) {
      if ((d + i) % 3) per.push({day: iso(T0 - (29 - d) * DAY).slice(0, 10), rule, n: 1 + ((d * (i + 1)) % 4)});
    }
    return json(res, 200, {alerts_per_day: per,
      queue: {open: counts().new + counts().acknowledged + counts().investigating, oldest_days: 14,
        ages: [{bucket: '<1d', n: 4}, {bucket: '1-7d', n: 17}, {bucket: '7-30d', n: 13}, {bucket: '>30d', n: 0}]},
      dispositions: RULES.map((rule, i) => ({rule, confirmed: i % 3, benign: 2 + (i % 2), false_positive: i % 4, duplicate: 1})),
      top_units: UNITS.map((unit, i) => ({unit, risk: 300 - i * 45, people: 12 + i})),
      ingest: {events: 27966, last_event: iso(T0), events_per_second_last_hour: 0.8, quarantined: 3}});
  }
  if (p[0] === 'summary') {
    if (!need('dashboard')) return;
    return json(res, 200, {month: q.get('month'), alerts: 41, closed: 12, median_days_to_close: 3.5,
      alerts_by_rule: RULES.map((rule, i) => ({rule, alerts: 3 + i, confirmed: i % 3, benign: 1, false_positive: i % 2, open: 2})),
      dossiers: {opened: state.dossiers.length, closed: state.dossiers.filter((d) => d.status === 'closed').length},
      top_units: UNITS.slice(0, 3).map((unit, i) => ({unit, risk: 300 - i * 45})),
      unmaskings: {asked: state.unmask.length, approved: state.unmask.filter((u) => u.status === 'approved').length}});
  }
  // read
  if (p[0] === 'risk') {
    if (!need('risk')) return;
    return json(res, 200, {people: people.map((actor, i) => ({rank: i + 1, actor, score: 150 - i * 9, unit: UNITS[i % UNITS.length],
      alerts: 5 - (i % 5), reasons: ['volume_drift', 'night_prowler'].slice(0, 1 + (i % 2))}))});
  }
  if (p[0] === 'people') {
    if (!need(p[2] === 'timeline' ? 'timeline' : 'risk')) return;
    const actor = p[1];
    if (p[2] === 'timeline') {
      // as `wachter timeline --format jsonl`: look-ups and the alerts they
      // raised, oldest first; look-ups carry the ids of their alerts.
      const access = (x) => ({type: 'access', ts: x.time, system: x.system, action: x.action, subject: x.subject,
        case: x.explained ? 'Z2026-00' + x.id.slice(-3) : '', explained: x.explained, status: x.explained ? 'case' : 'no_case',
        reason: x.explanation, event: x.id, query: x.query, results: x.results, client: x.client, alert_ids: x.alert_ids || []});
      let e = [];
      for (let i = 0; i < 60; i++) e.push(access(ev(i, actor, T0 - 14 * DAY + i * 5.5 * 36e5)));
      for (const a of state.alerts.filter((x) => x.actor === actor)) {
        for (const x of a.events) e.push(access({...x, alert_ids: [a.id]}));
        e.push({type: 'alert', ts: a.time, id: a.id, rule: a.rule, severity: a.severity, score: a.score,
          events: a.events.length, reason: a.reason, ms: a.ts + 1});
      }
      if (q.get('unexplained') === '1') e = e.filter((x) => x.type === 'alert' || x.explained === false);
      if (q.get('with_alerts') === '1') e = e.filter((x) => x.type === 'alert' || x.alert_ids.length);
      e.sort((x, y) => (x.ms ?? Date.parse(x.ts)) - (y.ms ?? Date.parse(y.ts)));
      return json(res, 200, {events: e.map(({ms, ...x}) => (void ms, x))});
    }
    return json(res, 200, {actor, unit: 'burgerzaken', role: 'baliemedewerker',
      risk: {rank: 3, score: 121.6, reasons: ['36 of 48 look-ups without a case', 'client never used before']},
      alerts: state.alerts.filter((a) => a.actor === actor).map(strip),
      risk_over_time: Array.from({length: 14}, (_, i) => ({day: iso(T0 - (13 - i) * DAY).slice(0, 10), score: Math.round(20 + i * i * 0.6)}))});
  }
  if (p[0] === 'subjects') {
    if (!need('who-accessed')) return;
    return json(res, 200, {subject: p[1], accesses: people.slice(0, 6).map((actor, i) => ({ts: T0 - i * DAY, time: iso(T0 - i * DAY),
      actor, unit: UNITS[i % 5], system: 'brp', action: 'view', case: i % 2 ? 'Z2026-001' + i : '', purpose: 'uitkering',
      explained: i % 2 === 1, status: i % 2 ? 'case' : 'no_case', by_case: i % 2 ? 'Z2026-001' + i : '',
      reason: i % 2 ? 'stated case concerns this subject' : 'no case names this subject', event: 'brp-0000' + i})),
    same_address: [{subject: '300000123', accesses: 4}, {subject: '300000124', accesses: 1}]});
  }
  if (p[0] === 'correlate') {
    if (!need('correlate')) return;
    return json(res, 200, people.slice(0, 5).map((actor, i) => ({rank: i + 1, actor, unit: UNITS[i], hits: 5 - i, incidents: 5,
      p: Number((1e-6 * (i + 1) ** 3).toPrecision(2)), p_any: Number((1e-4 * (i + 1) ** 3).toPrecision(2)),
      lookups: [{incident: 'inc-1', subject: '300000001', days_before: 1.5 + i}]})));
  }
  if (p[0] === 'convergence') {
    if (!need('convergence')) return;
    return json(res, 200, {groups: [{actors: people.slice(0, 2), units: UNITS.slice(0, 2), shared: 7, subjects: ['300000001', '300000002'], p: 1.2e-5}]});
  }
  if (p[0] === 'protocol') {
    if (!need('protocol')) return;
    return json(res, 200, {subject: p[1], from: q.get('from') || '2026-09-01', to: q.get('to') || '2026-09-15',
      rows: Array.from({length: 9}, (_, i) => ({date: iso(T0 - i * 1.3 * DAY).slice(0, 10), unit: UNITS[i % 5],
        system: i % 2 ? 'BRP' : 'Belastingen', purpose: ['verhuizing', 'uitkering', 'noodhulp'][i % 3],
        explained_by: i % 4 === 3 ? 'zonder zaak' : 'aanvraag uitkering'}))});
  }
  if (p[0] === 'unmask') {
    if (p.length === 1 && m === 'GET') {
      if (!need('unmask')) return;
      const all = allow('unmask approve') || role === 'auditor' || role === 'privacy-officer';
      return json(res, 200, {requests: state.unmask.filter((u) => all || u.requester === who)});
    }
    if (p.length === 1 && m === 'POST') {
      if (!need('unmask request')) return;
      if (!/^emp-[a-z0-9]{10}$/.test(body.pseudonym || '')) return fail(res, 404, `no account has pseudonym ${body.pseudonym}`);
      if (!body.reason) return fail(res, 400, 'a reason is needed');
      const u = {id: state.unmask.length + 1, asked: iso(now()), requester: who, actor: body.pseudonym,
        status: 'pending', decider: null, decided: null, note: null, expires: null, concerns: body.about || '', reason: body.reason};
      state.unmask.push(u);
      return json(res, 200, u);
    }
    const u = state.unmask.find((x) => String(x.id) === p[1]);
    if (!need('unmask ' + p[2])) return;
    if (!u) return fail(res, 404, 'no such request');
    if (u.requester === who) return fail(res, 403, 'a request is decided by another account than the one who asked');
    if (u.status !== 'pending') return fail(res, 409, `request ${u.id} is ${u.status}`);
    u.status = p[2] === 'approve' ? 'approved' : 'refused';
    u.decider = who;
    u.decided = iso(now());
    if (u.status === 'approved') u.expires = iso(now() + 7 * DAY);
    return json(res, 200, u);
  }
  if (p[0] === 'audit') {
    if (p[1] === 'verify') return need('audit verify') && json(res, 200, {ok: true, entries: state.audit.length, head: crypto.createHash('sha256').update(String(state.audit.length)).digest('hex')});
    if (!need('audit')) return;
    return json(res, 200, {entries: state.audit.filter((e) => !q.get('account') || e.account === q.get('account')).slice(-500)});
  }
  if (p[0] === 'privacy-report') {
    if (!need('privacy-report')) return;
    return json(res, 200, {records: [{kind: 'events', stored: 27966, oldest: '2026-09-01', kept: '400d'},
      {kind: 'alerts', stored: state.alerts.length, oldest: '2026-09-01', kept: '2y'}],
    other_records: [{what: 'staff register', records: 1000, oldest: '2010-04-02T00:00:00Z', kept: 'until a load replaces it'}],
    dropped_fields: ['attrs'], accounts: Object.entries(ACCOUNTS).map(([account, r]) => ({role: r, accounts: 1})),
    unmaskings: {asked: state.unmask.length}, audit: {intact: true, entries: state.audit.length}});
  }
  return fail(res, 404, 'no such API route');
}

function serveStatic(req, res, url) {
  let file;
  if (url.pathname === '/static/chart.js') file = CHART;
  else {
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    file = path.resolve(ROOT, rel);
    if (!file.startsWith(ROOT + path.sep)) file = null;
  }
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, {'Content-Type': 'text/plain'});
    return res.end('not found');
  }
  res.writeHead(200, {'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store'});
  fs.createReadStream(file).pipe(res);
}

export function startMock(port = 0) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith('/api/v1/')) return serveStatic(req, res, url);
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body = {};
      if (req.method === 'POST') {
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        } catch (e) {
          return fail(res, 400, 'the body is not JSON');
        }
      }
      const cookie = /(?:^|;\s*)wachter_session=([0-9a-f]{64})/.exec(req.headers.cookie || '');
      const sess = cookie && sessions.get(cookie[1]) ? {...sessions.get(cookie[1]), token: cookie[1]} : null;
      try {
        api(req, res, url, body, sess);
      } catch (e) {
        fail(res, 500, String(e));
      }
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startMock(Number(process.argv[2] || 0));
  console.log(`wachter serve: listening on http://127.0.0.1:${server.address().port}/ (mock)`);
}
