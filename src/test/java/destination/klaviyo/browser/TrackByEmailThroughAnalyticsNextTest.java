package destination.klaviyo.browser;

import destination.klaviyo.JsonText;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * trackByEmail end to end: Segment's snippet, Analytics Next loading klaviyo.dynamic.js, the stand-in
 * of Klaviyo's script recording every command it gets (its isIdentified() question included) and what
 * it would send to Klaviyo's servers: a browser it does not know has its events held back.
 */
class TrackByEmailThroughAnalyticsNextTest {
    private static final String ON = "{\"apiKey\": \"hfWBjc\", \"trackByEmail\": true}";
    private static final String ANN = "[\"identify\", {\"$id\": \"ann@example.com\", \"$email\": \"ann@example.com\"}]";
    private static final String ANN_SIGNED_UP = "[\"track\", \"Signed Up\", {\"plan\": \"pro\"}]";
    private static final String IS_IDENTIFIED = "[\"isIdentified\"]";

    @Test
    void anEmailUserIdInTheTracksOptionsIsIdentifiedBeforeTheTrack() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Signed Up', {plan: 'pro'}, {userId: 'ann@example.com'});");
            page.assertKlaviyoCommands(ACCOUNT, ANN, ANN_SIGNED_UP);
            assertEquals(JsonText.canonical(List.of(ANN, ANN_SIGNED_UP)), sentToKlaviyo(page), "Klaviyo sends the event, keyed to Ann");
            assertEquals("true", page.text("sessionStorage.getItem('klaviyo:identified')"));
        }
    }

    @Test
    void propertiesEmailOnAnAnonymousPageIdentifiesTheBrowserByThatEmail() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.track('Signed Up', {email: 'ann@example.com', plan: 'pro'});");
            String identified = "[\"identify\", {\"$email\": \"ann@example.com\"}]";
            String signedUp = "[\"track\", \"Signed Up\", {\"email\": \"ann@example.com\", \"plan\": \"pro\"}]";
            page.assertKlaviyoCommands(ACCOUNT, IS_IDENTIFIED, identified, signedUp);
            assertEquals(JsonText.canonical(List.of(identified, signedUp)), sentToKlaviyo(page));
        }
    }

    @Test
    void withoutTrackByEmailAnAnonymousVisitorsEventIsHeldBack() {
        // What the setting is for: the same call, off (the default), and Klaviyo keeps the event.
        try (HostPage page = HostPage.analyticsNext(ShopEvents.SETTINGS)) {
            page.whenReady("analytics.track('Signed Up', {email: 'ann@example.com', plan: 'pro'});\n"
                    + "analytics.track('Signed Up', {plan: 'pro'}, {userId: 'ann@example.com'});");
            page.assertKlaviyoCommands(ACCOUNT,
                    "[\"track\", \"Signed Up\", {\"email\": \"ann@example.com\", \"plan\": \"pro\"}]", ANN_SIGNED_UP);
            assertEquals(List.of(), sentToKlaviyo(page));
            assertEquals("2", page.text("klaviyoStandIn.cached.length"), "events held back");
        }
    }

    @Test
    void propertiesEmailAfterAnIdentifyOfTheSameEmailSendsNoIdentify() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.identify('ann@example.com');\n"
                    + "analytics.track('Signed Up', {email: 'ann@example.com'});");
            page.assertKlaviyoCommands(ACCOUNT, ANN, "[\"track\", \"Signed Up\", {\"email\": \"ann@example.com\"}]");
        }
    }

    @Test
    void propertiesEmailAfterAnIdentifyOfAnotherEmailSendsNoIdentify() {
        // The visitor is Ann, who invites Bob: the event stays Ann's.
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.identify('u1', {email: 'ann@example.com'});\n"
                    + "analytics.track('Invited Friend', {email: 'bob@example.com'});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"u1\", \"$email\": \"ann@example.com\"}]",
                    "[\"track\", \"Invited Friend\", {\"email\": \"bob@example.com\"}]");
        }
    }

    @Test
    void twoTracksWithTheSameEmailSendOneIdentify() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("""
                    analytics.track('Signed Up', {plan: 'pro'}, {userId: 'ann@example.com'});
                    analytics.track('Signed Up', {plan: 'pro'}, {userId: 'ann@example.com'});""");
            page.assertKlaviyoCommands(ACCOUNT, ANN, ANN_SIGNED_UP, ANN_SIGNED_UP);
        }
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("""
                    analytics.track('Viewed', {email: 'ann@example.com'});
                    analytics.track('Viewed', {email: 'ann@example.com'});""");
            String viewed = "[\"track\", \"Viewed\", {\"email\": \"ann@example.com\"}]";
            page.assertKlaviyoCommands(ACCOUNT, IS_IDENTIFIED, "[\"identify\", {\"$email\": \"ann@example.com\"}]",
                    viewed, viewed);
        }
    }

    @Test
    void theTabRemembersAcrossAPageLoadThatItIdentifiedTheBrowser() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.identify('u1');");
            page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"u1\"}]");
            // Klaviyo's own memory, its cookie, goes: on the next page only the tab's can tell.
            page.run("document.cookie = '__kla_id=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';");
            page.reload();
            page.whenReady("analytics.track('Invited Friend', {email: 'bob@example.com'});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"Invited Friend\", {\"email\": \"bob@example.com\"}]");
            assertEquals("null", page.text("klaviyoStandIn.identity"), "Klaviyo did not know the browser");
        }
    }

    @Test
    void onANewTabKlaviyosAnswerTellsThatTheBrowserIsIdentified() {
        try (HostPage page = HostPage.analyticsNext(ON)) {
            page.whenReady("analytics.identify('u1');");
            page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"u1\"}]");
            // A new tab: its sessionStorage is empty; Klaviyo's cookie stays.
            page.run("sessionStorage.clear();");
            page.reload();
            page.whenReady("analytics.track('Invited Friend', {email: 'bob@example.com'});");
            page.assertKlaviyoCommands(ACCOUNT, IS_IDENTIFIED,
                    "[\"track\", \"Invited Friend\", {\"email\": \"bob@example.com\"}]");
        }
    }

    @Test
    void blockedSessionStorageBreaksNothingAndThePageStillRemembers() {
        try (HostPage page = HostPage.analyticsNext(ON, HostPage.prelude("Object.defineProperty(window,"
                + " 'sessionStorage', {configurable: true, get: function () { throw new Error('storage is blocked'); }});"))) {
            page.whenReady("analytics.track('Viewed', {email: 'ann@example.com'});\n"
                    + "analytics.track('Viewed', {email: 'ann@example.com'});");
            String viewed = "[\"track\", \"Viewed\", {\"email\": \"ann@example.com\"}]";
            page.assertKlaviyoCommands(ACCOUNT, IS_IDENTIFIED, "[\"identify\", {\"$email\": \"ann@example.com\"}]",
                    viewed, viewed);
            assertEquals("blocked", page.text("(function () { try { sessionStorage; return 'open'; } catch (e) { return 'blocked'; } })()"));
        }
    }

    @Test
    void theSettingCanComeFromAnalyticsLoadOptions() throws IOException {
        // The CDN settings come from Segment's app, which has no such setting; Analytics Next merges a
        // page's load options into them.
        String next = Files.readString(Path.of(System.getProperty("basedir", ""), "test-pages", "next.html"))
                .replace("analytics.load(\"shopWriteKey\");",
                        "analytics.load(\"shopWriteKey\", {integrations: {Klaviyo: {trackByEmail: true}}});");
        try (HostPage page = HostPage.analyticsNext(ShopEvents.SETTINGS,
                web -> web.text(HostPage.SHOP + "/next.html", "text/html", next))) {
            page.whenReady("analytics.track('Signed Up', {plan: 'pro'}, {userId: 'ann@example.com'});");
            page.assertKlaviyoCommands(ACCOUNT, ANN, ANN_SIGNED_UP);
        }
    }

    /** What the stand-in would have sent to Klaviyo's servers, each as canonical JSON. */
    private static List<String> sentToKlaviyo(HostPage page) {
        return JsonText.canonical(JsonText.parseStrings(page.text("JSON.stringify(klaviyoStandIn.sent)")));
    }
}
