// The workbench: one page, hash routes (#/queue, #/alert/A1, ...). Each
// route's page module renders into <main>; the top bar shows the account,
// its role, the links its role may use and logout.
import {h, clear, message} from './dom.js';
import * as api from './api.js';
import {destroyCharts} from './charts.js';
import {take} from './notice.js';
import {loginPage} from './pages/login.js';
import {queuePage} from './pages/queue.js';
import {alertPage} from './pages/alert.js';
import {dossiersPage, dossierPage, reportPage} from './pages/dossiers.js';
import {personPage, riskPage} from './pages/person.js';
import {subjectPage} from './pages/subject.js';
import {correlatePage, convergencePage} from './pages/correlate.js';
import {protocolPage} from './pages/protocol.js';
import {dashboardPage} from './pages/dashboard.js';
import {summaryPage} from './pages/summary.js';
import {suppressionsPage, rulesPage} from './pages/suppressions.js';
import {unmaskPage, auditPage, privacyPage} from './pages/privacy.js';
import {rightsPage} from './pages/rights.js';
import {functionsPage} from './pages/functions.js';
import {screeningPage} from './pages/screening.js';
import {recertPage, campaignPage} from './pages/recert.js';

// pattern, page, title; printable pages print without the navigation.
const ROUTES = [
  ['login', loginPage, 'Log in'],
  ['queue', queuePage, 'Alert queue'],
  ['alert/:id', alertPage, 'Alert'],
  ['dossiers', dossiersPage, 'Dossiers'],
  ['dossier/:id', dossierPage, 'Dossier'],
  ['dossier/:id/report', reportPage, 'Evidence report', true],
  ['risk', riskPage, 'Staff by risk'],
  ['person/:actor', personPage, 'Person'],
  ['subject', subjectPage, 'Subject'],
  ['correlate', correlatePage, 'Incident correlation'],
  ['convergence', convergencePage, 'Convergence groups'],
  ['protocol', protocolPage, 'Protocol letter', true],
  ['dashboard', dashboardPage, 'Dashboard'],
  ['summary/:month', summaryPage, 'Monthly summary', true],
  ['suppressions', suppressionsPage, 'Suppressions'],
  ['rules', rulesPage, 'Rules'],
  ['rights', rightsPage, 'Rights'],
  ['recert', recertPage, 'Recertification'],
  ['recert/:id', campaignPage, 'Recertification campaign'],
  ['unmask', unmaskPage, 'Unmasking'],
  ['audit', auditPage, 'Audit trail'],
  ['privacy', privacyPage, 'Privacy report'],
  ['functions', functionsPage, 'Functions by risk'],
  ['screening', screeningPage, 'Screening'],
];

// "#/alert/A%201?x=1" -> {parts: ['alert', 'A 1'], query: URLSearchParams}
function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, qs] = raw.split('?');
  const parts = path.split('/').filter((p) => p !== '').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch (e) {
      return p;
    }
  });
  return {parts, query: new URLSearchParams(qs || '')};
}

function match(parts) {
  for (const [pattern, page, title, printable] of ROUTES) {
    const pp = pattern.split('/');
    if (pp.length !== parts.length) continue;
    const params = {};
    let ok = true;
    pp.forEach((p, i) => {
      if (p.startsWith(':')) params[p.slice(1)] = parts[i];
      else if (p !== parts[i]) ok = false;
    });
    if (ok) return {page, title, printable: !!printable, params};
  }
  return null;
}

// Where a role starts: the queue for those who triage, else the first
// page it may use.
export function home() {
  if (api.may('alerts')) return 'queue';
  if (api.may('audit')) return 'audit';
  if (api.may('protocol')) return 'unmask';
  return 'dashboard';
}

export function go(route) {
  if (location.hash === '#/' + route) render();
  else location.hash = '#/' + route;
}

function navLinks(current) {
  const links = [
    ['queue', 'Queue', 'alerts'],
    ['dossiers', 'Dossiers', 'alerts'],
    ['risk', 'Risk', 'risk'],
    ['correlate', 'Correlate', 'correlate'],
    ['convergence', 'Convergence', 'convergence'],
    ['protocol', 'Protocol letter', 'protocol'],
    ['dashboard', 'Dashboard', null],
    ['functions', 'Functions', 'functions'],
    ['suppressions', 'Suppressions', 'alerts'],
    ['rules', 'Rules', 'rules'],
    ['rights', 'Rights', 'rights'],
    ['recert', 'Recertification', 'recert'],
    ['unmask', 'Unmasking', 'unmask'],
    ['audit', 'Audit trail', 'audit'],
    ['privacy', 'Privacy', 'privacy-report'],
    ['screening', 'Screening', 'screening'],
  ];
  return links
    .filter(([, , action]) => action === null || api.may(action))
    .map(([route, label]) =>
      // The letter from the menu asks for the citizen, whoever was open.
      h('li', {}, h('a', {href: '#/' + route + (route === 'protocol' ? '?ask=1' : ''),
        'aria-current': current === route ? 'page' : null}, label)));
}

function topBar(current) {
  const me = api.me();
  const bar = document.getElementById('topbar');
  clear(bar);
  bar.appendChild(h('a', {href: '#/' + (me ? home() : 'login'), class: 'brand'}, 'wachter'));
  if (!me) return;
  bar.appendChild(h('nav', {'aria-label': 'Main'}, h('ul', {}, navLinks(current))));
  bar.appendChild(h('div', {class: 'who'},
    h('span', {class: 'account', id: 'me-account'}, me.account),
    h('span', {class: 'role', id: 'me-role'}, me.role),
    h('button', {type: 'button', class: 'btn small', id: 'logout', onclick: async () => {
      await api.logout().catch(() => {});
      sessionStorage.clear(); // the citizen last open is not the next user's
      go('login');
    }}, 'Log out')));
}

let renderSeq = 0;

async function render() {
  const seq = ++renderSeq;
  const main = document.getElementById('main');
  const {parts, query} = parseHash();
  destroyCharts();
  if (api.me() === null) await api.loadMe().catch(() => null);
  if (seq !== renderSeq) return;
  let m = match(parts);
  if (!api.me() && (!m || m.page !== loginPage)) {
    const back = parts.length && parts[0] !== 'login' ? parts.map(encodeURIComponent).join('/') : '';
    location.replace('#/login' + (back ? '?next=' + encodeURIComponent(back) : ''));
    return;
  }
  if (!m && parts.length === 0) {
    location.replace('#/' + home());
    return;
  }
  document.body.classList.toggle('printable', !!(m && m.printable));
  topBar(parts[0]);
  clear(main);
  if (!m) {
    document.title = 'Not found · wachter';
    main.appendChild(h('h1', {}, 'Not found'));
    main.appendChild(message('error', 'There is no page at this address.'));
    return;
  }
  document.title = m.title + ' · wachter';
  main.setAttribute('aria-busy', 'true');
  const note = take();
  try {
    await m.page({main, params: m.params, query, go, home, render, isCurrent: () => seq === renderSeq});
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e.status === 401) {
      go('login');
      return;
    }
    main.appendChild(message('error', e.message || String(e)));
  } finally {
    main.removeAttribute('aria-busy');
  }
  if (seq === renderSeq && note) {
    const msg = message(note.kind, note.text);
    msg.id = 'notice';
    const h1 = main.querySelector('h1');
    const at = h1 && h1.parentElement.classList.contains('title-row') ? h1.parentElement : h1;
    if (at) at.after(msg);
    else main.prepend(msg);
  }
  if (seq === renderSeq) {
    const h1 = main.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      if (document.activeElement === document.body) h1.focus({preventScroll: true});
    }
  }
}

window.addEventListener('hashchange', render);
render();
