package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.EVENT_WITH_VALUE;
import static destination.klaviyo.browser.ShopEvents.IDENTIFY;
import static destination.klaviyo.browser.ShopEvents.PROFILE;
import static destination.klaviyo.browser.ShopEvents.TRACK_WITH_REVENUE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import destination.klaviyo.JsonText;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Two Klaviyo destinations with different keys on one page: each keeps its own state (what it knows
 * of who the visitor is, its queue) and delivers to its own account. Klaviyo's script holds one
 * account at a time, so a destination hands it {@code ['account', key]} again before its commands
 * when another account was handed over last.
 */
class TwoDestinationsTest {
    /** What Klaviyo's stand-in sent to one account, in order, each as canonical JSON. */
    private static List<String> sentTo(HostPage page, String account) {
        return JsonText.canonical(JsonText.parseStrings(page.text("JSON.stringify(klaviyoStandIn.sent.filter(function (s, i) {"
                + " return klaviyoStandIn.sentTo[i] === " + JsonText.quote(account) + "; }))")));
    }

    @Test
    void twoIntegrationsWithDifferentKeysEachDeliverToTheirOwnAccountWithNoCrossedIdentity() {
        try (HostPage page = HostPage.bare()) {
            page.run("""
                    window.a = new KlaviyoIntegration({apiKey: 'AAAAAA', trackByEmail: true});
                    window.b = new KlaviyoIntegration({apiKey: 'BBBBBB', trackByEmail: true});
                    [a, b].forEach(function (k) { k.initialize(); k.invoke('page', {obj: {}}); });""");
            page.waitUntil("a.loaded() && b.loaded()");
            // The same person signs up with each: each destination keys the event to her with an
            // identify of its own; what one sent does not stand for the other.
            page.run("a.invoke('track', {obj: {userId: 'ada@example.com', event: 'Signed Up'}});"
                    + " b.invoke('track', {obj: {userId: 'ada@example.com', event: 'Signed Up'}});");
            String ada = "[\"identify\", {\"$id\": \"ada@example.com\", \"$email\": \"ada@example.com\"}]";
            String signedUp = "[\"track\", \"Signed Up\", {}]";
            // Klaviyo runs the queued account commands from the last pushed: B's, then A's.
            page.assertKlaviyoCommands("[\"account\", \"BBBBBB\"]", "[\"account\", \"AAAAAA\"]", ada, signedUp,
                    "[\"account\", \"BBBBBB\"]", ada, signedUp);
            assertEquals(JsonText.canonical(List.of(ada, signedUp)), sentTo(page, "AAAAAA"));
            assertEquals(JsonText.canonical(List.of(ada, signedUp)), sentTo(page, "BBBBBB"));

            // Back to A: it says its account again, and its own memory of Ada spares a second identify.
            page.run("a.invoke('track', {obj: {userId: 'ada@example.com', event: 'Came Back'}});");
            page.assertKlaviyoCommands("[\"account\", \"BBBBBB\"]", "[\"account\", \"AAAAAA\"]", ada, signedUp,
                    "[\"account\", \"BBBBBB\"]", ada, signedUp, "[\"account\", \"AAAAAA\"]", "[\"track\", \"Came Back\", {}]");
            assertEquals(JsonText.canonical(List.of(ada, signedUp, "[\"track\", \"Came Back\", {}]")), sentTo(page, "AAAAAA"));
        }
    }

    @Test
    void aPluginBesideAClassicDestinationEachDeliverToTheirOwnAccount() {
        try (HostPage page = HostPage.analyticsNextPluginBesideClassic("{\"apiKey\": \"hfWBjc\"}",
                "{\"apiKey\": \"Pl4tfm\"}")) {
            page.whenReady(IDENTIFY + "\n" + TRACK_WITH_REVENUE + "\nwindow.sentBoth = true;");
            page.waitUntil("window.sentBoth === true && window.klaviyoStandIn && klaviyoStandIn.sent.length == 4");
            assertEquals(JsonText.canonical(List.of(PROFILE, EVENT_WITH_VALUE)), sentTo(page, "hfWBjc"));
            assertEquals(JsonText.canonical(List.of(PROFILE, EVENT_WITH_VALUE)), sentTo(page, "Pl4tfm"));
            assertEquals(List.of(), page.klaviyoErrors());
            assertEquals(1, page.klaviyoScriptRequests().size(), "one Klaviyo script for both");
        }
    }
}
