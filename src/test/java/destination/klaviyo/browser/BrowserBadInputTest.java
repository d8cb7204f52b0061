package destination.klaviyo.browser;

import destination.klaviyo.JsonText;

import static destination.klaviyo.browser.PageProbes.readyBarePage;
import static destination.klaviyo.browser.PageProbes.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Hostile and malformed messages through the compiled bundle in a browser: whatever a page passes,
 * the destination throws nothing into it, changes none of its objects (or the built-in prototypes),
 * and hands Klaviyo only fresh, plain JSON data. Each case asserts the exact commands sent; every
 * {@link PageProbes#send} also checks the rest. The JVM tests of the core cover the same rules over
 * Java values; these cover the real JavaScript values (getters, proxies, symbols, BigInts, DOM nodes).
 */
class BrowserBadInputTest {
    private static void assertSends(HostPage page, String method, String message, String... expected) {
        List<String> actual = send(page, method, message);
        assertEquals(JsonText.canonical(List.of(expected)), JsonText.canonical(actual), method + " " + message);
    }

    @Test
    void theProbesCatchWhatTheyAreThereFor() {
        try (HostPage page = readyBarePage()) {
            // A fingerprint changes with any change the page could see, and with nothing else.
            assertEquals("[false,true,true,true,true,true,true,true]", page.text("""
                    JSON.stringify([
                      function (o) {}, function (o) { o.a.b[0] = 2; }, function (o) { o.added = undefined; },
                      function (o) { Object.setPrototypeOf(o.a, null); }, function (o) { o.d.setTime(1); },
                      function (o) { Object.defineProperty(o, 'a', {enumerable: false}); }, function (o) { o.a.b.length = 0; },
                      function (o) { o.a.self = o; }
                    ].map(function (change) {
                      var o = {a: {b: [1]}, d: new Date(0), g: Object.defineProperty({}, 'x', {get: function () { throw 1; }})};
                      var before = probe.fingerprint(o); change(o); return probe.fingerprint(o) !== before;
                    }))"""));
            // Anything but fresh plain JSON is reported.
            assertEquals(10, Integer.parseInt(page.text("""
                    (function () {
                      var shared = {}, caller = {}, keyed = {}; keyed[Symbol('s')] = 1;
                      return [[function () {}], [undefined], [new Date(0)], [Object.defineProperty({}, 'a', {get: function () {}, enumerable: true})],
                        [keyed], [NaN], [shared, shared], [Object.create(null)], [10n], [caller]
                      ].filter(function (c) { return probe.plainProblems(c, new Set([caller])).length == 1; }).length;
                    })()""")));
            assertEquals("[]", page.text("JSON.stringify(probe.plainProblems(['track', 'e', {a: [1, 'x', null, true, {b: {}}]}]))"));
            assertEquals("[\"Object +polluted\",\"window +polluted\",\"{}.polluted\"]",
                    page.text("(function () { Object.prototype.polluted = 1; var p = probe.pollution();"
                            + " delete Object.prototype.polluted; return JSON.stringify(p); })()"));
            // A destination that changed the message, or handed Klaviyo the caller's own object, fails send().
            page.run("window.realK = k; window.k = {invoke: function (m, f) { f.obj.touched = true;"
                    + " _learnq.push(['track', 'e', f.obj.properties]); }};");
            AssertionError error = assertThrows(AssertionError.class,
                    () -> send(page, "track", "{event: 'e', properties: {a: 1}}"));
            assertTrue(error.getMessage().contains("the message changed"), error.getMessage());
            // Nested: Klaviyo (and its stand-in) writes into the properties object it is handed, which
            // would show as a changed message first.
            page.run("window.k = {invoke: function (m, f) { _learnq.push(['track', 'e', {nested: f.obj.properties}]); }};");
            error = assertThrows(AssertionError.class, () -> send(page, "track", "{event: 'e', properties: {a: 1}}"));
            assertTrue(error.getMessage().contains("one of the caller's own objects"), error.getMessage());
            page.run("window.k = realK; klaviyoStandIn.commands.length = 1;");
        }
    }

    @Test
    void traitsAndPropertiesOfTheWrongTypeCountAsEmpty() {
        try (HostPage page = readyBarePage()) {
            for (String value : List.of("null", "undefined", "[1, 2]", "'text'", "42", "true", "function () {}",
                    "new Date(0)", "document.body", "Symbol('s')", "10n")) {
                assertSends(page, "track", "{event: 'e', properties: " + value + "}", "[\"track\", \"e\", {}]");
                assertSends(page, "identify", "{userId: 'u', traits: " + value + "}", "[\"identify\", {\"$id\": \"u\"}]");
                assertSends(page, "group", "{groupId: 'g', traits: " + value + "}");
            }
            // Messages that are not objects at all, or facades that are not.
            for (String message : List.of("null", "undefined", "42", "'track'", "[]", "[['e']]", "function () {}")) {
                assertSends(page, "track", message);
                assertSends(page, "identify", message);
                assertSends(page, "group", message);
            }
            List<String> before = page.klaviyoCommands();
            page.run("k.invoke('track', null); k.invoke('track'); k.invoke(); k.invoke(42, {obj: {event: 'e'}});"
                    + "k.invoke({}, {obj: {event: 'e'}}); k.invoke('track', 'e'); k.invoke('unknown', {obj: {event: 'e'}});"
                    + "k.invoke('constructor', {obj: {event: 'e'}}); k.invoke('__proto__', {obj: {event: 'e'}});");
            assertEquals(before, page.klaviyoCommands());
            assertEquals(List.of(), page.problems());
        }
    }

    @Test
    void nonStringEventNamesAndIdsAreWrittenAsJavaScriptWritesNumbers() {
        try (HostPage page = readyBarePage()) {
            assertSends(page, "track", "{event: 404}", "[\"track\", \"404\", {}]");
            assertSends(page, "track", "{event: 1.5, properties: {revenue: 2}}", "[\"track\", \"1.5\", {\"$value\": 2}]");
            assertSends(page, "track", "{event: 1e21}", "[\"track\", \"1e+21\", {}]");
            assertSends(page, "track", "{event: -0}", "[\"track\", \"0\", {}]");
            for (String event : List.of("''", "true", "null", "NaN", "Infinity", "{}", "['e']", "10n", "Symbol('e')",
                    "new String('e')", "function e() {}", "new Date(0)")) {
                assertSends(page, "track", "{event: " + event + "}");
            }
            assertSends(page, "identify", "{userId: 42}", "[\"identify\", {\"$id\": \"42\"}]");
            assertSends(page, "identify", "{userId: 0}", "[\"identify\", {\"$id\": \"0\"}]");
            assertSends(page, "identify", "{userId: 0.1}", "[\"identify\", {\"$id\": \"0.1\"}]");
            assertSends(page, "identify", "{userId: 2e-7, traits: {email: 'a@b.co'}}",
                    "[\"identify\", {\"$id\": \"2e-7\", \"$email\": \"a@b.co\"}]");
            for (String userId : List.of("''", "true", "NaN", "-Infinity", "{}", "['u']", "10n", "Symbol('u')",
                    "new Date(0)", "function u() {}")) {
                assertSends(page, "identify", "{userId: " + userId + "}");
                assertSends(page, "identify", "{userId: " + userId + ", traits: {email: 'a@b.co'}}",
                        "[\"identify\", {\"$email\": \"a@b.co\"}]");
            }
            assertSends(page, "group", "{traits: {name: 7}}", "[\"identify\", {\"$organization\": 7}]");
            assertSends(page, "group", "{traits: {name: 0}}");
            assertSends(page, "group", "{traits: {name: {first: 'x'}}}");
        }
    }

    @Test
    void cyclesAreLeftOutAndSharedObjectsAreCopiedEachTime() {
        try (HostPage page = readyBarePage()) {
            assertSends(page, "track", """
                    (function () {
                      var p = {name: 'loop'}, list = [1], shared = {v: 1};
                      p.self = p; p.child = {up: p, list: [p, 'after']}; list.push(list); p.list = list;
                      p.a = shared; p.b = {again: shared}; p.c = [shared, shared];
                      return {event: 'e', properties: p};
                    })()""", """
                    ["track", "e", {"name": "loop", "child": {"list": [null, "after"]}, "list": [1, null],
                      "a": {"v": 1}, "b": {"again": {"v": 1}}, "c": [{"v": 1}, {"v": 1}]}]""");
            assertSends(page, "identify", """
                    (function () {
                      var t = {email: 'a@b.co'}; t.me = t; t.address = {city: 'X', owner: t};
                      var m = {userId: 'u', traits: t}; m.traits.message = m;
                      return m;
                    })()""", """
                    ["identify", {"$id": "u", "$email": "a@b.co", "address": {"city": "X"}, "$city": "X",
                      "message": {"userId": "u"}}]""");
        }
    }

    @Test
    void gettersThatThrowAreLeftOutAndGettersThatCallBackAreSafe() {
        try (HostPage page = readyBarePage()) {
            String throwing = "{get: function () { throw new Error('getter'); }, enumerable: true}";
            assertSends(page, "track", "Object.defineProperty({event: 'e', properties: Object.defineProperty({ok: 1}, 'bad', "
                    + throwing + ")}, 'x', " + throwing + ")", "[\"track\", \"e\", {\"ok\": 1}]");
            assertSends(page, "track", "Object.defineProperty({}, 'event', " + throwing + ")");
            assertSends(page, "track", "Object.defineProperty({event: 'e'}, 'properties', " + throwing + ")",
                    "[\"track\", \"e\", {}]");
            assertSends(page, "identify", "Object.defineProperty({traits: Object.defineProperty({exchangeId: 'x'}, 'email', "
                    + throwing + ")}, 'userId', " + throwing + ")", "[\"identify\", {\"$exchange_id\": \"x\"}]");
            assertSends(page, "group", "{traits: Object.defineProperty({}, 'name', " + throwing + ")}");
            assertSends(page, "track", "{event: 'Order Completed', properties: {order_id: 'o', products: [Object.defineProperty("
                    + "{product_id: 'p', price: 5}, 'name', " + throwing + ")]}}", """
                    ["track", "Order Completed", {"$event_id": "o", "Categories": [], "ItemNames": [],
                      "Items": [{"id": "p", "Quantity": 1, "ItemPrice": 5, "RowTotal": 5, "Categories": []}]}]""", """
                    ["track", "Ordered Product", {"$value": 5, "Quantity": 1, "ProductID": "p", "$event_id": "o_p",
                      "ProductCategories": []}]""");
            // A getter that calls the destination while its own message is being mapped: the inner call
            // is complete before the outer goes on, and neither loses anything.
            assertSends(page, "track", "{event: 'outer', properties: Object.defineProperty({before: 1}, 'inner', {"
                    + " get: function () { k.invoke('identify', {obj: {userId: 'inner', traits: {deep: {x: [1]}}}}); return 2; },"
                    + " enumerable: true})}",
                    "[\"identify\", {\"$id\": \"inner\", \"deep\": {\"x\": [1]}}]", "[\"track\", \"outer\", {\"before\": 1, \"inner\": 2}]");
        }
    }

    @Test
    void valuesWithoutAJsonTypeAreLeftOutOfObjectsAndNullInArrays() {
        try (HostPage page = readyBarePage()) {
            assertSends(page, "track", """
                    (function () {
                      var fn = function () {}, p = {f: fn, s: Symbol('s'), big: 12345678901234567890n, negative: -5n,
                        nan: NaN, inf: Infinity, ninf: -Infinity, u: undefined, keep: 'yes', zero: -0, f2: 1.5e300,
                        list: [1, fn, Symbol(), NaN, Infinity, undefined, 'x', 10n, null, true, , 3]};
                      p[Symbol('key')] = 'symbol keys are left out';
                      Object.defineProperty(p, 'hidden', {value: 'not enumerable', enumerable: false});
                      p.inherits = Object.create({inherited: 1}, {own: {value: 2, enumerable: true}});
                      p.withToJSON = {toJSON: function () { window.toJSONCalled = true; return 'X'; }, a: 1};
                      return {event: 'e', properties: p};
                    })()""", """
                    ["track", "e", {"big": "12345678901234567890", "negative": "-5", "keep": "yes", "zero": 0,
                      "f2": 1.5e300, "list": [1, null, null, null, null, null, "x", "10", null, true, null, 3],
                      "inherits": {"own": 2}, "withToJSON": {"a": 1}}]""");
            assertTrue(page.check("window.toJSONCalled === undefined"), "no toJSON is called");
            // Objects JSON would turn into something odd, or that are not data: left out too.
            assertSends(page, "track", """
                    {event: 'e', properties: {boxed: new String('s'), n: new Number(1), b: new Boolean(true),
                      re: /x/g, map: new Map([[1, 2]]), set: new Set([1]), bytes: new Uint8Array(2), error: new Error('e'),
                      promise: Promise.resolve(1), weak: new WeakMap(), args: (function () { return arguments; })(1, 2),
                      keep: 1}}""", "[\"track\", \"e\", {\"keep\": 1}]");
        }
    }

    @Test
    void datesBecomeIsoStringsWithoutRunningTheirMethods() {
        try (HostPage page = readyBarePage()) {
            assertSends(page, "track", """
                    (function () {
                      var hacked = new Date(1700000000123);
                      hacked.toISOString = function () { return 'hacked'; };
                      hacked.toJSON = function () { return 'hacked'; };
                      return {event: 'e', properties: {at: new Date(1700000000123), hacked: hacked, bad: new Date(NaN),
                        list: [new Date(0), new Date(NaN)], nested: {when: new Date(-1)}}};
                    })()""", """
                    ["track", "e", {"at": "2023-11-14T22:13:20.123Z", "hacked": "2023-11-14T22:13:20.123Z",
                      "list": ["1970-01-01T00:00:00.000Z", null], "nested": {"when": "1969-12-31T23:59:59.999Z"}}]""");
            assertSends(page, "identify", "{userId: 'u', traits: {createdAt: new Date(0)}}",
                    "[\"identify\", {\"$id\": \"u\", \"createdAt\": \"1970-01-01T00:00:00.000Z\"}]");
        }
    }

    @Test
    void domNodesAndWindowsAreLeftOut() {
        try (HostPage page = readyBarePage()) {
            assertSends(page, "track", """
                    {event: 'e', properties: {node: document.body, doc: document, win: window, text: document.createTextNode('t'),
                      list: [document.body, document.createElement('a')], nodes: document.querySelectorAll('*'),
                      location: location, keep: 'k', event: document.createEvent('Event')}}""",
                    "[\"track\", \"e\", {\"list\": [null, null], \"keep\": \"k\"}]");
            assertSends(page, "identify", "{userId: 'u', traits: {email: document.body, avatar: window, company: document}}",
                    "[\"identify\", {\"$id\": \"u\"}]");
            assertEquals("1", page.text("document.getElementsByTagName('h1').length"), "the page's DOM is untouched");
        }
    }

    @Test
    void objectsWithoutAPrototypeAreCopiedAsPlainObjects() {
        try (HostPage page = readyBarePage()) {
            assertSends(page, "track", """
                    (function () {
                      var p = Object.create(null), nested = Object.create(null);
                      p.a = 1; nested.b = 'x'; p.nested = nested; p.list = [nested];
                      var m = Object.create(null); m.event = 'e'; m.properties = p;
                      return m;
                    })()""", "[\"track\", \"e\", {\"a\": 1, \"nested\": {\"b\": \"x\"}, \"list\": [{\"b\": \"x\"}]}]");
            assertSends(page, "identify", """
                    (function () {
                      var t = Object.create(null); t.email = 'a@b.co'; t.firstName = 'A';
                      return {traits: t};
                    })()""", "[\"identify\", {\"$email\": \"a@b.co\", \"$first_name\": \"A\"}]");
            assertSends(page, "group", "(function () { var t = Object.create(null); t.name = 'n'; return {traits: t}; })()",
                    "[\"identify\", {\"$organization\": \"n\"}]");
        }
    }

    @Test
    void nestingDeeperThanTenLevelsIsCut() {
        try (HostPage page = readyBarePage()) {
            String objects = "(function () { var v = {level: 15}; for (var i = 14; i >= 1; i--) v = {level: i, next: v};"
                    + " return {event: 'e', properties: {root: v}}; })()";
            String expected = "{\"level\": 10}";
            for (int level = 9; level >= 1; level--) {
                expected = "{\"level\": " + level + ", \"next\": " + expected + "}";
            }
            assertSends(page, "track", objects, "[\"track\", \"e\", {\"root\": " + expected + "}]");

            String arrays = "(function () { var v = ['deepest']; for (var i = 0; i < 14; i++) v = [v];"
                    + " return {event: 'e', properties: {root: v}}; })()";
            String expectedArrays = "[null]";
            for (int level = 9; level >= 1; level--) {
                expectedArrays = "[" + expectedArrays + "]";
            }
            assertSends(page, "track", arrays, "[\"track\", \"e\", {\"root\": " + expectedArrays + "}]");

            // 100,000 levels: no stack overflow, the same cut.
            assertSends(page, "track", "(function () { var v = {}; for (var i = 0; i < 100000; i++) v = {next: v};"
                    + " return {event: 'e', properties: {root: v}}; })()",
                    "[\"track\", \"e\", {\"root\": " + "{\"next\": ".repeat(9) + "{}" + "}".repeat(9) + "}]");
        }
    }

    @Test
    void longArraysKeepTheirFirstThousandElementsAndObjectsTheirFirstThousandKeys() {
        try (HostPage page = readyBarePage()) {
            List<String> commands = send(page, "track", "(function () { var big = [], wide = {};"
                    + " for (var i = 0; i < 10000; i++) { big.push(i); wide['k' + i] = i; }"
                    + " return {event: 'e', properties: {big: big, wide: wide, sparse: new Array(5000000)}}; })()");
            assertEquals(1, commands.size());
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) ((List<Object>) JsonText.parse(commands.get(0))).get(2);
            List<?> big = (List<?>) properties.get("big");
            assertEquals(1000, big.size());
            for (int i = 0; i < 1000; i++) {
                assertEquals(i, ((Number) big.get(i)).intValue());
            }
            Map<?, ?> wide = (Map<?, ?>) properties.get("wide");
            assertEquals(1000, wide.size());
            assertTrue(wide.containsKey("k0") && wide.containsKey("k999") && !wide.containsKey("k1000"), wide.keySet().toString());
            List<?> sparse = (List<?>) properties.get("sparse");
            assertEquals(1000, sparse.size());
            assertTrue(sparse.stream().allMatch(java.util.Objects::isNull));
            // A top-level properties object with 10,000 keys: the first 1,000 are copied.
            List<String> wideTop = send(page, "track", "(function () { var p = {};"
                    + " for (var i = 0; i < 10000; i++) p['k' + i] = i; return {event: 'e', properties: p}; })()");
            assertEquals(1000, ((Map<?, ?>) ((List<?>) JsonText.parse(wideTop.get(0))).get(2)).size());
        }
    }

    @Test
    void productsThatAreNotAListOrHoldNonObjectsAreSkipped() {
        try (HostPage page = readyBarePage()) {
            String emptyOrder = "[\"track\", \"Order Completed\", {\"$event_id\": \"o1\", \"$value\": 10,"
                    + " \"Categories\": [], \"ItemNames\": [], \"Items\": []}]";
            for (String products : List.of("'x'", "null", "42", "{0: {product_id: 'p'}, length: 1}",
                    "[null, 'p', 3, [{product_id: 'p'}], undefined, true]", "[]")) {
                assertSends(page, "track", "{event: 'Order Completed', properties: {order_id: 'o1', revenue: 10, products: "
                        + products + "}}", emptyOrder);
            }
            assertSends(page, "track", """
                    {event: 'Order Completed', properties: {order_id: 'o1', revenue: 10,
                      products: [null, 'str', {product_id: 'p1', name: 'N', price: 5, category: 'C'}, 7, Object.create(null)]}}""",
                    """
                    ["track", "Order Completed", {"$event_id": "o1", "$value": 10, "Categories": ["C"], "ItemNames": ["N"],
                      "Items": [{"id": "p1", "Name": "N", "Quantity": 1, "ItemPrice": 5, "RowTotal": 5, "Categories": ["C"]},
                                {"Quantity": 1, "Categories": []}]}]""",
                    """
                    ["track", "Ordered Product", {"$value": 5, "Name": "N", "Quantity": 1, "ProductCategories": ["C"],
                      "ProductID": "p1", "$event_id": "o1_p1"}]""",
                    "[\"track\", \"Ordered Product\", {\"Quantity\": 1, \"ProductCategories\": []}]");
        }
    }

    @Test
    void protoKeysAreLeftOutAndConstructorOrPrototypeArePlainKeys() {
        try (HostPage page = readyBarePage()) {
            assertSends(page, "track", """
                    {event: 'e', properties: JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c",'
                      + ' "prototype": {"__proto__": "x", "y": 1}, "nested": {"__proto__": {"polluted": true}},'
                      + ' "deep": {"constructor": {"prototype": {"polluted": true}}}}')}""", """
                    ["track", "e", {"constructor": "c", "prototype": {"y": 1}, "nested": {},
                      "deep": {"constructor": {"prototype": {"polluted": true}}}}]""");
            assertSends(page, "identify", """
                    {userId: 'u', traits: JSON.parse('{"email": "a@b.co", "__proto__": {"isAdmin": true},'
                      + ' "constructor": {"prototype": {"isAdmin": true}}}')}""", """
                    ["identify", {"$id": "u", "$email": "a@b.co", "constructor": {"prototype": {"isAdmin": true}}}]""");
            assertSends(page, "group", "{traits: JSON.parse('{\"__proto__\": {\"name\": \"inherited\"}}')}");
            assertSends(page, "track", "JSON.parse('{\"__proto__\": {\"event\": \"inherited\"}}')");
            assertTrue(page.check("({}).polluted === undefined && ({}).isAdmin === undefined"
                    + " && Object.prototype.constructor === Object"));
        }
    }

    @Test
    void proxiesWhoseTrapsThrowAreLeftOut() {
        try (HostPage page = readyBarePage()) {
            page.run("""
                    window.trapped = [];
                    window.hostile = function () {
                      var handler = {};
                      ['get', 'set', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'setPrototypeOf',
                       'defineProperty', 'deleteProperty', 'isExtensible', 'preventExtensions', 'apply', 'construct'
                      ].forEach(function (trap) {
                        handler[trap] = function () { trapped.push(trap); throw new Error('trap ' + trap); };
                      });
                      return probe.opaque(new Proxy({event: 'e', name: 'n', userId: 'u'}, handler));
                    };
                    window.revoked = function () { var r = Proxy.revocable({event: 'e'}, {}); r.revoke(); return probe.opaque(r.proxy); };
                    window.revokedArray = function () { var r = Proxy.revocable([1], {}); r.revoke(); return probe.opaque(r.proxy); };""");
            assertSends(page, "track", "{event: 'e', properties: hostile()}", "[\"track\", \"e\", {}]");
            assertSends(page, "track", "{event: 'e', properties: revoked()}", "[\"track\", \"e\", {}]");
            assertSends(page, "track", "{event: 'e', properties: {ok: 1, p: hostile(), r: revoked(), list: [hostile(), revokedArray()]}}",
                    "[\"track\", \"e\", {\"ok\": 1, \"list\": [null, null]}]");
            assertSends(page, "identify", "{userId: 'u', traits: hostile()}", "[\"identify\", {\"$id\": \"u\"}]");
            assertSends(page, "identify", "{userId: hostile(), traits: {email: revoked()}}");
            assertSends(page, "group", "{traits: hostile()}");
            assertSends(page, "track", "{event: hostile()}");
            assertSends(page, "track", "hostile()");
            assertSends(page, "identify", "revoked()");
            assertSends(page, "track", "{event: 'Order Completed', properties: {order_id: 'o', products: hostile()}}",
                    "[\"track\", \"Order Completed\", {\"$event_id\": \"o\", \"Categories\": [], \"ItemNames\": [], \"Items\": []}]");
            assertSends(page, "track", "{event: 'Order Completed', properties: {order_id: 'o', products: [hostile(), revoked()]}}",
                    "[\"track\", \"Order Completed\", {\"$event_id\": \"o\", \"Categories\": [], \"ItemNames\": [], \"Items\": []}]");
            // The facade itself a proxy.
            page.run("k.invoke('track', hostile()); k.invoke('identify', revoked()); k.invoke(hostile(), hostile());");
            assertTrue(page.check("trapped.length > 0"), "the traps were met (and their errors caught)");
            page.assertKlaviyoCommands(ShopEvents.ACCOUNT, "[\"track\", \"e\", {}]", "[\"track\", \"e\", {}]",
                    "[\"track\", \"e\", {\"ok\": 1, \"list\": [null, null]}]", "[\"identify\", {\"$id\": \"u\"}]",
                    "[\"track\", \"Order Completed\", {\"$event_id\": \"o\", \"Categories\": [], \"ItemNames\": [], \"Items\": []}]",
                    "[\"track\", \"Order Completed\", {\"$event_id\": \"o\", \"Categories\": [], \"ItemNames\": [], \"Items\": []}]");
        }
    }

    /**
     * Makes a destination, and a plugin, from each settings value of the page's {@code window.makers}
     * (functions), initializing or loading each, and returns what happened, in order.
     */
    private static List<String> makeWith(HostPage page, String makers) {
        page.run("""
                window.results = [];
                window.trap = function () { throw new Error('trap'); };
                window.throwing = {get: function () { throw new Error('getter'); }, enumerable: true};
                """ + "window.makers = " + makers + ";" + """
                makers.forEach(function (make, i) {
                  try { var k = new KlaviyoIntegration(make()); k.initialize(); results.push('constructed ' + i); }
                  catch (e) { results.push('constructor threw ' + i + ': ' + e); }
                  try { var p = KlaviyoIntegration.plugin(make()); p.load(); results.push('plugin ' + i); }
                  catch (e) { results.push('plugin threw ' + i + ': ' + e); }
                });""");
        return JsonText.parseStrings(page.text("JSON.stringify(results)"));
    }

    private static List<String> allMade(int count) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("constructed " + i);
            expected.add("plugin " + i);
        }
        return expected;
    }

    @Test
    void oddSettingsDoNotThrowIntoTheHost() {
        try (HostPage page = HostPage.bare()) {
            assertEquals(allMade(6), makeWith(page, """
                    [function () { return Object.defineProperty({}, 'apiKey', throwing); },
                     function () { return {apiKey: 'hfWBjc', queueLimit: -1, loadTimeout: 'soon', enforceEmail: {}}; },
                     function () { return {apiKey: 'hfWBjc', queueLimit: 1e300, loadTimeout: NaN}; },
                     function () { return 'hfWBjc'; }, function () { return 42; }, function () { return null; }]"""));
        }
    }

    @Test
    void hostileSettingsDoNotThrowIntoTheHost() {
        try (HostPage page = HostPage.bare()) {
            assertEquals(allMade(2), makeWith(page, """
                    [function () { return new Proxy({}, {get: trap, has: trap, getOwnPropertyDescriptor: trap, ownKeys: trap,
                       getPrototypeOf: trap}); },
                     function () { return Object.defineProperty({}, 'addIntegration', throwing); }]"""));
        }
    }

    @Test
    void badInputThroughAnalyticsNextReachesKlaviyoAsPlainJson() {
        try (HostPage page = HostPage.analyticsNext(ShopEvents.SETTINGS)) {
            PageProbes.install(page);
            page.awaitReady();
            page.run("probe.watch();");
            page.whenReady("""
                    var deep = {level: 12}; for (var i = 11; i >= 1; i--) deep = {level: i, next: deep};
                    var big = []; for (var j = 0; j < 10000; j++) big.push(j);
                    var bare = Object.create(null); bare.b = 'x';
                    window.inputs = [
                      {f: function () {}, nan: NaN, inf: -Infinity, at: new Date(1700000000123), node: document.body,
                       bare: bare, deep: deep, list: [1, NaN, function () {}], keep: 'yes'},
                      JSON.parse('{"email": "a@b.co", "__proto__": {"isAdmin": true}, "constructor": "c", "prototype": {"p": 1}}'),
                      {name: 'n', big: big}
                    ];
                    window.before = inputs.map(probe.fingerprint);
                    analytics.track('bad values', inputs[0]);
                    analytics.identify(42, inputs[1]);
                    analytics.group('g', inputs[2]);
                    analytics.track('Order Completed', {order_id: 'o', products: 'not a list'});
                    window.after = inputs.map(probe.fingerprint);""");
            String deep = "{\"level\": 10}";
            for (int level = 9; level >= 1; level--) {
                deep = "{\"level\": " + level + ", \"next\": " + deep + "}";
            }
            page.assertKlaviyoCommands(ShopEvents.ACCOUNT,
                    "[\"track\", \"bad values\", {\"at\": \"2023-11-14T22:13:20.123Z\", \"bare\": {\"b\": \"x\"}, \"deep\": "
                            + deep + ", \"list\": [1, null, null], \"keep\": \"yes\"}]",
                    "[\"identify\", {\"$id\": \"42\", \"$email\": \"a@b.co\", \"constructor\": \"c\", \"prototype\": {\"p\": 1}}]",
                    "[\"identify\", {\"$organization\": \"n\"}]",
                    "[\"track\", \"Order Completed\", {\"$event_id\": \"o\", \"Categories\": [], \"ItemNames\": [], \"Items\": []}]");
            assertEquals("[]", page.text("JSON.stringify(probe.takeProblems())"), "commands that are not plain JSON");
            assertTrue(page.check("before.length == 3 && before.every(function (b, i) { return b === after[i]; })"),
                    "the caller's objects changed");
            assertEquals("[]", page.text("JSON.stringify(probe.pollution())"));
        }
    }
}
