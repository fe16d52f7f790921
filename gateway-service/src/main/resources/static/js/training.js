// My training: the modules assigned to me, my status on each, and links to take them and to my certificates.
'use strict';

const LABELS = {COMPLIANT: 'Complete', DUE_SOON: 'Refresher due soon', EXPIRED: 'Expired', NOT_STARTED: 'Not started'};
const container = document.getElementById('modules');

/** Why a module stands where it does, in words: an expiry still ahead means a new major version of the policy. */
function reason(assigned) {
  const latest = assigned.latest;
  if (assigned.refresherDueAt) {
    // the end of the due day: the day before the instant it falls due
    return 'This module has been assigned to you again: complete it by '
        + Trust.date(new Date(Date.parse(assigned.refresherDueAt) - 1).toISOString()) + '.';
  }
  const override = assigned.override;
  if (override && override.basis === 'TRANSFERRED') {
    return 'Transferred: completed at another organisation on ' + Trust.date(override.completedAt)
        + ' and recorded by the governance team; it counts until ' + Trust.date(override.expiresAt) + '.';
  }
  if (override && override.basis === 'EXEMPT') {
    return 'Exempt: the governance team has exempted you until ' + Trust.date(new Date(Date.parse(override.expiresAt) - 1).toISOString()) + '.';
  }
  if (assigned.status === 'EXPIRED' && latest && new Date(latest.expiresAt) > new Date()) {
    return 'The policy is now at version ' + assigned.policyVersionInForce + '; you were taught version '
        + latest.policyVersion + ', so take the module again.';
  }
  if (assigned.status === 'EXPIRED' && latest) return 'Your completion expired on ' + Trust.date(latest.expiresAt) + '.';
  if (assigned.status === 'DUE_SOON' && latest) return 'Take the refresher before ' + Trust.date(latest.expiresAt) + '.';
  return null;
}

const TAGS = {COMPLIANT: 'tag-green', DUE_SOON: 'tag-yellow', EXPIRED: 'tag-red', NOT_STARTED: 'tag-grey'};

function row(assigned) {
  const m = assigned.module;
  const latest = assigned.latest;
  const why = reason(assigned);
  const href = '/module.html?code=' + encodeURIComponent(m.code) + '&version=' + m.version;
  const action = assigned.status === 'COMPLIANT' && !assigned.refresherDueAt
      ? Trust.el('a', {href, text: 'Take again'})
      : Trust.el('a', {class: 'button', href, text: assigned.status === 'NOT_STARTED' ? 'Start' : 'Retake'});
  return Trust.el('tr', {'data-module': m.code},
      Trust.el('td', {'data-label': 'Module'}, Trust.el('strong', {text: m.title}), Trust.el('br'),
          Trust.el('span', {class: 'muted', text: m.code + ' v' + m.version + ' · policy ' + m.policyCode + ' v' + m.policyVersion})),
      Trust.el('td', {'data-label': 'Status'}, Trust.el('strong', {class: 'tag ' + TAGS[assigned.status], text: LABELS[assigned.status]}),
          why ? Trust.el('p', {class: 'muted', 'data-reason': m.code, text: why}) : null),
      Trust.el('td', {'data-label': 'Completed', text: assigned.override ? Trust.words(assigned.override.basis)
          : latest ? Trust.date(latest.completedAt) : '–'}),
      Trust.el('td', {'data-label': 'Valid until', text: assigned.override ? Trust.date(assigned.override.expiresAt)
          : latest ? Trust.date(latest.expiresAt) : '–'}),
      Trust.el('td', {'data-label': 'Action'}, action, latest ? Trust.el('br') : null,
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
    container.replaceChildren(Trust.el('table', {id: 'my-modules', class: 'responsive'},
        Trust.el('thead', {}, Trust.el('tr', {}, ['Module', 'Status', 'Completed', 'Valid until', 'Action'].map(h => Trust.el('th', {scope: 'col', text: h})))),
        Trust.el('tbody', {}, assigned.map(row))));
  } catch (error) {
    Trust.showError(container, error);
  }
})();
