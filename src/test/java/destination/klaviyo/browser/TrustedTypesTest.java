package destination.klaviyo.browser;

import static destination.klaviyo.browser.PageProbes.events;
import static destination.klaviyo.browser.PageProbes.startDestination;
import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.KLAVIYO_SCRIPT_FOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Klaviyo's script on a page with Trusted Types: the destination sets the script's src through its
 * policy {@code klaviyo-destination}, made once, which makes nothing but Klaviyo's onsite URL. Where
 * the CSP does not allow that policy, it tries the plain address, which a page that does not
 * require Trusted Types for scripts (no {@code require-trusted-types-for}), or whose default policy
 * lets Klaviyo's address through, accepts; it gives up cleanly only when the browser refuses that
 * too. HtmlUnit has no Trusted Types, so {@link #trustedTypes} plays them in a page prelude.
 * https://developer.mozilla.org/en-US/docs/Web/API/Trusted_Types_API
 */
class TrustedTypesTest {
    private static final String READY = "klaviyoEvents.some(function (e) { return e[0] == 'ready'; })";

    /**
     * A prelude playing a browser with Trusted Types enforced for scripts: a script element's src
     * setter throws a TypeError for anything but the output of a policy's createScriptURL (as
     * {@code require-trusted-types-for 'script'} makes it); {@code window.trustedTypes.createPolicy}
     * throws when {@code forbidden} (a CSP {@code trusted-types} directive without the name). It
     * records, in {@code window.trustedTypesSeen}, the policies made ({@code policies}: name and the
     * policy) and every src assignment ({@code srcs}: "trusted <url>", or "refused <string>").
     * Without {@code installed} it has no {@code trustedTypes} and records src assignments alone, as
     * a browser without Trusted Types.
     */
    static String trustedTypes(boolean installed, boolean forbidden, String debug) {
        return trustedTypes(installed, forbidden, debug, "");
    }

    /**
     * {@link #trustedTypes(boolean, boolean, String)}, plus {@code more}: statements run at the end
     * of the prelude, with {@code seen} and {@code made} in scope. {@code window.trustedTypesDefault},
     * when a statement there sets it to a function, plays the site's {@code default} policy: a plain
     * string assigned to a script's src goes through it, and is refused when it returns null.
     */
    static String trustedTypes(boolean installed, boolean forbidden, String debug, String more) {
        return """
                (function () {
                  var seen = window.trustedTypesSeen = {policies: [], srcs: []};
                  var installed = %s, forbidden = %s, made = new WeakMap();
                  %s
                  var src = Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src');
                  Object.defineProperty(HTMLScriptElement.prototype, 'src', {
                    configurable: true, enumerable: src.enumerable, get: src.get,
                    set: function (value) {
                      var trusted = value !== null && typeof value == 'object' && made.has(value);
                      if (installed && !trusted && typeof window.trustedTypesDefault == 'function') {
                        var passed = window.trustedTypesDefault(String(value));
                        if (passed != null) {
                          seen.srcs.push('default ' + passed);
                          return src.set.call(this, String(passed));
                        }
                      }
                      if (installed && !trusted) {
                        seen.srcs.push('refused ' + String(value));
                        throw new TypeError("Failed to set the 'src' property on 'HTMLScriptElement': This document requires 'TrustedScriptURL' assignment.");
                      }
                      seen.srcs.push((trusted ? 'trusted ' : typeof value + ' ') + String(value));
                      src.set.call(this, trusted ? made.get(value) : value);
                    }
                  });
                  if (!installed) return;
                  window.trustedTypes = {
                    createPolicy: function (name, rules) {
                      if (forbidden) {
                        throw new TypeError("Failed to execute 'createPolicy' on 'TrustedTypePolicyFactory': Policy \\"" + name + "\\" disallowed.");
                      }
                      var policy = {name: name, createScriptURL: function (input) {
                        var url = String(rules.createScriptURL(input));
                        var trusted = {toString: function () { return url; }};
                        made.set(trusted, url);
                        return trusted;
                      }};
                      seen.policies.push(policy);
                      return policy;
                    }
                  };
                  %s
                })();
                """.formatted(installed, forbidden,
                debug == null ? "" : "localStorage.setItem('debug', '" + debug + "');", more);
    }

    private static Consumer<FakeWeb> page(boolean installed, boolean forbidden) {
        return HostPage.prelude(trustedTypes(installed, forbidden, "analytics:Klaviyo"));
    }

    @Test
    void allowedPolicyLoadsKlaviyosScriptThroughTrustedTypesMadeOncePerPage() {
        try (HostPage page = HostPage.bare(page(true, false))) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.waitUntil(READY);
            page.run("k.invoke('track', {obj: {event: 'e'}});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"e\", {}]");
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
            assertEquals("[\"trusted " + KLAVIYO_SCRIPT_FOR_KEY + "\"]", page.text("JSON.stringify(trustedTypesSeen.srcs)"));
            assertEquals("klaviyo-destination", page.text("trustedTypesSeen.policies.map(function (p) { return p.name; })"));
            assertEquals(List.of("initialize", "ready"), events(page));
        }
    }

    @Test
    void thePolicyIsMadeOnceForEveryScriptTheDestinationsOfAPageInsert() {
        // The first script fails and its element is taken away, so that a second destination inserts
        // Klaviyo's script again.
        try (HostPage page = HostPage.bare(page(true, false).andThen(web -> web.failure(HostPage.KLAVIYO_SCRIPT, 404)))) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.waitUntil(READY);
            page.run("document.querySelector('script[src*=\"static.klaviyo.com\"]').remove();"
                    + " window.k2 = new KlaviyoIntegration({apiKey: 'hfWBjc'}); k2.initialize(); k2.invoke('page', {obj: {}});");
            page.waitUntil("trustedTypesSeen.srcs.length == 2");
            assertEquals("[\"trusted " + KLAVIYO_SCRIPT_FOR_KEY + "\",\"trusted " + KLAVIYO_SCRIPT_FOR_KEY + "\"]",
                    page.text("JSON.stringify(trustedTypesSeen.srcs)"));
            assertEquals("1", page.text("trustedTypesSeen.policies.length"));
        }
    }

    @Test
    void thePolicyMakesKlaviyosOnsiteUrlsAndRefusesEveryOtherUrl() {
        try (HostPage page = HostPage.bare(page(true, false))) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.waitUntil(READY);
            page.run("""
                    window.policyMade = function (url) {
                      try { return 'made ' + trustedTypesSeen.policies[0].createScriptURL(url); }
                      catch (e) { return 'refused'; }
                    };""");
            String onsite = "https://static.klaviyo.com/onsite/js/";
            for (String url : List.of(
                    onsite + "klaviyo.js?company_id=hfWBjc",
                    onsite + "hfWBjc/klaviyo.js?company_id=hfWBjc",
                    onsite + "klaviyo.js?company_id=a%20b%2F%3F%26c",
                    onsite + "a%20b%2F%3F%26c/klaviyo.js?company_id=a%20b%2F%3F%26c",
                    onsite + "klaviyo.js?company_id=Ab-_.!~*'()9")) {
                assertEquals("made " + url, page.text("policyMade(" + destination.klaviyo.JsonText.quote(url) + ")"), url);
            }
            for (String url : List.of(
                    "https://evil.example/x.js",
                    "javascript:alert(1)",
                    "data:text/javascript,alert(1)",
                    "http://static.klaviyo.com/onsite/js/klaviyo.js?company_id=hfWBjc",
                    "https://static.klaviyo.com.evil.example/onsite/js/klaviyo.js?company_id=hfWBjc",
                    "https://evil.example/?https://static.klaviyo.com/onsite/js/klaviyo.js?company_id=hfWBjc",
                    "//static.klaviyo.com/onsite/js/klaviyo.js?company_id=hfWBjc",
                    onsite + "klaviyo.js?company_id=",
                    onsite + "klaviyo.js?company_id=hfWBjc&callback=x",
                    onsite + "klaviyo.js?company_id=hfWBjc#x",
                    onsite + "klaviyo.js?company_id=a b",
                    onsite + "klaviyo.js?company_id=a/b",
                    onsite + "klaviyo.js?company_id=%zz",
                    onsite + "klaviyo.js?company_id=%2f",
                    onsite + "other/klaviyo.js?company_id=hfWBjc",
                    onsite + "../klaviyo.js?company_id=hfWBjc",
                    onsite + "a/b/klaviyo.js?company_id=a/b",
                    onsite + "klaviyo.js?company_id=hfWBjc/klaviyo.js?company_id=hfWBjc",
                    onsite + "klaviyo.js?other=1&company_id=hfWBjc",
                    onsite + "evil.js?company_id=hfWBjc",
                    "")) {
                assertEquals("refused", page.text("policyMade(" + destination.klaviyo.JsonText.quote(url) + ")"), url);
            }
        }
    }

    /** The debug line of a destination whose page refuses Klaviyo's script both ways. */
    static final String REFUSED = "info: analytics:Klaviyo gave up: Trusted Types refuse Klaviyo's script";

    @Test
    void aCspThatForbidsThePolicyAndRequiresTrustedTypesMakesTheDestinationGiveUpCleanlyAndSayWhy() {
        try (HostPage page = HostPage.bare(page(true, true))) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.waitUntil(READY);
            assertEquals(List.of("initialize", "ready"), events(page), "ready, so that no host waits");
            page.run("k.invoke('track', {obj: {event: 'after giving up'}}); k.invoke('page', {obj: {}});");
            assertEquals(List.of(), page.klaviyoScriptRequests());
            assertEquals("[\"refused " + KLAVIYO_SCRIPT_FOR_KEY + "\"]", page.text("JSON.stringify(trustedTypesSeen.srcs)"),
                    "the plain address was tried, and the browser refused it");
            assertEquals("0", page.text("document.querySelectorAll('script[src*=\"static.klaviyo.com\"]').length"), "no script element left");
            assertEquals("false", page.text("k.loaded()"));
            assertTrue(page.check("!window.klaviyoStandIn"));
            assertEquals(List.of(REFUSED, "info: analytics:Klaviyo dropped, Klaviyo is off: track"), page.console());
        }
    }

    @Test
    void aCspThatListsOtherPoliciesWithoutRequiringTrustedTypesGetsKlaviyoThroughThePlainAddress() {
        // trusted-types default, and no require-trusted-types-for: creating our policy throws, but a
        // script's src still takes a string.
        String forbiddenOnly = "window.trustedTypes = {createPolicy: function (name) {"
                + " throw new TypeError('Policy \"' + name + '\" disallowed.'); }};";
        try (HostPage page = HostPage.bare(HostPage.prelude(forbiddenOnly))) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.waitUntil(READY);
            page.run("k.invoke('track', {obj: {event: 'e'}});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"e\", {}]");
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
            assertEquals("true", page.text("k.loaded()"));
        }
    }

    @Test
    void aSiteDefaultPolicyThatLetsKlaviyosAddressThroughGetsKlaviyoWhenOursIsForbidden() {
        // require-trusted-types-for 'script'; trusted-types default: the plain address goes through the
        // site's default policy, which here accepts Klaviyo's onsite scripts.
        String defaultPolicy = "window.trustedTypesDefault = function (url) {"
                + " return url.indexOf('https://static.klaviyo.com/onsite/js/') == 0 ? url : null; };";
        try (HostPage page = HostPage.bare(HostPage.prelude(trustedTypes(true, true, null, defaultPolicy)))) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.waitUntil(READY);
            page.run("k.invoke('track', {obj: {event: 'e'}});");
            page.assertKlaviyoCommands(ACCOUNT, "[\"track\", \"e\", {}]");
            assertEquals("[\"default " + KLAVIYO_SCRIPT_FOR_KEY + "\"]", page.text("JSON.stringify(trustedTypesSeen.srcs)"));
        }
    }

    @Test
    void analyticsNextPluginGetsKlaviyoWhenTheCspListsOtherPoliciesWithoutRequiringTrustedTypes() {
        // The plugin page's snippet sets its own script's src as a string, which enforced Trusted Types
        // would refuse: here the policy is forbidden, not enforced, so that Analytics Next loads.
        String forbiddenOnly = "window.trustedTypes = {createPolicy: function (name) {"
                + " throw new TypeError('Policy \"' + name + '\" disallowed.'); }};";
        try (HostPage page = HostPage.analyticsNextPlugin(ShopEvents.SETTINGS, HostPage.prelude(forbiddenOnly))) {
            page.whenReady(ShopEvents.TRACK_WITH_REVENUE);
            page.assertKlaviyoCommands(ACCOUNT, ShopEvents.EVENT_WITH_VALUE);
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
        }
    }

    @Test
    void aSiteBuiltFromNpmEnforcingTrustedTypesGetsKlaviyoThroughThePolicy() {
        // Analytics Next from npm sets no script's src of its own: the whole page can enforce them.
        try (HostPage page = HostPage.npmConsumer("plugins", ShopEvents.SETTINGS, page(true, false))) {
            page.whenReady(ShopEvents.TRACK_WITH_REVENUE);
            page.assertKlaviyoCommands(ACCOUNT, ShopEvents.EVENT_WITH_VALUE);
            assertEquals("[\"trusted " + KLAVIYO_SCRIPT_FOR_KEY + "\"]", page.text("JSON.stringify(trustedTypesSeen.srcs)"));
        }
    }

    @Test
    void aSiteBuiltFromNpmWhoseCspForbidsThePolicyIsStillReady() {
        try (HostPage page = HostPage.npmConsumer("plugins", ShopEvents.SETTINGS, page(true, true))) {
            page.awaitReady();
            page.whenReady("analytics.track('event'); window.tracked = true;");
            page.waitUntil("window.tracked === true");
            assertEquals(List.of(), page.klaviyoScriptRequests());
            assertEquals("[\"refused " + KLAVIYO_SCRIPT_FOR_KEY + "\"]", page.text("JSON.stringify(trustedTypesSeen.srcs)"));
            assertTrue(page.console().contains(REFUSED), page.console().toString());
        }
    }

    @Test
    void withoutTrustedTypesTheScriptsSrcIsThePlainUrl() {
        try (HostPage page = HostPage.bare(page(false, false))) {
            startDestination(page, "{apiKey: 'hfWBjc'}");
            page.waitUntil(READY);
            page.assertKlaviyoCommands(ACCOUNT);
            assertEquals("[\"string " + KLAVIYO_SCRIPT_FOR_KEY + "\"]", page.text("JSON.stringify(trustedTypesSeen.srcs)"));
            assertTrue(page.check("window.trustedTypes === undefined"));
        }
    }
}
