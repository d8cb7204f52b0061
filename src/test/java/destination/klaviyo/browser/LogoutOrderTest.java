package destination.klaviyo.browser;

import static destination.klaviyo.browser.ConsentTest.KLA_ID;
import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.IDENTIFY;
import static destination.klaviyo.browser.ShopEvents.PROFILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * A logout comes after the calls made before it. Analytics Next emits {@code reset} at once, but
 * delivers the calls made just before {@code analytics.reset()} later: each must still reach Klaviyo
 * as the person, then the logout runs ({@code clearIdentity}, {@code __kla_id} deleted, the tab's
 * identity forgotten), and every call made after it is anonymous. Through the real Analytics Next
 * (classic and plugin) and analytics.js-core, with the calls made in one tick.
 */
class LogoutOrderTest {
    private static final String SETTINGS = "{\"apiKey\": \"hfWBjc\", \"trackByEmail\": true}";
    private static final String TAB_MEMORY = "sessionStorage.getItem('klaviyo:identified')";
    private static final String CLEAR = "[\"clearIdentity\"]";
    private static final String SIGNED_OUT = "[\"track\", \"Signed Out\", {}]";
    private static final String RESET = "analytics.reset();";
    private static final String TRACK_SIGNED_OUT = "analytics.track('Signed Out');";

    private static HostPage classic() {
        return HostPage.analyticsNext(SETTINGS);
    }

    private static HostPage plugin() {
        return HostPage.analyticsNextPlugin(SETTINGS);
    }

    /** The person's identity is gone: Klaviyo's cookie and the tab's memory. */
    private static void assertLoggedOut(HostPage page) {
        assertFalse(page.check(KLA_ID), "Klaviyo's identity cookie after the logout: " + page.text("document.cookie"));
        assertEquals("null", page.text(TAB_MEMORY));
    }

    private static void identifyThenResetInOneTick(Function<String, HostPage> host) {
        try (HostPage page = host.apply(SETTINGS)) {
            page.whenReady(IDENTIFY + RESET);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, CLEAR);
            assertLoggedOut(page);
        }
    }

    @Test
    void identifyThenResetInOneTickIdentifiesThenLogsOutInAnalyticsNext() {
        identifyThenResetInOneTick(HostPage::analyticsNext);
    }

    @Test
    void identifyThenResetInOneTickIdentifiesThenLogsOutInThePlugin() {
        identifyThenResetInOneTick(HostPage::analyticsNextPlugin);
    }

    private static void identifyTrackResetInOneTick(Function<String, HostPage> host) {
        try (HostPage page = host.apply(SETTINGS)) {
            page.whenReady(IDENTIFY + TRACK_SIGNED_OUT + RESET);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, SIGNED_OUT, CLEAR);
            assertLoggedOut(page);
            // The Signed Out event went to the person, while Klaviyo still knew them.
            assertTrue(page.check("klaviyoStandIn.sent.some(function (c) { return c.indexOf('Signed Out') > 0; })"),
                    page.text("JSON.stringify(klaviyoStandIn.sent)"));
        }
    }

    @Test
    void theUsualLogoutCodeSendsTheIdentifyAndSignedOutAsThePersonThenLogsOutInAnalyticsNext() {
        identifyTrackResetInOneTick(HostPage::analyticsNext);
    }

    @Test
    void theUsualLogoutCodeSendsTheIdentifyAndSignedOutAsThePersonThenLogsOutInThePlugin() {
        identifyTrackResetInOneTick(HostPage::analyticsNextPlugin);
    }

    private static void resetThenTrackInOneTick(Function<String, HostPage> host) {
        try (HostPage page = host.apply(SETTINGS)) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
            assertTrue(page.check(KLA_ID));
            page.run(RESET + "analytics.track('Browsed');");
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, CLEAR, "[\"track\", \"Browsed\", {}]");
            assertLoggedOut(page);
            // Klaviyo holds it back as an anonymous browser's, not the person's.
            assertEquals("[\"[\\\"track\\\",\\\"Browsed\\\",{}]\"]", page.text("JSON.stringify(klaviyoStandIn.cached)"));
        }
    }

    @Test
    void aTrackRightAfterResetIsAnonymousInAnalyticsNext() {
        resetThenTrackInOneTick(HostPage::analyticsNext);
    }

    @Test
    void aTrackRightAfterResetIsAnonymousInThePlugin() {
        resetThenTrackInOneTick(HostPage::analyticsNextPlugin);
    }

    @Test
    void callsOnBothSidesOfAResetInOneTickGoToTheirOwnSide() {
        try (HostPage page = classic()) {
            page.whenReady(IDENTIFY + TRACK_SIGNED_OUT + RESET
                    + "analytics.track('Browsed'); analytics.identify('u2', {email: 'bob@example.com'});");
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, SIGNED_OUT, CLEAR, "[\"track\", \"Browsed\", {}]",
                    "[\"identify\", {\"$email\": \"bob@example.com\", \"$id\": \"u2\"}]");
            assertEquals("true", page.text(TAB_MEMORY), "the tab remembers the next person");
        }
    }

    private static String stamped(boolean targeting) {
        return "{consent: {categoryPreferences: {Targeting: " + targeting + "}}}";
    }

    @Test
    void aRevocationWhileKlaviyoLoadsDeliversTheCallsMadeBeforeItThenLogsOutAndNothingAfter() {
        // The plugin queues by itself while Klaviyo's script loads: the calls consent let through
        // before the revocation stay queued and reach Klaviyo first, then the logout; none after.
        String settings = "{\"apiKey\": \"hfWBjc\", \"consentCategories\": [\"Targeting\"]}";
        try (HostPage page = HostPage.analyticsNextPlugin(settings, PageProbes.heldBackKlaviyo())) {
            page.run("analytics.identify('id', {email: 'name@example.com'}, " + stamped(true) + ");"
                    + "analytics.track('Signed Up', {}, " + stamped(true) + ");"
                    + "analytics.track('Segment Consent Preference Updated', {}, " + stamped(false) + ");"
                    + "analytics.track('after the revocation', {}, " + stamped(false) + ");"
                    + "analytics.track('after the revocation, no consent data');");
            page.awaitSegmentApiTrack("after the revocation, no consent data");
            page.waitUntil("typeof window.releaseKlaviyo == 'function'");
            page.run("releaseKlaviyo();");
            page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$email\": \"name@example.com\", \"$id\": \"id\"}]",
                    "[\"track\", \"Signed Up\", {}]", CLEAR);
            assertFalse(page.check(KLA_ID), "Klaviyo's identity cookie after the revocation: " + page.text("document.cookie"));
            assertTrue(page.check(ConsentTest.KLA_OFF), page.text("document.cookie"));
        }
    }

    @Test
    void aRevocationInOneTickWithCallsOnBothSidesDeliversThoseBeforeIt() {
        String settings = "{\"apiKey\": \"hfWBjc\", \"consentSettings\": {\"categories\": [\"Targeting\"]}}";
        try (HostPage page = HostPage.analyticsNext(settings)) {
            page.whenReady("analytics.identify('id', {email: 'name@example.com'}, " + stamped(true) + ");"
                    + "analytics.track('Signed Up', {}, " + stamped(true) + ");"
                    + "analytics.track('Segment Consent Preference Updated', {}, " + stamped(false) + ");"
                    + "analytics.track('after the revocation');");
            page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$email\": \"name@example.com\", \"$id\": \"id\"}]",
                    "[\"track\", \"Signed Up\", {}]", CLEAR);
            assertFalse(page.check(KLA_ID), "Klaviyo's identity cookie after the revocation: " + page.text("document.cookie"));
        }
    }

    @Test
    void aLogoutWaitingInTheQueueStillRunsWhenKlaviyosScriptFails() {
        // The revocation's logout waits behind the identify queued while Klaviyo's script loads; the
        // script then fails to load: the queue is dropped, and the logout runs (Klaviyo's cookie goes).
        String granted = "{context: {consent: {categoryPreferences: {Targeting: true}}}}";
        try (HostPage page = HostPage.bare(web -> web.failure(HostPage.KLAVIYO_SCRIPT, 404))) {
            page.run("document.cookie = '__kla_id=person; path=/'; window.events = [];"
                    + " window.k = new KlaviyoIntegration({apiKey: 'hfWBjc', consentCategories: ['Targeting']});"
                    + " k.on('ready', function () { events.push('ready'); }); k.initialize();"
                    + " k.invoke('identify', {obj: {userId: 'u', context: " + granted + ".context}});"
                    + " k.invoke('track', {obj: {event: 'Segment Consent Preference Updated',"
                    + "   context: {consent: {categoryPreferences: {Targeting: false}}}}});"
                    + " window.cookieAtTheRevocation = document.cookie;");
            assertTrue(page.check("/__kla_id=person/.test(cookieAtTheRevocation)"), page.text("cookieAtTheRevocation"));
            page.waitUntil("events.length == 1 && !/__kla_id=/.test(document.cookie)");
            assertTrue(page.check(ConsentTest.KLA_OFF), page.text("document.cookie"));
            assertEquals("ready", page.text("events"));
        }
    }

    @Test
    void analyticsCoreLogsOutBeforeTheFirstCallMadeAfterReset() {
        // analytics.js-core emits no reset event, but its reset gives the next call a new anonymousId
        // and no userId: the logout goes before that call.
        try (HostPage page = HostPage.analyticsCore(SETTINGS)) {
            page.whenReady(IDENTIFY + TRACK_SIGNED_OUT + RESET + "analytics.track('Browsed');");
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, SIGNED_OUT, CLEAR, "[\"track\", \"Browsed\", {}]");
            assertLoggedOut(page);
        }
    }

    @Test
    void analyticsCoreDeliversTheCallsMadeBeforeResetAsThePersonInOrder() {
        // analytics.js-core emits no reset event: the calls before it are delivered; with no call
        // after it, nothing tells of the reset, and nothing is logged out (docs/consent-and-logout.md).
        try (HostPage page = HostPage.analyticsCore(SETTINGS)) {
            page.whenReady(IDENTIFY + TRACK_SIGNED_OUT + RESET);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, SIGNED_OUT);
            assertTrue(page.check(KLA_ID));
        }
    }
}
