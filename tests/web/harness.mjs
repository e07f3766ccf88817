// Shared by the workbench's browser tests (tests/web/*_test.mjs): a demo
// store with one account per role, a real `wachter serve` on it (or the
// mock server, WEB_MOCK=1), headless Debian chromium, and the steps'
// bookkeeping (each step asserts, then leaves a screenshot in out/).
import {spawn, execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import puppeteer from 'puppeteer-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const OUT = path.join(HERE, 'out');
export const MOCK = process.env.WEB_MOCK === '1';
export const WACHTER = process.env.WACHTER || path.resolve(HERE, '../../build/wachter');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const PASSWORD = 'correct-horse-battery';
export const ACCOUNTS = [['adm', 'administrator'], ['ana', 'analyst'], ['sen', 'senior-analyst'],
  ['inv', 'investigator'], ['pri', 'privacy-officer'], ['aud', 'auditor']];
export const T = 15000;

fs.mkdirSync(OUT, {recursive: true});

export function run(args, env = {}) {
  return execFileSync(WACHTER, args, {env: {...process.env, ...env}, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
}

// A demo store (actors, days) with one account per role (ACCOUNTS, all
// with PASSWORD); prepare(db, dir), when given, adds to it before the
// accounts are made. {dir, db}.
export function makeStore({actors = 200, days = 14, prepare} = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wachter-webtest-'));
  const db = path.join(dir, 'web.db');
  run(['--db', db, 'demo', '--actors', String(actors), '--days', String(days), '--dir', path.join(dir, 'demo')]);
  if (prepare) prepare(db, dir);
  for (const [name, role] of ACCOUNTS) {
    const as = name === 'adm' ? [] : ['--as', 'adm'];
    run(['--db', db, ...as, 'account', 'add', name, '--role', role],
      {WACHTER_NEW_PASSWORD: PASSWORD, WACHTER_PASSWORD: PASSWORD});
  }
  return {dir, db};
}

// Starts the server on store (from makeStore), or the mock (WEB_MOCK=1,
// store null); resolves with {child, base, store, stderr()} once its
// first stdout line "wachter serve: listening on http://127.0.0.1:PORT/"
// came.
export function startServer(store) {
  let cmd;
  let args;
  if (MOCK) {
    cmd = process.execPath;
    args = [path.join(HERE, 'mock_server.mjs')];
  } else {
    cmd = WACHTER;
    args = ['--db', store.db, '--as', 'adm', 'serve', '--listen', '127.0.0.1:0'];
  }
  const child = spawn(cmd, args, {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, WACHTER_PASSWORD: PASSWORD}});
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const cleanup = () => store && fs.rmSync(store.dir, {recursive: true, force: true});
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      cleanup();
      reject(new Error('the server said nothing in 30 s; stderr: ' + stderr));
    }, 30000);
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve({child, base: m[1], store, stderr: () => stderr});
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      cleanup();
      reject(new Error(`the server exited (${code}) before listening; stderr: ${stderr}`));
    });
  });
}

// ---- steps -------------------------------------------------------------
// One test's steps on one page: step(name, fn) runs fn, counts it passed
// or failed, prints it and leaves a screenshot; console errors of the
// page during a step fail noErrors().
export function steps(page) {
  const s = {passed: 0, failed: 0, consoleErrors: []};
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const t = m.text();
    // A refused fetch (the 401 before logging in, the 403 a test asks
    // for) is logged by the browser; it is not an error of the page.
    if (/status of 40[13]/.test(t)) return;
    s.consoleErrors.push(t);
  });
  page.on('pageerror', (e) => s.consoleErrors.push('pageerror: ' + e.message));
  s.noErrors = () => assert(s.consoleErrors.length === 0, 'console errors: ' + s.consoleErrors.join(' | '));
  s.step = async (name, fn) => {
    s.consoleErrors = [];
    try {
      await fn();
      s.passed++;
      console.log(`ok   ${name}`);
    } catch (e) {
      s.failed++;
      console.log(`FAIL ${name}: ${e.message}`);
      if (s.consoleErrors.length) console.log('     console: ' + s.consoleErrors.join(' | '));
    }
    await page.screenshot({path: path.join(OUT, name.replace(/[^a-z0-9]+/gi, '-').toLowerCase() + '.png'), fullPage: true}).catch(() => {});
  };
  return s;
}

export async function launch() {
  const browser = await puppeteer.launch({executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=en-GB']});
  const page = await browser.newPage();
  await page.setViewport({width: 1360, height: 900});
  return {browser, page};
}

export function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

export async function textOf(page, sel) {
  await page.waitForSelector(sel, {timeout: T});
  return page.$eval(sel, (e) => e.textContent.trim());
}

// Waits until sel's text contains want (a string) or matches it (a RegExp).
export async function waitText(page, sel, want) {
  try {
    await page.waitForFunction((s, w, isRe) => {
      const el = document.querySelector(s);
      if (!el) return false;
      return isRe ? new RegExp(w).test(el.textContent) : el.textContent.includes(w);
    }, {timeout: T}, sel, want instanceof RegExp ? want.source : want, want instanceof RegExp);
  } catch (e) {
    const got = await page.$eval(sel, (el) => el.textContent.trim().slice(0, 300)).catch(() => '(no such element)');
    throw new Error(`${sel} should show ${want}; shows: ${got}`);
  }
}

export async function go(page, base, route) {
  await page.goto(base + '#/' + route, {waitUntil: 'domcontentloaded'});
  await page.waitForFunction(() => !document.getElementById('main').hasAttribute('aria-busy') &&
    document.querySelector('#main h1'), {timeout: T});
}

// Opens a citizen's subject page or letter the way the pages do: the id in
// the tab's session storage, not in the address.
export async function openSubject(page, base, subject, route = 'subject') {
  await page.goto(base + '#/' + route + '?ask=1', {waitUntil: 'domcontentloaded'});
  await page.evaluate((s) => sessionStorage.setItem('wachter.subject', s), subject);
  await go(page, base, route);
  assert(!page.url().includes(subject), 'the citizen\'s number is not in the address: ' + page.url());
}

export async function login(page, base, account) {
  await page.goto(base + '#/login', {waitUntil: 'domcontentloaded'});
  // The page asks the server who is logged in first and draws the form
  // again when it answers: type only once it is done.
  // A hash change of the page already open draws it once more: type
  // again when the form was drawn anew under the typing.
  let typed = '';
  for (let attempt = 0; attempt < 3 && typed !== account; attempt++) {
    await page.waitForFunction(() => !document.getElementById('main').hasAttribute('aria-busy') &&
      document.querySelector('form.login input[name=account]'), {timeout: T});
    await page.$eval('form.login', (f) => f.reset());
    await page.type('input[name=account]', account);
    await page.type('input[name=password]', PASSWORD);
    await new Promise((r) => setTimeout(r, 150));
    typed = await page.$eval('input[name=account]', (i) => i.value).catch(() => '');
  }
  assert(typed === account, 'the account typed stays in the form: ' + typed);
  await Promise.all([page.waitForSelector('#me-account', {timeout: T}), page.click('form.login button[type=submit]')]);
  await waitText(page, '#me-account', account);
}

export async function logout(page) {
  await page.click('#logout');
  await page.waitForSelector('form.login', {timeout: T});
}

// The API seen from the page (same session): {status, body}.
export function apiFetch(page, pathAndQuery) {
  return page.evaluate(async (p) => {
    const r = await fetch('/api/v1/' + p, {credentials: 'same-origin'});
    let body = null;
    try {
      body = await r.json();
    } catch (e) {
      body = null;
    }
    return {status: r.status, body};
  }, pathAndQuery);
}

// The end of a test, after its steps: stop() in its finally (the browser
// and the server closed, the store kept only when a step failed, to look
// at), then report() (the server's stderr on a failure, the counts, exit
// status 1 on a failure); setupFailed() when the test could not start.
export async function stop(browser, server, S) {
  await browser.close();
  server.child.kill('SIGTERM');
  if (server.store && S.failed === 0) fs.rmSync(server.store.dir, {recursive: true, force: true});
}

export function report(name, server, S) {
  if (S.failed && server.stderr()) console.log('server stderr:\n' + server.stderr().slice(-3000));
  console.log(`screenshots: ${OUT}`);
  console.log(`${name}: ${S.passed} passed, ${S.failed} failed`);
  process.exit(S.failed ? 1 : 0);
}

export function setupFailed(name, S, e) {
  console.log('FAIL setup: ' + e.message);
  console.log(`${name}: ${S.passed} passed, ${S.failed + 1} failed`);
  process.exit(1);
}
