// Any member of staff may report a concern. They choose the policy in force, then its clauses (one request for the
// chosen policy's published version); audit-service checks them again and refuses unknown ones.
'use strict';

const form = document.getElementById('concern');
const problem = document.getElementById('form-error');

/** Fills a drop-down with the values audit-service accepts for that field of a report. */
async function options(field) {
  const values = await Trust.choices('audit', 'IncidentRequest', field);
  document.getElementById(field).replaceChildren(Trust.el('option', {value: '', text: 'Choose…'}),
      ...values.map(value => Trust.el('option', {value, text: Trust.words(value)})));
}

/** The policies in force to choose from (one or two requests, whatever their number). */
async function loadPolicies() {
  const select = document.getElementById('policy');
  const inForce = (await Trust.allPolicies()).filter(p => p.publishedVersion && p.status !== 'RETIRED');
  select.replaceChildren(Trust.el('option', {value: '', text: 'Choose the policy…'}),
      ...inForce.map(p => Trust.el('option', {value: p.code, text: p.title + ' (' + p.code + ')'})));
  if (inForce.length === 1) {
    select.value = inForce[0].code;
    await loadClauses();
  }
}

/** The clauses of the chosen policy's version in force: one request when a policy is chosen. */
async function loadClauses() {
  const box = document.getElementById('clause-list');
  const code = document.getElementById('policy').value;
  if (!code) {
    box.replaceChildren();
    return;
  }
  box.replaceChildren(Trust.el('p', {text: 'Loading the clauses…'}));
  // Moving through the list with the arrow keys chooses each policy on the way: an answer for one that is no longer
  // chosen (which may come after the chosen one's) is dropped, so the clauses shown are always the chosen policy's.
  const stillChosen = () => document.getElementById('policy').value === code;
  try {
    const v = await Trust.api('GET', '/api/policy/policies/' + encodeURIComponent(code) + '/versions/current');
    if (!stillChosen()) {
      return;
    }
    box.replaceChildren(...v.clauses.map(c => Trust.el('label', {},
        Trust.el('input', {type: 'checkbox', name: 'clause', value: JSON.stringify(
            {policyCode: v.policyCode, policyVersion: v.number, clauseNumber: c.number})}),
        ' ' + c.number + ' ' + c.heading)));
  } catch (error) {
    if (stillChosen()) {
      Trust.showError(box, error);
    }
  }
}

async function loadMine() {
  // "mine" also holds cases about me, shown without who reported them: list only what I reported.
  const mine = (await Trust.api('GET', '/api/audit/incidents/mine?size=200')).content.filter(i => i.reportedAt);
  const container = document.getElementById('mine');
  if (mine.length === 0) {
    container.replaceChildren(Trust.el('p', {text: 'You have not reported anything.'}));
    return;
  }
  container.replaceChildren(Trust.el('table', {id: 'my-reports'},
      Trust.el('thead', {}, Trust.el('tr', {}, ['Reference', 'Reported', 'Status'].map(h => Trust.el('th', {text: h})))),
      Trust.el('tbody', {}, mine.map(i => Trust.el('tr', {'data-reference': i.reference},
          Trust.el('td', {text: i.reference}), Trust.el('td', {text: Trust.date(i.reportedAt)}),
          Trust.el('td', {text: Trust.words(i.status)}))))));
}

// The report's Idempotency-Key: the same for every sending of this report, so one sent again after its answer was
// lost is recorded once; a new one once the report was changed after audit-service said it had the first.
let reportKey = Trust.newKey();

form.addEventListener('submit', async event => {
  event.preventDefault();
  problem.hidden = true;
  const clauses = [...form.querySelectorAll('input[name="clause"]:checked')].map(c => JSON.parse(c.value));
  if (clauses.length === 0) {
    problem.textContent = 'Choose the policy, then at least one of its clauses the post goes against.';
    problem.hidden = false;
    return;
  }
  if (!form.elements.subject.value) {
    problem.textContent = 'Choose who posted it: type their name and pick them from the list.';
    problem.hidden = false;
    document.getElementById('pick-subject').focus();
    return;
  }
  const url = document.getElementById('evidence-url').value.trim();
  const body = {
    subjectStaffNumber: form.elements.subject.value,
    occurredAt: new Date(document.getElementById('occurred').value).toISOString(),
    platform: document.getElementById('platform').value,
    category: document.getElementById('category').value,
    severity: document.getElementById('severity').value,
    description: document.getElementById('description').value,
    evidence: url ? [{kind: 'URL', reference: url, note: document.getElementById('evidence-note').value || null}] : [],
    breachedClauses: clauses
  };
  const confidential = document.getElementById('confidential').checked;
  document.getElementById('send').disabled = true;
  try {
    const recorded = await Trust.api('POST', confidential ? '/api/audit/confidential-reports' : '/api/audit/incidents',
        body, {idempotencyKey: reportKey});
    form.hidden = true;
    const sent = document.getElementById('sent');
    if (confidential) {
      sent.replaceChildren(Trust.el('h3', {text: 'Thank you. Your report is ' + recorded.reference + ', and your name is not on it.'}),
          Trust.el('p', {text: 'Your receipt code:'}),
          Trust.el('p', {class: 'receipt-code', id: 'receipt-code', text: recorded.receiptCode}),
          Trust.el('p', {class: 'notice', text: recorded.keepIt}),
          Trust.el('p', {}, 'Follow the report on ', Trust.el('a', {href: '/follow.html', text: 'Follow a confidential report'}), '.'));
    } else {
      sent.replaceChildren(Trust.el('h3', {text: 'Thank you. Your report is ' + recorded.reference + '.'}),
          Trust.el('p', {text: 'The governance team will triage it. You can follow its status below.'}));
    }
    sent.hidden = false;
    if (!confidential) await loadMine();
  } catch (error) {
    const changed = error.keyReused;
    if (changed) {
      // The first sending arrived before the report was changed: the changed one was not recorded. Sending it now
      // makes it a report of its own.
      reportKey = Trust.newKey();
    }
    problem.replaceChildren(changed
            ? 'Your report had arrived before you changed it' + (confidential ? '' : ' (it is listed below)')
              + ', so the changed one was not saved. If it is about something else, send it now as a new report.'
            : error.message,
        error.status === 401 ? Trust.el('a', {href: Trust.signInHere(), target: '_blank', text: ' Sign in again in a new tab, then send.'}) : '',
        error.uncertain ? (confidential
            ? ' Sending it again also shows you its receipt code.'
            : ' The concerns you have reported are listed below: if this one is there, it arrived.') : '');
    problem.hidden = false;
    document.getElementById('send').disabled = false;
    if ((error.uncertain || changed) && !confidential) {
      try { await loadMine(); } catch (e) { /* the list stays as it was */ }
    }
  }
});

/**
 * "When it happened" starts at now (most concerns are raised the day they are seen), in the person's own time, and
 * the browser refuses a time after it (audit-service refuses a future time and one before 2000 too).
 */
function occurredDefault() {
  const now = new Date();
  now.setSeconds(0, 0);
  const field = document.getElementById('occurred');
  field.value = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().substring(0, 16);
  field.max = field.value;
}

(async () => {
  Trust.header();
  occurredDefault();
  try {
    document.getElementById('policy').addEventListener('change', loadClauses);
    document.getElementById('who').append(Trust.colleaguePicker('subject', 'Their name',
        'Type at least two letters of their name, then choose them from the list.'));
    await Promise.all([options('platform'), options('category'), options('severity'), loadPolicies(), loadMine()]);
  } catch (error) {
    Trust.showError(document.getElementById('clause-list'), error);
  }
})();
