package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;

import org.junit.jupiter.api.Test;

/**
 * The mapping end to end where JSON cannot say the input: Segment's snippet, Analytics Next loading
 * klaviyo.dynamic.js, the stand-in recording what Klaviyo gets. The classic destination's own test
 * cases and each mapping rule are cases of src/test/resources/mapping-cases.json, which
 * MappingCasesThroughAnalyticsNextTest runs here.
 */
class MappingThroughAnalyticsNextTest {
    @Test
    void datesReadAsJavaScriptWritesThemAndPageAndAliasSendNothing() {
        // (Analytics Next itself drops a track whose event is not a string: that case is on the bare page.)
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady("""
                    analytics.track('Viewed', {at: new Date(Date.UTC(2024, 0, 2)), revenue: '$12.50', total: 1e21});
                    analytics.page('Home'); analytics.alias('new-id');""");
            page.assertKlaviyoCommands(ACCOUNT, """
                    ["track", "Viewed", {"at": "2024-01-02T00:00:00.000Z", "$value": 12.5, "total": 1e21}]""");
        }
    }
}
