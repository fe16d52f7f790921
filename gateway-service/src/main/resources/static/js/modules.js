// Governance writes training modules: sections in Markdown with a preview rendered by training-service, questions
// with their options and correct answers, the pass mark, refresher period and audience, bound to a published policy
// version; saves a draft and publishes it. training-service's 400 (naming the fields), 409 and 503 show on the form.
'use strict';

const form = document.getElementById('editor');
const problem = document.getElementById('editor-error');
let editing = null; // {code, version} of a saved draft

function uid() {
  return Math.random().toString(36).slice(2, 8);
}

// The clauses of the bound policy version a section or question teaches, as numbers ("4.2, 5.1"): publishing checks
// the version has them, and governance finds the modules that cite a clause when it changes.
function clausesField(id, clauses) {
  return Trust.el('div', {class: 'cited'},
      Trust.el('label', {for: id + '-c', text: 'Clauses it teaches (numbers, e.g. 4.2, 5.1)'}),
      Trust.el('input', {id: id + '-c', name: 'clauses', maxlength: 200, size: 30, value: (clauses || []).join(', ')}));
}

function sectionRow(section) {
  const id = 's' + uid();
  const preview = Trust.el('div', {class: 'section-body preview', 'aria-live': 'polite'});
  const row = Trust.el('fieldset', {class: 'module-section'}, Trust.el('legend', {text: 'Section'}),
      Trust.el('label', {for: id + '-h', text: 'Heading'}), Trust.el('input', {id: id + '-h', name: 'heading', required: true, maxlength: 200, size: 50, value: section.heading}),
      Trust.el('label', {for: id + '-m', text: 'Content (Markdown)'}), Trust.el('textarea', {id: id + '-m', name: 'markdown', required: true, maxlength: 50000, rows: 5, cols: 70}),
      clausesField(id, section.clauses),
      Trust.el('p', {}, Trust.el('button', {type: 'button', class: 'secondary', 'data-preview': '', text: 'Preview'}), ' ',
          Trust.el('button', {type: 'button', class: 'secondary', 'data-remove': '', text: 'Remove section'})),
      preview);
  row.querySelector('textarea').value = section.markdown;
  row.addEventListener('click', async event => {
    if (event.target.hasAttribute('data-remove')) row.remove();
    if (event.target.hasAttribute('data-preview')) {
      try {
        const rendered = await Trust.api('POST', '/api/training/modules/preview',
            {heading: row.querySelector('[name=heading]').value || 'Preview', markdown: row.querySelector('[name=markdown]').value});
        preview.innerHTML = rendered.html; // rendered by training-service with CommonMark: HTML escaped, unsafe links removed
      } catch (error) {
        Trust.showError(preview, error);
      }
    }
  });
  return row;
}

function questionRow(question) {
  const id = 'q' + uid();
  const options = Trust.el('div', {class: 'options'});
  const addOption = option => {
    const oid = id + '-' + uid();
    const line = Trust.el('div', {class: 'option'},
        Trust.el('input', {type: 'checkbox', id: oid + '-c', name: 'correct', checked: question.correct.includes(option.id)}),
        Trust.el('label', {for: oid + '-c', class: 'inline', text: ' correct '}),
        Trust.el('label', {for: oid + '-t', class: 'inline', text: 'Option ' + option.id + ' '}),
        Trust.el('input', {id: oid + '-t', name: 'option', 'data-option': option.id, required: true, maxlength: 500, size: 50, value: option.text}));
    options.append(line);
  };
  question.options.forEach(addOption);
  const row = Trust.el('fieldset', {class: 'module-question', 'data-question': question.id},
      Trust.el('legend', {text: 'Question ' + question.id}),
      Trust.el('label', {for: id + '-t', text: 'Question'}), Trust.el('textarea', {id: id + '-t', name: 'text', required: true, maxlength: 2000, rows: 2, cols: 70}),
      Trust.el('label', {for: id + '-y', text: 'Answers'}), Trust.el('select', {id: id + '-y', name: 'type'},
          Trust.el('option', {value: 'SINGLE_CHOICE', text: 'One correct answer'}),
          Trust.el('option', {value: 'MULTIPLE_CHOICE', text: 'Several correct answers'})),
      options,
      clausesField(id, question.clauses),
      Trust.el('p', {}, Trust.el('button', {type: 'button', class: 'secondary', 'data-add-option': '', text: 'Add an option'}), ' ',
          Trust.el('button', {type: 'button', class: 'secondary', 'data-remove': '', text: 'Remove question'})));
  row.querySelector('textarea').value = question.text;
  row.querySelector('select').value = question.type;
  row.addEventListener('click', event => {
    if (event.target.hasAttribute('data-remove')) row.remove();
    if (event.target.hasAttribute('data-add-option')) {
      addOption({id: String.fromCharCode(97 + options.children.length), text: ''});
    }
  });
  return row;
}

function list(input) {
  return input.value.split(',').map(v => v.trim()).filter(v => v);
}

function request() {
  const [policyCode, policyVersion] = document.getElementById('policy').value.split('@');
  return {
    code: document.getElementById('code').value.trim(), version: Number(document.getElementById('version').value),
    title: document.getElementById('title').value, policyCode, policyVersion,
    passMark: Number(document.getElementById('pass-mark').value), refresherPeriod: document.getElementById('refresher').value,
    audienceStaffGroups: list(document.getElementById('groups')), audienceDepartments: list(document.getElementById('departments')),
    sections: [...document.querySelectorAll('.module-section')].map(s => ({heading: s.querySelector('[name=heading]').value,
      markdown: s.querySelector('[name=markdown]').value, clauses: list(s.querySelector('[name=clauses]'))})),
    questions: [...document.querySelectorAll('.module-question')].map(q => ({id: q.getAttribute('data-question'),
      text: q.querySelector('[name=text]').value, type: q.querySelector('[name=type]').value,
      options: [...q.querySelectorAll('[name=option]')].map(o => ({id: o.getAttribute('data-option'), text: o.value})),
      correct: [...q.querySelectorAll('.option')].filter(o => o.querySelector('[name=correct]').checked)
          .map(o => o.querySelector('[name=option]').getAttribute('data-option')),
      clauses: list(q.querySelector(':scope > .cited [name=clauses]'))}))
  };
}

function showProblem(error) {
  problem.hidden = false;
  problem.textContent = error.message;
}

function openEditor(module) {
  editing = module && module.status === 'DRAFT' ? {code: module.code, version: module.version} : null;
  document.getElementById('editor-title').textContent = editing ? 'Draft ' + module.code + ' v' + module.version
      : module ? 'A new version of ' + module.code : 'A new module';
  document.getElementById('code').value = module ? module.code : '';
  document.getElementById('code').readOnly = Boolean(editing);
  document.getElementById('version').value = module ? (editing ? module.version : module.version + 1) : 1;
  document.getElementById('version').readOnly = Boolean(editing);
  document.getElementById('title').value = module ? module.title : '';
  if (module) document.getElementById('policy').value = module.policyCode + '@' + module.policyVersion;
  document.getElementById('pass-mark').value = module ? module.passMark : 80;
  document.getElementById('refresher').value = module ? module.refresherPeriod : 'P1Y';
  document.getElementById('groups').value = module ? module.audienceStaffGroups.join(', ') : '';
  document.getElementById('departments').value = module ? module.audienceDepartments.join(', ') : '';
  Trust.fill(document.getElementById('sections'), (module ? module.sections : [{heading: '', markdown: ''}]).map(sectionRow));
  Trust.fill(document.getElementById('questions'), (module ? module.questions
      : [{id: 'q1', text: '', type: 'SINGLE_CHOICE', options: [{id: 'a', text: ''}, {id: 'b', text: ''}], correct: []}]).map(questionRow));
  document.getElementById('publish-module').hidden = !editing;
  document.getElementById('editor-saved').hidden = true;
  problem.hidden = true;
  form.hidden = false;
  document.getElementById('code').focus();
}

/** The module versions, searched by title or code and filtered by status in the page (one request loads them). */
function showList(modules) {
  const box = document.getElementById('module-list');
  const text = document.getElementById('module-search').value.trim().toLowerCase();
  const status = document.getElementById('module-status').value;
  const shown = modules.filter(m => (!status || m.status === status)
      && (!text || (m.title + ' ' + m.code).toLowerCase().includes(text)));
  if (shown.length === 0) {
    Trust.fill(box, Trust.el('p', {text: modules.length ? 'No module matches.' : 'No module has been written yet.'}));
    return;
  }
  Trust.fill(box, Trust.el('table', {id: 'modules-table', class: 'responsive'},
      Trust.el('thead', {}, Trust.el('tr', {}, ['Module', 'Version', 'Status', 'Policy', 'Action'].map(h => Trust.el('th', {scope: 'col', text: h})))),
      Trust.el('tbody', {}, shown.map(m => Trust.el('tr', {'data-module': m.code + ' v' + m.version},
          Trust.el('td', {'data-label': 'Module', text: m.title + ' (' + m.code + ')'}), Trust.el('td', {'data-label': 'Version', text: String(m.version)}),
          Trust.el('td', {'data-label': 'Status'}, Trust.el('strong', {class: 'tag ' + (m.status === 'PUBLISHED' ? 'tag-green' : 'tag-grey'), text: Trust.words(m.status)})),
          Trust.el('td', {'data-label': 'Policy', text: m.policyCode + ' v' + m.policyVersion}),
          Trust.el('td', {'data-label': 'Action'}, Trust.el('button', {type: 'button', class: 'secondary', 'data-open': m.code + '@' + m.version,
            text: m.status === 'DRAFT' ? 'Edit ' + m.code + ' v' + m.version : 'New version of ' + m.code})))))),
      Trust.el('p', {class: 'muted', text: shown.length + ' of ' + modules.length + ' module versions'}));
  box.onclick = event => {
    const key = event.target.getAttribute('data-open');
    if (key) openEditor(modules.find(m => m.code + '@' + m.version === key));
  };
}

// Modules a newer approved or published policy version touches: what changed, and governance's confirmation.
async function loadReviews() {
  const box = document.getElementById('review-list');
  try {
    const reviews = await Trust.api('GET', '/api/training/modules/reviews');
    const parts = [];
    if (reviews.missing.length > 0) {
      parts.push(Trust.el('p', {class: 'error', role: 'alert', text: 'Could not check every policy: '
          + reviews.missing.join(', ') + ' did not answer. Reload the page to try again.'}));
    }
    parts.push(reviews.modules.length === 0
        ? Trust.el('p', {id: 'no-reviews', text: 'No published module needs review.'})
        : Trust.el('ul', {class: 'plain', id: 'reviews-needed'}, reviews.modules.map(r => {
          const confirm = Trust.el('button', {type: 'button', class: 'secondary', 'data-confirm-review': r.moduleCode,
            text: 'It still holds', 'aria-label': r.moduleCode + ' still holds under version ' + r.newerVersion});
          confirm.addEventListener('click', async () => {
            try {
              await Trust.api('POST', '/api/training/modules/' + encodeURIComponent(r.moduleCode) + '/reviews',
                  {policyVersion: r.newerVersion});
              Trust.announce(r.moduleCode + ' confirmed');
              await loadReviews();
            } catch (error) {
              Trust.showError(box, error);
            }
          });
          return Trust.el('li', {'data-review': r.moduleCode},
              Trust.el('strong', {text: r.moduleCode + ' v' + r.moduleVersion + ': ' + r.title}),
              Trust.el('span', {text: ' teaches ' + r.policyCode + ' version ' + r.taughtVersion + '; version ' + r.newerVersion
                  + ' (' + Trust.words(r.newerStatus).toLowerCase() + ') changed clause' + (r.clauses.length > 1 ? 's ' : ' ')
                  + r.clauses.join(', ') + ', which it cites. '}),
              confirm);
        })));
    Trust.fill(box, ...parts);
  } catch (error) {
    Trust.showError(box, error);
  }
}

async function loadList() {
  const modules = await Trust.api('GET', '/api/training/modules/manage');
  const statuses = [...new Set(modules.map(m => m.status))];
  const select = document.getElementById('module-status');
  Trust.fill(select, Trust.el('option', {value: '', text: 'Any status'}),
      statuses.map(v => Trust.el('option', {value: v, text: Trust.words(v)})));
  document.getElementById('module-filters').onsubmit = event => event.preventDefault();
  document.getElementById('module-search').oninput = () => showList(modules);
  select.onchange = () => showList(modules);
  showList(modules);
  return modules;
}

(async () => {
  Trust.header();
  loadReviews();
  try {
    document.getElementById('new-module').addEventListener('click', () => openEditor(null));
    document.getElementById('add-section').addEventListener('click', () =>
      document.getElementById('sections').append(sectionRow({heading: '', markdown: ''})));
    document.getElementById('add-question').addEventListener('click', () => {
      const box = document.getElementById('questions');
      box.append(questionRow({id: 'q' + (box.children.length + 1), text: '', type: 'SINGLE_CHOICE',
        options: [{id: 'a', text: ''}, {id: 'b', text: ''}], correct: []}));
    });
    form.addEventListener('submit', async event => {
      event.preventDefault();
      problem.hidden = true;
      try {
        const body = request();
        const saved = editing
            ? await Trust.api('PUT', '/api/training/modules/' + encodeURIComponent(editing.code) + '/versions/' + editing.version, body)
            : await Trust.api('POST', '/api/training/modules', body);
        editing = {code: saved.code, version: saved.version};
        document.getElementById('code').readOnly = true;
        document.getElementById('version').readOnly = true;
        const note = document.getElementById('editor-saved');
        note.hidden = false;
        note.textContent = 'Draft ' + saved.code + ' v' + saved.version + ' saved.';
        document.getElementById('publish-module').hidden = false;
        await loadList();
      } catch (error) {
        showProblem(error);
      }
    });
    document.getElementById('publish-module').addEventListener('click', async () => {
      problem.hidden = true;
      try {
        const published = await Trust.api('POST', '/api/training/modules/' + encodeURIComponent(editing.code) + '/versions/' + editing.version + '/publish');
        const note = document.getElementById('editor-saved');
        note.hidden = false;
        note.textContent = published.code + ' v' + published.version + ' is published: staff it is for see it in My training.';
        document.getElementById('publish-module').hidden = true;
        await loadList();
      } catch (error) {
        showProblem(error);
      }
    });
    // The buttons work from the start; the editor's choices and the list follow.
    const policies = (await Trust.allPolicies()).filter(p => p.publishedVersion && p.status !== 'RETIRED');
    document.getElementById('policy').append(...policies.map(p => Trust.el('option', {value: p.code + '@' + p.publishedVersion,
      text: p.code + ' ' + p.title + ' version ' + p.publishedVersion})));
    await loadList();
  } catch (error) {
    Trust.showError(document.getElementById('module-list'), error);
  }
})();
