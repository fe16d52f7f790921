// My training: the modules assigned to me, my status on each, and links to take them and to my certificates.
'use strict';

const LABELS = {COMPLIANT: 'Complete', DUE_SOON: 'Refresher due soon', EXPIRED: 'Expired', NOT_STARTED: 'Not started'};
const container = document.getElementById('modules');

function row(assigned) {
  const m = assigned.module;
  const latest = assigned.latest;
  const href = '/module.html?code=' + encodeURIComponent(m.code) + '&version=' + m.version;
  const action = assigned.status === 'COMPLIANT'
      ? Trust.el('a', {href, text: 'Take again'})
      : Trust.el('a', {class: 'button', href, text: assigned.status === 'NOT_STARTED' ? 'Start' : 'Retake'});
  return Trust.el('tr', {'data-module': m.code},
      Trust.el('td', {}, Trust.el('strong', {text: m.title}), Trust.el('br'),
          Trust.el('span', {class: 'muted', text: m.code + ' v' + m.version + ' · policy ' + m.policyCode + ' v' + m.policyVersion})),
      Trust.el('td', {}, Trust.el('span', {class: 'status ' + assigned.status, text: LABELS[assigned.status]})),
      Trust.el('td', {text: latest ? Trust.date(latest.completedAt) : '–'}),
      Trust.el('td', {text: latest ? Trust.date(latest.expiresAt) : '–'}),
      Trust.el('td', {}, action, latest ? Trust.el('br') : null,
          latest ? Trust.el('a', {href: '/certificate.html?id=' + encodeURIComponent(latest.certificateId), text: 'Certificate'}) : null));
}

(async () => {
  Trust.header();
  const me = await Trust.me();
  document.getElementById('who').textContent = me.name + ' · staff number ' + me.staffNumber + ' · ' + me.department;
  try {
    const assigned = await Trust.api('GET', '/api/training/my/modules');
    document.getElementById('stale').hidden = !assigned.some(a => a.policyVersionMayBeStale);
    if (assigned.length === 0) {
      container.replaceChildren(Trust.el('p', {text: 'No training is assigned to you at the moment.'}));
      return;
    }
    container.replaceChildren(Trust.el('table', {id: 'my-modules'},
        Trust.el('thead', {}, Trust.el('tr', {}, ['Module', 'Status', 'Completed', 'Expires', ''].map(h => Trust.el('th', {text: h})))),
        Trust.el('tbody', {}, assigned.map(row))));
  } catch (error) {
    Trust.showError(container, error);
  }
})();
