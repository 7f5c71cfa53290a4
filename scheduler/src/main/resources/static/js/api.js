/*
 * Calls to the scheduler's JSON API from the browser session: the CSRF token (the XSRF-TOKEN cookie's
 * value) goes with every change in the X-XSRF-TOKEN header; a 401 sends the browser to the login page.
 */
'use strict';

const Api = (() => {
  function cookie(name) {
    const entry = document.cookie.split('; ').find(c => c.startsWith(name + '='));
    return entry ? decodeURIComponent(entry.substring(name.length + 1)) : null;
  }

  /** An error of the API: its message, the HTTP status and the problems ({severity, line, column, message}). */
  class ApiError extends Error {
    constructor(status, message, problems) {
      super(message);
      this.status = status;
      this.problems = problems || [];
    }
  }

  async function call(method, path, body, contentType) {
    // X-Requested-With: a 401 then carries no Basic challenge, so the browser shows no login dialog.
    const headers = { 'Accept': 'application/json, text/plain', 'X-Requested-With': 'XMLHttpRequest' };
    if (method !== 'GET') {
      const token = cookie('XSRF-TOKEN');
      if (token) headers['X-XSRF-TOKEN'] = token;
    }
    if (body !== undefined) headers['Content-Type'] = contentType || 'application/json';
    const response = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 401) {
      window.location.assign('login');
      throw new ApiError(401, 'not logged in');
    }
    const text = await response.text();
    const json = (response.headers.get('Content-Type') || '').includes('json') && text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new ApiError(response.status, json && json.error ? json.error : 'HTTP ' + response.status + ' ' + text.substring(0, 200),
        json && json.problems);
    }
    return json !== null ? json : text;
  }

  const enc = encodeURIComponent;
  return {
    ApiError,
    cookie,
    health: () => fetch('api/health', { cache: 'no-store', credentials: 'same-origin' }).then(r => r.json()),
    session: () => call('GET', 'api/session'),
    agents: () => call('GET', 'api/agents'),
    reports: () => call('GET', 'api/reports'),
    activity: kind => call('GET', 'api/activity' + (kind ? '?kind=' + enc(kind) : '')),
    configurations: () => call('GET', 'api/configurations'),
    configuration: name => call('GET', 'api/configurations/' + enc(name)),
    versions: name => call('GET', 'api/configurations/' + enc(name) + '/versions'),
    diff: (name, from, to) => call('GET', 'api/configurations/' + enc(name) + '/diff?from=' + from + '&to=' + to),
    preview: name => call('GET', 'api/configurations/' + enc(name) + '/preview'),
    validate: (name, text) => call('POST', 'api/configurations/validate?name=' + enc(name), text, 'text/plain;charset=UTF-8'),
    save: (name, text, comment) => call('PUT', 'api/configurations/' + enc(name), JSON.stringify({ text, comment: comment || null })),
    remove: name => call('DELETE', 'api/configurations/' + enc(name)),
    /** Ends the session (Spring Security's POST /logout, with the CSRF header like every change). */
    logout: () => fetch('logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') || '' }, credentials: 'same-origin', redirect: 'manual' }),
    rollback: (name, to) => call('POST', 'api/configurations/' + enc(name) + '/rollback?to=' + to),
  };
})();
