// bench/otlp_load.mjs — the load of bench/otlp.sh: N Logboek
// Dataverwerkingen spans (without their user) and their N audit records,
// the same every run, posted to a running `wachter receive` by CLIENTS
// concurrent clients, BATCH spans a request (the OpenTelemetry SDK's
// batch processor sends up to 512); or the same N events as JSON Lines,
// as `wachter ingest` reads them.
//
//   node bench/otlp_load.mjs org DIR                (actors.csv, activities.csv)
//   node bench/otlp_load.mjs jsonl N > events.jsonl
//   node bench/otlp_load.mjs post URL N CLIENTS BATCH
//
// post prints one JSON line: spans, seconds (first request to last answer:
// every answer means stored), spans_per_s, requests, p50_ms and p99_ms of
// the requests, failed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ACTORS = 200, SUBJECTS = 100000, ACTIVITIES = 10;
const T0 = Date.UTC(2026, 2, 2, 8) * 1e6; // ns
const hex = (n, w) => n.toString(16).padStart(w, '0');

// The i-th processing, the same every run.
function rec(i) {
  let x = (i + 1) * 2654435761 % 4294967296;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
  return {
    trace: hex(0xabc00000 + Math.floor(i / 4), 8) + hex(next(), 8) + '0000000000000001',
    op: hex(i + 1, 16),
    ns: BigInt(T0) + BigInt(i) * 1000000000n,
    actor: `emp${next() % ACTORS}`,
    subject: `bsn-${100000000 + (next() % SUBJECTS)}`,
    act: next() % ACTIVITIES,
  };
}
const actId = (k) => `https://register.example.nl/verwerkingsactiviteiten/${k}`;

function span(r) {
  return {
    traceId: r.trace, spanId: r.op, name: 'raadplegen', kind: 1,
    startTimeUnixNano: String(r.ns), endTimeUnixNano: String(r.ns + 2000000n),
    attributes: [
      { key: 'dpl.core.processing_activity_id', value: { stringValue: actId(r.act) } },
      { key: 'dpl.core.data_subject_id', value: { stringValue: r.subject } },
      { key: 'http.route', value: { stringValue: '/personen/{bsn}' } },
    ],
    status: { code: 1 },
  };
}

function tracesBody(from, to) {
  const spans = [];
  for (let i = from; i < to; i++) spans.push(span(rec(i)));
  return JSON.stringify({ resourceSpans: [{
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bench-app' } }] },
    scopeSpans: [{ scope: { name: 'logboek' }, spans }] }] });
}

function auditBody(from, to) {
  let out = '';
  for (let i = from; i < to; i++) {
    const r = rec(i);
    out += JSON.stringify({ user: r.actor, trace_id: r.trace, operation_id: r.op }) + '\n';
  }
  return out;
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'org') {
  const dir = args[0];
  let a = 'actor,unit,role\n';
  for (let k = 0; k < ACTORS; k++) a += `emp${k},unit${k % 10},medewerker\n`;
  writeFileSync(join(dir, 'actors.csv'), a);
  let v = 'id,name\n';
  for (let k = 0; k < ACTIVITIES; k++) v += `${actId(k)},Activiteit ${k}\n`;
  writeFileSync(join(dir, 'activities.csv'), v);
} else if (mode === 'jsonl') {
  const n = Number(args[0]);
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = rec(i);
    out.push(JSON.stringify({
      id: `${r.trace}:${r.op}`, ts: Number(r.ns / 1000000n), actor: r.actor, action: 'raadplegen',
      subject: r.subject, system: 'bench-app', purpose: `Activiteit ${r.act}`, trace_id: r.trace,
      operation_id: r.op, processing_activity_id: actId(r.act), span_name: 'raadplegen',
      status: 'ok', span_attributes: { 'http.route': '/personen/{bsn}' },
    }));
    if (out.length === 10000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
  }
  if (out.length) process.stdout.write(out.join('\n') + '\n');
} else if (mode === 'post') {
  const [url, nArg, clientsArg, batchArg] = args;
  const n = Number(nArg), clients = Number(clientsArg), batch = Number(batchArg);
  const token = process.env.OTLP_TOKEN;
  const auth = token ? { Authorization: `Bearer ${token}` } : {};
  const times = [];
  let next = 0, failed = 0;
  const post = async (path, type, body) => {
    const t = process.hrtime.bigint();
    const r = await fetch(`${url}${path}`, { method: 'POST', body,
      headers: { 'Content-Type': type, ...auth } });
    const text = await r.text();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 200 || text.includes('rejected"') && !text.includes('"rejected":0')) {
      failed++;
      if (failed < 4) process.stderr.write(`${path} ${r.status} ${text.slice(0, 200)}\n`);
    }
  };
  // each client: a batch of spans, then their audit records
  const client = async () => {
    while (next < n) {
      const from = next, to = Math.min(n, from + batch);
      next = to;
      const traces = tracesBody(from, to), audit = auditBody(from, to);
      await post('/v1/traces', 'application/json', traces);
      await post('/v1/audit', 'application/x-ndjson', audit);
    }
  };
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, client));
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  console.log(JSON.stringify({ spans: n, seconds: s, spans_per_s: n / s, requests: times.length,
    p50_ms: pct(0.5), p99_ms: pct(0.99), failed }));
} else {
  console.error('usage: otlp_load.mjs org DIR | jsonl N | post URL N CLIENTS BATCH');
  process.exit(2);
}
