// Shared by tests/eco/forward_test.mjs: Debian's rsyslogd as a SIEM's
// collector on a random loopback port (its own config, pid file, work
// directory and output file in a temp dir), a throwaway CA made with
// openssl, and wachter on a store of alerts.
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { W, wachterOn } from '../api/harness.mjs';

export { W, wachterOn };

export const RSYSLOGD = ['/usr/sbin/rsyslogd', '/sbin/rsyslogd'].find((p) => existsSync(p));

// A server that cannot start: under CI a failure, elsewhere a loud skip.
export function cannotStart(t, what) {
  if (process.env.CI === 'true') throw new Error(`cannot start ${what}`);
  process.stderr.write(`forward_test: SKIPPED (${what} cannot start here)\n`);
  t.skip(`${what} cannot start`);
}

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
    s.on('error', rej);
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function accepts(port) {
  return new Promise((res) => {
    const c = connect(port, '127.0.0.1');
    c.on('connect', () => { c.destroy(); res(true); });
    c.on('error', () => res(false));
  });
}

// Starts rsyslogd in dir, listening on port (TCP, or TLS with tls =
// {ca, cert, key, authmode}), writing each message's raw text as one line
// of dir/out.log. Resolves with {stop, file, log}, or null when it does
// not start.
export async function rsyslog(dir, port, tls = null) {
  if (!RSYSLOGD) return null;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'out.log');
  const conf = join(dir, 'rsyslog.conf');
  const lines = [];
  if (tls) {
    lines.push(`global(workDirectory="${dir}" DefaultNetstreamDriver="gtls"`
      + ` DefaultNetstreamDriverCAFile="${tls.ca}" DefaultNetstreamDriverCertFile="${tls.cert}"`
      + ` DefaultNetstreamDriverKeyFile="${tls.key}")`);
    lines.push(`module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1"`
      + ` StreamDriver.Authmode="${tls.authmode || 'anon'}")`);
  } else {
    lines.push(`global(workDirectory="${dir}")`, 'module(load="imtcp")');
  }
  lines.push(
    `input(type="imtcp" address="127.0.0.1" port="${port}" ruleset="in")`,
    'template(name="raw" type="string" string="%rawmsg%\\n")',
    `ruleset(name="in") { action(type="omfile" file="${file}" template="raw") }`,
  );
  writeFileSync(conf, lines.join('\n') + '\n');
  const pid = join(dir, 'rsyslogd.pid');
  const proc = spawn(RSYSLOGD, ['-n', '-f', conf, '-i', pid], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  let exited = false;
  proc.on('exit', () => { exited = true; });
  for (let i = 0; i < 100 && !exited; i++) {
    if (await accepts(port)) {
      return {
        file,
        log: () => log,
        stop: () => new Promise((res) => {
          if (exited) return res();
          proc.on('exit', () => res());
          proc.kill('SIGTERM');
        }),
      };
    }
    await sleep(100);
  }
  if (!exited) proc.kill('SIGKILL');
  process.stderr.write(`rsyslogd did not start: ${log}\n`);
  return null;
}

// The alert ids in a collector's file, in the order they arrived.
export function arrivedIds(file) {
  if (!existsSync(file)) return [];
  return [...readFileSync(file, 'utf8').matchAll(/\[wachter@32473 alert="([^"]+)"/g)].map((m) => m[1]);
}

// Waits until the file holds at least n alerts (or ms pass); its ids.
export async function waitFor(file, n, ms = 10000) {
  const end = Date.now() + ms;
  let ids = arrivedIds(file);
  while (ids.length < n && Date.now() < end) {
    await sleep(100);
    ids = arrivedIds(file);
  }
  await sleep(300); // anything more (a duplicate) would be here by now
  return arrivedIds(file);
}

// Every alert id of the store, from `alerts --format jsonl`.
export function alertIds(db) {
  return wachterOn(db, ['alerts', '--format', 'jsonl']).trim().split('\n').filter(Boolean)
    .map((l) => JSON.parse(l).id);
}

// A store of the demo's alerts (a small municipality).
export function demoStore(dir) {
  const db = join(dir, 'w.db');
  execFileSync(W, ['--db', db, 'demo', '--actors', '60', '--days', '10', '--dir', join(dir, 'org')],
    { stdio: 'ignore' });
  return db;
}

// Ingests look-ups by accounts not in the staff register (each raises an
// alert): names, e.g. ['ghost1'].
export function ingestGhosts(dir, db, names) {
  const f = join(dir, `more-${names.join('-')}.jsonl`);
  writeFileSync(f, names.map((n, i) => JSON.stringify({
    id: `x-${n}`, ts: `2026-09-10T10:00:${String(i).padStart(2, '0')}Z`, actor: n,
    system: 'brp', action: 'view', subject: '123456782',
  })).join('\n') + '\n');
  wachterOn(db, ['ingest', f]);
}

// wachter forward; {code, out, err}.
export function forward(db, args, env = {}) {
  const r = spawnSync(W, ['--db', db, 'forward', ...args],
    { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// wachter forward without blocking this process (whose own servers must
// answer meanwhile); resolves with {code, out, err}.
export function forwardAsync(db, args, env = {}) {
  return new Promise((res) => {
    const p = spawn(W, ['--db', db, 'forward', ...args],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (code) => res({ code, out, err }));
  });
}

// A throwaway CA and a certificate it signed for 127.0.0.1 (server) and
// one for a client, made by openssl in dir. null when openssl fails.
export function makeCerts(dir) {
  mkdirSync(dir, { recursive: true });
  const o = (args) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  try {
    o(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=wachter test CA',
      '-keyout', 'ca.key', '-out', 'ca.pem']);
    for (const who of ['server', 'client']) {
      writeFileSync(join(dir, `${who}.ext`), who === 'server'
        ? 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n'
        : 'extendedKeyUsage=clientAuth\n');
      o(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${who === 'server' ? 'localhost' : 'wachter'}`,
        '-keyout', `${who}.key`, '-out', `${who}.csr`]);
      o(['x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
        '-days', '2', '-extfile', `${who}.ext`, '-out', `${who}.pem`]);
    }
    return { ca: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key'),
      clientCert: join(dir, 'client.pem'), clientKey: join(dir, 'client.key') };
  } catch {
    return null;
  }
}

// Each id of want exactly once in got (and nothing else).
export function exactlyOnce(assert, got, want) {
  const counts = new Map();
  for (const id of got) counts.set(id, (counts.get(id) || 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  assert.deepEqual(twice, [], 'no alert arrives twice');
  assert.deepEqual([...counts.keys()].sort(), [...want].sort(), 'every alert arrives');
}
