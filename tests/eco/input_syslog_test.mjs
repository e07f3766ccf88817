// Syslog input against a real collector (issue 37): a BRP gateway's
// RFC 5424 messages with structured data and an application's RFC 3164
// key=value messages go over TCP to Debian's rsyslogd, which writes them
// to files as a SOC's collector does (RFC 5424, and rsyslog's own file
// format); `wachter ingest --input syslog` with a mapping file per source
// reads those files, and `who-accessed` then shows each look-up once,
// with its purpose; ingesting the files again stores nothing twice; a
// message lacking the user is quarantined, named by its line.
// Run: WACHTER=build/wachter node tests/eco/input_syslog_test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { W } from '../api/harness.mjs';
import { cannotStart, startRsyslog, sendLines, waitLines } from './input_util.mjs';

const dir = mkdtempSync(join(tmpdir(), 'wachter-eco-syslog-'));
const db = join(dir, 'w.db');
let rs;

after(async () => {
  if (rs) await rs.stop();
  rmSync(dir, { recursive: true, force: true });
});

function wachter(args) {
  return execFileSync(W, ['--db', db, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// ingest's summary, and what it said on standard error.
function ingest(args) {
  const r = spawnSync(W, ['--db', db, '--format', 'jsonl', 'ingest', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { sum: JSON.parse(r.stdout), err: r.stderr };
}

const BSN = '012345678';
const GW = [ // the gateway: RFC 5424, who and why in structured data
  `<134>1 2026-12-07T09:14:05.123+01:00 gw01 brp-gw 4242 LOOKUP [req@32473 user="jansen" bsn="${BSN}" doel="bijstand \\"B\\" \\]"] action=view`,
  `<134>1 2026-12-07T09:20:00.000+01:00 gw01 brp-gw 4242 LOOKUP [req@32473 user="de.vries" bsn="${BSN}" doel="paspoort"] action=view`,
  `<134>1 2026-12-07T09:21:00.000+01:00 gw01 brp-gw 4242 LOOKUP [req@32473 bsn="${BSN}" doel="x"] action=view`,
];
const APP = [ // an application: RFC 3164, key=value pairs
  `<134>Dec  7 09:15:00 app02 zaaksys[77]: user=pietersen bsn=${BSN} doel="parkeervergunning" action=search`,
];

test('rsyslog collects, wachter ingests its files, who-accessed shows each look-up once with its purpose', async (t) => {
  try {
    rs = await startRsyslog(dir, `
if $app-name == "brp-gw" then action(type="omfile" file="${dir}/gw.log" template="RSYSLOG_SyslogProtocol23Format")
else action(type="omfile" file="${dir}/app.log" template="RSYSLOG_FileFormat")`);
  } catch (e) {
    return cannotStart(t, 'rsyslogd', e.message);
  }
  await sendLines(rs.port, [...GW, ...APP]);
  const gw = await waitLines(join(dir, 'gw.log'), GW.length);
  const app = await waitLines(join(dir, 'app.log'), APP.length);
  assert.equal(gw.length, GW.length, 'every gateway message reached its file');
  assert.equal(app.length, APP.length);

  writeFileSync(join(dir, 'gw.map'), `# the BRP gateway, as the collector writes it
ts      = time
actor   = sd.req@32473.user
subject = sd.req@32473.bsn
purpose = sd.req@32473.doel
action  = msg.action
system  = :brp
`);
  writeFileSync(join(dir, 'app.map'), 'ts=time\nactor=msg.user\nsubject=msg.bsn\npurpose=msg.doel\n' +
    'action=msg.action\nsystem=app\n');
  let r = ingest(['--input', 'syslog', '--map-file', join(dir, 'gw.map'), join(dir, 'gw.log')]);
  assert.deepEqual([r.sum.read, r.sum.stored, r.sum.quarantined], [3, 2, 1]);
  assert.match(r.err, /gw\.log:3: quarantined: no value for required field 'actor' \(from 'sd\.req@32473\.user'\)/);
  // rsyslog's file format has no offset-less times: no --timezone needed.
  r = ingest(['--input', 'syslog', '--map', '@' + join(dir, 'app.map'), join(dir, 'app.log')]);
  assert.deepEqual([r.sum.read, r.sum.stored, r.sum.quarantined], [1, 1, 0]);

  const rows = wachter(['--reveal', '--format', 'jsonl', 'who-accessed', BSN]).trim().split('\n')
    .map((l) => JSON.parse(l)).map((x) => [x.ts, x.actor, x.system, x.action, x.purpose]);
  assert.deepEqual(rows.sort(), [
    ['2026-12-07T08:14:05Z', 'jansen', 'brp', 'view', 'bijstand "B" ]'],
    ['2026-12-07T08:20:00Z', 'de.vries', 'brp', 'view', 'paspoort'],
    ['2026-12-07T09:15:00Z', 'pietersen', 'zaaksys', 'search', 'parkeervergunning'],
  ].sort());

  // Again: every event a duplicate, nothing quarantined anew.
  r = ingest(['--input', 'syslog', '--map-file', join(dir, 'gw.map'), join(dir, 'gw.log')]);
  assert.deepEqual([r.sum.stored, r.sum.duplicates], [0, 2]);
  assert.doesNotMatch(r.err, /quarantined:/);
  const q = wachter(['--format', 'jsonl', 'quarantine']).trim().split('\n').filter(Boolean);
  assert.equal(q.length, 1);
});
