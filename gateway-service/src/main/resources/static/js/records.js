// Governance and auditors: the retention schedule, disposal lists (reviewed by one member of governance, approved by
// another), legal holds (placed by one, lifted by two) and the disposal records. Auditors read; governance acts; the
// service refuses what a role may not do, so the page only spares people buttons that would be refused.
'use strict';

const STATES = {AWAITING_REVIEW: 'Awaiting review', AWAITING_APPROVAL: 'Awaiting approval', APPROVED: 'Being destroyed',
  DONE: 'Done', PROPOSED: 'Proposed', KEPT: 'Kept back', PENDING: 'To be destroyed', DESTROYING: 'Being destroyed now',
  HELD: 'Held', DISPOSED: 'Destroyed',
  ACTIVE: 'Active', LIFT_REQUESTED: 'Lifting asked for', LIFTED: 'Lifted'};

function state(s) {
  return Trust.el('strong', {class: 'tag tag-grey', text: STATES[s] || Trust.words(s)});
}

function who(actor) {
  return actor === 'automatic' ? 'automatic (the trust\'s setting)' : (actor || '').replace('staff:', 'staff number ');
}

async function schedule() {
  const box = document.getElementById('schedule');
  try {
    const rules = (await Trust.api('GET', '/api/audit/retention')).rules;
    Trust.fill(box, Trust.el('table', {id: 'retention-rules', class: 'responsive'},
        Trust.el('thead', {}, Trust.el('tr', {}, ['Class', 'What it is', 'Kept for', 'From', 'Then', 'Source']
            .map(h => Trust.el('th', {scope: 'col', text: h})))),
        Trust.el('tbody', {}, rules.map(r => Trust.el('tr', {'data-class': r.recordClass},
            Trust.el('td', {'data-label': 'Class', text: Trust.words(r.recordClass.replaceAll('-', '_'))}),
            Trust.el('td', {'data-label': 'What it is', text: r.description}),
            Trust.el('td', {'data-label': 'Kept for', text: Trust.period(r.period)}),
            Trust.el('td', {'data-label': 'From', text: Trust.words(r.startsAt.replaceAll('-', '_'))}),
            Trust.el('td', {'data-label': 'Then', text: (r.action === 'DESTROY' ? 'Destroy' : 'Review')
                + (r.automatic ? ', automatically' : ', once approved')}),
            Trust.el('td', {'data-label': 'Source', text: r.source}))))));
    for (const id of ['hold-record-class', 'standing-class']) {
      Trust.fill(document.getElementById(id),
          rules.map(r => Trust.el('option', {value: r.recordClass, text: Trust.words(r.recordClass.replaceAll('-', '_'))})));
    }
  } catch (e) {
    Trust.showError(box, e);
  }
}

// When a list's still-employed answers were taken: audit-service asks training-service again each time a list still
// to be decided is read, and says the listing's answer when it could not.
function employedWhen(list) {
  return list.employmentAsOf && list.employmentAsOf !== list.proposedAt
    ? 'as of ' + Trust.dateTime(list.employmentAsOf)
    : 'when the list was made';
}

function itemRows(list, reviewing) {
  return list.items.map((item, i) => Trust.el('tr', {'data-item': String(i), 'data-reference': item.reference},
      Trust.el('td', {'data-label': 'Class', text: Trust.words(item.recordClass.replaceAll('-', '_'))}),
      Trust.el('td', {'data-label': 'Record'}, item.reference,
          item.stillEmployed ? [' ', Trust.el('strong', {class: 'tag tag-yellow still-employed',
            text: item.recordClass === 'staff-record' ? 'Employed again' : 'Still employed',
            title: (item.recordClass === 'staff-record' ? 'Employed again ' : 'Still employed ') + employedWhen(list)})] : null),
      Trust.el('td', {'data-label': 'Retention started', text: Trust.date(item.startedAt)}),
      Trust.el('td', {'data-label': 'Period ended', text: Trust.date(item.periodEnded)}),
      Trust.el('td', {'data-label': 'Rule', text: item.rule}),
      Trust.el('td', {'data-label': 'State'}, state(item.state), item.note ? ' ' + item.note : null),
      reviewing ? Trust.el('td', {'data-label': 'Keep back'},
          Trust.el('label', {class: 'inline', for: 'keep-' + list.id + '-' + i},
              Trust.el('input', {type: 'checkbox', id: 'keep-' + list.id + '-' + i, name: 'keep', value: String(i)}),
              ' Keep back'),
          Trust.el('label', {class: 'visually-hidden', for: 'why-' + list.id + '-' + i, text: 'Why item ' + (i + 1) + ' is kept back'}),
          Trust.el('input', {type: 'text', id: 'why-' + list.id + '-' + i, name: 'why-' + i, maxlength: '500',
            placeholder: 'Why (required when kept back)'})) : null));
}

function listView(list, me) {
  const governance = Trust.hasRole(me, 'governance');
  const reviewing = governance && list.state === 'AWAITING_REVIEW';
  const approving = governance && list.state === 'AWAITING_APPROVAL';
  const message = Trust.el('div', {class: 'error', role: 'alert', hidden: true});
  const table = Trust.el('table', {class: 'responsive disposal-items'},
      Trust.el('thead', {}, Trust.el('tr', {}, ['Class', 'Record', 'Retention started', 'Period ended', 'Rule', 'State']
          .concat(reviewing ? ['Keep back'] : []).map(h => Trust.el('th', {scope: 'col', text: h})))),
      Trust.el('tbody', {}, itemRows(list, reviewing)));
  // A training record is listed ten years after its latest completion, which can be someone who still works here:
  // the list says so, so that the reviewer can keep it back (their training is kept again from their next completion).
  // A leaver's roster record whose person HR has rehired since is a current employee's: the disposal job keeps it.
  const employedIn = recordClass => (list.items || [])
      .map((item, i) => item.state === 'PROPOSED' && item.stillEmployed && item.recordClass === recordClass ? i + 1 : 0)
      .filter(n => n > 0);
  const employed = employedIn('training-record');
  const rehired = employedIn('staff-record');
  const items = places => (places.length === 1 ? 'Item ' : 'Items ') + places.join(', ')
      + (places.length === 1 ? ' belongs to someone' : ' belong to people');
  const employedHint = employed.length
      ? Trust.el('p', {class: 'hint still-employed-hint', text: items(employed) + ' still employed ' + employedWhen(list)
          + ': their training record reached the end of its retention ten years after their latest completion.'
          + ' Keep it back if the trust still needs it; once destroyed, their training is kept again from their next'
          + ' completion.'})
      : null;
  const rehiredHint = rehired.length
      ? Trust.el('p', {class: 'hint rehired-hint', text: items(rehired) + ' employed again since they left, '
          + employedWhen(list) + ': a current employee\'s roster record is not destroyed, even on an approved list.'})
      : null;
  const actions = [];
  // Items still to be decided that name the signed-in member: audit-service refuses their review or approval (403),
  // as no one decides on their own records; the page says so before they try.
  const own = (list.items || []).map((item, i) => item.state === 'PROPOSED' && (item.people || []).includes(me.staffNumber) ? i + 1 : 0)
      .filter(n => n > 0);
  const ownHint = own.length && (reviewing || approving)
      ? Trust.el('p', {class: 'hint own-records', text: 'This list has records about you (item' + (own.length === 1 ? ' ' : 's ')
          + own.join(', ') + '): other members of governance review and approve it.'})
      : null;
  if (reviewing) {
    const button = Trust.el('button', {type: 'button', class: 'review', text: 'Reviewed: pass to a second member for approval',
      disabled: own.length > 0});
    button.addEventListener('click', async () => {
      const keep = {};
      for (const box of table.querySelectorAll('input[name=keep]:checked')) {
        keep[box.value] = table.querySelector('[name=why-' + box.value + ']').value.trim() || 'kept back on review';
      }
      await act(message, () => Trust.api('POST', '/api/audit/retention/disposals/' + encodeURIComponent(list.id) + '/review', {keep}));
    });
    actions.push(button, ownHint);
  }
  if (approving) {
    const mine = list.reviewedBy === 'staff:' + me.staffNumber;
    const button = Trust.el('button', {type: 'button', class: 'approve', text: 'Approve and destroy', disabled: mine || own.length > 0});
    button.addEventListener('click', () => act(message,
        () => Trust.api('POST', '/api/audit/retention/disposals/' + encodeURIComponent(list.id) + '/approve')));
    actions.push(button, mine ? Trust.el('p', {class: 'hint', text: 'You reviewed this list: a second member of governance approves it.'}) : ownHint);
  }
  return Trust.el('article', {class: 'disposal-list', 'data-list': list.id},
      Trust.el('h3', {}, list.id + ' ', state(list.state)),
      Trust.el('p', {text: 'Proposed ' + Trust.dateTime(list.proposedAt)
          + (list.reviewedBy ? '; reviewed by ' + who(list.reviewedBy) : '')
          + (list.approvedBy ? '; approved by ' + who(list.approvedBy) : '')}),
      employedHint, rehiredHint, table, actions, message);
}

async function act(message, call) {
  message.hidden = true;
  try {
    await call();
    Trust.announce('Done.');
    await show();
  } catch (e) {
    message.hidden = false;
    Trust.fill(message, Trust.el('p', {text: e.message}));
  }
}

async function disposals(me) {
  const box = document.getElementById('disposals');
  const disposed = document.getElementById('disposed');
  try {
    const lists = (await Trust.api('GET', '/api/audit/retention/disposals')).lists;
    const open = lists.filter(l => l.state !== 'DONE');
    Trust.fill(box, open.length === 0
        ? Trust.el('p', {id: 'no-disposals', text: 'No list is waiting: nothing has reached the end of its retention since the last one.'})
        : open.map(l => listView(l, me)));
    const records = lists.flatMap(l => l.items.filter(i => i.state === 'DISPOSED').map(i => [l, i]));
    Trust.fill(disposed, records.length === 0
        ? Trust.el('p', {text: 'Nothing has been destroyed yet.'})
        : Trust.el('table', {id: 'disposal-records', class: 'responsive'},
            Trust.el('thead', {}, Trust.el('tr', {}, ['Class', 'Record', 'Rule', 'Period ended', 'List', 'Reviewed by', 'Approved by']
                .map(h => Trust.el('th', {scope: 'col', text: h})))),
            Trust.el('tbody', {}, records.map(([l, i]) => Trust.el('tr', {},
                Trust.el('td', {'data-label': 'Class', text: Trust.words(i.recordClass.replaceAll('-', '_'))}),
                Trust.el('td', {'data-label': 'Record', text: i.reference}),
                Trust.el('td', {'data-label': 'Rule', text: i.rule}),
                Trust.el('td', {'data-label': 'Period ended', text: Trust.date(i.periodEnded)}),
                Trust.el('td', {'data-label': 'List', text: l.id}),
                Trust.el('td', {'data-label': 'Reviewed by', text: who(l.reviewedBy)}),
                Trust.el('td', {'data-label': 'Approved by', text: who(l.approvedBy)}))))));
  } catch (e) {
    Trust.showError(box, e);
    disposed.replaceChildren();
  }
}

function scopeText(scope) {
  switch (scope.kind) {
    case 'PERSON': return 'Staff number ' + scope.staffNumber;
    case 'INCIDENT': return 'Incident ' + scope.reference;
    default: return Trust.words(scope.recordClass.replaceAll('-', '_')) + ' records whose retention started '
        + Trust.date(scope.from) + ' to ' + Trust.date(scope.to);
  }
}

async function holds(me) {
  const box = document.getElementById('holds');
  const governance = Trust.hasRole(me, 'governance');
  try {
    const all = (await Trust.api('GET', '/api/audit/retention/holds')).holds;
    const message = Trust.el('div', {class: 'error', role: 'alert', hidden: true});
    Trust.fill(box, all.length === 0 ? Trust.el('p', {id: 'no-holds', text: 'No legal hold has been placed.'}) : [
      Trust.el('table', {id: 'hold-list', class: 'responsive'},
          Trust.el('thead', {}, Trust.el('tr', {}, ['Hold', 'Holds', 'Reason', 'For', 'Placed', 'State', '']
              .map(h => Trust.el('th', {scope: 'col', text: h})))),
          Trust.el('tbody', {}, all.map(h => {
            let action = null;
            // A hold on one's own records is lifted by others (the service answers 403).
            const onMe = h.scope.kind === 'PERSON' && h.scope.staffNumber === me.staffNumber;
            if (governance && onMe && h.state !== 'LIFTED') {
              action = Trust.el('p', {class: 'muted', text: 'On your own records: other members lift it.'});
            } else if (governance && h.state === 'ACTIVE') {
              action = Trust.el('button', {type: 'button', class: 'secondary ask-lift', text: 'Ask to lift'});
              action.addEventListener('click', () => {
                const reason = window.prompt('Why should hold ' + h.id + ' be lifted?');
                if (reason) act(message, () => Trust.api('POST', '/api/audit/retention/holds/' + encodeURIComponent(h.id) + '/lift-request', {reason}));
              });
            } else if (governance && h.state === 'LIFT_REQUESTED') {
              const mine = h.liftRequestedBy === 'staff:' + me.staffNumber;
              action = Trust.el('button', {type: 'button', class: 'confirm-lift', text: 'Confirm lifting', disabled: mine});
              action.addEventListener('click', () => act(message,
                  () => Trust.api('POST', '/api/audit/retention/holds/' + encodeURIComponent(h.id) + '/lift')));
            }
            return Trust.el('tr', {'data-hold': h.id},
                Trust.el('td', {'data-label': 'Hold', text: h.id}),
                Trust.el('td', {'data-label': 'Holds', text: scopeText(h.scope)}),
                Trust.el('td', {'data-label': 'Reason', text: h.reason}),
                Trust.el('td', {'data-label': 'For', text: h.externalReference}),
                Trust.el('td', {'data-label': 'Placed', text: Trust.date(h.placedAt) + ' by ' + who(h.placedBy)}),
                Trust.el('td', {'data-label': 'State'}, state(h.state),
                    h.state === 'LIFT_REQUESTED' ? ' (' + h.liftReason + '; a second member confirms)' : null),
                Trust.el('td', {'data-label': 'Action'}, action));
          }))),
      message]);
    document.getElementById('place-hold').hidden = !governance;
  } catch (e) {
    Trust.showError(box, e);
  }
}

function kindChanged() {
  const kind = document.getElementById('hold-kind').value;
  document.getElementById('hold-person').hidden = kind !== 'PERSON';
  document.getElementById('hold-incident').hidden = kind !== 'INCIDENT';
  document.getElementById('hold-class').hidden = kind !== 'RECORD_CLASS';
}

document.getElementById('hold-kind').addEventListener('change', kindChanged);
// The hold's Idempotency-Key, the same for every sending of what is on the form: placed again after its answer was
// lost, it is placed once. A new key once it is placed.
let holdKey = Trust.newKey();
document.getElementById('place-hold').addEventListener('submit', async event => {
  event.preventDefault();
  const f = event.target.elements;
  const error = document.getElementById('hold-error');
  const kind = f.kind.value;
  const scope = {kind};
  if (kind === 'PERSON') scope.staffNumber = f.staffNumber.value.trim();
  if (kind === 'INCIDENT') scope.reference = f.reference.value.trim().toUpperCase();
  if (kind === 'RECORD_CLASS') Object.assign(scope, {recordClass: f.recordClass.value, from: f.from.value || null, to: f.to.value || null});
  error.hidden = true;
  try {
    const placed = await Trust.api('POST', '/api/audit/retention/holds',
        {scope, reason: f.reason.value.trim(), externalReference: f.externalReference.value.trim()},
        {idempotencyKey: holdKey});
    holdKey = Trust.newKey();
    event.target.reset();
    kindChanged();
    const late = placed.beingDestroyed || [];
    if (late.length > 0) {
      // The hold is placed, but a disposal run had already begun destroying these: say so where it was placed.
      error.hidden = false;
      Trust.fill(error, [Trust.el('p', {text: 'The hold is placed, but these records were already being destroyed '
          + 'when it was, and it may not keep them whole:'}),
        Trust.el('ul', {}, late.map(item => Trust.el('li', {text: item})))]);
    }
    Trust.announce(late.length > 0 ? 'The hold is placed; some records were already being destroyed.' : 'The hold is placed.');
    await show();
  } catch (e) {
    error.hidden = false;
    if (e.keyReused) holdKey = Trust.newKey();
    Trust.fill(error, Trust.el('p', {text: e.keyReused
      ? 'The hold had been placed before you changed the form (it is listed below), so the changed one was not '
        + 'placed. Place it again to add it as a hold of its own.'
      : e.message}));
  }
});

document.getElementById('propose').addEventListener('click', async () => {
  const box = document.getElementById('disposals');
  try {
    await Trust.api('POST', '/api/audit/retention/disposals/proposals');
    Trust.announce('Listed.');
    await show();
  } catch (e) {
    Trust.showError(box, e);
  }
});

// One record's own view: its rule, when its retention ends, the holds that keep it and the list it is on. The page's
// address names it (records.html?class=training-record&record=10000001), so it can be linked and bookmarked.
async function standing(recordClass, reference) {
  const box = document.getElementById('standing');
  Trust.fill(box, Trust.el('p', {text: 'Loading…'}));
  try {
    const s = await Trust.api('GET', '/api/audit/retention/records/' + encodeURIComponent(recordClass) + '/'
        + encodeURIComponent(reference));
    const lines = [
      Trust.el('p', {}, Trust.el('strong', {text: Trust.words(recordClass.replaceAll('-', '_')) + ' ' + reference})),
      Trust.el('p', {text: 'Kept under: ' + s.rule.recordClass + ', ' + Trust.period(s.rule.period) + ' from '
          + Trust.words(s.rule.startsAt.replaceAll('-', '_')).toLowerCase() + '.'}),
      Trust.el('p', {text: s.retentionEnds
          ? 'Its retention started on ' + Trust.date(s.retentionStarted) + ' and ends on ' + Trust.date(s.retentionEnds) + '.'
          : 'Its retention has not started: ' + Trust.words(s.rule.startsAt.replaceAll('-', '_')).toLowerCase()
            + ' has not happened yet.'})];
    for (const h of s.heldBy || []) {
      lines.push(Trust.el('p', {class: 'held', text: 'Under legal hold ' + h.id + ' (' + h.externalReference + ', '
          + (STATES[h.state] || h.state).toLowerCase() + '): it will not be disposed of while the hold stands.'}));
    }
    if (s.stillEmployed) {
      lines.push(Trust.el('p', {class: 'still-employed', text: 'Staff number ' + reference + ' is still employed (on the'
          + ' roster and active).'}));
    }
    if (s.onList) {
      lines.push(Trust.el('p', {text: 'On disposal list ' + s.onList.id + ' (' + (STATES[s.onList.state] || s.onList.state)
          .toLowerCase() + '; this record: ' + (STATES[s.onList.itemState] || s.onList.itemState).toLowerCase() + ').'}));
    }
    Trust.fill(box, Trust.el('div', {class: 'notice', id: 'record-standing'}, lines));
  } catch (e) {
    Trust.showError(box, e);
  }
}

document.getElementById('find-record').addEventListener('submit', async event => {
  event.preventDefault();
  const recordClass = event.target.recordClass.value;
  const reference = event.target.reference.value.trim();
  history.replaceState(null, '', '?class=' + encodeURIComponent(recordClass) + '&record=' + encodeURIComponent(reference));
  await standing(recordClass, reference);
});

async function show() {
  const me = await Trust.me();
  document.getElementById('propose-now').hidden = !Trust.hasRole(me, 'governance');
  await Promise.all([disposals(me), holds(me)]);
}

Trust.header();
schedule().then(() => {
  const asked = new URLSearchParams(location.search);
  if (asked.get('class') && asked.get('record')) {
    document.getElementById('standing-class').value = asked.get('class');
    document.getElementById('standing-reference').value = asked.get('record');
    standing(asked.get('class'), asked.get('record'));
  }
});
show();
