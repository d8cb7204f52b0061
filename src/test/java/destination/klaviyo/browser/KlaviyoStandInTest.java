package destination.klaviyo.browser;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Klaviyo's stand-in ({@code test-pages/klaviyo-standin.js}) behaves as the reference notes on
 * Klaviyo's onsite script say the current script does: the queues it keeps and drains, in which
 * order, their {@code push}, the {@code klaviyo} object, callbacks and results, identity and its
 * cookie, cached events, {@code __kla_off}, the keys it writes into properties, a second copy, and
 * what it records. Each test drives the stand-in directly on a bare page (no destination involved),
 * loading it from Klaviyo's address the way a page does.
 */
class KlaviyoStandInTest {
    private static final String QUERY = "?company_id=hfWBjc";

    /** Inserts Klaviyo's script (the stand-in) and waits until it has run or refused to. */
    private static void loadKlaviyo(HostPage page, String query) {
        int refused = page.check("window.klaviyoStandIn") ? Integer.parseInt(page.text("klaviyoStandIn.refusedLoads")) : 0;
        page.run("var s = document.createElement('script'); s.src = " + JsonText.quote(HostPage.KLAVIYO_SCRIPT + query)
                + "; document.head.appendChild(s);");
        page.waitUntil("window.klaviyoStandIn && (klaviyoStandIn.running && klaviyoStandIn.scriptUrl == "
                + JsonText.quote(HostPage.KLAVIYO_SCRIPT + query) + " || klaviyoStandIn.refusedLoads > " + refused + ")");
    }

    private static void loadKlaviyo(HostPage page) {
        loadKlaviyo(page, QUERY);
    }

    private static HostPage page() {
        return HostPage.bare();
    }

    private static HostPage page(Consumer<FakeWeb> changes) {
        return HostPage.bare(changes);
    }

    private static List<String> list(HostPage page, String expression) {
        return JsonText.parseStrings(page.text("JSON.stringify(" + expression + ")"));
    }

    private static void assertJsonList(List<String> expected, List<String> actual, String what) {
        assertEquals(JsonText.canonical(expected), JsonText.canonical(actual), what);
    }

    private static void assertCommands(HostPage page, String... expected) {
        assertJsonList(List.of(expected), page.klaviyoCommands(), "the commands the stand-in handled");
        assertEquals(List.of(), page.klaviyoErrors(), "the stand-in's errors");
    }

    private static void assertSent(HostPage page, String... expected) {
        assertJsonList(List.of(expected), list(page, "klaviyoStandIn.sent"), "what was sent to Klaviyo");
    }

    private static void assertJson(String expected, HostPage page, String expression) {
        assertEquals(JsonText.canonical(expected), JsonText.canonical(page.text("JSON.stringify(" + expression + ")")), expression);
    }

    @Test
    void learnqIsKeptAndDrainedAccountCookieDomainAndIdentifyFirstFromTheEnd() {
        try (HostPage page = page()) {
            page.run("""
                    window.queue = window._learnq = [
                      ['track', 't1', {}], ['identify', {$email: 'a@b.co'}], ['account', 'AbCdEf'],
                      ['track', 't2', {}], ['identify', {$first_name: 'Ann'}], ['cookieDomain', 'shop.example']];""");
            loadKlaviyo(page);
            // Among account, cookieDomain and identify the last pushed runs first; then the rest, in order.
            assertCommands(page, "[\"cookieDomain\", \"shop.example\"]", "[\"identify\", {\"$first_name\": \"Ann\"}]",
                    "[\"account\", \"AbCdEf\"]", "[\"identify\", {\"$email\": \"a@b.co\"}]",
                    "[\"track\", \"t1\", {}]", "[\"track\", \"t2\", {}]");
            // The same array, taken over.
            assertTrue(page.check("window._learnq === queue && Array.isArray(_learnq) && _learnq._loaded === true"));
            assertTrue(page.check("_learnq.push !== Array.prototype.push"));
            for (String method : List.of("identify", "track", "account", "isIdentified", "trackViewedItem",
                    "cookieDomain", "openForm", "clearIdentity")) {
                assertTrue(page.check("typeof _learnq." + method + " == 'function'"), method);
            }
            // The first identify had no identifier: only the second made a profile request; the tracks
            // ran once the browser was identified.
            assertSent(page, "[\"identify\", {\"$email\": \"a@b.co\"}]", "[\"track\", \"t1\", {}]", "[\"track\", \"t2\", {}]");
            assertEquals("AbCdEf", page.text("_learnq.account()"));
            assertEquals("shop.example", page.text("_learnq.cookieDomain()"));
        }
    }

    @Test
    void queuesThatAreNotArraysAreReplaced() {
        try (HostPage page = page()) {
            page.run("window.oldLearnq = window._learnq = {push: function () {}}; window._klOnsite = 'not a queue';");
            loadKlaviyo(page);
            assertTrue(page.check("_learnq !== oldLearnq && Array.isArray(_learnq) && _learnq._loaded === true"));
            assertTrue(page.check("Array.isArray(_klOnsite) && _klOnsite._loaded === true"));
            assertCommands(page);
        }
    }

    @Test
    void afterLoadPushRunsOneCommandAtOnceAndReturnsItsResult() {
        try (HostPage page = page()) {
            loadKlaviyo(page);
            assertTrue(page.check("Array.isArray(_learnq) && _learnq.length == 0"));
            // The account comes from the script's address until an account command changes it.
            assertEquals("hfWBjc", page.text("_learnq.push(['account'])"));
            assertEquals("AbCdEf", page.text("_learnq.push(['account', 'AbCdEf'], ['track', 'not run', {}])"));
            assertEquals("false", page.text("_learnq.push(['isIdentified'])"));
            assertEquals("false", page.text("_learnq.push(['track', 'anonymous', {}])"));
            assertJson("{\"$email\": \"a@b.co\", \"$use_ip\": true}", page, "_learnq.push(['identify', {$email: 'a@b.co'}])");
            assertEquals("true", page.text("_learnq.push(['isIdentified'])"));
            assertEquals("true", page.text("_learnq.push(['track', 'identified', {}])"));
            assertEquals("true", page.text("_learnq.isIdentified()"));
            assertEquals("true", page.text("_learnq.track('method', {a: 1})"));
            assertCommands(page, "[\"account\"]", "[\"account\", \"AbCdEf\"]", "[\"isIdentified\"]",
                    "[\"track\", \"anonymous\", {}]", "[\"identify\", {\"$email\": \"a@b.co\"}]", "[\"isIdentified\"]",
                    "[\"track\", \"identified\", {}]", "[\"isIdentified\"]", "[\"track\", \"method\", {\"a\": 1}]");
        }
    }

    @Test
    void learnqCallbacksAndTheirPlaces() {
        try (HostPage page = page()) {
            page.run("""
                    window.calls = [];
                    function cb(name) { return function (v) { calls.push([name, v === undefined ? 'undefined' : v]); }; }
                    window._learnq = [['account', 'AbCdEf', cb('queued account')]];""");
            loadKlaviyo(page);
            assertJson("[[\"queued account\", \"AbCdEf\"]]", page, "calls");
            page.run("""
                    calls = [];
                    _learnq.push(['account', 'AbCdEf', cb('account')]);
                    calls.push('account called back synchronously: ' + (calls.length == 1));
                    _learnq.push(['isIdentified', cb('isIdentified')]);
                    _learnq.push(['track', 'anonymous', {}, cb('track')]);
                    _learnq.push(['identify', {$email: 'a@b.co'}, cb('identify, third place')]);
                    _learnq.push(['identify', {$first_name: 'Ann'}, undefined, cb('identify, fourth place')]);
                    _learnq.push(['isIdentified', cb('isIdentified')]);
                    _learnq.push(['track', 'identified', {}, cb('track')]);""");
            assertJson("""
                    [["account", "AbCdEf"], "account called back synchronously: true", ["isIdentified", false],
                     ["track", false], ["identify, fourth place", {"$first_name": "Ann", "$use_ip": true}],
                     ["isIdentified", true], ["track", true]]""", page, "calls");
            // Callbacks are left out of what is recorded.
            assertCommands(page, "[\"account\", \"AbCdEf\"]", "[\"account\", \"AbCdEf\"]", "[\"isIdentified\"]",
                    "[\"track\", \"anonymous\", {}]", "[\"identify\", {\"$email\": \"a@b.co\"}]",
                    "[\"identify\", {\"$first_name\": \"Ann\"}]", "[\"isIdentified\"]", "[\"track\", \"identified\", {}]");
        }
    }

    @Test
    void klaviyoOffAtStartUpSendsNothingAndAnswersTheAccountWithNull() {
        try (HostPage page = page(HostPage.prelude("document.cookie = '__kla_off=true; path=/';"))) {
            page.run("window.calls = []; window._learnq = [['account', 'AbCdEf', function (v) { calls.push(v); }]];");
            loadKlaviyo(page);
            page.run("_learnq.push(['identify', {$email: 'a@b.co'}]);"
                    + "_learnq.push(['track', 'e', {}, function (v) { calls.push(v); }]);"
                    + "document.cookie = '__kla_off=false; path=/';"
                    + "_learnq.push(['track', 'after turning it back on', {}]);");
            assertJson("[null, false]", page, "calls");
            assertSent(page);
            assertJson("[]", page, "klaviyoStandIn.cached");
            assertEquals(4, page.klaviyoCommands().size(), "every command is still handled and recorded");
        }
    }

    @Test
    void klaviyoOffSetMidPageChangesNothingUntilTheNextPage() {
        try (HostPage page = page()) {
            loadKlaviyo(page);
            page.run("document.cookie = '__kla_off=true; path=/';"
                    + "_learnq.push(['identify', {$email: 'a@b.co'}]); _learnq.push(['track', 'e', {}]);");
            assertEquals("hfWBjc", page.text("_learnq.account()"));
            assertSent(page, "[\"identify\", {\"$email\": \"a@b.co\"}]", "[\"track\", \"e\", {}]");
        }
    }

    @Test
    void onlyTheTrackersIdentifiersWithARealValueIdentify() {
        try (HostPage page = page()) {
            loadKlaviyo(page);
            for (String identifier : List.of("$email", "$phone_number", "$id", "$exchange_id", "$anonymous", "$kid",
                    "email", "phone_number", "id")) {
                page.run("_learnq.clearIdentity(); var p = {}; p[" + JsonText.quote(identifier) + "] = 'x'; _learnq.identify(p);");
                assertEquals("true", page.text("_learnq.isIdentified()"), identifier);
                assertJson("{" + JsonText.quote(identifier) + ": \"x\"}", page, "klaviyoStandIn.identity");
                // An undefined value is no JSON: the stand-in refuses such a command (see the last test).
                for (String nothing : List.of("null", "'undefined'", "'null'", "''")) {
                    page.run("_learnq.clearIdentity(); var p = {}; p[" + JsonText.quote(identifier) + "] = " + nothing
                            + "; _learnq.identify(p);");
                    assertEquals("false", page.text("_learnq.isIdentified()"), identifier + ": " + nothing);
                }
            }
            for (String other : List.of("{$first_name: 'Ann'}", "{Email: 'a@b.co'}", "{userId: 'u'}", "{}")) {
                page.run("_learnq.clearIdentity(); _learnq.identify(" + other + ");");
                assertEquals("false", page.text("_learnq.isIdentified()"), other);
                assertEquals("null", page.text("klaviyoStandIn.identity"), other);
            }
            assertEquals(List.of(), page.klaviyoErrors());
        }
    }

    /** The identity in the {@code __kla_id} cookie, read back. */
    private static final String COOKIE_IDENTITY = "(function () { var m = /(?:^|; )__kla_id=([^;]*)/.exec(document.cookie);"
            + " return m ? JSON.parse(decodeURIComponent(escape(atob(m[1])))) : null; })()";

    @Test
    void theIdentityIsKeptInTheKlaIdCookieAndANewIdOrEmailClearsItFirst() {
        try (HostPage page = page()) {
            loadKlaviyo(page);
            page.run("_learnq.identify({$id: 'u1', $email: 'a@b.co', $first_name: 'Ann'});");
            assertJson("{\"$id\": \"u1\", \"$email\": \"a@b.co\"}", page, "klaviyoStandIn.identity");
            assertJson("{\"$id\": \"u1\", \"$email\": \"a@b.co\"}", page, COOKIE_IDENTITY);
            // Another $email with a stored $id: the same person, with a new address.
            page.run("_learnq.identify({$email: 'new@b.co'});");
            assertJson("{\"$id\": \"u1\", \"$email\": \"new@b.co\"}", page, COOKIE_IDENTITY);
            // Another $id: somebody else; the stored email goes.
            page.run("_learnq.identify({$id: 'u2'});");
            assertJson("{\"$id\": \"u2\"}", page, COOKIE_IDENTITY);
            page.run("_learnq.identify({$id: 'u2', $phone_number: '+15555550100'});");
            assertJson("{\"$id\": \"u2\", \"$phone_number\": \"+15555550100\"}", page, "klaviyoStandIn.identity");

            // Without a stored $id, another $email is somebody else.
            page.run("_learnq.clearIdentity(); _learnq.identify({$email: 'a@b.co', $phone_number: '+15555550100'});"
                    + " _learnq.identify({$email: 'b@b.co'});");
            assertJson("{\"$email\": \"b@b.co\"}", page, COOKIE_IDENTITY);
            // The same $email again changes nothing.
            page.run("_learnq.identify({$email: 'b@b.co', $exchange_id: 'kx'});");
            assertJson("{\"$email\": \"b@b.co\", \"$exchange_id\": \"kx\"}", page, COOKIE_IDENTITY);
        }
    }

    @Test
    void anIdentityCookieFromAnEarlierPageIdentifiesTheBrowserAtStartUp() {
        try (HostPage page = page(HostPage.prelude(
                "document.cookie = '__kla_id=' + btoa(JSON.stringify({$email: 'a@b.co'})) + '; path=/';"))) {
            loadKlaviyo(page);
            assertEquals("true", page.text("_learnq.isIdentified()"));
            assertJson("{\"$email\": \"a@b.co\"}", page, "klaviyoStandIn.identity");
            page.run("_learnq.track('e', {});");
            assertSent(page, "[\"track\", \"e\", {}]");
        }
    }

    @Test
    void eventsOfAnAnonymousBrowserAreCachedAndSentOnceItIsIdentified() {
        try (HostPage page = page()) {
            loadKlaviyo(page);
            page.run("_learnq.push(['track', 'e1', {n: 1}]); _learnq.push(['track', 'e2']);"
                    + " _learnq.push(['identify', {$first_name: 'no identifier'}]);");
            assertSent(page);
            assertJsonList(List.of("[\"track\", \"e1\", {\"n\": 1}]", "[\"track\", \"e2\", {}]"),
                    list(page, "klaviyoStandIn.cached"), "the cached events");
            page.run("_learnq.push(['identify', {$email: 'a@b.co'}]); _learnq.push(['track', 'e3', {}]);");
            assertSent(page, "[\"identify\", {\"$email\": \"a@b.co\"}]", "[\"track\", \"e1\", {\"n\": 1}]",
                    "[\"track\", \"e2\", {}]", "[\"track\", \"e3\", {}]");
            assertJson("[]", page, "klaviyoStandIn.cached");
            // An identified browser's profile update without identifiers is sent too.
            page.run("_learnq.push(['identify', {$first_name: 'Ann'}]);");
            assertEquals(5, list(page, "klaviyoStandIn.sent").size());
        }
    }

    @Test
    void clearIdentityDeletesTheCookieAndTheStoredIdentity() {
        try (HostPage page = page()) {
            loadKlaviyo(page);
            page.run("_learnq.identify({$email: 'a@b.co'});");
            assertTrue(page.check("document.cookie.indexOf('__kla_id=') >= 0"));
            page.run("_learnq.clearIdentity();");
            assertTrue(page.check("document.cookie.indexOf('__kla_id=') < 0"), page.text("document.cookie"));
            assertEquals("null", page.text("klaviyoStandIn.identity"));
            assertEquals("false", page.text("_learnq.isIdentified()"));
            assertEquals("false", page.text("_learnq.track('after clearing', {})"));
            assertJson("[\"[\\\"track\\\",\\\"after clearing\\\",{}]\"]", page, "klaviyoStandIn.cached");
        }
    }

    @Test
    void theTrackerWritesIntoThePropertiesObjectsItIsHanded() {
        try (HostPage page = page()) {
            loadKlaviyo(page);
            page.run("window.props = {n: 1}; window.profile = {$email: 'a@b.co'};"
                    + " _learnq.push(['track', 'e', props]); _learnq.push(['identify', profile]); _learnq.push(['track', 'again', props]);");
            assertJson("{\"n\": 1, \"$use_ip\": true, \"$is_session_activity\": false}", page, "props");
            assertJson("{\"$email\": \"a@b.co\", \"$use_ip\": true}", page, "profile");
            // Each command is recorded before the tracker writes into it: a reused object shows it.
            assertCommands(page, "[\"track\", \"e\", {\"n\": 1}]", "[\"identify\", {\"$email\": \"a@b.co\"}]",
                    "[\"track\", \"again\", {\"n\": 1, \"$use_ip\": true, \"$is_session_activity\": false}]");
        }
    }

    @Test
    void withoutAKlaviyoObjectTheScriptMakesOneWhoseMethodsReturnPromises() {
        try (HostPage page = page()) {
            // A _learnq array before the script starts, which its object module then forwards to.
            page.run("window._learnq = [];");
            loadKlaviyo(page);
            page.run("""
                    window.results = [];
                    function keep(name) { return function (v) { results.push([name, v === undefined ? 'undefined' : v]); }; }
                    klaviyo.account().then(keep('account'));
                    klaviyo.isIdentified().then(keep('isIdentified'));
                    klaviyo.track('anonymous', {}).then(keep('track'));
                    klaviyo.identify({$email: 'a@b.co'}).then(keep('identify'));
                    klaviyo.track('identified', {n: 1}, keep('track callback')).then(keep('track'));
                    klaviyo.push(['isIdentified']).then(keep('push'));
                    klaviyo.push(['account', 'AbCdEf', keep('push callback')]);
                    klaviyo.trackViewedItem({Title: 'T'}).then(keep('trackViewedItem'));
                    klaviyo.cookieDomain('shop.example').then(keep('cookieDomain'));
                    klaviyo.openForm('F0rM1d').then(keep('openForm'));""");
            page.waitUntil("results.length == 11");
            // Callbacks run when the command does; Promises settle afterwards, in order.
            assertJson("""
                    [["track callback", true], ["push callback", "AbCdEf"],
                     ["account", "hfWBjc"], ["isIdentified", false], ["track", false],
                     ["identify", {"$email": "a@b.co", "$use_ip": true}], ["track", true], ["push", true],
                     ["trackViewedItem", "undefined"], ["cookieDomain", "shop.example"], ["openForm", "undefined"]]""",
                    page, "results");
            assertCommands(page, "[\"account\"]", "[\"isIdentified\"]", "[\"track\", \"anonymous\", {}]",
                    "[\"identify\", {\"$email\": \"a@b.co\"}]", "[\"track\", \"identified\", {\"n\": 1}]", "[\"isIdentified\"]",
                    "[\"account\", \"AbCdEf\"]", "[\"trackViewedItem\", {\"Title\": \"T\"}]",
                    "[\"cookieDomain\", \"shop.example\"]", "[\"openForm\", \"F0rM1d\"]");
            assertTrue(page.check("Array.isArray(_klOnsite) && _klOnsite._loaded === true && _klOnsite.length == 0"));
        }
    }

    /** Klaviyo's published stub, without a Proxy: klaviyo.method(a, b[, cb]) appends [method, a, b, callback] to _klOnsite. */
    private static final String STUB = """
            window._klOnsite = window._klOnsite || [];
            window.klaviyo = window.stub = {push: function (command) { window._klOnsite.push(command); }};
            ['identify', 'track', 'account', 'isIdentified'].forEach(function (method) {
              klaviyo[method] = function (a, b, cb) {
                return new Promise(function (resolve) {
                  window._klOnsite.push([method, a, b, function (result) { if (cb) cb(result); resolve(result); }]);
                });
              };
            });""";

    @Test
    void theStubsQueueRunsAfterLearnqsAndItsPromisesSettleWithTheResults() {
        try (HostPage page = page()) {
            page.run(STUB);
            page.run("""
                    window.results = [];
                    function keep(name) { return function (v) { results.push([name, v]); }; }
                    window._learnq = [['account', 'AbCdEf'], ['track', 'legacy', {}]];
                    klaviyo.track('onsite', {}).then(keep('track'));
                    klaviyo.push(['track', 'pushed', {}]);
                    klaviyo.identify({$email: 'a@b.co'}).then(keep('identify'));
                    klaviyo.isIdentified().then(keep('isIdentified'));
                    klaviyo.push(['account', 'AbCdEf', keep('account callback')]);""");
            assertEquals("5", page.text("_klOnsite.length"));
            loadKlaviyo(page);
            // _learnq's commands first; then _klOnsite's, identify and account first (from the end).
            assertCommands(page, "[\"account\", \"AbCdEf\"]", "[\"track\", \"legacy\", {}]",
                    "[\"account\", \"AbCdEf\"]", "[\"identify\", {\"$email\": \"a@b.co\"}]",
                    "[\"track\", \"onsite\", {}]", "[\"track\", \"pushed\", {}]", "[\"isIdentified\"]");
            page.waitUntil("results.length == 4");
            // The account's callback at once; the Promises in the order their commands ran.
            assertJson("""
                    [["account callback", "AbCdEf"], ["identify", {"$email": "a@b.co", "$use_ip": true}], ["track", true],
                     ["isIdentified", true]]""", page, "results");
            // The stub stays; the queue is the same array, taken over: the stub's calls now run at once.
            assertTrue(page.check("window.klaviyo === stub && _klOnsite._loaded === true && _klOnsite.push !== Array.prototype.push"));
            page.run("results = []; klaviyo.track('later', {}).then(keep('later'));");
            assertEquals("[\"track\",\"later\",{}]", page.text("klaviyoStandIn.commands[klaviyoStandIn.commands.length - 1]"));
            page.waitUntil("results.length == 1");
            assertJson("[[\"later\", true]]", page, "results");
        }
    }

    @Test
    void withoutALearnqArrayWhenItStartsWhatGoesThroughTheKlaviyoObjectIsLost() {
        // Klaviyo's object module holds the _learnq it found when it started, or an array of its own
        // that nobody reads: then klaviyo.push, the object's methods and _klOnsite lead nowhere, with
        // no result and no callback; _learnq itself works.
        for (boolean stub : List.of(false, true)) {
            try (HostPage page = page()) {
                if (stub) {
                    page.run(STUB + " klaviyo.track('queued by the stub', {});");
                }
                loadKlaviyo(page);
                page.run("""
                        window.results = [];
                        klaviyo.push(['track', 'pushed', {}, function (v) { results.push(['callback', v]); }]);
                        klaviyo.identify({$email: 'a@b.co'}).then(function (v) { results.push(['identify', v]); });
                        _klOnsite.push(['track', 'onsite', {}]);
                        _learnq.push(['track', 'on learnq', {}]);""");
                page.idle(java.time.Duration.ofMillis(100));
                assertCommands(page, "[\"track\", \"on learnq\", {}]");
                assertEquals("[]", page.text("JSON.stringify(results)"), "no callback, no Promise settled");
                List<String> lost = list(page, "klaviyoStandIn.lost");
                assertEquals(stub ? 4 : 3, lost.size(), lost.toString());
                assertTrue(lost.get(lost.size() - 1).contains("onsite"), lost.toString());
            }
        }
    }

    @Test
    void theLegacyFlagGivesALearnqOnlyKlaviyo() {
        try (HostPage page = page(HostPage.prelude("window.klaviyoStandInLegacy = true;"))) {
            page.run("window._learnq = [['account', 'AbCdEf']];");
            loadKlaviyo(page);
            assertTrue(page.check("window.klaviyo === undefined && window._klOnsite === undefined"));
            assertTrue(page.check("_learnq._loaded === true && typeof _learnq.identify == 'function'"));
            assertCommands(page, "[\"account\", \"AbCdEf\"]");
        }
    }

    @Test
    void aSecondCopyRefusesToStartAndWarns() {
        try (HostPage page = page()) {
            loadKlaviyo(page);
            page.run("window.firstPush = _learnq.push; window.firstKlaviyo = klaviyo;");
            loadKlaviyo(page, "?company_id=second");
            assertEquals("1", page.text("klaviyoStandIn.refusedLoads"));
            assertTrue(page.check("_learnq.push === firstPush && klaviyo === firstKlaviyo"));
            assertEquals(HostPage.KLAVIYO_SCRIPT + QUERY, page.text("klaviyoStandIn.scriptUrl"));
            assertTrue(page.console().stream().anyMatch(line -> line.startsWith("warn: ") && line.contains("not loading twice")),
                    page.console().toString());
        }
        // Klaviyo's own check is the queues' _loaded flag, whoever set it.
        for (String loaded : List.of("window._learnq = []; _learnq._loaded = true;", "window._klOnsite = []; _klOnsite._loaded = true;")) {
            try (HostPage page = page()) {
                page.run(loaded);
                loadKlaviyo(page);
                assertEquals("1", page.text("klaviyoStandIn.refusedLoads"), loaded);
                assertTrue(page.check("!klaviyoStandIn.running && window.klaviyo === undefined"), loaded);
            }
        }
    }

    @Test
    void whatItCannotTakeGoesToErrorsAndEachCommandIsAnnounced() {
        try (HostPage page = page()) {
            loadKlaviyo(page);
            page.run("""
                    window.announced = [];
                    window.addEventListener('klaviyo-standin:command', function (e) { announced.push(e.detail); });
                    var cycle = {}; cycle.self = cycle;
                    [{0: 'track'}, 'track', ['track', 'e', cycle], ['track', 'e', {d: new Date(0)}], ['track', 'e', {u: undefined}],
                     ['track', 'e', {n: NaN}], ['track', undefined, {}], ['track', 'e', Object.create({inherited: 1})],
                     ['track', function () {}, {}]
                    ].forEach(function (c) { _learnq.push(c); });
                    _learnq.push(['track', 'fine', {a: [1, 'x', null, true]}]);""");
            assertEquals(9, page.klaviyoErrors().size(), page.klaviyoErrors().toString());
            assertEquals(List.of("[\"track\",\"fine\",{\"a\":[1,\"x\",null,true]}]"), page.klaviyoCommands());
            assertEquals(page.klaviyoCommands(), list(page, "announced"));
        }
    }
}
