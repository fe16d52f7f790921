// A person's own page of the records about them: the cases about them (each opens on its page with who viewed it),
// and every read of their records by someone else, or attempt refused, from audit-service's access records.
'use strict';

const KINDS = {INCIDENT: 'A case about you', CASE_BUNDLE: 'A case bundle', OUTCOME: 'A case outcome',
  COMPLIANCE_RECORD: 'Your training and compliance', STAFF_RECORD: 'Your staff record', CERTIFICATE: 'A certificate',
  ATTEMPT: 'An attempt at a module'};
const ROUTES = {PAGE: 'a page', API: 'the API'};

async function loadCases() {
  const container = document.getElementById('cases');
  // "mine" also holds what I reported: a case about me is the one without who reported it.
  const about = (await Trust.api('GET', '/api/audit/incidents/mine?size=200')).content.filter(i => !i.reportedAt);
  if (about.length === 0) {
    container.replaceChildren(Trust.el('p', {text: 'None.'}));
    return;
  }
  container.replaceChildren(Trust.el('table', {id: 'cases-about-me'},
      Trust.el('thead', {}, Trust.el('tr', {}, ['Case', 'What about', 'Status'].map(h => Trust.el('th', {text: h})))),
      Trust.el('tbody', {}, about.map(i => Trust.el('tr', {'data-reference': i.reference},
          Trust.el('td', {}, Trust.el('a', {href: '/incident.html?ref=' + encodeURIComponent(i.reference), text: i.reference})),
          Trust.el('td', {text: Trust.words(i.category)}), Trust.el('td', {text: Trust.words(i.status)}))))));
}

async function loadReads(page) {
  const container = document.getElementById('reads');
  const reads = await Trust.api('GET', '/api/audit/access-records/mine?size=50&page=' + page);
  if (reads.content.length === 0) {
    container.replaceChildren(Trust.el('p', {text: 'No one but you has read a record about you.'}));
    return;
  }
  Trust.fill(container, Trust.el('table', {id: 'reads-of-my-records'},
      Trust.el('thead', {}, Trust.el('tr', {}, ['When', 'What', 'Role', 'Department', 'Through', ''].map(h => Trust.el('th', {text: h})))),
      Trust.el('tbody', {}, reads.content.map(r => Trust.el('tr', {},
          Trust.el('td', {text: Trust.readAt(r)}),
          Trust.el('td', {}, r.what === 'INCIDENT' || r.what === 'OUTCOME' || r.what === 'CASE_BUNDLE'
              ? Trust.el('a', {href: '/incident.html?ref=' + encodeURIComponent(r.recordId), text: KINDS[r.what] + ' (' + r.recordId + ')'})
              : KINDS[r.what] || Trust.words(r.what)),
          Trust.el('td', {text: r.viewer ? Trust.roleName(r.viewerRole) + ', ' + Trust.person({}, r.viewer) : Trust.roleName(r.viewerRole) || 'A system'}),
          Trust.el('td', {text: r.viewerDepartment || '–'}),
          Trust.el('td', {text: ROUTES[r.route] || r.route}),
          Trust.el('td', {text: r.outcome === 'REFUSED' ? 'Refused' : 'Read'}))))),
      Trust.pager(reads.page, loadReads));
}

(async () => {
  Trust.header();
  try {
    await Promise.all([loadCases(), loadReads(0)]);
  } catch (error) {
    Trust.showError(document.getElementById('reads'), error);
  }
})();
