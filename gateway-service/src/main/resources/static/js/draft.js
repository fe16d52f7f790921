// Policy authors (and governance) draft a version: from the version in force or for a new policy; clauses added,
// removed, moved, their headings and text edited beside the version in force; the change summary and dates; the kind
// of change chosen explicitly (major: everyone acknowledges again; minor: acknowledgements carry over). Saving a new
// draft creates it; saving again edits it; then it is opened for consultation. policy-service checks every rule.
'use strict';

const code = Trust.param('code');
const form = document.getElementById('draft');
const clauseBox = document.getElementById('clauses');
const problem = document.getElementById('draft-error');
let inForce = null;   // the version in force, or null
let number = Trust.param('version'); // the draft's number once it exists
let nextNumbers = null;

function base(path) {
  return '/api/policy/policies/' + encodeURIComponent(code) + '/versions' + (path || '');
}

/** The next major and minor numbers after the newest version (any status). */
function following(versions) {
  const newest = versions.map(v => v.number.split('.').map(Number)).sort((a, b) => b[0] - a[0] || b[1] - a[1])[0];
  if (!newest) return {major: '1.0', minor: null};
  return {major: (newest[0] + 1) + '.0', minor: newest[0] + '.' + (newest[1] + 1)};
}

function kinds() {
  const box = document.getElementById('kinds');
  if (number) {
    Trust.fill(box, Trust.el('p', {id: 'kind-chosen', text: 'Version ' + number + ': ' + (number.endsWith('.0')
        ? 'a major change, everyone acknowledges it again once published.' : 'a minor change, acknowledgements carry over.')}));
    return;
  }
  const radio = (value, label, checked) => Trust.el('label', {},
      Trust.el('input', {type: 'radio', name: 'kind', value, required: true, checked}), ' ' + label);
  Trust.fill(box,
      radio(nextNumbers.major, 'Major change, version ' + nextNumbers.major + ': everyone must acknowledge it again', false),
      nextNumbers.minor ? radio(nextNumbers.minor, 'Minor change, version ' + nextNumbers.minor
          + ': wording only, acknowledgements of the version in force carry over', false) : null);
}

function inForceClause(clauseNumber) {
  return inForce ? inForce.clauses.find(c => c.number === clauseNumber) : null;
}

function comparison(row) {
  const box = row.querySelector('.in-force');
  const before = inForceClause(row.querySelector('[name=number]').value.trim());
  const heading = row.querySelector('[name=heading]').value;
  const text = row.querySelector('[name=text]').value;
  if (!inForce) { Trust.fill(box, Trust.el('p', {class: 'muted', text: 'A new policy: nothing in force to compare with.'})); return; }
  if (!before) { Trust.fill(box, Trust.el('p', {class: 'muted', text: 'A new clause: not in the version in force.'})); return; }
  Trust.fill(box, Trust.el('p', {class: 'muted', text: 'In force (' + inForce.number + '): ' + before.heading}),
      before.heading === heading && before.text === text ? Trust.el('p', {class: 'muted', text: 'Unchanged.'})
          : Trust.el('p', {class: 'description diff'}, wordDiff(before.text, text)));
}

function clauseRow(clause) {
  const id = 'c' + Math.random().toString(36).slice(2, 8);
  const row = Trust.el('div', {class: 'clause-row', 'data-clause-row': ''},
      Trust.el('div', {},
          Trust.el('label', {for: id + '-n', text: 'Number'}), Trust.el('input', {id: id + '-n', name: 'number', value: clause.number,
            required: true, pattern: '[0-9]{1,3}(\\.[0-9]{1,3}){0,3}', size: 6}),
          Trust.el('label', {for: id + '-h', text: 'Heading'}), Trust.el('input', {id: id + '-h', name: 'heading', value: clause.heading,
            required: true, maxlength: 200, size: 40}),
          Trust.el('label', {for: id + '-t', text: 'Text'}), Trust.el('textarea', {id: id + '-t', name: 'text', required: true,
            maxlength: 20000, rows: 3, cols: 50}),
          Trust.el('p', {},
              Trust.el('button', {type: 'button', class: 'secondary', 'data-move': 'up', text: 'Move up'}), ' ',
              Trust.el('button', {type: 'button', class: 'secondary', 'data-move': 'down', text: 'Move down'}), ' ',
              Trust.el('button', {type: 'button', class: 'secondary', 'data-remove': '', text: 'Remove clause'}))),
      Trust.el('div', {class: 'in-force'}));
  row.querySelector('textarea').value = clause.text;
  row.addEventListener('input', () => comparison(row));
  row.addEventListener('click', event => {
    if (event.target.hasAttribute('data-remove')) row.remove();
    if (event.target.getAttribute('data-move') === 'up' && row.previousElementSibling) row.previousElementSibling.before(row);
    if (event.target.getAttribute('data-move') === 'down' && row.nextElementSibling) row.nextElementSibling.after(row);
  });
  comparison(row);
  return row;
}

function content() {
  return {
    clauses: [...clauseBox.querySelectorAll('[data-clause-row]')].map(row => ({
      number: row.querySelector('[name=number]').value.trim(), heading: row.querySelector('[name=heading]').value,
      text: row.querySelector('[name=text]').value})),
    changeSummary: document.getElementById('summary').value,
    effectiveDate: document.getElementById('effective').value || null,
    reviewDue: document.getElementById('review').value || null
  };
}

function showProblem(error) {
  problem.hidden = false;
  problem.textContent = error.message;
}

// A long draft is not lost by a stray click or a closed tab: leaving with unsaved changes asks first.
let unsaved = false;
form.addEventListener('input', () => { unsaved = true; });
window.addEventListener('beforeunload', event => {
  if (unsaved) {
    event.preventDefault();
    event.returnValue = '';
  }
});

async function save(event) {
  event.preventDefault();
  problem.hidden = true;
  try {
    if (number) {
      await Trust.api('PUT', base('/' + encodeURIComponent(number)), content());
    } else {
      const kind = form.querySelector('input[name=kind]:checked');
      const created = await Trust.api('POST', base(), {number: kind.value, content: content()});
      number = created.number;
      history.replaceState(null, '', '/draft.html?code=' + encodeURIComponent(code) + '&version=' + encodeURIComponent(number));
      kinds();
    }
    unsaved = false;
    const saved = document.getElementById('draft-saved');
    saved.hidden = false;
    saved.textContent = 'Draft ' + code + ' version ' + number + ' saved.';
    document.getElementById('submit-draft').hidden = false;
    showImpact();
  } catch (error) {
    showProblem(error);
  }
}

async function submitForReview() {
  problem.hidden = true;
  try {
    await Trust.api('POST', base('/' + encodeURIComponent(number) + '/submit'));
    window.location.assign('/consultation.html?code=' + encodeURIComponent(code) + '&version=' + encodeURIComponent(number));
  } catch (error) {
    showProblem(error);
  }
}

// Once the draft exists: what its changes touch (governance and policy authors; impact.js).
function showImpact() {
  if (!number) return;
  document.getElementById('impact').hidden = false;
  Impact.show(document.getElementById('impact-box'), code, number);
}

async function openDraft() {
  const [versions, policy] = await Promise.all([Trust.api('GET', base()), Trust.api('GET', '/api/policy/policies/' + encodeURIComponent(code))]);
  inForce = policy.publishedVersion ? versions.find(v => v.number === policy.publishedVersion) : null;
  nextNumbers = following(versions);
  document.getElementById('title').textContent = (number ? 'Draft ' + number + ' of ' : 'A new draft of ') + policy.title + ' (' + code + ')';
  let start;
  if (number) {
    start = versions.find(v => v.number === number);
    if (!start) throw new Error('No version ' + number + ' of ' + code);
    if (start.status !== 'DRAFT') throw new Error('Version ' + number + ' is ' + Trust.words(start.status).toLowerCase() + ': only drafts change.');
    document.getElementById('submit-draft').hidden = false;
  } else {
    start = inForce || {clauses: [], changeSummary: ''};
  }
  document.getElementById('summary').value = number ? start.changeSummary : '';
  document.getElementById('effective').value = number ? start.effectiveDate : '';
  document.getElementById('review').value = number && start.reviewDue ? start.reviewDue : '';
  Trust.fill(clauseBox, start.clauses.map(clauseRow));
  kinds();
  form.hidden = false;
  showImpact();
}

(async () => {
  Trust.header();
  try {
    if (!code) {
      const section = document.getElementById('new-policy');
      section.hidden = false;
      const policyForm = document.getElementById('policy-form');
      policyForm.addEventListener('submit', async event => {
        event.preventDefault();
        const policyCode = document.getElementById('policy-code').value.trim();
        try {
          await Trust.api('POST', '/api/policy/policies', {code: policyCode, title: document.getElementById('policy-title').value,
            owner: document.getElementById('policy-owner').value || null});
          window.location.assign('/draft.html?code=' + encodeURIComponent(policyCode));
        } catch (error) {
          const box = policyForm.querySelector('.error');
          box.hidden = false;
          box.textContent = error.message;
        }
      });
      return;
    }
    document.getElementById('add-clause').addEventListener('click', () => {
      const row = clauseRow({number: '', heading: '', text: ''});
      clauseBox.append(row);
      row.querySelector('input').focus();
    });
    form.addEventListener('submit', save);
    document.getElementById('submit-draft').addEventListener('click', submitForReview);
    await openDraft();
  } catch (error) {
    Trust.showError(document.querySelector('main'), error);
  }
})();
