// API tests of the authorisation reports (GET /api/v1/rights...) against a
// real `wachter serve` on a small hand-made organisation: each report's
// rows, staff by pseudonym, a pseudonym accepted as actor=, bad input,
// and the roles that may not read them (403).
// Run: WACHTER=build/wachter node --test tests/api/rights_test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { wachterOn, serveOn } from './harness.mjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'wachter-rights-api-'));
const db = join(dir, 's.db');
const pw = (name) => `${name}-secret-pw`;
const ACCOUNTS = [['admin', 'administrator'], ['ann', 'analyst'], ['sam', 'senior-analyst'],
  ['ivy', 'investigator'], ['pia', 'privacy-officer'], ['aud', 'auditor']];

const ORG = {
  'actors.csv': `actor,unit,role,start,end
clerk1,burgerzaken,baliemedewerker,2024-01-01,
clerk2,burgerzaken,baliemedewerker,2024-01-01,2026-02-15
mover1,financien,controller,2024-01-01,
fin1,financien,controller,2024-01-01,
fin2,financien,medewerker,2024-01-01,
`,
  'rights.csv': `actor,system,right,granted,revoked,granted_by
clerk1,brp,view,2025-01-01,,it-desk
clerk1,brp,export,2025-01-01,,it-desk
clerk2,brp,view,2025-01-01,,it-desk
clerk2,brp,export,2025-01-01,2026-02-10,it-desk
ghost1,zaken,*,2025-01-01,,it-desk
mover1,brp,view,2025-01-01,,it-desk
fin1,payments,create,2025-01-01,,fin-lead
fin1,payments,approve,2025-01-01,,fin-lead
fin2,payments,create,2025-01-01,,fin-lead
`,
  'moves.csv': `actor,date,from_unit,from_role,to_unit,to_role
mover1,2026-02-01,burgerzaken,baliemedewerker,financien,controller
`,
  'conflicts.csv': `right_a,right_b,reason
payments:create,payments:approve,one person may not both create and approve a payment
`,
};
const ev = (id, ts, actor, system, action) => JSON.stringify({ id, ts, actor, system, action,
  subject: `S-${id}`, subject_type: 'person' });
const EVENTS = [
  ev('e1', '2026-03-31T10:00:00Z', 'clerk1', 'brp', 'view'),
  ev('e2', '2026-03-20T10:00:00Z', 'clerk2', 'brp', 'view'),
  ev('e3', '2026-03-28T10:00:00Z', 'ghost1', 'zaken', 'edit'),
  ev('e4', '2026-03-20T10:00:00Z', 'mover1', 'brp', 'view'),
  ev('e5', '2026-03-30T10:00:00Z', 'fin1', 'payments', 'create'),
  ev('e6', '2026-03-30T11:00:00Z', 'fin1', 'payments', 'approve'),
  ev('e7', '2026-04-01T12:00:00Z', 'fin2', 'payments', 'create'),
].join('\n') + '\n';

let server;

function wachter(args, env = {}) {
  return wachterOn(db, args, env);
}

function startServer() {
  return serveOn(db, pw('admin'));
}

const sessions = {};
async function login(account) {
  const r = await fetch(`${server.base}/api/v1/login`, { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ account, password: pw(account) }) });
  assert.equal(r.status, 200, `login ${account}`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  return { cookie };
}

async function get(account, route) {
  sessions[account] ||= await login(account);
  const r = await fetch(`${server.base}/api/v1/${route}`,
    { headers: { Cookie: sessions[account].cookie } });
  const text = await r.text();
  // staff by pseudonym only: no real id in any answer
  for (const id of ['clerk1', 'clerk2', 'ghost1', 'mover1', 'fin1', 'fin2'])
    assert.ok(!text.includes(`"${id}"`), `${route} shows ${id}`);
  return { status: r.status, json: JSON.parse(text) };
}

const brief = (rows) => rows.map((w) => `${w.unit}|${w.right}`);

before(async () => {
  for (const [name, text] of Object.entries(ORG)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'events.jsonl'), EVENTS);
  wachter(['load', dir]);
  wachter(['ingest', join(dir, 'events.jsonl')]);
  wachter(['account', 'add', 'admin', '--role', 'administrator'],
    { WACHTER_NEW_PASSWORD: pw('admin') });
  for (const [name, role] of ACCOUNTS.slice(1))
    wachter(['--as', 'admin', 'account', 'add', name, '--role', role],
      { WACHTER_PASSWORD: pw('admin'), WACHTER_NEW_PASSWORD: pw(name) });
  server = await startServer();
});

after(() => {
  if (server && server.proc.exitCode === null) server.proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('unused: the never-used export, as of the newest event, with days', async () => {
  const r = await get('ann', 'rights/unused');
  assert.equal(r.status, 200);
  assert.equal(r.json.report, 'unused');
  assert.equal(r.json.days, 90);
  assert.equal(r.json.time, '2026-04-01T12:00:00Z');
  assert.deepEqual(brief(r.json.rights), ['burgerzaken|brp:export']);
  const w = r.json.rights[0];
  assert.match(w.actor, /^emp-/);
  assert.equal(w.never_used, true);
  assert.equal(w.last_use, null);
  assert.equal(w.granted, '2025-01-01');
  assert.equal(w.granted_by, 'it-desk');
  // 10 days: clerk2's and mover1's views (2026-03-20) join
  const ten = await get('ann', 'rights/unused?days=10');
  assert.deepEqual(brief(ten.json.rights).sort(), ['burgerzaken|brp:export',
    'burgerzaken|brp:view', 'financien|brp:view']);
  const sys = await get('ann', 'rights/unused?days=10&unit=financien');
  assert.deepEqual(brief(sys.json.rights), ['financien|brp:view']);
});

test('leavers: the leaver\'s right and the one not in the register, not a revoked one', async () => {
  const r = await get('sam', 'rights/leavers');
  assert.equal(r.status, 200);
  const rows = r.json.rights.map((w) => `${w.right}|${w.why}|${w.left}`).sort();
  assert.deepEqual(rows, ['brp:view|left|2026-02-15', 'zaken:*|not in the staff register|null']);
});

test('movers: the right kept after the move, naming the move', async () => {
  const r = await get('ivy', 'rights/movers');
  assert.equal(r.json.rights.length, 1);
  const w = r.json.rights[0];
  assert.equal(w.right, 'brp:view');
  assert.equal(w.moved, '2026-02-01');
  assert.deepEqual([w.from_unit, w.from_role, w.to_unit, w.to_role],
    ['burgerzaken', 'baliemedewerker', 'financien', 'controller']);
});

test('conflicts: the one holding both rights of the pair', async () => {
  const r = await get('admin', 'rights/conflicts');
  assert.equal(r.status, 200);
  assert.equal(r.json.rights.length, 1);
  const w = r.json.rights[0];
  assert.equal(w.conflict, 'payments:create + payments:approve');
  assert.equal(w.right, 'payments:create');
  assert.equal(w.held_b, 'payments:approve');
  assert.equal(w.reason, 'one person may not both create and approve a payment');
});

test('list: one person\'s rights by pseudonym, with last use', async () => {
  const unused = await get('ann', 'rights/unused');
  const who = unused.json.rights[0].actor;
  const r = await get('ann', `rights?actor=${who}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.rights.map((w) => `${w.right}|${w.last_use}`),
    ['brp:export|null', 'brp:view|2026-03-31']);
  assert.ok(r.json.rights.every((w) => w.actor === who));
});

test('rights.bad-days, rights.bad-at: 400 with the reason', async () => {
  const d = await get('ann', 'rights/unused?days=0');
  assert.equal(d.status, 400);
  assert.match(d.json.error, /days takes a whole number from 1 to 36500/);
  const a = await get('ann', 'rights/leavers?at=yesterday');
  assert.equal(a.status, 400);
  assert.match(a.json.error, /--at takes a time/);
  const n = await get('ann', 'rights/unknown');
  assert.equal(n.status, 404);
});

test('the privacy officer and the auditor may not read them (403)', async () => {
  for (const account of ['pia', 'aud'])
    for (const route of ['rights', 'rights/unused', 'rights/leavers', 'rights/movers',
      'rights/conflicts']) {
      const r = await get(account, route);
      assert.equal(r.status, 403, `${account} ${route}`);
    }
});
