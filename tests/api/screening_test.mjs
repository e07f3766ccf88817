// API tests of the screening reports (README "Screening"): GET
// /api/v1/screening/due, unscreened and negative on a hand-made
// organisation judged on 2027-03-01: the rows (as the CLI gives them,
// staff by pseudonym), the filters, bad parameters, who may ask, and the
// audit entry of each call.
// Run: WACHTER=build/wachter node --test tests/api/screening_test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { wachterOn, serveOn } from './harness.mjs';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'wachter-screening-api-'));
const db = join(dir, 's.db');
const ROLES = { administrator: 'admin', analyst: 'ann', 'senior-analyst': 'sam',
  investigator: 'ivy', 'privacy-officer': 'pia', auditor: 'aud' };
const MAY = ['administrator', 'senior-analyst', 'privacy-officer'];
const pw = (name) => `${name}-secret-pw`;

const FILES = {
  'actors.csv': `actor,unit,role,start,end,person,surname,postcode,house_number
anna,burgerzaken,reisdocumenten,2015-01-01,,,,,
bert,burgerzaken,reisdocumenten,2016-01-01,,,,,
carla,burgerzaken,reisdocumenten,2016-01-01,,,,,
eva,burgerzaken,reisdocumenten,2027-02-01,,,,,
gijs,burgerzaken,reisdocumenten,2018-01-01,,,,,
hans,burgerzaken,reisdocumenten,2018-01-01,,,,,
ivo,burgerzaken,balie,2018-01-01,,,,,
jan,vergunningen,inspecteur,2010-01-01,,,,,
`,
  'screening_requirements.csv': `unit,role,kind,every_months,from
burgerzaken,reisdocumenten,VOG,60,2027-01-01
vergunningen,inspecteur,VOG-P,36,
`,
  'screenings.csv': `actor,kind,date,outcome
anna,VOG,2022-01-15,positive
bert,VOG,2022-04-10,positive
carla,VOG,2025-06-01,positive
gijs,VOG,2023-03-01,positive
gijs,VOG,2027-02-20,negative
hans,VOG,2023-03-01,positive
hans,VOG,2027-01-10,negative
jan,VOG-P,2024-04-01,positive
`,
  'rights.csv': `actor,system,right,granted,revoked,granted_by
gijs,brp,view,2020-01-01,,it
hans,brp,view,2020-01-01,2027-01-12,it
`,
};

let server;

function wachter(args, env = {}) {
  return wachterOn(db, args, env);
}

function startServer() {
  return serveOn(db, pw('admin'));
}

const sessions = {};
async function session(account) {
  if (sessions[account]) return sessions[account];
  const r = await fetch(`${server.base}/api/v1/login`, { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ account, password: pw(account) }) });
  assert.equal(r.status, 200, `login ${account}`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  sessions[account] = cookie;
  return cookie;
}

async function get(account, route) {
  const r = await fetch(`${server.base}/api/v1/${route}`, { headers: { Cookie: await session(account) } });
  const text = await r.text();
  return { status: r.status, text, json: JSON.parse(text) };
}

// The CLI's rows of a report (as sam sees them: pseudonyms).
function cli(report, ...args) {
  const out = wachter(['--as', 'sam', '--format', 'jsonl', 'screening', report, '--at', '2027-03-01',
    ...args], { WACHTER_PASSWORD: pw('sam') });
  return out.trim() ? out.trim().split('\n').map((l) => JSON.parse(l)) : [];
}

before(async () => {
  const org = join(dir, 'org');
  mkdirSync(org);
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(org, name), text);
  wachter(['load', org]);
  wachter(['account', 'add', 'admin', '--role', 'administrator'], { WACHTER_NEW_PASSWORD: pw('admin') });
  for (const [role, name] of Object.entries(ROLES)) {
    if (name === 'admin') continue;
    wachter(['--as', 'admin', 'account', 'add', name, '--role', role],
      { WACHTER_PASSWORD: pw('admin'), WACHTER_NEW_PASSWORD: pw(name) });
  }
  server = await startServer();
});

after(() => {
  if (server && server.proc.exitCode === null) server.proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const strip = (rows) => rows.map(({ actor, ...rest }) => rest);

test('due: the overdue and those due within 60 days, per unit, by pseudonym, as the CLI gives them', async () => {
  const r = await get('sam', 'screening/due?at=2027-03-01');
  assert.equal(r.status, 200);
  assert.equal(r.json.report, 'due');
  assert.equal(r.json.at, '2027-03-01');
  assert.equal(r.json.days, 60);
  assert.deepEqual(strip(r.json.rows), [
    { unit: 'burgerzaken', role: 'reisdocumenten', kind: 'VOG', every_months: 60, last: '2022-01-15',
      due: '2027-01-15', days: -45, status: 'overdue' },
    { unit: 'burgerzaken', role: 'reisdocumenten', kind: 'VOG', every_months: 60, last: '2022-04-10',
      due: '2027-04-10', days: 40, status: 'due' },
    { unit: 'vergunningen', role: 'inspecteur', kind: 'VOG-P', every_months: 36, last: '2024-04-01',
      due: '2027-04-01', days: 31, status: 'due' },
  ]);
  for (const row of r.json.rows) assert.match(row.actor, /^emp-[a-z0-9]{10}$/);
  assert.deepEqual(r.json.rows, cli('due'));
  for (const name of ['anna', 'bert', 'carla', 'gijs']) assert.ok(!r.text.includes(name), name);
});

test('due: days and unit narrow it; jan (VOG-P every 36 months from 2024-04-01) comes in at 40 days', async () => {
  const r = await get('pia', 'screening/due?at=2027-03-01&days=40&unit=vergunningen');
  assert.equal(r.status, 200);
  assert.deepEqual(strip(r.json.rows), [
    { unit: 'vergunningen', role: 'inspecteur', kind: 'VOG-P', every_months: 36, last: '2024-04-01',
      due: '2027-04-01', days: 31, status: 'due' },
  ]);
  const none = await get('pia', 'screening/due?at=2027-03-01&days=30&unit=vergunningen');
  assert.deepEqual(none.json.rows, []);
});

test('unscreened: the starter without a screening', async () => {
  const r = await get('admin', 'screening/unscreened?at=2027-03-01');
  assert.equal(r.status, 200);
  assert.deepEqual(strip(r.json.rows), [
    { unit: 'burgerzaken', role: 'reisdocumenten', kind: 'VOG', every_months: 60, start: '2027-02-01',
      since: '2027-02-01', days: 28 },
  ]);
  assert.deepEqual(r.json.rows, cli('unscreened'));
});

test('negative: gijs, who still holds brp:view; not hans, whose right was revoked', async () => {
  const r = await get('sam', 'screening/negative?at=2027-03-01');
  assert.equal(r.status, 200);
  assert.deepEqual(strip(r.json.rows), [
    { unit: 'burgerzaken', role: 'reisdocumenten', kind: 'VOG', screened: '2027-02-20', rights: ['brp:view'] },
  ]);
  assert.deepEqual(r.json.rows, cli('negative'));
});

test('bad parameters are refused with 400 (screening.bad-days, screening.bad-at)', async () => {
  const d = await get('sam', 'screening/due?days=0');
  assert.equal(d.status, 400);
  assert.match(d.json.error, /days takes a whole number from 1 to 3660, not '0'/);
  const a = await get('sam', 'screening/negative?at=tomorrow');
  assert.equal(a.status, 400);
  assert.match(a.json.error, /'tomorrow' is not a time/);
});

test('only senior analysts, privacy officers and administrators may see screenings', async () => {
  for (const [role, name] of Object.entries(ROLES))
    for (const route of ['screening/due', 'screening/unscreened', 'screening/negative']) {
      const r = await get(name, route + '?at=2027-03-01');
      assert.equal(r.status, MAY.includes(role) ? 200 : 403, `${role} ${route}`);
    }
});

test('every call is in the audit trail', async () => {
  await get('sam', 'screening/unscreened?at=2027-03-01');
  const entries = wachter(['--as', 'aud', '--format', 'jsonl', 'audit'], { WACHTER_PASSWORD: pw('aud') })
    .trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(entries.some((e) => e.account === 'sam' && e.action === 'screening unscreened'));
  assert.ok(entries.some((e) => e.account === 'ann' && e.action === 'refused'
    && /screening/.test(e.params)));
});
