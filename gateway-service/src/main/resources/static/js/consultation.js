// A version in consultation, clause by clause with each clause's comments beside it. Any member of staff comments on
// a clause or on the whole version; policy authors and governance reply and resolve. Governance approves (never
// someone who wrote or edited the version: four eyes) once no comment is open, and publishes; the page says why
// a step is not offered before anyone presses a button. policy-service enforces every rule again.
'use strict';

const code = Trust.param('code');
const number = Trust.param('version');
const base = '/api/policy/policies/' + encodeURIComponent(code || '') + '/versions/' + encodeURIComponent(number || '');
let me;
let version;
let comments = [];

function commentView(c) {
  const mayAnswer = Trust.hasRole(me, 'policy-author', 'governance') && !c.resolved && version.status === 'IN_REVIEW';
  const box = Trust.el('article', {class: 'comment' + (c.resolved ? ' resolved' : ''), 'data-comment': c.id},
      Trust.el('p', {class: 'muted', text: c.by.username + ', ' + Trust.date(c.at) + (c.resolved
          ? ' · resolved by ' + c.resolvedBy.username : ' · open')}),
      Trust.el('p', {class: 'description', text: c.text}),
      c.replies.map(r => Trust.el('blockquote', {class: 'reply'}, Trust.el('p', {class: 'muted', text: r.by.username + ' replied, ' + Trust.date(r.at)}),
          Trust.el('p', {class: 'description', text: r.text}))));
  if (mayAnswer) {
    const id = 'reply-' + c.id;
    const form = Trust.el('form', {class: 'reply-form'},
        Trust.el('label', {for: id, text: 'Reply'}), Trust.el('textarea', {id, name: 'text', rows: 2, cols: 40, maxlength: 5000, required: true}),
        Trust.el('button', {type: 'submit', text: 'Send reply'}), ' ',
        Trust.el('button', {type: 'button', class: 'secondary', 'data-resolve': c.id, text: 'Mark resolved'}),
        Trust.el('div', {class: 'error', role: 'alert', hidden: true}));
    form.addEventListener('submit', event => act(event, form, '/comments/' + encodeURIComponent(c.id) + '/replies',
        {text: form.querySelector('textarea').value}, 'reply-' + c.id, 'reply'));
    form.querySelector('[data-resolve]').addEventListener('click', event => act(event, form,
        '/comments/' + encodeURIComponent(c.id) + '/resolve', undefined, 'resolve-' + c.id));
    box.append(form);
  }
  return box;
}

function commentForm(clauseNumber) {
  if (version.status !== 'IN_REVIEW') return null;
  const id = 'comment-' + (clauseNumber || 'whole');
  const form = Trust.el('form', {class: 'comment-form', 'data-clause': clauseNumber || ''},
      Trust.el('label', {for: id, text: clauseNumber ? 'Your comment on ' + clauseNumber : 'Your comment on the whole version'}),
      Trust.el('textarea', {id, name: 'text', rows: 2, cols: 40, maxlength: 5000, required: true}),
      Trust.el('button', {type: 'submit', text: 'Add comment'}),
      Trust.el('div', {class: 'error', role: 'alert', hidden: true}));
  form.addEventListener('submit', event => act(event, form, '/comments',
      clauseNumber ? {clauseNumber, text: form.querySelector('textarea').value} : {text: form.querySelector('textarea').value},
      id, 'comment'));
  return form;
}

/**
 * Each comment's, reply's and resolution's Idempotency-Key (by what it is on: a clause, a comment), the same for every
 * sending of it until it is made: one sent again after its answer was lost is made once, even when another change
 * redrew the page in between.
 */
const sendings = {};

/**
 * Sends one step; a refusal shows policy-service's message on the form, success redraws the page. {@code keyName}
 * names the step's Idempotency-Key in {@link sendings} (none: a step sent without one).
 */
async function act(event, form, path, body, keyName, what) {
  event.preventDefault();
  const error = form.querySelector('.error');
  const sending = keyName ? (sendings[keyName] = sendings[keyName] || {idempotencyKey: Trust.newKey()}) : undefined;
  try {
    await Trust.api('POST', base + path, body, sending);
    if (keyName) delete sendings[keyName]; // made: the next one is another
    await load();
  } catch (e) {
    error.hidden = false;
    if (e.keyReused && sending) {
      // The first sending arrived before the text was changed: the changed one was not added. Sending it now adds it
      // as one of its own.
      sending.idempotencyKey = Trust.newKey();
      error.textContent = 'Your ' + (what || 'change') + ' had arrived before you changed it (reload the page to see '
          + 'it), so the changed one was not added. Send it again to add it as a ' + (what || 'change') + ' of its own.';
    } else {
      error.textContent = e.message;
    }
  }
}

/**
 * Approving and publishing cannot be undone: the first click says what will happen and asks for a confirmation
 * (a button of its own, #confirm-approve or #confirm-publish) before anything is sent.
 */
function confirmFirst(button, form, path, what) {
  button.addEventListener('click', event => {
    event.preventDefault();
    const name = path.substring(1);
    const yes = Trust.el('button', {type: 'button', id: 'confirm-' + name, text: 'Yes, ' + name + ' version ' + number});
    const no = Trust.el('button', {type: 'button', class: 'secondary', text: 'Go back'});
    const box = Trust.el('div', {class: 'notice confirm', role: 'group', 'aria-label': 'Check before you confirm'},
        Trust.el('p', {text: what + ' This cannot be undone.'}), yes, ' ', no);
    yes.addEventListener('click', e => act(e, form, path));
    no.addEventListener('click', () => { box.remove(); button.hidden = false; button.focus(); });
    button.hidden = true;
    form.prepend(box);
    yes.focus();
  });
}

function wrote(person) {
  return person && person.username === me.username;
}

function decision(open) {
  const box = document.getElementById('decision-body');
  const section = document.getElementById('decision');
  section.hidden = !Trust.hasRole(me, 'governance') || !['IN_REVIEW', 'APPROVED'].includes(version.status);
  if (section.hidden) return;
  const major = number.endsWith('.0');
  const kind = Trust.el('p', {id: 'change-kind', text: major
      ? 'Version ' + number + ' is a major version: once published, everyone must acknowledge it again.'
      : 'Version ' + number + ' is a minor version: acknowledgements of the version in force carry over.'});
  if (version.status === 'APPROVED') {
    const publish = Trust.el('button', {id: 'publish', type: 'button', text: 'Publish version ' + number});
    const form = Trust.el('form', {}, publish, Trust.el('div', {class: 'error', role: 'alert', hidden: true}));
    confirmFirst(publish, form, '/publish', 'Publishing makes ' + code + ' version ' + number + ' the version in force'
        + (version.effectiveDate ? ' from ' + Trust.date(version.effectiveDate) : '')
        + (major ? ', and everyone must acknowledge it again.' : '; acknowledgements of the version in force carry over.'));
    Trust.fill(box, Trust.el('p', {text: 'Approved by ' + (version.approver ? version.approver.username : '?') + '.'}), kind, form);
    return;
  }
  const writers = [version.author].concat(version.editors || []);
  if (writers.some(wrote)) {
    Trust.fill(box, kind, Trust.el('p', {id: 'approval-refused', class: 'notice',
      text: 'You wrote or edited this version, so you cannot approve it: another member of governance must (four eyes).'}));
    return;
  }
  if (open > 0) {
    Trust.fill(box, kind, Trust.el('p', {id: 'approval-refused', class: 'notice',
      text: 'Approval is not possible while ' + open + (open === 1 ? ' comment is' : ' comments are')
          + ' open: the author answers and resolves each comment first.'}));
    return;
  }
  const approve = Trust.el('button', {id: 'approve', type: 'button', text: 'Approve version ' + number});
  const form = Trust.el('form', {}, approve, Trust.el('div', {class: 'error', role: 'alert', hidden: true}));
  confirmFirst(approve, form, '/approve', 'Approving records you as the second person who checked ' + code + ' version '
      + number + ' (four eyes); it can then be published.');
  Trust.fill(box, kind, Trust.el('p', {text: 'Written by ' + writers.filter(Boolean).map(p => p.username).join(', ') + '; every comment is resolved.'}), form);
}

async function load() {
  [version, comments] = await Promise.all([Trust.api('GET', base), Trust.api('GET', base + '/comments')]);
  const open = comments.filter(c => !c.resolved).length;
  document.getElementById('title').textContent = 'Consultation: ' + code + ' version ' + number;
  Trust.fill(document.getElementById('facts'),
      Trust.el('dt', {text: 'Status'}), Trust.el('dd', {id: 'status', text: Trust.words(version.status)}),
      Trust.el('dt', {text: 'Author'}), Trust.el('dd', {text: version.author ? version.author.username : '–'}),
      Trust.el('dt', {text: 'Change summary'}), Trust.el('dd', {text: version.changeSummary || '–'}),
      Trust.el('dt', {text: 'In force from'}), Trust.el('dd', {text: Trust.date(version.effectiveDate) || '–'}));
  const count = document.getElementById('open-count');
  count.hidden = false;
  count.textContent = open + (open === 1 ? ' comment is' : ' comments are') + ' open, ' + (comments.length - open) + ' resolved.';
  if (version.status !== 'IN_REVIEW') {
    count.textContent += ' This version is ' + Trust.words(version.status).toLowerCase() + ': comments are closed.';
  }
  Trust.fill(document.getElementById('comments-whole'),
      comments.filter(c => !c.clauseNumber).map(commentView), commentForm(null));
  Trust.fill(document.getElementById('clauses'), version.clauses.map(clause => Trust.el('section', {class: 'consulted', id: clause.number},
      Trust.el('div', {},
          Trust.el('h3', {}, Trust.el('a', {href: '#' + clause.number, text: clause.number}), ' ', clause.heading),
          Trust.el('p', {class: 'description', text: clause.text})),
      Trust.el('div', {class: 'comments', 'aria-label': 'Comments on ' + clause.number},
          comments.filter(c => c.clauseNumber === clause.number).map(commentView), commentForm(clause.number)))));
  decision(open);
  if (version.status === 'IN_REVIEW' && (Trust.hasRole(me, 'governance') || Trust.hasRole(me, 'policy-author'))) {
    document.getElementById('impact').hidden = false;
    Impact.show(document.getElementById('impact-box'), code, number);
  }
}

(async () => {
  Trust.header();
  const container = document.getElementById('clauses');
  if (!code || !number) {
    Trust.fill(container, Trust.el('p', {class: 'error', text: 'No version was named: open a consultation from your to-do list or a policy.'}));
    return;
  }
  try {
    me = await Trust.me();
    await load();
  } catch (error) {
    Trust.showError(container, error);
  }
})();
