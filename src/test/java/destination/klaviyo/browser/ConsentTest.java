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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * Consent (src/main/js/consent.js): with consent categories, what Klaviyo receives and which of its
 * cookies the page holds, by the visitor's choice in each host. Through Segment's consent tools
 * ({@link HostPage#analyticsNextWithConsent}, Klaviyo in the category Targeting), and with consent
 * stamped by the site itself ({@code context.consent.categoryPreferences} from the call's options or
 * a source middleware) in Analytics Next, analytics.js-core and the plugin.
 */
class ConsentTest {
    private static final String TARGETING = "[\"Targeting\"]";
    private static final String DENIED = "{\"Targeting\": false, \"Analytics\": true}";
    private static final String GRANTED = "{\"Targeting\": true, \"Analytics\": true}";
    /** Klaviyo's settings with the category Targeting, as Segment's CDN gives them. */
    private static final String CDN_CONSENT = "{\"apiKey\": \"hfWBjc\", \"consentSettings\": {\"categories\": [\"Targeting\"]}}";
    /** Klaviyo's settings with the category Targeting, as a site gives analytics.js-core or the plugin. */
    private static final String SITE_CONSENT = "{\"apiKey\": \"hfWBjc\", \"consentCategories\": [\"Targeting\"]}";

    /** A call's options stamping consent, as a site without Segment's consent tools does. */
    private static String stamped(boolean targeting) {
        return "{consent: {categoryPreferences: {Targeting: " + targeting + ", Analytics: true}}}";
    }

    private static final String EVENT_LEVEL_CALLS = "analytics.track('denied', {}, " + stamped(false) + ");\n"
            + "analytics.identify('id', {email: 'name@example.com'}, " + stamped(false) + ");\n"
            + "analytics.track('granted', {}, " + stamped(true) + ");\n"
            + "analytics.track('without consent data');";
    private static final String[] EVENT_LEVEL_COMMANDS = {ACCOUNT, "[\"track\", \"granted\", {}]",
        "[\"track\", \"without consent data\", {}]"};

    static final String KLA_OFF = "/(^|; )__kla_off=true(;|$)/.test(document.cookie)";
    static final String KLA_ID = "/(^|; )__kla_id=/.test(document.cookie)";

    @Test
    void optInWithTargetingDeniedLoadsNoKlaviyoScriptAndSetsNoKlaviyoCookie() {
        try (HostPage page = HostPage.analyticsNextWithConsent(SETTINGS, TARGETING, choice(DENIED))) {
            page.whenReady(IDENTIFY + "\n" + TRACK_WITH_REVENUE);
            page.awaitSegmentApiTrack("event");
            assertEquals(List.of(), page.klaviyoScriptRequests(), "requests for Klaviyo's script");
            assertEquals(List.of(), page.klaviyoCommands(), "the commands Klaviyo got");
            assertEquals("", page.text("document.cookie.match(/__kla_\\w+/g) || ''"), "Klaviyo's cookies");
        }
    }

    @Test
    void optInWithTargetingGrantedSendsWhatItSendsToday() {
        try (HostPage page = HostPage.analyticsNextWithConsent(SETTINGS, TARGETING, choice(GRANTED))) {
            page.whenReady(IDENTIFY + "\n" + TRACK_WITH_REVENUE + "\n" + GROUP + "\n" + COMPLETED_ORDER);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, EVENT_WITH_VALUE, ORGANIZATION, ORDER, ORDERED_MONOPOLY,
                    ORDERED_SUH_DUDE);
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
            assertTrue(page.check(KLA_ID), "Klaviyo's identity cookie, from its identify: " + page.text("document.cookie"));
            assertFalse(page.check(KLA_OFF));
        }
    }

    @Test
    void aRevocationMidSessionStopsEveryCommandTurnsKlaviyoOffAndDeletesItsIdentityCookie() {
        try (HostPage page = HostPage.analyticsNextWithConsent(SETTINGS, TARGETING, choice(GRANTED))) {
            page.whenReady(IDENTIFY + "\n" + TRACK_WITH_REVENUE);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, EVENT_WITH_VALUE);
            assertTrue(page.check(KLA_ID), "Klaviyo's identity cookie, from its identify: " + page.text("document.cookie"));

            page.run("cmp.set({Targeting: false}); analytics.track('after the revocation');"
                    + " analytics.identify('someone', {email: 'someone@example.com'}); analytics.group('g', {name: 'G'});");
            page.waitUntil(KLA_OFF);
            assertFalse(page.check(KLA_ID), "Klaviyo's identity cookie after the revocation: " + page.text("document.cookie"));
            page.awaitSegmentApiTrack("after the revocation");

            // The grant's own consent event is not sent either; the track after it is, and Klaviyo's
            // tracking is on again for the next page.
            page.run("cmp.set({Targeting: true}); analytics.track('after the grant');");
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, EVENT_WITH_VALUE, "[\"clearIdentity\"]",
                    "[\"track\", \"after the grant\", {}]");
            assertFalse(page.check(KLA_OFF), "__kla_off after the grant: " + page.text("document.cookie"));
            assertEquals(2, page.segmentApiEvents().stream()
                    .filter(e -> "Segment Consent Preference Updated".equals(e.get("event"))).count(),
                    "the consent events Segment got, none of which Klaviyo got");
        }
    }

    @Test
    void inOptOutTheConsentToolsDropTheRevocationBeforeTheDestinationHearsIt() {
        // Opt-out's middleware drops, for Klaviyo, every event whose stamp denies Targeting, the
        // consent event that revokes included: commands stop, but Klaviyo's cookies stay as they are.
        try (HostPage page = HostPage.analyticsNextWithConsent(SETTINGS, TARGETING,
                HostPage.cmpState("{\"categories\": " + GRANTED + ", \"consentModel\": \"opt-out\"}"))) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
            page.run("cmp.set({Targeting: false}); analytics.track('after the revocation');");
            page.awaitSegmentApiTrack("after the revocation");
            assertFalse(page.check(KLA_OFF));
            assertTrue(page.check(KLA_ID));
            page.run("cmp.set({Targeting: true}); analytics.track('after the grant');");
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, "[\"track\", \"after the grant\", {}]");
        }
    }

    @Test
    void klaviyosCookiesSayOffFromTheNextPageOnUntilAGrant() {
        try (HostPage page = HostPage.analyticsNextWithConsent(SETTINGS, TARGETING, choice(GRANTED))) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
            page.run("cmp.set({Targeting: false});");
            page.waitUntil(KLA_OFF);
            assertEquals("__kla_off=true", page.text("document.cookie.match(/__kla_\\w+=[^;]*/g)"),
                    "Klaviyo's cookies after the revocation");
        }
    }

    @Test
    void theFirstGrantOfAPageTurnsKlaviyoOnBeforeItsScriptStarts() {
        // A revocation on an earlier page left __kla_off; the visitor has granted since.
        Consumer<FakeWeb> earlierRevocation = HostPage.prelude("window.cmpState = {categories: " + GRANTED + "};"
                + " document.cookie = '__kla_off=true; path=/';");
        try (HostPage page = HostPage.analyticsNextWithConsent(SETTINGS, TARGETING, earlierRevocation)) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
            assertFalse(page.check(KLA_OFF));
            assertEquals(1, ((Number) page.run("klaviyoStandIn.sent.length")).intValue(),
                    "the identify Klaviyo's script sent, tracking on: " + page.text("JSON.stringify(klaviyoStandIn.sent)"));
        }
    }

    @Test
    void eachMessageIsCheckedInAnalyticsNext() {
        try (HostPage page = HostPage.analyticsNext(CDN_CONSENT)) {
            page.whenReady(EVENT_LEVEL_CALLS);
            page.assertKlaviyoCommands(EVENT_LEVEL_COMMANDS);
        }
    }

    @Test
    void eachMessageIsCheckedInAnalyticsCore() {
        try (HostPage page = HostPage.analyticsCore(SITE_CONSENT)) {
            page.whenReady(EVENT_LEVEL_CALLS);
            page.assertKlaviyoCommands(EVENT_LEVEL_COMMANDS);
        }
    }

    @Test
    void eachMessageIsCheckedInThePlugin() {
        try (HostPage page = HostPage.analyticsNextPlugin(SITE_CONSENT)) {
            page.whenReady(EVENT_LEVEL_CALLS);
            page.assertKlaviyoCommands(EVENT_LEVEL_COMMANDS);
        }
    }

    @Test
    void loadOptionsGiveAnalyticsNextsClassicDestinationItsCategories() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS,
                HostPage.loadOptions("{integrations: {Klaviyo: {consentCategories: ['Targeting']}}}"))) {
            page.whenReady(EVENT_LEVEL_CALLS);
            page.assertKlaviyoCommands(EVENT_LEVEL_COMMANDS);
        }
    }

    /**
     * The page's klaviyo-settings.js for a site that stamps consent itself, from its own banner
     * ({@code window.sitePreferences}, Targeting denied at first), with a source middleware: the
     * settings, with the category Targeting, and the middleware, added before the first page call.
     */
    private static Consumer<FakeWeb> siteStampsConsent() {
        String script = "window.klaviyoSettings = " + SITE_CONSENT + ";\n"
                + "window.sitePreferences = {Targeting: false};\n"
                + "analytics.addSourceMiddleware(function (m) {\n"
                + "  m.payload.obj.context.consent = {categoryPreferences: window.sitePreferences}; m.next(m.payload);\n"
                + "});\n";
        return web -> web.text(HostPage.SHOP + "/klaviyo-settings.js", "text/javascript", script);
    }

    /** Denied, then granted: no script until the grant, then what the grant's message sends. */
    private static void assertNoScriptUntilTheGrant(HostPage page) {
        // The host is told not to wait for Klaviyo: analytics.ready() runs.
        page.awaitReady();
        page.run("analytics.track('denied');");
        assertEquals(List.of(), page.klaviyoScriptRequests(), "requests for Klaviyo's script");
        assertEquals(List.of(), page.klaviyoCommands());

        page.run("sitePreferences = {Targeting: true}; analytics.track('granted');");
        page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"granted\", {}]");
        assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
    }

    @Test
    void aFirstPageDeniedLoadsNoScriptInAnalyticsCoreUntilAGrant() {
        try (HostPage page = HostPage.analyticsCore(SITE_CONSENT, siteStampsConsent())) {
            assertNoScriptUntilTheGrant(page);
        }
    }

    @Test
    void thePluginLoadsNoScriptUntilAMessageConsentLetsThrough() {
        try (HostPage page = HostPage.analyticsNextPlugin(SITE_CONSENT, siteStampsConsent())) {
            page.awaitSegmentApiEvents(1);
            assertNoScriptUntilTheGrant(page);
        }
    }

    @Test
    void aRevocationDeliversWhatWasQueuedBeforeItThenLogsOut() {
        // The calls consent let through before the revocation reach Klaviyo, then the logout.
        try (HostPage page = HostPage.analyticsNextPlugin(SITE_CONSENT, PageProbes.heldBackKlaviyo())) {
            page.whenReady("analytics.track('granted', {}, " + stamped(true) + ");\n"
                    + "analytics.track('Segment Consent Preference Updated', {}, " + stamped(false) + ");");
            page.awaitSegmentApiTrack("Segment Consent Preference Updated");
            page.waitUntil(KLA_OFF);
            page.run("releaseKlaviyo();");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"granted\", {}]", "[\"clearIdentity\"]");
        }
    }

    @Test
    void aDeniedIdentifySubscribesToNoList() {
        // List subscriptions go to Klaviyo's API from the identify: a denied one never reaches them.
        String settings = "{\"apiKey\": \"hfWBjc\", \"subscribeInBrowser\": true, \"listId\": \"SetLst\","
                + " \"consentSettings\": {\"categories\": [\"Targeting\"]}}";
        try (HostPage page = HostPage.analyticsNext(settings,
                SubscriptionsTest.web("", SubscriptionsTest.klaviyoApi(202)))) {
            page.whenReady("analytics.identify('id', {email: 'ada@example.com'}, " + stamped(false) + ");\n"
                    + "analytics.track('granted', {}, " + stamped(true) + ");");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"granted\", {}]");
            page.idle(java.time.Duration.ofMillis(500));
            assertEquals(List.of(), page.web().requestsTo("https://a.klaviyo.com/"), "requests to Klaviyo's API");
        }
    }

    @Test
    void withoutConsentDataEveryHostSendsWhatItSendsToday() {
        String calls = IDENTIFY + "\n" + TRACK_WITH_REVENUE + "\n" + GROUP + "\n" + COMPLETED_ORDER;
        String[] today = {ACCOUNT, PROFILE, EVENT_WITH_VALUE, ORGANIZATION, ORDER, ORDERED_MONOPOLY, ORDERED_SUH_DUDE};
        List<Supplier<HostPage>> hosts = List.of(() -> HostPage.analyticsNext(CDN_CONSENT),
                () -> HostPage.analyticsCore(SITE_CONSENT), () -> HostPage.analyticsNextPlugin(SITE_CONSENT));
        for (Supplier<HostPage> host : hosts) {
            try (HostPage page = host.get()) {
                page.whenReady(calls);
                page.assertKlaviyoCommands(today);
                assertFalse(page.check(KLA_OFF));
                assertTrue(page.check(KLA_ID));
            }
        }
    }

    @Test
    void withoutCategoriesConsentDataChangesNothing() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady("analytics.track('denied', {}, " + stamped(false) + ");\n"
                    + "analytics.track('Segment Consent Preference Updated', {}, " + stamped(false) + ");");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"denied\", {}]",
                    "[\"track\", \"Segment Consent Preference Updated\", {}]");
            assertFalse(page.check(KLA_OFF));
        }
    }

    private static Consumer<FakeWeb> choice(String categories) {
        return HostPage.cmpState("{\"categories\": " + categories + "}");
    }
}
