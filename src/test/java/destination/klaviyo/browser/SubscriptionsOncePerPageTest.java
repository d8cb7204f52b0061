package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.SubscriptionsTest.ADA;
import static destination.klaviyo.browser.SubscriptionsTest.ADA_PROFILE;
import static destination.klaviyo.browser.SubscriptionsTest.ON;
import static destination.klaviyo.browser.SubscriptionsTest.body;
import static destination.klaviyo.browser.SubscriptionsTest.klaviyoApi;
import static destination.klaviyo.browser.SubscriptionsTest.web;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * One subscription request per person and list on a page, whatever storage does, and none after a
 * failure that used up the retries. Each case checks right after the second identify's command
 * reached Klaviyo: the destination calls fetch before that call returns, so a second request would
 * already be among the page's fetch calls.
 */
class SubscriptionsOncePerPageTest {
    private static final String ADA_IDENTIFY = "analytics.identify('id', {email: 'ada@example.com'});";
    /** Storage's method, throwing for the destination's subscription marks only (a full quota when they are written). */
    private static String throwingForMarks(String method) {
        return "(function () { var f = Storage.prototype." + method + ";"
                + " Storage.prototype." + method + " = function (k) {"
                + " if (String(k).indexOf('klaviyo_subscribed_') == 0) throw new Error('QuotaExceededError');"
                + " return f.apply(this, arguments); }; })();";
    }

    /** The page's fetch calls to Klaviyo's client API so far. */
    private static long requests(HostPage page) {
        return ((Number) page.run("fetchCalls.filter(function (c) { return c.url.indexOf('https://a.klaviyo.com/') == 0; }).length"))
                .longValue();
    }

    private static void secondIdentifySendsNothing(String prelude) {
        try (HostPage page = HostPage.analyticsNext(ON, web(prelude, klaviyoApi(202)))) {
            SubscriptionsTest.identify(page, ADA_IDENTIFY, ACCOUNT, ADA_PROFILE);
            SubscriptionsTest.awaitPosts(page, 1);
            page.run(ADA_IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, ADA_PROFILE, ADA_PROFILE);
            assertEquals(1, requests(page), "requests to Klaviyo's API");
            SubscriptionsTest.assertSubscriptions(page, body("SetLst", ADA, null));
        }
    }

    @Test
    void whenWritingTheMarkThrowsASecondIdentifySendsNothing() {
        secondIdentifySendsNothing(throwingForMarks("setItem"));
    }

    @Test
    void whenReadingTheMarkThrowsASecondIdentifySendsNothing() {
        secondIdentifySendsNothing(throwingForMarks("getItem"));
    }

    @Test
    void whenReadingAndWritingTheMarkThrowASecondIdentifySendsNothing() {
        secondIdentifySendsNothing(throwingForMarks("getItem") + throwingForMarks("setItem"));
    }

    @Test
    void withoutLocalStorageASecondIdentifySendsNothing() {
        secondIdentifySendsNothing("Object.defineProperty(window, 'localStorage', {get: function () { return null; }});");
    }

    @Test
    void aSubscriptionUnderWayIsNotStartedAgainWhenItsMarkIsGone() {
        // A 429 whose Retry-After (30 s) keeps the subscription under way, waiting to try again; the
        // site clears localStorage meanwhile (as some do on a logout).
        FakeWeb.Reply tooMany = KlaviyoClientApi.reply(429, Map.of("Retry-After", "30"));
        try (HostPage page = HostPage.analyticsNext(ON, web(SubscriptionsTest.debugOn(),
                KlaviyoClientApi.answering(tooMany, KlaviyoClientApi.reply(202, Map.of()))))) {
            SubscriptionsTest.identify(page, ADA_IDENTIFY, ACCOUNT, ADA_PROFILE);
            SubscriptionsTest.awaitPosts(page, 1);
            page.run("localStorage.clear();");
            page.run(ADA_IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, ADA_PROFILE, ADA_PROFILE);
            assertEquals(1, requests(page), "requests to Klaviyo's API");
            assertEquals(List.of("info: analytics:Klaviyo subscribing to list: SetLst"),
                    page.console().stream().filter(line -> line.contains("subscribing")).toList());
        }
    }

    @Test
    void afterTheLastRetryFailsThePageGivesUpAndTheNextPageTriesAgain() {
        try (HostPage page = HostPage.analyticsNext(ON, web(SubscriptionsTest.debugOn(), klaviyoApi(503)))) {
            page.awaitReady();
            SubscriptionsTest.random(page, 0);
            page.run(ADA_IDENTIFY);
            page.await("the failure logged", () -> page.console().contains(
                    "info: analytics:Klaviyo subscription failed: 503"), SubscriptionsTest.WAIT);
            assertEquals(3, requests(page), "the first attempt and two more");

            // A single-page app identifies on its next route: no more requests to a failing API.
            page.run(ADA_IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, ADA_PROFILE, ADA_PROFILE);
            assertEquals(3, requests(page), "requests to Klaviyo's API after the retries failed");
            assertEquals(List.of(), SubscriptionsTest.remembered(page), "nothing kept for the next page");

            // A later page load tries again.
            page.reload();
            SubscriptionsTest.identify(page, ADA_IDENTIFY, ACCOUNT, ADA_PROFILE);
            SubscriptionsTest.awaitPosts(page, 4);
            SubscriptionsTest.assertSubscriptions(page, body("SetLst", ADA, null), body("SetLst", ADA, null),
                    body("SetLst", ADA, null), body("SetLst", ADA, null));
        }
    }
}
