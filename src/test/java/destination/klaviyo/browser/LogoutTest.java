package destination.klaviyo.browser;

import static destination.klaviyo.browser.ConsentTest.KLA_ID;
import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.IDENTIFY;
import static destination.klaviyo.browser.ShopEvents.PROFILE;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A logout, as Segment tells sites to make it: {@code analytics.reset()}. On Analytics Next's
 * {@code reset} event, with or without consent categories, the destination deletes Klaviyo's
 * identity cookie {@code __kla_id} (for the host and every parent domain), asks a running Klaviyo to
 * forget the identity ({@code clearIdentity}), and forgets what the page and the tab know of who the
 * visitor is (the trackByEmail memory). The cart and the marks of lists subscribed to stay.
 */
class LogoutTest {
    private static final String SITE_CONSENT = "{\"apiKey\": \"hfWBjc\", \"consentCategories\": [\"Targeting\"]}";
    private static final String TAB_MEMORY = "sessionStorage.getItem('klaviyo:identified')";

    /**
     * The next person on a shared computer must not go on as the one who logged out: Klaviyo's
     * cookie, its identity for the page and the tab's memory all go, consent categories or not.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            with consent categories    | {"apiKey": "hfWBjc", "trackByEmail": true, "consentSettings": {"categories": ["Targeting"]}}
            without consent categories | {"apiKey": "hfWBjc", "trackByEmail": true}""")
    void resetInAnalyticsNextDeletesKlaviyosIdentityAndWhatTheTabRemembers(String categories, String settings) {
        try (HostPage page = HostPage.analyticsNext(settings)) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
            assertTrue(page.check(KLA_ID), "Klaviyo's identity cookie, from its identify: " + page.text("document.cookie"));
            assertEquals("true", page.text(TAB_MEMORY));

            page.run("analytics.reset();");
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, "[\"clearIdentity\"]");
            assertFalse(page.check(KLA_ID), "Klaviyo's identity cookie after reset: " + page.text("document.cookie"));
            assertEquals("null", page.text(TAB_MEMORY));

            // The next person's email keys their event to them, not to the person who logged out.
            page.run("analytics.track('Signed Up', {email: 'bob@example.com'});");
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, "[\"clearIdentity\"]", "[\"isIdentified\"]",
                    "[\"identify\", {\"$email\": \"bob@example.com\"}]",
                    "[\"track\", \"Signed Up\", {\"email\": \"bob@example.com\"}]");
        }
    }

    @Test
    void aLogoutKeepsTheMarksOfListsAlreadySubscribedTo() {
        // Forgetting them would subscribe the same person again, and Klaviyo send a second double
        // opt-in email: they are no one's identity (hashes), so they stay.
        String settings = "{\"apiKey\": \"hfWBjc\", \"subscribeInBrowser\": true, \"listId\": \"SetLst\","
                + " \"consentSettings\": {\"categories\": [\"Targeting\"]}}";
        String ada = "analytics.identify('id', {email: 'ada@example.com'});";
        try (HostPage page = HostPage.analyticsNext(settings,
                SubscriptionsTest.web("", SubscriptionsTest.klaviyoApi(202)))) {
            SubscriptionsTest.identify(page, ada, ACCOUNT, SubscriptionsTest.ADA_PROFILE);
            SubscriptionsTest.awaitRemembered(page, 1);
            List<String> marks = SubscriptionsTest.remembered(page);

            page.run("analytics.reset();");
            page.assertKlaviyoCommands(ACCOUNT, SubscriptionsTest.ADA_PROFILE, "[\"clearIdentity\"]");
            assertFalse(page.check(KLA_ID), "Klaviyo's identity cookie after reset: " + page.text("document.cookie"));
            assertEquals(marks, SubscriptionsTest.remembered(page));

            // She logs in again: identified again, and no second subscription.
            page.run(ada);
            page.assertKlaviyoCommands(ACCOUNT, SubscriptionsTest.ADA_PROFILE, "[\"clearIdentity\"]",
                    SubscriptionsTest.ADA_PROFILE);
            page.idle(Duration.ofMillis(500));
            SubscriptionsTest.assertSubscriptions(page, SubscriptionsTest.body("SetLst", SubscriptionsTest.ADA, null));
        }
    }

    @Test
    void resetInThePluginDeletesKlaviyosIdentityCookie() {
        try (HostPage page = HostPage.analyticsNextPlugin(SITE_CONSENT)) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
            assertTrue(page.check(KLA_ID));
            page.run("analytics.reset();");
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, "[\"clearIdentity\"]");
            assertFalse(page.check(KLA_ID), "Klaviyo's identity cookie after reset: " + page.text("document.cookie"));
        }
    }

    @Test
    void analyticsCoreHasNoResetEventSoKlaviyosCookieStays() {
        try (HostPage page = HostPage.analyticsCore(SITE_CONSENT)) {
            page.whenReady(IDENTIFY + "\nanalytics.reset();");
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
            assertTrue(page.check(KLA_ID), "Klaviyo's identity cookie after reset: " + page.text("document.cookie"));
        }
    }

    @Test
    void aLogoutDeletesKlaviyosCookieForTheHostAndEveryParentDomain() {
        try (HostPage page = HostPage.analyticsNextOn("https://a.b.shop.example", SETTINGS)) {
            page.run("""
                    document.cookie = '__kla_id=host; path=/';
                    ['a.b.shop.example', 'b.shop.example', 'shop.example'].forEach(function (d) {
                      document.cookie = '__kla_id=' + d + '; path=/; domain=' + d; });
                    document.cookie = 'other=kept; path=/; domain=shop.example';""");
            assertEquals(4, ((Number) page.run("document.cookie.match(/__kla_id=/g).length")).intValue(),
                    "the identity cookies set: " + page.text("document.cookie"));
            page.awaitReady();
            page.run("analytics.reset();");
            page.assertKlaviyoCommands(ACCOUNT, "[\"clearIdentity\"]");
            assertFalse(page.check(KLA_ID), "the identity cookies left: " + page.text("document.cookie"));
            assertTrue(page.check("/(^|; )other=kept(;|$)/.test(document.cookie)"), page.text("document.cookie"));
        }
    }

    @Test
    void aLogoutKeepsTheCartAndWhatElseTheTabStores() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS)) {
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
            page.run("sessionStorage.setItem('klaviyo_cart', '{\"items\":[1]}'); sessionStorage.setItem('klaviyo_cart_id', '\"c1\"');"
                    + " sessionStorage.setItem('site', 'kept');");
            page.run("analytics.reset();");
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, "[\"clearIdentity\"]");
            assertEquals("[\"{\\\"items\\\":[1]}\",\"\\\"c1\\\"\",\"kept\"]", page.text("JSON.stringify([sessionStorage.getItem('klaviyo_cart'),"
                    + " sessionStorage.getItem('klaviyo_cart_id'), sessionStorage.getItem('site')])"));
            assertEquals("null", page.text(TAB_MEMORY));
        }
    }
}
