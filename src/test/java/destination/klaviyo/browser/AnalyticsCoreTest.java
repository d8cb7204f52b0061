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
 * Klaviyo in a site's own analytics.js build, analytics.js-core 4.1.11: {@code klaviyo.js} by a script
 * tag, {@code analytics.use(KlaviyoIntegration)}, {@code analytics.initialize({Klaviyo: settings})}
 * and the first {@code analytics.page()}, which loads Klaviyo's script.
 */
class AnalyticsCoreTest {
    @Test
    void firstPageThroughAnalyticsCoreLoadsKlaviyosScriptOnce() {
        try (HostPage page = HostPage.analyticsCore(SETTINGS)) {
            page.awaitReady();
            page.assertKlaviyoCommands(ACCOUNT);
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
            assertEquals(KLAVIYO_SCRIPT_FOR_KEY, page.text("klaviyoStandIn.scriptUrl"));
        }
    }

    @Test
    void publicKeyIsUrlEncodedInTheScriptAddressAndSentAsIsInTheAccount() {
        try (HostPage page = HostPage.analyticsCore("{\"apiKey\": \"ab c&d=e\"}")) {
            page.awaitReady();
            page.assertKlaviyoCommands("[\"account\", \"ab c&d=e\"]");
            assertEquals(List.of(HostPage.KLAVIYO_ONSITE + "ab%20c%26d%3De/klaviyo.js?company_id=ab%20c%26d%3De"),
                    page.klaviyoScriptRequests());
        }
    }

    @Test
    void identifyThroughAnalyticsCoreSendsProfile() {
        try (HostPage page = HostPage.analyticsCore(SETTINGS)) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
        }
    }

    @Test
    void trackWithRevenueThroughAnalyticsCoreSendsValue() {
        try (HostPage page = HostPage.analyticsCore(SETTINGS)) {
            page.whenReady(TRACK_WITH_REVENUE);
            page.assertKlaviyoCommands(ACCOUNT, EVENT_WITH_VALUE);
        }
    }

    @Test
    void completedOrderThroughAnalyticsCoreSendsOrderThenEachProduct() {
        try (HostPage page = HostPage.analyticsCore(SETTINGS)) {
            page.whenReady(COMPLETED_ORDER);
            page.assertKlaviyoCommands(ACCOUNT, ORDER, ORDERED_MONOPOLY, ORDERED_SUH_DUDE);
        }
    }

    @Test
    void groupThroughAnalyticsCoreSendsOrganization() {
        try (HostPage page = HostPage.analyticsCore(SETTINGS)) {
            page.whenReady(GROUP);
            page.assertKlaviyoCommands(ACCOUNT, ORGANIZATION);
        }
    }

    @Test
    void enforceEmailSkipsIdentifyWithoutEmailAndKeepsUserIdOutOfId() {
        try (HostPage page = HostPage.analyticsCore("{\"apiKey\": \"hfWBjc\", \"enforceEmail\": true}")) {
            page.whenReady("analytics.identify('no-email', {firstName: 'first'});\n" + IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, """
                    ["identify", {"$email": "name@example.com", "id": "id", "$first_name": "first",
                      "$last_name": "last", "$phone_number": "phone", "$title": "title"}]""");
        }
    }
}
