package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;

import org.junit.jupiter.api.Test;

/**
 * A date text in a trait, as docs/mapping.md (Dates) says: the classic paths' facade rewrites it as a
 * full ISO timestamp before the destination sees it, unless Analytics Next's
 * {@code disableAutoISOConversion} load option is set; the plugin gets it as the site made it.
 */
class DatesTest {
    private static final String IDENTIFY = "analytics.identify('u1', {birthday: '1990-05-01'});";
    private static final String REWRITTEN = "[\"identify\", {\"birthday\": \"1990-05-01T00:00:00.000Z\", \"$id\": \"u1\"}]";
    private static final String KEPT = "[\"identify\", {\"birthday\": \"1990-05-01\", \"$id\": \"u1\"}]";

    @Test
    void analyticsNextsClassicPathRewritesADateAsAnIsoTimestamp() {
        try (HostPage page = HostPage.analyticsNext(ShopEvents.SETTINGS)) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, REWRITTEN);
        }
    }

    @Test
    void disableAutoIsoConversionKeepsTheText() {
        try (HostPage page = HostPage.analyticsNext(ShopEvents.SETTINGS, HostPage.loadOptions("{disableAutoISOConversion: true}"))) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, KEPT);
        }
    }

    @Test
    void classicIntegrationsRewriteItToo() {
        try (HostPage page = HostPage.npmConsumer("classicIntegrations", ShopEvents.SETTINGS, web -> { })) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, REWRITTEN);
        }
    }

    @Test
    void analyticsCoreRewritesItToo() {
        try (HostPage page = HostPage.analyticsCore(ShopEvents.SETTINGS)) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, REWRITTEN);
        }
    }

    @Test
    void thePluginKeepsTheText() {
        try (HostPage page = HostPage.analyticsNextPlugin(ShopEvents.SETTINGS)) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, KEPT);
        }
    }
}
