// One version of a policy, clause by clause (each clause linkable: policy.html?code=SM-001#4.2), what changed since
// the version I acknowledged (clause by clause, changed words marked), and Acknowledge with a confirmation that
// names exactly the version acknowledged. The version in force unless ?version= names another.
'use strict';

const code = Trust.param('code');
const asked = Trust.param('version');
const container = document.getElementById('policy');
const ackBox = document.getElementById('acknowledgement');
const changes = document.getElementById('changes');

function clauseSection(clause) {
  return Trust.el('section', {class: 'clause', id: clause.number},
      Trust.el('h3', {}, Trust.el('a', {href: '#' + clause.number, class: 'clause-number', text: clause.number}), ' ', clause.heading),
      Trust.el('p', {class: 'description', text: clause.text}));
}

function showChanges(comparison, acknowledged) {
  const items = [];
  comparison.changed.forEach(c => items.push(Trust.el('li', {'data-change': 'changed', 'data-clause': c.number},
      Trust.el('strong', {}, Trust.el('a', {href: '#' + c.number, text: c.number}), ' changed: '),
      c.before.heading === c.after.heading ? c.after.heading : wordDiff(c.before.heading, c.after.heading),
      Trust.el('p', {class: 'description diff'}, wordDiff(c.before.text, c.after.text)))));
  comparison.added.forEach(c => items.push(Trust.el('li', {'data-change': 'added', 'data-clause': c.number},
      Trust.el('strong', {}, Trust.el('a', {href: '#' + c.number, text: c.number}), ' added: '), c.heading)));
  comparison.removed.forEach(c => items.push(Trust.el('li', {'data-change': 'removed', 'data-clause': c.number},
      Trust.el('strong', {text: c.number + ' removed: '}), Trust.el('del', {text: c.heading}))));
  Trust.fill(changes,
      Trust.el('h3', {text: 'What changed since version ' + acknowledged.version + ', which you acknowledged on ' + Trust.date(acknowledged.at)}),
      items.length ? Trust.el('ul', {id: 'change-list'}, items) : Trust.el('p', {text: 'No clause changed.'}),
      Trust.el('p', {class: 'muted', text: comparison.unchanged.length + (comparison.unchanged.length === 1 ? ' clause is' : ' clauses are') + ' unchanged.'}));
  changes.hidden = false;
}

function acknowledgement(version, policy, mine) {
  const acknowledged = Trust.lastAcknowledged(mine, code);
  const owed = mine.owed.some(o => o.policyCode === code && o.version === version.number);
  if (!owed) {
    Trust.fill(ackBox, acknowledged ? Trust.el('p', {class: 'result passed', id: 'acknowledged',
      text: 'You acknowledged version ' + acknowledged.version + ' on ' + Trust.date(acknowledged.at) + '.'}) : null);
    return;
  }
  const confirm = Trust.el('div', {id: 'confirm', class: 'notice', hidden: true},
      Trust.el('p', {}, 'You are acknowledging ', Trust.el('strong', {text: policy.title + ' (' + code + ') version ' + version.number}),
          ', in force from ' + Trust.date(version.effectiveDate) + ': you confirm you have read it and will follow it.'),
      Trust.el('button', {id: 'confirm-acknowledge', type: 'button', text: 'Confirm: I acknowledge version ' + version.number}), ' ',
      Trust.el('button', {id: 'cancel-acknowledge', type: 'button', class: 'secondary', text: 'Cancel'}));
  const start = Trust.el('button', {id: 'acknowledge', type: 'button', text: 'Acknowledge'});
  Trust.fill(ackBox, Trust.el('div', {class: 'notice'},
      Trust.el('p', {text: 'You have not acknowledged version ' + version.number + ' yet.'}), start), confirm);
  start.addEventListener('click', () => { confirm.hidden = false; start.disabled = true; confirm.querySelector('button').focus(); });
  confirm.querySelector('#cancel-acknowledge').addEventListener('click', () => { confirm.hidden = true; start.disabled = false; start.focus(); });
  confirm.querySelector('#confirm-acknowledge').addEventListener('click', async event => {
    event.target.disabled = true;
    try {
      const result = await Trust.api('POST', '/api/policy/policies/' + encodeURIComponent(code) + '/versions/'
          + encodeURIComponent(version.number) + '/attestations');
      Trust.fill(ackBox, Trust.el('p', {class: 'result passed', id: 'acknowledged', role: 'status',
        text: 'You acknowledged ' + code + ' version ' + result.version + ' on ' + Trust.date(result.at) + '.'}));
    } catch (error) {
      Trust.showError(ackBox, error);
    }
  });
}

(async () => {
  Trust.header();
  if (!code) {
    Trust.fill(container, Trust.el('p', {class: 'error', text: 'No policy was named: open a policy from the list of policies.'}));
    return;
  }
  try {
    const me = await Trust.me();
    const base = '/api/policy/policies/' + encodeURIComponent(code);
    const [policy, version, mine] = await Promise.all([Trust.api('GET', base),
      Trust.api('GET', base + '/versions/' + (asked ? encodeURIComponent(asked) : 'current')),
      Trust.hasRole(me, 'staff') ? Trust.api('GET', '/api/policy/attestations/mine') : {owed: [], acknowledged: []}]);
    document.title = policy.title + ' - Social media governance';
    document.getElementById('title').textContent = policy.title + ' (' + code + ')';
    Trust.fill(document.getElementById('facts'),
        Trust.el('dt', {text: 'Version'}), Trust.el('dd', {id: 'version', text: version.number + ' · ' + Trust.words(version.status)}),
        // A published version whose effective date is still ahead is published, not yet in force: say which.
        Trust.el('dt', {text: version.effectiveDate && new Date(version.effectiveDate) > new Date() ? 'Takes effect on' : 'In force from'}),
        Trust.el('dd', {id: 'effective', text: Trust.date(version.effectiveDate) || '–'}),
        Trust.el('dt', {text: 'Review due'}), Trust.el('dd', {text: Trust.date(version.reviewDue) || '–'}),
        Trust.el('dt', {text: 'Owner'}), Trust.el('dd', {text: policy.owner || '–'}),
        Trust.el('dt', {text: 'Change summary'}), Trust.el('dd', {text: version.changeSummary || '–'}));
    if (version.status === 'IN_REVIEW') {
      Trust.fill(ackBox, Trust.el('p', {class: 'notice'}, 'This version is in consultation. ',
          Trust.el('a', {href: '/consultation.html?code=' + encodeURIComponent(code) + '&version=' + encodeURIComponent(version.number),
            text: 'Read it with its comments and add yours'})));
    } else if (version.status === 'PUBLISHED') {
      acknowledgement(version, policy, mine);
      const acknowledged = Trust.lastAcknowledged(mine, code);
      if (acknowledged && acknowledged.version !== version.number) {
        showChanges(await Trust.api('GET', base + '/versions/compare?from=' + encodeURIComponent(acknowledged.version)
            + '&to=' + encodeURIComponent(version.number)), acknowledged);
      }
    } else {
      Trust.fill(ackBox, Trust.el('p', {class: 'notice'}, 'This version is not the one in force. ',
          policy.publishedVersion ? Trust.el('a', {href: Trust.policyLink(code), text: 'Read version ' + policy.publishedVersion}) : null));
    }
    Trust.fill(container, Trust.el('h3', {class: 'muted', text: version.clauses.length + ' clauses'}), version.clauses.map(clauseSection));
    const target = decodeURIComponent(window.location.hash.substring(1));
    if (target && document.getElementById(target)) {
      document.getElementById(target).classList.add('cited');
      document.getElementById(target).scrollIntoView();
    }
  } catch (error) {
    Trust.showError(container, error);
  }
})();
