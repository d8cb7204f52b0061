/*
 * The floor: the smallest hand-written JavaScript that turns the benchmark's three messages into the
 * same Klaviyo commands as the destination, then pushes them onto window._learnq. Benchmark only,
 * never shipped. It knows nothing the destination handles beyond these messages: no case-insensitive
 * key matching, no deep JSON copy (nested values are shared, not copied), no validation, no guards.
 * bench.js checks that its commands deep-equal the destination's before anything is timed.
 */
(function () {
  'use strict';

  function identify(m) {
    var t = m.traits, p = { $id: m.userId };
    for (var k in t) {
      switch (k) {
        case 'email': p.$email = t.email; break;
        case 'firstName': p.$first_name = t.firstName; break;
        case 'lastName': p.$last_name = t.lastName; break;
        case 'phone': p.$phone_number = t.phone; break;
        case 'title': p.$title = t.title; break;
        default: p[k] = t[k];
      }
    }
    window._learnq.push(['identify', p]);
  }

  function orderCompleted(m) {
    var o = m.properties, p = {}, products = o.products;
    for (var k in o) {
      switch (k) {
        case 'order_id': p.$event_id = o.order_id; break;
        case 'revenue': p.$value = o.revenue; break;
        case 'products': break;
        default: p[k] = o[k];
      }
    }
    var categories = [], names = [], items = [], i, x;
    for (i = 0; i < products.length; i++) {
      x = products[i];
      categories.push(x.category);
      names.push(x.name);
      items.push({ id: x.product_id, SKU: x.sku, Name: x.name, Quantity: x.quantity,
        ItemPrice: x.price, RowTotal: x.price, Categories: [x.category] });
    }
    p.Categories = categories;
    p.ItemNames = names;
    p.Items = items;
    window._learnq.push(['track', m.event, p]);
    for (i = 0; i < products.length; i++) {
      x = products[i];
      window._learnq.push(['track', 'Ordered Product', { $event_id: o.order_id + '_' + x.product_id,
        $value: x.price, Name: x.name, Quantity: x.quantity, ProductCategories: [x.category],
        SKU: x.sku, ProductID: x.product_id }]);
    }
  }

  function track(m) {
    if (m.event === 'Order Completed') return orderCompleted(m);
    var o = m.properties, p = {};
    for (var k in o) {
      if (k === 'revenue') p.$value = o.revenue; else p[k] = o[k];
    }
    window._learnq.push(['track', m.event, p]);
  }

  // Called like the destination: invoke(type, facade), the raw message in facade.obj.
  window.KlaviyoFloor = {
    invoke: function (type, facade) {
      if (type === 'identify') identify(facade.obj);
      else if (type === 'track') track(facade.obj);
    }
  };
})();
