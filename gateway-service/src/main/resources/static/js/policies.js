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

/** For authors and governance: the versions being written or decided, each linked to where it moves on. */
async function inProgress(policy) {
  const versions = await Trust.api('GET', '/api/policy/policies/' + encodeURIComponent(policy.code) + '/versions');
  const links = versions.filter(v => ['DRAFT', 'IN_REVIEW', 'APPROVED'].includes(v.status)).map(v => Trust.el('li', {},
      Trust.el('a', {href: (v.status === 'DRAFT' ? '/draft.html' : '/consultation.html') + '?code=' + encodeURIComponent(policy.code)
            + '&version=' + encodeURIComponent(v.number), text: 'Version ' + v.number}), ' · ' + Trust.words(v.status)));
  return [Trust.el('ul', {class: 'plain'}, links),
    Trust.el('a', {href: '/draft.html?code=' + encodeURIComponent(policy.code), 'data-new-draft': policy.code, text: 'Start a new draft'})];
}

(async () => {
  Trust.header();
  try {
    const me = await Trust.me();
    const writer = Trust.hasRole(me, 'policy-author', 'governance');
    const [policies, mine] = await Promise.all([Trust.allPolicies(),
      Trust.hasRole(me, 'staff') ? Trust.api('GET', '/api/policy/attestations/mine') : {owed: [], acknowledged: []}]);
    const shown = writer ? policies.filter(p => p.status !== 'RETIRED') : policies.filter(p => p.publishedVersion);
    if (shown.length === 0) {
      Trust.fill(container, Trust.el('p', {text: 'No policy is in force yet.'}),
          writer ? Trust.el('a', {href: '/draft.html', text: 'Draft a new policy'}) : null);
      return;
    }
    const work = writer ? await Promise.all(shown.map(inProgress)) : [];
    Trust.fill(container, Trust.el('table', {id: 'policy-list'},
        Trust.el('caption', {class: 'muted', text: shown.filter(p => p.publishedVersion).length + ' in force'}),
        Trust.el('thead', {}, Trust.el('tr', {}, ['Policy', 'Version in force', 'Owner', 'You'].concat(writer ? ['Being written'] : [])
            .map(h => Trust.el('th', {scope: 'col', text: h})))),
        Trust.el('tbody', {}, shown.map((p, i) => Trust.el('tr', {'data-policy': p.code},
            Trust.el('td', {}, p.publishedVersion ? Trust.el('a', {href: Trust.policyLink(p.code), text: p.title}) : p.title,
                Trust.el('br'), Trust.el('span', {class: 'muted', text: p.code})),
            Trust.el('td', {text: p.publishedVersion || 'none yet'}),
            Trust.el('td', {text: p.owner || ''}),
            Trust.el('td', {}, standing(p, mine)),
            writer ? Trust.el('td', {}, work[i]) : null)))),
        writer ? Trust.el('p', {}, Trust.el('a', {href: '/draft.html', class: 'button secondary', text: 'Draft a new policy'})) : null);
  } catch (error) {
    Trust.showError(container, error);
  }
})();
