package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.IDENTIFY;
import static destination.klaviyo.browser.ShopEvents.KLAVIYO_SCRIPT_FOR_KEY;
import static destination.klaviyo.browser.ShopEvents.PROFILE;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import destination.klaviyo.JsonText;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Klaviyo as an Analytics Next 1.84.3 destination plugin: Segment's snippet, CDN settings without
 * Klaviyo, {@code klaviyo.js} by a script tag and
 * {@code analytics.register(KlaviyoIntegration.plugin(settings))}; the plugin's load() loads
 * Klaviyo's script. The calls are made in {@code analytics.ready}, which waits for the plugin.
 * The calls every host carries alike are in {@link CallsInEveryHostTest}.
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

    /** The warning of a plugin on a source whose CDN settings have Segment's Klaviyo on as well. */
    private static final String TWICE = "Klaviyo: Segment's Klaviyo destination is on for this source too, so"
            + " Klaviyo gets every call twice. Turn Klaviyo off in Segment, or use classicIntegrations:"
            + " [KlaviyoIntegration] instead of the plugin.";

    private static List<String> warnings(HostPage page) {
        return page.console().stream().filter(line -> line.startsWith("warn: ")).toList();
    }

    @Test
    void pluginWarnsOnceWhenSegmentsKlaviyoIsOnTooAndKlaviyoGetsEveryCallTwice() {
        try (HostPage page = HostPage.analyticsNextPlugin(SETTINGS, HostPage.segmentsKlaviyoOn(SETTINGS))) {
            page.whenReady(IDENTIFY);
            // Segment's Klaviyo (klaviyo.dynamic.js) and the plugin are two copies of the bundle, each with
            // its own state: each announces the account as it starts, and each sends the profile; the
            // order between them is Analytics Next's.
            assertEquals(JsonText.canonical(List.of(ACCOUNT, ACCOUNT, PROFILE, PROFILE)),
                    JsonText.canonical(page.awaitKlaviyoCommands(4).stream().sorted().toList()));
            assertEquals(List.of(HostPage.DYNAMIC_URL), page.web().requestsTo(HostPage.CDN + "/next-integrations/")
                    .stream().map(FakeWeb.Request::url).toList());
            assertEquals(List.of("warn: " + TWICE), warnings(page));
        }
    }

    @Test
    void pluginSaysNothingWhenTheCdnSettingsHaveNoKlaviyo() {
        try (HostPage page = HostPage.analyticsNextPlugin(SETTINGS)) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
            assertEquals(List.of(), warnings(page));
        }
    }

    @Test
    void pluginSaysNothingWhenTheLoadOptionsTurnSegmentsKlaviyoOff() {
        // integrations: {Klaviyo: false} keeps Analytics Next from loading Segment's Klaviyo, and keeps
        // every call from the plugin too: Klaviyo gets the plugin's account, and nothing twice.
        try (HostPage page = HostPage.analyticsNextPlugin(SETTINGS, HostPage.segmentsKlaviyoOn(SETTINGS)
                .andThen(HostPage.loadOptions("{integrations: {Klaviyo: false}}")))) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT);
            assertEquals(List.of(), page.web().requestsTo(HostPage.CDN + "/next-integrations/"));
            assertEquals(List.of(), warnings(page));
        }
    }
}
