// The demo page's own code: the forms on the left call analytics.js, the panel on the right shows what
// the Klaviyo stand-in receives. Plain browser JavaScript, no build step.
(function () {
  'use strict';

  var EXAMPLES = {
    identify: {
      email: 'ada.lovelace@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '+44 20 7946 0958',
      title: 'Analyst',
      plan: 'premium',
      address: { street: '12 Analytical Row', city: 'London', postalCode: 'N1 9GU', country: 'United Kingdom' },
      company: { name: 'Analytical Engines Ltd' }
    },
    track: {
      product_id: 'P-1337',
      sku: 'TEA-EARLGREY-250',
      name: 'Earl Grey, loose leaf, 250 g',
      category: 'Tea',
      brand: 'Demo Tea Co.',
      price: 12.5,
      compare_at_price: 15,
      url: 'https://shop.example.com/tea/earl-grey',
      image_url: 'https://shop.example.com/img/earl-grey.jpg',
      currency: 'GBP',
      revenue: 12.5
    },
    // Product Added's example is one of PRODUCTS in this cart (see the card's product list).
    'product-added': null,
    'checkout-started': {
      checkout_id: 'CHK-5120',
      cart_id: 'CART-77',
      checkout_url: 'https://shop.example.com/checkout/CHK-5120',
      currency: 'GBP'
    },
    group: {
      name: 'Acme Co.',
      industry: 'Manufacturing',
      employees: 240,
      plan: 'enterprise'
    },
    order: {
      order_id: 'ORD-20431',
      affiliation: 'Demo Tea Shop',
      total: 47.5,
      revenue: 42,
      shipping: 3.5,
      tax: 2,
      discount: 5,
      coupon: 'WELCOME5',
      currency: 'GBP',
      products: [
        {
          product_id: 'P-1337',
          sku: 'TEA-EARLGREY-250',
          name: 'Earl Grey, loose leaf, 250 g',
          category: 'Tea',
          brand: 'Demo Tea Co.',
          price: 12.5,
          quantity: 2,
          productUrl: 'https://shop.example.com/tea/earl-grey',
          imageUrl: 'https://shop.example.com/img/earl-grey.jpg'
        },
        {
          product_id: 'P-2040',
          sku: 'POT-GLASS-1L',
          name: 'Glass teapot, 1 l',
          category: 'Teaware',
          brand: 'Demo Tea Co.',
          price: 22,
          quantity: 1,
          productUrl: 'https://shop.example.com/teaware/glass-teapot',
          imageUrl: 'https://shop.example.com/img/glass-teapot.jpg'
        }
      ]
    }
  };

  /** The products the Product Added card offers, as Segment's ecommerce spec names their fields. */
  var PRODUCTS = {
    tea: { product_id: 'P-1337', sku: 'TEA-EARLGREY-250', name: 'Earl Grey, loose leaf, 250 g', category: 'Tea',
      brand: 'Demo Tea Co.', price: 12.5, quantity: 2, url: 'https://shop.example.com/tea/earl-grey',
      image_url: 'https://shop.example.com/img/earl-grey.jpg' },
    teapot: { product_id: 'P-2040', sku: 'POT-GLASS-1L', name: 'Glass teapot, 1 l', category: 'Teaware',
      brand: 'Demo Tea Co.', price: 22, quantity: 1, url: 'https://shop.example.com/teaware/glass-teapot',
      image_url: 'https://shop.example.com/img/glass-teapot.jpg' },
    cups: { product_id: 'P-2071', sku: 'CUP-PAIR', name: 'Tea cups, set of two', category: 'Teaware',
      price: 9.9, quantity: 1, url: 'https://shop.example.com/teaware/cups' }
  };
  function productAdded(key) {
    var properties = { cart_id: 'CART-77' };
    Object.keys(PRODUCTS[key]).forEach(function (field) { properties[field] = PRODUCTS[key][field]; });
    properties.checkout_url = 'https://shop.example.com/checkout';
    return properties;
  }
  EXAMPLES['product-added'] = productAdded('tea');

  var list = document.getElementById('commands');
  var empty = document.getElementById('empty');
  var countLabel = document.getElementById('count');
  var shown = 0;
  var params = new URLSearchParams(location.search);

  // ---- The panel -------------------------------------------------------------------------------

  function escapeHtml(s) {
    // Quotes stay as they are: the result is element content, and the JSON tokens need them.
    return s.replace(/[&<>]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;' }[c];
    });
  }

  /** Pretty-printed JSON with keys, strings, numbers and literals marked for colouring. */
  function highlight(value) {
    var json = JSON.stringify(value, null, 2);
    if (json === undefined) return '<span class="j-lit">undefined</span>';
    return escapeHtml(json).replace(
      /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g,
      function (all, str, colon, lit, num) {
        if (str) {
          if (colon) {
            var special = str.charAt(1) === '$' ? ' j-special' : '';
            return '<span class="j-key' + special + '">' + str + '</span>' + colon;
          }
          return '<span class="j-str">' + str + '</span>';
        }
        if (lit) return '<span class="j-lit">' + lit + '</span>';
        return '<span class="j-num">' + num + '</span>';
      });
  }

  function time() {
    var d = new Date();
    return d.toTimeString().slice(0, 8) + '.' + String(d.getMilliseconds()).padStart(3, '0');
  }

  function append(item) {
    var queue = list.parentNode;
    var atBottom = queue.scrollHeight - queue.scrollTop - queue.clientHeight < 40;
    list.appendChild(item);
    empty.hidden = true;
    // Follow new commands inside the panel only, unless the reader has scrolled up in it.
    if (atBottom || list.children.length === 1) queue.scrollTop = queue.scrollHeight;
  }

  /** The lines of a cart's Items at a glance: quantity, name (else id), row total. */
  function cartLines(items) {
    var lines = document.createElement('ul');
    lines.className = 'cart-lines';
    items.forEach(function (line) {
      var li = document.createElement('li');
      li.textContent = (line && line.Quantity) + ' × ' + (line && (line.ProductName || line.Name || line.ProductID || line.id || line.SKU))
        + (line && typeof line.RowTotal === 'number' ? ' — ' + line.RowTotal : '');
      lines.appendChild(li);
    });
    return lines;
  }

  /** One command from Klaviyo's queue: ["identify", {...}], ["track", "Event", {...}], ["account", key]. */
  function showCommand(jsonText) {
    var command;
    try {
      command = JSON.parse(jsonText);
    } catch (e) {
      command = [String(jsonText)];
    }
    var type = Array.isArray(command) && typeof command[0] === 'string' ? command[0] : '?';
    var rest = Array.isArray(command) ? command.slice(1) : [command];

    var item = document.createElement('li');
    item.className = 'command type-' + type.replace(/[^a-z]/gi, '').toLowerCase();
    var head = document.createElement('div');
    head.className = 'command-head';
    var badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = type;
    head.appendChild(badge);
    // A leading string argument (the event name, the account key) reads best next to the type.
    if (typeof rest[0] === 'string') {
      var label = document.createElement('span');
      label.className = 'label';
      label.textContent = rest.shift();
      head.appendChild(label);
    }
    // Added to Cart and Started Checkout carry the whole cart in Items, not only the product added;
    // Placed Order its lines.
    var properties = rest[0], cart = null;
    if (type === 'track' && properties && Array.isArray(properties.Items) && properties.ItemNames) {
      cart = document.createElement('span');
      cart.className = 'cart-note';
      var lines = properties.Items.length;
      var whole = command[1] === 'Added to Cart' || command[1] === 'Started Checkout';
      cart.textContent = 'Items' + (whole ? ', the whole cart: ' : ': ') + lines + (lines === 1 ? ' line' : ' lines')
        + (typeof properties.$value === 'number' ? ', $value ' + properties.$value : '');
      head.appendChild(cart);
    }
    var when = document.createElement('time');
    when.textContent = time();
    head.appendChild(when);
    item.appendChild(head);
    if (cart) item.appendChild(cartLines(properties.Items));

    rest.forEach(function (argument) {
      var pre = document.createElement('pre');
      pre.innerHTML = highlight(argument);
      item.appendChild(pre);
    });
    var raw = document.createElement('details');
    raw.innerHTML = '<summary>as pushed</summary>';
    var code = document.createElement('code');
    code.textContent = 'klaviyo.push(' + jsonText + ')';
    raw.appendChild(code);
    item.appendChild(raw);

    append(item);
    shown++;
    countLabel.textContent = shown + (shown === 1 ? ' command' : ' commands');
    destinationStatus('ok', 'Klaviyo destination: running');
  }

  /**
   * A divider for the analytics.js call the following commands came from. Unless told otherwise, it
   * says so when nothing reaches Klaviyo from the call: the destination skipped it.
   */
  function showCall(text, note) {
    var item = document.createElement('li');
    item.className = 'call-marker';
    item.innerHTML = '<span class="arrow">→</span> <code></code> <time></time>';
    item.querySelector('code').textContent = text;
    item.querySelector('time').textContent = time();
    if (note) {
      var explanation = document.createElement('span');
      explanation.className = 'note';
      explanation.textContent = note;
      item.appendChild(explanation);
    }
    append(item);
    if (note !== undefined) return;
    setTimeout(function () {
      if (!item.parentNode) return;
      var next = item.nextElementSibling;
      if (!next || next.classList.contains('call-marker')) {
        var note = document.createElement('span');
        note.className = 'skipped';
        note.textContent = 'nothing reached Klaviyo: the destination skipped it' +
          (params.has('debug') ? ' (see the console)' : ' (open with ?debug=1 to see why in the console)');
        item.appendChild(note);
      }
    }, 2000);
  }

  function summary(value) {
    var text = JSON.stringify(value);
    return text.length > 60 ? text.slice(0, 57) + '…}' : text;
  }

  /**
   * An event analytics.js sends Segment that skips Klaviyo (integrations: {Klaviyo: false}), such as
   * the identify and track a Klaviyo form causes with reportKlaviyoForms on.
   */
  function showSegmentEvent(event) {
    var item = document.createElement('li');
    item.className = 'command type-segment';
    var head = document.createElement('div');
    head.className = 'command-head';
    var badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = 'to Segment: ' + event.type;
    head.appendChild(badge);
    if (event.event) {
      var label = document.createElement('span');
      label.className = 'label';
      label.textContent = event.event;
      head.appendChild(label);
    }
    var when = document.createElement('time');
    when.textContent = time();
    head.appendChild(when);
    item.appendChild(head);
    var shownEvent = { userId: event.userId };
    if (event.type === 'identify') shownEvent.traits = event.traits;
    else shownEvent.properties = event.properties;
    shownEvent.integrations = event.integrations;
    var pre = document.createElement('pre');
    pre.innerHTML = highlight(shownEvent);
    item.appendChild(pre);
    append(item);
  }
  window.analytics.addSourceMiddleware(function (context) {
    try {
      var event = context.payload.obj;
      if (event.integrations && event.integrations.Klaviyo === false) showSegmentEvent(event);
    } finally {
      context.next(context.payload);
    }
  });

  /** One request to Klaviyo's client API (a list subscription), updated when it is answered. */
  var apiItems = new WeakMap();
  function showApiRequest(request) {
    var item = apiItems.get(request), body = null;
    if (!item) {
      try {
        body = JSON.parse(request.body);
      } catch (e) {
        body = request.body;
      }
      item = document.createElement('li');
      item.className = 'command type-subscribe';
      var head = document.createElement('div');
      head.className = 'command-head';
      var badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = 'subscribe';
      head.appendChild(badge);
      var label = document.createElement('span');
      label.className = 'label';
      var list = body && body.data && body.data.relationships && body.data.relationships.list;
      label.textContent = list && list.data ? 'list ' + list.data.id : request.url;
      head.appendChild(label);
      var status = document.createElement('span');
      status.className = 'status';
      head.appendChild(status);
      var when = document.createElement('time');
      when.textContent = time();
      head.appendChild(when);
      item.appendChild(head);
      var line = document.createElement('code');
      line.className = 'request-line';
      line.textContent = request.method + ' ' + request.url + '\n' + Object.keys(request.headers).map(function (name) {
        return name + ': ' + request.headers[name];
      }).join('\n') + (request.keepalive ? '\n(fetch keepalive)' : '');
      item.appendChild(line);
      var pre = document.createElement('pre');
      pre.innerHTML = highlight(body);
      item.appendChild(pre);
      apiItems.set(request, item);
      append(item);
    }
    item.querySelector('.status').textContent = request.status === null ? 'sending…'
      : request.status === 0 ? 'network error' : '→ ' + request.status;
  }
  (window.klaviyoApiRequests || []).forEach(showApiRequest);
  window.addEventListener('klaviyo-api:request', function (event) {
    showApiRequest(event.detail);
  });

  var record = window.klaviyoStandIn;
  showCall('analytics.page() — from the snippet', '');
  if (record && record.commands) record.commands.forEach(showCommand);
  window.addEventListener('klaviyo-standin:command', function (event) {
    showCommand(event.detail);
  });

  document.getElementById('clear').addEventListener('click', function () {
    list.textContent = '';
    shown = 0;
    countLabel.textContent = '0 commands';
    empty.hidden = false;
    empty.textContent = 'Cleared. Send a call on the left.';
  });

  // ---- The forms ---------------------------------------------------------------------------------

  Array.prototype.forEach.call(document.querySelectorAll('form.call'), function (form) {
    var method = form.getAttribute('data-method');
    var textarea = form.elements.json;
    var idInput = form.elements.id;
    var error = form.querySelector('.error');
    // The Klaviyo form's card has an email and no JSON.
    if (!textarea) textarea = { value: '{}', classList: { add: function () {}, remove: function () {} },
      focus: function () {}, addEventListener: function () {} };
    else textarea.value = JSON.stringify(EXAMPLES[method], null, 2);
    // Tall enough for the example, up to a point; the box can be resized.
    textarea.rows = Math.min(textarea.value.split('\n').length, 20);

    function clearError() {
      error.textContent = '';
      textarea.classList.remove('invalid');
    }
    textarea.addEventListener('input', clearError);
    if (form.elements.product) {
      form.elements.product.addEventListener('change', function () {
        textarea.value = JSON.stringify(productAdded(form.elements.product.value), null, 2);
        clearError();
      });
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearError();
      var value;
      try {
        value = JSON.parse(textarea.value);
      } catch (e) {
        error.textContent = 'Not valid JSON: ' + e.message;
        textarea.classList.add('invalid');
        textarea.focus();
        return;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        error.textContent = 'Expected a JSON object: { … }';
        textarea.classList.add('invalid');
        textarea.focus();
        return;
      }
      var id = idInput ? idInput.value.trim() : '';
      try {
        if (method === 'identify') {
          var options = form.elements.sms.checked ? { integrations: { Klaviyo: { smsConsent: true } } } : undefined;
          showCall('analytics.identify(' + JSON.stringify(id) + ', ' + summary(value)
            + (options ? ', ' + JSON.stringify(options) : '') + ')');
          if (id) window.analytics.identify(id, value, options); else window.analytics.identify(value, options);
        } else if (method === 'track') {
          if (!id) throw new Error('An event name is needed.');
          showCall('analytics.track(' + JSON.stringify(id) + ', ' + summary(value) + ')');
          window.analytics.track(id, value);
        } else if (method === 'group') {
          showCall('analytics.group(' + JSON.stringify(id) + ', ' + summary(value) + ')');
          window.analytics.group(id || null, value);
        } else if (method === 'klaviyo-form') {
          if (!id) throw new Error('An email is needed.');
          showCall('a Klaviyo form submit with $email ' + JSON.stringify(id),
            'the destination tells analytics.js; Klaviyo gets no command from it');
          var submit = document.createEvent('CustomEvent');
          submit.initCustomEvent('klaviyoForms', false, false, {
            type: 'submit', formId: 'DeMoF1', formVersionId: 1234567,
            metaData: { $email: id, $source: 'Demo sign-up form' }
          });
          window.dispatchEvent(submit);
        } else if (method === 'product-added' || method === 'checkout-started') {
          var event = method === 'product-added' ? 'Product Added' : 'Checkout Started';
          showCall("analytics.track('" + event + "', " + summary(value) + ')');
          window.analytics.track(event, value);
        } else if (method === 'order') {
          showCall("analytics.track('Order Completed', " + summary(value) + ')');
          window.analytics.track('Order Completed', value);
        }
      } catch (e) {
        error.textContent = String(e && e.message || e);
      }
      var button = form.querySelector('button');
      button.classList.add('sent');
      setTimeout(function () { button.classList.remove('sent'); }, 600);
    });
  });

  // ---- Status and settings -----------------------------------------------------------------------

  function pill(id, state, text) {
    var el = document.getElementById(id);
    el.className = 'pill ' + state;
    el.lastChild.textContent = text;
  }
  function destinationStatus(state, text) {
    pill('status-destination', state, text);
  }

  window.analytics.ready(function () {
    pill('status-analytics', 'ok', 'Analytics Next: ready');
    if (window.klaviyoIntegration) {
      if (!shown) destinationStatus('ok', 'Klaviyo destination: loaded');
    } else {
      destinationStatus('bad', 'Klaviyo destination: not loaded (see the console)');
    }
  });
  setTimeout(function () {
    if (!window.analytics.initialized) {
      // A blocker extension may refuse scripts whose path says "analytics": tell rather than wait.
      pill('status-analytics', 'bad', 'Analytics Next: not loaded (see the console)');
    }
  }, 8000);

  // Each box reloads the page with its setting's query parameter, which picks the write key (index.html).
  [['enforce-email', 'enforceEmail'], ['ecommerce-metrics', 'klaviyoEcommerceMetrics']].forEach(function (toggle) {
    var box = document.getElementById(toggle[0]);
    box.checked = params.get(toggle[1]) === '1';
    box.addEventListener('change', function () {
      if (box.checked) params.set(toggle[1], '1'); else params.delete(toggle[1]);
      var query = params.toString();
      location.search = query ? '?' + query : '';
    });
  });
  var settingsLink = document.getElementById('settings-link');
  var writeKey = window.analytics._writeKey || 'demo';
  settingsLink.href = settingsLink.textContent = '/v1/projects/' + writeKey + '/settings';

  // ---- The bundle's size -------------------------------------------------------------------------

  fetch('/next-integrations/integrations/klaviyo/1.0.0/klaviyo.dynamic.js.gz', { cache: 'no-store' })
    .then(function (response) { return response.ok ? response.blob() : Promise.reject(); })
    .then(function (blob) {
      var size = document.getElementById('bundle-size');
      size.textContent = '. The bundle Analytics Next loads is ' + (blob.size / 1024).toFixed(1) + ' KiB';
      if (typeof CompressionStream !== 'function') return;
      return new Response(blob.stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()
        .then(function (gz) {
          size.textContent += ' (' + (gz.byteLength / 1024).toFixed(1) + ' KiB gzipped)';
        });
    })
    .catch(function () { /* the size is a nicety */ });
})();
