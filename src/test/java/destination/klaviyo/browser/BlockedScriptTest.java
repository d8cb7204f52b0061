package destination.klaviyo.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A blocked Klaviyo script (an ad blocker) is heard by every destination waiting on it, not only by
 * the one that inserted it; and the host hears "ready" once per destination, however many messages
 * consent refuses.
 */
class BlockedScriptTest {
    /** A loadTimeout the tests never reach: only the script's failure can make the host ready. */
    private static final String SETTINGS = "{\"apiKey\": \"hfWBjc\", \"loadTimeout\": 600000}";
    private static final String GAVE_UP = "info: analytics:Klaviyo gave up: Klaviyo's script failed to load";

    @Test
    void twoDestinationsForOneKeyBothGiveUpWhenTheScriptIsBlocked() {
        // A plugin beside the classic destination, from two copies of the bundle: one inserts the
        // script, the other finds it on the page; the network refuses it.
        try (HostPage page = HostPage.analyticsNextPluginBesideClassic(SETTINGS, SETTINGS,
                HostPage.localStorageDebug("analytics:Klaviyo").andThen(web -> web.networkError(HostPage.KLAVIYO_SCRIPT)))) {
            page.awaitReady();
            assertEquals(List.of(GAVE_UP, GAVE_UP), page.console().stream().filter(line -> line.contains("gave up")).toList());
            page.run("analytics.track('after the failure');");
            page.awaitSegmentApiTrack("after the failure");
            page.await("both destinations drop the track", () -> page.console().stream()
                    .filter(line -> line.equals("info: analytics:Klaviyo dropped, Klaviyo is off: track")).count() == 2,
                    SubscriptionsTest.WAIT);
            assertEquals(List.of(), page.klaviyoCommands());
            assertEquals(1, page.klaviyoScriptRequests().size(), "one script, tried once");
        }
    }

    @Test
    void aDestinationStartedAfterTheScriptFailedGivesUpAtOnce() {
        try (HostPage page = HostPage.bare(web -> web.networkError(HostPage.KLAVIYO_SCRIPT))) {
            page.run("""
                    window.events = [];
                    window.k1 = new KlaviyoIntegration(%s);
                    k1.on('ready', function () { events.push('k1 ready'); });
                    k1.initialize(); k1.invoke('page', {obj: {}});""".formatted(SETTINGS));
            page.waitUntil("events.length == 1");
            page.run("""
                    window.k2 = new KlaviyoIntegration(%s);
                    k2.on('ready', function () { events.push('k2 ready'); });
                    k2.initialize(); k2.invoke('page', {obj: {}});""".formatted(SETTINGS));
            page.waitUntil("events.length == 2");
            assertEquals("k1 ready,k2 ready", page.text("events"));
            assertEquals(1, page.klaviyoScriptRequests().size());
        }
    }

    @Test
    void theHostHearsReadyOnceHoweverManyMessagesConsentRefuses() {
        String denied = "{context: {consent: {categoryPreferences: {Targeting: false}}}}";
        try (HostPage page = HostPage.bare(PageProbes.heldBackKlaviyo())) {
            page.run("""
                    window.events = [];
                    window.k = new KlaviyoIntegration({apiKey: 'hfWBjc', consentCategories: ['Targeting']});
                    k.on('ready', function () { events.push('ready'); });
                    k.initialize();
                    k.invoke('page', {obj: %1$s});
                    k.invoke('track', {obj: %1$s});
                    k.invoke('identify', {obj: %1$s});""".formatted(denied));
            page.waitUntil("events.length >= 1");
            // A message consent lets through starts it; Klaviyo answers: still no second "ready".
            page.run("k.invoke('track', {obj: {event: 'granted', context: {consent: {categoryPreferences: {Targeting: true}}}}});"
                    + " k.invoke('track', {obj: " + denied + "});");
            page.waitUntil("typeof window.releaseKlaviyo == 'function'");
            page.run("releaseKlaviyo();");
            page.assertKlaviyoCommands(ShopEvents.ACCOUNT, "[\"track\", \"granted\", {}]");
            assertEquals("ready", page.text("events"));
        }
    }
}
