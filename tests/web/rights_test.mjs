// Browser test of the Rights page (#/rights): on a demo store whose rights,
// moves and conflicts are replaced by a small hand-made set, the page
// shows the unused right, the leaver's right, the mover and the conflict,
// each person linking to their page; a reason holding markup shows as
// text; the auditor gets no Rights link and is refused.
// Ends with "N passed, N failed"; exit 1 on a failure.
import fs from 'node:fs';
import path from 'node:path';
import {MOCK, T, run, makeStore, startServer, steps, launch, assert, waitText, go, login, logout,
  apiFetch, stop, report, setupFailed} from './harness.mjs';

const XSS_REASON = '<img src=x onerror=window.__xss=9> may not both create and approve';

// Four demo actors: an unused right, a mover, a conflict; and a right of
// someone in no staff register.
function addRights(db, dir) {
  const lines = fs.readFileSync(path.join(dir, 'demo', 'actors.csv'), 'utf8').trim().split('\n');
  const head = lines[0].split(',');
  const col = (name) => head.indexOf(name);
  const rows = lines.slice(1).map((l) => l.split(',')).filter((r) => !r[col('end')]);
  const [a, b, c] = rows.map((r) => ({actor: r[col('actor')], unit: r[col('unit')], role: r[col('role')]}));
  const ref = path.join(dir, 'rights-ref');
  fs.mkdirSync(ref, {recursive: true});
  fs.writeFileSync(path.join(ref, 'rights.csv'), [
    'actor,system,right,granted,revoked,granted_by',
    `${a.actor},webtest,view,2020-01-01,,it-desk`,
    `webtest-ghost,zaken,*,2020-01-01,,it-desk`,
    `${b.actor},oldunit,edit,2020-01-01,,it-desk`,
    `${c.actor},payments,create,2020-01-01,,fin-lead`,
    `${c.actor},payments,approve,2020-01-01,,fin-lead`,
  ].join('\n') + '\n');
  fs.writeFileSync(path.join(ref, 'moves.csv'), 'actor,date,from_unit,from_role,to_unit,to_role\n' +
    `${b.actor},2020-06-01,Webtest-oude-afdeling,oude-rol,${b.unit},${b.role}\n`);
  fs.writeFileSync(path.join(ref, 'conflicts.csv'), 'right_a,right_b,reason\n' +
    `payments:create,payments:approve,"${XSS_REASON}"\n`);
  run(['--db', db, 'load', '--replace', ref]);
}

let S = {passed: 0, failed: 0};

async function main() {
  if (MOCK) {
    console.log('rights_test: needs a real server (not WEB_MOCK); skipped');
    console.log('0 passed, 0 failed');
    return;
  }
  const server = await startServer(makeStore({prepare: addRights}));
  const base = server.base;
  console.log(`server: ${base}`);
  const {browser, page} = await launch();
  S = steps(page);
  try {
    await S.step('rights 1 the analyst\'s Rights page shows the four reports', async () => {
      await login(page, base, 'ana');
      const links = await page.$$eval('.topbar nav a', (as) => as.map((x) => x.textContent));
      assert(links.includes('Rights'), 'the analyst gets the Rights link: ' + links);
      await page.click('.topbar nav a[href="#/rights"]');
      await waitText(page, 'main h1', 'Rights');
      await waitText(page, '#unused', 'webtest:view');
      await waitText(page, '#unused', 'never');
      await waitText(page, '#leavers', 'zaken:*');
      await waitText(page, '#leavers', 'not in the staff register');
      await waitText(page, '#movers', 'oldunit:edit');
      await waitText(page, '#movers', 'Webtest-oude-afdeling / oude-rol');
      await waitText(page, '#conflicts', 'payments:create + payments:approve');
      await waitText(page, '#conflicts h2', 'Conflicting combinations (1)');
      S.noErrors();
    });

    await S.step('rights 2 staff by pseudonym, linking to their page; a reason is text', async () => {
      const hrefs = await page.$$eval('#conflicts a, #unused a, #movers a',
        (as) => as.map((x) => x.getAttribute('href')));
      assert(hrefs.length >= 3 && hrefs.every((x) => /^#\/person\/emp-[0-9a-z]+$/.test(x)),
        'each person links to #/person/PSEUDONYM: ' + hrefs);
      await waitText(page, '#conflicts', XSS_REASON);
      assert(await page.evaluate(() => window.__xss === undefined), 'the reason\'s markup ran');
      assert(!(await page.$('#conflicts img')), 'the reason became an element');
      await page.click('#conflicts tbody a');
      await page.waitForFunction(() => location.hash.startsWith('#/person/emp-'), {timeout: T});
      await waitText(page, 'main h1', 'emp-');
      S.noErrors();
    });

    await S.step('rights 3 a shorter period and a unit narrow the unused report', async () => {
      await go(page, base, 'rights');
      await page.waitForSelector('input[name=days]', {timeout: T});
      await page.$eval('input[name=days]', (i) => (i.value = ''));
      await page.type('input[name=days]', '1');
      await page.click('form.filters button[type=submit]');
      await page.waitForFunction(() => location.hash === '#/rights?days=1', {timeout: T});
      await waitText(page, '#unused h2', 'Not used in 1 days or never');
      const r = await apiFetch(page, 'rights/unused?days=1');
      assert(r.status === 200 && r.body.days === 1, 'GET rights/unused?days=1: ' + r.status);
      S.noErrors();
    });

    await S.step('rights 4 the auditor gets no Rights link and is refused', async () => {
      await logout(page);
      await login(page, base, 'aud');
      const links = await page.$$eval('.topbar nav a', (as) => as.map((x) => x.textContent));
      assert(!links.includes('Rights'), 'an auditor gets no Rights link: ' + links);
      const r = await apiFetch(page, 'rights/unused');
      assert(r.status === 403, 'GET rights/unused as an auditor: ' + r.status);
      // the page is refused before it has a heading: no go() here
      await page.goto(base + '#/rights', {waitUntil: 'domcontentloaded'});
      await waitText(page, 'main .msg.error', 'may not run rights');
      S.noErrors();
    });
  } finally {
    await stop(browser, server, S);
  }
  report('rights_test', server, S);
}

main().catch((e) => setupFailed('rights_test', S, e));
