// What a version's changes touch, for governance and the version's author before it is approved: policy-service
// compares it with the version in force and asks training-service and audit-service, so each changed, added or removed
// clause shows the published modules citing it (with their completions) and the open incidents citing it, beside who
// acknowledged the wording in force. A service that could not answer is named; the rest still shows.
'use strict';

const Impact = {
  CHANGES: {CHANGED: 'Changed', ADDED: 'Added', REMOVED: 'Removed'},

  async show(box, code, number) {
    Trust.fill(box, Trust.el('p', {text: 'Loading…'}));
    try {
      const i = await Trust.api('GET', '/api/policy/policies/' + encodeURIComponent(code) + '/versions/'
          + encodeURIComponent(number) + '/impact');
      if (!i.inForce) {
        Trust.fill(box, Trust.el('p', {id: 'impact-none', text: 'No version is in force: this change touches nothing yet.'}));
        return;
      }
      const parts = (i.missing || []).map(m => Trust.el('p', {class: 'notice', text: 'Not shown: ' + m}));
      if (i.clauses.length === 0) {
        parts.push(Trust.el('p', {id: 'impact-none', text: 'No clause differs from version ' + i.inForce + ', the version in force.'}));
      } else {
        parts.push(Trust.el('table', {id: 'impact-table', class: 'responsive'},
            Trust.el('caption', {text: 'Clauses that differ from version ' + i.inForce + ', the version in force'}),
            Trust.el('thead', {}, Trust.el('tr', {}, ['Clause', 'Change', 'Modules citing it', 'Open incidents citing it', 'Resources linked']
                .map(h => Trust.el('th', {scope: 'col', text: h})))),
            Trust.el('tbody', {}, i.clauses.map(c => Trust.el('tr', {'data-clause': c.number},
                Trust.el('td', {'data-label': 'Clause', text: c.number}),
                Trust.el('td', {'data-label': 'Change', text: Impact.CHANGES[c.change] || c.change}),
                Trust.el('td', {'data-label': 'Modules citing it', text: c.modules === null ? 'not known'
                    : c.modules.length === 0 ? 'none'
                    : c.modules.map(m => m.code + ' v' + m.version + ' (' + m.completions + ' completed)').join('; ')}),
                Trust.el('td', {'data-label': 'Open incidents citing it',
                  text: c.openIncidents === null ? 'not known' : String(c.openIncidents)}),
                Trust.el('td', {'data-label': 'Resources linked',
                  text: (c.resources || []).length === 0 ? 'none' : c.resources.map(r => r.name).join('; ')}))))));
      }
      const ack = i.acknowledgedInForce;
      if (ack) {
        const total = ack.departments.reduce((sum, d) => sum + d.acknowledged, 0);
        parts.push(Trust.el('p', {id: 'impact-acknowledged', text: total + (total === 1 ? ' person' : ' people')
            + ' acknowledged the wording in force (version ' + ack.version + ')' + (ack.departments.length
            ? ': ' + ack.departments.map(d => d.department + ' ' + d.acknowledged).join(', ') : '') + '.'}));
      }
      Trust.fill(box, parts);
    } catch (e) {
      Trust.showError(box, e);
    }
  }
};
