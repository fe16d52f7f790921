// The policy register: the trust's policies, searched, filtered and paged on the server in one request per page
// (GET /api/policy/register), each with its version in force, where I stand and, for authors and governance, the
// versions being written or decided.
'use strict';

const container = document.getElementById('policies');
const search = document.getElementById('policy-search');
const standingFilter = document.getElementById('policy-standing');

function standing(entry) {
  if (!entry.you) return Trust.el('span', {class: 'muted', text: 'Not asked of your role'});
  if (entry.you.toAcknowledge) {
    return Trust.el('strong', {class: 'tag tag-red', text: 'To acknowledge: version ' + entry.you.toAcknowledge});
  }
  if (entry.you.lastAcknowledged) {
    return Trust.el('span', {class: 'tag tag-green',
      text: 'Acknowledged version ' + entry.you.lastAcknowledged + ' on ' + Trust.date(entry.you.lastAcknowledgedAt)});
  }
  return Trust.el('span', {class: 'muted', text: 'Nothing asked of you'});
}

/** For authors and governance: the versions being written or decided, each linked to where it moves on. */
function inProgress(entry) {
  const code = encodeURIComponent(entry.code);
  return [Trust.el('ul', {class: 'plain'}, entry.inProgress.map(v => Trust.el('li', {},
      Trust.el('a', {href: (v.status === 'DRAFT' ? '/draft.html' : '/consultation.html') + '?code=' + code
            + '&version=' + encodeURIComponent(v.number), text: 'Version ' + v.number}), ' · ' + Trust.words(v.status)))),
    entry.status === 'RETIRED' ? null
      : Trust.el('a', {href: '/draft.html?code=' + code, 'data-new-draft': entry.code, text: 'Start a new draft'})];
}

function versionCell(entry) {
  if (entry.status === 'RETIRED') return Trust.el('td', {'data-label': 'In force', text: 'Retired'});
  if (!entry.publishedVersion) return Trust.el('td', {'data-label': 'In force', text: 'Not yet published'});
  const ahead = entry.takesEffect && new Date(entry.takesEffect) > new Date();
  return Trust.el('td', {'data-label': 'In force'}, 'Version ' + entry.publishedVersion,
      ahead ? Trust.el('span', {class: 'tag tag-yellow', text: ' takes effect on ' + Trust.date(entry.takesEffect)})
        : Trust.el('span', {class: 'muted', text: ' since ' + Trust.date(entry.takesEffect || entry.inForceSince)}));
}

let shown = 0;

async function show(page) {
  const asked = ++shown; // an answer to an older search that arrives late is dropped
  const me = await Trust.me();
  const writer = Trust.hasRole(me, 'policy-author', 'governance');
  const query = new URLSearchParams({size: '25', page: String(page || 0), sort: 'title'});
  if (search.value.trim()) query.set('q', search.value.trim());
  if (standingFilter.value) query.set('standing', standingFilter.value);
  else if (!writer) query.set('standing', 'IN_FORCE');
  try {
    const result = await Trust.api('GET', '/api/policy/register?' + query);
    if (asked !== shown) return;
    if (result.content.length === 0) {
      Trust.fill(container, Trust.el('p', {id: 'no-policies', text: search.value.trim() || standingFilter.value
          ? 'No policy matches. Try other words, or clear the filter.' : 'No policy is in force yet.'}));
      return;
    }
    Trust.fill(container, Trust.el('table', {id: 'policy-list', class: 'responsive'},
        Trust.el('caption', {class: 'visually-hidden', text: 'Policies'}),
        Trust.el('thead', {}, Trust.el('tr', {}, ['Policy', 'In force', 'Owner', 'You'].concat(writer ? ['Being written'] : [])
            .map(h => Trust.el('th', {scope: 'col', text: h})))),
        Trust.el('tbody', {}, result.content.map(p => Trust.el('tr', {'data-policy': p.code},
            Trust.el('td', {'data-label': 'Policy'}, p.publishedVersion ? Trust.el('a', {href: Trust.policyLink(p.code), text: p.title}) : p.title,
                Trust.el('br'), Trust.el('span', {class: 'muted', text: p.code})),
            versionCell(p),
            Trust.el('td', {'data-label': 'Owner', text: p.owner || 'Not named'}),
            Trust.el('td', {'data-label': 'You'}, standing(p)),
            writer ? Trust.el('td', {'data-label': 'Being written'}, inProgress(p)) : null)))),
        Trust.pager(result.page, show));
  } catch (error) {
    Trust.showError(container, error);
  }
}

(async () => {
  Trust.header();
  search.value = Trust.param('q') || '';
  const me = await Trust.me();
  if (Trust.hasRole(me, 'policy-author', 'governance')) {
    document.getElementById('new-policy').hidden = false;
    standingFilter.options[0].text = 'All policies';
  } else {
    standingFilter.options[0].text = 'In force';
    standingFilter.options[1].remove(); // the same as the default for staff
  }
  document.getElementById('policy-filters').addEventListener('submit', event => {
    event.preventDefault();
    show(0);
  });
  standingFilter.addEventListener('change', () => show(0));
  await show(0);
})();
