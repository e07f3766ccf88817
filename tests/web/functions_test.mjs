// Browser test of the workbench's risk analysis of functions (#/functions):
// on the demo store (whose analyses the demo loads), a senior analyst
// enters an analysis of a function never analysed, the ranking shows it
// with its computed band, a second analysis of it shows as version 2 in
// its history with what changed, hostile text in a measure stays text,
// an analyst, who may not enter one, sees the ranking without a form, and
// the dashboard shows risk by function.
// Screenshots in tests/web/out/functions-*.png.
import fs from 'node:fs';
import {OUT, MOCK, makeStore, startServer, steps, launch, assert, waitText, go, login, logout,
  apiFetch, stop, report, setupFailed} from './harness.mjs';

const XSS = '<img src=x onerror=window.__xss=7>';
// meldkamer/centralist: impact answers 3,2,3,2,3 (level 4), resilience
// 1,1,2,1,1,1 (level 3): risk 12, high.
const FIRST = {registers: 3, decisions: 2, outsiders: 3, changes: 2, volume: 3, four_eyes: 1,
  rotation: 1, logging: 2, screening: 1, training: 1, segregation: 1};
// then four-eyes, logging, training and segregation at 3: resilience 4, risk 8, medium.
const SECOND = {...FIRST, four_eyes: 3, logging: 3, training: 3, segregation: 3};

let S = {passed: 0, failed: 0};

async function answer(page, answers) {
  for (const [k, v] of Object.entries(answers)) await page.select(`form.analysis select[name=${k}]`, String(v));
}

async function main() {
  if (MOCK) {
    console.log('functions_test: the mock server has no functions routes; skipped');
    return;
  }
  const server = await startServer(makeStore());
  const base = server.base;
  const {browser, page} = await launch();
  S = steps(page);
  const step = S.step;
  try {
    await step('functions 01 the ranking, bands coloured and the overdue review marked', async () => {
      await login(page, base, 'sen');
      const links = await page.$$eval('.topbar nav a', (as) => as.map((a) => a.textContent));
      assert(links.includes('Functions'), 'the senior analyst gets the Functions link: ' + links);
      await go(page, base, 'functions');
      await waitText(page, 'main h1', 'Functions by risk');
      const first = await page.$eval('table.functions tbody tr', (tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()));
      assert(first[0] === 'burgerzaken/baliemedewerker', 'the front office ranks first: ' + first);
      assert(first[4] === '20' && first[5] === 'very high', 'risk 20, very high: ' + first);
      assert(await page.$('table.functions tbody tr:first-child .badge.band-veryhigh'), 'the band is a coloured badge');
      assert(/overdue \d+ d/.test(first[8]), 'its review is marked overdue: ' + first[8]);
      assert(await page.$('table.functions tr.overdue-row'), 'the overdue row is marked');
      await waitText(page, 'table.due', 'never analysed');
      assert(await page.$('form.analysis'), 'a senior analyst gets the form');
      S.noErrors();
    });

    await step('functions 02 a senior analyst enters an analysis; the ranking shows its computed band', async () => {
      await page.type('form.analysis input[name=unit]', 'meldkamer');
      await page.type('form.analysis input[name=role]', 'centralist');
      await page.type('form.analysis input[name=process]', 'meldingen');
      await answer(page, FIRST);
      await page.type('form.analysis textarea[name=measures]', 'rotation between shifts\n' + XSS);
      await page.click('form.analysis button[type=submit]');
      await waitText(page, '#notice', 'meldkamer/centralist saved as version 1: risk 12, high');
      await waitText(page, 'table.functions', 'meldkamer/centralist');
      const row = await page.$$eval('table.functions tbody tr', (trs) => trs
        .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()))
        .find((c) => c[0] === 'meldkamer/centralist'));
      assert(row && row[2] === '4' && row[3] === '3' && row[4] === '12' && row[5] === 'high',
        'impact 4, resilience 3, risk 12, high: ' + row);
      assert(row[7].includes(XSS), 'the hostile measure shows as text: ' + row[7]);
      assert(await page.evaluate(() => window.__xss === undefined), 'the measure never ran');
      S.noErrors();
    });

    await step('functions 03 a second analysis shows as version 2 in the history', async () => {
      await page.$$eval('table.functions a.history-link', (as) =>
        as.find((a) => a.textContent === 'meldkamer/centralist').click());
      await waitText(page, 'main', 'History of meldkamer/centralist');
      await waitText(page, 'main', 'New analysis of meldkamer/centralist');
      const unit = await page.$eval('form.analysis input[name=unit]', (i) => i.value);
      assert(unit === 'meldkamer', 'the form is filled in from the function shown: ' + unit);
      await answer(page, SECOND);
      await page.click('form.analysis button[type=submit]');
      await waitText(page, '#notice', 'saved as version 2: risk 8, medium');
      await waitText(page, 'table.versions', 'risk 12 -> 8 (high -> medium)');
      const versions = await page.$$eval('table.versions tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
      assert(versions.length === 2, 'two versions: ' + JSON.stringify(versions));
      assert(versions[0][0] === '1' && versions[0][5] === '12' && versions[0][6] === 'high', 'version 1 kept: ' + versions[0]);
      assert(versions[1][0] === '2' && versions[1][5] === '8' && versions[1][6] === 'medium', 'version 2: ' + versions[1]);
      assert(versions[1][7] === 'sen', 'entered by sen: ' + versions[1][7]);
      assert(/four_eyes 1 -> 3/.test(versions[1][9]), 'what changed: ' + versions[1][9]);
      S.noErrors();
    });

    await step('functions 04 an analyst sees the ranking and no form; the API refuses them', async () => {
      await logout(page);
      await login(page, base, 'ana');
      await go(page, base, 'functions');
      await waitText(page, 'table.functions', 'meldkamer/centralist');
      assert(!(await page.$('form.analysis')), 'an analyst gets no form');
      const r = await page.evaluate(async () => {
        const me = await (await fetch('/api/v1/me')).json();
        const res = await fetch('/api/v1/functions', {method: 'POST', credentials: 'same-origin',
          headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf}, body: '{}'});
        return res.status;
      });
      assert(r === 403, 'POST functions as an analyst is 403, is ' + r);
      const read = await apiFetch(page, 'functions/history?unit=meldkamer&role=centralist');
      assert(read.status === 200 && read.body.versions.length === 2, 'the analyst reads the history');
      S.consoleErrors = S.consoleErrors.filter((e) => !/403/.test(e));
      S.noErrors();
    });

    await step('functions 05 the dashboard shows risk by function', async () => {
      await go(page, base, 'dashboard');
      await waitText(page, 'table.by-function', 'burgerzaken/baliemedewerker');
      const first = await page.$eval('table.by-function tbody tr', (tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()));
      assert(first[0] === 'burgerzaken/baliemedewerker' && first[1] === 'very high' && first[2] === '20',
        'the front office first, very high: ' + first);
      assert(Number(first[3]) > 0, 'with its people: ' + first);
      S.noErrors();
    });
  } finally {
    await stop(browser, server, S);
  }
  report('functions_test', server, S);
}

main().catch((e) => setupFailed('functions_test', S, e));
