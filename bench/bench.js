/*
 * The benchmark page: run by bench/run.mjs in headless Chromium, it times the destination and the
 * floor (floor.js) in this one page and POSTs the raw figures to /results. Options in the query:
 * runs (timed runs per figure), batchMs (the least time one timed run takes), warmupMs (the least
 * warm-up per figure), loads (evaluations of the bundle). Nothing here is shipped.
 */
(function () {
  'use strict';

  var params = new URLSearchParams(location.search);
  var RUNS = intParam('runs', 21);
  var BATCH_MS = intParam('batchMs', 25);
  var LOADS = intParam('loads', 25);
  var PROFILE = params.get('profile') === '1';
  var WARMUP_MS = intParam('warmupMs', 300);
  var WARMUP_BATCHES = 5;
  var SETTINGS = { apiKey: 'hfWBjc' };
  var BUNDLE = '/klaviyo.js';

  function intParam(name, fallback) {
    var v = parseInt(params.get(name), 10);
    return v > 0 ? v : fallback;
  }

  // --- Klaviyo "running": a stub _learnq whose push is tiny and the same for both sides. ---------
  // An array taken over as Klaviyo's script does (_loaded), which answers the destination's
  // ['account', key, callback] as Klaviyo does; the account is not counted. With no _klOnsite taken
  // over, the destination hands every command to this _learnq.
  var learnq = window._learnq = [];
  learnq._loaded = true;
  learnq.capture = null;
  learnq.count = 0;
  learnq.last = null;
  learnq.push = function (c) {
    if (c[0] === 'account' && typeof c[2] === 'function') return c[2](c[1]);
    this.count++;
    this.last = c;
    if (this.capture) this.capture.push(c);
    return 1;
  };

  // --- The messages (never mutated by either side, so reused). -----------------------------------
  var MESSAGES = {
    identify: {
      method: 'identify',
      obj: { type: 'identify', userId: 'id', traits: { email: 'name@example.com', firstName: 'first',
        lastName: 'last', phone: '555-0100', title: 'CEO', plan: 'pro', logins: 5 } }
    },
    track: {
      method: 'track',
      obj: { type: 'track', event: 'Viewed Page', properties: { revenue: 9.5, path: '/x', count: 3,
        tags: ['a', 'b'] } }
    },
    order: {
      method: 'track',
      obj: { type: 'track', event: 'Order Completed', properties: { order_id: 'o1', total: 30, revenue: 25,
        currency: 'USD', products: [
          { product_id: 'p1', sku: 's1', name: 'A', price: 10, quantity: 1, category: 'Games' },
          { product_id: 'p2', sku: 's2', name: 'B', price: 5, quantity: 2, category: 'Books' },
          { product_id: 'p3', sku: 's3', name: 'C', price: 10, quantity: 1, category: 'Games' }] } }
    }
  };
  // Not compared with the floor: an analytics call the destination maps to nothing, which shows
  // what every call costs before any mapping (the exported method's glue, the facade, the handles).
  MESSAGES.alias = { method: 'alias', obj: { type: 'alias', previousId: 'old', userId: 'id' } };
  var CASES = ['identify', 'track', 'order'];
  var DESTINATION_ONLY = ['alias'];

  // With klaviyoEcommerceMetrics on, timed on a second integration (no floor): Segment's ecommerce
  // events as Klaviyo's metrics. Product Added adds to one line of the remembered cart each call (its
  // quantity grows, the tab's sessionStorage is written each time).
  var ECOMMERCE_SETTINGS = { apiKey: 'hfWBjc', klaviyoEcommerceMetrics: true };
  var THREE_PRODUCTS = MESSAGES.order.obj.properties.products;
  MESSAGES.productViewed = { method: 'track', obj: { type: 'track', event: 'Product Viewed', properties: {
    product_id: 'p1', sku: 's1', name: 'A', brand: 'Acme', price: 10, category: 'Games',
    url: 'https://shop.example/p1', image_url: 'https://shop.example/p1.png' } } };
  MESSAGES.productAdded = { method: 'track', obj: { type: 'track', event: 'Product Added', properties: {
    cart_id: 'c1', product_id: 'p1', sku: 's1', name: 'A', price: 10, quantity: 1, category: 'Games' } } };
  MESSAGES.checkoutStarted = { method: 'track', obj: { type: 'track', event: 'Checkout Started',
    timestamp: new Date(), properties: { checkout_id: 'k1', cart_id: 'c1', products: THREE_PRODUCTS } } };
  MESSAGES.placedOrder = { method: 'track', obj: MESSAGES.order.obj };
  // Only with ?ecommerce=1 (run.mjs --ecommerce): a page with the setting off never makes these calls,
  // and timing them in the same page changes what V8 learns of the code every call shares.
  var ECOMMERCE = params.get('ecommerce') === '1' ? ['productViewed', 'productAdded', 'checkoutStarted', 'placedOrder'] : [];

  // --- Helpers. -------------------------------------------------------------------------------
  function now() { return performance.now(); }

  function median(xs) {
    var s = xs.slice().sort(function (a, b) { return a - b; });
    var n = s.length;
    return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  function summary(xs) {
    return { median: median(xs), min: Math.min.apply(null, xs), max: Math.max.apply(null, xs), samples: xs };
  }

  // A macrotask between timed runs, so that nothing else the page has to do piles up inside one.
  function tick() {
    return new Promise(function (resolve) {
      var ch = new MessageChannel();
      ch.port1.onmessage = function () { resolve(); };
      ch.port2.postMessage(0);
    });
  }

  function timerResolution() {
    var best = Infinity;
    for (var i = 0; i < 50; i++) {
      var a = now(), b;
      while ((b = now()) === a) { /* spin */ }
      if (b - a < best) best = b - a;
    }
    return best;
  }

  // Deep equality of JSON-like data: arrays in order, objects by key set (key order is not part of
  // a command's meaning). Returns null when equal, else the path of the first difference.
  function difference(a, b, path) {
    if (a === b) return null;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return path;
    if (Array.isArray(a) !== Array.isArray(b)) return path;
    if (Array.isArray(a)) {
      if (a.length !== b.length) return path + '.length';
      for (var i = 0; i < a.length; i++) {
        var d = difference(a[i], b[i], path + '[' + i + ']');
        if (d) return d;
      }
      return null;
    }
    var ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
    if (ka.join('\u0000') !== kb.join('\u0000')) return path + ' (keys ' + JSON.stringify(ka) + ' vs ' + JSON.stringify(kb) + ')';
    for (var j = 0; j < ka.length; j++) {
      var e = difference(a[ka[j]], b[ka[j]], path + '.' + ka[j]);
      if (e) return e;
    }
    return null;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = function () { resolve(s); };
      s.onerror = function () { reject(new Error('could not load ' + src)); };
      document.head.appendChild(s);
    });
  }

  // --- 1. Script evaluation to a constructed integration. -------------------------------------
  async function measureLoad() {
    // The first load, as a page does it: a script tag fetching the bundle (from this local server).
    var t0 = now();
    await loadScript(BUNDLE);
    var Integration = window.KlaviyoIntegration;
    if (typeof Integration !== 'function') throw new Error('klaviyo.js did not define window.KlaviyoIntegration');
    new Integration(SETTINGS);
    var first = now() - t0;

    // Then the same source evaluated LOADS more times by fresh inline script elements. Each copy
    // gets a unique trailing comment so that V8 cannot reuse an earlier compilation of it, and a
    // pause before it, so that the background work the previous copy left (GC) settles first.
    var source = await (await fetch(BUNDLE, { cache: 'no-store' })).text();
    var evaluate = [], construct = [], total = [];
    for (var i = 0; i < LOADS; i++) {
      await new Promise(function (r) { setTimeout(r, 30); });
      window.KlaviyoIntegration = undefined;
      var s = document.createElement('script');
      s.textContent = source + '\n//# bench copy ' + i + ' ' + Math.random() + '\n';
      var a = now();
      document.head.appendChild(s);            // evaluated synchronously
      var b = now();
      var k = new window.KlaviyoIntegration(SETTINGS);
      var c = now();
      if (!k || typeof k.invoke !== 'function') throw new Error('copy ' + i + ' built no integration');
      s.remove();
      evaluate.push(b - a);
      construct.push(c - b);
      total.push(c - a);
    }
    return {
      Integration: Integration,
      figures: { firstScriptTag: first, evaluate: summary(evaluate), construct: summary(construct),
        total: summary(total), sourceLength: source.length }
    };
  }

  // --- A started, ready integration (Klaviyo runs: the stub _learnq answers the account). --------
  function readyIntegration(Integration, settings) {
    return new Promise(function (resolve, reject) {
      var k = new Integration(settings);
      var timer = setTimeout(function () { reject(new Error('the integration never emitted ready')); }, 5000);
      k.once('ready', function () { clearTimeout(timer); resolve(k); });
      k.initialize();
      k.initialize();   // the second call starts it (analytics.js's first page call)
    });
  }

  // --- 3. The floor's commands must be the destination's. --------------------------------------
  function commandsOf(impl, c) {
    learnq.capture = [];
    impl.invoke(MESSAGES[c].method, MESSAGES[c]);
    var out = learnq.capture;
    learnq.capture = null;
    return out;
  }

  function checkCommands(k, floor) {
    var checks = {};
    CASES.forEach(function (c) {
      var dest = commandsOf(k, c), fl = commandsOf(floor, c);
      var diff = dest.length === 0 ? 'the destination sent no command' : difference(dest, fl, 'commands');
      checks[c] = { count: dest.length, floorCount: fl.length, equal: !diff, difference: diff,
        destination: diff ? JSON.stringify(dest) : undefined, floor: diff ? JSON.stringify(fl) : undefined };
    });
    return checks;
  }

  // --- 2. Per-call time. ----------------------------------------------------------------------
  // One loop function per (side, case), each its own script, so every call site stays monomorphic
  // and neither side's loop shares type feedback with the other's.
  function makeLoop() {
    return new Function('impl', 'method', 'facade', 'n',
      'var t0 = performance.now();\n' +
      'for (var i = 0; i < n; i++) impl.invoke(method, facade);\n' +
      'return performance.now() - t0;');
  }

  async function measureCalls(sides, commandsPerCall) {
    var jobs = [];
    CASES.concat(DESTINATION_ONLY, ECOMMERCE).forEach(function (c) {
      Object.keys(sides).forEach(function (side) {
        var ecommerce = ECOMMERCE.indexOf(c) >= 0;
        if (side === 'ecommerce' ? ecommerce : !ecommerce && (side === 'destination' || CASES.indexOf(c) >= 0)) {
          jobs.push({ side: side, c: c, impl: sides[side], loop: makeLoop(), n: 64, perCall: [] });
        }
      });
    });
    // The profile covers the warm-up too: V8 attributes time to inlined functions only in code it
    // optimised while the profiler was on.
    if (PROFILE) await control('/profile/start');
    // Warm up and calibrate: double the iterations until one run takes at least BATCH_MS (the first,
    // cold runs overstate the cost), run at least WARMUP_BATCHES more and for at least WARMUP_MS, then
    // size the runs from the fastest of those.
    for (var j = 0; j < jobs.length; j++) {
      var job = jobs[j], m = MESSAGES[job.c];
      for (;;) {
        await tick();
        if (job.loop(job.impl, m.method, m, job.n) >= BATCH_MS) break;
        job.n *= 2;
      }
      var fastest = Infinity, spent = 0;
      for (var w = 0; w < WARMUP_BATCHES || spent < WARMUP_MS; w++) {
        await tick();
        var took = job.loop(job.impl, m.method, m, job.n);
        spent += took;
        fastest = Math.min(fastest, took);
      }
      job.n = Math.max(job.n, Math.ceil(job.n * BATCH_MS / Math.max(fastest, 0.1)));
    }
    // Timed runs, interleaved: each run goes once through every (case, side). Every command must
    // reach the stub: the count is checked against what the command check saw per call.
    learnq.count = 0;
    for (var r = 0; r < RUNS; r++) {
      for (var q = 0; q < jobs.length; q++) {
        var jb = jobs[q], msg = MESSAGES[jb.c];
        await tick();
        var ms = jb.loop(jb.impl, msg.method, msg, jb.n);
        jb.perCall.push(ms * 1000 / jb.n);
      }
    }
    if (PROFILE) await control('/profile/stop');
    var out = { pushes: learnq.count, expectedPushes: 0 };
    jobs.forEach(function (jb) {
      out.expectedPushes += RUNS * jb.n * commandsPerCall[jb.c];
      out[jb.c] = out[jb.c] || {};
      var s = summary(jb.perCall);
      s.iterations = jb.n;
      out[jb.c][jb.side] = s;
    });
    return out;
  }

  // With ?profile=1 the runner profiles the timed runs through the DevTools protocol.
  async function control(path) {
    var res = await fetch(path, { method: 'POST' });
    if (!res.ok) throw new Error(path + ' failed: ' + (await res.text()));
  }

  function post(results) {
    return fetch('/results', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(results) });
  }

  async function main() {
    var results = {
      userAgent: navigator.userAgent,
      crossOriginIsolated: window.crossOriginIsolated === true,
      timerResolutionMs: timerResolution(),
      config: { runs: RUNS, batchMs: BATCH_MS, loads: LOADS, warmupMs: WARMUP_MS, warmupBatches: WARMUP_BATCHES }
    };
    if (!window.KlaviyoFloor) throw new Error('floor.js did not define window.KlaviyoFloor');
    var load = await measureLoad();
    results.load = load.figures;
    var k = await readyIntegration(load.Integration, SETTINGS);
    var shop = ECOMMERCE.length ? await readyIntegration(load.Integration, ECOMMERCE_SETTINGS) : null;
    if (!k.loaded()) throw new Error('the integration is ready but does not see Klaviyo running');
    results.checks = checkCommands(k, window.KlaviyoFloor);
    var perCall = {};
    CASES.forEach(function (c) { perCall[c] = results.checks[c].count; });
    DESTINATION_ONLY.forEach(function (c) { perCall[c] = commandsOf(k, c).length; });
    ECOMMERCE.forEach(function (c) { perCall[c] = commandsOf(shop, c).length; });
    results.calls = await measureCalls({ destination: k, floor: window.KlaviyoFloor, ecommerce: shop }, perCall);
    document.getElementById('status').textContent = JSON.stringify(results, null, 2);
    await post(results);
  }

  main().catch(function (e) {
    var text = String(e && e.stack || e);
    document.getElementById('status').textContent = 'error: ' + text;
    post({ error: text });
  });
})();
