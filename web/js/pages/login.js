import {h, field, message} from '../dom.js';
import * as api from '../api.js';

export async function loginPage({main, query, go, home}) {
  const account = h('input', {name: 'account', autocomplete: 'username', required: true, autofocus: true});
  const password = h('input', {name: 'password', type: 'password', autocomplete: 'current-password', required: true});
  const out = h('div', {'aria-live': 'polite'});
  const form = h('form', {class: 'login', onsubmit: async (ev) => {
    ev.preventDefault();
    out.replaceChildren();
    try {
      await api.login(account.value.trim(), password.value);
      const next = query.get('next');
      go(next && /^[A-Za-z0-9%/_.-]+$/.test(next) ? next : home());
    } catch (e) {
      password.value = '';
      out.appendChild(message('error', e.status === 429 ?
        'Too many failed attempts: wait a few minutes and try again.' :
        e.status === 401 ? 'Wrong account or password, or the account is disabled.' : e.message));
    }
  }},
  field('Account', account), field('Password', password),
  h('button', {type: 'submit', class: 'btn primary'}, 'Log in'), out);
  main.append(h('div', {class: 'login-box'},
    h('h1', {}, 'Log in to the workbench'),
    h('p', {class: 'lead'}, 'Protective monitoring: alerts, dossiers and investigations. Every page you open is recorded in the audit trail.'),
    form));
  if (api.me()) go(home());
}
