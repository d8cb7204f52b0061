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
 * Klaviyo as a classic destination of Analytics Next 1.84.3: Segment's snippet, CDN settings that
 * list Klaviyo, and Analytics Next loading {@code klaviyo.dynamic.js} from next-integrations.
 * The calls are made in {@code analytics.ready}, when Analytics Next no longer buffers them.
 */
class AnalyticsNextTest {
    @Test
    void analyticsNextLoadsTheDestinationAndKlaviyosScriptOnce() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.awaitReady();
            page.assertKlaviyoCommands(ACCOUNT);
            assertEquals(1, page.web().requestsTo(HostPage.DYNAMIC_URL).size(), "klaviyo.dynamic.js requests");
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
            assertEquals(KLAVIYO_SCRIPT_FOR_KEY, page.text("klaviyoStandIn.scriptUrl"));
        }
    }

    @Test
    void identifyThroughAnalyticsNextSendsProfile() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
        }
    }

    @Test
    void trackWithRevenueThroughAnalyticsNextSendsValue() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady(TRACK_WITH_REVENUE);
            page.assertKlaviyoCommands(ACCOUNT, EVENT_WITH_VALUE);
        }
    }

    @Test
    void completedOrderThroughAnalyticsNextSendsOrderThenEachProduct() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady(COMPLETED_ORDER);
            page.assertKlaviyoCommands(ACCOUNT, ORDER, ORDERED_MONOPOLY, ORDERED_SUH_DUDE);
        }
    }

    @Test
    void groupThroughAnalyticsNextSendsOrganization() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady(GROUP);
            page.assertKlaviyoCommands(ACCOUNT, ORGANIZATION);
        }
    }

    @Test
    void enforceEmailFromCdnSettingsSkipsIdentifyWithoutEmailAndKeepsUserIdOutOfId() {
        try (HostPage page = HostPage.analyticsNext("{\"apiKey\": \"hfWBjc\", \"enforceEmail\": true}")) {
            page.whenReady("analytics.identify('no-email', {firstName: 'first'});\n" + IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, """
                    ["identify", {"$email": "name@example.com", "id": "id", "$first_name": "first",
                      "$last_name": "last", "$phone_number": "phone", "$title": "title"}]""");
        }
    }
}
