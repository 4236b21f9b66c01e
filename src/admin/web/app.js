// The admin UI: a login, then pages chosen by the URL hash (#status, #publish, #channels,
// #trace). Every call goes to endpoints relative to this page (admin/init, admin/auth,
// admin/api, admin/trace), so the UI works under any admin.handler_prefix. Data from the
// server is only ever put into the page as text, never as HTML.
'use strict';

(() => {
  const TOKEN_KEY = 'centrifugo-admin-token';
  const STATUS_REFRESH_MS = 5000;
  const HISTORY_LIMIT = 20;
  const PAGES = ['status', 'publish', 'channels', 'trace'];

  const state = {
    insecure: false,
    token: localStorage.getItem(TOKEN_KEY) || '',
    authed: false,
    statusTimer: null,
    trace: null,
  };

  const $ = (id) => document.getElementById(id);

  /** An element with text children (strings) or element children. */
  function el(tag, props = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'class') e.className = v;
      else if (k === 'onclick') e.addEventListener('click', v);
      else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }

  function showMessage(node, text) {
    node.textContent = text;
    node.hidden = !text;
  }

  /** Replaces a table's rows; `empty` is shown in one cell when there are none. */
  function fillTable(table, rows, empty) {
    const body = table.tBodies[0];
    body.replaceChildren();
    if (rows.length === 0) {
      const cols = table.tHead.rows[0].cells.length;
      body.append(el('tr', {}, el('td', { class: 'empty', colspan: String(cols) }, empty)));
      return;
    }
    body.append(...rows);
  }

  const json = (v) => el('code', {}, v === undefined ? '' : JSON.stringify(v));

  function authHeaders() {
    return state.token ? { Authorization: `token ${state.token}` } : {};
  }

  class ApiError extends Error {
    constructor(code, message) {
      super(`error ${code}: ${message}`);
      this.code = code;
    }
  }

  /** One server API call through admin/api (the legacy line protocol); its result or a throw. */
  async function api(method, params = {}) {
    const resp = await fetch('admin/api', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...authHeaders() },
      body: JSON.stringify({ method, params }),
    });
    if (resp.status === 401) {
      logout('Your session is no longer valid: log in again.');
      throw new Error('not authorized');
    }
    const text = await resp.text();
    if (!resp.ok) throw new Error(`HTTP ${resp.status}: ${text.trim()}`);
    let reply;
    try {
      reply = JSON.parse(text.split('\n')[0]);
    } catch {
      throw new Error(`unexpected reply: ${text.slice(0, 200)}`);
    }
    if (reply.error) throw new ApiError(reply.error.code, reply.error.message);
    return reply.result || {};
  }

  // ------------------------------------------------------------------ session and routing

  function saveToken(token) {
    state.token = token;
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  }

  function logout(message = '') {
    saveToken('');
    state.authed = state.insecure;
    stopTrace();
    route();
    showMessage($('login-error'), message);
  }

  function showPage(name) {
    for (const s of document.querySelectorAll('main > section')) s.hidden = s.id !== `page-${name}`;
    for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.page === name);
    $('nav').hidden = name === 'login';
    $('logout').hidden = name === 'login' || state.insecure;
  }

  function route() {
    clearInterval(state.statusTimer);
    state.statusTimer = null;
    if (!state.authed) {
      showPage('login');
      $('password').focus();
      return;
    }
    const page = location.hash.slice(1);
    if (!PAGES.includes(page)) {
      location.hash = '#status';
      return;
    }
    showPage(page);
    if (page === 'status') {
      refreshStatus();
      state.statusTimer = setInterval(refreshStatus, STATUS_REFRESH_MS);
    } else if (page === 'channels') {
      refreshChannels();
    }
  }

  async function boot() {
    try {
      const resp = await fetch('admin/init', { headers: authHeaders() });
      if (!resp.ok) throw new Error(`HTTP ${resp.status}`);
      const init = await resp.json();
      state.insecure = Boolean(init.insecure);
      state.authed = state.insecure || Boolean(init.authenticated);
      if (!init.authenticated) saveToken('');
    } catch (err) {
      showMessage($('fatal'), `Cannot reach the admin endpoints: ${err.message}`);
      return;
    }
    window.addEventListener('hashchange', route);
    route();
  }

  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const error = $('login-error');
    showMessage(error, '');
    $('login-submit').disabled = true;
    try {
      const resp = await fetch('admin/auth', {
        method: 'POST',
        body: new URLSearchParams({ password: $('password').value }),
      });
      if (resp.status === 400) {
        showMessage(error, 'Wrong password (or no admin password and secret are configured).');
        return;
      }
      if (!resp.ok) {
        showMessage(error, `Login failed: HTTP ${resp.status}`);
        return;
      }
      const { token } = await resp.json();
      saveToken(token);
      state.authed = true;
      $('password').value = '';
      route();
    } catch (err) {
      showMessage(error, `Login failed: ${err.message}`);
    } finally {
      $('login-submit').disabled = false;
    }
  });

  $('logout').addEventListener('click', () => logout());

  // ------------------------------------------------------------------ status

  function uptime(seconds) {
    const s = Number(seconds) || 0;
    const d = Math.floor(s / 86400);
    const h = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    const parts = [];
    if (d) parts.push(`${d}d`);
    if (d || h) parts.push(`${h}h`);
    if (d || h || m) parts.push(`${m}m`);
    parts.push(`${s % 60}s`);
    return parts.join(' ');
  }

  async function refreshStatus() {
    try {
      const { nodes = [] } = await api('info');
      nodes.sort((a, b) => String(a.name).localeCompare(String(b.name)));
      const num = (v) => el('td', { class: 'num' }, v || 0);
      fillTable($('nodes'), nodes.map((n) => el('tr', {},
        el('td', {}, n.name || n.uid || ''),
        el('td', {}, n.version || ''),
        el('td', {}, uptime(n.uptime)),
        num(n.num_clients), num(n.num_users), num(n.num_subs), num(n.num_channels),
      )), 'No nodes');
      showMessage($('status-error'), '');
    } catch (err) {
      showMessage($('status-error'), `Cannot load node info: ${err.message}`);
    }
  }

  $('status-refresh').addEventListener('click', refreshStatus);

  // ------------------------------------------------------------------ publish

  $('publish-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const out = $('publish-result');
    const show = (text, bad) => {
      out.textContent = text;
      out.className = bad ? 'bad' : '';
      out.hidden = false;
    };
    let data;
    try {
      data = JSON.parse($('publish-data').value);
    } catch (err) {
      show(`Data is not valid JSON: ${err.message}`, true);
      return;
    }
    $('publish-submit').disabled = true;
    try {
      const result = await api('publish', { channel: $('publish-channel').value, data });
      const where = result.offset ? ` (offset ${result.offset}, epoch ${result.epoch})` : '';
      show(`Published${where}`, false);
    } catch (err) {
      show(`Publish failed: ${err.message}`, true);
    } finally {
      $('publish-submit').disabled = false;
    }
  });

  // ------------------------------------------------------------------ channels

  async function refreshChannels() {
    try {
      const { channels = {} } = await api('channels');
      const names = Object.keys(channels).sort();
      fillTable($('channels'), names.map((name) => el('tr', {
        class: 'clickable',
        onclick: () => {
          $('inspect-channel').value = name;
          inspect(name);
        },
      }, el('td', {}, name), el('td', { class: 'num' }, channels[name].num_clients || 0))),
      'No active channels');
      showMessage($('channels-error'), '');
    } catch (err) {
      showMessage($('channels-error'), `Cannot list channels: ${err.message}`);
    }
  }

  async function inspect(channel) {
    $('inspection').hidden = false;
    showMessage($('inspect-error'), '');
    const [presence, history] = await Promise.allSettled([
      api('presence', { channel }),
      api('history', { channel, limit: HISTORY_LIMIT, reverse: true }),
    ]);
    if (presence.status === 'fulfilled') {
      const clients = Object.values(presence.value.presence || {});
      clients.sort((a, b) => String(a.user).localeCompare(String(b.user)));
      fillTable($('presence'), clients.map((c) => el('tr', {},
        el('td', {}, c.client || ''),
        el('td', {}, c.user || ''),
        el('td', {}, json(c.conn_info)),
        el('td', {}, json(c.chan_info)),
      )), 'Nobody is subscribed');
    } else {
      fillTable($('presence'), [], `Presence unavailable: ${presence.reason.message}`);
    }
    if (history.status === 'fulfilled') {
      const pubs = history.value.publications || [];
      fillTable($('history'), pubs.map((p) => el('tr', {},
        el('td', { class: 'num' }, p.offset || ''),
        el('td', {}, json(p.data)),
        el('td', {}, p.info ? `${p.info.user || ''} ${p.info.client || ''}`.trim() : ''),
      )), 'No publications in history');
    } else {
      fillTable($('history'), [], `History unavailable: ${history.reason.message}`);
    }
  }

  $('channels-refresh').addEventListener('click', refreshChannels);
  $('inspect-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    inspect($('inspect-channel').value);
  });

  // ------------------------------------------------------------------ trace

  function traceRow(ev) {
    const details = {};
    for (const [k, v] of Object.entries(ev)) {
      if (!['time', 'type', 'user', 'client', 'channel'].includes(k)) details[k] = v;
    }
    return el('tr', {},
      el('td', {}, ev.time || ''),
      el('td', {}, ev.type || ''),
      el('td', {}, ev.user || ''),
      el('td', {}, ev.client || ''),
      el('td', {}, ev.channel || ''),
      el('td', {}, Object.keys(details).length ? json(details) : ''),
    );
  }

  function stopTrace() {
    if (state.trace) state.trace.abort();
    state.trace = null;
    $('trace-start').disabled = false;
    $('trace-stop').disabled = true;
  }

  async function startTrace(type, entity) {
    stopTrace();
    const ctl = new AbortController();
    state.trace = ctl;
    $('trace-start').disabled = true;
    $('trace-stop').disabled = false;
    showMessage($('trace-error'), '');
    $('trace-status').textContent = `Connecting to trace ${type} ${entity}…`;
    const body = $('trace-events').tBodies[0];
    let count = 0;
    try {
      const resp = await fetch('admin/trace', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...authHeaders() },
        body: JSON.stringify({ type, entity }),
        signal: ctl.signal,
      });
      if (resp.status === 404) throw new Error('this server does not offer tracing (admin/trace answered 404)');
      if (resp.status === 401) throw new Error('not authorized to trace (401): log in again');
      if (!resp.ok) throw new Error(`HTTP ${resp.status}: ${(await resp.text()).trim()}`);
      if (!resp.body) throw new Error('this browser cannot read streaming responses');
      $('trace-status').textContent = `Tracing ${type} ${entity}`;
      const reader = resp.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line) continue;
          let ev;
          try {
            ev = JSON.parse(line);
          } catch {
            ev = { type: 'unparsable', line };
          }
          if (ev.type === 'started') {
            $('trace-status').textContent = `Tracing ${type} ${entity} (started ${ev.time || ''})`;
            continue;
          }
          body.prepend(traceRow(ev));
          count++;
        }
      }
      $('trace-status').textContent = `Trace ended by the server after ${count} events.`;
    } catch (err) {
      if (ctl.signal.aborted) {
        $('trace-status').textContent = `Trace stopped after ${count} events.`;
      } else {
        $('trace-status').textContent = '';
        showMessage($('trace-error'), `Trace failed: ${err.message}`);
      }
    } finally {
      if (state.trace === ctl) stopTrace();
    }
  }

  $('trace-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    startTrace($('trace-type').value, $('trace-entity').value);
  });
  $('trace-stop').addEventListener('click', stopTrace);
  $('trace-clear').addEventListener('click', () => $('trace-events').tBodies[0].replaceChildren());

  boot();
})();
