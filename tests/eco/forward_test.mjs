// wachter forward against real receivers on 127.0.0.1: Debian's rsyslogd
// over TCP and TLS, and a webhook that answers like TheHive (a node http
// server failing the first try). Every alert arrives once: across new
// alerts, a collector that is down, and a `forward --follow` killed with
// SIGTERM and started again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  W, wachterOn, rsyslog, freePort, cannotStart, arrivedIds, waitFor, alertIds, demoStore,
  ingestGhosts, forward, forwardAsync, makeCerts, exactlyOnce, sleep,
} from './forward_util.mjs';

function tempDir() {
  return mkdtempSync(join(tmpdir(), 'wachter-forward-'));
}

function status(db) {
  return wachterOn(db, ['forward', '--status', '--format', 'jsonl']).trim().split('\n')
    .filter(Boolean).map((l) => JSON.parse(l));
}

test('syslog over TCP: each alert once, across new alerts and a collector that was down', async (t) => {
  const dir = tempDir();
  let rs = null;
  try {
    const db = demoStore(dir);
    const port = await freePort();
    rs = await rsyslog(join(dir, 'rs'), port);
    if (!rs) return cannotStart(t, 'rsyslogd');
    const to = `syslog+tcp://127.0.0.1:${port}`;
    const all = alertIds(db);
    assert.ok(all.length > 20, `the demo raised alerts (${all.length})`);

    let r = forward(db, ['--to', to]);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.startsWith(`forwarded ${all.length} alerts to ${to} as syslog`), r.out);
    exactlyOnce(assert, await waitFor(rs.file, all.length), all);
    // Staff by pseudonym, never by account.
    const text = readFileSync(rs.file, 'utf8');
    assert.match(text, /user="emp-[a-z0-9]{10}"/);
    const accounts = readFileSync(join(dir, 'org', 'actors.csv'), 'utf8').split('\n').slice(1)
      .map((l) => l.split(',')[0]).filter(Boolean);
    for (const a of accounts.slice(0, 20)) assert.ok(!text.includes(`user="${a}"`), a);

    // Nothing new: nothing sent.
    r = forward(db, ['--to', to, '--format', 'jsonl']);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).sent, 0);

    // New alerts: only they arrive.
    ingestGhosts(dir, db, ['ghost1', 'ghost2']);
    const more = alertIds(db);
    assert.ok(more.length > all.length);
    r = forward(db, ['--to', to]);
    assert.equal(r.code, 0, r.err);
    exactlyOnce(assert, await waitFor(rs.file, more.length), more);

    // The collector down: a clear failure, the cursor where it was.
    await rs.stop();
    rs = null;
    const before = status(db).find((d) => d.to === to);
    ingestGhosts(dir, db, ['ghost3']);
    r = forward(db, ['--to', to]);
    assert.equal(r.code, 1);
    assert.match(r.err, /wachter forward: syslog\+tcp:\/\/127\.0\.0\.1:\d+: cannot connect to the collector: Connection refused/);
    const after = status(db).find((d) => d.to === to);
    assert.equal(after.cursor, before.cursor, 'the cursor stays');
    assert.equal(after.pending, alertIds(db).length - more.length);
    assert.match(after.last_error, /cannot connect/);

    // Up again: the rest arrive, none twice.
    rs = await rsyslog(join(dir, 'rs'), port);
    assert.ok(rs, 'rsyslogd starts again');
    r = forward(db, ['--to', to]);
    assert.equal(r.code, 0, r.err);
    const now = alertIds(db);
    exactlyOnce(assert, await waitFor(rs.file, now.length), now);
    const done = status(db).find((d) => d.to === to);
    assert.equal(done.pending, 0);
    assert.equal(done.sent, now.length);
    assert.equal(done.last_error, '');

    // Every run is in the audit trail: where, how many.
    const audit = wachterOn(db, ['audit', '--format', 'jsonl']).trim().split('\n')
      .map((l) => JSON.parse(l)).filter((e) => e.action === 'forward' && e.params.includes('"sent"'));
    const sent = audit.map((e) => JSON.parse(e.params)).filter((p) => p.to === to);
    assert.equal(sent.reduce((n, p) => n + p.sent, 0), now.length);
    assert.ok(sent.some((p) => p.error && /cannot connect/.test(p.error)));
  } finally {
    if (rs) await rs.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

// Starts `wachter forward --follow`; resolves with the process.
function follow(db, to) {
  const proc = spawn(W, ['--db', db, 'forward', '--to', to, '--follow', '--every', '1',
    '--batch', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.err = '';
  proc.stderr.on('data', (d) => { proc.err += d; });
  proc.done = new Promise((res) => proc.on('exit', (code, sig) => res({ code, sig })));
  return proc;
}

test('forward --follow: SIGTERM mid-run and a restart lose none and send none twice', async (t) => {
  const dir = tempDir();
  let rs = null, proc = null;
  try {
    const db = demoStore(dir);
    const port = await freePort();
    rs = await rsyslog(join(dir, 'rs'), port);
    if (!rs) return cannotStart(t, 'rsyslogd');
    const to = `syslog+tcp://127.0.0.1:${port}`;
    const all = alertIds(db);

    // One alert per connection: stopped while most are still to go.
    proc = follow(db, to);
    for (let i = 0; i < 2000 && arrivedIds(rs.file).length === 0; i++) await sleep(5);
    proc.kill('SIGTERM');
    const end = await proc.done;
    proc = null;
    assert.equal(end.code, 0, 'stops cleanly');
    const partial = arrivedIds(rs.file);
    assert.ok(partial.length < all.length, `stopped mid-run (${partial.length} of ${all.length})`);
    assert.equal(status(db).find((d) => d.to === to).cursor > 0, true);

    // Started again, beside an ingest raising new alerts.
    proc = follow(db, to);
    await sleep(300);
    ingestGhosts(dir, db, ['ghost7', 'ghost8']);
    const now = alertIds(db);
    const got = await waitFor(rs.file, now.length, 30000);
    proc.kill('SIGTERM');
    assert.equal((await proc.done).code, 0);
    proc = null;
    exactlyOnce(assert, got, now);
  } finally {
    if (proc) proc.kill('SIGKILL');
    if (rs) await rs.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('syslog over TLS: the collector verified by --ca, a client certificate, each alert once', async (t) => {
  const dir = tempDir();
  let rs = null;
  try {
    const certs = makeCerts(join(dir, 'pki'));
    if (!certs) return cannotStart(t, 'openssl (for the test CA)');
    const db = demoStore(dir);
    const all = alertIds(db);
    const port = await freePort();
    rs = await rsyslog(join(dir, 'rs'), port, { ...certs, authmode: 'x509/certvalid' });
    if (!rs) return cannotStart(t, 'rsyslogd with gtls');
    const to = `syslog+tls://127.0.0.1:${port}`;

    // Without the test CA the collector is not trusted: nothing is sent.
    let r = forward(db, ['--to', to]);
    assert.equal(r.code, 1);
    assert.match(r.err, /TLS to 127\.0\.0\.1: handshake/);
    assert.equal(status(db).find((d) => d.to === to).cursor, 0);

    r = forward(db, ['--to', to, '--ca', certs.ca, '--client-cert', certs.clientCert,
      '--client-key', certs.clientKey]);
    assert.equal(r.code, 0, r.err + rs.log());
    exactlyOnce(assert, await waitFor(rs.file, all.length), all);

    ingestGhosts(dir, db, ['ghost4']);
    r = forward(db, ['--to', to, '--ca', certs.ca, '--client-cert', certs.clientCert,
      '--client-key', certs.clientKey]);
    assert.equal(r.code, 0, r.err);
    const now = alertIds(db);
    exactlyOnce(assert, await waitFor(rs.file, now.length), now);
  } finally {
    if (rs) await rs.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a TheHive webhook: retried after a 500, each alert once, as TheHive 5 takes alerts', async (t) => {
  const dir = tempDir();
  const got = [];
  let calls = 0;
  let auth = new Set();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      calls++;
      auth.add(req.headers.authorization);
      if (calls === 1 || calls === 5) { // fails now and then: tried again
        res.writeHead(500).end('{"type":"InternalError"}');
        return;
      }
      const alert = JSON.parse(body);
      // As TheHive: one alert per type, source and sourceRef.
      if (got.some((g) => g.path === req.url && g.body.sourceRef === alert.sourceRef)) {
        res.writeHead(400, { 'content-type': 'application/json' })
          .end('{"type":"CreateError","message":"Alert already exists"}');
        return;
      }
      got.push({ path: req.url, type: req.headers['content-type'], body: alert });
      if (calls === 3) { // taken, but the answer is lost: sent again, refused as a repeat
        req.socket.destroy();
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"_id":"~1"}');
    });
  });
  try {
    await new Promise((res, rej) => { server.listen(0, '127.0.0.1', res); server.on('error', rej); });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return cannotStart(t, 'a node http server');
  }
  try {
    const db = demoStore(dir);
    const all = alertIds(db);
    const token = join(dir, 'thehive.key');
    writeFileSync(token, 'sekrit-api-key\n');
    const to = `http://127.0.0.1:${server.address().port}/api/v1/alert`;
    // Beside this process's server: not spawnSync, which would block it.
    const r = await forwardAsync(db, ['--to', to, '--payload', 'thehive', '--token-file', token]);
    assert.equal(r.code, 0, r.err);
    exactlyOnce(assert, got.map((g) => g.body.sourceRef), all);
    assert.equal(calls, all.length + 3, 'two failed tries and a lost answer, each tried again');
    assert.deepEqual([...auth], ['Bearer sekrit-api-key']);
    const jsonl = Object.fromEntries(wachterOn(db, ['alerts', '--format', 'jsonl']).trim()
      .split('\n').map((l) => JSON.parse(l)).map((a) => [a.id, a]));
    for (const { path, type, body } of got) {
      assert.equal(path, '/api/v1/alert');
      assert.equal(type, 'application/json');
      assert.equal(body.type, 'wachter-alert');
      assert.equal(body.source, 'wachter');
      const a = jsonl[body.sourceRef];
      assert.ok(a, body.sourceRef);
      assert.ok(body.title.endsWith(`: ${a.actor}`), body.title);
      assert.ok(body.description.startsWith(a.reason));
      assert.equal(body.severity, { low: 1, medium: 2, high: 3, critical: 4 }[a.severity]);
      assert.equal(typeof body.date, 'number');
      assert.equal(new Date(body.date).toISOString().slice(0, 19) + 'Z', a.raised);
      assert.ok(body.tags.includes(`rule:${a.rule}`));
      if (a.unit) assert.ok(body.tags.includes(`unit:${a.unit}`));
      assert.deepEqual(body.observables[0], { dataType: 'other', data: a.actor, tags: ['staff'] });
      assert.match(a.actor, /^emp-/);
      for (const o of body.observables) assert.equal(o.dataType, 'other');
      const data = body.observables.map((o) => o.data);
      assert.equal(new Set(data).size, data.length, 'no observable twice (TheHive refuses that)');
    }
    // Again: nothing new, nothing sent.
    const before = got.length;
    assert.equal((await forwardAsync(db, ['--to', to, '--payload', 'thehive', '--token-file', token])).code, 0);
    assert.equal(got.length, before);

    // --reveal: account ids instead of pseudonyms, and the audit trail says so.
    const reveal = `http://127.0.0.1:${server.address().port}/reveal`;
    const rv = await new Promise((res) => {
      const p = spawn(W, ['--db', db, '--reveal', 'forward', '--to', reveal, '--payload', 'thehive',
        '--token-file', token], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      p.stderr.on('data', (d) => { err += d; });
      p.on('exit', (code) => res({ code, err }));
    });
    assert.equal(rv.code, 0, rv.err);
    const revealed = got.filter((g) => g.path === '/reveal').map((g) => g.body.observables[0].data);
    assert.equal(revealed.length, all.length);
    const accounts = new Set(readFileSync(join(dir, 'org', 'actors.csv'), 'utf8').split('\n')
      .slice(1).map((l) => l.split(',')[0]));
    assert.ok(revealed.every((a) => !/^emp-/.test(a)), 'no pseudonym with --reveal');
    assert.ok(revealed.some((a) => accounts.has(a)), 'account ids');
    const audit = wachterOn(db, ['audit', '--format', 'jsonl']).trim().split('\n')
      .map((l) => JSON.parse(l)).filter((e) => e.action === 'forward')
      .map((e) => JSON.parse(e.params)).filter((p) => p.to === reveal);
    assert.ok(audit.some((p) => p.reveal === true && p.sent === all.length), JSON.stringify(audit));
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an https webhook verified by --ca takes ECS, each alert once', async (t) => {
  const dir = tempDir();
  const certs = makeCerts(join(dir, 'pki'));
  if (!certs) {
    rmSync(dir, { recursive: true, force: true });
    return cannotStart(t, 'openssl (for the test CA)');
  }
  const got = [];
  const server = createHttpsServer({ cert: readFileSync(certs.cert), key: readFileSync(certs.key) },
    (req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        got.push({ type: req.headers['content-type'], body: JSON.parse(body) });
        res.writeHead(200).end('ok');
      });
    });
  try {
    await new Promise((res, rej) => { server.listen(0, '127.0.0.1', res); server.on('error', rej); });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return cannotStart(t, 'a node https server');
  }
  try {
    const db = demoStore(dir);
    const all = alertIds(db);
    const to = `https://127.0.0.1:${server.address().port}/ingest`;
    // Not trusted without the test CA: nothing delivered, cursor unmoved.
    let r = await forwardAsync(db, ['--to', to]);
    assert.equal(r.code, 1);
    assert.match(r.err, /wachter forward: https:\/\/127\.0\.0\.1:\d+\/ingest: .*certificate/i);
    assert.equal(got.length, 0);
    r = await forwardAsync(db, ['--to', to, '--ca', certs.ca]);
    assert.equal(r.code, 0, r.err);
    exactlyOnce(assert, got.map((g) => g.body.event.id), all);
    for (const { type, body } of got) {
      assert.equal(type, 'application/json');
      assert.equal(body.event.kind, 'alert');
      assert.match(body.user.id, /^emp-/);
      assert.equal(body.observer.product, 'wachter');
    }
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('forward refuses what it cannot use, and says so', () => {
  const dir = tempDir();
  try {
    const db = demoStore(dir);
    const bad = [
      // forward.payload-thehive-syslog
      [['--to', 'syslog+tcp://127.0.0.1:514', '--payload', 'thehive'], 1, /--payload thehive goes to TheHive's webhook/],
      [['--to', 'syslog+tcp://127.0.0.1:514', '--payload', 'leef'], 2, /--payload takes ecs, cef, syslog or thehive, not 'leef'/],
      // forward.url-credentials
      [['--to', 'https://u:p@thehive.example/api/v1/alert'], 1, /no user or password in the URL/],
      // forward.token-file
      [['--to', 'http://127.0.0.1:9/x', '--token-file', join(dir, 'none')], 2, /cannot read the key in --token-file/],
      [['--to', 'syslog+tcp://127.0.0.1:514', '--ca', 'ca.pem'], 1, /--ca and --cert are for syslog\+tls/],
      [[], 2, /--to URL is needed/],
    ];
    for (const [args, code, says] of bad) {
      const r = forward(db, args);
      assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, says);
    }
    assert.deepEqual(status(db), [], 'no destination recorded');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
