// Any member of staff may report a concern. The clauses offered are those of the policies in force (each policy's
// published version, from policy-service); audit-service checks them again and refuses unknown ones.
'use strict';

const PLATFORMS = ['FACEBOOK', 'INSTAGRAM', 'X', 'TIKTOK', 'WHATSAPP', 'LINKEDIN', 'YOUTUBE', 'SNAPCHAT', 'REDDIT', 'OTHER'];
const CATEGORIES = {
  CONFIDENTIALITY_BREACH: 'Confidentiality breach',
  PATIENT_IMAGES_WITHOUT_CONSENT: 'Images of patients without consent',
  INAPPROPRIATE_COMMENTS_ABOUT_PATIENTS: 'Inappropriate comments about patients',
  BOUNDARY_BREACH_OR_RELATIONSHIP_WITH_PATIENT: 'Boundary breach or relationship with a patient',
  BULLYING_OR_HARASSMENT: 'Bullying or harassment',
  DISCRIMINATORY_CONTENT: 'Discriminatory content',
  MISLEADING_HEALTH_INFORMATION: 'Misleading health information',
  DAMAGE_TO_TRUST_REPUTATION: "Damage to the trust's reputation",
  OTHER: 'Other'
};
const SEVERITIES = {LOW: 'Low', MODERATE: 'Moderate', HIGH: 'High', CRITICAL: 'Critical'};

const form = document.getElementById('concern');
const problem = document.getElementById('form-error');

function options(select, values) {
  const entries = Array.isArray(values) ? values.map(v => [v, v.charAt(0) + v.slice(1).toLowerCase()]) : Object.entries(values);
  select.replaceChildren(Trust.el('option', {value: '', text: 'Choose…'}),
      ...entries.map(([value, label]) => Trust.el('option', {value, text: value === 'X' ? 'X (Twitter)' : label})));
}

async function loadClauses() {
  const box = document.getElementById('clauses');
  const policies = await Trust.api('GET', '/api/policy/policies');
  const inForce = [];
  for (const policy of (policies.content || policies)) {
    try {
      inForce.push(await Trust.api('GET', '/api/policy/policies/' + encodeURIComponent(policy.code) + '/versions/current'));
    } catch (error) {
      if (error.status !== 404) throw error;        // a policy with no published version offers no clauses
    }
  }
  box.replaceChildren(Trust.el('legend', {text: 'Which parts of the policy it breaches'}),
      ...inForce.flatMap(v => v.clauses.map(c => Trust.el('label', {},
          Trust.el('input', {type: 'checkbox', name: 'clause', value: JSON.stringify(
              {policyCode: v.policyCode, policyVersion: v.number, clauseNumber: c.number})}),
          ' ' + v.policyCode + ' ' + c.number + ' ' + c.heading))));
}

async function loadMine() {
  // "mine" also holds cases about me, shown without who reported them: list only what I reported.
  const mine = (await Trust.api('GET', '/api/audit/incidents/mine')).filter(i => i.reportedAt);
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
  options(document.getElementById('platform'), PLATFORMS);
  options(document.getElementById('category'), CATEGORIES);
  options(document.getElementById('severity'), SEVERITIES);
  try {
    await Promise.all([loadClauses(), loadMine()]);
  } catch (error) {
    Trust.showError(document.getElementById('clauses'), error);
  }
})();
