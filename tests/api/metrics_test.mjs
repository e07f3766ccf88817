// API test of /metrics (README "Operating wachter"): a real `wachter
// serve` over a small store filled by a JSON Lines and a CSV ingest,
// scraped as Prometheus would: the events ingested equal what the ingests
// stored, the quarantined lines are counted by source kind, the alerts by
// rule match `wachter alerts`, the request counts rise with a request, and
// who may scrape (loopback without a token; the bearer with one).
// Run: WACHTER=build/wachter node --test tests/api/metrics_test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { wachterOn, W } from './harness.mjs';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'wachter-metrics-api-'));
const db = join(dir, 'm.db');
const TOKEN = 'scrape-token-0123456789abcdef';
const servers = [];

// `wachter serve` on db with extra args; {proc, base}.
function serve(args = []) {
  return new Promise((res, rej) => {
    const proc = spawn(W, ['--db', db, 'serve', '--listen', '127.0.0.1:0', ...args]);
    servers.push(proc);
    let out = '', err = '';
    proc.stderr.on('data', (d) => { err += d; });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) res({ proc, base: `http://127.0.0.1:${m[1]}` });
    });
    proc.on('exit', (code) => rej(new Error(`serve exited ${code}: ${err}`)));
  });
}

// The exposition as {name{labels}: value}; checks every line's form.
function parse(text) {
  const out = {};
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = line.match(/^([a-z_]+(?:\{[^\n]*\})?) (-?[0-9.e+]+|\+Inf)$/);
    assert.ok(m, `a sample line: ${line}`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

async function scrape(base, headers = {}) {
  const r = await fetch(`${base}/metrics`, { headers });
  return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
}

let server;
let stored = 0;

before(async () => {
  const org = join(dir, 'org');
  mkdirSync(org);
  // anna left on 2026-06-30: her look-ups after it raise employment alerts.
  writeFileSync(join(org, 'actors.csv'),
    'actor,unit,role,start,end\nanna,bz,balie,2015-01-01,2026-06-30\nbert,bz,balie,2015-01-01,\n');
  writeFileSync(join(org, 'protected.csv'), 'subject,category\n999999999,vip\n');
  wachterOn(db, ['load', org]);
  const lines = [];
  for (let d = 1; d <= 5; d++) {
    lines.push(JSON.stringify({ id: `j${d}`, ts: `2026-07-0${d}T10:00:00Z`, actor: 'anna', action: 'view',
      system: 'brp', subject: `10000000${d}` }));
    lines.push(JSON.stringify({ id: `k${d}`, ts: `2026-07-0${d}T11:00:00Z`, actor: 'bert', action: 'view',
      system: 'brp', subject: '999999999' }));
  }
  lines.push('not json');
  writeFileSync(join(dir, 'e.jsonl'), lines.join('\n') + '\n');
  let s = JSON.parse(wachterOn(db, ['--format', 'jsonl', 'ingest', join(dir, 'e.jsonl')]));
  stored += s.stored;
  writeFileSync(join(dir, 'e.csv'),
    'Tijdstip;Gebruiker;BSN;Actie\n07-07-2026 09:00:00;bert;123456782;Raadplegen\n' +
    '08-07-2026 09:00:00;bert;123456783;Raadplegen\n31-02-2026 09:00:00;bert;1;x\n;;;\n');
  s = JSON.parse(wachterOn(db, ['--format', 'jsonl', 'ingest', '--input', 'csv', '--map',
    'ts=Tijdstip,actor=Gebruiker,subject=BSN,action=Actie,system=:brp', '--timezone',
    'Europe/Amsterdam', join(dir, 'e.csv')]));
  stored += s.stored;
  assert.equal(stored, 12);
  server = await serve();
});

after(() => {
  for (const p of servers) if (p.exitCode === null) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('the counters a user checks: events ingested, quarantined by kind, alerts by rule and status', async () => {
  const r = await scrape(server.base);
  assert.equal(r.status, 200);
  assert.match(r.type, /^text\/plain; version=0\.0\.4/);
  const m = parse(r.text);
  assert.equal(m.wachter_events_ingested_total, stored);
  assert.equal(m['wachter_lines_quarantined_total{source="json"}'], 1);
  assert.equal(m['wachter_lines_quarantined_total{source="csv"}'], 1); // ';;;' is skipped
  const alerts = wachterOn(db, ['--format', 'jsonl', 'alerts', '--status', 'all']).trim().split('\n')
    .filter(Boolean).map((l) => JSON.parse(l));
  assert.ok(alerts.length > 0, 'the store has alerts');
  const byRule = {};
  for (const a of alerts) byRule[a.rule] = (byRule[a.rule] || 0) + 1;
  const scraped = {};
  for (const [k, v] of Object.entries(m)) {
    const x = k.match(/^wachter_alerts\{rule="([^"]+)"\}$/);
    if (x) scraped[x[1]] = v;
  }
  assert.deepEqual(scraped, byRule);
  assert.equal(m['wachter_alerts_by_status{status="new"}'], alerts.length);
  // The newest event: 2026-07-08 09:00 in Amsterdam, 07:00Z.
  assert.equal(m.wachter_newest_event_timestamp_seconds, Date.UTC(2026, 6, 8, 7) / 1000);
  assert.ok(m.wachter_ingest_lag_seconds > 0);
  assert.ok(m.wachter_last_ingest_commit_timestamp_seconds > 0);
  // No subject's number, no account in any label.
  for (const secret of ['anna', 'bert', '999999999', '123456782']) assert.ok(!r.text.includes(secret), secret);
});

test('after one more request the request count and its route histogram rose', async () => {
  const before = parse((await scrape(server.base)).text);
  const h = await fetch(`${server.base}/api/v1/health`);
  await h.text();
  const after = parse((await scrape(server.base)).text);
  const ok = 'wachter_http_requests_total{code="200"}';
  assert.equal(after[ok], before[ok] + 2); // the health call and the scrape before this one
  const count = 'wachter_http_request_duration_seconds_count{route="/api/v1/health"}';
  assert.equal(after[count], (before[count] || 0) + 1);
  assert.equal(after['wachter_http_request_duration_seconds_bucket{route="/api/v1/health",le="+Inf"}'], after[count]);
  const nf = await fetch(`${server.base}/api/v1/alerts/no-such-alert-1234`);
  await nf.text();
  const third = parse((await scrape(server.base)).text);
  // The route's pattern, never the path with its id.
  assert.ok(!Object.keys(third).some((k) => k.includes('no-such-alert-1234')));
  assert.ok(Object.keys(third).some((k) => k.startsWith('wachter_http_requests_total{code="40')));
});

test('with --metrics-token-file only the bearer of the token may scrape (metrics.token)', async () => {
  writeFileSync(join(dir, 'token'), TOKEN + '\n');
  const s = await serve(['--metrics-token-file', join(dir, 'token')]);
  assert.equal((await scrape(s.base)).status, 401);
  assert.equal((await scrape(s.base, { Authorization: 'Bearer wrong-token-0123456789' })).status, 401);
  const r = await scrape(s.base, { Authorization: `Bearer ${TOKEN}` });
  assert.equal(r.status, 200);
  assert.equal(parse(r.text).wachter_events_ingested_total, stored);
  s.proc.kill('SIGKILL');
});
