// Browser test of the recertification pages (web/js/pages/recert.js): a
// whole campaign on the demo store with four hand-made rights on the
// system "parkeren" (one of them used): a senior analyst starts the
// campaign owned by the analyst ana and logs out; ana sees the items with
// their last use, keeps the used one, revokes one with a reason that
// holds markup (shown as text), revokes the rest in bulk, closes the
// campaign and exports the revocation list (shown, and offered as a
// download). Screenshots in tests/web/out/recert-*.png.
import fs from 'node:fs';
import path from 'node:path';
import {MOCK, T, run, makeStore, startServer, steps, launch, assert, waitText, go, login, logout,
  apiFetch, stop, report, setupFailed} from './harness.mjs';

const XSS = '<img src=x onerror=window.__xss=7> moved away';
const SYSTEM = 'parkeren';

// Four rights on parkeren for the demo's first four staff; the first one
// used in the log an hour before its last event.
function addRights(db, dir) {
  const actors = fs.readFileSync(path.join(dir, 'demo', 'actors.csv'), 'utf8').trim().split('\n')
    .slice(1).map((l) => l.split(',')[0]).slice(0, 4);
  const ref = path.join(dir, 'rights');
  fs.mkdirSync(ref);
  fs.writeFileSync(path.join(ref, 'rights.csv'), 'actor,system,right,granted,revoked,granted_by\n' +
    actors.map((a, i) => `${a},${SYSTEM},${i === 2 ? 'export' : 'view'},2025-01-01,,it-desk\n`).join(''));
  run(['--db', db, 'load', ref]);
  const lines = fs.readFileSync(path.join(dir, 'demo', 'events.jsonl'), 'utf8').trim().split('\n');
  const lastMs = Date.parse(JSON.parse(lines[lines.length - 1]).ts);
  fs.writeFileSync(path.join(dir, 'parkeren.jsonl'), JSON.stringify({id: 'webtest-recert-1',
    ts: new Date(lastMs - 36e5).toISOString(), actor: actors[0], system: SYSTEM, action: 'view',
    subject: 'AB-123-C', subject_type: 'vehicle'}) + '\n');
  run(['--db', db, 'ingest', path.join(dir, 'parkeren.jsonl')]);
}

const rows = (page) => page.$$eval('table.recert-items tbody tr', (trs) => trs.map((tr) => ({
  item: tr.querySelector('td.id').textContent.trim(),
  lastUse: tr.querySelector('td.last-use').textContent.trim(),
  decision: tr.querySelector('td.decision').textContent.trim(),
  reason: tr.querySelector('td.reason').textContent.trim(),
  person: tr.querySelector('td:nth-child(3), td a[href^="#/person/"]') ? tr.querySelector('a[href^="#/person/"]').textContent : '',
})));

async function main() {
  if (MOCK) {
    console.log('recert: the mock server has no campaigns; skipped');
    console.log('0 passed, 0 failed');
    return;
  }
  const server = await startServer(makeStore({actors: 60, days: 10, prepare: addRights}));
  const base = server.base;
  console.log(`server: ${base}`);
  const {browser, page} = await launch();
  const S = steps(page);
  let id;
  try {
    await S.step('recert 01 a senior analyst starts a campaign for parkeren owned by ana', async () => {
      await login(page, base, 'sen');
      const links = await page.$$eval('.topbar nav a', (as) => as.map((a) => a.textContent));
      assert(links.includes('Recertification'), 'the top bar links Recertification: ' + links);
      await go(page, base, 'recert');
      await page.waitForSelector('#start-campaign', {timeout: T});
      await page.select('#start-campaign select[name=scope]', 'system');
      await page.type('#start-campaign input[name=value]', SYSTEM);
      await page.type('#start-campaign input[name=owner]', 'ana');
      await page.$eval('#start-campaign input[name=due]', (i) => { i.value = '2099-12-31'; });
      await page.type('#start-campaign input[name=title]', 'Parking rights 2026');
      await page.click('#start-campaign button[type=submit]');
      await page.waitForFunction(() => /^#\/recert\/\d+$/.test(location.hash), {timeout: T});
      id = page.url().split('/').pop();
      await waitText(page, '#campaign-title', 'Parking rights 2026');
      await waitText(page, '#notice', '4 rights to review');
      const r = await rows(page);
      assert(r.length === 4, 'four review items: ' + r.length);
      assert(!(await page.$('button.keep')), 'the senior analyst is not the owner: no decision buttons');
      await waitText(page, 'main', 'Only the owner ana or an administrator decides');
      S.noErrors();
    });

    await S.step('recert 02 the owner sees the campaign in the list with its progress', async () => {
      await logout(page);
      await login(page, base, 'ana');
      await go(page, base, 'recert');
      await page.waitForSelector('table.campaigns tbody tr', {timeout: T});
      await waitText(page, 'table.campaigns', 'Parking rights 2026');
      await waitText(page, 'table.campaigns', '0 / 4');
      assert(!(await page.$('#start-campaign')), 'an analyst may not start campaigns: no form');
      S.noErrors();
    });

    await S.step('recert 03 the owner sees the items with their last use', async () => {
      await go(page, base, 'recert/' + id);
      const r = await rows(page);
      assert(r.length === 4, 'four items: ' + JSON.stringify(r));
      const used = r.filter((x) => x.lastUse !== 'never');
      assert(used.length === 1 && / UTC$/.test(used[0].lastUse), 'one right was used: ' + JSON.stringify(r));
      assert(r.every((x) => /^emp-/.test(x.person)), 'staff by pseudonym: ' + JSON.stringify(r));
      assert(await page.$('button.keep') && await page.$('#select-all'), 'the owner gets the decision controls');
      S.noErrors();
    });

    await S.step('recert 03b only the undecided items, after one is kept', async () => {
      const r = await rows(page);
      const usedAt = r.findIndex((x) => x.lastUse !== 'never') + 1;
      await page.click(`table.recert-items tbody tr:nth-child(${usedAt}) button.keep`);
      await waitText(page, '#notice', 'kept');
      await page.click('#show-undecided');
      await page.waitForFunction(() => location.hash.endsWith('?undecided=1') &&
        document.querySelectorAll('table.recert-items tbody tr').length === 3, {timeout: T});
      assert((await rows(page)).every((x) => x.lastUse === 'never' && x.decision === '—'), 'the three undecided');
      await page.click('#show-all');
      await page.waitForFunction(() => document.querySelectorAll('table.recert-items tbody tr').length === 4, {timeout: T});
      S.noErrors();
    });

    await S.step('recert 04 keep the used right, revoke one with a hostile reason', async () => {
      let r = await rows(page);
      const usedAt = r.findIndex((x) => x.lastUse !== 'never') + 1;
      await page.type(`table.recert-items tbody tr:nth-child(${usedAt}) input.reason-input`, 'daily permit work');
      await page.click(`table.recert-items tbody tr:nth-child(${usedAt}) button.keep`);
      await waitText(page, '#notice', 'kept');
      r = await rows(page);
      const other = r.findIndex((x) => x.lastUse === 'never') + 1;
      await page.click(`table.recert-items tbody tr:nth-child(${other}) button.revoke`);
      await waitText(page, '#recert-out', 'revoking a right needs a reason');
      // The refusal asked for: the browser logs its 400, not an error of the page.
      S.consoleErrors = S.consoleErrors.filter((e) => !/status of 400/.test(e));
      await page.type(`table.recert-items tbody tr:nth-child(${other}) input.reason-input`, XSS);
      await page.click(`table.recert-items tbody tr:nth-child(${other}) button.revoke`);
      await waitText(page, '#notice', 'revoked');
      r = await rows(page);
      assert(r.filter((x) => x.decision === 'keep').length === 1, 'one kept: ' + JSON.stringify(r));
      const revoked = r.filter((x) => x.decision === 'revoke');
      assert(revoked.length === 1 && revoked[0].reason === XSS, 'the reason shows as text: ' + JSON.stringify(revoked));
      assert(!(await page.$('table.recert-items td.reason img')), 'no <img> made of the reason');
      assert(await page.evaluate(() => window.__xss === undefined), 'the reason\'s markup never ran');
      S.noErrors();
    });

    await S.step('recert 05 bulk-revoke the rest', async () => {
      await page.click('#select-all');
      await page.select('#bulk-form select[name=decision]', 'revoke');
      await page.type('#bulk-form input[name=bulk-reason]', 'no longer needed after the reorganisation');
      await page.click('#bulk-apply');
      await waitText(page, '#notice', '2 items decided');
      const r = await rows(page);
      assert(r.filter((x) => x.decision === 'revoke').length === 3, 'three revoked: ' + JSON.stringify(r));
      await waitText(page, 'main', 'Kept / revoked / open');
      await waitText(page, 'main .fields', '1 / 3 / 0');
      S.noErrors();
    });

    await S.step('recert 06 close the campaign and export the revocation list', async () => {
      await page.click('#close-campaign');
      await waitText(page, '#notice', `Campaign ${id} closed`);
      assert(!(await page.$('button.keep')), 'a closed campaign takes no decisions');
      await page.click('#export-revocations');
      await page.waitForSelector('#export-csv', {timeout: T});
      const csv = await page.$eval('#export-csv', (e) => e.textContent);
      const lines = csv.trim().split('\n');
      assert(lines[0] === 'actor,system,right,granted,reason,decided_by,decided_at', 'the CSV header: ' + lines[0]);
      assert(lines.length === 4, 'three revoked rights: ' + csv);
      assert(lines.slice(1).every((l) => new RegExp(`^emp-[a-z0-9]{10},${SYSTEM},(view|export),2025-01-01,.*,ana,`).test(l)), 'the rows: ' + csv);
      assert(csv.includes(XSS), 'the reason as written: ' + csv);
      const a = await page.$eval('#download-csv', (e) => ({href: e.href, download: e.download}));
      assert(a.href.startsWith('blob:') && a.download === `revocations-campaign-${id}.csv`, 'a download: ' + JSON.stringify(a));
      assert(await page.evaluate(() => window.__xss === undefined), 'no markup ran');
      const api = await apiFetch(page, 'recert');
      const c = api.body.campaigns.find((x) => String(x.id) === id);
      assert(c.status === 'closed' && c.revoked === 3 && c.kept === 1, 'the campaign: ' + JSON.stringify(c));
      S.noErrors();
    });
  } finally {
    await stop(browser, server, S);
  }
  report('recert_test', server, S);
}

main().catch((e) => setupFailed('recert_test', S, e));
