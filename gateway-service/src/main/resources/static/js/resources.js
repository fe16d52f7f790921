// The approved signposting resources by topic, searchable, with a printable card of the ones ticked. Governance adds,
// edits and retires resources and sees the last automatic check of each address, broken ones flagged.
'use strict';

const list = document.getElementById('resources');
const card = document.getElementById('card');
const editor = document.getElementById('editor');
const editorError = document.getElementById('editor-error');
const chosen = new Set();
let resources = [];
let governance = false;
let topics = [];

function topicName(topic) {
  return topic ? Trust.words(topic) : 'Other';
}

function checked(r) {
  if (!r.linkCheck) return 'Address not checked automatically yet';
  if (r.linkCheck.broken === true) return 'Address checked ' + Trust.date(r.linkCheck.at) + ': it did not answer, answered an error or leads off the public internet';
  if (r.linkCheck.broken === false) return 'Address checked ' + Trust.date(r.linkCheck.at) + ': it answered';
  return 'Address checked ' + Trust.date(r.linkCheck.at);
}

function matches(r, query, topic) {
  if (topic && r.topic !== topic) return false;
  if (!query) return true;
  const text = [r.name, r.description, r.url, (r.audience || []).join(' '), topicName(r.topic)].join(' ').toLowerCase();
  return query.toLowerCase().split(/\s+/).every(word => text.includes(word));
}

function resourceItem(r) {
  const box = Trust.el('input', {type: 'checkbox', id: 'choose-' + r.id, checked: chosen.has(r.id), disabled: Boolean(r.retiredAt)});
  box.addEventListener('change', () => { if (box.checked) chosen.add(r.id); else chosen.delete(r.id); drawCard(); });
  const broken = r.linkCheck && r.linkCheck.broken;
  return Trust.el('li', {class: 'resource' + (r.retiredAt ? ' retired' : ''), 'data-resource': r.name},
      Trust.el('label', {for: 'choose-' + r.id, class: 'inline'}, box, ' ', Trust.el('strong', {text: r.name}),
          r.retiredAt ? Trust.el('span', {class: 'muted', text: ' (retired ' + Trust.date(r.retiredAt) + ')'}) : null),
      Trust.el('br'), Trust.el('a', {href: r.url, rel: 'noopener noreferrer', text: r.url}),
      Trust.el('p', {text: r.description}),
      Trust.el('p', {class: 'muted', text: (r.audience && r.audience.length ? 'For ' + r.audience.join(', ') + ' · ' : '')
            + 'approved by ' + r.approvedBy + ', last updated ' + Trust.date(r.updatedAt) + ', review by ' + Trust.date(r.reviewDate)}),
      Trust.el('p', {class: broken ? 'link-check error' : 'link-check muted', text: checked(r)}),
      governance && !r.retiredAt ? Trust.el('p', {},
          Trust.el('button', {type: 'button', class: 'secondary', 'data-edit': r.id, text: 'Edit ' + r.name}), ' ',
          Trust.el('button', {type: 'button', class: 'secondary', 'data-retire': r.id, text: 'Retire ' + r.name})) : null);
}

function draw() {
  const query = document.getElementById('query').value.trim();
  const topic = document.getElementById('topic').value;
  const shown = resources.filter(r => matches(r, query, topic));
  if (shown.length === 0) {
    Trust.fill(list, Trust.el('p', {id: 'no-match', text: 'No resource matches.'}));
    return;
  }
  const groups = [...topics, null].map(t => [t, shown.filter(r => (r.topic || null) === t)]).filter(([, rs]) => rs.length);
  Trust.fill(list, groups.map(([t, rs]) => Trust.el('section', {'data-topic': t || 'OTHER'},
      Trust.el('h3', {text: topicName(t) + ' (' + rs.length + ')'}),
      Trust.el('ul', {class: 'resources'}, rs.map(resourceItem)))));
  const broken = resources.filter(r => !r.retiredAt && r.linkCheck && r.linkCheck.broken);
  const flag = document.getElementById('broken');
  flag.hidden = !governance || broken.length === 0;
  flag.textContent = broken.length + ' resource address(es) did not answer or answered an error at the last check: '
      + broken.map(r => r.name).join(', ') + '.';
}

function drawCard() {
  const picked = resources.filter(r => chosen.has(r.id));
  card.hidden = picked.length === 0;
  Trust.fill(document.getElementById('card-list'), picked.map(r => Trust.el('li', {},
      Trust.el('strong', {text: r.name}), Trust.el('br'), Trust.el('span', {class: 'card-url', text: r.url}),
      Trust.el('br'), r.description)));
}

async function load() {
  const retired = governance && document.getElementById('show-retired').checked;
  resources = await Trust.api('GET', '/api/policy/resources' + (retired ? '?retired=true' : ''));
  draw();
  drawCard();
}

function edit(r) {
  document.getElementById('editor-title').textContent = r ? 'Edit ' + r.name : 'Approve a new resource';
  document.getElementById('resource-id').value = r ? r.id : '';
  document.getElementById('name').value = r ? r.name : '';
  document.getElementById('url').value = r ? r.url : '';
  document.getElementById('resource-topic').value = r && r.topic ? r.topic : '';
  document.getElementById('description').value = r ? r.description : '';
  document.getElementById('audience').value = r ? (r.audience || []).join(', ') : '';
  document.getElementById('review-date').value = r ? r.reviewDate : '';
  document.getElementById('clauses').value = r ? (r.clauses || []).map(c => c.policyCode + ' ' + c.clauseNumber).join(', ') : '';
  document.getElementById('cancel-edit').hidden = !r;
  editorError.hidden = true;
  if (r) document.getElementById('name').focus();
}

// A new resource's Idempotency-Key: the same for every sending of what is on the form, so one approved again after its
// answer was lost is added once; a new key once it is added.
let resourceKey = Trust.newKey();

async function save(event) {
  event.preventDefault();
  const id = document.getElementById('resource-id').value;
  const body = {name: document.getElementById('name').value, url: document.getElementById('url').value,
    topic: document.getElementById('resource-topic').value || null, description: document.getElementById('description').value,
    audience: document.getElementById('audience').value.split(',').map(a => a.trim()).filter(a => a),
    reviewDate: document.getElementById('review-date').value || null,
    // "SM-001 4.2, SM-001 5.1": policy-service checks each (400 naming clauses[i].…)
    clauses: document.getElementById('clauses').value.split(',').map(c => c.trim()).filter(c => c).map(c => {
      const [policyCode, clauseNumber] = c.split(/\s+/);
      return {policyCode, clauseNumber: clauseNumber || ''};
    })};
  try {
    await Trust.api(id ? 'PUT' : 'POST', '/api/policy/resources' + (id ? '/' + encodeURIComponent(id) : ''), body,
        id ? {repeatable: true} : {idempotencyKey: resourceKey});
    if (!id) resourceKey = Trust.newKey();
    edit(null);
    await load();
  } catch (error) {
    editorError.hidden = false;
    if (error.keyReused) resourceKey = Trust.newKey();
    editorError.textContent = error.keyReused
      ? 'The resource had been added before you changed the form (it is listed below), so the changed one was not. '
        + 'Approve it again to add it as a resource of its own.'
      : error.message;
  }
}

(async () => {
  Trust.header();
  try {
    const me = await Trust.me();
    governance = Trust.hasRole(me, 'governance');
    topics = await Trust.choices('policy', 'ResourceRequest', 'topic');
    for (const select of [document.getElementById('topic'), document.getElementById('resource-topic')]) {
      select.append(...topics.map(t => Trust.el('option', {value: t, text: topicName(t)})));
    }
    document.getElementById('search').addEventListener('submit', e => e.preventDefault());
    document.getElementById('query').addEventListener('input', draw);
    document.getElementById('topic').addEventListener('change', draw);
    document.getElementById('print').addEventListener('click', () => window.print());
    if (governance) {
      document.getElementById('governance').hidden = false;
      document.getElementById('retired-toggle').hidden = false;
      document.getElementById('show-retired').addEventListener('change', () => load().catch(e => Trust.showError(list, e)));
      editor.addEventListener('submit', save);
      document.getElementById('cancel-edit').addEventListener('click', () => edit(null));
      list.addEventListener('click', async event => {
        const editId = event.target.getAttribute('data-edit');
        const retireId = event.target.getAttribute('data-retire');
        if (editId) edit(resources.find(r => r.id === editId));
        if (retireId && window.confirm('Retire ' + resources.find(r => r.id === retireId).name + '? Staff will no longer see it.')) {
          try {
            await Trust.api('POST', '/api/policy/resources/' + encodeURIComponent(retireId) + '/retire');
            chosen.delete(retireId);
            await load();
          } catch (error) {
            Trust.showError(list, error);
          }
        }
      });
    }
    await load();
  } catch (error) {
    Trust.showError(list, error);
  }
})();
