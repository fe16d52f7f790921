// Transfers and exemptions: governance records one (for another member to approve), and approves or refuses what
// others recorded or HR sent. training-service enforces every rule (its 400, 403 and 409 show on the forms).
'use strict';

const form = document.getElementById('override');
const problem = document.getElementById('override-error');
let me = null;
let names = {};

function kindOf(o) {
  return o.kind === 'TRANSFERRED'
      ? 'Completed at ' + o.sourceOrganisation + ' on ' + Trust.date(o.earnedOn)
      : 'Exempt until ' + Trust.date(o.expiresOn) + ': ' + o.reason;
}

function recorder(o) {
  return o.origin === 'HR' ? 'the HR system' : Trust.person(names, o.recordedBy);
}

function awaitingRow(o) {
  const error = Trust.el('div', {class: 'error', role: 'alert', hidden: true});
  const own = o.recordedBy === 'staff:' + me.staffNumber;
  // No one decides on their own training either (the service answers 403).
  const ownTraining = o.staffNumber === me.staffNumber;
  const approve = Trust.el('button', {type: 'button', 'data-approve': o.id, text: 'Approve', disabled: own});
  const refuse = Trust.el('button', {type: 'button', class: 'secondary', 'data-refuse': o.id, text: 'Refuse', disabled: own});
  const why = Trust.el('input', {name: 'why', maxlength: 2000, size: 30, 'aria-label': 'Why it is refused'});
  const decide = async (suffix, body) => {
    error.hidden = true;
    try {
      await Trust.api('POST', '/api/training/overrides/' + encodeURIComponent(o.id) + suffix, body);
      Trust.announce('Done.');
      await load();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  };
  approve.addEventListener('click', () => decide('/approval'));
  refuse.addEventListener('click', () => decide('/refusal', {reason: why.value}));
  return Trust.el('tr', {'data-override': o.id},
      Trust.el('td', {text: Trust.person(names, o.staffNumber)}), Trust.el('td', {text: o.moduleCode}),
      Trust.el('td', {text: kindOf(o)}), Trust.el('td', {text: o.evidenceReference}),
      Trust.el('td', {text: recorder(o) + ', ' + Trust.dateTime(o.recordedAt)}),
      Trust.el('td', {}, own ? Trust.el('p', {class: 'muted', text: 'You recorded it: another member decides.'})
          : ownTraining ? Trust.el('p', {class: 'muted', text: 'It is of your own training: another member decides.'})
          : [approve, ' ', refuse, ' ', why], error));
}

async function load() {
  const all = await Trust.api('GET', '/api/training/overrides');
  const numbers = all.flatMap(o => [o.staffNumber, String(o.recordedBy || '').replace(/^staff:/, ''),
    String(o.decidedBy || '').replace(/^staff:/, '')]);
  Object.assign(names, await Trust.names(numbers));
  const awaiting = all.filter(o => o.status === 'AWAITING_APPROVAL');
  const decided = all.filter(o => o.status !== 'AWAITING_APPROVAL');
  Trust.fill(document.getElementById('awaiting'), awaiting.length === 0 ? Trust.el('p', {text: 'Nothing awaits approval.'})
      : Trust.el('table', {id: 'awaiting-list'},
          Trust.el('thead', {}, Trust.el('tr', {}, ['Who', 'Module', 'What', 'Evidence', 'Recorded by', ''].map(h => Trust.el('th', {text: h})))),
          Trust.el('tbody', {}, awaiting.map(awaitingRow))));
  Trust.fill(document.getElementById('decided'), decided.length === 0 ? Trust.el('p', {text: 'None yet.'})
      : Trust.el('table', {id: 'decided-list'},
          Trust.el('thead', {}, Trust.el('tr', {}, ['Who', 'Module', 'What', 'Decision'].map(h => Trust.el('th', {text: h})))),
          Trust.el('tbody', {}, decided.map(o => Trust.el('tr', {'data-override': o.id},
              Trust.el('td', {text: Trust.person(names, o.staffNumber)}), Trust.el('td', {text: o.moduleCode}),
              Trust.el('td', {text: kindOf(o)}),
              Trust.el('td', {text: (o.status === 'APPROVED' ? 'Approved, counts until ' + Trust.date(o.expiresAt)
                  : 'Refused: ' + o.refusal) + ' (' + Trust.person(names, o.decidedBy) + ')'}))))));
}

function showKind() {
  const transferred = form.elements.kind.value === 'TRANSFERRED';
  document.getElementById('transferred-fields').hidden = !transferred;
  document.getElementById('exempt-fields').hidden = transferred;
}

form.addEventListener('change', showKind);
form.addEventListener('submit', async event => {
  event.preventDefault();
  problem.hidden = true;
  if (!form.elements.person.value) {
    problem.textContent = 'Choose who it is for: type their name and pick them from the list.';
    problem.hidden = false;
    return;
  }
  const transferred = form.elements.kind.value === 'TRANSFERRED';
  const value = id => document.getElementById(id).value.trim() || null;
  const body = {staffNumber: form.elements.person.value, moduleCode: value('module'), kind: form.elements.kind.value,
    evidenceReference: value('evidence')};
  if (transferred) Object.assign(body, {sourceOrganisation: value('source'), earnedOn: value('earned')});
  else Object.assign(body, {reason: value('reason'), expiresOn: value('until')});
  try {
    await Trust.api('POST', '/api/training/overrides', body);
    form.reset();
    showKind();
    Trust.announce('Recorded: another member of the governance team approves it.');
    await load();
  } catch (error) {
    problem.textContent = error.message;
    problem.hidden = false;
  }
});

(async () => {
  Trust.header();
  try {
    me = await Trust.me();
    document.getElementById('who').append(Trust.colleaguePicker('person', 'Their name',
        'Type at least two letters of their name, then choose them from the list.'));
    const published = await Trust.api('GET', '/api/training/modules');
    document.getElementById('module').replaceChildren(Trust.el('option', {value: '', text: 'Choose the module…'}),
        ...published.map(m => Trust.el('option', {value: m.code, text: m.title + ' (' + m.code + ')'})));
    await load();
  } catch (error) {
    Trust.showError(document.getElementById('awaiting'), error);
  }
})();
