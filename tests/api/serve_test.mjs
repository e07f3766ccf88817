// API tests of `wachter serve` against a real server on 127.0.0.1 (a port
// the kernel chose): the session routes, the security of every response,
// the limits, the static files, the audit of calls and refusals, TLS, and
// a role x endpoint matrix (ROUTES) that the other parts' routes extend.
// Run: WACHTER=build/wachter node --test tests/api/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import http from 'node:http';
import https from 'node:https';

const W = resolve(process.env.WACHTER || 'build/wachter');
const dir = mkdtempSync(join(tmpdir(), 'wachter-api-'));
const db = join(dir, 's.db');
const ROLES = ['administrator', 'analyst', 'senior-analyst', 'investigator', 'privacy-officer',
  'auditor'];
// One account per role, named after it; their passwords.
const ACCOUNT = { administrator: 'admin', analyst: 'ann', 'senior-analyst': 'sam',
  investigator: 'ivy', 'privacy-officer': 'pia', auditor: 'aud' };
const pw = (name) => `${name}-secret-pw`;

// The role x endpoint matrix: [method, path under /api/v1/, body, roles
// allowed]. Every role not listed must get 403; a listed one must not.
// The workflow's and the read side's routes are added here.
const ALL = ROLES;
// As README's role table says: who looks at alerts and people (analysts,
// senior analysts, investigators), who oversees (privacy officer,
// auditor); the administrator runs the system and sees no one.
const LOOK = ['analyst', 'senior-analyst', 'investigator'];
const OVERSEE = ['privacy-officer', 'auditor'];
const CASEWORK = ['senior-analyst', 'investigator'];
const ROUTES = [
  ['GET', 'me', null, ALL],
  ['GET', 'alerts', null, LOOK],
  ['GET', 'alerts/A-none', null, LOOK],
  ['POST', 'alerts/A-none/status', { status: 'acknowledged' }, LOOK],
  ['POST', 'alerts/A-none/assign', { assignee: 'ann' }, LOOK],
  ['POST', 'alerts/A-none/notes', { text: 'x' }, LOOK],
  ['POST', 'alerts/bulk', {}, CASEWORK],
  ['GET', 'dossiers', null, CASEWORK],
  ['POST', 'dossiers', {}, CASEWORK],
  ['GET', 'dossiers/D-none', null, CASEWORK],
  ['GET', 'dossiers/D-none/report', null, CASEWORK],
  ['POST', 'dossiers/D-none/alerts', {}, CASEWORK],
  ['POST', 'dossiers/D-none/notes', {}, CASEWORK],
  ['POST', 'dossiers/D-none/assign', {}, CASEWORK],
  ['POST', 'dossiers/D-none/status', {}, CASEWORK],
  ['GET', 'suppressions', null, LOOK],
  ['POST', 'suppressions', {}, ['senior-analyst']],
  ['POST', 'suppressions/9999/end', null, ['senior-analyst']],
  ['GET', 'rules/effectiveness', null, [...LOOK, ...OVERSEE]],
  ['GET', 'dashboard', null, [...LOOK, ...OVERSEE]],
  ['GET', 'summary?month=2026-01', null, [...CASEWORK, ...OVERSEE]],
  ['GET', 'risk', null, LOOK],
  ['GET', 'people/nobody', null, LOOK],
  ['GET', 'people/nobody/timeline', null, LOOK],
  ['POST', 'subject', { subject: '000000000' }, LOOK],
  ['GET', 'correlate', null, CASEWORK],
  ['POST', 'correlate', {}, CASEWORK],
  ['GET', 'convergence', null, CASEWORK],
  ['POST', 'protocol', { subject: '000000000' }, ['investigator', 'privacy-officer']],
  ['GET', 'unmask', null, [...LOOK, ...OVERSEE]],
  ['POST', 'unmask', {}, LOOK],
  ['POST', 'unmask/9999/approve', null, ['senior-analyst', 'privacy-officer']],
  ['POST', 'unmask/9999/refuse', null, ['senior-analyst', 'privacy-officer']],
  ['GET', 'audit', null, OVERSEE],
  ['GET', 'audit/verify', null, [...OVERSEE, 'administrator']],
  ['GET', 'privacy-report', null, OVERSEE],
  ['GET', 'rules', null, [...LOOK, ...OVERSEE, 'administrator']],
  ['POST', 'logout', null, ALL], // last: it ends each role's session
];

let server; // { proc, port, base, stderr }
const bodies = []; // every response body, checked for real identities

function wachter(args, env = {}) {
  return execFileSync(W, ['--db', db, ...args], {
    env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}

// Starts `wachter serve` with extra arguments; resolves once its first
// line names the port.
function startServer(extra = [], env = {}) {
  return new Promise((res, rej) => {
    const proc = spawn(W, ['--db', db, '--as', 'admin', 'serve', '--listen', '127.0.0.1:0',
      ...extra], { env: { ...process.env, WACHTER_PASSWORD: pw('admin'), ...env } });
    let out = '', err = '';
    proc.stderr.on('data', (d) => { err += d; });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^wachter serve: listening on (https?):\/\/127\.0\.0\.1:(\d+)\/ \(store /);
      if (m) res({ proc, port: +m[2], base: `${m[1]}://127.0.0.1:${m[2]}`, stderr: () => err,
        first: out.split('\n')[0] });
    });
    proc.on('exit', (code) => rej(new Error(`serve exited ${code}: ${err}`)));
  });
}

// One request with node:http (a raw path, a chosen source address):
// { status, headers, text, json }.
function req(method, path, { body, cookie, csrf, localAddress, headers = {}, base } = {}) {
  const url = new URL(base || server.base);
  const mod = url.protocol === 'https:' ? https : http;
  const data = body === undefined || body === null ? null
    : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const h = { ...headers };
  if (data !== null) h['Content-Type'] = 'application/json';
  if (data !== null) h['Content-Length'] = Buffer.byteLength(data);
  if (cookie) h.Cookie = cookie;
  if (csrf) h['X-CSRF-Token'] = csrf;
  return new Promise((res, rej) => {
    const r = mod.request({ host: url.hostname, port: url.port, method, path, headers: h,
      localAddress, rejectUnauthorized: false }, (resp) => {
      const chunks = [];
      resp.on('data', (c) => chunks.push(c));
      resp.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        bodies.push(text);
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        res({ status: resp.statusCode, headers: resp.headers, text, json });
      });
    });
    r.on('error', rej);
    if (data !== null) r.write(data);
    r.end();
  });
}

const api = (method, route, opts) => req(method, `/api/v1/${route}`, opts);

function sessionCookie(resp) {
  const sc = [].concat(resp.headers['set-cookie'] || []).find((c) => c.startsWith('wachter_session='));
  return sc;
}

async function login(account, password = pw(account), localAddress = '127.0.0.1') {
  const r = await api('POST', 'login', { body: { account, password }, localAddress });
  const sc = sessionCookie(r);
  return { r, cookie: sc ? sc.split(';')[0] : null, csrf: r.json && r.json.csrf };
}

function audit() {
  return wachter(['--as', 'aud', '--format', 'jsonl', 'audit'], { WACHTER_PASSWORD: pw('aud') })
    .trim().split('\n').map((l) => JSON.parse(l))
    .map((e) => ({ ...e, p: JSON.parse(e.params) }));
}

before(async () => {
  wachter(['demo', '--actors', '200', '--days', '14', '--dir', join(dir, 'org')]);
  wachter(['account', 'add', 'admin', '--role', 'administrator'],
    { WACHTER_NEW_PASSWORD: pw('admin') });
  for (const role of ROLES.slice(1))
    wachter(['--as', 'admin', 'account', 'add', ACCOUNT[role], '--role', role],
      { WACHTER_PASSWORD: pw('admin'), WACHTER_NEW_PASSWORD: pw(ACCOUNT[role]) });
  for (const [name, role] of [['dis', 'analyst'], ['thr', 'analyst'], ['gone', 'analyst']])
    wachter(['--as', 'admin', 'account', 'add', name, '--role', role],
      { WACHTER_PASSWORD: pw('admin'), WACHTER_NEW_PASSWORD: pw(name) });
  wachter(['--as', 'admin', 'account', 'disable', 'dis'], { WACHTER_PASSWORD: pw('admin') });
  server = await startServer();
});

after(() => {
  if (server && server.proc.exitCode === null) server.proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('the first line names the store and the port the kernel chose', () => {
  assert.match(server.first, /^wachter serve: listening on http:\/\/127\.0\.0\.1:\d+\/ \(store .*s\.db\)$/);
  assert.ok(server.port > 0);
});

test('health answers without a login', async () => {
  const r = await fetch(`${server.base}/api/v1/health`);
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { ok: true });
  assert.equal(r.headers.get('cache-control'), 'no-store');
});

test('login: good, wrong password, unknown account, disabled account', async () => {
  const good = await login('ann');
  assert.equal(good.r.status, 200);
  assert.deepEqual(Object.keys(good.r.json).sort(), ['account', 'csrf', 'role']);
  assert.equal(good.r.json.account, 'ann');
  assert.equal(good.r.json.role, 'analyst');
  assert.match(good.csrf, /^[0-9a-f]{64}$/);
  const sc = sessionCookie(good.r);
  assert.match(sc, /^wachter_session=[0-9a-f]{64}; /);
  assert.match(sc, /; HttpOnly/);
  assert.match(sc, /; SameSite=Strict/);
  assert.match(sc, /; Path=\//);
  assert.doesNotMatch(sc, /Secure/); // plain HTTP
  const bad = await login('ann', 'not-the-password', '127.0.0.30');
  assert.equal(bad.r.status, 401);
  assert.equal(bad.cookie, null);
  assert.match(bad.r.json.error, /wrong account or password/);
  const none = await login('nobody', 'whatever1', '127.0.0.31');
  assert.equal(none.r.status, 401);
  // The same answer: it does not tell which accounts exist.
  assert.equal(none.r.json.error, bad.r.json.error);
  const dis = await login('dis', pw('dis'), '127.0.0.32');
  assert.equal(dis.r.status, 401);
  // serve.login-body: a body without account and password.
  const empty = await api('POST', 'login', { body: { account: 'ann' } });
  assert.equal(empty.status, 400);
  assert.match(empty.json.error, /login takes/);
});

test('serve.login-throttle: 5 failures of one account lock it (429), even with the right password', async () => {
  for (let i = 0; i < 5; i++) {
    const r = await login('thr', 'wrong-password', `127.0.0.${40 + i}`);
    assert.equal(r.r.status, 401, `failure ${i + 1}`);
  }
  const locked = await login('thr', pw('thr'), '127.0.0.46');
  assert.equal(locked.r.status, 429);
  assert.match(locked.r.json.error, /too many failed logins for this account/);
  assert.equal(locked.cookie, null);
});

test('serve.login-throttle: 5 failures from one address lock that address, not others', async () => {
  for (let i = 0; i < 5; i++) {
    const r = await login(`x${i}`, 'wrong-password', '127.0.0.50');
    assert.equal(r.r.status, 401);
  }
  const locked = await login('ann', pw('ann'), '127.0.0.50');
  assert.equal(locked.r.status, 429);
  assert.match(locked.r.json.error, /too many failed logins for this address/);
  const elsewhere = await login('ann', pw('ann'), '127.0.0.51');
  assert.equal(elsewhere.r.status, 200);
});

test('me: the account, its role, its CSRF token and what it may do', async () => {
  const s = await login('sam');
  const r = await api('GET', 'me', { cookie: s.cookie });
  assert.equal(r.status, 200);
  assert.equal(r.json.account, 'sam');
  assert.equal(r.json.role, 'senior-analyst');
  assert.equal(r.json.csrf, s.csrf);
  assert.ok(r.json.may.includes('alerts'));
  assert.ok(r.json.may.includes('unmask approve'));
  assert.ok(!r.json.may.includes('audit'));
  const a = await api('GET', 'me', { cookie: (await login('aud')).cookie });
  assert.ok(a.json.may.includes('audit'));
  assert.ok(!a.json.may.includes('alerts'));
});

test('serve.no-session: without a session, or with a made-up one, 401', async () => {
  assert.equal((await api('GET', 'me')).status, 401);
  const r = await api('GET', 'me', { cookie: `wachter_session=${'ab'.repeat(32)}` });
  assert.equal(r.status, 401);
  assert.match(r.json.error, /not logged in/);
});

test('serve.csrf: a POST without the session\'s X-CSRF-Token is refused (403) and recorded', async () => {
  const s = await login('ivy');
  const none = await api('POST', 'logout', { cookie: s.cookie, body: {} });
  assert.equal(none.status, 403);
  assert.match(none.json.error, /X-CSRF-Token/);
  const wrong = await api('POST', 'logout', { cookie: s.cookie, body: {}, csrf: 'ab'.repeat(32) });
  assert.equal(wrong.status, 403);
  // Still logged in.
  assert.equal((await api('GET', 'me', { cookie: s.cookie })).status, 200);
  const refused = audit().filter((e) => e.account === 'ivy' && e.action === 'refused' &&
    e.p.action === 'api session' && /X-CSRF-Token/.test(e.p.reason));
  assert.equal(refused.length, 2);
  assert.equal(refused[0].p.params.path, '/api/v1/logout');
});

test('logout ends the session: 401 after', async () => {
  const s = await login('pia');
  assert.equal((await api('GET', 'me', { cookie: s.cookie })).status, 200);
  const out = await api('POST', 'logout', { cookie: s.cookie, csrf: s.csrf });
  assert.equal(out.status, 200);
  assert.deepEqual(out.json, {});
  assert.match(sessionCookie(out), /^wachter_session=; .*Max-Age=0/);
  assert.equal((await api('GET', 'me', { cookie: s.cookie })).status, 401);
});

test('a disabled account\'s session ends at its next request', async () => {
  const s = await login('gone');
  assert.equal((await api('GET', 'me', { cookie: s.cookie })).status, 200);
  wachter(['--as', 'admin', 'account', 'disable', 'gone'], { WACHTER_PASSWORD: pw('admin') });
  assert.equal((await api('GET', 'me', { cookie: s.cookie })).status, 401);
});

test('serve.route: an unknown route is 404, a wrong method 405, both JSON', async () => {
  const s = await login('ann');
  const r = await api('GET', 'no/such/route', { cookie: s.cookie });
  assert.equal(r.status, 404);
  assert.equal(r.headers['content-type'], 'application/json');
  assert.ok(r.json.error);
  const m = await api('GET', 'logout', { cookie: s.cookie });
  assert.equal(m.status, 405);
  assert.equal((await req('DELETE', '/api/v1/me', { cookie: s.cookie })).status, 405);
});

test('serve.body-too-large: a body over 1 MiB is refused with 413', async () => {
  const s = await login('ann');
  const big = JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 10) });
  const r = await api('POST', 'logout', { cookie: s.cookie, csrf: s.csrf, body: big });
  assert.equal(r.status, 413);
  assert.match(r.json.error, /larger than 1 MiB/);
});

test('serve.url-too-long: a URL over 4 KiB is refused with 414', async () => {
  const r = await req('GET', `/api/v1/health?x=${'a'.repeat(5000)}`);
  assert.equal(r.status, 414);
});

test('serve.body-not-object: a body that is not a JSON object is refused with 400', async () => {
  const s = await login('ann');
  for (const body of ['[1,2]', '"text"', '{"unclosed":', 'not json']) {
    const r = await api('POST', 'logout', { cookie: s.cookie, csrf: s.csrf, body });
    assert.equal(r.status, 400, body);
    assert.match(r.json.error, /JSON object/);
  }
  assert.equal((await api('GET', 'me', { cookie: s.cookie })).status, 200);
});

test('security headers on every response, API and page alike', async () => {
  const s = await login('ann');
  for (const r of [await api('GET', 'me', { cookie: s.cookie }), await api('GET', 'nothing'),
    await req('GET', '/'), await req('GET', '/no-such-file.js')]) {
    assert.equal(r.headers['content-security-policy'],
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';" +
      " frame-ancestors 'none'");
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['referrer-policy'], 'no-referrer');
  }
  assert.equal((await api('GET', 'me', { cookie: s.cookie })).headers['cache-control'], 'no-store');
});

test('the page and Chart.js are served with their types', async () => {
  const page = await fetch(`${server.base}/`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(await page.text(), /<html/);
  const chart = await fetch(`${server.base}/static/chart.js`);
  assert.equal(chart.status, 200);
  assert.equal(chart.headers.get('content-type'), 'text/javascript; charset=utf-8');
  const text = await chart.text();
  assert.equal(text, readFileSync('/usr/share/javascript/chart.js/chart.min.js', 'utf8'));
  assert.equal((await fetch(`${server.base}/static/none.js`)).status, 404);
});

test('serve.path-traversal: "..", encoded "..", NUL and absolute paths are refused', async () => {
  for (const p of ['/static/../../etc/passwd', '/../etc/passwd', '/static/%2e%2e/%2e%2e/etc/passwd',
    '//etc/passwd', '/index.html%00.js', '/static/..%2f..%2fetc%2fpasswd', '/.hidden']) {
    const r = await req('GET', p);
    assert.ok(r.status === 400 || r.status === 404, `${p}: ${r.status}`);
    assert.doesNotMatch(r.text, /root:/);
  }
});

test('each page view and API call is in the audit trail, and the refusals', async () => {
  const s = await login('ann');
  await req('GET', '/', { cookie: s.cookie });
  await api('GET', 'me', { cookie: s.cookie });
  const a = audit();
  assert.ok(a.some((e) => e.account === 'ann' && e.action === 'page' && e.p.path === '/'));
  const call = a.filter((e) => e.account === 'ann' && e.action === 'api session');
  assert.ok(call.length >= 1);
  assert.deepEqual(Object.keys(call.at(-1).p).sort(), ['method', 'path', 'query']);
  assert.equal(call.at(-1).p.path, '/api/v1/me');
  assert.ok(a.some((e) => e.account === 'ann' && e.action === 'api login'));
  // A search by a citizen's number: in the body, not the path, and in the trail.
  await api('POST', 'subject', { cookie: s.cookie, csrf: s.csrf, body: { subject: '123454321' } });
  const search = audit().filter((e) => e.account === 'ann' && e.action === 'api who-accessed');
  assert.equal(search.at(-1).p.path, '/api/v1/subject');
  assert.equal(search.at(-1).p.body.subject, '123454321');
  // A failed login and a throttled one, with the reason.
  assert.ok(a.some((e) => e.account === 'ann' && e.action === 'refused' &&
    e.p.action === 'api login' && /wrong password/.test(e.p.reason)));
  assert.ok(a.some((e) => e.account === 'dis' && e.action === 'refused' && /disabled/.test(e.p.reason)));
  assert.ok(a.some((e) => e.account === 'thr' && e.action === 'refused' &&
    /too many failed logins/.test(e.p.reason)));
  // No session token or password is ever recorded.
  const all = JSON.stringify(a);
  assert.doesNotMatch(all, /secret-pw/);
  assert.doesNotMatch(all, /wachter_session/);
});

// Checks ROUTES: each role gets 403 where it is not allowed (with a
// "refused" entry), something else where it is.
test('role x endpoint matrix', async () => {
  const sessions = {};
  for (const role of ROLES) sessions[role] = await login(ACCOUNT[role]);
  for (const [method, path, body, allowed] of ROUTES) {
    for (const role of ROLES) {
      const s = sessions[role];
      const r = await api(method, path, { cookie: s.cookie, csrf: s.csrf,
        body: method === 'POST' ? body || {} : undefined });
      if (allowed.includes(role))
        assert.notEqual(r.status, 403, `${role} ${method} ${path}: ${r.text}`);
      else
        assert.equal(r.status, 403, `${role} ${method} ${path} must be refused: ${r.text}`);
    }
  }
});

test('new alerts show without a restart: an ingest and an incident beside the server', async () => {
  const s = await login('ann');
  const list = async () => (await api('GET', 'alerts?status=all&rule=incident&limit=1000',
    { cookie: s.cookie })).json.alerts.filter((a) => a.reason.includes('INC-APITEST'));
  assert.equal((await list()).length, 0);
  const events = readFileSync(join(dir, 'org', 'events.jsonl'), 'utf8').trim().split('\n');
  const last = JSON.parse(events[events.length - 1]);
  const at = Date.parse(last.ts);
  const file = join(dir, 'incident.jsonl');
  writeFileSync(file, JSON.stringify({ id: 'apitest-1', ts: new Date(at - 2 * 36e5).toISOString(),
    actor: last.actor, system: 'brp', action: 'view', subject: '900000077' }) + '\n');
  wachter(['--as', 'admin', 'ingest', file], { WACHTER_PASSWORD: pw('admin') });
  wachter(['--as', 'ivy', 'incident', 'add', '--id', 'INC-APITEST', '--subject', '900000077',
    '--ts', new Date(at - 36e5).toISOString(), '--kind', 'arson'], { WACHTER_PASSWORD: pw('ivy') });
  const found = await list();
  assert.equal(found.length, 1, 'the incident\'s alert is in the queue at once');
  assert.match(found[0].actor, /^emp-[a-z0-9]{10}$/);
  assert.notEqual(found[0].actor, last.actor);
});

test('closing a person\'s alerts as false positives takes them out of the risk the person page shows', async () => {
  const s = await login('ann');
  const top = (await api('GET', 'alerts?limit=1', { cookie: s.cookie })).json.alerts[0];
  const person = async () => (await api('GET', `people/${top.actor}`, { cookie: s.cookie })).json;
  const before = await person();
  assert.ok(before.risk && before.risk.score > 0, 'the top alert\'s person has a risk');
  const theirs = (await api('GET', `alerts?actor=${top.actor}&limit=1000`, { cookie: s.cookie })).json.alerts;
  for (const a of theirs) {
    const r = await api('POST', `alerts/${encodeURIComponent(a.id)}/status`,
      { cookie: s.cookie, csrf: s.csrf, body: { status: 'closed', disposition: 'false_positive' } });
    assert.equal(r.status, 200, r.text);
  }
  const after = await person();
  assert.ok(!after.risk || !(after.risk.score > 0) || after.risk.score < before.risk.score,
    `the risk falls once the alerts are closed as false positives: ${JSON.stringify(after.risk)}`);
  const back = await api('POST', `alerts/${encodeURIComponent(theirs[0].id)}/status`,
    { cookie: s.cookie, csrf: s.csrf, body: { status: 'acknowledged' } });
  assert.equal(back.status, 200, back.text);
  const reopened = await person();
  assert.ok(reopened.risk && reopened.risk.score > 0, 'a reopened alert counts again');
});

test('an ingest beside the server: it runs, and the server names its new staff by pseudonym', async () => {
  // An analyst account whose name is the account id of someone the store
  // does not know yet: shown as it is, until an ingest brings their look-ups.
  wachter(['--as', 'admin', 'account', 'add', 'u77777', '--role', 'analyst'],
    { WACHTER_PASSWORD: pw('admin'), WACHTER_NEW_PASSWORD: pw('u77777') });
  const before = await login('u77777');
  assert.equal(before.r.json.account, 'u77777');
  const events = join(dir, 'more.jsonl');
  const lines = [];
  for (let i = 0; i < 5; i++)
    lines.push(JSON.stringify({ id: `more-${i}`, ts: `2026-09-15T10:0${i}:00Z`, actor: 'u77777',
      system: 'brp', action: 'view', subject: `90000000${i}` }));
  writeFileSync(events, lines.join('\n') + '\n');
  wachter(['--as', 'admin', 'ingest', events], { WACHTER_PASSWORD: pw('admin') });
  const after = await login('u77777');
  assert.equal(after.r.status, 200);
  assert.match(after.r.json.account, /^emp-[a-z0-9]{10}$/);
  assert.equal((await api('GET', 'me', { cookie: before.cookie })).status, 200);
  bodies.splice(0); // u77777 is staff only since this test: not the demo's
});

test('serve.listen: a bad --listen is exit 2; a port in use exit 1', async () => {
  let bad;
  try {
    wachter(['--as', 'admin', 'serve', '--listen', '127.0.0.1'], { WACHTER_PASSWORD: pw('admin') });
  } catch (e) { bad = e; }
  assert.equal(bad && bad.status, 2);
  assert.match(bad.stderr, /--listen takes ADDRESS:PORT/);
  let busy;
  try {
    wachter(['--as', 'admin', 'serve', '--listen', `127.0.0.1:${server.port}`],
      { WACHTER_PASSWORD: pw('admin') });
  } catch (e) { busy = e; }
  assert.equal(busy && busy.status, 1);
  assert.match(busy.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1 port ${server.port}`));
});

test('the server log holds methods, route patterns and statuses, nothing identifying', async () => {
  await api('GET', 'no-such/u10908');
  const log = server.stderr();
  assert.match(log, /^wachter serve: GET \/api\/v1\/me 200 \d+ms$/m);
  assert.match(log, /^wachter serve: POST \/api\/v1\/login 401 \d+ms$/m);
  assert.doesNotMatch(log, /u10908|ann|secret/);
});

test('no real account id of the demo\'s staff appears in any response', () => {
  const lines = readFileSync(join(dir, 'org', 'actors.csv'), 'utf8').trim().split('\n').slice(1);
  const ids = new Set();
  for (const l of lines) {
    const f = l.split(',');
    ids.add(f[0]);
    if (f[5]) ids.add(f[5]);
  }
  assert.ok(ids.size > 100);
  const text = bodies.join('\n');
  for (const id of ids)
    assert.ok(!new RegExp(`(^|[^A-Za-z0-9_])${id}([^A-Za-z0-9_]|$)`).test(text), `${id} shown`);
});

test('the server stops cleanly on SIGTERM', async () => {
  const code = await new Promise((res) => {
    server.proc.removeAllListeners('exit');
    server.proc.on('close', (c) => res(c)); // after its output is read
    server.proc.kill('SIGTERM');
  });
  assert.equal(code, 0);
  assert.match(server.stderr(), /stopped \(SIGTERM\)/);
});

test('serve.tls: over HTTPS the session cookie is Secure; a missing certificate is an error', async () => {
  const cert = join(dir, 'cert.pem'), key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
    '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  const tls = await startServer(['--tls-cert', cert, '--tls-key', key]);
  try {
    assert.match(tls.first, /listening on https:\/\//);
    const r = await api('POST', 'login', { base: tls.base,
      body: { account: 'ann', password: pw('ann') } });
    assert.equal(r.status, 200);
    assert.match(sessionCookie(r), /; Secure/);
    assert.match(sessionCookie(r), /; HttpOnly/);
  } finally {
    tls.proc.kill('SIGTERM');
  }
  let failed;
  try {
    wachter(['--as', 'admin', 'serve', '--listen', '127.0.0.1:0', '--tls-cert',
      join(dir, 'missing.pem'), '--tls-key', key], { WACHTER_PASSWORD: pw('admin') });
  } catch (e) { failed = e; }
  assert.ok(failed, 'serve must fail');
  assert.notEqual(failed.status, 0);
  assert.match(failed.stderr, /cannot read the TLS certificate .*missing\.pem/);
  let alone;
  try {
    wachter(['--as', 'admin', 'serve', '--listen', '127.0.0.1:0', '--tls-cert', cert],
      { WACHTER_PASSWORD: pw('admin') });
  } catch (e) { alone = e; }
  assert.equal(alone && alone.status, 2);
  assert.match(alone.stderr, /TLS needs both --tls-cert FILE and --tls-key FILE/);
  let notPem;
  try {
    wachter(['--as', 'admin', 'serve', '--listen', '127.0.0.1:0', '--tls-cert', db,
      '--tls-key', key], { WACHTER_PASSWORD: pw('admin') });
  } catch (e) { notPem = e; }
  assert.equal(notPem && notPem.status, 1);
  assert.match(notPem.stderr, /is not a PEM file/);
});

test('serve.role: only an administrator starts the server', () => {
  let failed;
  try {
    wachter(['--as', 'ann', 'serve', '--listen', '127.0.0.1:0'], { WACHTER_PASSWORD: pw('ann') });
  } catch (e) { failed = e; }
  assert.equal(failed && failed.status, 4);
  assert.match(failed.stderr, /ann \(analyst\) may not run serve; administrator may/);
});
