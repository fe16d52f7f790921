// Governance and auditors: the incidents, newest first, and a check of the audit log's hash chain.
'use strict';

const container = document.getElementById('incidents');
const filters = document.getElementById('incident-filters');

/**
 * The list as the filters say, a page at a time (filtered and paged by audit-service: one request). {@code settle},
 * if given, is awaited just before the list is shown (the first load's leaver notice, shown with it).
 */
async function list(page, settle) {
  const query = new URLSearchParams({page: String(page || 0), size: '50'});
  for (const name of ['status', 'severity']) {
    if (filters.elements[name].value) query.set(name, filters.elements[name].value);
  }
  if (filters.elements.assignedToMe.checked) query.set('assignedToMe', 'true');
  if (filters.elements.waitingOnLeaver.checked) query.set('waitingOnLeaver', 'true');
  const result = await Trust.api('GET', '/api/audit/incidents?' + query);
  const incidents = result.content;
  if (incidents.length === 0) {
    if (settle) await settle();
    container.replaceChildren(Trust.el('p', {id: 'no-incidents', text: ['status', 'severity', 'assignedToMe', 'waitingOnLeaver'].some(f => query.has(f))
        ? 'No incident matches these filters.' : 'No incidents have been reported.'}));
    return;
  }
  const names = await Trust.names(incidents.map(i => i.subjectStaffNumber));
  if (settle) await settle();
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
      Trust.pager(result.page, show));
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

/** How long the list waits for the leaver notice once the list itself is ready. */
const NOTICE_WAIT_MS = 2000;

/**
 * How many open cases wait on someone HR's roster now has as a leaver (their investigator, or an open action's
 * owner); 0 when training-service cannot say who has left (the notice is left out and the list still shows).
 */
async function leaversWaitedOn() {
  try {
    return (await Trust.api('GET', '/api/audit/incidents?waitingOnLeaver=true&size=1')).page.totalElements;
  } catch (error) {
    return 0;
  }
}

/**
 * Says how many open cases wait on a leaver, with a button that lists them: the reminders tell governance's mailbox
 * to look here. Shown with the list, in the same moment, so that nothing moves under a pointer about to click: a
 * count that comes later than {@link NOTICE_WAIT_MS} after the list is left out of this load (the reminders still
 * tell the mailbox).
 */
async function leaverNotice(counted) {
  const notice = document.getElementById('leaver-notice');
  const count = await Promise.race([counted, sleep(NOTICE_WAIT_MS).then(() => 0)]);
  notice.dataset.checked = 'true'; // the page has settled: nothing above the list moves after this
  if (count === 0) {
    notice.hidden = true;
    return;
  }
  const show = Trust.el('button', {type: 'button', class: 'secondary', id: 'show-leaver-cases', text: 'Show them'});
  show.addEventListener('click', () => {
    filters.elements.waitingOnLeaver.checked = true;
    filters.requestSubmit();
  });
  notice.replaceChildren(Trust.el('p', {text: (count === 1 ? '1 open case waits' : count + ' open cases wait')
      + ' on someone who has left the trust: its investigator, or the owner of one of its actions. Give the part to someone else. '}), show);
  notice.hidden = false;
}

/** Shows a page of the list; a failure is said where the list would be. */
async function show(page, settle) {
  try {
    await list(page, settle);
  } catch (error) {
    if (settle) await settle();
    Trust.showError(container, error);
  }
}

(async () => {
  Trust.header();
  filters.addEventListener('submit', event => {
    event.preventDefault();
    show(0);
  });
  try {
    // The values audit-service accepts, from its OpenAPI document (the page keeps no copy).
    const [statuses, severities] = await Promise.all([Trust.choices('audit', 'Summary', 'status'),
      Trust.choices('audit', 'Summary', 'severity')]);
    filters.elements.status.append(...statuses.map(v => Trust.el('option', {value: v, text: Trust.words(v)})));
    filters.elements.severity.append(...severities.map(v => Trust.el('option', {value: v, text: Trust.words(v)})));
  } catch (error) {
    filters.hidden = true; // the list still shows, unfiltered
  }
  const counted = leaversWaitedOn(); // asked at once, beside the list
  await show(0, () => leaverNotice(counted));
})();
