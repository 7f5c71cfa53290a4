/*
 * The web UI's routing (#dashboard, #agents, #configurations/<name>, #activity) and polling: the page
 * shown renders from the JSON API and refreshes itself every few seconds while shown.
 */
'use strict';

const REFRESH_MS = 3000;

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
