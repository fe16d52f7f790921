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

  async me() {
    const response = await fetch('/session/me', {credentials: 'same-origin'});
    return response.json();
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

  /** Builds an element; strings become text nodes, so nothing from the API is ever parsed as HTML. */
  el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name === 'text') element.textContent = value;
      else element.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) element.append(child);
    }
    return element;
  },

  date(iso) {
    return iso ? new Date(iso).toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'}) : '';
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

  /** The header every page shares: the service's name and, for a signed-in person, the links and sign-out. */
  header(signedIn = true) {
    const links = [['/', 'Home'], ['/training.html', 'My training'], ['/compliance.html', 'Compliance'],
      ['/report.html', 'Report a concern']];
    document.querySelector('header').replaceChildren(
        Trust.el('h1', {text: 'Social media governance'}),
        signedIn ? Trust.el('nav', {}, links.map(([href, text]) => Trust.el('a', {href, text}))) : null,
        signedIn ? Trust.el('form', {method: 'post', action: '/logout'},
            Trust.el('input', {type: 'hidden', name: '_csrf', value: Trust.csrfToken()}),
            Trust.el('button', {class: 'secondary', type: 'submit', text: 'Sign out'})) : null);
  },

  param(name) {
    return new URLSearchParams(window.location.search).get(name);
  }
};
