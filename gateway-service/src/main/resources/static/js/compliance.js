// Training compliance for governance (the whole trust, or one department) and for line managers (their team: the
// people who report to them, down the chain; training-service refuses a department with 403, and this page shows it).
'use strict';

const container = document.getElementById('report');
const STATUSES = ['COMPLIANT', 'DUE_SOON', 'EXPIRED', 'NOT_STARTED'];
const LABELS = {COMPLIANT: 'Compliant', DUE_SOON: 'Due soon', EXPIRED: 'Expired', NOT_STARTED: 'Not started'};

function departmentLink(department, trustWide) {
  return trustWide
      ? Trust.el('a', {href: '/compliance.html?department=' + encodeURIComponent(department), text: department})
      : department;
}

function tallyRow(name, tally) {
  return Trust.el('tr', {'data-department': typeof name === 'string' ? name : name.textContent},
      Trust.el('td', {}, name),
      Trust.el('td', {text: String(tally.assigned)}),
      STATUSES.map(s => Trust.el('td', {'data-status': s,
        text: tally.counts[s] + ' (' + tally.percentages[s].toFixed(1) + '%)'})));
}

function moduleTable(module, trustWide) {
  const head = Trust.el('tr', {}, ['Department', 'Assigned'].concat(STATUSES.map(s => LABELS[s])).map(h => Trust.el('th', {text: h})));
  const rows = module.departments.map(d => tallyRow(departmentLink(d.department, trustWide), d.tally));
  if (trustWide || module.departments.length !== 1) rows.push(tallyRow('All', module.total));
  return Trust.el('section', {'data-module': module.moduleCode},
      Trust.el('h3', {text: module.title + ' (' + module.moduleCode + ' v' + module.moduleVersion + ')'}),
      Trust.el('p', {class: 'muted', text: 'Measured against policy ' + module.policyCode + ' v' + (module.policyVersionInForce || '?')}),
      Trust.el('table', {}, Trust.el('thead', {}, head), Trust.el('tbody', {}, rows)));
}

function overdueTable(report) {
  if (report.overdue.length === 0) return Trust.el('p', {text: 'Nobody is overdue.'});
  return [
    Trust.el('table', {id: 'overdue'},
        Trust.el('thead', {}, Trust.el('tr', {}, ['Name', 'Staff number', 'Department', 'Module', 'Status', 'Expired']
            .map(h => Trust.el('th', {text: h})))),
        Trust.el('tbody', {}, report.overdue.map(o => Trust.el('tr', {},
            Trust.el('td', {text: o.name || ''}), Trust.el('td', {text: o.staffNumber}), Trust.el('td', {text: o.department}),
            Trust.el('td', {text: o.moduleCode}), Trust.el('td', {}, Trust.el('span', {class: 'status ' + o.status, text: LABELS[o.status]})),
            Trust.el('td', {text: Trust.date(o.expiresAt) || '–'}))))),
    report.overdueTruncated ? Trust.el('p', {class: 'notice', text: 'The list is cut short: more people are overdue than shown.'}) : null
  ];
}

(async () => {
  Trust.header();
  const asked = Trust.param('department');
  try {
    let report;
    if (asked) {
      report = await Trust.api('GET', '/api/training/compliance/departments/' + encodeURIComponent(asked));
    } else {
      try {
        report = await Trust.api('GET', '/api/training/compliance');            // governance
      } catch (error) {
        if (error.status !== 403) throw error;
        report = await Trust.api('GET', '/api/training/compliance/team');         // line managers

      }
    }
    const trustWide = report.scope === 'trust';
    document.getElementById('scope').textContent = 'Training compliance: '
        + (trustWide ? 'the whole trust' : report.scope === 'team' ? 'my team' : report.scope);
    document.getElementById('stale').hidden = !report.policyVersionMayBeStale;
    Trust.fill(container,
        Trust.el('p', {class: 'muted', text: 'As of ' + new Date(report.asOf).toLocaleString('en-GB')}),
        report.modules.length ? report.modules.map(m => moduleTable(m, trustWide)) : Trust.el('p', {text: 'No module is published yet.'}),
        Trust.el('h3', {text: 'Overdue'}),
        overdueTable(report));
  } catch (error) {
    Trust.showError(container, error);
  }
})();
