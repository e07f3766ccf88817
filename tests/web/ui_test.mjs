// Browser test of the workbench: headless Debian chromium driven by
// puppeteer-core, against a real `wachter serve` on a demo store made for
// the test ($WACHTER), or against tests/web/mock_server.mjs (WEB_MOCK=1).
// Each step asserts what is on the page; screenshots and the printed PDFs
// go to tests/web/out/. Ends with "N passed, N failed"; exit 1 on a failure.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {OUT, MOCK, T, run, makeStore, startServer, steps, launch, assert, textOf, waitText, go,
  openSubject, login, logout, apiFetch, stop, report, setupFailed} from './harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const XSS_QUERY = '<script>window.__xss=1</script>';
const XSS_KIND = '<img src=x onerror=window.__xss=3>';

// The demo store with one look-up whose query holds markup that an
// incident (whose kind holds an <img onerror>) turns into an alert.
function addHostile(db, dir) {
  const lines = fs.readFileSync(path.join(dir, 'demo', 'events.jsonl'), 'utf8').trim().split('\n');
  const last = JSON.parse(lines[lines.length - 1]);
  const lastMs = Date.parse(last.ts);
  const hostile = {id: 'webtest-xss-1', ts: new Date(lastMs - 2 * 36e5).toISOString(), actor: last.actor, system: 'brp',
    action: 'search', subject: '900000001', subject_type: 'person', query: XSS_QUERY, results: 3, client: 'ws-0001'};
  fs.writeFileSync(path.join(dir, 'xss.jsonl'), JSON.stringify(hostile) + '\n');
  run(['--db', db, 'ingest', path.join(dir, 'xss.jsonl')]);
  run(['--db', db, 'incident', 'add', '--id', 'INC-WEBTEST', '--subject', '900000001',
    '--ts', new Date(lastMs - 36e5).toISOString(), '--kind', XSS_KIND]);
}

let S = {passed: 0, failed: 0};
const ctx = {};
const step = (page, name, fn) => S.step(name, fn);

function pdfPages(buf) {
  return (buf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
}

async function main() {
  const server = await startServer(MOCK ? null : makeStore({prepare: addHostile}));
  const base = server.base;
  console.log(`server: ${base}${MOCK ? ' (mock)' : ''}`);
  const {browser, page} = await launch();
  S = steps(page);
  const noErrors = S.noErrors;

  try {
    await step(page, '00 the pages hold no inline script or style and never parse data as HTML', async () => {
      const web = path.resolve(HERE, '../../web');
      const files = [];
      const walk = (d) => fs.readdirSync(d, {withFileTypes: true}).forEach((e) =>
        e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.join(d, e.name)));
      walk(web);
      for (const f of files.filter((x) => /\.(js|html)$/.test(x))) {
        const src = fs.readFileSync(f, 'utf8');
        const bad = /\.innerHTML|outerHTML|insertAdjacentHTML|document\.write|\.style\.|setAttribute\(\s*['"]style|\beval\(|new Function/.exec(src);
        assert(!bad, `${path.relative(web, f)} uses ${bad && bad[0]}`);
      }
      const html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
      assert(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'index.html has an inline <script>');
      assert(!/style=|<style/.test(html), 'index.html has an inline style');
    });

    await step(page, '01 login as analyst', async () => {
      await page.goto(base + '#/queue', {waitUntil: 'domcontentloaded'});
      await page.waitForSelector('form.login', {timeout: T});
      assert(page.url().includes('#/login'), 'not logged in, the queue should send to #/login: ' + page.url());
      await page.type('input[name=account]', 'ana');
      await page.type('input[name=password]', 'wrong-password');
      await page.click('form.login button[type=submit]');
      await waitText(page, 'form.login .msg.error', 'Wrong account or password');
      await login(page, base, 'ana');
      assert((await textOf(page, '#me-role')) === 'analyst', 'the top bar should show the role analyst');
      const links = await page.$$eval('.topbar nav a', (as) => as.map((a) => a.textContent));
      assert(links.includes('Queue') && links.includes('Dossiers'), 'the top bar should link the queue and dossiers: ' + links);
      assert(!links.includes('Audit trail'), 'an analyst must not get the audit trail link');
      const r = await apiFetch(page, 'audit');
      assert(r.status === 403, `GET audit as an analyst should be 403, is ${r.status}`);
      noErrors();
    });

    await step(page, '02 the queue', async () => {
      await go(page, base, 'queue');
      await page.waitForSelector('table.queue tbody tr', {timeout: T});
      const counts = await page.$$eval('.counts .n', (ns) => ns.map((n) => [n.dataset.status, Number(n.textContent)]));
      assert(counts.length === 5 && counts.find(([s]) => s === 'new')[1] > 0, 'counts per status with some new: ' + JSON.stringify(counts));
      const scores = await page.$$eval('table.queue tbody tr td:nth-child(3)', (tds) => tds.map((t) => Number(t.textContent)));
      assert(scores.length > 1, 'the queue should list alerts');
      assert(scores.every((s, i) => i === 0 || scores[i - 1] >= s), 'sorted by risk: ' + scores.slice(0, 10));
      ctx.topId = await textOf(page, 'table.queue tbody tr a.alert-id');
      assert(/\S/.test(ctx.topId), 'the alert id is shown');
      // filter by severity: every row shown has it
      await page.select('select[name=severity]', 'high');
      await page.click('form.filters button[type=submit]');
      await page.waitForFunction(() => location.hash.includes('severity=high'), {timeout: T});
      await page.waitForSelector('table.queue, p.empty', {timeout: T});
      const sevs = await page.$$eval('table.queue tbody tr td:nth-child(4)', (tds) => tds.map((t) => t.textContent.trim()));
      assert(sevs.every((s) => s === 'high' || s === 'critical'), 'severity filter (high or above): ' + sevs);
      noErrors();
    });

    await step(page, '03 open the top alert', async () => {
      await go(page, base, 'queue');
      await page.waitForSelector('table.queue tbody tr a.alert-id', {timeout: T});
      await page.click('table.queue tbody tr a.alert-id');
      await waitText(page, '#alert-id', ctx.topId);
      await waitText(page, '#alert-status', 'new');
      ctx.actor = await textOf(page, 'dl.fields a[href^="#/person/"]');
      assert(/^emp-/.test(ctx.actor) || MOCK, 'staff appear by pseudonym: ' + ctx.actor);
      const subj = await page.$('table.events a[href="#/subject"]');
      ctx.subject = subj ? await subj.evaluate((a) => a.textContent) : '900000001';
      await waitText(page, 'main', 'Same rule, same person');
      await waitText(page, 'main', 'Same subject');
      noErrors();
    });

    await step(page, '04 assign, note and close the alert', async () => {
      await page.$eval('input[name=assignee]', (i) => (i.value = ''));
      await page.type('input[name=assignee]', 'ana');
      await page.click('#do-assign');
      await waitText(page, '#alert-assignee', 'ana');
      const note = XSS_QUERY + ' phoned the team lead';
      await page.type('form.note-form textarea', note);
      await page.click('form.note-form button[type=submit]');
      await waitText(page, '#alert-notes', note);
      await page.select('select[name=disposition]', 'benign');
      await page.click('#do-close');
      await waitText(page, '#alert-status', 'closed');
      await waitText(page, '#alert-disposition', 'benign');
      await waitText(page, '#notice', 'Closed as benign');
      assert(await page.$('#do-reopen'), 'a closed alert offers Reopen');
      assert(await page.evaluate(() => window.__xss === undefined), 'a note with <script> must not run');
      noErrors();
    });

    await step(page, '05 request an unmasking', async () => {
      await go(page, base, 'unmask');
      await page.type('input[name=pseudonym]', ctx.actor);
      await page.type('input[name=about]', ctx.topId);
      await page.type('textarea[name=reason]', 'Alert ' + ctx.topId + ': need to call the employee');
      await page.click('#unmask-form button[type=submit]');
      await waitText(page, 'table.unmask', 'pending');
      await waitText(page, 'table.unmask', ctx.actor);
      assert(!(await page.$('button[data-approve]')), 'an analyst may not approve');
      noErrors();
    });

    await step(page, '06 approve it as a senior analyst', async () => {
      await logout(page);
      await login(page, base, 'sen');
      await go(page, base, 'unmask');
      await page.waitForSelector('button[data-approve]', {timeout: T});
      await page.click('button[data-approve]');
      await waitText(page, 'table.unmask', 'approved');
      noErrors();
    });

    await step(page, '07 bulk assign in the queue', async () => {
      await go(page, base, 'queue');
      await page.waitForSelector('table.queue tbody tr input.pick', {timeout: T});
      const picks = await page.$$('table.queue tbody tr input.pick');
      await picks[0].click();
      await picks[1].click();
      await waitText(page, 'form.bulk .nsel', '2 selected');
      await page.type('input[name=bulk-assignee]', 'sen');
      await page.click('#bulk-assign');
      await waitText(page, '#notice', 'Assigned to sen: 2 changed');
      noErrors();
    });

    await step(page, '07b suppress a pattern, then end it', async () => {
      await go(page, base, 'suppressions');
      const until = new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10);
      await page.type('input[name=rule]', 'volume');
      await page.select('select[name=scope]', 'actor');
      await page.type('input[name=value]', ctx.actor);
      await page.type('input[name=reason]', 'nightly batch account, known to the team');
      await page.$eval('input[name=until]', (i, v) => (i.value = v), until);
      await page.click('form.stack button[type=submit]');
      await waitText(page, 'table.data', 'nightly batch account, known to the team');
      await page.waitForSelector('table.data button.end', {timeout: T});
      await page.click('table.data button.end');
      await page.waitForFunction(() => !document.querySelector('table.data button.end'), {timeout: T});
      await go(page, base, 'rules');
      await waitText(page, 'main', 'Effectiveness per rule');
      await waitText(page, 'main', 'Precision');
      noErrors();
    });

    await step(page, '08 the dashboard draws its charts', async () => {
      await go(page, base, 'dashboard');
      await page.waitForFunction(() => document.querySelectorAll('figure.chart canvas').length >= 4 &&
        [...document.querySelectorAll('figure.chart canvas')].every((c) => c.width > 0), {timeout: T});
      await new Promise((r) => setTimeout(r, 300));
      await waitText(page, 'main', 'Alerts per day by rule');
      await waitText(page, 'main', 'Ingest');
      assert(await page.evaluate(() => typeof window.Chart === 'function'), 'Chart.js is loaded from /static/chart.js');
      noErrors();
    });

    await step(page, '08b the monthly summary prints', async () => {
      await page.click('a[href^="#/summary/"]');
      await waitText(page, 'main h1', 'summary for');
      const pdf = Buffer.from(await page.pdf({format: 'A4'}));
      fs.writeFileSync(path.join(OUT, 'monthly-summary.pdf'), pdf);
      assert(pdf.subarray(0, 5).toString() === '%PDF-', 'the summary prints');
      assert(!(await page.$('main .msg.error')), 'no error on the summary');
      noErrors();
    });

    await step(page, '09 open a dossier as investigator', async () => {
      await logout(page);
      await login(page, base, 'inv');
      await go(page, base, 'alert/' + encodeURIComponent(ctx.topId));
      await page.waitForSelector('#do-dossier', {timeout: T});
      ctx.title = '<img src=x onerror=window.__xss=4> unexplained look-ups';
      await page.type('input[name=title]', ctx.title);
      await page.click('#do-dossier');
      await page.waitForSelector('dl.fields a[href^="#/dossier/"]', {timeout: T});
      await page.click('dl.fields a[href^="#/dossier/"]');
      await waitText(page, '#dossier-title', ctx.title);
      await waitText(page, 'main', ctx.topId);
      noErrors();
    });

    await step(page, '10 print the evidence report', async () => {
      await page.click('#open-report');
      await page.waitForSelector('article.report', {timeout: T});
      await waitText(page, 'article.report', 'Evidence report');
      await waitText(page, 'article.report', ctx.topId);
      await waitText(page, 'article.report', 'Timeline of look-ups');
      const pdf = Buffer.from(await page.pdf({format: 'A4', printBackground: true}));
      fs.writeFileSync(path.join(OUT, 'dossier-report.pdf'), pdf);
      assert(pdf.subarray(0, 5).toString() === '%PDF-', 'page.pdf gives a PDF');
      const pages = pdfPages(pdf);
      assert(pages > 1 || pdf.length > 10240, `the report is more than one page or 10 KB (${pages} pages, ${pdf.length} bytes)`);
      await page.emulateMediaType('print');
      const navShown = await page.$eval('#topbar', (e) => getComputedStyle(e).display !== 'none');
      await page.emulateMediaType(null);
      assert(!navShown, 'the navigation is not printed');
      assert(await page.evaluate(() => window.__xss === undefined), 'a dossier title with <img onerror> must not run');
      noErrors();
    });

    await step(page, '11 the protocol letter', async () => {
      await openSubject(page, base, ctx.subject, 'protocol');
      await waitText(page, 'article.letter h1', 'Protocolleringsoverzicht');
      const heads = await page.$$eval('article.letter th', (ths) => ths.map((t) => t.textContent));
      assert(['Datum', 'Afdeling', 'Systeem', 'Doel', 'Zaak / grondslag'].every((x) => heads.includes(x)) ||
        (await page.$('article.letter p.empty')), 'the letter lists datum, afdeling, systeem, doel, zaak: ' + heads);
      const letter = await textOf(page, 'article.letter');
      assert(!/emp-[a-z0-9]{10}/.test(letter), 'the letter names no employee');
      const pdf = Buffer.from(await page.pdf({format: 'A4'}));
      fs.writeFileSync(path.join(OUT, 'protocol-letter.pdf'), pdf);
      assert(pdf.subarray(0, 5).toString() === '%PDF-', 'the letter prints');
      noErrors();
    });

    await step(page, '12 a person\'s page', async () => {
      await go(page, base, 'person/' + encodeURIComponent(ctx.actor));
      await waitText(page, 'main h1', ctx.actor);
      await page.waitForSelector('table.timeline, p.empty', {timeout: T});
      await page.click('#f-unexplained');
      await page.waitForFunction(() => location.hash.includes('unexplained=1'), {timeout: T});
      await page.waitForSelector('#f-unexplained:checked', {timeout: T});
      // A page of the timeline and the one before it, as "Older look-ups"
      // asks for it: up to the end of the oldest one's second, so the
      // pages meet at that look-up, none between them skipped.
      if (!MOCK) {
        const tl = `people/${encodeURIComponent(ctx.actor)}/timeline`;
        const first = await apiFetch(page, `${tl}?newest=5`);
        const acc1 = first.body.events.filter((e) => e.type === 'access');
        assert(acc1.length === 5 && first.body.total > 5, 'a page of 5 of ' + first.body.total);
        const to = Date.parse(acc1[0].ts) + 999;
        const second = await apiFetch(page, `${tl}?newest=5&to=${to}`);
        const acc2 = second.body.events.filter((e) => e.type === 'access');
        assert(acc2.some((e) => e.event === acc1[0].event), 'the older page ends at the oldest look-up shown');
        assert(second.body.total < first.body.total, 'the older page counts fewer look-ups');
      }
      noErrors();
    });

    await step(page, '12a the investigator\'s other pages', async () => {
      for (const [route, heading] of [['risk', 'Staff by risk'], [null, 'Subject'],
        ['convergence', 'Convergence groups'], ['dossiers', 'Dossiers'], ['rules', 'Rules']]) {
        if (route === null) await openSubject(page, base, ctx.subject);
        else await go(page, base, route);
        await waitText(page, 'main h1', heading);
        const err = await page.$eval('main', (m) => (m.querySelector('.msg.error') || {}).textContent || '');
        assert(!err, `#/${route || 'subject'} shows an error: ${err}`);
        await page.screenshot({path: path.join(OUT, '12a-' + (route || 'subject') + '.png'), fullPage: true});
      }
      noErrors();
    });

    // web.correlate-bad-line: a pasted incident that is not "subject,time"
    // is refused in the page, naming its line; nothing is sent.
    await step(page, '12b incident correlation', async () => {
      await go(page, base, 'correlate');
      await page.type('textarea[name=incidents]', ctx.subject + ',2026-09-10T10:00:00Z\nnot an incident');
      await page.click('form.stack button[type=submit]');
      await waitText(page, '#correlate-out', 'Line 2 is not "subject,time"');
      await page.$eval('textarea[name=incidents]', (t) => (t.value = ''));
      await page.type('textarea[name=incidents]', ctx.subject + ',2026-09-10T10:00:00Z');
      await page.click('form.stack button[type=submit]');
      await page.waitForSelector('#correlate-out table, #correlate-out p.empty', {timeout: T});
      noErrors();
    });

    // web.markup-in-field: markup an insider typed (a query, an incident's
    // kind in a reason, a note, a dossier title) shows as text and never runs.
    await step(page, '13 markup in a query shows as text', async () => {
      const list = await apiFetch(page, 'alerts?status=all&rule=incident&limit=500');
      assert(list.status === 200, 'GET alerts: ' + list.status);
      for (const a of list.body.alerts) {
        const d = await apiFetch(page, 'alerts/' + encodeURIComponent(a.id));
        if ((d.body.alert.events || []).some((e) => String(e.query || '').includes('<script>'))) {
          ctx.xssId = a.id;
          break;
        }
      }
      assert(ctx.xssId, 'an alert whose event query holds <script>');
      await go(page, base, 'alert/' + encodeURIComponent(ctx.xssId));
      await waitText(page, 'table.events', XSS_QUERY);
      const reason = await textOf(page, '#alert-reason');
      assert(reason.includes('<img'), 'the reason with <img onerror> shows as text: ' + reason);
      const injected = await page.evaluate(() => document.querySelectorAll('#main script, #main img').length);
      assert(injected === 0, 'no <script> or <img> element came from the data');
      await new Promise((r) => setTimeout(r, 300));
      assert(await page.evaluate(() => window.__xss === undefined), 'window.__xss stays undefined');
      noErrors();
    });

    await step(page, '14 the audit trail for the privacy officer and the auditor', async () => {
      await logout(page);
      await login(page, base, 'pri');
      const links = await page.$$eval('.topbar nav a', (as) => as.map((a) => a.textContent));
      assert(links.includes('Audit trail'), 'the privacy officer gets the audit trail link: ' + links);
      assert(links.includes('Protocol letter'), 'the privacy officer gets the protocol letter link: ' + links);
      await page.click('.topbar nav a[href="#/protocol?ask=1"]');
      await page.waitForSelector('input[name=subject]', {timeout: T});
      await page.type('input[name=subject]', ctx.subject);
      await page.keyboard.press('Enter');
      await waitText(page, 'main h1', 'Protocolleringsoverzicht');
      await go(page, base, 'audit');
      await waitText(page, 'main', 'intact');
      await page.waitForSelector('table.audit tbody tr', {timeout: T});
      await go(page, base, 'privacy');
      await waitText(page, 'main h1', 'Privacy report');
      assert(!(await page.$('main .msg.error')), 'the privacy report shows without an error');
      await waitText(page, 'main', 'staff register');
      await page.screenshot({path: path.join(OUT, '14a-the-privacy-report.png'), fullPage: true});
      await go(page, base, 'unmask');
      await waitText(page, 'table.unmask', 'approved');
      await logout(page);
      await login(page, base, 'aud');
      await page.waitForFunction(() => location.hash === '#/audit', {timeout: T});
      await waitText(page, 'main h1', 'Audit trail');
      const audLinks = await page.$$eval('.topbar nav a', (as) => as.map((a) => a.textContent));
      assert(!audLinks.includes('Queue'), 'an auditor gets no queue link: ' + audLinks);
      noErrors();
    });
  } finally {
    await stop(browser, server, S);
  }
  report('ui_test', server, S);
}

main().catch((e) => setupFailed('ui_test', S, e));
