// The otlp part's helpers for its ecosystem test (tests/eco/otlp_test.mjs):
// a store with the staff and the register of processing activities loaded,
// and `wachter receive` started and stopped on a random loopback port.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const W = resolve(process.env.WACHTER || 'build/wachter');

// Runs wachter on db with args; its stdout.
export function wachterOn(db, args) {
  return execFileSync(W, ['--db', db, ...args], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}

// A fresh directory with a store (db) holding the files of org (name →
// CSV text) loaded, and a token file; {dir, db, tokenFile, token}.
export function storeWith(org) {
  const dir = mkdtempSync(join(tmpdir(), 'wachter-otlp-'));
  const orgDir = join(dir, 'org');
  mkdirSync(orgDir);
  for (const [name, text] of Object.entries(org)) writeFileSync(join(orgDir, name), text);
  const db = join(dir, 't.db');
  wachterOn(db, ['load', orgDir]);
  const token = 'eco-test-token-' + Math.random().toString(36).slice(2);
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, token + '\n');
  return { dir, db, tokenFile, token };
}

// Starts `wachter receive` on db (extra args after the listen address);
// resolves with {proc, base, log()} once it says where it listens, rejects
// when it exits first.
export function receiveOn(db, args = []) {
  return new Promise((res, rej) => {
    const proc = spawn(W, ['--db', db, 'receive', '--listen', '127.0.0.1:0', ...args]);
    let out = '', err = '';
    proc.stderr.on('data', (d) => { err += d; });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\/v1\/traces/);
      if (m) res({ proc, base: `http://127.0.0.1:${m[1]}`, log: () => err, out: () => out });
    });
    proc.on('exit', (code) => rej(new Error(`receive exited ${code}: ${err}`)));
  });
}

// Stops a receiver with SIGTERM; resolves with its exit code.
export function stop(r) {
  return new Promise((res) => {
    if (r.proc.exitCode !== null) return res(r.proc.exitCode);
    r.proc.removeAllListeners('exit');
    r.proc.on('exit', (code) => res(code));
    r.proc.kill('SIGTERM');
  });
}

// A receiver that cannot start: fails under CI=true, else skips loudly.
export function cannotStart(t, why) {
  if (process.env.CI === 'true') throw new Error(`wachter receive cannot start: ${why}`);
  process.stderr.write(`otlp_test: SKIPPED, wachter receive cannot start: ${why}\n`);
  t.skip(`wachter receive cannot start: ${why}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
