package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.COMPLETED_ORDER;
import static destination.klaviyo.browser.ShopEvents.EVENT_WITH_VALUE;
import static destination.klaviyo.browser.ShopEvents.GROUP;
import static destination.klaviyo.browser.ShopEvents.IDENTIFY;
import static destination.klaviyo.browser.ShopEvents.KLAVIYO_SCRIPT_FOR_KEY;
import static destination.klaviyo.browser.ShopEvents.ORDER;
import static destination.klaviyo.browser.ShopEvents.ORDERED_MONOPOLY;
import static destination.klaviyo.browser.ShopEvents.ORDERED_SUH_DUDE;
import static destination.klaviyo.browser.ShopEvents.ORGANIZATION;
import static destination.klaviyo.browser.ShopEvents.PROFILE;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;
import static destination.klaviyo.browser.ShopEvents.TRACK_WITH_REVENUE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Klaviyo as an Analytics Next 1.84.3 destination plugin: Segment's snippet, CDN settings without
 * Klaviyo, {@code klaviyo.js} by a script tag and
 * {@code analytics.register(KlaviyoIntegration.plugin(settings))}; the plugin's load() loads
 * Klaviyo's script. The calls are made in {@code analytics.ready}, which waits for the plugin.
 */
class AnalyticsNextPluginTest {
    @Test
    void registeredPluginLoadsKlaviyosScriptOnceAndNoClassicDestination() {
        try (HostPage page = HostPage.analyticsNextPlugin(SETTINGS)) {
            page.awaitReady();
            page.assertKlaviyoCommands(ACCOUNT);
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
            assertEquals(List.of(), page.web().requestsTo(HostPage.CDN + "/next-integrations/"),
                    "next-integrations requests");
            assertEquals("true", page.text("analytics.queue.plugins.some(function (p) {"
                    + " return p.name == 'Klaviyo' && p.type == 'destination' && p.isLoaded(); })"));
        }
    }

    @Test
    void identifyThroughAnalyticsNextPluginSendsProfile() {
        try (HostPage page = HostPage.analyticsNextPlugin(SETTINGS)) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
        }
    }

    @Test
    void trackWithRevenueThroughAnalyticsNextPluginSendsValue() {
        try (HostPage page = HostPage.analyticsNextPlugin(SETTINGS)) {
            page.whenReady(TRACK_WITH_REVENUE);
            page.assertKlaviyoCommands(ACCOUNT, EVENT_WITH_VALUE);
        }
    }

    @Test
    void completedOrderThroughAnalyticsNextPluginSendsOrderThenEachProduct() {
        try (HostPage page = HostPage.analyticsNextPlugin(SETTINGS)) {
            page.whenReady(COMPLETED_ORDER);
            page.assertKlaviyoCommands(ACCOUNT, ORDER, ORDERED_MONOPOLY, ORDERED_SUH_DUDE);
        }
    }

    @Test
    void groupThroughAnalyticsNextPluginSendsOrganization() {
        try (HostPage page = HostPage.analyticsNextPlugin(SETTINGS)) {
            page.whenReady(GROUP);
            page.assertKlaviyoCommands(ACCOUNT, ORGANIZATION);
        }
    }

    @Test
    void enforceEmailSkipsIdentifyWithoutEmailAndKeepsUserIdOutOfId() {
        try (HostPage page = HostPage.analyticsNextPlugin("{\"apiKey\": \"hfWBjc\", \"enforceEmail\": true}")) {
            page.whenReady("analytics.identify('no-email', {firstName: 'first'});\n" + IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, """
                    ["identify", {"$email": "name@example.com", "id": "id", "$first_name": "first",
                      "$last_name": "last", "$phone_number": "phone", "$title": "title"}]""");
        }
    }
}
