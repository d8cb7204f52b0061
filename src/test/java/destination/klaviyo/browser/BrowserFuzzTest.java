package destination.klaviyo.browser;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Random messages, hostile values included, through the compiled bundle in a browser: a seeded
 * generator in the page (mulberry32) makes identify, track and group messages, and other calls, out of
 * nested values of every kind (getters that throw, proxies, cycles, symbols, BigInts, Dates, DOM
 * nodes, prototype-less objects, {@code __proto__} keys, deep chains, long arrays). For each message:
 * nothing is thrown, the message is unchanged, every command is fresh plain JSON the stand-in takes,
 * and the number and shape of the commands follow from the message (a track with a usable name gives
 * exactly one command under that name, or the order and its products; an identify with a usable
 * userId gives exactly one profile with that {@code $id}; a group gives its name as
 * {@code $organization} exactly when it has a usable one; otherwise at most one command). With
 * klaviyoEcommerceMetrics on, half the tracks are Segment's ecommerce events, and each usable one
 * gives at least one command, so that a message the destination gave up on half-way shows.
 */
class BrowserFuzzTest {
    private static final int SEED = 20240611;
    private static final int MESSAGES = 1500;

    private static final String FUZZ = """
            (function (seed, count, everything, ecommerce) {
              function mulberry32(a) {
                return function () {
                  a |= 0; a = a + 0x6D2B79F5 | 0;
                  var t = Math.imul(a ^ a >>> 15, 1 | a);
                  t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
                  return ((t ^ t >>> 14) >>> 0) / 4294967296;
                };
              }
              var random = mulberry32(seed);
              function int(n) { return Math.floor(random() * n); }
              function pick(list) { return list[int(list.length)]; }

              var keys = ['email', 'Email', 'e-mail', 'name', 'Name', 'NAME_', 'na.me', 'firstName', 'first_name', 'lastName', 'phone', 'phones',
                'title', 'id', 'userId', '$id', '$email', 'exchangeId', 'revenue', 'Revenue', 'total', 'value', 'price',
                'quantity', 'products', 'product_id', 'sku', 'category', 'order_id', 'address', 'city', 'company',
                'avatar', 'timezone', 'constructor', 'prototype', 'toJSON', 'toString', 'valueOf', 'hasOwnProperty',
                'length', '0', '', ' ', 'ü', '\\u2028', 'a.b', 'x'];
              var strings = ['', ' ', 'a', 'name@example.com', 'Name Surname', '  padded  ', '$12.50', '12', '1e3',
                '2024-01-02T03:04:05.000Z', '__proto__', 'Order Completed', '\\u0000', '</script>', 'ü€😀', 'null'];
              var numbers = [0, -0, 1, -1, 1.5, 42, 1e21, 2e-7, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, 5e-324];
              var events = ['Viewed Product', 'Order Completed', 'order_completed', 'Completed Order', ' completed order x',
                'Ordered Product', 'e', '', 0, 404, -0, 1.5, NaN, Infinity, true, null, undefined, {}, ['e'], 10n];
              // With klaviyoEcommerceMetrics on: Segment's ecommerce events half the time, and the keys they read.
              var shopEvents = ['Product Viewed', 'Product Added', 'product_added', 'Product Removed', 'Cart Viewed',
                'Checkout Started', 'Started Checkout', 'Product List Viewed', 'Products Searched', 'Viewed Product Category'];
              if (ecommerce) {
                events = events.concat(shopEvents, shopEvents);
                keys = keys.concat(['cart_id', 'checkout_id', 'url', 'productUrl', 'image_url', 'brand', 'compare_at_price',
                  'query', 'list_id', 'checkout_url', 'coupon', 'discount', 'products', 'products', 'price', 'quantity']);
              }

              function hostileProxy() {
                var handler = {};
                ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'set', 'defineProperty',
                 'deleteProperty', 'isExtensible', 'preventExtensions', 'setPrototypeOf'].forEach(function (trap) {
                  handler[trap] = function () { throw new Error('trap ' + trap); };
                });
                return probe.opaque(new Proxy({email: 'proxy@example.com', name: 'proxy'}, handler));
              }
              function revokedProxy() { var r = Proxy.revocable(random() < 0.5 ? [] : {}, {}); r.revoke(); return probe.opaque(r.proxy); }

              function scalar() {
                switch (int(14)) {
                  case 0: case 1: case 2: return pick(strings);
                  case 3: case 4: return pick(numbers);
                  case 5: return random() < 0.5;
                  case 6: return null;
                  case 7: return undefined;
                  case 8: return BigInt(int(1000000)) * 1000000007n;
                  case 9: return Symbol('s' + int(10));
                  case 10: return function () { window.fuzzCalled = true; };
                  case 11: return new Date(random() < 0.8 ? int(2e12) : NaN);
                  case 12: return pick([document.body, document, window, document.createElement('div'), location]);
                  default: return pick([new String('boxed'), new Number(7), /re/, new Map(), new Uint8Array(3)]);
                }
              }

              // Containers get rarer with depth, so messages stay small; chains make the deep ones.
              function value(depth, ancestors) {
                if (depth > 12 || random() < 0.55 + depth * 0.1) return scalar();
                var r = random();
                if (r < 0.1 && ancestors.length) return pick(ancestors);      // a cycle
                if (r < 0.16) return hostileProxy();
                if (r < 0.2) return revokedProxy();
                if (r < 0.24) { var chain = {}; for (var d = 0; d < 8 + int(10); d++) chain = {next: chain}; return chain; }
                if (r < 0.26) { var long = []; for (var i = 0; i < 990 + int(30); i++) long.push(i); return long; }
                if (r < 0.6) {
                  var list = [];
                  ancestors.push(list);
                  for (var j = int(6); j > 0; j--) list.push(value(depth + 1, ancestors));
                  if (random() < 0.1) delete list[0];                       // a hole
                  ancestors.pop();
                  return list;
                }
                return object(depth, ancestors);
              }

              function object(depth, ancestors) {
                var o = random() < 0.15 ? Object.create(null) : random() < 0.05 ? Object.create({inherited: 1}) : {};
                ancestors.push(o);
                for (var n = int(7); n > 0; n--) {
                  var key = pick(keys), kind = random();
                  if (kind < 0.06) {
                    Object.defineProperty(o, key, {get: function () { throw new Error('getter'); }, enumerable: true, configurable: true});
                  } else if (kind < 0.09) {
                    Object.defineProperty(o, '__proto__', {value: {polluted: true}, enumerable: true, configurable: true, writable: true});
                  } else if (kind < 0.11) {
                    o[Symbol('k')] = value(depth + 1, ancestors);
                  } else if (kind < 0.13) {
                    Object.defineProperty(o, key, {value: value(depth + 1, ancestors), enumerable: false, configurable: true});
                  } else {
                    o[key] = value(depth + 1, ancestors);
                  }
                }
                if (random() < 0.2) o.products = value(depth + 1, ancestors);
                ancestors.pop();
                return o;
              }

              function message(type) {
                var m = {type: type};
                if (random() < 0.8) m.userId = random() < 0.7 ? pick(strings) : scalar();
                if (random() < 0.5) m.anonymousId = 'anon';
                if (type == 'track') m.event = pick(events);
                var body = random() < 0.85 ? object(0, [m]) : value(0, [m]);
                if (type == 'track') m.properties = body; else m.traits = body;
                if (random() < 0.05) m.self = m;
                if (everything) {
                  // What the other features read: per-call options, consent, Segment's consent event.
                  if (random() < 0.3) m.integrations = random() < 0.7
                    ? {Klaviyo: {listId: pick(strings), smsConsent: random() < 0.5, confirmOptin: scalar()}} : value(0, [m]);
                  if (random() < 0.3) m.context = random() < 0.7
                    ? {consent: {categoryPreferences: {Targeting: random() < 0.8 ? true : scalar()}}} : value(0, [m]);
                  if (type == 'track' && random() < 0.05) m.event = 'Segment Consent Preference Updated';
                  if (type == 'track' && random() < 0.2) {
                    if (m.properties && typeof m.properties == 'object' && !probe.isOpaque(m.properties)) {
                      try { m.properties.email = pick(strings); } catch (e) {}
                    }
                  }
                }
                return m;
              }

              var orderName = /^[ _]?order[ _]?completed[ _]?$|^[ _]?completed[ _]?order/i;
              function expectation(m) {
                if (m.type == 'track') {
                  var e = m.event, usable = typeof e == 'string' ? e !== '' : typeof e == 'number' && isFinite(e);
                  if (!usable) return {min: 0, max: 0};
                  var name = String(e);
                  // Klaviyo's metrics rename events and add Ordered Products and a viewed item: at least one command.
                  if (ecommerce) return {min: 1, max: 1001};
                  return orderName.test(name) ? {min: 1, max: 1001, name: name, order: true} : {min: 1, max: 1, name: name};
                }
                if (m.type == 'identify') {
                  var id = m.userId, usableId = typeof id == 'string' ? id !== '' : typeof id == 'number' && isFinite(id);
                  return usableId ? {min: 1, max: 1, id: String(id)} : {min: 0, max: 1};
                }
                if (m.type == 'group') {
                  // The own enumerable key "name", exactly, as the classic read it; its value is sent
                  // when it is a truthy string or finite number.
                  var t = m.traits;
                  if (t === null || typeof t != 'object' || probe.isOpaque(t) || Array.isArray(t)
                      || Object.prototype.toString.call(t) != '[object Object]') return {min: 0, max: 0};
                  if (Object.keys(t).indexOf('name') < 0) return {min: 0, max: 0};
                  var d = Object.getOwnPropertyDescriptor(t, 'name'), v = 'value' in d ? d.value : undefined;
                  return v && (typeof v == 'string' || typeof v == 'number' && isFinite(v))
                    ? {min: 1, max: 1, organization: v} : {min: 0, max: 0};
                }
                return {min: 0, max: 0};
              }

              var standIn = window.klaviyoStandIn, failures = [], counts = {messages: 0, commands: 0, skipped: 0};
              function fail(i, m, what) {
                if (failures.length < 20) failures.push('message ' + i + ' (' + m.type + '): ' + what);
              }
              for (var i = 0; i < count; i++) {
                var type = random() < 0.97 ? pick(['identify', 'track', 'group']) : pick(['page', 'alias', 'screen', 'unknown']);
                var m = message(type), expect = expectation(m);
                var before = probe.fingerprint(m), n = standIn.commands.length, errors = standIn.errors.length;
                probe.callerObjects = probe.objects(m);
                try { k.invoke(type, {obj: m}); } catch (e) { fail(i, m, 'threw ' + e); }
                probe.callerObjects = null;
                counts.messages++;
                if (probe.fingerprint(m) !== before) fail(i, m, 'the message changed');
                if (standIn.errors.length != errors) fail(i, m, 'the stand-in could not take: ' + standIn.errors.slice(errors));
                probe.takeProblems().forEach(function (p) { fail(i, m, 'not plain JSON: ' + p); });
                var sent = standIn.commands.slice(n).map(function (c) { return JSON.parse(c); });
                counts.commands += sent.length;
                if (!sent.length) counts.skipped++;
                // With every feature on, what a message sends also depends on the page's past: only
                // the rules above (nothing thrown, nothing changed, plain JSON taken) hold per message.
                if (everything) continue;
                if (sent.length < expect.min || sent.length > expect.max) {
                  fail(i, m, sent.length + ' commands, expected ' + expect.min + '..' + expect.max + ': ' + JSON.stringify(sent).slice(0, 300));
                  continue;
                }
                sent.forEach(function (c, j) {
                  var ok = m.type == 'track' && ecommerce
                    ? c.length == 3 && c[0] == 'track' && typeof c[1] == 'string' && typeof c[2] == 'object' && !Array.isArray(c[2])
                      || c.length == 2 && c[0] == 'trackViewedItem' && typeof c[1] == 'object' && !Array.isArray(c[1])
                    : m.type == 'track'
                    ? c.length == 3 && c[0] == 'track' && c[1] === (j == 0 ? expect.name : 'Ordered Product') && typeof c[2] == 'object' && !Array.isArray(c[2])
                    : c.length == 2 && c[0] == 'identify' && typeof c[1] == 'object' && c[1] !== null && !Array.isArray(c[1]);
                  if (ok && expect.id !== undefined) ok = c[1].$id === expect.id;
                  if (ok && 'organization' in expect) ok = Object.keys(c[1]).join() == '$organization' && c[1].$organization === expect.organization;
                  if (!ok) fail(i, m, 'unexpected command ' + JSON.stringify(c).slice(0, 300));
                });
              }
              if (window.fuzzCalled) failures.push('a function of a message was called');
              return JSON.stringify({failures: failures, counts: counts, pollution: probe.pollution()});
            })""";

    @Test
    void randomHostileMessagesNeverThrowChangeTheirInputOrSendAnythingButPlainJson() {
        try (HostPage page = PageProbes.readyBarePage()) {
            long start = System.nanoTime();
            Map<String, Object> result = JsonText.parseObject(page.text(FUZZ + "(" + SEED + ", " + MESSAGES + ")"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(List.of(), result.get("failures"), "seed " + SEED);
            assertEquals(List.of(), result.get("pollution"), "built-in prototypes changed, seed " + SEED);
            @SuppressWarnings("unchecked")
            Map<String, Object> counts = (Map<String, Object>) result.get("counts");
            int messages = ((Number) counts.get("messages")).intValue();
            int commands = ((Number) counts.get("commands")).intValue();
            int skipped = ((Number) counts.get("skipped")).intValue();
            assertEquals(MESSAGES, messages);
            // Not vacuous: most messages send something, some send nothing.
            assertTrue(commands > MESSAGES / 3 && skipped > MESSAGES / 20,
                    commands + " commands, " + skipped + " messages skipped");

            List<String> all = page.klaviyoCommands();
            assertEquals(commands + 1, all.size(), "the account, then every command counted");
            for (String command : all) {
                Object parsed = JsonText.parse(command);
                assertTrue(parsed instanceof List<?> list && list.get(0) instanceof String, command);
            }
            assertEquals(List.of(), page.klaviyoErrors());
            System.out.println("BrowserFuzzTest: " + messages + " messages, " + commands + " commands, " + skipped
                    + " skipped, " + millis + " ms");
        }
    }

    @Test
    void randomHostileEcommerceEventsWithKlaviyosMetricsOnNeverThrowChangeTheirInputOrLoseAnEvent() {
        // Every usable track still sends at least one command: a message the destination gave up on
        // half-way (an exception its guard swallowed) shows here, since nothing reaches Klaviyo.
        try (HostPage page = HostPage.bare()) {
            PageProbes.install(page);
            PageProbes.startDestination(page, "{apiKey: 'hfWBjc', klaviyoEcommerceMetrics: true}");
            page.waitUntil("klaviyoEvents.some(function (e) { return e[0] == 'ready'; })");
            page.run("probe.watch();");
            Map<String, Object> result = JsonText.parseObject(page.text(FUZZ + "(" + (SEED + 2) + ", " + MESSAGES + ", false, true)"));
            assertEquals(List.of(), result.get("failures"), "seed " + (SEED + 2));
            assertEquals(List.of(), result.get("pollution"), "built-in prototypes changed, seed " + (SEED + 2));
            @SuppressWarnings("unchecked")
            Map<String, Object> counts = (Map<String, Object>) result.get("counts");
            assertEquals(MESSAGES, ((Number) counts.get("messages")).intValue());
            assertTrue(((Number) counts.get("commands")).intValue() > MESSAGES / 3, counts.toString());
            List<String> all = page.klaviyoCommands();
            assertTrue(all.stream().anyMatch(c -> c.startsWith("[\"track\",\"Added to Cart\""))
                    && all.stream().anyMatch(c -> c.startsWith("[\"track\",\"Started Checkout\"")), "the metrics were made");
            assertEquals(List.of(), page.klaviyoErrors());
            // The remembered cart is still what the destination writes.
            Object cart = JsonText.parse(page.text("sessionStorage.getItem('" + EcommerceThroughAnalyticsNextTest.CART_KEY + "')"));
            assertTrue(cart instanceof Map<?, ?> map && Double.valueOf(1).equals(map.get("v")) && map.get("items") instanceof List<?>,
                    String.valueOf(cart));
        }
    }

    @Test
    void randomHostileMessagesWithEveryFeatureOnNeverThrowChangeTheirInputOrSendAnythingButPlainJson() {
        String settings = "{apiKey: 'hfWBjc', trackByEmail: true, reportKlaviyoForms: true, subscribeInBrowser: true,"
                + " listId: 'L1', consentCategories: ['Targeting']}";
        try (HostPage page = HostPage.bare()) {
            PageProbes.install(page);
            PageProbes.startDestination(page, settings);
            page.waitUntil("klaviyoEvents.some(function (e) { return e[0] == 'ready'; })");
            page.run("probe.watch();");
            Map<String, Object> result = JsonText.parseObject(page.text(FUZZ + "(" + (SEED + 1) + ", " + MESSAGES + ", true)"));
            assertEquals(List.of(), result.get("failures"), "seed " + (SEED + 1));
            assertEquals(List.of(), result.get("pollution"), "built-in prototypes changed, seed " + (SEED + 1));
            @SuppressWarnings("unchecked")
            Map<String, Object> counts = (Map<String, Object>) result.get("counts");
            assertEquals(MESSAGES, ((Number) counts.get("messages")).intValue());
            // Not vacuous: consent lets most messages through, and they send.
            assertTrue(((Number) counts.get("commands")).intValue() > MESSAGES / 4, counts.toString());
            for (String command : page.klaviyoCommands()) {
                Object parsed = JsonText.parse(command);
                assertTrue(parsed instanceof List<?> list && list.get(0) instanceof String, command);
            }
            assertEquals(List.of(), page.klaviyoErrors());
        }
    }
}
