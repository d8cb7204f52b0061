package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.KLAVIYO_SCRIPT_FOR_KEY;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Klaviyo in a site's own analytics.js build, analytics.js-core 4.1.11: {@code klaviyo.js} by a script
 * tag, {@code analytics.use(KlaviyoIntegration)}, {@code analytics.initialize({Klaviyo: settings})}
 * and the first {@code analytics.page()}, which loads Klaviyo's script.
 * The calls every host carries alike are in {@link CallsInEveryHostTest}.
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
}
