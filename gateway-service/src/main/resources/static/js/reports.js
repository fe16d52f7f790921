// Governance's and auditors' reports: incidents by category, severity, department and month (a trend), open cases by
// age, the median time to close, breaches by staff who were and were not compliant with the training at the time;
// training compliance per module (governance); the audit log's head. The numbers are audit-service's and
// training-service's; each chart has a table of them. A part that cannot be read says so and the rest still shows.
'use strict';

function isoDay(date) {
  return date.toISOString().substring(0, 10);
}

function entries(map) {
  return Object.entries(map || {}).sort((a, b) => b[1] - a[1]);
}

/** Severities by scale, not by count. */
const SCALE = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** Every month from the first to the last of the period ("2026-01" …), so a month without incidents shows 0. */
function monthsBetween(from, to) {
  const months = [];
  const end = to.substring(0, 7);
  for (let d = new Date(from.substring(0, 7) + '-01T00:00:00Z'); ; d.setUTCMonth(d.getUTCMonth() + 1)) {
    const m = d.toISOString().substring(0, 7);
    if (m > end || months.length > 120) return months;
    months.push(m);
  }
}

function monthName(m) {
  return new Date(m + '-01T00:00:00Z').toLocaleDateString('en-GB', {month: 'short', year: 'numeric', timeZone: 'UTC'});
}

function incidentCharts(r, from, to) {
  Trust.fill(document.getElementById('headline'),
      Trust.el('dt', {text: 'Reported'}), Trust.el('dd', {id: 'incident-total', text: String(r.incidents)}),
      Trust.el('dt', {text: 'Closed'}), Trust.el('dd', {id: 'incident-closed', text: String(r.closed)}),
      Trust.el('dt', {text: 'Median time to close'}), Trust.el('dd', {id: 'median-to-close', text: r.medianHoursToClose == null
          ? 'no case closed yet' : (r.medianHoursToClose / 24).toFixed(1) + ' days (' + r.medianHoursToClose.toFixed(0) + ' hours)'}));
  const months = [...new Set(monthsBetween(from, to).concat(Object.keys(r.byMonth || {})))].sort();
  const category = entries(r.byCategory);
  const severity = Object.entries(r.bySeverity || {}).sort((a, b) =>
      (SCALE.indexOf(a[0]) + 1 || 99) - (SCALE.indexOf(b[0]) + 1 || 99));
  const department = entries(r.byDepartment);
  const age = r.openByAge;
  return [
    Charts.figure('by-month', 'Incidents reported per month', months.map(monthName),
        [{label: 'Incidents', values: months.map(m => (r.byMonth || {})[m] || 0)}],
        {type: months.length > 1 ? 'line' : 'bar', labelHeading: 'Month'}),
    Charts.figure('by-category', 'Incidents by category', category.map(([k]) => Trust.words(k)),
        [{label: 'Incidents', values: category.map(([, v]) => v)}], {horizontal: true, labelHeading: 'Category'}),
    Charts.figure('by-severity', 'Incidents by severity', severity.map(([k]) => Trust.words(k)),
        [{label: 'Incidents', values: severity.map(([, v]) => v)}], {labelHeading: 'Severity'}),
    Charts.figure('by-department', 'Incidents by the department of the person concerned', department.map(([k]) => k),
        [{label: 'Incidents', values: department.map(([, v]) => v)}], {horizontal: true, labelHeading: 'Department'}),
    Charts.figure('open-by-age', 'Open cases by how long ago they were reported', ['Up to 30 days', '31 to 60 days', '61 to 90 days', 'Over 90 days'],
        [{label: 'Open cases', values: [age.upTo30Days, age.days31To60, age.days61To90, age.over90Days]}], {labelHeading: 'Age'}),
    Charts.figure('by-training', 'Breaches by whether the person was compliant with the training at the time',
        ['Compliant', 'Not compliant', 'Not known'],
        [{label: 'Incidents', values: [r.compliantAtTheTime, r.nonCompliantAtTheTime, r.trainingUnknown]}], {labelHeading: 'Training at the time'})
  ];
}

function trainingChart(report) {
  if (report.modules.length === 0) return Trust.el('p', {text: 'No module is published yet.'});
  const labels = report.modules.map(m => m.moduleCode + ' v' + m.moduleVersion);
  const share = status => report.modules.map(m => Number(m.total.percentages[status].toFixed(1)));
  return [Charts.figure('training-modules', 'Share of assigned staff by status, per module (%)', labels, [
    {label: 'Compliant', values: share('COMPLIANT'), colour: Charts.DONE}, {label: 'Due soon', values: share('DUE_SOON'), colour: Charts.SOON},
    {label: 'Expired', values: share('EXPIRED'), colour: Charts.LATE}, {label: 'Not started', values: share('NOT_STARTED'), colour: Charts.NOT_YET}],
  {stacked: true, horizontal: true, unit: '%', labelHeading: 'Module'}),
  Trust.el('p', {}, 'Per department: ', Trust.el('a', {href: '/compliance.html', text: 'training compliance'}), '.')];
}

// Clusters the trust's rule finds now (whatever the period above): a clause breached again and again in one
// department, for governance to act on (assign a targeted refresher). Counts and dates only.
function signalList(s, governance) {
  document.getElementById('signals-rule').textContent = s.rule.incidents + ' or more incidents citing the same clause about '
      + 'staff of one department, occurred within ' + Trust.period(s.rule.within) + ', not counting cases closed with no case to answer.';
  if (s.signals.length === 0) return Trust.el('p', {id: 'no-signals', text: 'No clause makes a cluster now.'});
  return Trust.el('table', {id: 'signals-table', class: 'responsive'},
      Trust.el('thead', {}, Trust.el('tr', {}, ['Policy', 'Clause', 'Department', 'Incidents', 'First occurred', 'Last occurred']
          .concat(governance ? ['Act'] : []).map(h => Trust.el('th', {scope: 'col', text: h})))),
      Trust.el('tbody', {}, s.signals.map(g => Trust.el('tr', {'data-policy': g.policyCode, 'data-clause': g.clauseNumber, 'data-department': g.department},
          Trust.el('td', {'data-label': 'Policy', text: g.policyCode}),
          Trust.el('td', {'data-label': 'Clause', text: g.clauseNumber}),
          Trust.el('td', {'data-label': 'Department', text: g.department}),
          Trust.el('td', {'data-label': 'Incidents', text: String(g.incidents)}),
          Trust.el('td', {'data-label': 'First occurred', text: Trust.date(g.firstOccurred)}),
          Trust.el('td', {'data-label': 'Last occurred', text: Trust.date(g.lastOccurred)}),
          governance ? Trust.el('td', {'data-label': 'Act'}, assignButton(g)) : null))));
}

/** The signal the refresher form is for. */
let chosenSignal = null;
// The refresher's Idempotency-Key: the same for every sending of what is on the form, so one assigned again after its
// answer was lost is assigned once; a new key once it is assigned, or for another signal.
let refresherKey = null;

function assignButton(signal) {
  const button = Trust.el('button', {type: 'button', class: 'secondary', 'data-assign-refresher': signal.clauseNumber,
    text: 'Assign a refresher', 'aria-label': 'Assign a refresher on clause ' + signal.clauseNumber + ' to ' + signal.department});
  button.addEventListener('click', () => openRefresherForm(signal));
  return button;
}

async function openRefresherForm(signal) {
  chosenSignal = signal;
  refresherKey = Trust.newKey();
  const form = document.getElementById('refresher-form');
  const select = document.getElementById('refresher-module');
  const result = document.getElementById('refresher-result');
  result.replaceChildren();
  document.getElementById('refresher-signal').textContent = 'Clause ' + signal.clauseNumber + ' of ' + signal.policyCode
      + ', to the staff of ' + signal.department + ' (or only those under one line manager).';
  const due = document.getElementById('refresher-due');
  const inAMonth = new Date(Date.now() + 30 * 86400000);
  due.min = isoDay(new Date());
  due.value = isoDay(inAMonth);
  const manager = document.getElementById('refresher-manager');
  if (!manager.firstChild) {
    manager.append(Trust.colleaguePicker('manager', 'Only the staff under this line manager (optional)',
        'Leave empty for the whole department; or type two letters of the manager\'s name and choose them.'));
  }
  select.replaceChildren(Trust.el('option', {value: '', text: 'Loading…'}));
  form.hidden = false;
  document.getElementById('refresher-form-title').focus();
  try {
    const citing = await Trust.api('GET', '/api/training/modules/citing?policyCode=' + encodeURIComponent(signal.policyCode)
        + '&clause=' + encodeURIComponent(signal.clauseNumber));
    select.replaceChildren(...(citing.modules.length === 0
        ? [Trust.el('option', {value: '', text: 'No published module cites this clause: write or republish one first'})]
        : citing.modules.map(m => Trust.el('option', {value: m.code, text: m.code + ' v' + m.version + ': ' + m.title}))));
  } catch (error) {
    Trust.showError(result, error);
  }
}

async function assignRefresher(event) {
  event.preventDefault();
  const result = document.getElementById('refresher-result');
  const manager = document.querySelector('#refresher-form input[name="manager"]').value;
  try {
    const r = await Trust.api('POST', '/api/training/refreshers', {
      policyCode: chosenSignal.policyCode, clause: chosenSignal.clauseNumber, department: chosenSignal.department,
      manager: manager || null, moduleCode: document.getElementById('refresher-module').value,
      dueOn: document.getElementById('refresher-due').value}, {idempotencyKey: refresherKey});
    refresherKey = Trust.newKey();
    Trust.fill(result, Trust.el('p', {id: 'refresher-assigned', class: 'tag tag-green',
      text: 'Assigned to ' + r.groupSize + ' staff, due by ' + Trust.date(r.dueAt) + ' (' + r.id + ').'}));
    Trust.announce('Refresher assigned to ' + r.groupSize + ' staff');
    loadOutcomes();
  } catch (error) {
    if (error.keyReused) {
      refresherKey = Trust.newKey();
      Trust.fill(result, Trust.el('div', {class: 'error', role: 'alert'}, Trust.el('p', {text: 'The refresher had '
          + 'been assigned before you changed the form (it is listed below), so the changed one was not. Assign it '
          + 'again to add it as a refresher of its own.'})));
      return;
    }
    Trust.showError(result, error);
  }
}

// Before and after each targeted refresher: incident counts (never people) and the group's completion, with small
// numbers shown as such.
function outcomeList(report) {
  const parts = [];
  if (report.missing.length > 0) {
    parts.push(Trust.el('p', {class: 'error', role: 'alert', id: 'refreshers-missing',
      text: 'The refreshers cannot be listed now: ' + report.missing.join(', ') + ' did not answer.'}));
  }
  if (report.refreshers.length === 0) {
    if (report.missing.length === 0) parts.push(Trust.el('p', {id: 'no-refreshers', text: 'No targeted refresher has been assigned.'}));
    return parts;
  }
  const rows = report.refreshers;
  const label = r => 'Clause ' + r.clause + ', ' + r.department + ' (' + Trust.date(r.assignedAt) + ')';
  parts.push(Charts.figure('refresher-before-after', 'Incidents citing the clause before and after each refresher (same length of time)',
      rows.map(label), [{label: 'Before', values: rows.map(r => r.incidentsBefore), colour: Charts.NOT_YET},
        {label: 'After', values: rows.map(r => r.incidentsAfter), colour: Charts.DONE}], {labelHeading: 'Refresher'}));
  const small = report.smallNumbers;
  parts.push(Trust.el('table', {id: 'refreshers-table', class: 'responsive'},
      Trust.el('thead', {}, Trust.el('tr', {}, ['Clause', 'Department', 'Module', 'Assigned', 'Due', 'Days each side',
        'Incidents before', 'Incidents after', 'Change', 'Completed'].map(h => Trust.el('th', {scope: 'col', text: h})))),
      Trust.el('tbody', {}, rows.map(r => Trust.el('tr', {'data-refresher': r.refresherId},
          Trust.el('td', {'data-label': 'Clause', text: r.policyCode + ' ' + r.clause}),
          Trust.el('td', {'data-label': 'Department', text: r.department}),
          Trust.el('td', {'data-label': 'Module', text: r.moduleCode + ' v' + r.moduleVersion}),
          Trust.el('td', {'data-label': 'Assigned', text: Trust.date(r.assignedAt)}),
          Trust.el('td', {'data-label': 'Due', text: Trust.date(r.dueAt)}),
          Trust.el('td', {'data-label': 'Days each side', text: String(r.days)}),
          Trust.el('td', {'data-label': 'Incidents before', text: String(r.incidentsBefore)}),
          Trust.el('td', {'data-label': 'Incidents after', text: String(r.incidentsAfter)}),
          Trust.el('td', {'data-label': 'Change', text: r.changePercent == null
              ? 'too few incidents to compare (under ' + small + ')' : (r.changePercent > 0 ? '+' : '') + r.changePercent + '%'}),
          Trust.el('td', {'data-label': 'Completed', text: r.completion.suppressed
              ? 'a group of under ' + small + ': not shown'
              : r.completion.completed + ' of ' + r.completion.assigned + ' (' + r.completion.percent + '%)'}))))));
  return parts;
}

function loadOutcomes() {
  const box = document.getElementById('refresher-outcomes');
  Trust.api('GET', '/api/audit/reports/refreshers')
      .then(r => Trust.fill(box, outcomeList(r)))
      .catch(e => Trust.showError(box, e));
}

async function show(from, to) {
  const me = await Trust.me();
  const signalBox = document.getElementById('signal-list');
  Trust.api('GET', '/api/audit/reports/signals')
      .then(s => Trust.fill(signalBox, signalList(s, Trust.hasRole(me, 'governance'))))
      .catch(e => Trust.showError(signalBox, e));
  loadOutcomes();
  const [incidents, training, head] = await Promise.allSettled([
    Trust.api('GET', '/api/audit/reports/incidents?from=' + from + '&to=' + to),
    Trust.hasRole(me, 'governance') ? Trust.api('GET', '/api/training/compliance') : Promise.resolve(null),
    Trust.api('GET', '/api/audit/log/head')]);
  const charts = document.getElementById('incident-charts');
  if (incidents.status === 'fulfilled') Trust.fill(charts, incidentCharts(incidents.value, from, to)); else Trust.showError(charts, incidents.reason);
  const trainingBox = document.getElementById('training-report');
  if (training.status === 'rejected') Trust.showError(trainingBox, training.reason);
  else if (training.value === null) Trust.fill(trainingBox, Trust.el('p', {text: 'Training compliance is governance\'s report.'}));
  else Trust.fill(trainingBox, trainingChart(training.value));
  const log = document.getElementById('log-head');
  if (head.status === 'rejected') Trust.showError(log, head.reason);
  else Trust.fill(log, head.value ? Trust.el('dl', {class: 'facts'},
      Trust.el('dt', {text: 'Entries'}), Trust.el('dd', {id: 'log-sequence', text: String(head.value.sequence)}),
      Trust.el('dt', {text: 'Head hash'}), Trust.el('dd', {}, Trust.el('code', {id: 'log-hash', text: head.value.hash})))
      : Trust.el('p', {text: 'The log is empty.'}),
  Trust.el('p', {}, Trust.el('a', {href: '/incidents.html', text: 'Check the whole log'}), ' on the incidents page.'));
}

(async () => {
  Trust.header();
  const now = new Date();
  const fromInput = document.getElementById('from');
  const toInput = document.getElementById('to');
  fromInput.value = Trust.param('from') || isoDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)));
  toInput.value = Trust.param('to') || isoDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)));
  const error = document.getElementById('period-error');
  const run = async () => {
    error.hidden = true;
    try {
      await show(fromInput.value, toInput.value);
    } catch (e) {
      error.hidden = false;
      error.textContent = e.message;
    }
  };
  document.getElementById('period').addEventListener('submit', event => { event.preventDefault(); run(); });
  document.getElementById('refresher-form').addEventListener('submit', assignRefresher);
  document.getElementById('refresher-cancel').addEventListener('click', () => {
    document.getElementById('refresher-form').hidden = true;
  });
  await run();
})();
