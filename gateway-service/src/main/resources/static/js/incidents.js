// Governance and auditors: the incidents, newest first, and a check of the audit log's hash chain.
'use strict';

const container = document.getElementById('incidents');
const page = Number(Trust.param('page') || 0);

async function list() {
  const result = await Trust.api('GET', '/api/audit/incidents?page=' + page + '&size=50');
  const incidents = result.content;
  if (incidents.length === 0) {
    container.replaceChildren(Trust.el('p', {text: 'No incidents have been reported.'}));
    return;
  }
  const pages = result.page.totalPages;
  const names = await Trust.names(incidents.map(i => i.subjectStaffNumber));
  container.replaceChildren(
      Trust.el('table', {id: 'incident-list', class: 'responsive'},
          Trust.el('thead', {}, Trust.el('tr', {}, ['Reference', 'Reported', 'Subject', 'Department', 'Category', 'Severity', 'Status']
              .map(h => Trust.el('th', {scope: 'col', text: h})))),
          Trust.el('tbody', {}, incidents.map(i => Trust.el('tr', {'data-reference': i.reference},
              Trust.el('td', {'data-label': 'Reference'}, Trust.el('a', {href: '/incident.html?ref=' + encodeURIComponent(i.reference), text: i.reference})),
              Trust.el('td', {'data-label': 'Reported', text: Trust.date(i.reportedAt)}),
              Trust.el('td', {'data-label': 'Subject', text: Trust.person(names, i.subjectStaffNumber)}),
              Trust.el('td', {'data-label': 'Department', text: i.subjectDepartment || '–'}),
              Trust.el('td', {'data-label': 'Category', text: Trust.words(i.category)}),
              Trust.el('td', {'data-label': 'Severity', text: Trust.words(i.severity)}),
              Trust.el('td', {'data-label': 'Status'}, Trust.el('strong', {class: 'tag tag-grey', text: Trust.words(i.status)})))))),
      Trust.el('p', {class: 'muted'}, 'Page ' + (page + 1) + ' of ' + pages + ' ',
          page > 0 ? Trust.el('a', {href: '?page=' + (page - 1), text: 'newer'}) : null, ' ',
          page + 1 < pages ? Trust.el('a', {href: '?page=' + (page + 1), text: 'older'}) : null));
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// The whole log is checked by a verification job on audit-service (never tied to this request): start it, then
// follow its progress until it is done.
document.getElementById('verify').addEventListener('click', async () => {
  const out = document.getElementById('verification');
  out.replaceChildren(Trust.el('p', {text: 'Checking…', role: 'status'}));
  try {
    let job = await Trust.api('POST', '/api/audit/log/verifications');
    while (job.state === 'RUNNING') {
      await sleep(500);
      job = await Trust.api('GET', '/api/audit/log/verifications/' + encodeURIComponent(job.id));
    }
    if (job.state !== 'DONE') {
      out.replaceChildren(Trust.el('div', {class: 'error'}, Trust.el('p', {text: 'The check stopped before it finished; start it again.'})));
      return;
    }
    const v = job.result;
    out.replaceChildren(v.intact
        ? Trust.el('div', {class: 'result passed'},
            Trust.el('p', {text: 'Intact: ' + v.checked + ' entries checked (' + v.from + ' to ' + v.to + ').'}),
            v.head ? Trust.el('p', {}, 'Head: entry ' + v.head.sequence + ', ', Trust.el('code', {text: v.head.hash})) : null)
        : Trust.el('div', {class: 'error'},
            Trust.el('p', {text: 'Broken at entry ' + v.firstBroken.sequence + ': ' + v.firstBroken.reason})));
  } catch (error) {
    Trust.showError(out, error);
  }
});

(async () => {
  Trust.header();
  try {
    await list();
  } catch (error) {
    Trust.showError(container, error);
  }
})();
