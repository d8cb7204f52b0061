package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.EVENT_WITH_VALUE;
import static destination.klaviyo.browser.ShopEvents.GROUP;
import static destination.klaviyo.browser.ShopEvents.IDENTIFY;
import static destination.klaviyo.browser.ShopEvents.KLAVIYO_SCRIPT_FOR_KEY;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;
import static destination.klaviyo.browser.ShopEvents.TRACK_WITH_REVENUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import destination.klaviyo.JsonText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The consent harness: Analytics Next 1.84.3 loaded through the wrapper of Segment's consent tools
 * 2.0.3 ({@code test-pages/next-consent.html}), the consent banner's stand-in
 * ({@code test-pages/cmp-standin.js}) giving the visitor's choice, and CDN settings that put Klaviyo,
 * a classic destination, in the consent category Targeting. These tests check what the consent
 * tools do around the destination, not the destination's own handling of consent.
 */
class ConsentHarnessTest {
    private static final String TARGETING = "[\"Targeting\"]";
    private static final String DENIED = "{\"Targeting\": false, \"Analytics\": true}";
    private static final String GRANTED = "{\"Targeting\": true, \"Analytics\": true}";
    private static final String CONSENT_UPDATED = "Segment Consent Preference Updated";

    @Test
    void optInWithKlaviyosCategoryDeniedNeverLoadsTheDestinationAndSegmentStillGetsEvents() {
        try (HostPage page = HostPage.analyticsNextWithConsent(SETTINGS, TARGETING, choice(DENIED))) {
            page.whenReady(TRACK_WITH_REVENUE);
            Map<String, Object> track = page.awaitSegmentApiTrack("event");
            assertEquals(JsonText.canonical("{\"revenue\": 90}"), canonical(track.get("properties")));
            assertEquals(List.of(), page.web().requestsTo(HostPage.CDN + "/next-integrations/"),
                    "requests for classic destinations' bundles (klaviyo.dynamic.js among them)");
            assertEquals(List.of(), page.klaviyoScriptRequests(), "requests for Klaviyo's script");
            assertEquals(List.of(), page.klaviyoCommands(), "the commands Klaviyo got");
        }
    }

    @Test
    void optInWithKlaviyosCategoryGrantedLoadsTheDestinationWhichDelivers() {
        try (HostPage page = HostPage.analyticsNextWithConsent(SETTINGS, TARGETING, choice(GRANTED))) {
            page.whenReady(TRACK_WITH_REVENUE);
            page.assertKlaviyoCommands(ACCOUNT, EVENT_WITH_VALUE);
            assertEquals(1, page.web().requestsTo(HostPage.DYNAMIC_URL).size(), "klaviyo.dynamic.js requests");
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
            assertEquals(JsonText.canonical(GRANTED), preferences(page.awaitSegmentApiTrack("event")));
        }
    }

    @Test
    void aChangeInTheBannerSendsSegmentConsentPreferenceUpdatedWithTheNewChoice() {
        try (HostPage page = HostPage.analyticsNextWithConsent(SETTINGS, TARGETING, choice(DENIED))) {
            page.awaitReady();
            page.run("cmp.set({Targeting: true});");
            Map<String, Object> updated = page.awaitSegmentApiTrack(CONSENT_UPDATED);
            assertEquals(JsonText.canonical(GRANTED), preferences(updated));
            assertEquals("{}", canonical(updated.get("properties")));
            assertEquals(JsonText.canonical("[" + GRANTED + "]"), JsonText.canonical(page.text("JSON.stringify(cmp.changes)")),
                    "the banner's changes");
            // Opt-in decides which destinations load once, when the page loads: granting later loads
            // nothing until the next page.
            assertEquals(List.of(), page.web().requestsTo(HostPage.CDN + "/next-integrations/"),
                    "requests for classic destinations' bundles after the grant");
        }
    }

    @Test
    void everyEventSentToSegmentCarriesTheBannersChoiceAtTheTime() {
        try (HostPage page = HostPage.analyticsNextWithConsent(SETTINGS, TARGETING, choice(DENIED))) {
            page.whenReady(IDENTIFY + "\n" + GROUP + "\nanalytics.track('before');");
            page.awaitSegmentApiTrack("before");
            page.run("cmp.set({Analytics: false}); analytics.track('after');");
            page.awaitSegmentApiTrack("after");

            String withdrawn = JsonText.canonical("{\"Targeting\": false, \"Analytics\": false}");
            List<String> seen = new ArrayList<>();
            for (Map<String, Object> event : page.segmentApiEvents()) {
                String name = event.get("type") + (event.get("event") == null ? "" : " " + event.get("event"));
                boolean afterChange = name.equals("track after") || name.equals("track " + CONSENT_UPDATED);
                assertEquals(afterChange ? withdrawn : JsonText.canonical(DENIED), preferences(event),
                        "context.consent.categoryPreferences of " + name);
                seen.add(name);
            }
            for (String expected : List.of("page", "identify", "group", "track before",
                    "track " + CONSENT_UPDATED, "track after")) {
                assertTrue(seen.contains(expected), expected + " sent to Segment's API; sent: " + seen);
            }
        }
    }

    @Test
    void withNoGrantedCategoryMappedInTheSourceTheConsentToolsTurnAnalyticsNextOff() {
        // Segment's settings for a source whose only mapped category is Targeting, with every
        // destination mapped: the visitor granted none of them, so the wrapper loads Analytics Next
        // disabled (a no-op instance), and nothing is sent anywhere.
        String source = "{\"allCategories\": [\"Targeting\"], \"hasUnmappedDestinations\": false}";
        try (HostPage page = HostPage.analyticsNextWithConsent(SETTINGS, TARGETING, source, choice(DENIED))) {
            page.waitUntil("!Array.isArray(window.analytics) && window.analytics.initialized === true");
            page.run("window.trackDone = false;"
                    + " analytics.track('event').then(function () { window.trackDone = true; });");
            page.waitUntil("window.trackDone === true");
            assertEquals(1, page.web().requestsTo(HostPage.SETTINGS_URL).size(), "CDN settings requests");
            assertEquals(List.of(), page.web().requestsTo(HostPage.SEGMENT_API), "requests to Segment's API");
            assertEquals(List.of(), page.web().requestsTo(HostPage.CDN + "/next-integrations/"),
                    "requests for classic destinations' bundles");
            assertEquals(List.of(), page.klaviyoScriptRequests(), "requests for Klaviyo's script");
        }
    }

    @Test
    void optOutLoadsTheDestinationsBundleEvenWithItsCategoryDenied() {
        // Opt-out keeps every destination and drops, per event, those for a destination whose
        // categories the event's consent stamp does not grant (a destination middleware). No
        // analytics.ready here: it waits for every classic destination to be ready, and Klaviyo's
        // starts on the first page call, which that middleware drops while Targeting is denied.
        try (HostPage page = HostPage.analyticsNextWithConsent(SETTINGS, TARGETING,
                HostPage.cmpState("{\"categories\": " + DENIED + ", \"consentModel\": \"opt-out\"}"))) {
            page.waitUntil("!Array.isArray(window.analytics) && window.analytics.initialized === true");
            page.run("analytics.track('event');");
            assertEquals(JsonText.canonical(DENIED), preferences(page.awaitSegmentApiTrack("event")));
            assertEquals(1, page.web().requestsTo(HostPage.DYNAMIC_URL).size(), "klaviyo.dynamic.js requests");
        }
    }

    @Test
    void withoutAStateTheBannerGrantsNothing() {
        try (HostPage page = HostPage.analyticsNextWithConsent(SETTINGS, TARGETING, web -> { })) {
            page.whenReady("analytics.track('event');");
            assertEquals("{}", preferences(page.awaitSegmentApiTrack("event")));
            assertEquals(List.of(), page.web().requestsTo(HostPage.CDN + "/next-integrations/"),
                    "requests for classic destinations' bundles");
        }
    }

    private static java.util.function.Consumer<FakeWeb> choice(String categories) {
        return HostPage.cmpState("{\"categories\": " + categories + "}");
    }

    /** An event's {@code context.consent.categoryPreferences}, as canonical JSON. */
    private static String preferences(Map<String, Object> event) {
        Object context = event.get("context");
        assertTrue(context instanceof Map, "an event without context: " + JsonText.write(event));
        Object consent = ((Map<?, ?>) context).get("consent");
        assertTrue(consent instanceof Map, "an event without context.consent: " + JsonText.write(event));
        Object preferences = ((Map<?, ?>) consent).get("categoryPreferences");
        assertNotNull(preferences, "an event without context.consent.categoryPreferences: " + JsonText.write(event));
        return canonical(preferences);
    }

    private static String canonical(Object value) {
        return JsonText.canonical(JsonText.write(value));
    }
}
