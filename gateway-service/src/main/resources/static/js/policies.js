// The policies in force, with where I stand on each: acknowledged (which version, when) or still to acknowledge.
'use strict';

const container = document.getElementById('policies');

function standing(policy, mine) {
  const owed = mine.owed.find(o => o.policyCode === policy.code);
  if (owed) {
    return Trust.el('span', {class: 'status EXPIRED', text: 'To acknowledge: version ' + owed.version});
  }
  const acknowledged = Trust.lastAcknowledged(mine, policy.code);
  return acknowledged
      ? Trust.el('span', {class: 'status COMPLIANT', text: 'Acknowledged version ' + acknowledged.version + ' on ' + Trust.date(acknowledged.at)})
      : Trust.el('span', {class: 'muted', text: 'No acknowledgement asked of you'});
}

(async () => {
  Trust.header();
  try {
    const me = await Trust.me();
    const [policies, mine] = await Promise.all([Trust.allPolicies(),
      Trust.hasRole(me, 'staff') ? Trust.api('GET', '/api/policy/attestations/mine') : {owed: [], acknowledged: []}]);
    const inForce = policies.filter(p => p.publishedVersion);
    if (inForce.length === 0) {
      Trust.fill(container, Trust.el('p', {text: 'No policy is in force yet.'}));
      return;
    }
    Trust.fill(container, Trust.el('table', {id: 'policy-list'},
        Trust.el('caption', {class: 'muted', text: inForce.length + ' in force'}),
        Trust.el('thead', {}, Trust.el('tr', {}, ['Policy', 'Version in force', 'Owner', 'You'].map(h => Trust.el('th', {scope: 'col', text: h})))),
        Trust.el('tbody', {}, inForce.map(p => Trust.el('tr', {'data-policy': p.code},
            Trust.el('td', {}, Trust.el('a', {href: Trust.policyLink(p.code), text: p.title}), Trust.el('br'),
                Trust.el('span', {class: 'muted', text: p.code})),
            Trust.el('td', {text: p.publishedVersion}),
            Trust.el('td', {text: p.owner || ''}),
            Trust.el('td', {}, standing(p, mine)))))));
  } catch (error) {
    Trust.showError(container, error);
  }
})();
