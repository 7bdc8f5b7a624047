// The shop's board at /board: orders waiting, being brewed and ready, by name and drink, live.
// Plain JavaScript against the API (docs/api-reference.md). GET /orders/events brings every change
// from the moment it opens, and nothing from before: so the board opens the stream first, then
// reads what is there already (GET /orders) and keeps the changes that came meanwhile, newest
// wins. Every text that came from the server goes into the page as text, never as HTML.
'use strict';

(() => {
  const STATUSES = ['pending', 'processing', 'completed', 'cancelled']; // the events' names
  const RANK = { pending: 0, processing: 1, completed: 2, cancelled: 2 };
  const OPEN_LIMIT = 200;       // waiting or brewing orders read on opening (a shop has fewer)
  const READY_SHOWN = 12;       // the latest ready orders stay up; older ones make room
  const REOPEN_MS = 2000;       // a stream the server closed is opened again after this
  const RELOAD_MS = 3000;       // the initial state, asked again after a failure
  // The state is read again now and then, even while the stream is live: a change that fell
  // between two streams while the producer's view was still catching up (a restart) would
  // otherwise stay wrong on the wall until that order changed again.
  const RESYNC_MS = 60000;
  const RETIRED_KEPT = 1000;    // orders that left the board, remembered so a late read does not bring them back
  const LANES = {
    pending: { list: 'board-waiting', count: 'waiting-count', oldestFirst: true },
    processing: { list: 'board-brewing', count: 'brewing-count', oldestFirst: true },
    completed: { list: 'board-ready', count: 'ready-count', oldestFirst: false },
  };

  const $ = (id) => document.getElementById(id);
  const orders = new Map(); // id -> the newest order seen
  const retired = new Map(); // id -> the rank it had when it left the board (cancelled, or pushed off)
  let loaded = false;       // the state read from GET /orders is in; until then changes wait in `early`
  let early = [];
  let source = null;
  let lastEventId = null;   // where a reopened stream resumes
  let reloadTimer = null;
  let loadsAsked = 0;

  // ---------------------------------------------------------------------------------------------
  // What the board knows

  /** Whether `order` says more than `known`: statuses only move forward, and later beats earlier. */
  function isNewer(order, known) {
    const byRank = (RANK[order.status] ?? -1) - (RANK[known.status] ?? -1);
    return byRank !== 0 ? byRank > 0 : String(order.updated_at) >= String(known.updated_at);
  }

  function isOrder(value) {
    return value && typeof value === 'object' && typeof value.id === 'string' && value.status in RANK;
  }

  function learn(order) {
    if (retired.has(order.id) && RANK[order.status] <= retired.get(order.id)) {
      return; // left the board already: an older read of it does not put it back
    }
    const known = orders.get(order.id);
    if (known && !isNewer(order, known)) {
      return;
    }
    orders.set(order.id, order);
    if (loaded && order.status === 'completed' && (!known || known.status !== 'completed')) {
      announce(`Ready: ${order.coffee_type} for ${order.customer_name}.`);
    }
  }

  /** Cancelled orders leave the board, and the oldest ready ones once there are many. */
  function forgetWhatIsOff() {
    const ready = [];
    for (const order of orders.values()) {
      if (order.status === 'cancelled') {
        retire(order);
      } else if (order.status === 'completed') {
        ready.push(order);
      }
    }
    ready.sort(byUpdate).reverse().slice(READY_SHOWN).forEach(retire);
  }

  function retire(order) {
    orders.delete(order.id);
    retired.set(order.id, RANK[order.status]);
    if (retired.size > RETIRED_KEPT) {
      retired.delete(retired.keys().next().value); // the one that left first
    }
  }

  function byUpdate(a, b) {
    return String(a.updated_at).localeCompare(String(b.updated_at));
  }

  // ---------------------------------------------------------------------------------------------
  // Showing it

  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function clock(instant) {
    const date = new Date(instant);
    if (Number.isNaN(date.getTime())) {
      return null;
    }
    const node = element('time', 'ticket-time',
        [date.getHours(), date.getMinutes()].map((n) => String(n).padStart(2, '0')).join(':'));
    node.dateTime = instant;
    return node;
  }

  function render() {
    forgetWhatIsOff();
    for (const [status, lane] of Object.entries(LANES)) {
      const list = $(lane.list);
      const shown = new Set(Array.from(list.children, (item) => item.dataset.orderId));
      const inLane = Array.from(orders.values()).filter((order) => order.status === status).sort(byUpdate);
      if (!lane.oldestFirst) {
        inLane.reverse();
      }
      list.replaceChildren(...inLane.map((order) => {
        const item = element('li', 'ticket');
        item.dataset.orderId = order.id;
        if (!shown.has(order.id)) {
          item.classList.add('fresh'); // just arrived in this lane: lit up for a moment
        }
        item.append(element('span', 'ticket-name', order.customer_name),
            element('span', 'ticket-drink', order.coffee_type));
        const time = clock(order.updated_at);
        if (time) {
          item.append(time);
        }
        return item;
      }));
      $(lane.count).textContent = String(inLane.length);
      list.closest('.lane').classList.toggle('is-empty', inLane.length === 0);
    }
  }

  function announce(message) {
    const announcer = $('announcer');
    announcer.textContent = '';
    window.setTimeout(() => {
      announcer.textContent = message;
    }, 50);
  }

  function showConnection(state, text) {
    const note = $('board-connection');
    note.dataset.state = state;
    note.textContent = text;
  }

  // ---------------------------------------------------------------------------------------------
  // The stream, and the state it starts from

  function openStream() {
    if (typeof window.EventSource !== 'function') {
      showConnection('offline', 'Not live in this browser: updated every few seconds.');
      loadState();
      window.setInterval(loadState, RELOAD_MS);
      return;
    }
    const resumed = Boolean(lastEventId);
    const path = 'orders/events' + (resumed ? '?last_event_id=' + encodeURIComponent(lastEventId) : '');
    const stream = new EventSource(path);
    let opened = false;
    source = stream;
    stream.addEventListener('open', () => {
      opened = true;
      showConnection('live', 'Live');
      if (!resumed) {
        loadState(); // only now: every change from here on comes over the stream
      }
    });
    const onOrder = (event) => {
      lastEventId = event.lastEventId || lastEventId;
      let order;
      try {
        order = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!isOrder(order)) {
        return;
      }
      if (loaded) {
        learn(order);
        render();
      } else {
        early.push(order);
      }
    };
    STATUSES.forEach((status) => stream.addEventListener(status, onOrder));
    stream.addEventListener('error', () => {
      if (stream !== source) {
        return;
      }
      showConnection('reconnecting', 'Reconnecting\u2026');
      if (stream.readyState === EventSource.CONNECTING) {
        return; // the browser reconnects by itself, resuming with Last-Event-ID
      }
      // closed for good (a restarting producer answers 503): opened again here, resuming where it
      // was; one with nothing to resume from reads the state again once it is open. A board that
      // could not open at all shows what there is meanwhile.
      stream.close();
      if (!opened && !resumed && !loaded) {
        loadState();
      }
      window.setTimeout(openStream, REOPEN_MS);
    });
  }

  /**
   * Reads the orders on the board now. Changes that come meanwhile wait, and are applied after
   * it: they are newer than what it reads (a cancel that came in must not be undone by it).
   */
  async function loadState() {
    window.clearTimeout(reloadTimer);
    const asked = ++loadsAsked; // two reads can overlap: only the latest one's answer counts
    loaded = false;
    try {
      const lanes = await Promise.all([
        read('orders?status=pending&limit=' + OPEN_LIMIT),
        read('orders?status=processing&limit=' + OPEN_LIMIT),
        read('orders?status=completed&limit=' + READY_SHOWN),
      ]);
      if (asked !== loadsAsked) {
        return;
      }
      lanes.flat().filter(isOrder).forEach(learn);
      loaded = true;
      early.forEach(learn);
      early = [];
      render();
      if (source && source.readyState === EventSource.OPEN) {
        showConnection('live', 'Live');
      }
    } catch {
      if (asked === loadsAsked) {
        showConnection('offline', 'Cannot reach the coffee shop\u2019s server; trying again\u2026');
        reloadTimer = window.setTimeout(loadState, RELOAD_MS);
      }
    }
  }

  async function read(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = await response.json();
    if (!response.ok || !Array.isArray(body)) {
      throw new Error('GET ' + path + ' answered ' + response.status);
    }
    return body;
  }

  render();
  openStream();
  window.setInterval(() => {
    if (loaded && source && source.readyState === EventSource.OPEN) {
      loadState();
    }
  }, RESYNC_MS);
})();
