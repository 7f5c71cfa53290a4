/*
 * The read-only pages: the dashboard (problems first, totals, streams as the executors report them),
 * the agents, and the scheduler's activity.
 */
'use strict';

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

/** Per stream, what its executor last reported; the lag is the bytes of a file not read yet (none for stdout/stderr). */
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
    st.offset < 0 ? el('td', {}, '')
      : st.lagBytes < 0 ? el('td', { className: 'muted' }, 'unknown') : el('td', { className: 'num' }, byteSize(st.lagBytes)),
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
  renderContainers(reports);
}

/** Every container each executor's discovery sees; one that no configuration matches is shown too, so that its silence is explained. */
function renderContainers(reports) {
  // A report from an executor older than the field has no list.
  const rows = reports.flatMap(r => (r.report.containers || []).map(c => el('tr', {},
    el('td', { className: 'nowrap' }, el('code', {}, r.agentId)),
    el('td', {}, c.name),
    el('td', {}, c.image),
    el('td', { title: c.id }, el('code', {}, c.id.substring(0, 12))),
    el('td', {}, c.streams === 0 ? el('span', { className: 'muted' }, 'matches no configuration')
      : c.streams + ' stream' + (c.streams === 1 ? '' : 's')))));
  fill($('containers-table').tBodies[0], rows, reports.length ? 'No running container reported.' : 'No executor has reported yet.', 5);
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
