// Shared by the staff pages. The browser holds only the gateway's session cookie: each /api call goes through the
// gateway, which puts the signed-in person's access token on it (TokenRelay). Unsafe calls echo the XSRF-TOKEN
// cookie in a header (double submit), as the gateway requires for session-authenticated requests.
'use strict';

/** A refused or failed API call, its message in words a person can act on (never quota or stack wording). */
class ApiError extends Error {
  constructor(status, problem, method, repeatable) {
    super(ApiError.say(status, problem, method, repeatable));
    this.status = status;
    this.problem = problem;
    // A change whose answer never came (no connection, 502, 504) may have been made: sending it again could make
    // it twice (a second report of the same post), so the person is told to look first; unless the change is one
    // the service answers with its first result when it is sent again (an Idempotency-Key, an attempt's answers).
    this.uncertain = ApiError.uncertain(status, method);
    this.repeatable = !!repeatable;
    // The change's Idempotency-Key was first sent with another change (the form was edited after a sending whose
    // answer was lost had arrived): nothing was made now; the page takes a new key for what is on the form.
    this.keyReused = status === 422 && !!problem && problem.header === 'Idempotency-Key';
  }

  static uncertain(status, method) {
    return !!method && method !== 'GET' && (status === 0 || status === 502 || status === 504);
  }

  /** status 0: no answer at all (the connection failed or dropped). */
  static say(status, problem, method, repeatable) {
    if (ApiError.uncertain(status, method) && repeatable) {
      return 'No answer came back, so this may or may not have been saved. It is safe to send it again: if it did '
          + 'arrive, it is not saved twice.';
    }
    if (ApiError.uncertain(status, method)) {
      return 'No answer came back, so this may or may not have been saved. Check before you send it again, so that '
          + 'it is not sent twice.';
    }
    if (status === 0) return 'The service could not be reached. Check your connection and try again; nothing you entered has been lost.';
    if (status === 401) return 'Your session has ended. Sign in again to carry on; what you entered on this page is kept.';
    if (status === 403) {
      return (problem && problem.detail) || 'Your role does not let you do this. Ask the governance team if you think it should.';
    }
    if (status === 429 || status === 502 || status === 503 || status === 504) {
      return 'The service is busy just now. Wait a moment and try again; nothing you entered has been lost.';
    }
    if (status >= 500) return 'Something went wrong on our side. Try again; if it keeps happening, tell the service desk.';
    // API constants inside a service's message read as words: "a FORMAL_WARNING needs…" → "a formal warning needs…".
    const words = text => String(text).replace(/\b[A-Z]{2,}(?:_[A-Z]+)+\b/g, c => Trust.words(c).toLowerCase());
    if (problem && Array.isArray(problem.errors) && problem.errors.length) {
      return 'Please check: ' + problem.errors.map(e => ApiError.field(e.field) + ' ' + words(e.message || 'is not valid')).join('; ') + '.';
    }
    return words((problem && (problem.detail || problem.title)) || 'The request could not be completed.');
  }

  /** A field path as words: clauses[1].number → "clause 2 number", subjectStaffNumber → "subject staff number". */
  static field(path) {
    return String(path || 'a value').replace(/(\w+)\[(\d+)\]/g, (m, name, i) => name.replace(/s$/, '') + ' ' + (Number(i) + 1))
        .replace(/\./g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
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

  /**
   * Calls the API through the gateway. {@code options.idempotencyKey} (see {@link Trust.newKey}) goes with a change
   * that must not be made twice when it is sent again after its answer was lost (a report): the service answers a
   * second sending with the first one's result. {@code options.repeatable} marks a change the service itself answers
   * so when it is sent again (submitting an attempt's answers): a lost answer is then said to be safe to send again.
   */
  async api(method, path, body, options) {
    const idempotencyKey = options && options.idempotencyKey;
    const repeatable = !!(idempotencyKey || (options && options.repeatable));
    const headers = {'Accept': 'application/json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-XSRF-TOKEN'] = Trust.csrfToken();
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    let response;
    try {
      response = await fetch(path, {method, headers, credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body)});
      if ((response.status === 429 || response.status === 503) && method === 'GET') {
        // One quiet retry after the pause the gateway asks for (at most 3 s) before the person is told anything.
        const wait = Math.min(3, Number(response.headers.get('Retry-After')) || 1);
        await new Promise(resolve => setTimeout(resolve, wait * 1000));
        response = await fetch(path, {method, headers, credentials: 'same-origin'});
      }
    } catch (failed) {
      throw new ApiError(0, null, method, repeatable); // fetch rejects only when no answer came at all
    }
    if (Trust.onActivity) Trust.onActivity();
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (!response.ok) throw new ApiError(response.status, data, method, repeatable);
    return data;
  },

  /**
   * A new Idempotency-Key: 128 random bits as hex. From getRandomValues, which every browser has on a page served
   * over plain HTTP too (randomUUID needs a secure context).
   */
  newKey() {
    return [...crypto.getRandomValues(new Uint8Array(16))].map(b => b.toString(16).padStart(2, '0')).join('');
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

  /** A moment as people write it: "21 November 2026, 21:30 GMT". */
  dateTime(iso) {
    return iso ? new Date(iso).toLocaleString('en-GB', {day: 'numeric', month: 'long', year: 'numeric',
      hour: '2-digit', minute: '2-digit', timeZoneName: 'short'}) : '';
  },

  date(iso) {
    return iso ? new Date(iso).toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'}) : '';
  },

  /**
   * When a read of someone's record happened, as they see it: a case's reporter's read by its day only (audit-service
   * withholds its time, which would point at who reported; {@code at} is then the day's start in UTC).
   */
  readAt(read) {
    return read.timeWithheld
      ? new Date(read.at).toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'})
        + ' (time not shown)'
      : Trust.dateTime(read.at);
  },

  /** Words for API constants that are names or abbreviations, not phrases. */
  LABELS: {NMC: 'NMC', GMC: 'GMC', HCPC: 'HCPC', X: 'X (Twitter)', TIKTOK: 'TikTok', WHATSAPP: 'WhatsApp',
    LINKEDIN: 'LinkedIn', YOUTUBE: 'YouTube', FACEBOOK: 'Facebook', INSTAGRAM: 'Instagram', SNAPCHAT: 'Snapchat',
    REDDIT: 'Reddit', URL: 'Link', REPORTED: 'Reported, awaiting triage',
    NOT_STARTED: 'Not started', DUE_SOON: 'Due soon', REFERRAL_TO_REGULATOR: 'Referral to the regulator'},

  /** An API constant as words: UNDER_INVESTIGATION → "Under investigation", TIKTOK → "TikTok". */
  words(constant) {
    if (!constant) return '';
    if (Trust.LABELS[constant]) return Trust.LABELS[constant];
    const text = constant.replaceAll('_', ' ').toLowerCase();
    return text.charAt(0).toUpperCase() + text.slice(1);
  },

  /** A realm role as a person reads it: line-manager → "Line manager", hr-integration → "HR system". */
  roleName(role) {
    return {governance: 'Governance', auditor: 'Auditor', 'hr-integration': 'HR system', 'line-manager': 'Line manager',
      'policy-author': 'Policy author', service: 'A platform service', staff: 'Staff',
      reporter: 'The person who reported it'}[role] || (role ? Trust.words(role) : '');
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
        Trust.el('p', {text: error instanceof ApiError ? error.message : 'The page could not be shown. Reload it to try again.'}),
        error.status === 401 ? Trust.el('a', {href: Trust.signInHere(), text: 'Sign in again'}) : null));
  },

  /**
   * The header every page shares: the service's name and, for a signed-in person, the links their roles can use
   * (the services enforce the roles; this only spares people links that would answer 403) and sign-out.
   */
  async header() {
    const me = await Trust.me();
    const links = [['/', 'Home', true], ['/policies.html', 'Policies', true],
      ['/training.html', 'My training', Trust.hasRole(me, 'staff')],
      ['/resources.html', 'Resources', true],
      ['/compliance.html', 'Compliance', Trust.hasRole(me, 'governance', 'line-manager')],
      ['/coverage.html', 'Coverage', Trust.hasRole(me, 'governance', 'line-manager')],
      ['/modules.html', 'Modules', Trust.hasRole(me, 'governance')],
      ['/overrides.html', 'Transfers', Trust.hasRole(me, 'governance')],
      ['/incidents.html', 'Incidents', Trust.hasRole(me, 'governance', 'auditor')],
      ['/reports.html', 'Reports', Trust.hasRole(me, 'governance', 'auditor')],
      ['/records.html', 'Records', Trust.hasRole(me, 'governance', 'auditor')],
      ['/subject-access.html', 'Subject access', Trust.hasRole(me, 'governance')],
      ['/report.html', 'Report a concern', Trust.hasRole(me, 'staff')],
      ['/my-records.html', 'Records about me', Trust.hasRole(me, 'staff')]];
    const here = window.location.pathname === '/index.html' ? '/' : window.location.pathname;
    const menu = Trust.el('button', {type: 'button', class: 'menu-toggle', 'aria-expanded': 'false',
      'aria-controls': 'site-nav', text: 'Menu'});
    const nav = Trust.el('nav', {id: 'site-nav', 'aria-label': 'Main'},
        Trust.el('ul', {}, links.filter(l => l[2]).map(([href, text]) => Trust.el('li', {},
            Trust.el('a', {href, text, 'aria-current': href === here ? 'page' : null})))));
    menu.addEventListener('click', () => {
      const open = menu.getAttribute('aria-expanded') !== 'true';
      menu.setAttribute('aria-expanded', String(open));
      nav.classList.toggle('open', open);
    });
    const header = document.querySelector('header');
    header.setAttribute('role', 'banner');
    Trust.fill(header,
        Trust.el('a', {class: 'skip-link', href: '#main-content', text: 'Skip to main content'}),
        Trust.el('div', {class: 'header-bar'},
            Trust.el('a', {class: 'service-name', href: '/', text: 'Social media governance'}),
            me.authenticated ? Trust.el('span', {class: 'who', text: me.name || me.username || ''}) : null,
            me.authenticated ? menu : null,
            me.authenticated ? Trust.el('form', {method: 'post', action: '/logout', class: 'sign-out'},
                Trust.el('input', {type: 'hidden', name: '_csrf', value: Trust.csrfToken()}),
                Trust.el('button', {class: 'secondary', type: 'submit', text: 'Sign out'})) : null),
        me.authenticated ? nav : null);
    if (me.authenticated) Trust.watchSession(me);
  },

  /**
   * Warns two minutes before the signed-in session would end unless used (trustgov.session idle timeout, given by
   * /session/me as idleSeconds), offers to stay signed in, and says so plainly when it has ended.
   */
  watchSession(me) {
    const idle = Number(me.idleSeconds) || 0;
    if (!idle || Trust.sessionTimer) return;
    const banner = Trust.el('div', {id: 'session-warning', class: 'notice', role: 'alertdialog', 'aria-live': 'assertive', hidden: true});
    document.body.prepend(banner);
    const arm = () => {
      clearTimeout(Trust.sessionTimer);
      clearTimeout(Trust.sessionEnd);
      banner.hidden = true;
      Trust.sessionTimer = setTimeout(() => {
        const stay = Trust.el('button', {type: 'button', id: 'stay-signed-in', text: 'Stay signed in'});
        stay.addEventListener('click', async () => {
          Trust.session = null;
          const again = await Trust.me();
          if (again.authenticated) arm();
        });
        Trust.fill(banner, Trust.el('p', {text: 'For your security you will be signed out in 2 minutes unless you carry on. '
            + 'What you have entered on this page is kept.'}), stay);
        banner.hidden = false;
        stay.focus();
      }, Math.max(0, idle - 120) * 1000);
      Trust.sessionEnd = setTimeout(() => {
        Trust.fill(banner, Trust.el('p', {text: 'You have been signed out because the page was not used for a while. '}),
            Trust.el('a', {href: Trust.signInHere(), text: 'Sign in again to carry on here'}));
        banner.hidden = false;
      }, idle * 1000);
    };
    Trust.onActivity = arm;
    arm();
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

  /**
   * The sign-in link that brings the person back to this page: every page but the start page needs a session, so
   * opening it again goes through Keycloak and the gateway's saved request returns here afterwards.
   */
  signInHere() {
    const here = window.location.pathname + window.location.search;
    return here === '/' || here === '/index.html' ? Trust.LOGIN : here;
  },

  /**
   * Previous/next links and "x to y of z" under a paged list (a Spring PagedModel's "page"); go(n) shows page n.
   */
  pager(page, go) {
    if (!page || page.totalPages <= 1) {
      return Trust.el('p', {class: 'muted', text: (page ? page.totalElements : 0) + ' found'});
    }
    const first = page.number * page.size + 1;
    const last = Math.min(page.totalElements, first + page.size - 1);
    const button = (text, n, enabled) => {
      const b = Trust.el('button', {type: 'button', class: 'secondary', text, disabled: !enabled});
      b.addEventListener('click', () => go(n));
      return b;
    };
    return Trust.el('nav', {class: 'pager', 'aria-label': 'Pages'},
        button('Previous', page.number - 1, page.number > 0),
        Trust.el('span', {text: ' ' + first + ' to ' + last + ' of ' + page.totalElements + ' '}),
        button('Next', page.number + 1, page.number + 1 < page.totalPages));
  },

  /**
   * Choosing a colleague by name: a text box that searches the staff directory as the person types (one request per
   * pause, at most 20 names) and a hidden field {@code name} that holds the chosen staff number.
   */
  colleaguePicker(name, label, hint) {
    const id = 'pick-' + name;
    const input = Trust.el('input', {id, autocomplete: 'off', maxlength: 100, size: 30, 'aria-describedby': id + '-hint'});
    const chosenNumber = Trust.el('input', {type: 'hidden', name});
    const list = Trust.el('div', {'aria-live': 'polite', 'data-picker-results': name});
    const chosen = Trust.el('p', {class: 'tag tag-grey', 'data-picker-chosen': name, hidden: true});
    let timer;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      chosenNumber.value = '';
      chosen.hidden = true;
      const text = input.value.trim();
      if (text.length < 2) {
        list.replaceChildren();
        return;
      }
      timer = setTimeout(async () => {
        try {
          const found = await Trust.api('GET', '/api/training/directory?name=' + encodeURIComponent(text));
          list.replaceChildren(found.length === 0
              ? Trust.el('p', {text: 'Nobody on the staff list matches. Check the spelling.'})
              : Trust.el('ul', {class: 'plain'}, found.map(c => {
                const pick = Trust.el('button', {type: 'button', class: 'secondary', 'data-colleague': c.staffNumber,
                  text: c.name + ', ' + c.department});
                pick.addEventListener('click', () => {
                  chosenNumber.value = c.staffNumber;
                  input.value = c.name;
                  chosen.textContent = 'Chosen: ' + c.name + ', ' + c.department;
                  chosen.hidden = false;
                  list.replaceChildren();
                  input.focus();
                });
                return Trust.el('li', {}, pick);
              })));
        } catch (error) {
          Trust.showError(list, error);
        }
      }, 300);
    });
    return Trust.el('div', {class: 'picker'}, Trust.el('label', {for: id, text: label}),
        Trust.el('p', {class: 'muted', id: id + '-hint', text: hint || 'Type at least two letters of their name, then choose them.'}),
        input, chosenNumber, list, chosen);
  },

  /**
   * Names for the staff numbers a page shows (governance and auditors; one request for up to 50), as a lookup:
   * Trust.person(names, 'staff:10000001') → "Alex Carter (10000001)". Anyone else keeps the numbers.
   */
  async names(numbers) {
    const unique = [...new Set(numbers.filter(n => /^[0-9]{8}$/.test(n || '')))].slice(0, 50);
    if (unique.length === 0) return {};
    try {
      const people = await Trust.api('GET', '/api/training/directory/people?' + unique.map(n => 'number=' + n).join('&'));
      return Object.fromEntries(people.map(p => [p.staffNumber, p]));
    } catch (error) {
      return {};
    }
  },

  /** A staff number, "staff:<number>" or a service client as a person reads it. */
  person(names, who) {
    if (!who) return '';
    const number = String(who).replace(/^staff:/, '');
    if (/^[0-9]{8}$/.test(number)) {
      return names[number] ? names[number].name + ' (staff number ' + number + ')' : 'staff number ' + number;
    }
    return String(who).replace(/^client:/, 'the system ').replace(/^service:/, 'the system ');
  },

  /** Says something to screen readers without moving the focus (a polite live region shared by the page). */
  announce(text) {
    let region = document.getElementById('announcer');
    if (!region) {
      region = Trust.el('div', {id: 'announcer', class: 'visually-hidden', role: 'status', 'aria-live': 'polite'});
      document.body.append(region);
    }
    region.textContent = text;
  },

  param(name) {
    return new URLSearchParams(window.location.search).get(name);
  }
};
