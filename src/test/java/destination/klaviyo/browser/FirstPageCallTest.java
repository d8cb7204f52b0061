package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.EVENT_WITH_VALUE;
import static destination.klaviyo.browser.ShopEvents.TRACK_WITH_REVENUE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The destination assumes a pageview: Klaviyo's script loads at the first page call. A site that
 * forgets it (AnalyticsBrowser.load makes none) sends nothing; the debug log says so once, and what
 * to do.
 */
class FirstPageCallTest {
    static final String NO_PAGE = "info: analytics:Klaviyo a call before the first page call: Klaviyo loads at the"
            + " first analytics.page(); make one on each page load";

    private static List<String> noPageLines(HostPage page) {
        return page.console().stream().filter(line -> line.contains("before the first page call")).toList();
    }

    @Test
    void classicIntegrationsWithoutAPageCallSayOnceWhatToDo() {
        try (HostPage page = HostPage.npmConsumer("classicIntegrations", ShopEvents.SETTINGS,
                HostPage.prelude("window.consumerMakesNoPageCall = true; localStorage.setItem('debug', 'analytics:Klaviyo');"))) {
            page.waitUntil("window.analytics && analytics.instance && analytics.instance.initialized");
            page.run("analytics.identify('id'); " + TRACK_WITH_REVENUE);
            page.awaitSegmentApiTrack("event");
            assertEquals(List.of(NO_PAGE), noPageLines(page));
            assertEquals(List.of(), page.klaviyoScriptRequests(), "nothing loads without a page call");

            // The page call the log asks for: Klaviyo loads, and gets the calls made before it.
            page.run("analytics.page();");
            page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"id\"}]", EVENT_WITH_VALUE);
            assertEquals(List.of(NO_PAGE), noPageLines(page));
        }
    }

    @Test
    void aCallBeforeTheFirstPageSaysSoOnceOnTheIntegration() {
        try (HostPage page = HostPage.bare(HostPage.localStorageDebug("analytics:Klaviyo"))) {
            page.run("window.k = new KlaviyoIntegration({apiKey: 'hfWBjc'}); k.initialize();"
                    + " k.invoke('track', {obj: {event: 'e'}}); k.invoke('identify', {obj: {userId: 'u'}});");
            assertEquals(List.of(NO_PAGE), noPageLines(page));
            page.run("k.invoke('page', {obj: {}}); k.invoke('track', {obj: {event: 'after the page'}});");
            assertEquals(List.of(NO_PAGE), noPageLines(page));
        }
    }

    @Test
    void aSiteThatCallsPageFirstHearsNothingOfIt() {
        try (HostPage page = HostPage.analyticsNext(ShopEvents.SETTINGS, HostPage.localStorageDebug("analytics:Klaviyo"))) {
            page.whenReady(TRACK_WITH_REVENUE);
            page.assertKlaviyoCommands(ACCOUNT, EVENT_WITH_VALUE);
            assertEquals(List.of(), noPageLines(page));
        }
    }
}
