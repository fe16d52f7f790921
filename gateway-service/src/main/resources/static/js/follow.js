// Following a confidential report with its receipt code: the code goes in request bodies only (never the address),
// and is kept in this page's memory, never in storage, so closing the tab forgets it.
'use strict';

const form = document.getElementById('receipt');
const problem = document.getElementById('receipt-error');
const container = document.getElementById('report');
let code = null;

function question(q) {
  const item = Trust.el('li', {class: 'reporter-question', 'data-question': q.id},
      Trust.el('p', {}, Trust.el('strong', {text: 'Asked ' + Trust.dateTime(q.askedAt) + ': '}), q.question));
  if (q.answer) {
    item.append(Trust.el('p', {text: 'Your answer (' + Trust.dateTime(q.answeredAt) + '): ' + q.answer}));
    return item;
  }
  const error = Trust.el('div', {class: 'error', role: 'alert', hidden: true});
  const answer = Trust.el('form', {class: 'answer'},
      Trust.el('label', {}, 'Your answer ', Trust.el('textarea', {name: 'answer', required: true, rows: 3, cols: 60, maxlength: 10000})),
      error, Trust.el('button', {type: 'submit', text: 'Send the answer'}));
  answer.addEventListener('submit', async event => {
    event.preventDefault();
    error.hidden = true;
    try {
      show(await Trust.api('POST', '/api/audit/confidential-reports/receipt/answers',
          {receiptCode: code, questionId: q.id, answer: answer.elements.answer.value}, {repeatable: true}));
      Trust.announce('Your answer was sent.');
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  });
  item.append(answer);
  return item;
}

function show(r) {
  Trust.fill(container,
      Trust.el('h2', {text: r.reference + ': ' + Trust.words(r.category)}),
      Trust.el('p', {}, 'Status: ', Trust.el('span', {class: 'status', id: 'report-status', text: Trust.words(r.status)})),
      Trust.el('dl', {class: 'facts'},
          Trust.el('dt', {text: 'Where'}), Trust.el('dd', {text: Trust.words(r.platform)}),
          Trust.el('dt', {text: 'Happened'}), Trust.el('dd', {text: Trust.dateTime(r.occurredAt)}),
          Trust.el('dt', {text: 'Reported'}), Trust.el('dd', {text: Trust.dateTime(r.reportedAt)}),
          Trust.el('dt', {text: 'Clauses'}), Trust.el('dd', {text: r.breachedClauses.map(c => c.policyCode + ' ' + c.clauseNumber).join(', ')})),
      Trust.el('h3', {text: 'Questions from the investigation'}),
      r.questions.length ? Trust.el('ol', {id: 'questions'}, r.questions.map(question))
          : Trust.el('p', {text: 'None yet. Come back with your code to see whether the investigation needs anything from you.'}));
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  problem.hidden = true;
  code = document.getElementById('code').value;
  try {
    show(await Trust.api('POST', '/api/audit/confidential-reports/receipt', {receiptCode: code}));
  } catch (error) {
    container.replaceChildren();
    problem.textContent = error.status === 404 ? 'No report has that receipt code. Check it, character by character.' : error.message;
    problem.hidden = false;
  }
});

Trust.header();
