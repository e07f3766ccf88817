// A whole recertification campaign through the API of `wachter serve`
// on a small hand-made organisation: a senior analyst starts one for the
// brp system owned by olga; olga sees the rights with their last use,
// keeps one, revokes one with a reason, revokes the unused rest in bulk,
// closes it and takes the revocation list; the refusals on the way (a
// non-owner's decision 403 and recorded, a revocation without a reason
// 400, an export before closing 409, a decision after closing 409), and
// that no answer names a member of staff by their account.
// Run: WACHTER=build/wachter node --test tests/api/recert_test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const W = resolve(process.env.WACHTER || 'build/wachter');
const dir = mkdtempSync(join(tmpdir(), 'wachter-recert-api-'));
const db = join(dir, 's.db');
const PW = 'recert-secret-pw';
const DAY = 86400000;
const now = Date.now();
const STAFF = ['clerk1', 'clerk2', 'clerk3', 'clerk4'];

let server;
const bodies = [];

function wachter(args, env = {}) {
  return execFileSync(W, ['--db', db, ...args], {
    env: { ...process.env, WACHTER_PASSWORD: PW, WACHTER_NEW_PASSWORD: PW, ...env },
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function startServer() {
  return new Promise((res, rej) => {
    const proc = spawn(W, ['--db', db, '--as', 'admin', 'serve', '--listen', '127.0.0.1:0'],
      { env: { ...process.env, WACHTER_PASSWORD: PW } });
    let out = '', err = '';
    proc.stderr.on('data', (d) => { err += d; });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) res({ proc, base: m[1] });
    });
    proc.on('exit', (code) => rej(new Error(`serve exited ${code}: ${err}`)));
  });
}

async function login(account) {
  const r = await fetch(`${server.base}/api/v1/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ account, password: PW }),
  });
  assert.equal(r.status, 200, `login ${account}`);
  const body = await r.json();
  return { cookie: r.headers.get('set-cookie').split(';')[0], csrf: body.csrf };
}

async function api(who, method, route, body) {
  const headers = { Cookie: who.cookie };
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-Token'] = who.csrf;
  }
  const r = await fetch(`${server.base}/api/v1/${route}`, {
    method, headers, body: method === 'POST' ? JSON.stringify(body || {}) : undefined,
  });
  const text = await r.text();
  bodies.push(text);
  return { status: r.status, json: JSON.parse(text) };
}

function audit() {
  return wachter(['--as', 'aud', '--format', 'jsonl', 'audit']).trim().split('\n')
    .map((l) => JSON.parse(l)).map((e) => ({ ...e, p: JSON.parse(e.params) }));
}

const XSS = '<img src=x onerror=alert(1)> left the team';
let sam, olga, ann, aud;

before(async () => {
  writeFileSync(join(dir, 'actors.csv'),
    'actor,unit,role,start,end,person,surname,postcode,house_number\n' +
    STAFF.map((a) => `${a},burgerzaken,baliemedewerker,2020-01-01,,,,,\n`).join(''));
  // brp: clerk1 view (used yesterday) and export (never), clerk2 view
  // (never), clerk3 view (used 100 days ago); zaken: clerk4, not in the
  // campaign for brp.
  writeFileSync(join(dir, 'rights.csv'), 'actor,system,right,granted,revoked,granted_by\n' +
    'clerk1,brp,view,2025-01-01,,it-desk\nclerk1,brp,export,2025-01-01,,it-desk\n' +
    'clerk2,brp,view,2025-01-01,,it-desk\nclerk3,brp,view,2025-01-01,,it-desk\n' +
    'clerk4,zaken,*,2025-01-01,,it-desk\n');
  const ev = (id, actor, ts) => JSON.stringify({ id, ts, actor, system: 'brp', action: 'view',
    subject: 'S1', subject_type: 'person' });
  writeFileSync(join(dir, 'events.jsonl'),
    `${ev('e1', 'clerk1', now - DAY)}\n${ev('e2', 'clerk3', now - 100 * DAY)}\n`);
  wachter(['load', dir]);
  wachter(['ingest', join(dir, 'events.jsonl')]);
  wachter(['account', 'add', 'admin', '--role', 'administrator']);
  for (const [name, role] of [['sam', 'senior-analyst'], ['olga', 'analyst'], ['ann', 'analyst'],
    ['aud', 'auditor'], ['ivy', 'investigator'], ['pia', 'privacy-officer']])
    wachter(['--as', 'admin', 'account', 'add', name, '--role', role]);
  server = await startServer();
  [sam, olga, ann, aud] = await Promise.all(['sam', 'olga', 'ann', 'aud'].map(login));
});

after(() => {
  if (server && server.proc.exitCode === null) server.proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

let id;
const item = {};

test('a senior analyst starts a campaign for brp: one item per right held on it', async () => {
  const r = await api(sam, 'POST', 'recert', { system: 'brp', owner: 'olga', due: '2099-12-31' });
  assert.equal(r.status, 201);
  id = r.json.campaign.id;
  assert.equal(r.json.campaign.owner, 'olga');
  assert.equal(r.json.campaign.title, 'Rights on brp');
  assert.equal(r.json.campaign.due, '2099-12-31T23:59:59Z');
  assert.deepEqual([r.json.campaign.items, r.json.campaign.open, r.json.campaign.overdue], [4, 4, 0]);
  assert.deepEqual(r.json.items.map((i) => i.right), ['brp:export', 'brp:view', 'brp:view', 'brp:view']);
  for (const i of r.json.items) assert.match(i.actor, /^emp-[a-z0-9]{10}$/);
  // clerk1's two rights come first (actor order), then clerk2, clerk3.
  [item.export1, item.view1, item.view2, item.view3] = r.json.items.map((i) => i.id);
  const used = r.json.items.filter((i) => i.last_use !== null).map((i) => i.id);
  assert.deepEqual(used, [item.view1, item.view3]);
  assert.equal(r.json.history[0].action, 'start');
});

test('recert.start-refused: who may not start, and a start with a bad field', async () => {
  assert.equal((await api(ann, 'POST', 'recert', { system: 'brp', owner: 'olga', due: '2099-12-31' })).status, 403);
  assert.equal((await api(aud, 'POST', 'recert', { system: 'brp', owner: 'olga', due: '2099-12-31' })).status, 403);
  const owner = await api(sam, 'POST', 'recert', { system: 'brp', owner: 'aud', due: '2099-12-31' });
  assert.equal(owner.status, 400);
  assert.match(owner.json.error, /the owner cannot decide/);
  const nobody = await api(sam, 'POST', 'recert', { system: 'brp', owner: 'nobody', due: '2099-12-31' });
  assert.equal(nobody.status, 404);
  const none = await api(sam, 'POST', 'recert', { system: 'nosuch', owner: 'olga', due: '2099-12-31' });
  assert.equal(none.status, 404);
  assert.match(none.json.error, /no rights are held on system 'nosuch'/);
  const both = await api(sam, 'POST', 'recert', { system: 'brp', unit: 'x', owner: 'olga', due: '2099-12-31' });
  assert.equal(both.status, 400);
  const past = await api(sam, 'POST', 'recert', { system: 'brp', owner: 'olga', due: '2001-01-01' });
  assert.equal(past.status, 400);
  assert.match(past.json.error, /has passed/);
});

test('recert.not-owner: a non-owner\'s decision is refused (403) and recorded', async () => {
  const r = await api(ann, 'POST', `recert/${id}/items/${item.view1}`, { decision: 'keep' });
  assert.equal(r.status, 403);
  assert.match(r.json.error, /only its owner olga or an administrator may/);
  const refused = audit().filter((e) => e.account === 'ann' && e.action === 'refused');
  assert.ok(refused.some((e) => e.p.action === 'recert decide' && e.p.params.campaign === id));
});

test('recert.revoke-without-reason: 400, and nothing changes', async () => {
  const r = await api(olga, 'POST', `recert/${id}/items/${item.view2}`, { decision: 'revoke' });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /revoking a right needs a reason/);
  const bad = await api(olga, 'POST', `recert/${id}/items/${item.view2}`, { decision: 'maybe' });
  assert.equal(bad.status, 400);
  const missing = await api(olga, 'POST', `recert/${id}/items/99999`, { decision: 'keep' });
  assert.equal(missing.status, 404);
  const page = await api(olga, 'GET', `recert/${id}`);
  assert.equal(page.json.campaign.decided, 0);
});

test('the owner keeps one, revokes one with a reason, and the rest in bulk', async () => {
  let r = await api(olga, 'POST', `recert/${id}/items/${item.view1}`, { decision: 'keep', reason: 'daily work' });
  assert.equal(r.status, 200);
  r = await api(olga, 'POST', `recert/${id}/items/${item.export1}`, { decision: 'revoke', reason: XSS });
  assert.equal(r.status, 200);
  assert.equal(r.json.items.find((i) => i.id === item.export1).reason, XSS);
  assert.deepEqual([r.json.campaign.decided, r.json.campaign.kept, r.json.campaign.revoked], [2, 1, 1]);
  // recert.bulk-criteria: not an array of ids, no criterion, two at once
  for (const body of [{ items: 'x', decision: 'keep' }, { items: [true], decision: 'keep' }, {},
    { unused_days: 30, used_days: 5 }, { unused_days: 0 }]) {
    const bad = await api(olga, 'POST', `recert/${id}/bulk`, body);
    assert.equal(bad.status, 400, JSON.stringify(body));
  }
  // Not used in 30 days: clerk2's (never) and clerk3's (100 days ago).
  r = await api(olga, 'POST', `recert/${id}/bulk`, { unused_days: 30 });
  assert.equal(r.status, 200);
  assert.equal(r.json.changed, 2);
  assert.deepEqual([r.json.campaign.open, r.json.campaign.kept, r.json.campaign.revoked], [0, 1, 3]);
  assert.equal(r.json.items.find((i) => i.id === item.view3).reason, 'not used in 30 days');
  const done = audit().filter((e) => e.action === 'recert bulk done');
  assert.equal(done.length, 1);
  assert.deepEqual(done[0].p.criteria, { unused_days: 30 });
  assert.equal(done[0].p.count, 2);
  const decides = r.json.history.filter((h) => h.action === 'decide');
  assert.equal(decides.length, 4);
});

test('the campaigns list shows the progress', async () => {
  const r = await api(aud, 'GET', 'recert');
  assert.equal(r.status, 200);
  const c = r.json.campaigns.find((x) => x.id === id);
  assert.deepEqual([c.items, c.decided, c.kept, c.revoked, c.open, c.overdue], [4, 4, 1, 3, 0, 0]);
});

test('recert.export-open, close, the revocation list, and no decision after closing', async () => {
  const early = await api(olga, 'GET', `recert/${id}/export`);
  assert.equal(early.status, 409);
  assert.equal((await api(ann, 'POST', `recert/${id}/close`)).status, 403);
  const closed = await api(olga, 'POST', `recert/${id}/close`);
  assert.equal(closed.status, 200);
  assert.equal(closed.json.campaign.status, 'closed');
  const r = await api(olga, 'GET', `recert/${id}/export`);
  assert.equal(r.status, 200);
  assert.equal(r.json.rows, 3);
  const lines = r.json.csv.trim().split('\n');
  assert.equal(lines[0], 'actor,system,right,granted,reason,decided_by,decided_at');
  assert.equal(lines.length, 4);
  assert.match(lines[1], /^emp-[a-z0-9]{10},brp,export,2025-01-01,<img src=x onerror=alert\(1\)> left the team,olga,/);
  const after = await api(olga, 'POST', `recert/${id}/items/${item.view1}`, { decision: 'revoke', reason: 'x' });
  assert.equal(after.status, 409);
  assert.match(after.json.error, /is closed/);
});

test('recert.close-open-items: closing with undecided items needs force', async () => {
  const r = await api(sam, 'POST', 'recert', { unit: 'burgerzaken', owner: 'olga', due: '2099-12-31' });
  assert.equal(r.status, 201);
  assert.equal(r.json.campaign.items, 5);
  const c2 = r.json.campaign.id;
  const refused = await api(olga, 'POST', `recert/${c2}/close`);
  assert.equal(refused.status, 409);
  assert.match(refused.json.error, /5 undecided items/);
  const forced = await api(olga, 'POST', `recert/${c2}/close`, { force: true });
  assert.equal(forced.status, 200);
  assert.equal(forced.json.history.at(-1).detail, 'closed with 5 undecided');
});

test('who may do what: every role against every route (README\'s role table)', async () => {
  const who = { administrator: await login('admin'), analyst: ann, 'senior-analyst': sam,
    investigator: await login('ivy'), 'privacy-officer': await login('pia'), auditor: aud };
  const ALL = Object.keys(who);
  const DECIDE = ['analyst', 'senior-analyst', 'investigator', 'administrator'];
  // [method, route, body, roles the access table lets through]
  const ROUTES = [
    ['GET', 'recert', null, ALL],
    ['GET', 'recert/overdue', null, ALL],
    ['GET', `recert/${id}`, null, ALL],
    ['GET', `recert/${id}/export`, null, ALL],
    ['POST', 'recert', {}, ['senior-analyst', 'administrator']],
    ['POST', `recert/${id}/items/${item.view1}`, { decision: 'keep' }, DECIDE],
    ['POST', `recert/${id}/bulk`, { used_days: 1 }, DECIDE],
    ['POST', `recert/${id}/close`, {}, DECIDE],
  ];
  for (const [method, route, body, allowed] of ROUTES) {
    for (const role of ALL) {
      const r = await api(who[role], method, route, body);
      const byRole = r.status === 403 && /may not run recert/.test(r.json.error) &&
        !/only its owner/.test(r.json.error);
      assert.equal(byRole, !allowed.includes(role), `${role} ${method} ${route}: ${r.status} ${r.json.error}`);
    }
  }
});

test('no answer names a member of staff by their account', () => {
  for (const b of bodies) for (const a of STAFF) assert.ok(!b.includes(a), `${a} in ${b.slice(0, 200)}`);
});
