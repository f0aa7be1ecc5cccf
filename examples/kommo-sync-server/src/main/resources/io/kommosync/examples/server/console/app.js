// kommo-sync console. Plain JavaScript, no build step, nothing loaded from the network. Every value from the server
// is written with textContent or new Option(text, value), never as HTML.
(function () {
  'use strict';

  const TOKEN_KEY = 'kommo-sync-console-token';
  const state = {
    token: sessionStorage.getItem(TOKEN_KEY) || '',
    connections: [],
    connection: null,
    mapping: null,
    edits: new Map(),
    validationSeq: 0,
    valid: true
  };

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (k === 'class') { node.className = v; } else { node.setAttribute(k, v); }
      }
    }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function say(text, isError) {
    const s = $('status');
    s.textContent = text;
    s.className = isError ? 'error' : '';
  }

  class ApiError extends Error {
    constructor(status, message, body) { super(message); this.status = status; this.body = body; }
  }

  async function api(method, path, body) {
    const headers = { 'Authorization': 'Bearer ' + state.token };
    const init = { method: method, headers: headers, credentials: 'omit', cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch('api/' + path, init);
    let data = null;
    try { data = await response.json(); } catch (ignored) { data = null; }
    if (response.status === 401) {
      signOut('The console token is missing or wrong. Sign in again.');
      throw new ApiError(401, 'not signed in', data);
    }
    if (!response.ok) {
      throw new ApiError(response.status, (data && data.error) || ('HTTP ' + response.status), data);
    }
    return data;
  }

  function fail(e) {
    if (e instanceof ApiError && e.status === 401) { return; }
    say(e.message || String(e), true);
  }

  // ---- sign-in -------------------------------------------------------------------------------------------------

  function signOut(message) {
    state.token = '';
    sessionStorage.removeItem(TOKEN_KEY);
    $('nav').hidden = true;
    $('mapping-view').hidden = true;
    $('jobs-view').hidden = true;
    $('login-view').hidden = false;
    say(message || '', Boolean(message));
  }

  async function signIn(token) {
    state.token = token;
    const connections = await api('GET', 'connections');
    sessionStorage.setItem(TOKEN_KEY, token);
    state.connections = connections;
    const picker = $('connection');
    picker.replaceChildren();
    for (const c of connections) {
      picker.appendChild(new Option(c.id + ' (' + c.ledger + ')', c.id));
    }
    state.connection = connections.length ? connections[0].id : null;
    $('login-view').hidden = true;
    $('nav').hidden = false;
    say('');
    await show();
  }

  // ---- routing -------------------------------------------------------------------------------------------------

  async function show() {
    if (!state.token) { signOut(); return; }
    const view = location.hash === '#jobs' ? 'jobs' : 'mapping';
    $('mapping-view').hidden = view !== 'mapping';
    $('jobs-view').hidden = view !== 'jobs';
    $('nav-mapping').className = view === 'mapping' ? 'current' : '';
    $('nav-jobs').className = view === 'jobs' ? 'current' : '';
    if (!state.connection) { say('This server has no connection.', true); return; }
    try {
      if (view === 'mapping') { await loadMapping(); } else { await loadJobs(); }
    } catch (e) {
      fail(e);
    }
  }

  // ---- mapping -------------------------------------------------------------------------------------------------

  function conn() { return 'connections/' + encodeURIComponent(state.connection); }

  async function loadMapping() {
    const view = await api('GET', conn() + '/mapping');
    state.mapping = view;
    state.edits = new Map();
    state.valid = true;
    renderMapping(view);
    renderProblems(view.problems);
    updateSave();
  }

  function accountLabel(a) {
    let label = a.code + ' ' + a.name;
    if (!a.income) { label += ' — ' + a.type; }
    if (!a.active) { label += ' (inactive)'; }
    return label;
  }

  function select(cls, options, current, label) {
    const s = el('select', { 'class': cls, 'aria-label': label });
    s.appendChild(new Option('— none —', ''));
    let found = !current;
    for (const [value, text] of options) {
      s.appendChild(new Option(text, value));
      if (value === current) { found = true; }
    }
    if (!found) { s.appendChild(new Option(current + ' (not in the ledger)', current)); }
    s.value = current || '';
    return s;
  }

  function renderMapping(view) {
    const head = $('mapping-head');
    head.replaceChildren();
    const columns = ['Product', 'SKU', 'Ledger account', 'Tax code'];
    for (const d of view.dimensions) { columns.push(d.label); }
    columns.push('Mapped by / problems');
    for (const c of columns) { head.appendChild(el('th', null, c)); }

    const accounts = view.accounts.map((a) => [a.code, accountLabel(a)]);
    const taxes = view.taxRates.map((t) => [t.code, t.code + ' ' + t.name + ' (' + t.percent + '%)'
      + (t.active ? '' : ' (inactive)')]);
    const body = $('mapping-body');
    body.replaceChildren();
    for (const p of view.products) {
      const m = p.mapping;
      const tr = el('tr', { 'data-element-id': String(p.elementId) });
      tr.appendChild(el('td', { 'class': 'product' }, p.name));
      tr.appendChild(el('td', { 'class': 'sku' }, p.sku));
      const cellA = el('td');
      cellA.appendChild(select('account', accounts, m ? m.account : '', 'Ledger account of ' + p.name));
      tr.appendChild(cellA);
      const cellT = el('td');
      cellT.appendChild(select('tax', taxes, m ? m.tax : '', 'Tax code of ' + p.name));
      tr.appendChild(cellT);
      for (const d of view.dimensions) {
        const cell = el('td');
        const values = d.values.map((v) => [v.id, v.id + ' ' + v.name + (v.active ? '' : ' (inactive)')]);
        const s = select('dimension', values, m && m.dimensions[d.type] ? m.dimensions[d.type] : '',
          d.label + ' of ' + p.name);
        s.dataset.type = d.type;
        cell.appendChild(s);
        tr.appendChild(cell);
      }
      const status = el('td', { 'class': 'row-status' });
      status.appendChild(m ? el('span', { 'class': 'matched' }, m.matchedBy)
        : el('span', { 'class': 'unmapped' }, 'unmapped: its deals wait for a mapping'));
      status.appendChild(el('ul', { 'class': 'problems' }));
      tr.appendChild(status);
      tr.addEventListener('change', () => edited(tr, p.elementId));
      body.appendChild(tr);
    }
    if (!view.catalog) {
      const tr = el('tr');
      tr.appendChild(el('td', { colspan: String(columns.length) },
        'No product catalog is configured for this connection; only the rows below are shown.'));
      body.appendChild(tr);
    }

    const others = $('other-rows');
    others.replaceChildren();
    if (view.otherRows.length) {
      others.appendChild(el('h3', null, 'Other rows of the table (they match no product listed above)'));
      const list = el('ul');
      for (const r of view.otherRows) {
        const dims = Object.entries(r.dimensions).map(([k, v]) => k.toLowerCase() + ' ' + v).join(', ');
        list.appendChild(el('li', null, r.key + ' → account ' + r.account + ', tax ' + r.tax + (dims ? ', ' + dims : '')));
      }
      others.appendChild(list);
    }
    const note = $('parked-note');
    note.hidden = view.parkedForMapping === 0;
    note.textContent = view.parkedForMapping + ' deal(s) wait for this mapping before their invoice can be raised.';
  }

  function readRow(tr, elementId) {
    const dimensions = {};
    for (const s of tr.querySelectorAll('select.dimension')) {
      if (s.value) { dimensions[s.dataset.type] = s.value; }
    }
    return {
      elementId: elementId,
      account: tr.querySelector('select.account').value,
      tax: tr.querySelector('select.tax').value,
      dimensions: dimensions
    };
  }

  function edited(tr, elementId) {
    state.edits.set(elementId, readRow(tr, elementId));
    tr.classList.add('dirty');
    validate();
  }

  function editBody(extra) {
    return Object.assign({ baseFingerprint: state.mapping.fingerprint, rows: Array.from(state.edits.values()) }, extra);
  }

  async function validate() {
    const seq = ++state.validationSeq;
    state.valid = false;
    updateSave();
    say('Checking…');
    try {
      const result = await api('POST', conn() + '/mapping/validate', editBody({}));
      if (seq !== state.validationSeq) { return; }
      state.valid = result.valid;
      renderProblems(result.problems);
      say(result.valid ? 'The changes are valid. Save applies them.'
        : result.problems.length + ' problem(s): fix them before saving.', !result.valid);
    } catch (e) {
      if (seq === state.validationSeq) { fail(e); }
    }
    updateSave();
  }

  function problemItem(p) {
    const li = el('li', { 'class': 'problem', 'data-kind': p.kind }, p.message);
    li.appendChild(el('span', { 'class': 'fix' }, p.fix));
    return li;
  }

  function renderProblems(problems) {
    for (const tr of $('mapping-body').querySelectorAll('tr[data-element-id]')) {
      tr.querySelector('ul.problems').replaceChildren();
      tr.classList.remove('invalid');
    }
    const general = $('table-problems');
    general.replaceChildren();
    for (const p of problems) {
      const tr = p.elementId === null ? null
        : $('mapping-body').querySelector('tr[data-element-id="' + String(Number(p.elementId)) + '"]');
      if (tr) {
        tr.querySelector('ul.problems').appendChild(problemItem(p));
        tr.classList.add('invalid');
      } else {
        general.appendChild(problemItem(p));
      }
    }
  }

  function updateSave() {
    $('save').disabled = !(state.valid && state.edits.size > 0);
  }

  async function save() {
    $('save').disabled = true;
    const resume = $('resume-parked').checked;
    try {
      const saved = await api('POST', conn() + '/mapping', editBody({ resumeParked: resume }));
      await loadMapping();
      say('Saved. ' + (resume ? saved.resumed + ' parked deal(s) resumed.'
        : 'Deals waiting for this mapping stay parked: replay them from Jobs.'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.body) {
        state.valid = false;
        renderProblems(e.body.problems);
        say('Not saved: ' + e.body.problems.length + ' problem(s).', true);
      } else {
        fail(e);
      }
      updateSave();
    }
  }

  // ---- jobs ----------------------------------------------------------------------------------------------------

  async function loadJobs() {
    const jobs = await api('GET', 'jobs?connection=' + encodeURIComponent(state.connection));
    const body = $('jobs-body');
    body.replaceChildren();
    for (const j of jobs) {
      const tr = el('tr', { 'data-job-id': j.id, 'data-subject': j.subject, 'data-state': j.state });
      tr.appendChild(el('td', null, (j.kind === 'RAISE_INVOICE' ? 'deal ' : 'invoice ') + j.subject));
      tr.appendChild(el('td', { 'class': 'job' }, j.kind.toLowerCase().replace(/_/g, ' ') + ' · ' + j.id));
      tr.appendChild(el('td', { 'class': 'state' }, j.state.toLowerCase()
        + (j.parkReason ? ' (' + j.parkReason.toLowerCase().replace(/_/g, ' ') + ')' : '')
        + (j.nextTry ? ', next try ' + j.nextTry : '')));
      tr.appendChild(el('td', { 'class': 'reason' }, j.reason));
      tr.appendChild(el('td', null, j.failures));
      tr.appendChild(el('td', null, j.updatedAt));
      const action = el('td');
      if (j.replayable) {
        const b = el('button', { type: 'button', 'class': 'replay' }, 'Replay');
        b.addEventListener('click', () => replay(j.id, b));
        action.appendChild(b);
      }
      tr.appendChild(action);
      body.appendChild(tr);
    }
    $('no-jobs').hidden = jobs.length > 0;
  }

  async function replay(id, button) {
    button.disabled = true;
    try {
      await api('POST', 'jobs/' + encodeURIComponent(id) + '/replay', {});
      say('Job ' + id + ' queued again; it runs in a moment.');
      await loadJobs();
    } catch (e) {
      fail(e);
      button.disabled = false;
    }
  }

  // ---- wiring --------------------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = $('token').value.trim();
      $('token').value = '';
      signIn(token).catch(fail);
    });
    $('sign-out').addEventListener('click', () => signOut('Signed out.'));
    $('connection').addEventListener('change', (event) => { state.connection = event.target.value; show(); });
    $('save').addEventListener('click', save);
    $('refresh-jobs').addEventListener('click', () => loadJobs().catch(fail));
    window.addEventListener('hashchange', show);
    if (state.token) { signIn(state.token).catch(fail); } else { signOut(); }
  });
}());
