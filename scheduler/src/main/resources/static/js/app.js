/*
 * The pages of the web UI. Each page renders from the JSON API and refreshes itself every few seconds
 * while shown (polling); the editor never replaces text being edited, it says when a newer version exists.
 */
'use strict';

const REFRESH_MS = 3000;
const VALIDATE_DELAY_MS = 300;

const $ = id => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.substring(2), v);
    else if (k === 'className') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function ago(iso) {
  if (!iso) return '';
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.floor(s / 60) + ' min ago';
  return Math.floor(s / 3600) + ' h ago';
}

function connection(ok, message) {
  const c = $('connection');
  c.textContent = ok ? 'updated ' + new Date().toLocaleTimeString() : message;
  c.className = 'status ' + (ok ? 'ok' : 'bad');
}

function fill(tbody, rows, emptyText, columns) {
  tbody.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: columns, className: 'muted' }, emptyText))]));
}

// ---------------------------------------------------------------- dashboard

async function renderDashboard() {
  const [health, agents, configurations, reports] = await Promise.all([Api.health(), Api.agents(), Api.configurations(), Api.reports()]);
  const banner = $('scheduler-banner');
  const down = !health.subscribed || health.tornDown;
  banner.hidden = !down && !health.lastError;
  banner.className = 'banner ' + (down ? 'bad' : 'warn');
  banner.textContent = health.tornDown ? 'The framework was torn down.'
    : !health.subscribed ? 'The scheduler is not subscribed to Mesos' + (health.lastError ? ': ' + health.lastError : '.')
      : 'Last error: ' + health.lastError;

  const problems = [];
  for (const a of agents.agents.filter(a => a.problem)) {
    const kind = a.executorState === null ? 'no-executor' : a.configState === 'REJECTED' ? 'rejected' : 'failed';
    problems.push(el('li', { className: 'problem ' + kind },
      el('strong', {}, { 'no-executor': 'Agent without executor', rejected: 'Configuration rejected', failed: 'Executor failed' }[kind]),
      ' ', el('code', {}, a.agentId), ': ', a.problem,
      a.relaunchNotBefore ? el('span', { className: 'muted' }, ' (next launch not before ' + time(a.relaunchNotBefore) + ')') : null));
  }
  for (const c of configurations.configurations.filter(c => c.warnings && c.warnings.length)) {
    problems.push(el('li', { className: 'problem warning' }, el('strong', {}, 'Configuration warnings'), ' ',
      el('a', { href: '#configurations/' + encodeURIComponent(c.name) }, c.name), ': ',
      c.warnings.map(w => (w.line ? 'line ' + w.line + ', column ' + w.column + ': ' : '') + w.message).join('; ')));
  }
  for (const r of reports) {
    for (const st of r.report.streams.filter(st => st.lastError)) {
      problems.push(el('li', { className: 'problem stream-error' }, el('strong', {}, 'Stream error'), ' ', el('code', {}, r.agentId), ' ',
        st.containerId.substring(0, 12) + ' ' + st.source + ' (' + st.state.toLowerCase() + '): ' + st.lastError));
    }
    for (const p of ((r.report.logstash || {}).pipelines || []).filter(p => p.lastError)) {
      problems.push(el('li', { className: 'problem' }, el('strong', {}, 'Logstash pipeline error'), ' ', el('code', {}, r.agentId), ' ',
        p.id + ': ' + p.lastError));
    }
  }
  $('problems').replaceChildren(...(problems.length ? problems : [el('li', { className: 'muted ok-text' }, 'No problems.')]));

  const rows = agents.agents;
  const running = rows.filter(a => a.executorState === 'TASK_RUNNING').length;
  const applied = rows.filter(a => a.configState === 'APPLIED').length;
  const card = (id, label, value, note) => el('div', { className: 'card', id }, el('div', { className: 'value' }, value),
    el('div', { className: 'label' }, label), note ? el('div', { className: 'note muted' }, note) : null);
  $('totals').replaceChildren(
    card('total-scheduler', 'scheduler', health.subscribed ? 'subscribed' : 'not subscribed', health.frameworkId || ''),
    card('total-agents', 'agents known', rows.length, 'from tasks and offers'),
    card('total-executors', 'executors running', running, health.agentsWithExecutor + ' agents with an executor'),
    card('total-applied', 'executors on the current configuration', applied,
      agents.currentVersion === null ? 'no collector configuration' : 'collector version ' + agents.currentVersion),
    card('total-configurations', 'configurations', configurations.configurations.length, ''),
    card('total-lines', 'lines/s read', reports.length ? number(reports.reduce((sum, r) => sum + r.report.streams.reduce((a, st) => a + st.linesPerSecond, 0), 0)) : '–',
      reports.length ? 'by ' + reports.length + ' reporting executors' : 'no executor has reported yet'),
    card('total-unacknowledged', 'events not yet acknowledged', reports.length ? reports.reduce((sum, r) => sum + r.report.delivery.unacknowledged, 0) : '–',
      reports.length ? reports.reduce((sum, r) => sum + r.report.delivery.sinkFailures, 0) + ' failed sends (retried)' : ''));
  renderStreams(reports);
}

function number(x) {
  return x >= 100 ? Math.round(x).toLocaleString('en') : (Math.round(x * 10) / 10).toLocaleString('en');
}

/** Per stream, what its executor last reported; the lag behind the end of a file is not reported by executors yet. */
function renderStreams(reports) {
  const streams = reports.flatMap(r => r.report.streams.map(st => ({ agentId: r.agentId, ...st })));
  $('streams-summary').textContent = reports.length
    ? streams.length + ' streams on ' + reports.length + ' executors, as they last reported ('
      + reports.map(r => r.agentId + ' ' + ago(r.receivedAt)).join(', ') + ').'
    : 'No executor has reported yet: executors report every 10 s while they run.';
  const rows = streams.map(st => el('tr', { className: st.lastError ? 'has-problem' : '' },
    el('td', { className: 'nowrap' }, el('code', {}, st.agentId)),
    el('td', { title: st.containerId }, el('code', {}, st.containerId.substring(0, 12))),
    el('td', {}, st.source),
    el('td', {}, el('span', { className: 'state ' + st.state.toLowerCase() }, st.state.toLowerCase())),
    el('td', { className: 'num' }, number(st.linesPerSecond)),
    el('td', { className: 'num' }, st.lines.toLocaleString('en')),
    el('td', { className: 'num' }, st.offset < 0 ? '' : st.offset.toLocaleString('en')),
    el('td', { className: 'muted' }, 'not reported yet'),
    el('td', { className: 'problem-text' }, st.lastError || '')));
  fill($('streams-table').tBodies[0], rows, 'No stream reported.', 9);
}

// ---------------------------------------------------------------- agents

async function renderAgents() {
  const [agents, reports] = await Promise.all([Api.agents(), Api.reports()]);
  const reportOf = new Map(reports.map(r => [r.agentId, r]));
  $('agents-summary').textContent = agents.agents.length + ' agents known; the executors should run collector version '
    + (agents.currentVersion === null ? '(none)' : agents.currentVersion) + '.';
  const rows = agents.agents.map(a => el('tr', { className: a.problem ? 'has-problem' : '' },
    el('td', { className: 'nowrap' }, el('code', {}, a.agentId)),
    el('td', {}, a.executorState ? el('span', { className: 'state ' + a.executorState.toLowerCase() }, a.executorState.replace('TASK_', '').toLowerCase()) : el('span', { className: 'muted' }, 'none'),
      a.taskId ? el('div', { className: 'muted small' }, a.taskId) : null),
    el('td', { title: time(a.since) }, ago(a.since)),
    el('td', {}, a.configState ? el('span', { className: 'state ' + a.configState.toLowerCase() }, a.configState.toLowerCase()) : '',
      a.appliedVersion !== null ? ' version ' + a.appliedVersion : (a.configState ? ' not reported yet' : ''),
      a.rejectedVersion !== null ? el('div', { className: 'small' }, 'rejected version ' + a.rejectedVersion + (a.rejectionReason ? ': ' + a.rejectionReason : '')) : null),
    el('td', {}, reportCell(reportOf.get(a.agentId))),
    el('td', {}, a.lastActivity ? [el('span', { className: 'kind' }, a.lastActivity.kind.toLowerCase().replace('_', ' ')), ' ', a.lastActivity.detail,
      el('div', { className: 'muted small' }, ago(a.lastActivity.time))] : ''),
    el('td', { className: 'problem-text' }, a.executorState === null ? 'no executor' : a.problem || '')));
  fill($('agents-table').tBodies[0], rows, 'No agent known yet: no offer has come in.', 7);
}

function reportCell(r) {
  if (!r) return el('span', { className: 'muted' }, 'not reported yet');
  const st = r.report.streams;
  const d = r.report.delivery;
  return [
    st.length + ' stream' + (st.length === 1 ? '' : 's') + ', ' + number(st.reduce((a, x) => a + x.linesPerSecond, 0)) + ' lines/s',
    el('div', { className: 'small' }, d.acknowledged.toLocaleString('en') + ' of ' + d.published.toLocaleString('en') + ' events acknowledged'
      + (d.sinkFailures ? ', ' + d.sinkFailures + ' failed sends' : '')),
    r.report.logstash ? el('div', { className: 'small' }, 'Logstash: ' + r.report.logstash.status) : null,
    el('div', { className: 'muted small' }, 'version ' + r.report.appliedVersion + ', ' + ago(r.receivedAt)),
  ];
}

// ---------------------------------------------------------------- activity

async function renderActivity() {
  const entries = await Api.activity($('activity-kind').value);
  const rows = entries.map(a => el('tr', { className: 'activity ' + a.kind.toLowerCase() },
    el('td', { className: 'nowrap' }, time(a.time)),
    el('td', {}, el('span', { className: 'kind ' + a.kind.toLowerCase() }, a.kind.toLowerCase().replace('_', ' '))),
    el('td', {}, a.agent ? el('code', {}, a.agent) : ''),
    el('td', {}, a.detail)));
  fill($('activity-table').tBodies[0], rows, 'Nothing yet.', 4);
}

// ---------------------------------------------------------------- configurations

const editor = {
  name: null,         // the configuration shown
  loadedText: null,   // its text as last loaded or saved
  loadedVersion: 0,
  problems: [],
  validateTimer: null,
  validation: 0,      // the latest validation request; older answers are dropped
  diffFrom: null,     // the versions the operator chose to compare; null: the two latest
  diffTo: null,
};

function renderHighlight() {
  const text = $('config-text').value;
  $('highlight').innerHTML = LogstashHighlighter.render(text, editor.problems);
  const lines = text.split('\n').length;
  const marks = new Map(editor.problems.filter(p => p.line > 0).map(p => [p.line, p.severity]));
  const gutter = [];
  for (let n = 1; n <= lines; n++) {
    const s = marks.get(n);
    gutter.push('<div class="' + (s ? (s === 'WARNING' ? 'g-warning' : 'g-error') : '') + '">' + n + '</div>');
  }
  $('gutter').innerHTML = gutter.join('');
  syncScroll();
}

function syncScroll() {
  const area = $('config-text');
  $('highlight').style.transform = 'translate(' + -area.scrollLeft + 'px,' + -area.scrollTop + 'px)';
  $('gutter').scrollTop = area.scrollTop;
}

function showProblems(problems, validText) {
  editor.problems = problems || [];
  const errors = editor.problems.filter(p => p.severity !== 'WARNING').length;
  const warnings = editor.problems.length - errors;
  const v = $('validation');
  v.className = 'validation ' + (errors ? 'bad' : warnings ? 'warn' : 'ok');
  v.textContent = errors ? errors + ' error' + (errors > 1 ? 's' : '') + (warnings ? ', ' + warnings + ' warning' + (warnings > 1 ? 's' : '') : '')
    : warnings ? 'valid, ' + warnings + ' warning' + (warnings > 1 ? 's' : '') : validText;
  $('validation-problems').replaceChildren(...editor.problems.map(p => el('li', {
    className: 'vp ' + (p.severity === 'WARNING' ? 'warning' : 'error'),
    onclick: () => goTo(p.line, p.column),
  }, el('span', { className: 'pos' }, p.line ? 'line ' + p.line + ', column ' + p.column : 'configuration'), ' ', p.message)));
  renderHighlight();
}

function goTo(line, column) {
  if (!line) return;
  const area = $('config-text');
  const lines = area.value.split('\n');
  let pos = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) pos += lines[i].length + 1;
  pos += Math.max(0, (column || 1) - 1);
  area.focus();
  area.setSelectionRange(pos, pos);
}

function scheduleValidation() {
  clearTimeout(editor.validateTimer);
  $('validation').className = 'validation muted';
  $('validation').textContent = 'validating…';
  editor.validateTimer = setTimeout(validateNow, VALIDATE_DELAY_MS);
}

async function validateNow() {
  const id = ++editor.validation;
  try {
    const result = await Api.validate(editor.name, $('config-text').value);
    if (id === editor.validation) showProblems(result.problems, 'valid');
  } catch (e) {
    if (id === editor.validation) { $('validation').className = 'validation bad'; $('validation').textContent = 'validation failed: ' + e.message; }
  }
}

function dirty() {
  return editor.name !== null && $('config-text').value !== editor.loadedText;
}

async function openConfiguration(name, isNew) {
  if (dirty() && name !== editor.name && !confirm('Discard the unsaved changes to ' + editor.name + '?')) {
    window.location.hash = '#configurations/' + encodeURIComponent(editor.name);
    return;
  }
  editor.name = name;
  editor.diffFrom = null;
  editor.diffTo = null;
  $('editor-empty').hidden = true;
  $('editor-panel').hidden = false;
  $('editor-title').textContent = name;
  $('save-result').textContent = '';
  $('diff').hidden = true;
  $('preview-text').hidden = true;
  $('editor-notice').hidden = true;
  let text = '';
  editor.loadedVersion = 0;
  if (!isNew) {
    try {
      const current = await Api.configuration(name);
      text = current.text;
      editor.loadedVersion = current.version;
    } catch (e) {
      if (e.status !== 404) throw e;
    }
  }
  editor.loadedText = editor.loadedVersion ? text : null;
  $('config-text').value = text;
  $('editor-version').textContent = editor.loadedVersion ? 'version ' + editor.loadedVersion : 'new, not saved yet';
  $('delete').disabled = !editor.loadedVersion;
  showProblems([], '');
  scheduleValidation();
  await renderConfigurations();
}

async function renderConfigurations() {
  const list = await Api.configurations();
  const routeName = decodeURIComponent((window.location.hash.split('/')[1] || ''));
  $('config-list').replaceChildren(...list.configurations.map(c => el('li', { className: c.name === editor.name ? 'selected' : '' },
    el('a', { href: '#configurations/' + encodeURIComponent(c.name), 'data-name': c.name }, c.name),
    el('span', { className: 'muted small' }, ' v' + c.version),
    c.warnings && c.warnings.length ? el('span', { className: 'warn-dot', title: c.warnings.length + ' warnings' }, '!') : null)));
  if (routeName && routeName !== editor.name) {
    await openConfiguration(routeName, !list.configurations.some(c => c.name === routeName));
    return;
  }
  if (editor.name === null) return;
  const shown = list.configurations.find(c => c.name === editor.name);
  if (shown && shown.version !== editor.loadedVersion) {
    if (!dirty()) {
      const current = await Api.configuration(editor.name);
      editor.loadedText = current.text;
      editor.loadedVersion = current.version;
      $('config-text').value = current.text;
      $('editor-version').textContent = 'version ' + current.version;
      scheduleValidation();
    } else {
      $('editor-notice').hidden = false;
      $('editor-notice').textContent = 'Version ' + shown.version + ' was saved by ' + shown.author + ' meanwhile.';
    }
  }
  await renderVersions();
}

async function renderVersions() {
  const tbody = $('versions-table').tBodies[0];
  if (!editor.loadedVersion) { fill(tbody, [], 'No versions yet.', 8); return; }
  const versions = await Api.versions(editor.name);
  // Until the operator picks versions, the diff is between the two latest.
  const latest = versions[versions.length - 1].version;
  const from = String(editor.diffFrom || Math.max(1, latest - 1));
  const to = String(editor.diffTo || latest);
  const rows = versions.slice().reverse().map(v => el('tr', { id: 'version-' + v.version },
    el('td', {}, el('input', { type: 'radio', name: 'diff-from', value: v.version, checked: String(v.version) === from, 'aria-label': 'diff from ' + v.version,
      onchange: () => { editor.diffFrom = v.version; } })),
    el('td', {}, el('input', { type: 'radio', name: 'diff-to', value: v.version, checked: String(v.version) === to, 'aria-label': 'diff to ' + v.version,
      onchange: () => { editor.diffTo = v.version; } })),
    el('td', {}, v.version),
    el('td', {}, v.change.toLowerCase().replace('_', ' ') + (v.rolledBackTo ? ' to ' + v.rolledBackTo : '')),
    el('td', {}, v.author),
    el('td', { className: 'nowrap', title: time(v.time) }, ago(v.time)),
    el('td', {}, v.comment || ''),
    el('td', {}, v.version === editor.loadedVersion || v.change === 'DELETED' ? '' :
      el('button', { className: 'small-button write', onclick: () => rollback(v.version) }, 'Roll back to this'))));
  fill(tbody, rows, 'No versions yet.', 8);
}

async function showDiff() {
  const tbody = $('versions-table').tBodies[0];
  const from = (tbody.querySelector('input[name=diff-from]:checked') || {}).value;
  const to = (tbody.querySelector('input[name=diff-to]:checked') || {}).value;
  const pre = $('diff');
  pre.hidden = false;
  if (!from || !to) { pre.textContent = 'Choose the two versions to compare.'; return; }
  let diff;
  try {
    diff = await Api.diff(editor.name, from, to);
  } catch (e) {
    pre.textContent = 'No diff: ' + e.message;
    return;
  }
  pre.replaceChildren(...(diff ? diff.split('\n').map(line => el('span', {
    className: line.startsWith('+++') || line.startsWith('---') ? 'd-file' : line.startsWith('@@') ? 'd-hunk'
      : line.startsWith('+') ? 'd-add' : line.startsWith('-') ? 'd-del' : '',
  }, line || ' ')) : [el('span', { className: 'muted' }, 'Versions ' + from + ' and ' + to + ' have the same text.')]));
}

async function save() {
  const result = $('save-result');
  try {
    const saved = await Api.save(editor.name, $('config-text').value, $('save-comment').value);
    editor.loadedText = $('config-text').value;
    editor.loadedVersion = saved.version;
    $('editor-version').textContent = 'version ' + saved.version;
    $('editor-notice').hidden = true;
    $('save-comment').value = '';
    $('delete').disabled = false;
    result.className = 'save-result ok';
    result.textContent = saved.unchanged ? 'Unchanged: version ' + saved.version + ' has this text already.'
      : 'Saved as version ' + saved.version + '; executors get collector version ' + saved.collectorVersion + '.';
    showProblems(saved.warnings, 'valid');
    await renderConfigurations();
  } catch (e) {
    result.className = 'save-result bad';
    result.textContent = 'Not saved: ' + e.message;
    if (e.problems.length) showProblems(e.problems, '');
  }
}

async function rollback(version) {
  if (dirty() && !confirm('Discard the unsaved changes?')) return;
  if (!confirm('Roll ' + editor.name + ' back to version ' + version + '? The executors get it at once.')) return;
  try {
    const done = await Api.rollback(editor.name, version);
    editor.loadedText = null;
    const current = await Api.configuration(editor.name);
    editor.loadedText = current.text;
    editor.loadedVersion = current.version;
    $('config-text').value = current.text;
    $('editor-version').textContent = 'version ' + current.version;
    $('save-result').className = 'save-result ok';
    $('save-result').textContent = 'Rolled back: version ' + done.version + ' has the text of version ' + version + '.';
    scheduleValidation();
    await renderConfigurations();
  } catch (e) {
    $('save-result').className = 'save-result bad';
    $('save-result').textContent = 'Not rolled back: ' + e.message;
  }
}

async function removeConfiguration() {
  if (!confirm('Delete ' + editor.name + '? Its history stays; the executors stop running it.')) return;
  try {
    await Api.remove(editor.name);
    editor.name = null;
    editor.loadedText = null;
    $('editor-panel').hidden = true;
    $('editor-empty').hidden = false;
    window.location.hash = '#configurations';
  } catch (e) {
    $('save-result').className = 'save-result bad';
    $('save-result').textContent = 'Not deleted: ' + e.message;
  }
}

async function preview() {
  const pre = $('preview-text');
  try {
    const p = await Api.preview(editor.name);
    pre.textContent = '# pipeline ' + p.pipelineId + ' (version ' + p.version + ')\n' + p.pipeline + '\n# ' + p.routerId + '\n' + p.router;
  } catch (e) {
    pre.textContent = 'No preview: ' + e.message;
  }
  pre.hidden = false;
}

// ---------------------------------------------------------------- routing and polling

const PAGES = { dashboard: renderDashboard, agents: renderAgents, configurations: renderConfigurations, activity: renderActivity };
let refreshTimer = null;

function currentPage() {
  const page = (window.location.hash.substring(1).split('/')[0]) || 'dashboard';
  return PAGES[page] ? page : 'dashboard';
}

async function refresh() {
  clearTimeout(refreshTimer);
  const page = currentPage();
  try {
    await PAGES[page]();
    connection(true);
  } catch (e) {
    connection(false, 'refresh failed: ' + e.message);
  }
  refreshTimer = setTimeout(refresh, REFRESH_MS);
}

function show() {
  const page = currentPage();
  for (const name of Object.keys(PAGES)) {
    $('page-' + name).hidden = name !== page;
    $('nav-' + name).classList.toggle('active', name === page);
  }
  refresh();
}

document.addEventListener('DOMContentLoaded', () => {
  const area = $('config-text');
  area.addEventListener('input', () => { renderHighlight(); scheduleValidation(); });
  area.addEventListener('scroll', syncScroll);
  area.addEventListener('keydown', e => {
    if (e.key === 'Tab' && !e.shiftKey) {  // indent instead of leaving the editor
      e.preventDefault();
      document.execCommand('insertText', false, '  ');
    } else if ((e.ctrlKey || e.metaKey) && e.key === 's') {
      e.preventDefault();
      save();
    }
  });
  $('save').addEventListener('click', save);
  $('show-diff').addEventListener('click', showDiff);
  $('delete').addEventListener('click', removeConfiguration);
  $('preview').addEventListener('click', preview);
  $('activity-kind').addEventListener('change', refresh);
  $('new-config').addEventListener('submit', e => {
    e.preventDefault();
    window.location.hash = '#configurations/' + encodeURIComponent($('new-config-name').value.trim());
    $('new-config-name').value = '';
  });
  $('logout').addEventListener('click', async () => {
    if (dirty() && !confirm('Discard the unsaved changes?')) return;
    editor.loadedText = $('config-text').value;
    await Api.logout();
    window.location.assign('login?logout');
  });
  window.addEventListener('beforeunload', e => { if (dirty()) e.preventDefault(); });
  window.addEventListener('hashchange', show);
  Api.session().then(session => {
    $('user').textContent = session.user + (session.operator ? ' (operator)' : ' (viewer)');
    // A viewer reads; the changes it could not make are not offered.
    document.body.classList.toggle('viewer', !session.operator);
  }).catch(() => { });
  show();
});
