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
      Trust.el('h2', {text: module.title + ' (' + module.moduleCode + ' v' + module.moduleVersion + ')'}),
      Trust.el('p', {class: 'muted', text: 'Measured against policy ' + module.policyCode + ' v' + (module.policyVersionInForce || '?')}),
      Trust.el('table', {}, Trust.el('thead', {}, head), Trust.el('tbody', {}, rows)));
}

/** A CSV cell: quoted, and a leading = + - @ neutralised so a spreadsheet never runs it as a formula. */
function cell(value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
  return '"' + text.replaceAll('"', '""') + '"';
}

function download(rows, filename) {
  const csv = [['Name', 'Staff number', 'Department', 'Module', 'Status', 'Expired', 'Was']].concat(rows.map(o =>
      [o.name, o.staffNumber, o.department, o.moduleCode, LABELS[o.status], o.expiresAt ? o.expiresAt.substring(0, 10) : '',
        o.basis ? Trust.words(o.basis) : '']))
      .map(r => r.map(cell).join(',')).join('\r\n');
  const link = Trust.el('a', {href: URL.createObjectURL(new Blob([csv], {type: 'text/csv'})), download: filename});
  document.body.append(link);
  link.click();
  link.remove();
}

/** The overdue people: searched by name or number, filtered by module and status, 50 a page, downloadable. */
function overdueTable(report) {
  if (report.overdue.length === 0) return Trust.el('p', {text: 'Nobody is overdue.'});
  const modules = [...new Set(report.overdue.map(o => o.moduleCode))].sort();
  const search = Trust.el('input', {id: 'overdue-search', type: 'search', maxlength: 100, autocomplete: 'off'});
  const moduleFilter = Trust.el('select', {id: 'overdue-module'}, Trust.el('option', {value: '', text: 'Any module'}),
      modules.map(m => Trust.el('option', {value: m, text: m})));
  const statusFilter = Trust.el('select', {id: 'overdue-status'}, Trust.el('option', {value: '', text: 'Expired or not started'}),
      Trust.el('option', {value: 'EXPIRED', text: 'Expired'}), Trust.el('option', {value: 'NOT_STARTED', text: 'Not started'}));
  const csv = Trust.el('button', {type: 'button', class: 'secondary', id: 'overdue-csv', text: 'Download as CSV'});
  const list = Trust.el('div', {id: 'overdue-list', 'aria-live': 'polite'});
  const matching = () => {
    const text = search.value.trim().toLowerCase();
    return report.overdue.filter(o => (!moduleFilter.value || o.moduleCode === moduleFilter.value)
        && (!statusFilter.value || o.status === statusFilter.value)
        && (!text || (o.name || '').toLowerCase().includes(text) || o.staffNumber.includes(text)));
  };
  const show = page => {
    const rows = matching();
    const size = 50;
    const shown = rows.slice(page * size, page * size + size);
    Trust.fill(list, rows.length === 0 ? Trust.el('p', {text: 'Nobody overdue matches.'}) : [
      Trust.el('table', {id: 'overdue', class: 'responsive'},
          Trust.el('thead', {}, Trust.el('tr', {}, ['Name', 'Department', 'Module', 'Status', 'Expired']
              .map(h => Trust.el('th', {scope: 'col', text: h})))),
          Trust.el('tbody', {}, shown.map(o => Trust.el('tr', {},
              Trust.el('td', {'data-label': 'Name'}, o.name || '', Trust.el('br'), Trust.el('span', {class: 'muted', text: 'Staff number ' + o.staffNumber})),
              Trust.el('td', {'data-label': 'Department', text: o.department}),
              Trust.el('td', {'data-label': 'Module', text: o.moduleCode}),
              Trust.el('td', {'data-label': 'Status'}, Trust.el('strong', {class: 'tag ' + (o.status === 'EXPIRED' ? 'tag-red' : 'tag-grey'), text: LABELS[o.status]})),
              Trust.el('td', {'data-label': 'Expired', text: (Trust.date(o.expiresAt) || '–')
                  + (o.basis ? ' (' + Trust.words(o.basis).toLowerCase() + ')' : '')}))))),
      Trust.pager({number: page, size, totalElements: rows.length, totalPages: Math.ceil(rows.length / size)}, show)]);
  };
  const form = Trust.el('form', {class: 'filters', role: 'search'},
      Trust.el('label', {for: 'overdue-search', text: 'Name or staff number'}), search,
      Trust.el('label', {for: 'overdue-module', text: 'Module'}), moduleFilter,
      Trust.el('label', {for: 'overdue-status', text: 'Status'}), statusFilter, csv);
  form.addEventListener('submit', event => { event.preventDefault(); show(0); });
  search.addEventListener('input', () => show(0));
  moduleFilter.addEventListener('change', () => show(0));
  statusFilter.addEventListener('change', () => show(0));
  csv.addEventListener('click', () => download(matching(), 'overdue-training-' + report.scope.replace(/[^A-Za-z0-9]+/g, '-') + '.csv'));
  show(0);
  return [form, list,
    report.overdueTruncated ? Trust.el('p', {class: 'notice', text: 'The list is cut short: more people are overdue than shown. '
        + 'Look at one department (governance) to see all of theirs.'}) : null];
}

/** Trust-wide: a box that keeps only the departments whose name contains what is typed, in every module's table. */
function departmentFilter() {
  const input = Trust.el('input', {id: 'department-search', type: 'search', maxlength: 100, autocomplete: 'off'});
  input.addEventListener('input', () => {
    const text = input.value.trim().toLowerCase();
    container.querySelectorAll('section[data-module] tbody tr').forEach(row => {
      const name = (row.getAttribute('data-department') || '').toLowerCase();
      row.hidden = Boolean(text) && name !== 'all' && !name.includes(text);
    });
  });
  const form = Trust.el('form', {class: 'filters', role: 'search'},
      Trust.el('label', {for: 'department-search', text: 'Find a department'}), input);
  form.addEventListener('submit', event => event.preventDefault());
  return form;
}

(async () => {
  Trust.header();
  const asked = Trust.param('department');
  try {
    const me = await Trust.me();
    const report = await Trust.api('GET', asked ? '/api/training/compliance?department=' + encodeURIComponent(asked) // a name may hold a '/'
        : Trust.hasRole(me, 'governance') ? '/api/training/compliance' : '/api/training/compliance/team');
    const trustWide = report.scope === 'trust';
    document.getElementById('scope').textContent = 'Training compliance: '
        + (trustWide ? 'the whole trust' : report.scope === 'team' ? 'my team' : report.scope);
    document.getElementById('stale').hidden = !report.policyVersionMayBeStale;
    Trust.fill(container,
        Trust.el('p', {class: 'muted', text: 'As of ' + Trust.dateTime(report.asOf)}),
        trustWide ? departmentFilter() : null,
        report.modules.length ? report.modules.map(m => moduleTable(m, trustWide)) : Trust.el('p', {text: 'No module is published yet.'}),
        Trust.el('h2', {text: 'Overdue'}),
        overdueTable(report));
  } catch (error) {
    Trust.showError(container, error);
  }
})();
