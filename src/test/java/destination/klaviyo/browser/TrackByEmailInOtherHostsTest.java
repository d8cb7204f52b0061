package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;

import org.junit.jupiter.api.Test;

/**
 * trackByEmail set through analytics.js-core's {@code initialize({Klaviyo: {...}})} and the plugin's
 * {@code plugin({...})}: the same commands as through Analytics Next's classic destination.
 */
class TrackByEmailInOtherHostsTest {
    private static final String ON = "{\"apiKey\": \"hfWBjc\", \"trackByEmail\": true}";
    private static final String SIGN_UP = "analytics.track('Signed Up', {email: 'ann@example.com', plan: 'pro'});";
    private static final String[] ANN_SIGNS_UP = {ACCOUNT, "[\"isIdentified\"]",
        "[\"identify\", {\"$email\": \"ann@example.com\"}]",
        "[\"track\", \"Signed Up\", {\"email\": \"ann@example.com\", \"plan\": \"pro\"}]"};

    @Test
    void analyticsCoreInitializeTurnsItOn() {
        try (HostPage page = HostPage.analyticsCore(ON)) {
            page.whenReady(SIGN_UP);
            page.assertKlaviyoCommands(ANN_SIGNS_UP);
        }
    }

    @Test
    void thePluginsSettingsTurnItOn() {
        try (HostPage page = HostPage.analyticsNextPlugin(ON)) {
            page.whenReady(SIGN_UP + "\nanalytics.track('Signed Up', {plan: 'pro'}, {userId: 'bob@example.com'});");
            String[] expected = java.util.Arrays.copyOf(ANN_SIGNS_UP, 6);
            expected[4] = "[\"identify\", {\"$id\": \"bob@example.com\", \"$email\": \"bob@example.com\"}]";
            expected[5] = "[\"track\", \"Signed Up\", {\"plan\": \"pro\"}]";
            page.assertKlaviyoCommands(expected);
        }
    }
}
