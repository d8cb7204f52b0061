package destination.klaviyo.browser;

import static destination.klaviyo.browser.PageProbes.events;
import static destination.klaviyo.browser.PageProbes.heldBackKlaviyo;
import static destination.klaviyo.browser.PageProbes.startDestination;
import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.EVENT_WITH_VALUE;
import static destination.klaviyo.browser.ShopEvents.IDENTIFY;
import static destination.klaviyo.browser.ShopEvents.KLAVIYO_SCRIPT_FOR_KEY;
import static destination.klaviyo.browser.ShopEvents.PROFILE;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;
import static destination.klaviyo.browser.ShopEvents.TRACK_WITH_REVENUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * The destination's lifecycle on a page, through the compiled bundle: queueing while Klaviyo's script
 * loads, the queue's bound, a script that fails or never runs, Klaviyo already on the page, a missing
 * key, reset. Most tests drive the integration contract on the bare page; Klaviyo's script is the
 * stand-in, held back ({@link PageProbes#heldBackKlaviyo}) when a test needs it to load late.
 */
class LifecycleTest {
    private static final String READY = "klaviyoEvents.some(function (e) { return e[0] == 'ready'; })";
    /**
     * The account command alone, with its callback, in {@code _klOnsite}, the queue of the klaviyo
     * object the destination made; Klaviyo's script took over neither that queue nor {@code _learnq},
     * which is an empty array.
     */
    private static final String ONLY_ACCOUNT_QUEUED = "Array.isArray(window._learnq) && _learnq.length == 0"
            + " && Object.getPrototypeOf(_learnq) === Array.prototype && _learnq.push === Array.prototype.push"
            + " && Array.isArray(window._klOnsite) && _klOnsite.push === Array.prototype.push && _klOnsite.length == 1"
            + " && JSON.stringify(_klOnsite[0]) === '[\"account\",\"hfWBjc\",null]' && typeof _klOnsite[0][2] == 'function'";
    private static final String QUEUES = "JSON.stringify([window._learnq, window._klOnsite]).slice(0, 300)";

    /** 1,000 calls, each mapping to one command: identify, track and group in turn. */
    private static final String THOUSAND_CALLS = """
            window.sent = [];
            for (var i = 0; i < 1000; i++) {
              var m = i % 3 == 0 ? ['identify', {userId: 'u' + i, traits: {n: i}}]
                : i % 3 == 1 ? ['track', {event: 'e' + i, properties: {n: i}}]
                : ['group', {groupId: 'g', traits: {name: 'g' + i}}];
              sent.push(m[1]);
              k.invoke(m[0], {obj: m[1]});
            }""";

    private static List<String> thousandCommands() {
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            commands.add(switch (i % 3) {
                case 0 -> "[\"identify\", {\"$id\": \"u" + i + "\", \"n\": " + i + "}]";
                case 1 -> "[\"track\", \"e" + i + "\", {\"n\": " + i + "}]";
                default -> "[\"identify\", {\"$organization\": \"g" + i + "\"}]";
            });
        }
        return commands;
    }

    @Test
    void callsBeforeKlaviyosScriptRunsAreMappedAtOnceAndDeliveredOnceInOrderWhenItTakesOver() {
        try (HostPage page = HostPage.bare(heldBackKlaviyo())) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.run(THOUSAND_CALLS);
            // Klaviyo's script has loaded but not run: only the account waits in the klaviyo object's
            // queue, the rest in the destination's own queue; nothing is ready.
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
            assertTrue(page.check(ONLY_ACCOUNT_QUEUED), page.text(QUEUES));
            assertTrue(page.check("typeof window.releaseKlaviyo == 'function' && !window.klaviyoStandIn"));
            assertEquals(List.of("initialize"), events(page));
            assertEquals("false", page.text("k.loaded()"));

            // The messages were mapped when they were made: changing them now changes nothing sent.
            page.run("sent.forEach(function (m) { m.userId = 'changed'; m.event = 'changed';"
                    + " (m.traits || m.properties).n = -1; (m.traits || m.properties).name = 'changed'; });");
            page.run("releaseKlaviyo();");
            page.waitUntil(READY);

            List<String> expected = new ArrayList<>();
            expected.add(ACCOUNT);
            expected.addAll(thousandCommands());
            page.assertKlaviyoCommands(expected.toArray(String[]::new));
            assertEquals(List.of("initialize", "ready"), events(page));
            assertEquals("true", page.text("k.loaded()"));

            // Once ready, a call goes straight to Klaviyo.
            page.run("k.invoke('track', {obj: {event: 'after ready'}});");
            expected.add("[\"track\", \"after ready\", {}]");
            page.assertKlaviyoCommands(expected.toArray(String[]::new));
            assertEquals("0", page.text("klaviyoStandIn.refusedLoads"));
            assertEquals(1, page.klaviyoScriptRequests().size());
        }
    }

    @Test
    void callsBeforeTheFirstPageAreQueuedTooAndFollowTheAccount() {
        try (HostPage page = HostPage.bare()) {
            page.run("""
                    window.k = new KlaviyoIntegration({apiKey: 'hfWBjc'});
                    k.initialize();
                    k.invoke('track', {obj: {event: 'before page'}});
                    k.invoke('identify', {obj: {userId: 'early'}});""");
            assertEquals(List.of(), page.klaviyoScriptRequests());
            assertTrue(page.check("window._learnq === undefined && window._klOnsite === undefined && window.klaviyo === undefined"),
                    "nothing is pushed or made before the destination starts");
            page.run("k.invoke('page', {obj: {type: 'page'}});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"before page\", {}]", "[\"identify\", {\"$id\": \"early\"}]");
        }
    }

    @Test
    void theQueueKeepsTheNewestCommandsUpToQueueLimit() {
        try (HostPage page = HostPage.bare(heldBackKlaviyo())) {
            startDestination(page, "{apiKey: 'hfWBjc', queueLimit: 5}");
            page.run("for (var i = 1; i <= 8; i++) k.invoke('track', {obj: {event: 'e' + i}});");
            assertTrue(page.check(ONLY_ACCOUNT_QUEUED), "the account goes to the klaviyo object directly, not through the queue");
            page.run("releaseKlaviyo();");
            page.waitUntil(READY);
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"e4\", {}]", "[\"track\", \"e5\", {}]",
                    "[\"track\", \"e6\", {}]", "[\"track\", \"e7\", {}]", "[\"track\", \"e8\", {}]");
        }
    }

    @Test
    void aQueueLimitOfZeroKeepsNothingWhileLoading() {
        try (HostPage page = HostPage.bare(heldBackKlaviyo())) {
            startDestination(page, "{apiKey: 'hfWBjc', queueLimit: 0}");
            page.run("for (var i = 1; i <= 3; i++) k.invoke('track', {obj: {event: 'e' + i}});");
            page.run("releaseKlaviyo();");
            page.waitUntil(READY);
            page.run("k.invoke('track', {obj: {event: 'after ready'}});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"after ready\", {}]");
        }
    }

    @Test
    void aScriptThatFailsToLoadMakesTheDestinationGiveUpReadyAndDropEverything() {
        assertGivesUpWhenTheScriptFails(web -> web.failure(HostPage.KLAVIYO_SCRIPT, 404));
    }

    @Test
    void aScriptBlockedByTheNetworkMakesTheDestinationGiveUpToo() {
        assertGivesUpWhenTheScriptFails(web -> web.networkError(HostPage.KLAVIYO_SCRIPT));
    }

    private static void assertGivesUpWhenTheScriptFails(java.util.function.Consumer<FakeWeb> failure) {
        String lateKlaviyo = HostPage.SHOP + "/vendor/klaviyo-late.js";
        try (HostPage page = HostPage.bare(failure.andThen(
                web -> web.text(lateKlaviyo, "text/javascript", HostPage.standInScript())))) {
            page.run("""
                    window.klaviyoEvents = [];
                    window.k = new KlaviyoIntegration({apiKey: 'hfWBjc'});
                    k.on('ready', function () { klaviyoEvents.push(['ready']); });
                    k.initialize();
                    k.invoke('track', {obj: {event: 'queued before the failure'}});
                    k.invoke('page', {obj: {type: 'page'}});""");
            page.waitUntil(READY);
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.failedLoads());
            assertEquals(List.of("ready"), events(page), "'ready' once, so that no host waits");
            assertTrue(page.check(ONLY_ACCOUNT_QUEUED));
            assertEquals("false", page.text("k.loaded()"));

            // Later calls are dropped without error, and nothing was kept for later: even when Klaviyo's
            // script turns up after all, it gets the account alone.
            page.run("k.invoke('track', {obj: {event: 'after the failure'}}); k.invoke('identify', {obj: {userId: 'u'}});"
                    + " k.invoke('page', {obj: {}}); k.initialize();");
            assertTrue(page.check(ONLY_ACCOUNT_QUEUED));
            page.run("var s = document.createElement('script'); s.src = '/vendor/klaviyo-late.js'; document.head.appendChild(s);");
            page.waitUntil("window.klaviyoStandIn && klaviyoStandIn.running");
            page.run("k.invoke('track', {obj: {event: 'after Klaviyo turned up'}});");
            page.assertKlaviyoCommands(ACCOUNT);
            assertEquals(List.of("ready"), events(page));
            assertEquals(1, page.klaviyoScriptRequests().size(), "no second try");
        }
    }

    /**
     * Klaviyo's stand-in, slow: the script at Klaviyo's address loads at once and runs Klaviyo after
     * {@code milliseconds}, as a script that a slow network takes that long to bring; it records
     * when in {@code window.klaviyoRanAt}.
     */
    private static Consumer<FakeWeb> slowKlaviyo(int milliseconds) {
        String slow = "setTimeout(function () { window.klaviyoRanAt = Date.now();\n" + HostPage.standInScript()
                + "\n}, " + milliseconds + ");\n";
        return web -> web.pattern(HostPage.KLAVIYO_SCRIPTS, request -> FakeWeb.Reply.of("text/javascript", slow));
    }

    @Test
    void aKlaviyoThatAnswersElevenSecondsAfterLoadingGetsTheIdentifyAndTrackMadeBeforeInOrder() {
        // Analytics Next, the default loadTimeout (10 s): the host is ready at 10 s, Klaviyo runs at 11 s.
        try (HostPage page = HostPage.analyticsNext(SETTINGS, slowKlaviyo(11000))) {
            page.run("window.readyAt = 0; analytics.ready(function () { readyAt = Date.now(); });");
            page.run(IDENTIFY + "\n" + TRACK_WITH_REVENUE);
            page.waitUntil("window.readyAt > 0", Duration.ofSeconds(20));
            assertTrue(page.check("!window.klaviyoStandIn"), "the host is ready before Klaviyo runs");
            page.waitUntil("window.klaviyoRanAt > 0", Duration.ofSeconds(10));
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, EVENT_WITH_VALUE);
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
        }
    }

    @Test
    void afterLoadTimeoutTheHostHearsReadyOnceAndTheQueueWaitsForKlaviyoWithinQueueLimit() {
        try (HostPage page = HostPage.bare(heldBackKlaviyo().andThen(HostPage.localStorageDebug("analytics:Klaviyo")))) {
            startDestination(page, "{apiKey: 'hfWBjc', loadTimeout: 200, queueLimit: 3}");
            page.run("k.invoke('identify', {obj: {userId: 'u'}}); k.invoke('track', {obj: {event: 'e1'}});");
            page.waitUntil(READY, Duration.ofSeconds(5));
            assertEquals(List.of("initialize", "ready"), events(page), "ready at loadTimeout, so that no host waits");
            assertEquals("false", page.text("k.loaded()"));
            page.run("k.invoke('track', {obj: {event: 'e2'}}); k.invoke('track', {obj: {event: 'e3'}});");
            assertTrue(page.check(ONLY_ACCOUNT_QUEUED), page.text(QUEUES));
            page.run("releaseKlaviyo();");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"e1\", {}]", "[\"track\", \"e2\", {}]",
                    "[\"track\", \"e3\", {}]");
            assertEquals(List.of("initialize", "ready"), events(page), "'ready' once");
            assertEquals("true", page.text("k.loaded()"));
            page.run("k.invoke('track', {obj: {event: 'after'}});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"e1\", {}]", "[\"track\", \"e2\", {}]",
                    "[\"track\", \"e3\", {}]", "[\"track\", \"after\", {}]");
            assertTrue(page.console().contains("info: analytics:Klaviyo Klaviyo's script did not run within loadTimeout:"
                    + " ready, and waiting for it"), page.console().toString());
        }
    }

    @Test
    void aScriptThatFailsAfterLoadTimeoutIsGivenUpForGood() {
        String lateKlaviyo = HostPage.SHOP + "/vendor/klaviyo-late.js";
        try (HostPage page = HostPage.bare(web -> web.failure(HostPage.KLAVIYO_SCRIPT, 404)
                .route(HostPage.KLAVIYO_SCRIPT, request -> {
                    sleep(500);
                    return new FakeWeb.Reply(404, "text/plain", new byte[0]);
                })
                .text(lateKlaviyo, "text/javascript", HostPage.standInScript()))) {
            page.run("localStorage.setItem('debug', 'analytics:Klaviyo');");
            startDestination(page, "{apiKey: 'hfWBjc', loadTimeout: 0}", "k.invoke('track', {obj: {event: 'queued'}});");
            page.waitUntil(READY, Duration.ofSeconds(5));
            page.await("the script's failure", () -> !page.failedLoads().isEmpty(), Duration.ofSeconds(5));
            page.run("k.invoke('track', {obj: {event: 'after the failure'}});");
            assertEquals(List.of(FirstPageCallTest.NO_PAGE,
                    "info: analytics:Klaviyo queued: [\"track\",\"queued\",{}]",
                    "info: analytics:Klaviyo Klaviyo's script did not run within loadTimeout: ready, and waiting for it",
                    "info: analytics:Klaviyo gave up: Klaviyo's script failed to load",
                    "info: analytics:Klaviyo commands dropped: 1",
                    "info: analytics:Klaviyo dropped, Klaviyo is off: track"), page.console());
            // Nothing was kept: a Klaviyo that turns up after all gets the account alone.
            page.run("var s = document.createElement('script'); s.src = '/vendor/klaviyo-late.js'; document.head.appendChild(s);");
            page.waitUntil("window.klaviyoStandIn && klaviyoStandIn.running");
            page.assertKlaviyoCommands(ACCOUNT);
            assertEquals(List.of("initialize", "ready"), events(page));
        }
    }

    private static void sleep(long milliseconds) {
        try {
            Thread.sleep(milliseconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aScriptThatNeverRunsLeavesTheHostReadyAfterLoadTimeoutAndKlaviyosQueuesAlone() {
        try (HostPage page = HostPage.bare(web -> web.text(HostPage.KLAVIYO_SCRIPT, "text/javascript",
                "/* loads, but never runs Klaviyo */"))) {
            page.fakeClock(1_800_000_000_000L);
            startDestination(page, "{apiKey: 'hfWBjc', loadTimeout: 300}");
            page.run("k.invoke('track', {obj: {event: 'queued'}});");
            assertEquals(List.of(300.0), page.timersAsked(), "loadTimeout's wait");
            page.advance(java.time.Duration.ofMillis(299));
            assertEquals(List.of("initialize"), events(page), "not ready before loadTimeout");
            page.advance(java.time.Duration.ofMillis(1));
            page.waitUntil(READY, java.time.Duration.ofSeconds(5));
            assertEquals("300", page.text("klaviyoEvents.filter(function (e) { return e[0] == 'ready'; })[0][1]"));
            assertEquals(List.of("initialize", "ready"), events(page));
            assertTrue(page.check(ONLY_ACCOUNT_QUEUED), page.text(QUEUES));

            page.run("for (var i = 0; i < 50; i++) k.invoke('track', {obj: {event: 'later ' + i}});");
            page.run("k.invoke('identify', {obj: {userId: 'u'}});");
            assertTrue(page.check(ONLY_ACCOUNT_QUEUED), "later calls must not grow Klaviyo's queues: " + page.text(QUEUES));
            assertEquals(List.of("initialize", "ready"), events(page));
            assertEquals("false", page.text("k.loaded()"));
        }
    }

    @Test
    void analyticsNextIsReadyEvenWhenKlaviyosScriptFailsToLoad() {
        // A classic destination that never emits 'ready' would hold analytics.ready() back for good.
        try (HostPage page = HostPage.analyticsNext(SETTINGS, web -> web.failure(HostPage.KLAVIYO_SCRIPT, 404))) {
            page.awaitReady();
            page.whenReady("analytics.track('event', {revenue: 90}); window.trackedAfterFailure = true;");
            page.waitUntil("window.trackedAfterFailure === true");
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.failedLoads());
            assertTrue(page.check("!window.klaviyoStandIn"));
            assertTrue(page.check(ONLY_ACCOUNT_QUEUED), page.text(QUEUES));
            assertEquals(List.of(), page.problems());
        }
    }

    @Test
    void analyticsNextIsReadyAfterLoadTimeoutWhenKlaviyosScriptNeverRuns() {
        try (HostPage page = HostPage.analyticsNext("{\"apiKey\": \"hfWBjc\", \"loadTimeout\": 300}",
                web -> web.text(HostPage.KLAVIYO_SCRIPT, "text/javascript", "/* never runs Klaviyo */"))) {
            page.awaitReady();
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
            assertTrue(page.check(ONLY_ACCOUNT_QUEUED), page.text(QUEUES));
        }
    }

    /** analytics.js-core's initialize() again, which makes a second Klaviyo integration, and a page. */
    private static HostPage analyticsCoreInitializedTwice() {
        HostPage page = HostPage.analyticsCore(SETTINGS);
        page.awaitReady();
        page.run("window.firstKlaviyo = analytics._integrations.Klaviyo;"
                + "analytics.initialize({Klaviyo: window.klaviyoSettings}); analytics.page();");
        page.awaitReady();
        page.whenReady("analytics.track('after the second initialize');");
        return page;
    }

    @Test
    void analyticsCoreInitializedTwiceLoadsKlaviyosScriptOnceAndDeliversOnce() {
        try (HostPage page = analyticsCoreInitializedTwice()) {
            page.awaitKlaviyoCommands(2);
            assertEquals(List.of("[\"track\",\"after the second initialize\",{}]"), page.klaviyoCommands().stream()
                    .filter(command -> !command.startsWith("[\"account\"")).toList());
            assertTrue(page.check("analytics._integrations.Klaviyo !== firstKlaviyo"), "a second integration was made");
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
            assertEquals("1", page.text("document.querySelectorAll('script[src*=\"static.klaviyo.com\"]').length"));
            assertEquals("0", page.text("klaviyoStandIn.refusedLoads"));
        }
    }

    @Test
    void analyticsCoreInitializedTwiceSendsTheAccountOnce() {
        try (HostPage page = analyticsCoreInitializedTwice()) {
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"after the second initialize\", {}]");
        }
    }

    /** A store platform's Klaviyo script, with its own key, at either address Klaviyo has given sites. */
    private static final List<String> PLATFORM_SCRIPTS = List.of(
            HostPage.KLAVIYO_SCRIPT_OLD_FORM + "?company_id=Pl4tfm",
            HostPage.KLAVIYO_ONSITE + "Pl4tfm/klaviyo.js?company_id=Pl4tfm");

    @Test
    void klaviyoAlreadyRunningOnThePageIsUsedNotLoadedAgainWhicheverItsAddress() {
        for (String platformScript : PLATFORM_SCRIPTS) {
            try (HostPage page = HostPage.bare()) {
                // A store platform loaded Klaviyo first, with its own company id.
                page.run("var s = document.createElement('script'); s.src = '" + platformScript
                        + "'; document.head.appendChild(s);");
                page.waitUntil("window.klaviyoStandIn && klaviyoStandIn.running");
                page.run("window.platformKlaviyo = window.klaviyo;");
                startDestination(page, "{apiKey: 'hfWBjc'}");
                // Klaviyo runs: it answers the account at once.
                assertEquals(List.of("initialize", "ready"), events(page), platformScript);
                page.run("k.invoke('track', {obj: {event: 'e'}});");
                page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"e\", {}]");
                assertEquals(List.of(platformScript), page.klaviyoScriptRequests());
                assertEquals("1", page.text("document.querySelectorAll('script[src*=\"static.klaviyo.com\"]').length"));
                assertEquals("0", page.text("klaviyoStandIn.refusedLoads"));
                assertTrue(page.check("window.klaviyo === platformKlaviyo"), "Klaviyo's own object is used as it is");
            }
        }
    }

    /**
     * Klaviyo's published stub, as a site pastes it before Klaviyo's script: {@code window._klOnsite}
     * and a {@code klaviyo} Proxy whose push appends there and whose methods queue
     * {@code [method, ...arguments, callback]} there and return a Promise. It makes no {@code _learnq}.
     */
    static final String KLAVIYO_STUB = """
            !function () { if (window.klaviyo) return; window._klOnsite = window._klOnsite || [];
              window.klaviyo = new Proxy({}, {get: function (o, m) {
                if (m == 'push') return function () { window._klOnsite.push.apply(window._klOnsite, arguments); };
                return function () { var a = [].slice.call(arguments), cb = typeof a[a.length - 1] == 'function' ? a.pop() : null;
                  return new Promise(function (r) { window._klOnsite.push([m].concat(a, [function (v) { if (cb) cb(v); r(v); }])); }); };
              }}); }();""";

    @Test
    void klaviyoThatStartedWithoutALearnqArrayGetsEveryCommandWithOrWithoutItsStubWhicheverItsAddress() {
        // Klaviyo's object module then holds an array of its own that nobody reads: what goes through
        // the klaviyo object is lost (the stand-in records it in klaviyoStandIn.lost); _learnq works.
        for (String platformScript : PLATFORM_SCRIPTS) {
            for (boolean stub : List.of(false, true)) {
                String what = platformScript + (stub ? ", Klaviyo's stub first" : ", no stub");
                try (HostPage page = HostPage.bare()) {
                    if (stub) {
                        page.run(KLAVIYO_STUB);
                    }
                    assertTrue(page.check("window._learnq === undefined"), what);
                    page.run("var s = document.createElement('script'); s.src = '" + platformScript
                            + "'; document.head.appendChild(s);");
                    page.waitUntil("window.klaviyoStandIn && klaviyoStandIn.running");
                    startDestination(page, "{apiKey: 'hfWBjc'}");
                    assertEquals(List.of("initialize", "ready"), events(page), what);
                    page.run("k.invoke('identify', {obj: {userId: 'u'}}); k.invoke('track', {obj: {event: 'e'}});");
                    page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"u\"}]", "[\"track\", \"e\", {}]");
                    // The stand-in is in the state that loses: what the page hands the klaviyo object goes nowhere.
                    page.run("klaviyo.push(['track', 'through the klaviyo object', {}]);");
                    assertEquals(List.of("[\"track\",\"through the klaviyo object\",{}]"),
                            destination.klaviyo.JsonText.parseStrings(page.text("JSON.stringify(klaviyoStandIn.lost)")), what);
                    page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"u\"}]", "[\"track\", \"e\", {}]");
                    assertEquals(List.of(platformScript), page.klaviyoScriptRequests(), what);
                }
            }
        }
    }

    @Test
    void klaviyosScriptTagStillLoadingIsWaitedForNotInsertedAgainWhicheverItsAddress() {
        for (String platformScript : PLATFORM_SCRIPTS) {
            try (HostPage page = HostPage.bare(heldBackKlaviyo())) {
                page.run("var s = document.createElement('script'); s.src = '" + platformScript
                        + "'; document.head.appendChild(s);");
                page.waitUntil("typeof window.releaseKlaviyo == 'function'");
                startDestination(page, "{apiKey: 'hfWBjc'}");
                page.run("k.invoke('track', {obj: {event: 'while loading'}});");
                assertEquals(List.of("initialize"), events(page));
                assertTrue(page.check(ONLY_ACCOUNT_QUEUED), page.text(QUEUES));
                page.run("releaseKlaviyo();");
                page.waitUntil(READY);
                page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"while loading\", {}]");
                assertEquals(List.of(platformScript), page.klaviyoScriptRequests());
                assertEquals("1", page.text("document.querySelectorAll('script[src*=\"static.klaviyo.com\"]').length"));
                assertEquals("0", page.text("klaviyoStandIn.refusedLoads"));
            }
        }
    }

    @Test
    void klaviyoTakenOverLearnqWithoutItsScriptTagIsUsedToo() {
        String bundled = HostPage.SHOP + "/vendor/platform-bundle.js";
        try (HostPage page = HostPage.bare(web -> web.text(bundled, "text/javascript", HostPage.standInScript()))) {
            page.run("var s = document.createElement('script'); s.src = '/vendor/platform-bundle.js';"
                    + " document.head.appendChild(s);");
            page.waitUntil("window.klaviyoStandIn && klaviyoStandIn.running");
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.waitUntil(READY);
            page.run("k.invoke('identify', {obj: {userId: 'u'}});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"u\"}]");
            assertEquals(List.of(), page.klaviyoScriptRequests());
        }
    }

    @Test
    void aMissingOrEmptyApiKeyLoadsNothingSendsNothingAndIsReady() {
        for (String settings : List.of("{}", "{apiKey: ''}", "{apiKey: '   '}", "{apiKey: null}", "{apiKey: 42}",
                "undefined", "{apiKey: {toString: function () { return 'hfWBjc'; }}}")) {
            try (HostPage page = HostPage.bare()) {
                startDestination(page, settings);
                page.run("k.invoke('identify', {obj: {userId: 'u', traits: {email: 'a@b.co'}}});"
                        + "k.invoke('track', {obj: {event: 'e'}}); k.invoke('group', {obj: {traits: {name: 'n'}}});");
                assertEquals(List.of("initialize", "ready"), events(page), settings);
                assertEquals(List.of(), page.klaviyoScriptRequests(), settings);
                assertTrue(page.check("window._learnq === undefined && window.klaviyo === undefined && !window.klaviyoStandIn"), settings);
                assertEquals("false", page.text("k.loaded()"), settings);
                assertEquals(List.of(), page.console(), settings);
            }
        }
    }

    @Test
    void analyticsNextWithAnEmptyApiKeyIsReadyWithoutKlaviyo() {
        try (HostPage page = HostPage.analyticsNext("{\"apiKey\": \"\"}")) {
            page.awaitReady();
            page.whenReady("analytics.track('event'); window.tracked = true;");
            page.waitUntil("window.tracked === true");
            assertEquals(List.of(), page.klaviyoScriptRequests());
            assertTrue(page.check("window._learnq === undefined && window.klaviyo === undefined"));
        }
    }

    @Test
    void resetLeavesKlaviyosQueueAloneAndANewIntegrationStartsAndDelivers() {
        try (HostPage page = PageProbes.readyBarePage()) {
            page.run("window.klaviyosQueues = [window._learnq, window._klOnsite, window.klaviyo]; k.reset();");
            assertTrue(page.check("window._learnq === klaviyosQueues[0] && window._klOnsite === klaviyosQueues[1]"
                    + " && window.klaviyo === klaviyosQueues[2]"), "Klaviyo's queues are Klaviyo's");
            assertEquals("true", page.text("k.loaded()"));
            page.run("window.afterReset = [];"
                    + "['identify', 'track', 'group', 'page', 'alias'].forEach(function (m) {"
                    + "  try { k.invoke(m, {obj: {userId: 'u', event: 'e', traits: {name: 'n'}}}); afterReset.push(m); }"
                    + "  catch (e) { afterReset.push(String(e)); } });"
                    + "try { k.reset(); k.initialize(); afterReset.push('ok'); } catch (e) { afterReset.push(String(e)); }");
            assertEquals("identify,track,group,page,alias,ok", page.text("afterReset"));
            // A new integration with the same key: Klaviyo runs and has the account, so it is ready at once.
            page.run("window.k2 = new KlaviyoIntegration({apiKey: 'hfWBjc'}); window.k2Events = [];"
                    + "k2.on('ready', function () { k2Events.push('ready'); });"
                    + "k2.initialize(); k2.invoke('page', {obj: {type: 'page'}});");
            page.waitUntil("k2Events.length == 1");
            page.run("k2.invoke('track', {obj: {event: 'from the new integration'}});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"u\", \"name\": \"n\", \"$first_name\": \"n\"}]",
                    "[\"track\", \"e\", {}]",
                    "[\"identify\", {\"$organization\": \"n\"}]", "[\"track\", \"from the new integration\", {}]");
        }
    }

    @Test
    void resetWhileLoadingDropsWhatTheDestinationQueuedAndNothingElse() {
        try (HostPage page = HostPage.bare(heldBackKlaviyo())) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.run("k.invoke('track', {obj: {event: 'before reset'}}); k.reset();"
                    + "k.invoke('track', {obj: {event: 'after reset'}});");
            assertTrue(page.check(ONLY_ACCOUNT_QUEUED), page.text(QUEUES));
            page.run("releaseKlaviyo();");
            page.waitUntil(READY);
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"after reset\", {}]");
        }
    }
}
