// Shared by the API tests of issue 36's parts (tests/api/*_test.mjs): the
// wachter binary on one test's store, and a real `wachter serve` on it as
// the administrator "admin".
import { spawn, execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const W = resolve(process.env.WACHTER || 'build/wachter');

// Runs wachter on db with args; its stdout.
export function wachterOn(db, args, env = {}) {
  return execFileSync(W, ['--db', db, ...args], {
    env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}

// Starts `wachter serve` on db as admin (password); resolves with
// {proc, base} once it says where it listens.
export function serveOn(db, password) {
  return new Promise((res, rej) => {
    const proc = spawn(W, ['--db', db, '--as', 'admin', 'serve', '--listen', '127.0.0.1:0'],
      { env: { ...process.env, WACHTER_PASSWORD: password } });
    let out = '', err = '';
    proc.stderr.on('data', (d) => { err += d; });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http):\/\/127\.0\.0\.1:(\d+)\//);
      if (m) res({ proc, base: `http://127.0.0.1:${m[2]}` });
    });
    proc.on('exit', (code) => rej(new Error(`serve exited ${code}: ${err}`)));
  });
}
