package destination.klaviyo.browser;

import destination.klaviyo.JsonText;

import static destination.klaviyo.browser.PageProbes.heldBackKlaviyo;
import static destination.klaviyo.browser.PageProbes.startDestination;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * The destination's debug lines: with {@code localStorage.debug} enabling {@code analytics:Klaviyo}
 * (as the debug module reads it), each decision is logged to the console as
 * {@code analytics:Klaviyo <what> [value]}; otherwise nothing is. HtmlUnit hands console.log to the
 * harness as "info: " and the arguments joined by spaces, objects written as JSON.
 */
class DebugLoggingTest {
    private static final String PREFIX = "info: analytics:Klaviyo ";
    private static final String READY = "klaviyoEvents.some(function (e) { return e[0] == 'ready'; })";

    /** A bare page with {@code localStorage.debug} set (or removed, for null) before the destination is made. */
    private static HostPage barePage(String debug, Consumer<FakeWeb> changes) {
        HostPage page = HostPage.bare(changes);
        page.run(debug == null ? "localStorage.removeItem('debug');"
                : "localStorage.setItem('debug', " + JsonText.quote(debug) + ");");
        return page;
    }

    /** Queueing, its overflow, skipped messages, readiness and sending, in one lifecycle. */
    private static void runLifecycle(HostPage page) {
        startDestination(page, "{apiKey: 'hfWBjc', queueLimit: 2}");
        page.run("""
                k.invoke('track', {obj: {event: 'a'}}); k.invoke('track', {obj: {event: 'b'}});
                k.invoke('track', {obj: {event: 'c'}});
                k.invoke('identify', {obj: {traits: {firstName: 'nobody'}}}); k.invoke('group', {obj: {traits: {}}});
                k.invoke('track', {obj: {properties: {}}});
                releaseKlaviyo();""");
        page.waitUntil(READY);
        page.run("k.invoke('track', {obj: {event: 'd', properties: {revenue: '$5'}}});");
        page.awaitKlaviyoCommands(4);
    }

    private static final List<String> LIFECYCLE_LINES = List.of(
            PREFIX + "queued: [\"track\",\"a\",{}]",
            PREFIX + "queued: [\"track\",\"b\",{}]",
            PREFIX + "queue full, oldest command dropped",
            PREFIX + "nothing sent: identify has no userId, email or exchange id",
            PREFIX + "nothing sent: group has no name",
            PREFIX + "nothing sent: track has no event name",
            PREFIX + "Klaviyo is ready",
            PREFIX + "sent: [\"track\",\"d\",{\"$value\":5}]");

    @Test
    void analyticsStarLogsEachDecision() {
        try (HostPage page = barePage("analytics:*", heldBackKlaviyo())) {
            runLifecycle(page);
            assertEquals(LIFECYCLE_LINES, page.console());
        }
    }

    @Test
    void theDestinationsOwnNamespaceAndOtherPatternsThatMatchItLogToo() {
        for (String debug : List.of("analytics:Klaviyo", "*", "other,analytics:Klaviyo", "other analytics:*", "analytics:Klav*")) {
            try (HostPage page = barePage(debug, heldBackKlaviyo())) {
                runLifecycle(page);
                assertEquals(LIFECYCLE_LINES, page.console(), debug);
            }
        }
    }

    @Test
    void anExclusionOrAnyOtherPatternKeepsItSilent() {
        for (String debug : List.of("analytics:*,-analytics:Klaviyo", "-analytics:Klaviyo,analytics:*", "-analytics:* *",
                "analytics:Other", "analytics:Klaviyo2", "ANALYTICS:KLAVIYO", "analytics", "", "(", "analytics:Klaviyo(")) {
            try (HostPage page = barePage(debug, heldBackKlaviyo())) {
                runLifecycle(page);
                assertEquals(List.of(), page.console(), debug);
            }
        }
    }

    @Test
    void unsetItLogsNothingAtAllEvenWhenThingsGoWrong() {
        try (HostPage page = barePage(null, heldBackKlaviyo())) {
            runLifecycle(page);
            page.run("k.reset(); k.invoke('track', {obj: {event: 'after reset'}});");
            assertEquals(List.of(), page.console());
        }
        try (HostPage page = barePage(null, web -> web.failure(HostPage.KLAVIYO_SCRIPT, 404))) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.run("k.invoke('track', {obj: {event: 'dropped'}});");
            page.waitUntil(READY);
            assertEquals(List.of(), page.console());
        }
    }

    @Test
    void theSettingIsReadWhenTheIntegrationIsMade() {
        try (HostPage page = barePage(null, heldBackKlaviyo())) {
            page.run("window.quiet = new KlaviyoIntegration({apiKey: 'hfWBjc'}); localStorage.setItem('debug', 'analytics:*');");
            page.run("quiet.initialize(); quiet.invoke('page', {obj: {}}); quiet.invoke('track', {obj: {event: 'quiet'}});");
            assertEquals(List.of(), page.console());
            page.run("var loud = new KlaviyoIntegration({apiKey: 'hfWBjc'}); loud.invoke('track', {obj: {event: 'loud'}});");
            assertEquals(List.of(FirstPageCallTest.NO_PAGE, PREFIX + "queued: [\"track\",\"loud\",{}]"), page.console());
        }
    }

    @Test
    void aScriptThatFailsToLoadIsLoggedWithWhatWasDropped() {
        try (HostPage page = barePage("analytics:*", web -> web.failure(HostPage.KLAVIYO_SCRIPT, 404))) {
            startDestination(page, "{apiKey: 'hfWBjc', queueLimit: 1}");
            page.waitUntil(READY);
            page.run("k.invoke('track', {obj: {event: 'after'}});");
            assertEquals(List.of(PREFIX + "gave up: Klaviyo's script failed to load", PREFIX + "dropped, Klaviyo is off: track"),
                    page.console());
        }
        try (HostPage page = barePage("analytics:*", web -> web.failure(HostPage.KLAVIYO_SCRIPT, 500))) {
            page.run("window.k = new KlaviyoIntegration({apiKey: 'hfWBjc', queueLimit: 1}); window.klaviyoEvents = [];"
                    + " k.on('ready', function () { klaviyoEvents.push(['ready']); });"
                    + " k.invoke('track', {obj: {event: 'a'}}); k.invoke('track', {obj: {event: 'b'}});"
                    + " k.invoke('page', {obj: {}});");
            page.waitUntil(READY);
            assertEquals(List.of(FirstPageCallTest.NO_PAGE, PREFIX + "queued: [\"track\",\"a\",{}]",
                    PREFIX + "queue full, oldest command dropped",
                    PREFIX + "gave up: Klaviyo's script failed to load", PREFIX + "commands dropped: 2"), page.console());
        }
    }

    @Test
    void aScriptThatNeverRunsAMissingKeyAndKlaviyoAlreadyThereAreLogged() {
        try (HostPage page = barePage("analytics:Klaviyo",
                web -> web.text(HostPage.KLAVIYO_SCRIPT, "text/javascript", "/* never runs Klaviyo */"))) {
            startDestination(page, "{apiKey: 'hfWBjc', loadTimeout: 100}");
            page.waitUntil(READY);
            assertEquals(List.of(PREFIX + "Klaviyo's script did not run within loadTimeout: ready, and waiting for it"),
                    page.console());
        }
        try (HostPage page = barePage("analytics:Klaviyo", web -> { })) {
            startDestination(page, "{apiKey: ''}");
            assertEquals(List.of(PREFIX + "gave up: no apiKey"), page.console());
        }
        try (HostPage page = barePage("analytics:Klaviyo", web -> { })) {
            page.run("var s = document.createElement('script'); s.src = '" + HostPage.KLAVIYO_SCRIPT + "'; document.head.appendChild(s);");
            page.waitUntil("window.klaviyoStandIn && klaviyoStandIn.running");
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.waitUntil(READY);
            page.run("k.reset(); k.invoke('track', {obj: {event: 'after reset'}});");
            assertEquals(List.of(PREFIX + "Klaviyo is already on the page", PREFIX + "Klaviyo is ready",
                    PREFIX + "sent: [\"track\",\"after reset\",{}]"), page.console());
        }
    }

    @Test
    void blockedStorageMeansSilenceNotAnError() {
        try (HostPage page = HostPage.bare(HostPage.prelude(
                "Object.defineProperty(window, 'localStorage', {configurable: true,"
                        + " get: function () { throw new Error('storage is blocked'); }});"))) {
            assertEquals("blocked", page.text("(function () { try { localStorage; return 'open'; } catch (e) { return 'blocked'; } })()"));
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.assertKlaviyoCommands(ShopEvents.ACCOUNT);
            assertEquals(List.of(), page.console());
        }
    }

    @Test
    void analyticsNextWithDebugOnLogsTheDestinationsLines() {
        try (HostPage page = HostPage.analyticsNext(ShopEvents.SETTINGS, HostPage.localStorageDebug("analytics:Klaviyo"))) {
            page.whenReady(ShopEvents.TRACK_WITH_REVENUE);
            page.assertKlaviyoCommands(ShopEvents.ACCOUNT, ShopEvents.EVENT_WITH_VALUE);
            assertEquals(List.of(PREFIX + "Klaviyo is ready", PREFIX + "sent: [\"track\",\"event\",{\"$value\":90}]"),
                    page.console().stream().filter(line -> line.contains("analytics:Klaviyo")).toList());
        }
        try (HostPage page = HostPage.analyticsNext(ShopEvents.SETTINGS)) {
            page.whenReady(ShopEvents.TRACK_WITH_REVENUE);
            page.assertKlaviyoCommands(ShopEvents.ACCOUNT, ShopEvents.EVENT_WITH_VALUE);
            assertEquals(List.of(), page.console().stream().filter(line -> line.contains("Klaviyo")).toList());
        }
    }
}
