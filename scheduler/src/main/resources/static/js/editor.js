/*
 * The configuration editor: a textarea over a highlighted copy of its text, validation as you type,
 * save, version history, diff, rollback, delete and the pipeline preview. It never replaces text
 * being edited; it says when someone saved a newer version meanwhile.
 */
'use strict';

const VALIDATE_DELAY_MS = 300;

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
