// Shared by the staff pages. The browser holds only the gateway's session cookie: each /api call goes through the
// gateway, which puts the signed-in person's access token on it (TokenRelay). Unsafe calls echo the XSRF-TOKEN
// cookie in a header (double submit), as the gateway requires for session-authenticated requests.
'use strict';

class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('The request failed (' + status + ')'));
    this.status = status;
    this.problem = problem;
  }
}

const Trust = {
  LOGIN: '/oauth2/authorization/keycloak',

  /** Who is signed in, with their realm roles (asked once per page). */
  me() {
    if (!Trust.session) {
      Trust.session = fetch('/session/me', {credentials: 'same-origin'}).then(r => r.json());
    }
    return Trust.session;
  },

  hasRole(me, ...roles) {
    return roles.some(r => (me.roles || []).includes(r));
  },

  csrfToken() {
    const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
    return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
  },

  async api(method, path, body) {
    const headers = {'Accept': 'application/json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-XSRF-TOKEN'] = Trust.csrfToken();
    const response = await fetch(path, {method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  },

  /** The values an API field accepts, read from the service's own OpenAPI document: the pages keep no copy. */
  async choices(service, schema, property) {
    Trust.apiDocs = Trust.apiDocs || {};
    if (!Trust.apiDocs[service]) Trust.apiDocs[service] = Trust.api('GET', '/api/' + service + '/v3/api-docs');
    const field = (await Trust.apiDocs[service]).components.schemas[schema].properties[property];
    return field.enum || (field.items && field.items.enum) || [];
  },

  /** Builds an element; strings become text nodes, so nothing from the API is ever parsed as HTML. */
  el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name === 'text') element.textContent = value;
      else element.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child !== null && child !== undefined) element.append(child);
    }
    return element;
  },

  /** Replaces what a container shows; nested lists are flattened and nulls skipped, as in el(). */
  fill(container, ...children) {
    container.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined));
  },

  date(iso) {
    return iso ? new Date(iso).toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'}) : '';
  },

  /** An API constant as words: UNDER_INVESTIGATION → "Under investigation". */
  words(constant) {
    if (!constant) return '';
    const text = constant.replaceAll('_', ' ').toLowerCase();
    return text.charAt(0).toUpperCase() + text.slice(1);
  },

  /** An ISO-8601 period as words: P1Y → "1 year", P18M → "18 months", P1Y6M → "1 year 6 months". */
  period(iso) {
    const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(iso || '');
    if (!match) return iso;
    return [[match[1], 'year'], [match[2], 'month'], [match[3], 'week'], [match[4], 'day']]
        .filter(([n]) => n !== undefined)
        .map(([n, unit]) => n + ' ' + unit + (n === '1' ? '' : 's')).join(' ');
  },

  /** Shows an error where the page's content would be; a lost session gets a sign-in link. */
  showError(container, error) {
    container.replaceChildren(Trust.el('div', {class: 'error', role: 'alert'},
        Trust.el('p', {text: error.status === 401 ? 'Your session has ended.' : error.message}),
        error.status === 401 ? Trust.el('a', {href: Trust.LOGIN, text: 'Sign in again'}) : null));
  },

  /**
   * The header every page shares: the service's name and, for a signed-in person, the links their roles can use
   * (the services enforce the roles; this only spares people links that would answer 403) and sign-out.
   */
  async header() {
    const me = await Trust.me();
    const links = [['/', 'Home', true], ['/policies.html', 'Policies', true], ['/training.html', 'My training', true],
      ['/resources.html', 'Resources', true],
      ['/compliance.html', 'Compliance', Trust.hasRole(me, 'governance', 'line-manager')],
      ['/coverage.html', 'Coverage', Trust.hasRole(me, 'governance', 'line-manager')],
      ['/modules.html', 'Modules', Trust.hasRole(me, 'governance')],
      ['/incidents.html', 'Incidents', Trust.hasRole(me, 'governance', 'auditor')],
      ['/reports.html', 'Reports', Trust.hasRole(me, 'governance', 'auditor')],
      ['/report.html', 'Report a concern', true]];
    Trust.fill(document.querySelector('header'),
        Trust.el('h1', {text: 'Social media governance'}),
        me.authenticated ? Trust.el('nav', {}, links.filter(l => l[2]).map(([href, text]) => Trust.el('a', {href, text}))) : null,
        me.authenticated ? Trust.el('form', {method: 'post', action: '/logout'},
            Trust.el('input', {type: 'hidden', name: '_csrf', value: Trust.csrfToken()}),
            Trust.el('button', {class: 'secondary', type: 'submit', text: 'Sign out'})) : null);
  },

  /** Every policy of the trust (the API answers a page at a time). */
  async allPolicies() {
    const all = [];
    for (let page = 0; ; page++) {
      const answer = await Trust.api('GET', '/api/policy/policies?size=200&page=' + page);
      all.push(...answer.content);
      if (!answer.page || page + 1 >= answer.page.totalPages) return all;
    }
  },

  /** A policy's page, at one version (or the version in force) and one clause: /policy.html?code=SM-001#4.2. */
  policyLink(code, version, clause) {
    return '/policy.html?code=' + encodeURIComponent(code) + (version ? '&version=' + encodeURIComponent(version) : '')
        + (clause ? '#' + encodeURIComponent(clause) : '');
  },

  /** The newest acknowledgement I gave of a policy (one per major version is kept), or undefined. */
  lastAcknowledged(mine, code) {
    return mine.acknowledged.filter(a => a.policyCode === code).sort((a, b) => b.at.localeCompare(a.at))[0];
  },

  param(name) {
    return new URLSearchParams(window.location.search).get(name);
  }
};
