// Taking a module: start (or resume) an attempt, read the content, answer the questions, submit once. Scoring is
// on the server; the page never sees the correct answers.
'use strict';

const container = document.getElementById('module');
const code = Trust.param('code');
const version = Trust.param('version');
const resumeKey = 'attempt:' + code + ':' + version;

/** Resumes the attempt this tab started (a reload must not start a new one), else starts one. */
async function attempt() {
  const saved = sessionStorage.getItem(resumeKey);
  if (saved) {
    try {
      const existing = await Trust.api('GET', '/api/training/attempts/' + encodeURIComponent(saved));
      if (existing.status === 'STARTED') return existing;
    } catch (error) {
      if (error.status === 401) throw error;
    }
  }
  const started = await Trust.api('POST', '/api/training/modules/' + encodeURIComponent(code) + '/versions/'
      + encodeURIComponent(version) + '/attempts');
  sessionStorage.setItem(resumeKey, started.attemptId);
  return started;
}

function section(s) {
  const body = Trust.el('div', {class: 'section-body'});
  body.innerHTML = s.html; // rendered by training-service with CommonMark: author HTML escaped, unsafe links removed
  return Trust.el('section', {}, Trust.el('h3', {text: s.heading}), body);
}

function question(q, index) {
  const type = q.type === 'SINGLE_CHOICE' ? 'radio' : 'checkbox';
  return Trust.el('fieldset', {'data-question': q.id},
      Trust.el('legend', {text: (index + 1) + '. ' + q.text}),
      q.type === 'MULTIPLE_CHOICE' ? Trust.el('p', {class: 'muted', text: 'Choose all that apply.'}) : null,
      q.options.map(o => Trust.el('label', {},
          Trust.el('input', {type, name: q.id, value: o.id, required: type === 'radio'}), ' ', o.text)));
}

function answers(form, questions) {
  const chosen = {};
  for (const q of questions) {
    chosen[q.id] = [...form.querySelectorAll('input[name="' + CSS.escape(q.id) + '"]:checked')].map(i => i.value);
  }
  return chosen;
}

function result(view) {
  const module = view.module;
  if (view.passed) {
    return Trust.el('div', {class: 'result passed', role: 'status', id: 'result'},
        Trust.el('h3', {text: 'Passed: you scored ' + view.score + '%'}),
        Trust.el('p', {text: 'Your completion is recorded. Your refresher is due by ' + Trust.date(view.completion.expiresAt) + '.'}),
        Trust.el('a', {class: 'button', id: 'certificate-link',
          href: '/certificate.html?id=' + encodeURIComponent(view.completion.certificateId), text: 'View your certificate'}));
  }
  return Trust.el('div', {class: 'result failed', role: 'status', id: 'result'},
      Trust.el('h3', {text: 'Not passed: you scored ' + view.score + '%'}),
      Trust.el('p', {text: 'The pass mark is ' + module.passMark + '%. Read the content again and have another go.'}),
      Trust.el('a', {class: 'button', href: window.location.href, text: 'Try again'}));
}

function render(view) {
  const module = view.module;
  const form = Trust.el('form', {id: 'assessment'},
      Trust.el('h3', {text: 'Assessment'}),
      Trust.el('p', {class: 'muted', text: 'Pass mark ' + module.passMark + '%. You can submit once per attempt.'}),
      module.questions.map(question),
      Trust.el('div', {id: 'form-error', class: 'error', role: 'alert', hidden: true}),
      Trust.el('button', {type: 'submit', id: 'submit', text: 'Submit answers'}));
  // The answers given so far are kept for this tab, so a session that ends (sign in again, come back) loses none.
  const answersKey = 'answers:' + view.attemptId;
  const kept = JSON.parse(sessionStorage.getItem(answersKey) || '{}');
  for (const [questionId, optionIds] of Object.entries(kept)) {
    for (const optionId of optionIds) {
      const box = form.querySelector('input[name="' + CSS.escape(questionId) + '"][value="' + CSS.escape(optionId) + '"]');
      if (box) box.checked = true;
    }
  }
  form.addEventListener('change', () => sessionStorage.setItem(answersKey, JSON.stringify(answers(form, module.questions))));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const chosen = answers(form, module.questions);
    const unanswered = module.questions.findIndex(q => chosen[q.id].length === 0);
    const problem = document.getElementById('form-error');
    if (unanswered >= 0) {
      problem.textContent = 'Please answer question ' + (unanswered + 1) + '.';
      problem.hidden = false;
      return;
    }
    form.querySelector('button').disabled = true;
    try {
      const submitted = await Trust.api('POST', '/api/training/attempts/' + encodeURIComponent(view.attemptId) + '/submit',
          {answers: chosen}, {repeatable: true});
      sessionStorage.removeItem(resumeKey);
      sessionStorage.removeItem(answersKey);
      form.replaceWith(result(submitted));
    } catch (error) {
      problem.replaceChildren(error.status === 401
          ? Trust.el('span', {}, 'Your session has ended. Your answers are kept: ',
              Trust.el('a', {href: Trust.signInHere(), text: 'sign in again'}), ', come back here and submit.')
          : error.message);
      problem.hidden = false;
      form.querySelector('button').disabled = error.status === 409; // submitted already: nothing more to send
    }
  });
  Trust.fill(container,
      Trust.el('h1', {text: module.title}),
      Trust.el('p', {class: 'muted', text: module.code + ' v' + module.version + ' · teaches policy ' + module.policyCode
          + ' v' + module.policyVersion + ' · refresher every ' + Trust.period(module.refresherPeriod)}),
      module.sections.map(section),
      form);
}

(async () => {
  Trust.header();
  if (!code || !version) {
    container.replaceChildren(Trust.el('p', {class: 'error', text: 'No module was chosen.'}));
    return;
  }
  try {
    render(await attempt());
  } catch (error) {
    Trust.showError(container, error);
  }
})();
