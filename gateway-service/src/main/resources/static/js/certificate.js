// A certificate of completion, laid out to print on one page. Its holder, governance and HR may read it.
'use strict';

const container = document.getElementById('certificate');

function row(term, value) {
  return [Trust.el('dt', {text: term}), Trust.el('dd', {text: value})];
}

(async () => {
  Trust.header();
  document.getElementById('print').addEventListener('click', () => window.print());
  try {
    const c = await Trust.api('GET', '/api/training/certificates/' + encodeURIComponent(Trust.param('id') || ''));
    container.replaceChildren(Trust.el('div', {class: 'certificate', id: 'certificate-body'},
        Trust.el('p', {class: 'muted', text: 'Certificate of completion'}),
        Trust.el('h1', {id: 'holder', text: c.name || ('Staff number ' + c.staffNumber)}),
        Trust.el('p', {}, 'has completed ', Trust.el('strong', {id: 'module-title', text: c.moduleTitle})),
        Trust.el('dl', {},
            row('Staff number', c.staffNumber),
            row('Module', c.moduleCode + ' version ' + c.moduleVersion),
            row('Policy taught', c.policyCode + ' version ' + c.policyVersion),
            row('Score', c.score + '%'),
            row('Completed', Trust.date(c.completedAt)),
            row('Refresher due by', Trust.date(c.expiresAt))),
        Trust.el('p', {class: 'muted', text: 'Certificate ' + c.certificateId})));
    document.title = 'Certificate ' + c.moduleCode + ' - ' + (c.name || c.staffNumber);
  } catch (error) {
    Trust.showError(container, error);
  }
})();
