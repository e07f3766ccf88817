// Helpers of the input part's ecosystem tests (tests/eco/input_*_test.mjs):
// Debian's rsyslogd started on 127.0.0.1 with a configuration of the
// test's own, unprivileged, on a port the kernel picks.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A server that cannot start fails the test under CI=true; elsewhere the
// test is skipped, loudly. Returns true when the test is to go on.
export function cannotStart(t, what, err) {
  if (process.env.CI === 'true') throw new Error(`${what} cannot start: ${err}`);
  process.stderr.write(`SKIPPED ${t.name}: ${what} cannot start: ${err}\n`);
  t.skip(`${what} cannot start`);
}

// Starts rsyslogd in dir with the configuration's body rules (after its
// TCP input); resolves with {proc, port, stop()} once it listens.
export async function startRsyslog(dir, rules) {
  const portFile = join(dir, 'rsyslog.port');
  writeFileSync(join(dir, 'rsyslog.conf'), `global(workDirectory="${dir}")
module(load="imtcp")
input(type="imtcp" port="0" listenPortFileName="${portFile}")
${rules}
`);
  const proc = spawn('rsyslogd', ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslog.pid')],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' } });
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  proc.stdout.on('data', (d) => { err += d; });
  const exited = new Promise((res) => proc.on('exit', (code) => res(code)));
  proc.on('error', (e) => { err += String(e); });
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) break;
    if (existsSync(portFile)) {
      const port = Number(readFileSync(portFile, 'utf8').trim());
      if (port > 0) {
        return {
          proc, port,
          async stop() { if (proc.exitCode === null) { proc.kill('SIGTERM'); await exited; } },
        };
      }
    }
    await sleep(50);
  }
  if (proc.exitCode === null) proc.kill('SIGKILL');
  throw new Error(`rsyslogd did not listen: ${err.trim() || 'exit ' + proc.exitCode}`);
}

// Sends lines (each a syslog message) to 127.0.0.1:port over one TCP
// connection, newline-framed; resolves once sent and closed.
export function sendLines(port, lines) {
  return new Promise((res, rej) => {
    const s = connect(port, '127.0.0.1', () => {
      s.end(lines.map((l) => l + '\n').join(''));
    });
    s.on('close', res);
    s.on('error', rej);
  });
}

// Waits until file holds n lines (up to ms); returns its lines.
export async function waitLines(file, n, ms = 10000) {
  const until = Date.now() + ms;
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const lines = text.split('\n').filter(Boolean);
    if (lines.length >= n || Date.now() > until) return lines;
    await sleep(50);
  }
}
