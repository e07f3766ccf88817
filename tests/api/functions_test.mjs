// API tests of the risk analysis of functions (README, "Risk analysis of
// functions") against a real `wachter serve` on a small hand-made
// organisation: who may read and who may enter an analysis, an analysis
// entered and ranked with its computed band, a second version in the
// history with what changed, the overdue reviews, refusals of bad input,
// hostile text kept as text, and the audit of each call.
// Run: WACHTER=build/wachter node --test tests/api/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { wachterOn, serveOn } from './harness.mjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'wachter-fn-api-'));
const db = join(dir, 's.db');
const ROLES = ['administrator', 'analyst', 'senior-analyst', 'investigator', 'privacy-officer',
  'auditor'];
const ACCOUNT = { administrator: 'admin', analyst: 'ann', 'senior-analyst': 'sam',
  investigator: 'ivy', 'privacy-officer': 'pia', auditor: 'aud' };
const pw = (name) => `${name}-secret-pw`;
const READ = ROLES; // those who look at staff, those who oversee, and the administrator
const WRITE = ['senior-analyst', 'administrator'];

// The questionnaire's answers of a front office with little in place:
// impact 5, resilience 2, risk 20, very high.
const FRONT = { registers: 3, decisions: 3, outsiders: 3, changes: 2, volume: 3, four_eyes: 1,
  rotation: 0, logging: 2, screening: 1, training: 1, segregation: 1 };

let server;

function wachter(args, env = {}) {
  return wachterOn(db, args, env);
}

function startServer() {
  return serveOn(db, pw('admin'));
}

const sessions = {};
async function session(role) {
  if (sessions[role]) return sessions[role];
  const account = ACCOUNT[role];
  const r = await fetch(`${server.base}/api/v1/login`, { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ account, password: pw(account) }) });
  assert.equal(r.status, 200, `login ${account}`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const { csrf } = await r.json();
  return (sessions[role] = { cookie, csrf });
}

async function call(role, method, route, body) {
  const s = await session(role);
  const headers = { Cookie: s.cookie, Accept: 'application/json' };
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-Token'] = s.csrf;
  }
  const r = await fetch(`${server.base}/api/v1/${route}`, { method, headers,
    body: method === 'POST' ? JSON.stringify(body || {}) : undefined });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: r.status, json, text };
}

before(async () => {
  writeFileSync(join(dir, 'actors.csv'), [
    'actor,unit,role,start,end,person,surname,postcode,house_number',
    'a1,burgerzaken,baliemedewerker,2020-01-01,,,,,',
    'a2,burgerzaken,baliemedewerker,2020-01-01,,,,,',
    'a3,belastingen,medewerker,2020-01-01,,,,,',
    'a4,ict,beheerder,2020-01-01,,,,,',
    ''].join('\n'));
  wachter(['load', dir]);
  wachter(['account', 'add', 'admin', '--role', 'administrator'],
    { WACHTER_NEW_PASSWORD: pw('admin') });
  for (const role of ROLES.slice(1))
    wachter(['--as', 'admin', 'account', 'add', ACCOUNT[role], '--role', role],
      { WACHTER_PASSWORD: pw('admin'), WACHTER_NEW_PASSWORD: pw(ACCOUNT[role]) });
  server = await startServer();
});

after(() => {
  if (server && server.proc.exitCode === null) server.proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('roles: every role reads the functions; only senior analysts and administrators enter one', async () => {
  const routes = [
    ['GET', 'functions', READ], ['GET', 'functions/overdue', READ],
    ['GET', 'functions/history?unit=x&role=y', READ], ['GET', 'functions/questions', READ],
    ['POST', 'functions', WRITE],
  ];
  for (const [method, route, allowed] of routes)
    for (const role of ROLES) {
      const r = await call(role, method, route, {});
      if (allowed.includes(role)) assert.notEqual(r.status, 403, `${role} ${method} ${route}`);
      else assert.equal(r.status, 403, `${role} ${method} ${route}: ${r.text}`);
    }
  const ann = await call('analyst', 'POST', 'functions', { unit: 'ict', role: 'beheerder' });
  assert.match(ann.json.error, /ann \(analyst\) may not run functions edit/);
});

test('questions: eleven, impact first, each with a scale of four steps', async () => {
  const r = await call('analyst', 'GET', 'functions/questions');
  assert.equal(r.status, 200);
  assert.equal(r.json.questions.length, 11);
  assert.deepEqual(r.json.questions.map((q) => q.kind).slice(0, 6),
    ['impact', 'impact', 'impact', 'impact', 'impact', 'resilience']);
  assert.equal(r.json.questions[0].key, 'registers');
  assert.equal(r.json.questions[0].scale.length, 4);
});

test('an analysis entered is ranked with its computed band; a second one is a version in the history', async () => {
  const first = await call('senior-analyst', 'POST', 'functions', { unit: 'burgerzaken',
    role: 'baliemedewerker', process: 'reisdocumenten', analysed: '2026-01-10',
    next_review: '2026-06-30', answers: FRONT,
    measures: ['four-eyes on BRP changes', '<img src=x onerror=alert(1)>'] });
  assert.equal(first.status, 201, first.text);
  assert.equal(first.json.version, 1);
  assert.equal(first.json.added, true);
  const f = first.json.functions[0];
  assert.equal(f.function, 'burgerzaken/baliemedewerker');
  assert.deepEqual([f.impact, f.resilience, f.risk, f.band], [5, 2, 20, 'very high']);
  assert.equal(f.people, 2);
  assert.equal(f.by, 'sam');
  // hostile text comes back as the text it was
  assert.deepEqual(f.measures, ['four-eyes on BRP changes', '<img src=x onerror=alert(1)>']);

  const tax = await call('administrator', 'POST', 'functions', { unit: 'belastingen',
    role: 'medewerker', process: 'aanslagen', analysed: '2026-02-01', next_review: '2036-02-01',
    answers: { registers: 2, decisions: 2, outsiders: 1, changes: 2, volume: 2, four_eyes: 2,
      rotation: 1, logging: 2, screening: 1, training: 2, segregation: 2 } });
  assert.equal(tax.status, 201, tax.text);

  const list = await call('auditor', 'GET', 'functions');
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.functions.map((x) => [x.function, x.risk, x.band, x.overdue]), [
    ['burgerzaken/baliemedewerker', 20, 'very high', true],
    ['belastingen/medewerker', 9, 'medium', false],
  ]);

  const again = await call('senior-analyst', 'POST', 'functions', { unit: 'burgerzaken',
    role: 'baliemedewerker', process: 'reisdocumenten', analysed: '2026-11-01',
    next_review: '2036-11-01', answers: { ...FRONT, four_eyes: 3, logging: 3, segregation: 3 },
    measures: 'rotation plan' });
  assert.equal(again.status, 201, again.text);
  assert.equal(again.json.version, 2);
  assert.deepEqual([again.json.functions[0].risk, again.json.functions[0].band], [15, 'high']);

  const hist = await call('analyst', 'GET', 'functions/history?unit=burgerzaken&role=baliemedewerker');
  assert.equal(hist.status, 200);
  assert.deepEqual(hist.json.versions.map((v) => [v.version, v.analysed, v.risk, v.band]), [
    [1, '2026-01-10', 20, 'very high'], [2, '2026-11-01', 15, 'high']]);
  assert.equal(hist.json.versions[0].changes, '');
  assert.match(hist.json.versions[1].changes, /^risk 20 -> 15 \(very high -> high\); resilience 2 -> 3; four_eyes 1 -> 3; logging 2 -> 3; segregation 1 -> 3;/);
  assert.match(hist.json.versions[1].changes, /measure added: rotation plan/);
  assert.match(hist.json.versions[1].changes, /measure closed: <img src=x onerror=alert\(1\)>/);

  const none = await call('analyst', 'GET', 'functions/history?unit=ict&role=beheerder');
  assert.equal(none.status, 404);
  assert.match(none.json.error, /function ict\/beheerder has no analysis/);
});

test('overdue: the function with staff that was never analysed', async () => {
  const r = await call('privacy-officer', 'GET', 'functions/overdue');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.overdue.map((d) => [d.function, d.status, d.people]), [
    ['ict/beheerder', 'never analysed', 1]]);
});

test('bad input is refused with why, and nothing is stored', async () => {
  const base = { unit: 'ict', role: 'beheerder', analysed: '2026-01-10', next_review: '2027-01-10' };
  // functions.set-off-scale
  let r = await call('senior-analyst', 'POST', 'functions', { ...base, answers: { ...FRONT, registers: 7 } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error, "'registers' is 7, off the scale 0 to 3");
  // functions.set-missing-answer
  r = await call('senior-analyst', 'POST', 'functions', { ...base, answers: { registers: 2 } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error, "'decisions' is not answered (0 to 3)");
  // functions.review-before-analysis
  r = await call('senior-analyst', 'POST', 'functions', { ...base, next_review: '2025-01-01', answers: FRONT });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /'next_review' \(2025-01-01\) is not after 'analysed' \(2026-01-10\)/);
  r = await call('senior-analyst', 'POST', 'functions', { ...base, answers: { ...FRONT, colour: 1 } });
  assert.equal(r.status, 400);
  assert.match(r.json.error, /answers names a question there is not/);
  r = await call('senior-analyst', 'POST', 'functions', { ...base, answers: FRONT, measures: 5 });
  assert.equal(r.status, 400);
  const h = await call('analyst', 'GET', 'functions/history?unit=ict&role=beheerder');
  assert.equal(h.status, 404);
});

test('each call is in the audit trail under its action', () => {
  const lines = wachter(['--as', 'aud', '--format', 'jsonl', 'audit'], { WACHTER_PASSWORD: pw('aud') })
    .trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.some((e) => e.account === 'sam' && e.action === 'api functions edit'));
  assert.ok(lines.some((e) => e.account === 'aud' && e.action === 'api functions'));
  assert.ok(lines.some((e) => e.account === 'ann' && e.action === 'refused' &&
    /functions edit/.test(e.params)));
});
