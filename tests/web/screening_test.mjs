// Browser test of the screening page (#/screening, README "Screening"):
// on the demo store, with a hand-made function added (burgerzaken,
// reisdocumenten: a VOG every 60 months since 2020-01-01) and its staff:
// one overdue, one due within 60 days, one starter without a screening,
// one whose VOG came back negative while they hold brp:view, and a role
// whose name is markup. The page shows each where it belongs, by
// pseudonym, the markup as text; the filters narrow it; an analyst gets
// neither the link nor the data. Screenshots in tests/web/out/.
import fs from 'node:fs';
import path from 'node:path';
import {OUT, MOCK, T, run, makeStore, startServer, steps, launch, assert, waitText, go, login, logout,
  apiFetch, stop, report, setupFailed} from './harness.mjs';

const XSS_ROLE = '<img src=x onerror=window.__xss=7>';

function addScreenings(db, dir) {
  const org = path.join(dir, 'screening-org');
  fs.mkdirSync(org);
  const files = {
    'actors.csv': 'actor,unit,role,start,end,person,surname,postcode,house_number\n'
      + 'webtest-over,burgerzaken,reisdocumenten,2015-01-01,,,,,\n'
      + 'webtest-soon,burgerzaken,reisdocumenten,2015-01-01,,,,,\n'
      + 'webtest-fine,burgerzaken,reisdocumenten,2015-01-01,,,,,\n'
      + 'webtest-new,burgerzaken,reisdocumenten,2026-08-01,,,,,\n'
      + 'webtest-neg,burgerzaken,reisdocumenten,2015-01-01,,,,,\n'
      + `webtest-xss,burgerzaken,"${XSS_ROLE}",2015-01-01,,,,,\n`,
    'screening_requirements.csv': 'unit,role,kind,every_months,from\n'
      + 'burgerzaken,reisdocumenten,VOG,60,2020-01-01\n'
      + `burgerzaken,"${XSS_ROLE}",VOG-P,12,2020-01-01\n`,
    'screenings.csv': 'actor,kind,date,outcome\n'
      + 'webtest-over,VOG,2021-06-01,positive\n'
      + 'webtest-soon,VOG,2021-10-10,positive\n'
      + 'webtest-fine,VOG,2025-01-10,positive\n'
      + 'webtest-neg,VOG,2024-01-01,positive\n'
      + 'webtest-neg,VOG,2026-09-01,negative\n',
    'rights.csv': 'actor,system,right,granted,revoked,granted_by\n'
      + 'webtest-neg,brp,view,2020-01-01,,it\n',
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(org, name), text);
  run(['--db', db, 'load', org]);
}

let S = {passed: 0, failed: 0};

// The pseudonym of the due row whose last screening is `last`, and so on:
// what the page must show, from the API as the page's user sees it.
async function pseudonyms(page) {
  const due = (await apiFetch(page, 'screening/due')).body.rows;
  const uns = (await apiFetch(page, 'screening/unscreened')).body.rows;
  const neg = (await apiFetch(page, 'screening/negative')).body.rows;
  const one = (rows, f, what) => {
    const r = rows.filter(f);
    assert(r.length === 1, `one ${what} in the API's rows, not ${r.length}: ${JSON.stringify(rows)}`);
    return r[0].actor;
  };
  return {
    over: one(due, (r) => r.last === '2021-06-01', 'overdue row'),
    soon: one(due, (r) => r.last === '2021-10-10', 'due-soon row'),
    xss: one(due, (r) => r.role === XSS_ROLE, 'row of the markup role'),
    fresh: one(uns, (r) => r.role === 'reisdocumenten', 'unscreened starter'),
    neg: one(neg, (r) => r.screened === '2026-09-01', 'negative row'),
    due,
  };
}

// The text of the table row that holds text `who` under selector sel.
function rowText(page, sel, who) {
  return page.$$eval(sel + ' tbody tr', (trs, w) => {
    const tr = trs.find((t) => t.textContent.includes(w));
    return tr ? tr.textContent : '';
  }, who);
}

async function main() {
  const server = await startServer(MOCK ? null : makeStore({prepare: addScreenings}));
  const base = server.base;
  console.log(`server: ${base}${MOCK ? ' (mock)' : ''}`);
  const {browser, page} = await launch();
  S = steps(page);
  let who = null;
  try {
    await S.step('screening 01 a senior analyst opens Screening from the top bar', async () => {
      await login(page, base, 'sen');
      const links = await page.$$eval('.topbar nav a', (as) => as.map((a) => a.textContent));
      assert(links.includes('Screening'), 'the senior analyst gets the Screening link: ' + links);
      await page.click('.topbar nav a[href="#/screening"]');
      await page.waitForFunction(() => !document.getElementById('main').hasAttribute('aria-busy') &&
        document.querySelector('#main h1') && document.querySelector('#main h1').textContent === 'Screening', {timeout: T});
      who = await pseudonyms(page);
      for (const k of ['over', 'soon', 'fresh', 'neg']) assert(/^emp-[a-z0-9]{10}$/.test(who[k]), `${k} is a pseudonym: ${who[k]}`);
      S.noErrors();
    });

    await S.step('screening 02 the overdue person and the one due within 60 days, in their unit', async () => {
      const group = '.unit-group[data-unit="burgerzaken"]';
      await page.waitForSelector(group, {timeout: T});
      const over = await rowText(page, group, who.over);
      assert(/reisdocumenten/.test(over) && /2021-06-01/.test(over) && /2026-06-01/.test(over) && /overdue \d+ days/.test(over),
        'the overdue row: ' + over);
      const soon = await rowText(page, group, who.soon);
      assert(/2021-10-10/.test(soon) && /2026-10-10/.test(soon) && /due in \d+ days/.test(soon), 'the due-soon row: ' + soon);
      const cls = await page.$$eval(group + ' tbody tr', (trs, w) => trs.find((t) => t.textContent.includes(w)).className, who.over);
      assert(cls.includes('overdue'), 'the overdue row is marked: ' + cls);
      const page1 = await page.$eval('#main', (m) => m.textContent);
      assert(!page1.includes('webtest-'), 'no account id on the page');
      await waitText(page, 'main p.lead', /overdue/);
      S.noErrors();
    });

    await S.step('screening 03 the starter without a screening and the negative outcome with rights', async () => {
      const fresh = await rowText(page, 'table.unscreened-list', who.fresh);
      assert(/burgerzaken/.test(fresh) && /2026-08-01/.test(fresh) && /VOG/.test(fresh), 'the unscreened starter: ' + fresh);
      const neg = await rowText(page, 'table.negative-list', who.neg);
      assert(/2026-09-01/.test(neg) && /brp:view/.test(neg), 'the negative with rights: ' + neg);
      S.noErrors();
    });

    await S.step('screening 04 a role named with markup is shown as text, never run', async () => {
      const xss = await rowText(page, '.unit-group[data-unit="burgerzaken"]', who.xss);
      assert(xss.includes(XSS_ROLE), 'the role is shown as written: ' + xss);
      assert(await page.evaluate(() => window.__xss === undefined), 'the markup ran');
      assert(await page.$('#main img') === null, 'an <img> was made from the data');
    });

    await S.step('screening 05 the unit filter keeps one unit; a longer period shows more', async () => {
      await page.$eval('input[name=unit]', (i) => (i.value = ''));
      await page.type('input[name=unit]', 'handhaving');
      await page.click('form.filters button[type=submit]');
      await page.waitForFunction(() => location.hash.includes('unit=handhaving') &&
        !document.getElementById('main').hasAttribute('aria-busy') && document.querySelector('#main h1'), {timeout: T});
      const units = await page.$$eval('.unit-group', (gs) => gs.map((g) => g.dataset.unit));
      assert(units.every((u) => u === 'handhaving'), 'only handhaving: ' + units);
      const neg = await page.$eval('#main', (m) => m.textContent);
      assert(!neg.includes(who.neg), 'the negative of burgerzaken is filtered out');
      await go(page, base, 'screening?days=3660&unit=burgerzaken');
      const all = await page.$$eval('.unit-group[data-unit="burgerzaken"] tbody tr', (trs) => trs.length);
      assert(all > who.due.filter((r) => r.unit === 'burgerzaken').length, 'ten years ahead shows more: ' + all);
      S.noErrors();
    });

    await S.step('screening 06 an analyst gets neither the link nor the reports', async () => {
      await logout(page);
      await login(page, base, 'ana');
      const links = await page.$$eval('.topbar nav a', (as) => as.map((a) => a.textContent));
      assert(!links.includes('Screening'), 'no Screening link for an analyst: ' + links);
      const r = await apiFetch(page, 'screening/due');
      assert(r.status === 403, 'the API refuses an analyst: ' + r.status);
      await page.goto(base + '#/screening', {waitUntil: 'domcontentloaded'});
      // the page asks for its three reports at once: the first refusal back is shown
      await waitText(page, '#main p.msg.error',
        /ana \(analyst\) may not run screening (due|unscreened|negative)/);
    });
  } finally {
    await stop(browser, server, S);
  }
  report('screening_test', server, S);
}

main().catch((e) => setupFailed('screening_test', S, e));
