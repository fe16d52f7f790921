// A subject access bundle: governance asks audit-service for one person's bundle, reads it as a printable page and
// downloads the same content as JSON, which `java Verify.java bundle` checks offline.
'use strict';

const form = document.getElementById('request');
const problem = document.getElementById('request-error');
const container = document.getElementById('bundle');

function table(id, headings, rows) {
  if (!rows || rows.length === 0) return Trust.el('p', {class: 'muted', text: 'None.'});
  return Trust.el('table', {id},
      Trust.el('thead', {}, Trust.el('tr', {}, headings.map(h => Trust.el('th', {text: h})))),
      Trust.el('tbody', {}, rows.map(cells => Trust.el('tr', {}, cells.map(c => Trust.el('td', {text: c == null || c === '' ? '–' : String(c)}))))));
}

function section(title, ...content) {
  return Trust.el('section', {}, Trust.el('h2', {text: title}), content);
}

function show(b) {
  const t = b.training || {};
  const p = b.policy || {};
  const roster = t.roster;
  const download = Trust.el('button', {type: 'button', id: 'download-json', text: 'Download as JSON'});
  download.addEventListener('click', () => {
    const link = Trust.el('a', {href: URL.createObjectURL(new Blob([JSON.stringify(b, null, 1)], {type: 'application/json'})),
      download: 'subject-access-' + b.staffNumber + '-' + b.requestedOn + '.json'});
    document.body.append(link);
    link.click();
    link.remove();
  });
  const print = Trust.el('button', {type: 'button', class: 'secondary', text: 'Print'});
  print.addEventListener('click', () => window.print());
  Trust.fill(container,
      Trust.el('h2', {id: 'bundle-title', text: 'Records about ' + (roster ? roster.name + ', ' : '') + 'staff number ' + b.staffNumber}),
      Trust.el('p', {class: 'notice', id: 'respond-by'}, 'Request received ' + Trust.date(b.requestedOn) + ': respond by ',
          Trust.el('strong', {text: Trust.date(b.respondBy)}), ' (one month). Made ' + Trust.dateTime(b.madeAt) + '; '
          + b.items + ' items; ' + (b.entries || []).length + ' audit log entries with their proofs.'),
      Trust.el('p', {class: 'no-print'}, download, ' ', print),
      Trust.el('p', {class: 'muted', text: b.otherPeople}),
      Trust.el('p', {class: 'muted', text: b.withheld}),
      section('Staff record', roster ? Trust.el('dl', {class: 'facts'}, [['Name', roster.name], ['Work e-mail', roster.workEmail],
        ['Department', roster.department], ['Staff group', roster.staffGroup], ['Registration', roster.registrationBody ? roster.registrationBody + ' ' + roster.registrationNumber : null],
        ['Line manager', roster.lineManager], ['Active', roster.active ? 'Yes' : 'No, left ' + Trust.date(roster.leavingDate)]]
          .filter(r => r[1]).map(([k, v]) => [Trust.el('dt', {text: k}), Trust.el('dd', {text: v})]))
          : Trust.el('p', {class: 'muted', text: 'Not on the roster.'})),
      section('Training', table('sar-attempts', ['Module', 'Started', 'Result', 'Score', 'Completed', 'Valid until', 'Certificate'],
          (t.attempts || []).map(a => [a.moduleCode + ' v' + a.moduleVersion, Trust.date(a.startedAt),
            a.passed === true ? 'Passed' : a.passed === false ? 'Not passed' : Trust.words(a.status), a.score,
            Trust.date(a.completedAt), Trust.date(a.expiresAt), a.certificateId]))),
      section('Transfers and exemptions', table('sar-overrides', ['Module', 'What', 'Evidence', 'Recorded by', 'Decision'],
          (t.overrides || []).map(o => [o.moduleCode, o.kind === 'TRANSFERRED' ? 'Completed at ' + o.sourceOrganisation + ' on ' + Trust.date(o.earnedOn)
            : 'Exempt until ' + Trust.date(o.expiresOn) + ': ' + o.reason, o.evidenceReference, o.recordedBy,
            Trust.words(o.status) + (o.refusal ? ': ' + o.refusal : '')]))),
      section('Notifications', table('sar-notifications', ['Decided', 'About', 'Text'],
          (t.notifications || []).map(n => [Trust.dateTime(n.decidedAt), n.heading, n.text]))),
      section('Acknowledgements', table('sar-acknowledgements', ['Policy', 'Version', 'When'],
          (p.acknowledgements || []).map(a => [a.policyCode, a.version, Trust.dateTime(a.at)]))),
      section('Consultation comments', table('sar-comments', ['Policy', 'Clause', 'Written by', 'Comment', 'Replies'],
          (p.comments || []).map(c => [c.policyCode + ' v' + c.version, c.clauseNumber, c.writtenBy, c.text,
            (c.replies || []).map(r => r.by + ': ' + r.text).join(' · ')]))),
      section('Cases', table('sar-cases', ['Case', 'They are', 'Status', 'What', 'Reported by', 'Outcome'],
          (b.incidents || []).map(c => [c.reference, c.relation, Trust.words(c.status), Trust.words(c.category), c.reportedBy,
            c.outcome ? Trust.words(c.outcome.type) + ': ' + c.outcome.summary : '']))),
      section('Who read their records', table('sar-reads', ['When', 'What', 'Role', 'Department', 'Through', ''],
          (b.readsOfTheirRecords || []).map(r => [Trust.readAt(r), Trust.words(r.what) + ' ' + r.recordId, Trust.roleName(r.viewerRole),
            r.viewerDepartment, r.route === 'PAGE' ? 'a page' : 'the API', r.outcome === 'REFUSED' ? 'Refused' : 'Read']))),
      section('Proof', Trust.el('p', {text: (b.entries || []).length + ' audit log entries about them, each with its inclusion proof in the '
          + 'signed and witnessed checkpoint, and the entry sealing this bundle. Check the JSON with: ' + b.verifyWith})));
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  problem.hidden = true;
  if (!form.elements.person.value) {
    problem.textContent = 'Choose whose records: type their name and pick them from the list.';
    problem.hidden = false;
    return;
  }
  document.getElementById('make').disabled = true;
  container.replaceChildren(Trust.el('p', {text: 'Gathering the records from the three services…'}));
  try {
    show(await Trust.api('POST', '/api/audit/subject-access',
        {staffNumber: form.elements.person.value, requestedOn: document.getElementById('requested-on').value}));
    Trust.announce('The bundle is ready.');
  } catch (error) {
    container.replaceChildren();
    problem.textContent = error.message;
    problem.hidden = false;
  } finally {
    document.getElementById('make').disabled = false;
  }
});

Trust.header();
document.getElementById('requested-on').value = new Date().toISOString().substring(0, 10);
document.getElementById('who').append(Trust.colleaguePicker('person', 'Their name',
    'Type at least two letters of their name, then choose them from the list.'));
