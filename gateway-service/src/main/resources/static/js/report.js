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
  try {
    const v = await Trust.api('GET', '/api/policy/policies/' + encodeURIComponent(code) + '/versions/current');
    box.replaceChildren(...v.clauses.map(c => Trust.el('label', {},
        Trust.el('input', {type: 'checkbox', name: 'clause', value: JSON.stringify(
            {policyCode: v.policyCode, policyVersion: v.number, clauseNumber: c.number})}),
        ' ' + c.number + ' ' + c.heading)));
  } catch (error) {
    Trust.showError(box, error);
  }
}

/** Finding the person by name in the staff directory (one request per pause in typing, at most 20 names). */
function colleaguePicker() {
  const input = document.getElementById('subject-name');
  const list = document.getElementById('colleagues');
  const chosen = document.getElementById('subject-chosen');
  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    document.getElementById('subject').value = '';
    chosen.hidden = true;
    const name = input.value.trim();
    if (name.length < 2) {
      list.replaceChildren();
      return;
    }
    timer = setTimeout(async () => {
      try {
        const found = await Trust.api('GET', '/api/training/directory?name=' + encodeURIComponent(name));
        list.replaceChildren(found.length === 0
            ? Trust.el('p', {text: 'Nobody on the staff list matches. Check the spelling, or describe who it is below.'})
            : Trust.el('ul', {class: 'plain', id: 'colleague-list'}, found.map(c => {
              const pick = Trust.el('button', {type: 'button', class: 'secondary', 'data-colleague': c.staffNumber,
                text: c.name + ', ' + c.department});
              pick.addEventListener('click', () => {
                document.getElementById('subject').value = c.staffNumber;
                input.value = c.name;
                chosen.textContent = 'Chosen: ' + c.name + ', ' + c.department;
                chosen.hidden = false;
                list.replaceChildren();
                input.focus();
              });
              return Trust.el('li', {}, pick);
            })));
      } catch (error) {
        Trust.showError(list, error);
      }
    }, 300);
  });
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

form.addEventListener('submit', async event => {
  event.preventDefault();
  problem.hidden = true;
  const clauses = [...form.querySelectorAll('input[name="clause"]:checked')].map(c => JSON.parse(c.value));
  if (clauses.length === 0) {
    problem.textContent = 'Choose the policy, then at least one of its clauses the post goes against.';
    problem.hidden = false;
    return;
  }
  if (!document.getElementById('subject').value) {
    problem.textContent = 'Choose who posted it: type their name and pick them from the list.';
    problem.hidden = false;
    document.getElementById('subject-name').focus();
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
    problem.replaceChildren(error.message,
        error.status === 401 ? Trust.el('a', {href: Trust.signInHere(), target: '_blank', text: ' Sign in again in a new tab, then send.'}) : '');
    problem.hidden = false;
    document.getElementById('send').disabled = false;
  }
});

(async () => {
  Trust.header();
  try {
    document.getElementById('policy').addEventListener('change', loadClauses);
    colleaguePicker();
    await Promise.all([options('platform'), options('category'), options('severity'), loadPolicies(), loadMine()]);
  } catch (error) {
    Trust.showError(document.getElementById('clause-list'), error);
  }
})();
