// Acknowledgements of a policy's version in force per department, as a table and a bar chart (acknowledged and still
// outstanding). policy-service decides the scope: every department for governance, their own for a line manager.
'use strict';

const container = document.getElementById('coverage');
const select = document.getElementById('policy');

async function show(code) {
  try {
    const c = await Trust.api('GET', '/api/policy/policies/' + encodeURIComponent(code) + '/coverage');
    document.getElementById('roster').hidden = c.rosterAvailable;
    if (c.departments.length === 0) {
      Trust.fill(container, Trust.el('p', {text: 'Nobody has acknowledged version ' + c.version + ' yet.'}));
      return;
    }
    const labels = c.departments.map(d => d.department);
    const series = [{label: 'Acknowledged', values: c.departments.map(d => d.acknowledged), colour: Charts.DONE}];
    if (c.rosterAvailable) series.push({label: 'Outstanding', values: c.departments.map(d => d.outstanding), colour: Charts.LATE});
    Trust.fill(container, Trust.el('p', {class: 'muted', text: c.policyCode + ' version ' + c.version + ' in force'}),
        Charts.figure('coverage', 'Acknowledgements of ' + c.policyCode + ' version ' + c.version + ' by department', labels, series,
            {stacked: true, horizontal: true, labelHeading: 'Department'}),
        c.departmentsTruncated ? Trust.el('p', {class: 'notice', text: 'Only the first departments by name are listed.'}) : null);
  } catch (error) {
    Trust.showError(container, error);
  }
}

(async () => {
  Trust.header();
  try {
    const inForce = (await Trust.allPolicies()).filter(p => p.publishedVersion && p.status !== 'RETIRED');
    select.append(...inForce.map(p => Trust.el('option', {value: p.code, text: p.code + ' ' + p.title + ' (version ' + p.publishedVersion + ')'})));
    if (Trust.param('code')) select.value = Trust.param('code');
    select.addEventListener('change', () => show(select.value));
    if (inForce.length === 0) {
      Trust.fill(container, Trust.el('p', {text: 'No policy is in force yet.'}));
      return;
    }
    await show(select.value);
  } catch (error) {
    Trust.showError(container, error);
  }
})();
