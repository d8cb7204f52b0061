package destination.klaviyo.browser;

import static destination.klaviyo.browser.ConsentTest.KLA_ID;
import static destination.klaviyo.browser.ConsentTest.KLA_OFF;
import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import destination.klaviyo.JsonText;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Consent's details, driving the integration on a bare page as a host does: where the categories
 * come from, what counts as a grant, settings and messages that throw or hold the wrong types, the
 * debug line, and Klaviyo's identity cookie on every parent domain.
 */
class ConsentDetailsTest {
    private static final String CONSENT_EVENT = "Segment Consent Preference Updated";

    /** Makes {@code window.k} with these settings (a JavaScript expression) and starts it with a page. */
    private static void start(HostPage page, String settings) {
        page.run("window.k = new KlaviyoIntegration(" + settings + "); k.initialize(); k.invoke('page', {obj: {}});");
    }

    /** Invokes a track of this event with this {@code context.consent.categoryPreferences} (JavaScript). */
    private static void track(HostPage page, String event, String preferences) {
        page.run("k.invoke('track', {obj: {event: " + JsonText.quote(event) + ", context: {consent: {categoryPreferences: "
                + preferences + "}}}});");
    }

    private static String sent(String event) {
        return "[\"track\", " + JsonText.quote(event) + ", {}]";
    }

    @Test
    void consentSettingsCategoriesWinOverConsentCategoriesUnlessEmpty() {
        try (HostPage page = HostPage.bare()) {
            start(page, "{apiKey: 'hfWBjc', consentSettings: {categories: ['Targeting']}, consentCategories: ['Analytics']}");
            track(page, "Targeting denied", "{Targeting: false, Analytics: true}");
            track(page, "Analytics denied", "{Targeting: true, Analytics: false}");
            page.assertKlaviyoCommands(ACCOUNT, sent("Analytics denied"));
        }
        try (HostPage page = HostPage.bare()) {
            start(page, "{apiKey: 'hfWBjc', consentSettings: {categories: []}, consentCategories: ['Analytics']}");
            track(page, "Targeting denied", "{Targeting: false, Analytics: true}");
            track(page, "Analytics denied", "{Targeting: true, Analytics: false}");
            page.assertKlaviyoCommands(ACCOUNT, sent("Targeting denied"));
        }
    }

    @Test
    void everyCategoryMustBeTrueItself() {
        try (HostPage page = HostPage.bare()) {
            start(page, "{apiKey: 'hfWBjc', consentCategories: ['Targeting', 'C0004']}");
            track(page, "one of two", "{Targeting: true}");
            track(page, "a string", "{Targeting: 'true', C0004: true}");
            track(page, "a number", "{Targeting: 1, C0004: true}");
            track(page, "both", "{Targeting: true, C0004: true, Other: false}");
            track(page, "preferences that are no object", "'all'");
            page.assertKlaviyoCommands(ACCOUNT, sent("both"), sent("preferences that are no object"));
        }
    }

    @Test
    void categoriesThatAreNoNonEmptyArrayAreNoCategories() {
        for (String categories : List.of("'Targeting'", "{0: 'Targeting', length: 1}", "[]", "null")) {
            try (HostPage page = HostPage.bare()) {
                start(page, "{apiKey: 'hfWBjc', consentCategories: " + categories + "}");
                track(page, CONSENT_EVENT, "{Targeting: false}");
                page.assertKlaviyoCommands(ACCOUNT, sent(CONSENT_EVENT));
                assertFalse(page.check(KLA_OFF), "with categories " + categories);
            }
        }
    }

    @Test
    void aCategoryThatCannotBeAKeyDropsEveryMessageWithPreferences() {
        try (HostPage page = HostPage.bare()) {
            start(page, "{apiKey: 'hfWBjc', consentCategories: [{toString: function () { throw new Error('no key'); }}]}");
            track(page, "with preferences", "{Targeting: true}");
            page.run("k.invoke('track', {obj: {event: 'without'}});");
            page.assertKlaviyoCommands(ACCOUNT, sent("without"));
        }
    }

    @Test
    void settingsAndMessagesThatThrowNeverReachThePage() {
        try (HostPage page = HostPage.bare()) {
            start(page, "{apiKey: 'hfWBjc', consentCategories: ['Targeting'],"
                    + " get consentSettings() { throw new Error('settings'); }}");
            page.run("""
                    k.invoke('track', {obj: {event: 'a context that throws', get context() { throw new Error('context'); }}});
                    k.invoke('track', {obj: {event: 'preferences that throw',
                      context: {consent: {categoryPreferences: {get Targeting() { throw new Error('preference'); }}}}}});
                    k.invoke('track', {obj: {event: 'a proxy', context: new Proxy({}, {get: function () { throw 1; }})}});
                    k.invoke('track', {obj: {event: 'granted', context: {consent: {categoryPreferences: {Targeting: true}}}}});
                    k.invoke('track', null); k.invoke('track', {obj: 'text'}); k.invoke('track');""");
            page.assertKlaviyoCommands(ACCOUNT, sent("granted"));
        }
    }

    @Test
    void aDroppedMessageIsLoggedWhenDebuggingIsOn() {
        try (HostPage page = HostPage.bare()) {
            page.run("localStorage.setItem('debug', 'analytics:Klaviyo');");
            start(page, "{apiKey: 'hfWBjc', consentCategories: ['Targeting']}");
            page.assertKlaviyoCommands(ACCOUNT);
            track(page, "denied", "{Targeting: false}");
            page.run("k.invoke('identify', {obj: {userId: 'id', context: {consent: {categoryPreferences: {}}}}});");
            assertEquals(List.of("info: analytics:Klaviyo dropped, no consent: track",
                    "info: analytics:Klaviyo dropped, no consent: identify"),
                    page.console().stream().filter(line -> line.contains("no consent")).toList());
        }
    }

    @Test
    void aRevocationDeletesKlaviyosIdentityCookieForTheHostAndItsParentDomain() {
        try (HostPage page = HostPage.bareOn("https://www.shop.example")) {
            page.run("document.cookie = '__kla_id=host; path=/';"
                    + " document.cookie = '__kla_id=www; path=/; domain=www.shop.example';"
                    + " document.cookie = '__kla_id=parent; path=/; domain=shop.example';"
                    + " document.cookie = 'other=kept; path=/; domain=shop.example';");
            assertEquals(3, ((Number) page.run("document.cookie.match(/__kla_id=/g).length")).intValue(),
                    "the identity cookies set: " + page.text("document.cookie"));
            start(page, "{apiKey: 'hfWBjc', consentCategories: ['Targeting']}");
            page.assertKlaviyoCommands(ACCOUNT);
            track(page, CONSENT_EVENT, "{Targeting: false}");
            assertFalse(page.check(KLA_ID), "the identity cookies left: " + page.text("document.cookie"));
            assertTrue(page.check(KLA_OFF));
            assertTrue(page.check("/(^|; )other=kept(;|$)/.test(document.cookie)"), page.text("document.cookie"));
            page.assertKlaviyoCommands(ACCOUNT, "[\"clearIdentity\"]");
        }
    }

    @Test
    void aRevocationDeletesKlaviyosIdentityCookieOnEveryParentDomainAndClearsKlaviyosIdentity() {
        try (HostPage page = HostPage.bareOn("https://a.b.shop.example")) {
            page.run("""
                    document.cookie = '__kla_id=host; path=/';
                    ['a.b.shop.example', 'b.shop.example', 'shop.example'].forEach(function (d) {
                      document.cookie = '__kla_id=' + d + '; path=/; domain=' + d; });""");
            assertEquals(4, ((Number) page.run("document.cookie.match(/__kla_id=/g).length")).intValue(),
                    "the identity cookies set: " + page.text("document.cookie"));
            start(page, "{apiKey: 'hfWBjc', consentCategories: ['Targeting']}");
            page.run("k.invoke('identify', {obj: {userId: 'u'}});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"u\"}]");
            track(page, CONSENT_EVENT, "{Targeting: false}");
            assertFalse(page.check(KLA_ID), "the identity cookies left: " + page.text("document.cookie"));
            assertTrue(page.check("klaviyoStandIn.identity === null"), "Klaviyo's identity for the page");
            page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"u\"}]", "[\"clearIdentity\"]");
        }
    }
}
