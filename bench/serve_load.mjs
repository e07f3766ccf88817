// bench/serve_load.mjs — N concurrent clients against a running `wachter
// serve`: each logs in once, then takes calls from a shared list until
// it is empty; prints one Markdown row per kind of call with p50, p99
// and max of the calls' times and the calls per second.
//
//   node bench/serve_load.mjs URL ACCOUNT PASSWORD CLIENTS CALLS_FILE
//
// CALLS_FILE: one call a line, "KIND<TAB>PATH" (PATH under /api/v1/), a
// GET; or "KIND<TAB>PATH<TAB>BODY", a POST of that JSON body.
import { readFileSync } from 'node:fs';

const [url, account, password, clientsArg, callsFile] = process.argv.slice(2);
const clients = Number(clientsArg);
const calls = readFileSync(callsFile, 'utf8').split('\n').filter(Boolean)
    .map((line) => line.split('\t'));

async function login() {
    const r = await fetch(`${url}/api/v1/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ account, password }),
    });
    if (r.status !== 200) throw new Error(`login: ${r.status} ${await r.text()}`);
    const { csrf } = await r.json();
    return { cookie: r.headers.get('set-cookie').split(';')[0], csrf };
}

const times = new Map(); // kind -> [ms]
let failed = 0;
let next = 0;

async function client({ cookie, csrf }) {
    while (next < calls.length) {
        const [kind, path, body] = calls[next++];
        const t0 = process.hrtime.bigint();
        const r = await fetch(`${url}/api/v1/${path}`, body === undefined
            ? { headers: { Cookie: cookie } }
            : { method: 'POST', body,
                headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' } });
        await r.arrayBuffer();
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (r.status !== 200) failed++;
        if (!times.has(kind)) times.set(kind, []);
        times.get(kind).push(ms);
    }
}

function pctl(sorted, p) {
    const i = Math.max(0, Math.ceil((sorted.length * p) / 100) - 1);
    return sorted[i].toFixed(1);
}

const cookies = [];
for (let i = 0; i < clients; i++) cookies.push(await login());
const t0 = process.hrtime.bigint();
await Promise.all(cookies.map((c) => client(c)));
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
for (const [kind, list] of times) {
    list.sort((a, b) => a - b);
    console.log(`| ${kind} (API, ${clients} clients) | ${list.length} | ${pctl(list, 50)} ms |` +
        ` ${pctl(list, 99)} ms | ${list[list.length - 1].toFixed(1)} ms |`);
}
console.log(`\n${calls.length} calls in ${wall.toFixed(1)} s (${(calls.length / wall).toFixed(0)}` +
    ` per second), ${failed} not 200.`);
if (failed) process.exitCode = 1;
