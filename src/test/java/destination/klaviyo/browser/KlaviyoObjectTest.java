package destination.klaviyo.browser;

import static destination.klaviyo.browser.PageProbes.READY;
import static destination.klaviyo.browser.PageProbes.events;
import static destination.klaviyo.browser.PageProbes.heldBackKlaviyo;
import static destination.klaviyo.browser.PageProbes.startDestination;
import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.EVENT_WITH_VALUE;
import static destination.klaviyo.browser.ShopEvents.KLAVIYO_SCRIPT_FOR_KEY;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;
import static destination.klaviyo.browser.ShopEvents.TRACK_WITH_REVENUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import destination.klaviyo.JsonText;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Klaviyo's current onsite API, through the compiled bundle and Klaviyo's stand-in: the script's
 * address as Klaviyo gives it today, commands through the {@code klaviyo} object (the page's own, or
 * Klaviyo's stub made by the bundle), readiness when Klaviyo answers the account's callback, a
 * Klaviyo that only offers {@code _learnq}, and a blocked script, in each host where the host matters.
 * https://developers.klaviyo.com/en/docs/introduction_to_the_klaviyo_object
 */
class KlaviyoObjectTest {
    /** The three hosts, each opened with the destination's settings and changes to the fake web. */
    private static final Map<String, BiFunction<String, Consumer<FakeWeb>, HostPage>> HOSTS = new LinkedHashMap<>();

    static {
        HOSTS.put("Analytics Next", HostPage::analyticsNext);
        HOSTS.put("analytics.js-core", HostPage::analyticsCore);
        HOSTS.put("Analytics Next plugin", HostPage::analyticsNextPlugin);
    }

    @Test
    void theScriptAddressKeepsEvenAHostileKeyInsideItsPathSegmentAndItsParameter() {
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("a/b", "a%2Fb/klaviyo.js?company_id=a%2Fb");
        addresses.put("x?y=1", "x%3Fy%3D1/klaviyo.js?company_id=x%3Fy%3D1");
        addresses.put("k#frag", "k%23frag/klaviyo.js?company_id=k%23frag");
        addresses.put("a/../b", "a%2F..%2Fb/klaviyo.js?company_id=a%2F..%2Fb");
        addresses.put("../../evil", "..%2F..%2Fevil/klaviyo.js?company_id=..%2F..%2Fevil");
        addresses.put("%2e%2e", "%252e%252e/klaviyo.js?company_id=%252e%252e");
        addresses.put("a..b", "a..b/klaviyo.js?company_id=a..b");
        // A whole segment of "." or ".." would leave its place however encoded: the older address.
        addresses.put("..", "klaviyo.js?company_id=..");
        addresses.put(".", "klaviyo.js?company_id=.");
        for (Map.Entry<String, String> entry : addresses.entrySet()) {
            String key = entry.getKey(), address = HostPage.KLAVIYO_ONSITE + entry.getValue();
            try (HostPage page = HostPage.bare()) {
                startDestination(page, "{apiKey: " + JsonText.quote(key) + "}");
                page.waitUntil(READY);
                assertEquals(List.of(address), page.klaviyoScriptRequests(), key);
                page.run("window.klaviyoElement = document.querySelector('script[src*=\"static.klaviyo.com\"]');");
                assertEquals(address, page.text("klaviyoElement.getAttribute('src')"), key);
                // The browser's own reading of the address: Klaviyo's host, Klaviyo's folder, klaviyo.js.
                assertEquals("[\"static.klaviyo.com\",\"/onsite/js/\",\"klaviyo.js\"]", page.text(
                        "(function (u) { var p = u.pathname; return JSON.stringify([u.host,"
                                + " p.slice(0, 11), p.slice(p.lastIndexOf('/') + 1)]); })(new URL(klaviyoElement.src))"), key);
                assertTrue(page.check("new URL(klaviyoElement.src).pathname.split('/').length <= 5"), key);
                page.assertKlaviyoCommands("[\"account\", " + JsonText.quote(key) + "]");
            }
        }
    }

    @Test
    void everyHostLoadsTheCurrentAddress() {
        for (Map.Entry<String, BiFunction<String, Consumer<FakeWeb>, HostPage>> host : HOSTS.entrySet()) {
            try (HostPage page = host.getValue().apply(SETTINGS, web -> { })) {
                page.whenReady(TRACK_WITH_REVENUE);
                page.assertKlaviyoCommands(ACCOUNT, EVENT_WITH_VALUE);
                assertEquals(List.of(HostPage.KLAVIYO_ONSITE + "hfWBjc/klaviyo.js?company_id=hfWBjc"),
                        page.klaviyoScriptRequests(), host.getKey());
            }
        }
    }

    /**
     * A klaviyo object of the page's own, made before the destination starts (as Klaviyo's snippet or a
     * store platform does): its push appends to _klOnsite, and it records each command's name.
     */
    private static final String PAGE_KLAVIYO = """
            window._klOnsite = window._klOnsite || [];
            window.pageKlaviyo = window.klaviyo = {pushed: [], push: function (c) {
              pageKlaviyo.pushed.push(c[0]); window._klOnsite.push(c); }};""";

    @Test
    void aKlaviyoObjectThePageAlreadyHasIsUsedAsItIsInEveryHost() {
        // It queues the account until Klaviyo's script runs; from then on Klaviyo takes the commands on
        // _learnq, at once, whatever its object module holds.
        for (Map.Entry<String, BiFunction<String, Consumer<FakeWeb>, HostPage>> host : HOSTS.entrySet()) {
            try (HostPage page = host.getValue().apply(SETTINGS, HostPage.prelude(PAGE_KLAVIYO))) {
                page.whenReady(TRACK_WITH_REVENUE);
                page.assertKlaviyoCommands(ACCOUNT, EVENT_WITH_VALUE);
                assertTrue(page.check("window.klaviyo === pageKlaviyo"), host.getKey());
                assertEquals("[\"account\"]", page.text("JSON.stringify(pageKlaviyo.pushed)"), host.getKey());
            }
        }
    }

    @Test
    void withoutAKlaviyoObjectTheBundleMakesKlaviyosStubWhichThePageCanUseToo() {
        try (HostPage page = HostPage.bare(heldBackKlaviyo())) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            // Before Klaviyo's script runs: _learnq is an array (Klaviyo's object module forwards to the
            // _learnq it finds), and the stub queues in _klOnsite, the account first.
            assertTrue(page.check("Array.isArray(window._learnq) && _learnq.length == 0"));
            assertTrue(page.check("Array.isArray(window._klOnsite) && _klOnsite.length == 1 && _klOnsite[0][0] == 'account'"));
            assertTrue(page.check("typeof klaviyo.push == 'function' && typeof klaviyo.identify == 'function'"));
            assertEquals("0", page.text("document.querySelectorAll('script:not([src])').length"), "no inline script");
            // The page's own code uses the stub as Klaviyo documents it: a Promise, a callback.
            page.run("""
                    window.results = [];
                    klaviyo.identify({$email: 'a@example.com'}).then(function (p) { results.push(['identify', p.$email]); });
                    klaviyo.track('Viewed', {n: 1}, function (sent) { results.push(['track callback', sent]); });
                    klaviyo.isIdentified().then(function (v) { results.push(['isIdentified', v]); });""");
            assertEquals("4", page.text("_klOnsite.length"));
            page.run("window.stub = window.klaviyo; releaseKlaviyo();");
            page.waitUntil(READY);
            page.waitUntil("results.length == 3");
            assertEquals(JsonText.canonical("[[\"track callback\", true], [\"identify\", \"a@example.com\"], [\"isIdentified\", true]]"),
                    JsonText.canonical(page.text("JSON.stringify(results)")));
            // Klaviyo kept the stub; the destination's commands still go through it.
            page.run("k.invoke('track', {obj: {event: 'after'}});");
            // Klaviyo runs a queue's account and identify commands first, the last pushed first.
            page.assertKlaviyoCommands("[\"identify\", {\"$email\": \"a@example.com\"}]", ACCOUNT,
                    "[\"track\", \"Viewed\", {\"n\": 1}]", "[\"isIdentified\"]", "[\"track\", \"after\", {}]");
            assertTrue(page.check("window.klaviyo === stub && _klOnsite._loaded === true"));
        }
    }

    /** Before Klaviyo's script runs, replaces the account's callback by one that waits for answer(). */
    private static final String HOLD_THE_ANSWER = "var cb = _klOnsite[0][2];"
            + " _klOnsite[0][2] = function (v) { window.answer = function () { cb(v); }; };";

    @Test
    void theDestinationIsReadyWhenKlaviyoAnswersTheAccountAndNotBefore() {
        try (HostPage page = HostPage.bare(heldBackKlaviyo())) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.run(HOLD_THE_ANSWER + "releaseKlaviyo();");
            // Klaviyo's script runs and took over its queues; its answer has not come.
            assertTrue(page.check("_learnq._loaded === true && _klOnsite._loaded === true && typeof answer == 'function'"));
            page.run("k.invoke('track', {obj: {event: 'waiting'}});");
            assertEquals(List.of("initialize"), events(page));
            assertEquals("false", page.text("k.loaded()"));
            assertEquals(JsonText.canonical(List.of(ACCOUNT)), JsonText.canonical(page.klaviyoCommands()));
            page.run("answer();");
            assertEquals(List.of("initialize", "ready"), events(page), "ready at once when Klaviyo answers");
            assertEquals("true", page.text("k.loaded()"));
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"waiting\", {}]");
        }
    }

    @Test
    void aKlaviyoThatAnswersAfterLoadTimeoutGetsWhatWaitedInOrder() {
        try (HostPage page = HostPage.bare(heldBackKlaviyo())) {
            startDestination(page, "{apiKey: 'hfWBjc', loadTimeout: 300}");
            page.run(HOLD_THE_ANSWER + "releaseKlaviyo(); k.invoke('track', {obj: {event: 'waiting'}});");
            page.waitUntil(READY, java.time.Duration.ofSeconds(5));
            assertEquals("false", page.text("k.loaded()"));
            // The host was told 'ready' so as not to wait; the destination still waits for Klaviyo.
            page.run("k.invoke('track', {obj: {event: 'after loadTimeout'}}); answer();");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"waiting\", {}]", "[\"track\", \"after loadTimeout\", {}]");
            assertEquals("true", page.text("k.loaded()"));
            assertEquals(List.of("initialize", "ready"), events(page));
        }
    }

    @Test
    void aKlaviyoThatOnlyOffersLearnqGetsEveryCommandThere() {
        Consumer<FakeWeb> legacy = HostPage.prelude("window.klaviyoStandInLegacy = true;");
        try (HostPage page = HostPage.bare(legacy)) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.run("k.invoke('identify', {obj: {userId: 'u'}});");
            page.waitUntil(READY);
            page.run("k.invoke('track', {obj: {event: 'after'}});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"u\"}]", "[\"track\", \"after\", {}]");
            assertTrue(page.check("_learnq._loaded === true && !_klOnsite._loaded && _klOnsite.length == 0"),
                    "what waited for Klaviyo in the stub's queue went to _learnq");
            assertEquals("true", page.text("k.loaded()"));
        }
        // Such a Klaviyo already running on the page: it answers at once, on _learnq.
        try (HostPage page = HostPage.bare(legacy)) {
            page.run("var s = document.createElement('script'); s.src = '" + HostPage.KLAVIYO_SCRIPT_OLD_FORM
                    + "?company_id=Pl4tfm'; document.head.appendChild(s);");
            page.waitUntil("window.klaviyoStandIn && klaviyoStandIn.running");
            startDestination(page, "{apiKey: 'hfWBjc'}");
            assertEquals(List.of("initialize", "ready"), events(page));
            page.run("k.invoke('track', {obj: {event: 'e'}});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"e\", {}]");
            assertEquals(1, page.klaviyoScriptRequests().size());
        }
        try (HostPage page = HostPage.analyticsNext(SETTINGS, legacy)) {
            page.whenReady(TRACK_WITH_REVENUE);
            page.assertKlaviyoCommands(ACCOUNT, EVENT_WITH_VALUE);
            assertTrue(page.check("window.klaviyoStandInLegacy === true && _klOnsite.length == 0"));
        }
    }

    @Test
    void aBlockedScriptLeavesEveryHostReadyAndItsCallsWorking() {
        for (Map.Entry<String, BiFunction<String, Consumer<FakeWeb>, HostPage>> host : HOSTS.entrySet()) {
            try (HostPage page = host.getValue().apply(SETTINGS, web -> web.failure(HostPage.KLAVIYO_SCRIPT, 404))) {
                page.awaitReady();
                page.whenReady(TRACK_WITH_REVENUE + " window.trackedAfterTheFailure = true;");
                page.waitUntil("window.trackedAfterTheFailure === true");
                page.waitUntil("document.querySelector('script[src*=\"static.klaviyo.com\"]') !== null");
                assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.failedLoads(), host.getKey());
                assertEquals(List.of(), page.klaviyoCommands(), host.getKey());
                assertEquals(List.of(), page.problems(), host.getKey());
            }
        }
    }

    @Test
    void klaviyoAlreadyOnThePageAtEitherAddressIsNotLoadedAgainByAnalyticsNext() {
        for (String platformScript : List.of(HostPage.KLAVIYO_SCRIPT_OLD_FORM + "?company_id=Pl4tfm",
                HostPage.KLAVIYO_ONSITE + "Pl4tfm/klaviyo.js?company_id=Pl4tfm")) {
            try (HostPage page = HostPage.analyticsNext(SETTINGS, HostPage.prelude(
                    "var s = document.createElement('script'); s.src = '" + platformScript + "';"
                            + " document.head.appendChild(s);"))) {
                page.whenReady(TRACK_WITH_REVENUE);
                page.assertKlaviyoCommands(ACCOUNT, EVENT_WITH_VALUE);
                assertEquals(List.of(platformScript), page.klaviyoScriptRequests());
                assertEquals("0", page.text("klaviyoStandIn.refusedLoads"));
            }
        }
    }
}
