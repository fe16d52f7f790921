// Any member of staff may report a concern. The clauses offered are those of the policies in force (each policy's
// published version, from policy-service); audit-service checks them again and refuses unknown ones.
'use strict';

const form = document.getElementById('concern');
const problem = document.getElementById('form-error');

/** Fills a drop-down with the values audit-service accepts for that field of a report. */
async function options(field) {
  const values = await Trust.choices('audit', 'IncidentRequest', field);
  document.getElementById(field).replaceChildren(Trust.el('option', {value: '', text: 'Choose…'}),
      ...values.map(value => Trust.el('option', {value, text: Trust.words(value)})));
}

async function loadClauses() {
  const box = document.getElementById('clauses');
  const policies = await Trust.allPolicies();
  // Only policies with a version in force offer clauses; a retired or never-published policy has none.
  const inForce = await Promise.all(policies.filter(p => p.publishedVersion && p.status !== 'RETIRED')
      .map(p => Trust.api('GET', '/api/policy/policies/' + encodeURIComponent(p.code) + '/versions/current')));
  box.replaceChildren(Trust.el('legend', {text: 'Which parts of the policy it breaches'}),
      ...inForce.flatMap(v => v.clauses.map(c => Trust.el('label', {},
          Trust.el('input', {type: 'checkbox', name: 'clause', value: JSON.stringify(
              {policyCode: v.policyCode, policyVersion: v.number, clauseNumber: c.number})}),
          ' ' + v.policyCode + ' ' + c.number + ' ' + c.heading))));
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
          Trust.el('td', {text: i.status}))))));
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  problem.hidden = true;
  const clauses = [...form.querySelectorAll('input[name="clause"]:checked')].map(c => JSON.parse(c.value));
  if (clauses.length === 0) {
    problem.textContent = 'Choose at least one part of the policy.';
    problem.hidden = false;
    return;
  }
  const url = document.getElementById('evidence-url').value.trim();
  const body = {
    subjectStaffNumber: document.getElementById('subject').value.trim(),
    occurredAt: new Date(document.getElementById('occurred').value).toISOString(),
    platform: document.getElementById('platform').value,
    category: document.getElementById('category').value,
    severity: document.getElementById('severity').value,
    description: document.getElementById('description').value,
    evidence: url ? [{kind: 'URL', reference: url, note: document.getElementById('evidence-note').value || null}] : [],
    breachedClauses: clauses
  };
  document.getElementById('send').disabled = true;
  try {
    const recorded = await Trust.api('POST', '/api/audit/incidents', body);
    form.hidden = true;
    const sent = document.getElementById('sent');
    sent.replaceChildren(Trust.el('h3', {text: 'Thank you. Your report is ' + recorded.reference + '.'}),
        Trust.el('p', {text: 'The governance team will triage it. You can follow its status below.'}));
    sent.hidden = false;
    await loadMine();
  } catch (error) {
    const fields = error.problem && error.problem.errors ? ' (' + error.problem.errors.map(e => e.field).join(', ') + ')' : '';
    problem.textContent = (error.status === 401 ? 'Your session has ended: sign in again.' : error.message) + fields;
    problem.hidden = false;
    document.getElementById('send').disabled = false;
  }
});

(async () => {
  Trust.header();
  try {
    await Promise.all([options('platform'), options('category'), options('severity'), loadClauses(), loadMine()]);
  } catch (error) {
    Trust.showError(document.getElementById('clauses'), error);
  }
})();
