package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.KLAVIYO_SCRIPT_FOR_KEY;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Klaviyo as a classic destination of Analytics Next 1.84.3: Segment's snippet, CDN settings that
 * list Klaviyo, and Analytics Next loading {@code klaviyo.dynamic.js} from next-integrations.
 * The calls are made in {@code analytics.ready}, when Analytics Next no longer buffers them.
 * The calls every host carries alike are in {@link CallsInEveryHostTest}.
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
}
