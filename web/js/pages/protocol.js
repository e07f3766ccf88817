// The citizen's protocol letter (protocolleringsoverzicht), in Dutch: the
// period and every access with date, unit, system, purpose and the kind
// of case that explains it. No employee identity and no internal case
// number (the server leaves them out; this page shows nothing else).
import {h, table, field, link, text, currentSubject, openSubject} from '../dom.js';
import * as api from '../api.js';

function datum(v) {
  if (v === null || v === undefined || v === '') return '';
  const d = typeof v === 'number' ? new Date(v) : new Date(String(v));
  if (Number.isNaN(d.getTime())) return String(v);
  return d.toLocaleDateString('nl-NL', {day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'});
}

// Without a subject: ask for the citizen's number.
function askSubject(main, go) {
  const subj = h('input', {name: 'subject', required: true, size: 16, autocomplete: 'off'});
  main.append(h('h1', {}, 'Protocol letter'),
    h('p', {class: 'lead'}, 'The overview a citizen may ask for: every access to their record, in Dutch, without any employee\'s identity.'),
    h('form', {class: 'inline', onsubmit: (ev) => {
      ev.preventDefault();
      if (subj.value.trim()) openSubject(subj.value.trim(), 'protocol');
    }}, field('Citizen (subject number)', subj), h('button', {type: 'submit', class: 'btn primary'}, 'Make the letter')));
}

export async function protocolPage({main, query, go}) {
  const subject = currentSubject();
  if (!subject || query.get('ask')) {
    askSubject(main, go);
    return;
  }
  const from = h('input', {type: 'date', name: 'from', value: query.get('from') || ''});
  const to = h('input', {type: 'date', name: 'to', value: query.get('to') || ''});
  const data = await api.post('protocol', {subject, from: from.value, to: to.value});
  const rows = data.rows || [];
  main.append(
    h('div', {class: 'noprint toolbar'},
      link(['subject', subject], '‹ Subject'),
      h('form', {class: 'inline', onsubmit: (ev) => {
        ev.preventDefault();
        const q = new URLSearchParams();
        if (from.value) q.set('from', from.value);
        if (to.value) q.set('to', to.value);
        go('protocol' + (q.toString() ? '?' + q : ''));
      }}, field('Van', from), field('Tot en met', to), h('button', {type: 'submit', class: 'btn'}, 'Periode tonen')),
      h('button', {type: 'button', class: 'btn primary', onclick: () => window.print()}, 'Afdrukken')),
    h('article', {class: 'letter', lang: 'nl'},
      h('p', {class: 'letter-date'}, datum(Date.now())),
      h('p', {}, 'Betreft: overzicht van de raadplegingen van uw gegevens'),
      h('h1', {}, 'Protocolleringsoverzicht'),
      h('p', {}, 'Geachte heer, mevrouw,'),
      h('p', {}, 'U heeft gevraagd wie uw gegevens heeft geraadpleegd. Hieronder staat elke raadpleging van uw gegevens ',
        'in de periode van ', h('strong', {id: 'letter-from'}, datum(data.from) || 'het begin van de registratie'),
        ' tot en met ', h('strong', {id: 'letter-to'}, datum(data.to) || 'vandaag'),
        ': de datum, de afdeling, het systeem, het doel en de zaak of grondslag waarvoor dat gebeurde. ',
        'Namen van medewerkers worden niet vermeld.'),
      table([
        {label: 'Datum', get: (r) => datum(r.date), class: 'nowrap'},
        {label: 'Afdeling', get: (r) => r.unit},
        {label: 'Systeem', get: (r) => r.system},
        {label: 'Doel', get: (r) => r.purpose},
        {label: 'Zaak / grondslag', get: (r) => text(r.explained_by) || 'zonder zaak'},
      ], rows, {class: 'protocol', empty: 'In deze periode zijn uw gegevens niet geraadpleegd.'}),
      h('p', {}, `Totaal: ${rows.length} ${rows.length === 1 ? 'raadpleging' : 'raadplegingen'}.`),
      h('p', {}, 'Heeft u vragen over dit overzicht, of denkt u dat uw gegevens zonder reden zijn ingezien? ',
        'Neem dan contact op met de functionaris gegevensbescherming.'),
      h('p', {class: 'signature'}, 'Met vriendelijke groet,', h('br'), 'de functionaris gegevensbescherming')));
}
