// The coffee shop's page: order a drink, follow it to the end, cancel it, see the latest orders.
// Plain JavaScript against the JSON API (docs/api-reference.md); nothing to build, nothing fetched
// from elsewhere. Every text that came from the server goes into the page as text, never as HTML.
// The followed order comes over its event stream (GET /order/{id}/events); the page asks for it
// again and again only where that stream cannot be opened.
'use strict';

(() => {
  const POLL_MS = 300;          // how often the followed order is asked for, until it is final (no stream)
  const POLL_OFFLINE_MS = 1500; // ... and while the server cannot be reached
  const REOPEN_MS = 1500;       // how long a stream the server closed waits before it is opened again
  const REOPEN_ATTEMPTS = 3;    // reopenings in a row that fail before the page polls instead
  const STATUSES = ['pending', 'processing', 'completed', 'cancelled']; // the events' names
  const RECENT_MS = 2500;       // how often the recent orders are refreshed
  const RECENT_LIMIT = 10;
  const FINAL = new Set(['completed', 'cancelled']);
  const API_KEY_STORAGE = 'coffee.apiKey';
  const NETWORK_PROBLEM = 'Cannot reach the coffee shop\u2019s server. Check your connection (and that the server is running), then try again.';

  const $ = (id) => document.getElementById(id);
  const form = $('order-form');
  const nameInput = $('customer-name');
  const placeButton = $('place-order');
  const cancelButton = $('cancel-order');

  /** No answer from the server at all: offline, server down, connection reset. */
  class NetworkError extends Error {}

  // ---------------------------------------------------------------------------------------------
  // Talking to the API

  function storedApiKey() {
    try {
      return sessionStorage.getItem(API_KEY_STORAGE) || '';
    } catch {
      return ''; // storage disabled: the key simply is not remembered
    }
  }

  /**
   * One call: answers {status, body} for any HTTP answer (body parsed when it is JSON), throws
   * NetworkError when there was none. Relative paths, so the page also works under a prefix.
   */
  async function call(method, path, options = {}) {
    const headers = { Accept: 'application/json', ...options.headers };
    let body;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const key = storedApiKey();
    if (method !== 'GET' && key) {
      headers.Authorization = 'Bearer ' + key;
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body, cache: 'no-store' });
    } catch (error) {
      throw new NetworkError(error.message);
    }
    const text = await response.text().catch(() => '');
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    const answer = { status: response.status, statusText: response.statusText, body: parsed };
    if (response.status === 401) {
      askForApiKey();
    }
    return answer;
  }

  /** The API's own words for a failed answer, or a plain description when it gave none. */
  function problemOf(answer) {
    const body = answer.body && typeof answer.body === 'object' ? answer.body : {};
    return {
      message: typeof body.error === 'string' && body.error
        ? body.error
        : `The server answered ${answer.status}${answer.statusText ? ' ' + answer.statusText : ''}.`,
      field: typeof body.field === 'string' ? body.field : null,
      requestId: typeof body.request_id === 'string' ? body.request_id : null,
    };
  }

  /** A random UUID; crypto.randomUUID exists only on https or localhost, getRandomValues everywhere. */
  function newUuid() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers for the page

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function pad(number, width = 2) {
    return String(number).padStart(width, '0');
  }

  /** Local wall-clock time of an RFC 3339 instant, as a <time> with the milliseconds set apart. */
  function timeElement(instant, withMillis) {
    const node = element('time');
    const date = new Date(instant);
    if (Number.isNaN(date.getTime())) {
      node.textContent = '\u2014';
      return node;
    }
    node.dateTime = instant;
    node.title = date.toLocaleString();
    node.textContent = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
    if (withMillis) {
      node.append(element('span', 'millis', '.' + pad(date.getMilliseconds(), 3)));
    }
    return node;
  }

  function showAlert(node, kind, message, requestId) {
    node.className = 'alert alert-' + kind;
    node.replaceChildren(document.createTextNode(message));
    if (requestId) {
      node.append(element('span', 'reference', 'Reference: ' + requestId));
    }
    node.hidden = false;
  }

  function hideAlert(node) {
    node.hidden = true;
    node.replaceChildren();
  }

  function announce(message) {
    // cleared first, so the same words said twice are read twice
    const announcer = $('announcer');
    announcer.textContent = '';
    window.setTimeout(() => {
      announcer.textContent = message;
    }, 50);
  }

  /** A button that must keep its focus while busy is marked, not disabled (disabling drops focus). */
  function setBusy(button, busy, busyLabel) {
    if (busy) {
      button.dataset.label = button.textContent;
      button.textContent = busyLabel;
      button.setAttribute('aria-disabled', 'true');
    } else {
      if (button.dataset.label) {
        button.textContent = button.dataset.label;
      }
      button.removeAttribute('aria-disabled');
    }
  }

  function isBusy(button) {
    return button.getAttribute('aria-disabled') === 'true';
  }

  // ---------------------------------------------------------------------------------------------
  // The menu

  function slug(name) {
    return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  }

  async function loadMenu() {
    const state = $('menu-state');
    state.hidden = false;
    state.replaceChildren(document.createTextNode('Loading the menu\u2026'));
    let answer;
    try {
      answer = await call('GET', 'menu');
    } catch {
      menuFailed(NETWORK_PROBLEM);
      return;
    }
    if (answer.status !== 200 || !answer.body || !Array.isArray(answer.body.drinks)) {
      menuFailed('The menu could not be loaded: ' + problemOf(answer).message);
      return;
    }
    const options = $('drink-options');
    options.replaceChildren(...answer.body.drinks.map((drink) => {
      const id = 'drink-' + slug(drink.name);
      const wrapper = element('div', 'drink');
      const radio = element('input');
      radio.type = 'radio';
      radio.name = 'coffee_type';
      radio.id = id;
      radio.value = drink.name;
      radio.setAttribute('aria-describedby', id + '-description drinks-error');
      const label = element('label');
      label.htmlFor = id;
      const description = element('span', 'drink-description', drink.description);
      description.id = id + '-description';
      label.append(element('span', 'drink-name', drink.name), description);
      wrapper.append(radio, label);
      return wrapper;
    }));
    state.hidden = true;
  }

  function menuFailed(message) {
    const state = $('menu-state');
    const retry = element('button', 'button button-quiet', 'Try again');
    retry.type = 'button';
    retry.addEventListener('click', loadMenu);
    state.replaceChildren(document.createTextNode(message + ' '), retry);
    state.hidden = false;
  }

  // ---------------------------------------------------------------------------------------------
  // Placing an order

  // The Idempotency-Key of the order being placed. A retry of the same order (same drink, same
  // name) after an answer that did not settle it (no connection, 503, 401) sends the same key, so
  // the server makes it one order whatever happened to the first attempt; once an attempt is
  // settled, the next submit is a new order with a new key.
  let unsettledAttempt = null;

  function idempotencyKeyFor(customerName, coffeeType) {
    if (!unsettledAttempt || unsettledAttempt.customerName !== customerName || unsettledAttempt.coffeeType !== coffeeType) {
      unsettledAttempt = { customerName, coffeeType, key: newUuid() };
    }
    return unsettledAttempt.key;
  }

  const FIELD_CONTROLS = {
    customer_name: { error: 'customer-name-error', focus: () => nameInput, mark: (on) => nameInput.setAttribute('aria-invalid', String(on)) },
    coffee_type: {
      error: 'drinks-error',
      focus: () => document.querySelector('input[name="coffee_type"]:checked') || document.querySelector('input[name="coffee_type"]'),
      mark: (on) => $('drinks').classList.toggle('invalid', on),
    },
  };

  function clearFieldError(control) {
    control.mark(false);
    $(control.error).hidden = true;
    $(control.error).textContent = ''; // described-by text is read even when hidden
  }

  function clearFormErrors() {
    hideAlert($('form-error'));
    Object.values(FIELD_CONTROLS).forEach(clearFieldError);
  }

  /**
   * Says what went wrong: next to the input when the API named the one at fault (marked, and
   * focused so a screen reader reads the message with it), otherwise above the button.
   */
  function showFormProblem(problem) {
    const control = problem.field && FIELD_CONTROLS[problem.field];
    if (!control) {
      showAlert($('form-error'), 'error', problem.message, problem.requestId);
      return;
    }
    control.mark(true);
    const fieldError = $(control.error);
    fieldError.textContent = problem.message;
    fieldError.hidden = false;
    const target = control.focus();
    if (target) {
      target.focus();
    }
  }

  async function placeOrder(event) {
    event.preventDefault();
    if (isBusy(placeButton)) {
      return; // one submit at a time; a double click is ignored here, and would be harmless anyway
    }
    clearFormErrors();
    const chosen = document.querySelector('input[name="coffee_type"]:checked');
    const order = { customer_name: nameInput.value, coffee_type: chosen ? chosen.value : undefined };
    const key = idempotencyKeyFor(order.customer_name, order.coffee_type);
    setBusy(placeButton, true, 'Placing your order\u2026');
    try {
      const answer = await call('POST', 'order', { json: order, headers: { 'Idempotency-Key': key } });
      if ((answer.status === 201 || answer.status === 200) && answer.body && answer.body.order) {
        unsettledAttempt = null;
        follow(answer.body.order);
        announce(`Order placed: ${answer.body.order.coffee_type} for ${answer.body.order.customer_name}, ${answer.body.order.status}.`);
        refreshRecent();
      } else {
        if (answer.status !== 503 && answer.status !== 401) {
          unsettledAttempt = null; // the server said no for good: fixing the input makes a new order
        }
        const problem = problemOf(answer);
        if (answer.status === 401) {
          problem.message = 'This server needs an API key to take orders. Enter it below, then place the order again.';
        }
        showFormProblem(problem);
      }
    } catch (error) {
      if (!(error instanceof NetworkError)) {
        throw error;
      }
      showFormProblem({ message: NETWORK_PROBLEM + ' Placing it again is safe: it stays one order.' });
    } finally {
      setBusy(placeButton, false);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Following an order until it is completed or cancelled

  let followed = null; // { order, times: {status: instant}, timer, stream }

  function follow(order) {
    if (followed && followed.order.id === order.id) {
      return; // already followed: keep the times seen so far
    }
    if (followed) {
      stopFollowing(followed);
    }
    // an order followed part-way is known only by its latest status: earlier ones show as passed
    followed = { order, times: { pending: order.created_at, [order.status]: order.updated_at } };
    hideAlert($('cancel-result'));
    $('tracker').hidden = false;
    showOrder(order);
    if (!FINAL.has(order.status)) {
      openStream(followed, null);
    }
  }

  function stopFollowing(current) {
    window.clearTimeout(current.timer);
    closeStream(current);
  }

  /** How the followed order's changes arrive, for people and tests: "stream" or "polling". */
  function showUpdatesBy(current, how) {
    if (current === followed) {
      $('tracker').dataset.updates = how;
    }
  }

  // Over the event stream: the order as it is at once, then each change, until a final status.
  // A connection that drops is reopened by the browser itself, with the id of the last event as
  // Last-Event-ID, so nothing is missed or repeated; a stream the server closed (a restart answers
  // 503) is reopened here with that id as last_event_id. Only a stream that never opened, or
  // cannot be opened again, turns into polling.
  function openStream(current, lastEventId) {
    if (typeof window.EventSource !== 'function') {
      fallBackToPolling(current);
      return;
    }
    const path = 'order/' + encodeURIComponent(current.order.id) + '/events'
        + (lastEventId ? '?last_event_id=' + encodeURIComponent(lastEventId) : '');
    const source = new EventSource(path);
    const stream = { source, opened: false, lastEventId, failures: current.stream ? current.stream.failures : 0 };
    current.stream = stream;
    source.addEventListener('open', () => {
      stream.opened = true;
      stream.failures = 0;
      if (current === followed) {
        showNote(null);
        showUpdatesBy(current, 'stream');
      }
    });
    const onOrder = (event) => {
      stream.lastEventId = event.lastEventId || stream.lastEventId;
      let order;
      try {
        order = JSON.parse(event.data);
      } catch {
        return; // not an order: nothing to show
      }
      update(order);
      if (FINAL.has(order.status)) {
        closeStream(current); // the server ends the stream here; the browser would only reconnect
      }
    };
    STATUSES.forEach((status) => source.addEventListener(status, onOrder));
    source.addEventListener('error', () => streamFailed(current, stream));
  }

  function streamFailed(current, stream) {
    if (current !== followed || current.stream !== stream || FINAL.has(current.order.status)) {
      closeStream(current);
      return;
    }
    if (stream.source.readyState === EventSource.CONNECTING) {
      showNote('Connection lost; reconnecting\u2026'); // the browser tries again on its own
      return;
    }
    closeStream(current);
    if (!stream.opened && stream.lastEventId === null) {
      fallBackToPolling(current); // the stream cannot open here (an old server, a proxy): ask instead
      return;
    }
    stream.failures += 1;
    if (stream.failures > REOPEN_ATTEMPTS) {
      fallBackToPolling(current);
      return;
    }
    showNote('Connection lost; still trying\u2026');
    current.timer = window.setTimeout(() => {
      if (current === followed) {
        openStream(current, stream.lastEventId || '0');
      }
    }, REOPEN_MS);
  }

  function closeStream(current) {
    if (current.stream) {
      current.stream.source.close();
    }
  }

  function fallBackToPolling(current) {
    current.polling = true;
    showUpdatesBy(current, 'polling');
    schedulePoll(0);
  }

  /** Looks at the order now, where it is polled; a stream brings the change by itself. */
  function lookAgain() {
    if (followed && followed.polling) {
      schedulePoll(0);
    }
  }

  function schedulePoll(delay) {
    const current = followed;
    if (!current || FINAL.has(current.order.status)) {
      return;
    }
    window.clearTimeout(current.timer);
    current.timer = window.setTimeout(() => poll(current), delay);
  }

  async function poll(current) {
    let answer;
    try {
      answer = await call('GET', 'order/' + encodeURIComponent(current.order.id));
    } catch {
      if (current === followed) {
        showNote('Connection lost; still trying\u2026');
        current.timer = window.setTimeout(() => poll(current), POLL_OFFLINE_MS);
      }
      return;
    }
    if (current !== followed) {
      return; // another order is followed now
    }
    if (answer.status === 200 && answer.body) {
      showNote(null);
      update(answer.body);
      schedulePoll(POLL_MS);
    } else {
      showNote(problemOf(answer).message);
      current.timer = window.setTimeout(() => poll(current), POLL_OFFLINE_MS);
    }
  }

  /** A newer view of the followed order; statuses only move forward, so an older one is ignored. */
  function update(order) {
    if (!followed || order.id !== followed.order.id) {
      return;
    }
    const before = followed.order.status;
    if (rank(order.status) < rank(before)) {
      return;
    }
    followed.order = order;
    if (order.status !== before) {
      followed.times[order.status] = order.updated_at;
      announce(`Your ${order.coffee_type} is ${order.status}.`);
      refreshRecent();
    }
    showOrder(order);
  }

  const RANK = { pending: 0, processing: 1, completed: 2, cancelled: 2 };

  function rank(status) {
    return RANK[status] ?? -1;
  }

  function showNote(message) {
    const note = $('tracker-note');
    note.textContent = message || '';
    note.hidden = !message;
  }

  function showOrder(order) {
    $('order-drink').textContent = order.coffee_type;
    $('order-customer').textContent = order.customer_name;
    $('order-id').textContent = order.id;
    const status = $('order-status');
    status.textContent = order.status;
    status.dataset.status = order.status;

    const stages = order.status === 'cancelled' ? ['pending', 'cancelled'] : ['pending', 'processing', 'completed'];
    const reached = stages.indexOf(order.status);
    const steps = $('order-steps');
    steps.style.setProperty('--step-count', String(stages.length));
    steps.replaceChildren(...stages.map((stage, index) => {
      const step = element('li', 'step');
      step.dataset.status = stage;
      step.append(element('span', 'step-name', stage));
      if (index <= reached) {
        step.classList.add('done');
        const at = followed.times[stage];
        // a stage passed between two looks at the order has no time of its own
        step.append(at ? timeElement(at, true) : element('span', 'step-time', 'passed'));
      } else {
        step.append(element('span', 'step-time', 'waiting'));
      }
      if (index === reached) {
        step.classList.add('current');
        step.setAttribute('aria-current', 'step');
      }
      return step;
    }));

    const cancellable = order.status === 'pending';
    if (!cancellable && document.activeElement === cancelButton) {
      $('tracker-heading').focus(); // the button is going away: keep keyboard focus on this card
    }
    cancelButton.hidden = !cancellable;
    markFollowedInRecent();
  }

  // ---------------------------------------------------------------------------------------------
  // Cancelling

  async function cancelOrder() {
    if (!followed || isBusy(cancelButton)) {
      return;
    }
    const current = followed;
    const result = $('cancel-result');
    hideAlert(result);
    setBusy(cancelButton, true, 'Cancelling\u2026');
    let answer;
    try {
      answer = await call('POST', 'order/' + encodeURIComponent(current.order.id) + '/cancel');
    } catch {
      setBusy(cancelButton, false);
      showAlert(result, 'error', NETWORK_PROBLEM + ' Cancelling again is safe.');
      result.focus();
      return;
    }
    setBusy(cancelButton, false);
    if (current !== followed) {
      return;
    }
    if (answer.status === 200) {
      showAlert(result, 'success', 'Order cancelled. It will not be brewed.');
    } else if (answer.status === 202) {
      const message = answer.body && answer.body.message ? answer.body.message : 'Cancellation requested.';
      showAlert(result, 'info', message + '.');
    } else if (answer.status === 409) {
      const problem = problemOf(answer);
      showAlert(result, 'info', problem.message + ': brewing has already started.', problem.requestId);
    } else if (answer.status === 401) {
      showAlert(result, 'error', 'This server needs an API key to cancel orders. Enter it above, then cancel again.');
    } else {
      const problem = problemOf(answer);
      showAlert(result, 'error', problem.message, problem.requestId);
    }
    announce(result.firstChild ? result.firstChild.textContent : '');
    if (answer.body && answer.body.order) {
      update(answer.body.order);
    }
    result.focus();
    lookAgain(); // the verdict may change the status: look now rather than in a moment
  }

  // ---------------------------------------------------------------------------------------------
  // Recent orders

  let recentTimer = null;
  let recentAsked = 0; // answers can overtake each other: only the latest question's is shown
  let lastRecent = '';

  async function refreshRecent() {
    window.clearTimeout(recentTimer);
    recentTimer = window.setTimeout(refreshRecent, RECENT_MS);
    if (document.hidden) {
      return; // nobody is looking: ask again when the tab is shown
    }
    const asked = ++recentAsked;
    const state = $('recent-state');
    try {
      const answer = await call('GET', 'orders?limit=' + RECENT_LIMIT);
      if (asked !== recentAsked) {
        return;
      }
      if (answer.status === 200 && Array.isArray(answer.body)) {
        showRecent(answer.body);
        $('recent-updated').textContent = 'Updated ' + timeElement(new Date().toISOString(), false).textContent;
      } else {
        state.textContent = 'Recent orders could not be loaded: ' + problemOf(answer).message;
        state.hidden = false;
      }
    } catch {
      if (asked === recentAsked) {
        state.textContent = NETWORK_PROBLEM;
        state.hidden = false;
      }
    }
  }

  function showRecent(orders) {
    const state = $('recent-state');
    state.hidden = orders.length > 0;
    state.textContent = orders.length ? '' : 'No orders yet. The first one is yours.';
    const snapshot = JSON.stringify(orders);
    if (snapshot === lastRecent) {
      return; // unchanged: leave the list (and any focus in it) alone
    }
    lastRecent = snapshot;
    const list = $('recent-list');
    const focusedId = list.contains(document.activeElement) ? document.activeElement.dataset.orderId : null;
    list.replaceChildren(...orders.map((order) => {
      const item = element('li', 'recent-item');
      item.dataset.orderId = order.id;
      const what = element('span', 'recent-what');
      what.append(element('strong', null, order.coffee_type), document.createTextNode(' for ' + order.customer_name));
      const badge = element('span', 'badge', order.status);
      badge.dataset.status = order.status;
      const meta = element('span', 'recent-meta');
      meta.append(badge, timeElement(order.created_at, false));
      const button = element('button', 'button button-quiet', 'Follow');
      button.type = 'button';
      button.dataset.orderId = order.id;
      button.setAttribute('aria-label', `Follow the ${order.coffee_type} for ${order.customer_name}`);
      button.addEventListener('click', () => {
        follow(order);
        $('tracker-heading').focus();
      });
      item.append(what, meta, button);
      return item;
    }));
    if (focusedId) {
      const again = list.querySelector(`button[data-order-id="${CSS.escape(focusedId)}"]`);
      if (again) {
        again.focus();
      }
    }
    markFollowedInRecent();
  }

  function markFollowedInRecent() {
    for (const item of $('recent-list').children) {
      item.classList.toggle('followed', Boolean(followed) && item.dataset.orderId === followed.order.id);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // An API key, for a server that asks for one (401)

  function askForApiKey() {
    const panel = $('api-key-panel');
    $('api-key-reason').textContent = storedApiKey()
      ? 'The server did not accept the API key. Enter the right one.'
      : 'This server asks for an API key to place or cancel orders.';
    $('forget-key').hidden = !storedApiKey();
    if (panel.hidden) {
      panel.hidden = false;
    }
    window.setTimeout(() => $('api-key').focus(), 0);
  }

  function saveApiKey(event) {
    event.preventDefault();
    const key = $('api-key').value.trim();
    try {
      if (key) {
        sessionStorage.setItem(API_KEY_STORAGE, key);
      } else {
        sessionStorage.removeItem(API_KEY_STORAGE);
      }
    } catch {
      // storage disabled: nothing to remember it in
    }
    $('api-key').value = '';
    $('api-key-panel').hidden = true;
    announce(key ? 'API key saved for this tab.' : 'API key removed.');
    nameInput.focus();
  }

  function forgetApiKey() {
    try {
      sessionStorage.removeItem(API_KEY_STORAGE);
    } catch {
      // nothing was stored
    }
    $('forget-key').hidden = true;
    announce('API key removed.');
  }

  // ---------------------------------------------------------------------------------------------

  form.addEventListener('submit', placeOrder);
  cancelButton.addEventListener('click', cancelOrder);
  $('api-key-form').addEventListener('submit', saveApiKey);
  $('forget-key').addEventListener('click', forgetApiKey);
  nameInput.addEventListener('input', () => clearFieldError(FIELD_CONTROLS.customer_name));
  $('drink-options').addEventListener('change', () => clearFieldError(FIELD_CONTROLS.coffee_type));
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      refreshRecent();
    }
  });

  loadMenu();
  refreshRecent();
})();
