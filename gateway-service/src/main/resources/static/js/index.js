// The landing page: a sign-in button, or who is signed in and their to-do list: acknowledgements owed, training due
// soon or expired, consultations open to them, incidents that ask something of them and, for policy owners,
// policies due for review. Each item links to the page that settles it. A source that cannot be read is named.
'use strict';

const TRAINING = {NOT_STARTED: 'Not started', DUE_SOON: 'Refresher due soon', EXPIRED: 'Expired'};

function item(kind, href, text, detail) {
  return Trust.el('li', {'data-todo': kind}, Trust.el('a', {href, text}), detail ? Trust.el('span', {class: 'muted', text: ' · ' + detail}) : null);
}

// What is still asked of the person, as the notifications' subjects name it: a policy's code and major version
// ('SM-001/2') for an acknowledgement, a module's code for training; and the policy versions she acknowledged. A notice
// whose subject is not among what is asked is settled: done, or, for a version she never acknowledged (a later one
// replaced it), no longer asked.
const stillAsked = {policies: null, acknowledged: null, modules: null};
const majorOf = (code, version) => code + '/' + String(version).split('.')[0];

async function acknowledgementsOwed() {
  const mine = await Trust.api('GET', '/api/policy/attestations/mine');
  stillAsked.policies = new Set(mine.owed.map(o => majorOf(o.policyCode, o.version)));
  stillAsked.acknowledged = new Set(mine.acknowledged.map(a => majorOf(a.policyCode, a.version)));
  return mine.owed.map(o => item('acknowledge', Trust.policyLink(o.policyCode),
      'Acknowledge ' + o.title + ' version ' + o.version, o.policyCode));
}

async function trainingDue() {
  const assigned = await Trust.api('GET', '/api/training/my/modules');
  stillAsked.modules = new Set(assigned.filter(a => TRAINING[a.status]).map(a => a.module.code));
  return assigned.filter(a => TRAINING[a.status]).map(a => item('training',
      '/module.html?code=' + encodeURIComponent(a.module.code) + '&version=' + encodeURIComponent(a.module.version),
      'Complete ' + a.module.title, TRAINING[a.status] + (a.latest && a.latest.expiresAt ? ', expires ' + Trust.date(a.latest.expiresAt) : '')));
}

async function consultationsOpen() {
  const open = await Trust.api('GET', '/api/policy/consultations');
  return open.map(c => item('consultation',
      '/consultation.html?code=' + encodeURIComponent(c.policyCode) + '&version=' + encodeURIComponent(c.version),
      'Comment on ' + c.title + ' version ' + c.version, c.policyCode + ', in consultation'));
}

async function incidentsAssigned() {
  const page = await Trust.api('GET', '/api/audit/incidents/assigned?size=50');
  return page.content.map(a => item('incident', '/incident.html?ref=' + encodeURIComponent(a.reference),
      (a.investigator ? 'Investigate ' : 'Action on ') + a.reference,
      [Trust.words(a.status)].concat(a.actions.map(x => x.description + (x.dueOn ? ' (due ' + Trust.date(x.dueOn) + ')' : ''))).join(' · ')));
}

async function reviewsDue() {
  const due = await Trust.api('GET', '/api/policy/reviews/due?within=P90D');
  return due.map(d => item('review', Trust.policyLink(d.policyCode), 'Review ' + (d.title || d.policyCode),
      'review due ' + Trust.date(d.reviewDue)));
}

async function todo(me) {
  const box = document.getElementById('todo');
  const sources = [['acknowledgements', Trust.hasRole(me, 'staff') && acknowledgementsOwed],
    ['training', Trust.hasRole(me, 'staff') && trainingDue], ['consultations', consultationsOpen],
    ['incidents', incidentsAssigned], ['policy reviews', Trust.hasRole(me, 'governance', 'policy-author') && reviewsDue]]
      .filter(([, load]) => load);
  const results = await Promise.allSettled(sources.map(([, load]) => load()));
  const items = results.filter(r => r.status === 'fulfilled').flatMap(r => r.value);
  const failed = sources.filter((s, i) => results[i].status === 'rejected').map(([name]) => name);
  Trust.fill(box,
      items.length ? Trust.el('ul', {id: 'todo-list'}, items) : Trust.el('p', {id: 'todo-empty', text: 'Nothing is asked of you at the moment.'}),
      failed.length ? Trust.el('p', {class: 'notice', text: 'Could not be checked just now: ' + failed.join(', ') + '.'}) : null);
}

// The person's notifications (every reminder decided for them, mailed or not) and their e-mail choices. Each opens
// the page where it is settled, and opening it marks it read; one that the to-do list no longer asks for (a policy
// acknowledged, a module completed) says it is done.
const DONE_WHEN = {
  'policy.acknowledgement-owed': 'policies', 'policy.acknowledgement-overdue': 'policies',
  'training.assigned': 'modules', 'training.due-soon': 'modules', 'training.due-today': 'modules', 'training.overdue': 'modules'};

// 'done', 'no-longer-asked' or null (still asked, or the to-do list's sources could not be read).
function settled(n) {
  const kind = DONE_WHEN[n.reason];
  const asked = stillAsked[kind];
  if (!asked || asked.has(n.subject)) return null;
  return kind === 'policies' && !stillAsked.acknowledged.has(n.subject) ? 'no-longer-asked' : 'done';
}
const SETTLED = {'done': ['tag-green', 'Done'], 'no-longer-asked': ['tag-grey', 'No longer asked']};

async function notifications(todoShown) {
  const section = document.getElementById('notifications');
  const list = document.getElementById('notification-list');
  const form = document.getElementById('notification-choices');
  section.hidden = false;
  const readPath = n => '/api/training/my/notifications/' + encodeURIComponent(n.id) + '/read';
  // Whether it was marked; a notice that could not be is still opened, and the list says it unread until it is.
  async function markRead(n) {
    try {
      await Trust.api('POST', readPath(n));
      return true;
    } catch (error) {
      return false;
    }
  }
  function markReadLeaving(n) {
    fetch(readPath(n), {method: 'POST', keepalive: true, credentials: 'same-origin',
      headers: {'Accept': 'application/json', 'X-XSRF-TOKEN': Trust.csrfToken()}}).catch(() => {});
  }
  function line(n) {
    const state = settled(n);
    const page = /^\/(?![\/\\])/.test(n.page || '') ? n.page : null; // a path of these pages ('//' and '/\' lead to other sites)
    const text = page
        ? Trust.el('a', {href: page, text: n.text, 'data-page': ''})
        : Trust.el('span', {text: n.text});
    if (page) {
      text.addEventListener('click', async event => {
        if (n.read) return;
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
          markRead(n).then(show); // opened in another tab: this page stays, and shows it read
          return;
        }
        const target = new URL(page, location.href);
        if (target.pathname === location.pathname) {
          event.preventDefault();
          await markRead(n);
          await show();
          const anchor = target.hash && document.getElementById(target.hash.slice(1));
          if (anchor) anchor.scrollIntoView();
        } else {
          // the page opens at once; the mark goes with keepalive, so it is not lost as this page unloads
          markReadLeaving(n);
        }
      });
    }
    const readOne = n.read ? null : Trust.el('button', {type: 'button', class: 'link-button', 'data-read': '',
      'aria-label': 'Mark as read: ' + n.heading + ', ' + n.text, text: 'Mark as read'});
    if (readOne) {
      readOne.addEventListener('click', async () => {
        const marked = await markRead(n);
        try {
          await show();
        } catch (error) {
          // the list as it was stays; what happened is still said below
        }
        // the keyboard stays on the same notification: on it once its button is gone, on its button to try again
        const same = [...list.querySelectorAll('li[data-id]')].find(li => li.dataset.id === n.id);
        const again = same && !marked ? same.querySelector('button[data-read]') : null;
        if (again) again.focus();
        else if (same) same.focus();
        // said once the list is drawn again, so that nothing moves after it
        Trust.announce(marked ? 'Marked as read.' : 'It could not be marked as read just now; try again.');
      });
    }
    return Trust.el('li', {'data-notification': n.reason, 'data-id': n.id, tabindex: '-1', class: n.read ? 'muted' : 'unread',
      'data-done': state === 'done', 'data-no-longer-asked': state === 'no-longer-asked'},
        Trust.el('strong', {text: n.heading}), Trust.el('span', {text: ' · '}), text,
        state ? Trust.el('span', {class: 'tag ' + SETTLED[state][0], text: SETTLED[state][1]}) : null, readOne);
  }
  async function show() {
    const mine = await Trust.api('GET', '/api/training/my/notifications?size=10');
    await todoShown;
    document.getElementById('unread').textContent = mine.unread ? mine.unread + ' unread' : '';
    const items = mine.items.map(line);
    const readAll = mine.unread ? Trust.el('button', {type: 'button', class: 'secondary', id: 'read-all', text: 'Mark all as read'}) : null;
    Trust.fill(list, items.length ? Trust.el('ul', {id: 'notification-items'}, items)
        : Trust.el('p', {id: 'notifications-empty', text: 'No notifications yet.'}), readAll);
    if (readAll) {
      readAll.addEventListener('click', async () => {
        await Trust.api('POST', '/api/training/my/notifications/read');
        Trust.announce('All notifications marked as read.');
        await show();
      });
    }
  }
  try {
    await show();
    const choices = await Trust.api('GET', '/api/training/my/notification-preferences');
    form.querySelector('input[name=digest][value=' + choices.digest + ']').checked = true;
    form.querySelectorAll('input[name=optional]').forEach(box => { box.checked = !choices.unsubscribed.includes(box.value); });
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const digest = form.querySelector('input[name=digest]:checked').value;
      const unsubscribed = [...form.querySelectorAll('input[name=optional]')].filter(b => !b.checked).map(b => b.value);
      try {
        await Trust.api('PUT', '/api/training/my/notification-preferences', {digest, unsubscribed});
        Trust.announce('Your e-mail choices are saved.');
      } catch (error) {
        Trust.showError(list, error);
      }
    });
  } catch (error) {
    Trust.showError(list, error);
  }
}

(async () => {
  const me = await Trust.me();
  document.getElementById(me.authenticated ? 'signed-in' : 'signed-out').hidden = false;
  Trust.header();
  if (me.authenticated) {
    document.getElementById('name').textContent = me.name;
    document.getElementById('staff-number').textContent = me.staffNumber;
    document.getElementById('department').textContent = me.department;
    const todoShown = todo(me);
    await Promise.all([todoShown, Trust.hasRole(me, 'staff') ? notifications(todoShown.catch(() => null)) : null]);
  }
})();
