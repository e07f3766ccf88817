// wachter publish and ingest --from against a real NATS JetStream cluster
// of three (Debian's nats-server, loopback, random ports, replicas 3):
// - one worker stores the same events and raises the same alerts as
//   `wachter ingest` of the same file into another store;
// - a worker killed with -9 mid-stream and started again: every event
//   stored once, the same alerts, nothing lost;
// - one NATS node of three stopped mid-stream: publishing and consuming
//   go on, same result;
// - the same file published twice: no event twice;
// - two workers, each owning half the partitions, one after the other on
//   one SQLite store (the writer lock): every event stored once;
// - SIGTERM: the worker commits, acknowledges and exits 0; nothing lost;
// - a worker on a stream that does not exist: a clear message, exit 1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import {
  W, natsCluster, cannotStart, publish, worker, alertsOf, loadedStore, ingestFile, sleep,
  wachterOn,
} from './nats_util.mjs';

let dir, cluster, org, events, ref, refStored, refAlerts;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wachter-nats-'));
  org = join(dir, 'org');
  execFileSync(W, ['--db', join(dir, 'demo.db'), 'demo', '--actors', '60', '--days', '10',
    '--dir', org], { stdio: 'ignore' });
  // A line that is not an event first: reported, not published.
  events = join(dir, 'events.jsonl');
  writeFileSync(events, 'not an event\n' + readFileSync(join(org, 'events.jsonl'), 'utf8'));
  ref = loadedStore(dir, 'ref.db', org);
  const st = ingestFile(ref, events);
  refStored = st.stored;
  refAlerts = alertsOf(ref);
  cluster = await natsCluster(join(dir, 'nats'));
});

after(async () => {
  if (cluster) await cluster.stopAll();
  rmSync(dir, { recursive: true, force: true });
});

// Every event of the file is in db: ingesting the file again stores none.
function allStoredOnce(db) {
  const again = ingestFile(db, events);
  assert.equal(again.stored, 0, 'every event was stored already');
  assert.equal(again.duplicates, refStored);
}

test('publish, one worker: the same events and alerts as ingest of the file', async (t) => {
  if (!cluster) return cannotStart(t, 'a nats-server cluster');
  const p = publish(cluster.urls, 'one', events);
  assert.equal(p.code, 0, p.err);
  assert.match(p.err, /events\.jsonl:1: quarantined: /);
  assert.equal(p.json.read, refStored + 1);
  assert.equal(p.json.published, refStored);
  assert.equal(p.json.quarantined, 1);
  assert.equal(p.json.created, true);
  const db = loadedStore(dir, 'one.db', org);
  const w = await worker(db, cluster.urls, 'one', ['--until-idle', '2']).done;
  assert.equal(w.code, 0, w.err);
  assert.equal(w.json.stored, refStored);
  assert.equal(w.json.duplicates, 0);
  assert.deepEqual(alertsOf(db), refAlerts);
  assert.ok(refAlerts.length > 10, `the demo raises alerts (${refAlerts.length})`);
  allStoredOnce(db);
});

test('a worker killed with -9 mid-stream and started again: nothing lost, nothing twice',
  async (t) => {
    if (!cluster) return cannotStart(t, 'a nats-server cluster');
    assert.equal(publish(cluster.urls, 'kill', events).code, 0);
    const db = loadedStore(dir, 'kill.db', org);
    // Small commits, so that some are done when it dies.
    const w1 = worker(db, cluster.urls, 'kill', ['--batch', '300', '--commit-after', '0.05']);
    // Killed once its first alerts are committed (it is under way).
    for (let t0 = Date.now(); Date.now() - t0 < 20000;) {
      if (wachterOn(db, ['alerts', '--format', 'jsonl']).trim()) break;
      await sleep(20);
    }
    w1.proc.kill('SIGKILL');
    const r1 = await w1.done;
    assert.equal(r1.signal, 'SIGKILL');
    const r2 = await worker(db, cluster.urls, 'kill', ['--until-idle', '2']).done;
    assert.equal(r2.code, 0, r2.err);
    process.stderr.write(`nats_test: after kill -9 the second worker read ${r2.json.read}`
      + ` (stored ${r2.json.stored}, duplicates ${r2.json.duplicates}) of ${refStored}\n`);
    assert.ok(r2.json.read > 0, 'the first worker was killed before the end');
    assert.deepEqual(alertsOf(db), refAlerts);
    allStoredOnce(db);
  });

test('one NATS node of three stopped mid-stream: publishing and consuming go on',
  async (t) => {
    if (!cluster) return cannotStart(t, 'a nats-server cluster');
    const db = loadedStore(dir, 'node.db', org);
    const lines = readFileSync(events, 'utf8').split('\n');
    // The publisher reads a pipe; the worker consumes as it goes.
    const pub = spawn(W, ['publish', '--to', cluster.urls, '--stream', 'node', '--format',
      'jsonl', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let pout = '', perr = '';
    pub.stdout.on('data', (b) => { pout += b; });
    pub.stderr.on('data', (b) => { perr += b; });
    const pubDone = new Promise((res) => pub.on('exit', res));
    const chunk = Math.ceil(lines.length / 10);
    let w = null;
    for (let i = 0; i < 10; i++) {
      pub.stdin.write(lines.slice(i * chunk, (i + 1) * chunk).join('\n')
        + (i < 9 ? '\n' : ''));
      await sleep(300);
      if (i === 1) w = worker(db, cluster.urls, 'node', ['--until-idle', '4']);
      if (i === 4) await cluster.nodes[2].stop('SIGKILL');
    }
    pub.stdin.end();
    assert.equal(await pubDone, 0, perr);
    const p = JSON.parse(pout);
    assert.equal(p.published, refStored);
    const r = await w.done;
    assert.equal(r.code, 0, r.err);
    assert.equal(r.json.stored, refStored, r.out + r.err);
    assert.deepEqual(alertsOf(db), refAlerts);
    allStoredOnce(db);
    // The node comes back for the tests after this one.
    cluster.nodes[2].start();
    await cluster.ready();
  });

test('the same file published twice: no event twice', async (t) => {
  if (!cluster) return cannotStart(t, 'a nats-server cluster');
  const a = publish(cluster.urls, 'twice', events, ['--replicas', '3']);
  assert.equal(a.code, 0, a.err);
  const b = publish(cluster.urls, 'twice', events);
  assert.equal(b.code, 0, b.err);
  assert.equal(b.json.published, 0);
  assert.equal(b.json.duplicates, refStored, 'the stream dropped every second copy');
  const db = loadedStore(dir, 'twice.db', org);
  const w = await worker(db, cluster.urls, 'twice', ['--until-idle', '2']).done;
  assert.equal(w.code, 0, w.err);
  assert.equal(w.json.stored, refStored);
  assert.deepEqual(alertsOf(db), refAlerts);
  allStoredOnce(db);
});

test('two workers, half the partitions each, on one SQLite store: every event once',
  async (t) => {
    if (!cluster) return cannotStart(t, 'a nats-server cluster');
    assert.equal(publish(cluster.urls, 'parts', events, ['--partitions', '16']).code, 0);
    const db = loadedStore(dir, 'parts.db', org);
    // Both started at once; the second waits for the writer lock (--wait).
    const a = worker(db, cluster.urls, 'parts', ['--partitions', '0-7/16', '--until-idle', '2']);
    const b = worker(db, cluster.urls, 'parts', ['--partitions', '8-15/16', '--until-idle', '2']);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    assert.equal(ra.code, 0, ra.err);
    assert.equal(rb.code, 0, rb.err);
    assert.ok(ra.json.stored > 0 && rb.json.stored > 0, 'each worker has a share');
    assert.equal(ra.json.stored + rb.json.stored, refStored);
    allStoredOnce(db);
  });

test('SIGTERM: the worker commits, acknowledges and exits 0; nothing lost', async (t) => {
  if (!cluster) return cannotStart(t, 'a nats-server cluster');
  assert.equal(publish(cluster.urls, 'term', events).code, 0);
  const db = loadedStore(dir, 'term.db', org);
  const w = worker(db, cluster.urls, 'term', ['--batch', '300', '--commit-after', '0.05']);
  // Stopped once its first alerts are committed (it is under way).
  for (let t0 = Date.now(); Date.now() - t0 < 20000;) {
    if (wachterOn(db, ['alerts', '--format', 'jsonl']).trim()) break;
    await sleep(20);
  }
  w.proc.kill('SIGTERM');
  const r1 = await w.done;
  assert.equal(r1.code, 0, r1.err);
  assert.ok(r1.json, 'the summary is printed');
  process.stderr.write(`nats_test: SIGTERM after ${r1.json.stored} of ${refStored} events\n`);
  // What it took is committed and acknowledged: the next worker takes the
  // rest only.
  const r2 = await worker(db, cluster.urls, 'term', ['--until-idle', '2']).done;
  assert.equal(r2.code, 0, r2.err);
  assert.equal(r2.json.duplicates, 0, 'nothing committed came again');
  assert.equal(r1.json.stored + r2.json.stored, refStored);
  assert.deepEqual(alertsOf(db), refAlerts);
  allStoredOnce(db);
});

test('nats_no_stream: a worker on a stream that does not exist says so and exits 1',
  async (t) => {
    if (!cluster) return cannotStart(t, 'a nats-server cluster');
    const db = loadedStore(dir, 'none.db', org);
    const r = await worker(db, cluster.urls, 'nosuch', ['--until-idle', '1']).done;
    assert.equal(r.code, 1);
    assert.match(r.err, /wachter ingest: NATS: no stream nosuch \(wachter publish makes it\)/);
  });
