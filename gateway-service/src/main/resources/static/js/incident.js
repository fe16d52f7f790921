// One incident as governance and auditors see it, with the workflow's next steps for governance. Every step is an
// API call; the domain rules (409 for a step the status does not allow) are audit-service's, shown as they come.
'use strict';

const container = document.getElementById('incident');
const reference = Trust.param('ref');
const path = '/api/audit/incidents/' + encodeURIComponent(reference || '');
/** What audit-service accepts for a severity, an outcome and a regulator (from its OpenAPI document). */
const choices = {};

function facts(pairs) {
  return Trust.el('dl', {class: 'facts'}, pairs.filter(p => p[1] !== null && p[1] !== undefined && p[1] !== '')
      .map(([term, value]) => [Trust.el('dt', {text: term}), Trust.el('dd', {}, value)]));
}

const when = Trust.dateTime;

/** Everyone an incident names, by staff number. */
function numbersIn(i) {
  return [i.subjectStaffNumber, i.reportedBy, i.investigatorStaffNumber, i.outcome && i.outcome.decidedBy]
      .concat((i.reporterQuestions || []).map(q => q.askedBy))
      .concat((i.actions || []).map(a => a.ownerStaffNumber), (i.notes || []).map(n => n.by),
          (i.transitions || []).map(t => t.by), (i.appeals || []).map(a => a.by))
      .filter(Boolean).map(n => String(n).replace(/^staff:/, ''));
}

/** Whether the roster says this person has left the trust (the directory names leavers with active false). */
function hasLeft(number) {
  const person = names[String(number || '').replace(/^staff:/, '')];
  return !!person && person.active === false;
}

/** Shows the incident with the names of the people it names (one request for the numbers not known yet). */
async function show(i) {
  const unknown = numbersIn(i).filter(n => !names[n]);
  if (unknown.length) Object.assign(names, await Trust.names(unknown));
  render(i);
}

function evidence(e) {
  const safeUrl = e.kind === 'URL' && /^https?:\/\//i.test(e.reference);
  return Trust.el('li', {}, safeUrl ? Trust.el('a', {href: e.reference, rel: 'noopener noreferrer', target: '_blank', text: e.reference})
      : e.kind + ' ' + e.reference, e.note ? ' (' + e.note + ')' : '');
}

function snapshot(s) {
  if (!s) return null;
  const head = Trust.words(s.state) + (s.takenAt ? ', taken ' + when(s.takenAt) : '')
      + (s.compliant === true ? ': compliant' : s.compliant === false ? ': not compliant' : '');
  return [Trust.el('p', {text: head}), s.modules && s.modules.length ? Trust.el('table', {},
      Trust.el('thead', {}, Trust.el('tr', {}, ['Module', 'Status', 'Policy version', 'Completed', 'Expires'].map(h => Trust.el('th', {text: h})))),
      Trust.el('tbody', {}, s.modules.map(m => Trust.el('tr', {},
          Trust.el('td', {text: m.moduleCode + ' v' + m.moduleVersion}), Trust.el('td', {text: Trust.words(m.status)}),
          Trust.el('td', {text: m.policyVersion || '–'}), Trust.el('td', {text: Trust.date(m.completedAt) || '–'}),
          Trust.el('td', {text: Trust.date(m.expiresAt) || '–'}))))) : null];
}

function outcome(o) {
  return Trust.el('p', {}, Trust.el('strong', {text: Trust.words(o.type)}),
      o.regulator ? ' to the ' + Trust.words(o.regulator) : '', o.expiresOn ? ', expires ' + Trust.date(o.expiresOn) : '',
      ' (' + when(o.decidedAt) + ', ' + Trust.person(names, o.decidedBy) + '): ' + o.summary);
}

/**
 * A small form for one workflow step: its fields, a button, and the API call it makes. A step that cannot be undone
 * (an outcome, closing the case) names what will happen and asks for a confirmation before anything is sent.
 */
/**
 * Each step's Idempotency-Key (by its form's id, or an action's "Mark done"), the same for every sending of it until
 * that step is taken: a step sent again after its answer was lost is taken once (a note is not added twice), even
 * when another step redrew the page in between.
 */
const sendings = {};

function sendingFor(id) {
  return sendings[id] || (sendings[id] = {idempotencyKey: Trust.newKey()});
}

function step(id, title, fields, button, call, check) {
  const sending = sendingFor(id);
  const problem = Trust.el('div', {class: 'error', role: 'alert', hidden: true});
  const confirmBox = Trust.el('div', {class: 'notice confirm', role: 'group', 'aria-label': 'Check before you confirm', hidden: true});
  const form = Trust.el('form', {id}, Trust.el('h4', {text: title}), fields, problem, confirmBox,
      Trust.el('button', {type: 'submit', text: button}));
  const send = async () => {
    form.querySelectorAll('button').forEach(b => { b.disabled = true; });
    try {
      const changed = await call(form, sending);
      delete sendings[id]; // taken: the next one is another step
      await show(changed);
      Trust.announce(title + ': done.');
    } catch (error) {
      if (error.keyReused) sending.idempotencyKey = Trust.newKey();
      problem.textContent = error.keyReused
        ? 'This step had been taken before you changed the form (reload the page to see it), so the changed one was '
          + 'not. Send it again to take it as a step of its own.'
        : error.message;
      problem.hidden = false;
      confirmBox.hidden = true;
      form.querySelectorAll('button').forEach(b => { b.disabled = false; });
    }
  };
  form.addEventListener('submit', event => {
    event.preventDefault();
    problem.hidden = true;
    if (!check) {
      send();
      return;
    }
    const yes = Trust.el('button', {type: 'button', 'data-confirm': id, text: 'Yes, ' + button.charAt(0).toLowerCase() + button.slice(1)});
    const no = Trust.el('button', {type: 'button', class: 'secondary', text: 'Go back'});
    yes.addEventListener('click', send);
    no.addEventListener('click', () => { confirmBox.hidden = true; form.querySelector('button[type="submit"]').focus(); });
    Trust.fill(confirmBox, Trust.el('p', {text: check(form) + ' This cannot be undone.'}), yes, ' ', no);
    confirmBox.hidden = false;
    yes.focus();
  });
  return form;
}

function input(name, label, attributes) {
  return Trust.el('label', {}, label + ' ', Trust.el(attributes && attributes.rows ? 'textarea' : 'input', Object.assign({name}, attributes || {})));
}

function select(name, label, values, optional, required) {
  return Trust.el('label', {}, label + ' ', Trust.el('select', {name, required: !!required},
      optional ? Trust.el('option', {value: '', text: optional}) : null,
      values.map(v => Trust.el('option', {value: v, text: Trust.words(v)}))));
}

function value(form, name) {
  const v = form.elements[name].value.trim();
  return v === '' ? null : v;
}

function steps(i) {
  const post = (suffix, body, sending) => Trust.api('POST', path + suffix, body, sending);
  const forms = [];
  if (i.status === 'REPORTED') {
    forms.push(step('triage', 'Triage', select('severity', 'Severity', choices.severities, 'keep ' + Trust.words(i.severity)), 'Triage',
        (f, s) => post('/triage', {severity: value(f, 'severity')}, s)));
  }
  if (i.status === 'TRIAGED' || i.status === 'UNDER_INVESTIGATION') {
    forms.push(step('assign', 'Investigator', Trust.colleaguePicker('staffNumber', 'Who investigates'),
        'Assign', (f, s) => post('/investigator', {staffNumber: value(f, 'staffNumber')}, s)));
  }
  if (i.status === 'TRIAGED') {
    forms.push(step('investigate', 'Investigation', [], 'Start the investigation', (f, s) => post('/investigation', undefined, s)));
  }
  if (i.status !== 'CLOSED') {
    forms.push(step('note', 'Investigation note', input('text', 'Note', {required: true, rows: 3, cols: 60, maxlength: 10000}), 'Add the note',
        (f, s) => post('/notes', {text: value(f, 'text')}, s)));
    forms.push(step('action', 'Action', [input('description', 'What', {required: true, size: 50}),
      Trust.colleaguePicker('ownerStaffNumber', 'Who owns it'),
      input('dueOn', 'Due', {required: true, type: 'date'})], 'Add the action',
        (f, s) => post('/actions', {description: value(f, 'description'), ownerStaffNumber: value(f, 'ownerStaffNumber'), dueOn: value(f, 'dueOn')}, s)));
  }
  if (i.status === 'UNDER_INVESTIGATION') {
    forms.push(step('record-outcome', 'Outcome', [select('type', 'Outcome', choices.outcomes, 'Choose the outcome…', true),
      input('summary', 'Summary', {required: true, rows: 3, cols: 60, maxlength: 5000}),
      input('expiresOn', 'Expires on (warnings)', {type: 'date'}),
      select('regulator', 'Regulator (referrals)', choices.regulators, 'none')], 'Record the outcome',
        (f, s) => post('/outcome', {type: value(f, 'type'), summary: value(f, 'summary'), expiresOn: value(f, 'expiresOn'), regulator: value(f, 'regulator')}, s),
        f => 'You are recording the outcome "' + Trust.words(value(f, 'type')) + '" for ' + i.reference + '; the subject and governance will see it.'));
  }
  if (i.status === 'OUTCOME_RECORDED') {
    forms.push(step('close', 'Close', [], 'Close the case', (f, s) => post('/close', undefined, s),
        () => 'You are closing ' + i.reference + ' with its outcome as recorded; after this only an appeal reopens it.'));
  }
  if (i.confidential && i.status !== 'CLOSED') {
    forms.push(step('ask-reporter', 'Ask the reporter', input('question', 'Question', {required: true, rows: 3, cols: 60, maxlength: 5000}),
        'Ask', (f, s) => post('/reporter-questions', {question: value(f, 'question')}, s)));
    forms.push(step('malicious', 'Close as malicious', input('reason', 'Why', {required: true, rows: 3, cols: 60, maxlength: 5000}),
        'Close as malicious', (f, s) => post('/malicious', {reason: value(f, 'reason')}, s),
        () => 'You are closing ' + i.reference + ' as a malicious report, without an outcome for the subject; its receipt code will stop working.'));
  }
  if (i.status === 'CLOSED' && !i.closedAsMalicious) {
    forms.push(step('appeal', 'Appeal', input('reason', 'Reason', {required: true, rows: 3, cols: 60, maxlength: 5000}), 'Record the appeal',
        (f, s) => post('/appeal', {reason: value(f, 'reason')}, s)));
  }
  return Trust.el('section', {id: 'steps'}, Trust.el('h3', {text: 'Next steps'}), forms);
}

function actionRow(i, a) {
  const done = a.doneAt ? 'done ' + Trust.date(a.doneAt) : Trust.el('button', {type: 'button', class: 'secondary', 'data-action': a.id, text: 'Mark done'});
  if (!a.doneAt) {
    const marking = sendingFor('done-' + a.id);
    done.addEventListener('click', async () => {
      try {
        await show(await Trust.api('POST', path + '/actions/' + encodeURIComponent(a.id) + '/done', undefined, marking));
      } catch (error) {
        Trust.showError(container, error);
      }
    });
  }
  return Trust.el('tr', {}, Trust.el('td', {text: a.description}),
      Trust.el('td', {text: Trust.person(names, a.ownerStaffNumber) + (!a.doneAt && hasLeft(a.ownerStaffNumber) ? ' (has left the trust)' : '')}),
      Trust.el('td', {text: Trust.date(a.dueOn)}), Trust.el('td', {}, done));
}

let governance = false;

/** Where the case stands as a record: a legal hold on it, or the disposal list it is on (governance and auditors). */
let standing = null;

function recordNotice() {
  if (!standing) return null;
  const lines = [];
  for (const h of standing.heldBy || []) {
    lines.push('Under legal hold ' + h.id + ' (' + h.externalReference + '): it will not be disposed of while the hold stands.');
  }
  if (standing.onList) {
    lines.push('On disposal list ' + standing.onList.id + ' (' + Trust.words(standing.onList.state).toLowerCase()
        + '): its retention has ended.');
  }
  if (lines.length === 0) return null;
  return Trust.el('div', {class: 'notice', id: 'record-standing'},
      lines.map(l => Trust.el('p', {text: l})), Trust.el('p', {}, Trust.el('a', {href: '/records.html', text: 'Records and retention'})));
}

let names = {};

/** Who read this case (its subject and governance see it; anyone else is refused and sees nothing of it). */
let views = null;

const ROUTES = {PAGE: 'a page', API: 'the API'};

function viewsSection() {
  if (!views) return null;
  const rows = views.content;
  return [Trust.el('h3', {text: 'Who has viewed this case'}), rows.length === 0
      ? Trust.el('p', {class: 'muted', text: 'No one but you yet.'})
      : Trust.el('table', {id: 'case-views'},
          Trust.el('caption', {class: 'muted', text: views.page && views.page.totalElements > rows.length
              ? 'The latest ' + rows.length + ' of ' + views.page.totalElements : 'Every read and every refused attempt'}),
          Trust.el('thead', {}, Trust.el('tr', {}, ['When', 'Who', 'Role', 'Department', 'What', 'Through', ''].map(h => Trust.el('th', {text: h})))),
          Trust.el('tbody', {}, rows.map(v => Trust.el('tr', {},
              Trust.el('td', {text: Trust.readAt(v)}),
              Trust.el('td', {text: v.viewer ? Trust.person(names, v.viewer) : '–'}),
              Trust.el('td', {text: Trust.roleName(v.viewerRole) || '–'}),
              Trust.el('td', {text: v.viewerDepartment || '–'}),
              Trust.el('td', {text: Trust.words(v.what)}),
              Trust.el('td', {text: ROUTES[v.route] || v.route}),
              Trust.el('td', {text: v.outcome === 'REFUSED' ? 'Refused' : 'Read'})))))];
}

/** What the subject of a case sees of it: what they are said to have done, where it stands, and who has read it. */
function renderForSubject(i) {
  Trust.fill(container,
      Trust.el('h1', {text: i.reference + ': ' + Trust.words(i.category)}),
      Trust.el('p', {}, Trust.el('span', {class: 'status', id: 'incident-status', text: Trust.words(i.status)})),
      Trust.el('p', {text: 'This is a concern raised about you. You see what it is about, where it stands and its '
          + 'outcome; who raised it, what they wrote and the investigation\'s notes are not shown to you.'}),
      facts([['Where', Trust.words(i.platform)], ['Happened', when(i.occurredAt)]]),
      Trust.el('h3', {text: 'Clauses of the policy it concerns'}),
      Trust.el('ul', {id: 'breached-clauses'}, i.breachedClauses.map(c => Trust.el('li', {},
          Trust.el('a', {href: Trust.policyLink(c.policyCode, c.policyVersion, c.clauseNumber),
            text: c.policyCode + ' v' + c.policyVersion + ' clause ' + c.clauseNumber}), c.heading ? ': ' + c.heading : ''))),
      i.outcome ? [Trust.el('h3', {text: 'Outcome'}), Trust.el('div', {id: 'outcome'}, Trust.el('p', {},
          Trust.el('strong', {text: Trust.words(i.outcome.type)}), i.outcome.expiresOn ? ', expires ' + Trust.date(i.outcome.expiresOn) : '',
          ' (' + when(i.outcome.decidedAt) + '): ' + i.outcome.summary))] : [],
      i.appeals && i.appeals.length ? [Trust.el('h3', {text: 'Appeals'}), Trust.el('ul', {}, i.appeals.map(a => Trust.el('li', {text: when(a.at) + ': ' + a.reason})))] : [],
      viewsSection());
}

function render(i) {
  if (!i.transitions) {
    renderForSubject(i);
    return;
  }
  const who = ref => Trust.person(names, ref);
  Trust.fill(container,
      Trust.el('h1', {text: i.reference + ': ' + Trust.words(i.category)}),
      Trust.el('p', {}, Trust.el('span', {class: 'status', id: 'incident-status', text: Trust.words(i.status)})),
      recordNotice(),
      facts([['Subject', who(i.subjectStaffNumber) + (i.subjectDepartment ? ', ' + i.subjectDepartment : '')],
        ['Reported by', i.confidential ? 'Confidential: the platform does not know who' : who(i.reportedBy)], ['Occurred', when(i.occurredAt)], ['Reported', when(i.reportedAt)],
        ['Platform', Trust.words(i.platform)], ['Severity', Trust.words(i.severity)],
        ['Investigator', who(i.investigatorStaffNumber) + (i.status !== 'CLOSED' && hasLeft(i.investigatorStaffNumber)
            ? ' (has left the trust: assign another investigator)' : '')]]),
      i.closedAsMalicious ? Trust.el('div', {class: 'notice', id: 'closed-as-malicious'},
          Trust.el('p', {text: 'Closed as a malicious report: ' + i.closedAsMalicious})) : null,
      Trust.el('h3', {text: 'What happened'}), Trust.el('p', {class: 'description', text: i.description}),
      i.evidence && i.evidence.length ? [Trust.el('h3', {text: 'Evidence'}), Trust.el('ul', {}, i.evidence.map(evidence))] : [],
      Trust.el('h3', {text: 'Breached clauses'}),
      Trust.el('ul', {id: 'breached-clauses'}, i.breachedClauses.map(c => Trust.el('li', {},
          Trust.el('a', {href: Trust.policyLink(c.policyCode, c.policyVersion, c.clauseNumber),
            text: c.policyCode + ' v' + c.policyVersion + ' clause ' + c.clauseNumber}), c.heading ? ': ' + c.heading : ''))),
      Trust.el('h3', {text: 'Training when reported'}), snapshot(i.trainingSnapshot),
      i.outcome ? [Trust.el('h3', {text: 'Outcome'}), Trust.el('div', {id: 'outcome'}, outcome(i.outcome))] : [],
      i.earlierOutcomes && i.earlierOutcomes.length ? [Trust.el('h3', {text: 'Earlier outcomes (before an appeal)'}), i.earlierOutcomes.map(outcome)] : [],
      i.appeals && i.appeals.length ? [Trust.el('h3', {text: 'Appeals'}), Trust.el('ul', {}, i.appeals.map(a => Trust.el('li', {text: when(a.at) + ', ' + who(a.by) + ': ' + a.reason})))] : [],
      i.actions && i.actions.length ? [Trust.el('h3', {text: 'Actions'}), Trust.el('table', {id: 'actions'},
          Trust.el('thead', {}, Trust.el('tr', {}, ['What', 'Owner', 'Due', ''].map(h => Trust.el('th', {text: h})))),
          Trust.el('tbody', {}, i.actions.map(a => actionRow(i, a))))] : [],
      i.confidential ? [Trust.el('h3', {text: 'Questions to the reporter'}), i.reporterQuestions.length
          ? Trust.el('ol', {id: 'reporter-questions'}, i.reporterQuestions.map(q => Trust.el('li', {},
              Trust.el('p', {text: when(q.askedAt) + ', ' + who(q.askedBy) + ': ' + q.question}),
              Trust.el('p', {text: q.answer ? 'Answer (' + when(q.answeredAt) + '): ' + q.answer : 'Not answered yet.'}))))
          : Trust.el('p', {class: 'muted', text: 'None asked. The reporter sees questions, and answers, with their receipt code.'})] : [],
      i.notes && i.notes.length ? [Trust.el('h3', {text: 'Notes'}), Trust.el('ul', {id: 'notes'}, i.notes.map(n => Trust.el('li', {text: when(n.at) + ', ' + who(n.by) + ': ' + n.text})))] : [],
      viewsSection(),
      Trust.el('h3', {text: 'History'}),
      Trust.el('ol', {id: 'history'}, i.transitions.map(t => Trust.el('li', {text: when(t.at) + ': ' + (t.from ? Trust.words(t.from) + ' → ' : '') + Trust.words(t.to) + ' (' + who(t.by) + ')'}))),
      governance ? steps(i) : Trust.el('p', {class: 'muted', text: 'Read only: the workflow is governance\'s.'}));
}

(async () => {
  Trust.header();
  const me = await Trust.me();
  governance = Trust.hasRole(me, 'governance');
  // Governance and auditors work and read every case; anyone else opening this page is its subject.
  const trustWide = Trust.hasRole(me, 'governance', 'auditor');
  try {
    if (trustWide) {
      [choices.severities, choices.outcomes, choices.regulators] = await Promise.all([
        Trust.choices('audit', 'TriageRequest', 'severity'), Trust.choices('audit', 'OutcomeRequest', 'type'),
        Trust.choices('audit', 'OutcomeRequest', 'regulator')]);
    }
    const [incident, recordStanding, seen] = await Promise.allSettled([Trust.api('GET', path),
      trustWide ? Trust.api('GET', '/api/audit/retention/records/conduct-case/' + encodeURIComponent(reference || '')) : Promise.resolve(null),
      Trust.api('GET', path + '/views?size=50')]);
    if (incident.status === 'rejected') throw incident.reason;
    standing = recordStanding.status === 'fulfilled' ? recordStanding.value : null;
    views = seen.status === 'fulfilled' ? seen.value : null;
    if (views) names = Object.assign(names, await Trust.names(views.content.map(v => String(v.viewer || '').replace(/^staff:/, ''))));
    await show(incident.value);
  } catch (error) {
    Trust.showError(container, error);
  }
})();
