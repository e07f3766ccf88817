// Shared by tests/eco/nats_test.mjs: a real NATS JetStream cluster of
// three nats-server processes (Debian's nats-server) on random loopback
// ports, each with its own config and store directory in a temp dir and
// routes to the other two; wachter publish and ingest --from against it;
// alerts compared without `raised` (wall-clock time).
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { W, wachterOn } from '../api/harness.mjs';
import { freePort, sleep } from './forward_util.mjs';

export { W, wachterOn, sleep };

export const NATS_SERVER = ['/usr/sbin/nats-server', '/usr/bin/nats-server']
  .find((p) => existsSync(p));

// A server that cannot start: under CI a failure, elsewhere a loud skip.
export function cannotStart(t, what) {
  if (process.env.CI === 'true') throw new Error(`cannot start ${what}`);
  process.stderr.write(`nats_test: SKIPPED (${what} cannot start here)\n`);
  t.skip(`${what} cannot start`);
}

// Starts three JetStream servers in one cluster under dir. Resolves with
// {urls (the --to/--from value), nodes: [{name, port, proc, stop()}],
// stopAll()}, or null when nats-server is missing or the cluster does not
// come up (JetStream answering) within 30 s.
export async function natsCluster(dir) {
  if (!NATS_SERVER) return null;
  const ports = [];
  for (let i = 0; i < 6; i++) ports.push(await freePort());
  const client = ports.slice(0, 3), route = ports.slice(3);
  const routes = route.map((p) => `nats-route://127.0.0.1:${p}`).join(', ');
  const nodes = [];
  for (let i = 0; i < 3; i++) {
    const name = `n${i + 1}`, d = join(dir, name);
    mkdirSync(d, { recursive: true });
    const conf = join(d, 'nats.conf');
    writeFileSync(conf, [
      `server_name: ${name}`,
      `listen: 127.0.0.1:${client[i]}`,
      `jetstream { store_dir: "${join(d, 'js')}" }`,
      `cluster { name: wachter, listen: 127.0.0.1:${route[i]}, routes: [${routes}] }`,
      '',
    ].join('\n'));
    const node = { name, port: client[i], exited: true, logText: '' };
    node.log = () => node.logText;
    // (Re)starts the node with its config and store directory.
    node.start = () => {
      const proc = spawn(NATS_SERVER, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
      node.proc = proc;
      node.exited = false;
      proc.stderr.on('data', (b) => {
        node.logText += b;
        if (node.logText.length > 65536) node.logText = node.logText.slice(-32768);
      });
      proc.on('exit', () => { if (node.proc === proc) node.exited = true; });
    };
    node.stop = (sig = 'SIGKILL') => new Promise((res) => {
      if (node.exited) return res();
      node.proc.once('exit', () => res());
      node.proc.kill(sig);
    });
    node.start();
    nodes.push(node);
  }
  const cluster = {
    nodes,
    urls: client.map((p) => `nats://127.0.0.1:${p}`).join(','),
    stopAll: () => Promise.all(nodes.map((n) => n.stop('SIGKILL'))),
  };
  // Ready when a replicated stream can be made and written: a one-line
  // publish to a probe stream.
  const probe = join(dir, 'probe.jsonl');
  writeFileSync(probe, JSON.stringify({ id: 'probe', ts: '2026-01-01T00:00:00Z', actor: 'p',
    action: 'view' }) + '\n');
  cluster.ready = async () => {
    for (let t0 = Date.now(); Date.now() - t0 < 30000;) {
      if (nodes.some((n) => n.exited)) return false;
      const r = spawnSync(W, ['publish', '--to', cluster.urls, '--stream', 'probe', probe],
        { encoding: 'utf8', timeout: 15000 });
      if (r.status === 0) return true;
      await sleep(500);
    }
    return false;
  };
  if (await cluster.ready()) return cluster;
  process.stderr.write(nodes.map((n) => `${n.name}: ${n.log().slice(-2000)}`).join('\n'));
  await cluster.stopAll();
  return null;
}

// wachter publish; {code, out, err, json} (json: the --format jsonl line).
export function publish(urls, stream, file, extra = []) {
  const r = spawnSync(W, ['publish', '--to', urls, '--stream', stream, '--format', 'jsonl',
    ...extra, file], { encoding: 'utf8', timeout: 120000 });
  let json = null;
  try { json = JSON.parse(r.stdout); } catch { /* reported by the caller */ }
  return { code: r.status, out: r.stdout, err: r.stderr, json };
}

// Starts `wachter --db db ingest --from urls --stream stream ...extra`;
// {proc, done: Promise<{code, signal, out, err, json}>}.
export function worker(db, urls, stream, extra = []) {
  const proc = spawn(W, ['--db', db, '--wait', 'ingest', '--from', urls, '--stream', stream,
    '--format', 'jsonl', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  proc.stdout.on('data', (b) => { out += b; });
  proc.stderr.on('data', (b) => { err += b; });
  const done = new Promise((res) => proc.on('exit', (code, signal) => {
    let json = null;
    try { json = JSON.parse(out); } catch { /* none when killed */ }
    res({ code, signal, out, err, json });
  }));
  return { proc, done };
}

// The alerts of db, real account ids (both stores have their own
// pseudonym key), without `raised`, sorted: comparable across stores.
export function alertsOf(db) {
  return wachterOn(db, ['--reveal', 'alerts', '--format', 'jsonl']).trim().split('\n')
    .filter(Boolean).map((l) => {
      const a = JSON.parse(l);
      delete a.raised;
      return JSON.stringify(Object.fromEntries(Object.entries(a).sort()));
    }).sort();
}

// A store with org's reference data loaded.
export function loadedStore(dir, name, org) {
  const db = join(dir, name);
  execFileSync(W, ['--db', db, 'load', org], { stdio: 'ignore' });
  return db;
}

// Ingests file into db; the --format jsonl counts.
export function ingestFile(db, file) {
  return JSON.parse(execFileSync(W, ['--db', db, 'ingest', '--format', 'jsonl', file],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
}
