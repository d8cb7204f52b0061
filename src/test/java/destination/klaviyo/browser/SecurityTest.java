package destination.klaviyo.browser;

import destination.klaviyo.JsonText;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.COMPLETED_ORDER;
import static destination.klaviyo.browser.ShopEvents.IDENTIFY;
import static destination.klaviyo.browser.ShopEvents.ORDER;
import static destination.klaviyo.browser.ShopEvents.ORDERED_MONOPOLY;
import static destination.klaviyo.browser.ShopEvents.ORDERED_SUH_DUDE;
import static destination.klaviyo.browser.ShopEvents.PROFILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * What the destination must never do with a site's secrets and markup: use, keep, log or send
 * Segment's {@code privateKey} (Segment's servers use it; a browser must not); let the public key add markup or parameters to Klaviyo's address; run
 * strings as code. The private-key tests turn debug logging on, so that a logged secret shows.
 *
 * <p>HtmlUnit 5.7 does not enforce Content-Security-Policy for scripts (it reads the header only for
 * frame-ancestors; a {@code <meta>} policy is ignored), so the bundle's CSP-compatibility is shown by a
 * scan of the bundle and by tripwires on every string-to-code and markup API while it runs.
 */
class SecurityTest {
    private static final String SECRET = "pk_secret_123";
    private static final String SETTINGS_WITH_SECRET = "{\"apiKey\": \"hfWBjc\", \"privateKey\": \"" + SECRET + "\"}";
    private static final Path DIST = HostPage.TARGET.resolve("dist");

    /**
     * Where the secret would show if the destination sent, logged or published it: requests (addresses
     * and bodies; the CDN settings the test served are a response, not a request), Klaviyo's commands
     * and queue, console lines, the page's markup.
     */
    private static void assertSecretNotSentOrLogged(HostPage page) {
        List<String> found = new ArrayList<>();
        for (FakeWeb.Request request : page.web().requests()) {
            if (request.url().contains(SECRET) || request.body() != null && request.body().contains(SECRET)) {
                found.add("request " + request);
            }
        }
        for (String command : page.klaviyoCommands()) {
            if (command.contains(SECRET)) {
                found.add("Klaviyo command " + command);
            }
        }
        for (String line : page.console()) {
            if (line.contains(SECRET)) {
                found.add("console line " + line);
            }
        }
        if (page.check("document.documentElement.outerHTML.indexOf('" + SECRET + "') >= 0")) {
            found.add("the page's markup");
        }
        for (String queue : List.of("_learnq", "_klOnsite")) {
            if (page.check("probe.strings(window." + queue + ").some(function (s) { return s.indexOf('" + SECRET + "') >= 0; })")) {
                found.add("window." + queue);
            }
        }
        assertEquals(List.of(), found, "where the private key was found");
    }

    /**
     * Asserts the secret is nowhere in what the integration object holds: every string reachable from
     * its own properties, the destination's internals ({@code _k}) included, except the host's own
     * {@code analytics} reference (Analytics Next sets it; it holds Analytics Next's CDN settings). The
     * destination refers back to its integration object (the host that holds {@code analytics}): the
     * walk does not enter it again.
     */
    private static void assertSecretNotKept(HostPage page, String integration) {
        page.run("window.walkedIntegration = " + integration + ";");
        String walked = "(function (i) { var o = {}; Reflect.ownKeys(i).forEach(function (key) {"
                + " if (key !== 'analytics') o[key] = i[key]; }); return o; })(walkedIntegration), [walkedIntegration]";
        List<String> strings = JsonText.parseStrings(page.text("JSON.stringify(probe.strings(" + walked + "))"));
        assertTrue(strings.size() > 3, "the walk found the integration's strings: " + strings);
        List<String> paths = JsonText.parseStrings(page.text("JSON.stringify(probe.stringPaths(" + walked + ")"
                + ".filter(function (p) { return p[1].indexOf('" + SECRET + "') >= 0; })"
                + ".map(function (p) { return 'integration' + p[0]; }))"));
        assertEquals(List.of(), paths, "where the integration object holds the private key");
    }

    private static final String SEND_EVERYTHING = """
            k.invoke('identify', {obj: {userId: 'id', traits: {email: 'name@example.com'}}});
            k.invoke('track', {obj: {event: 'Viewed', properties: {revenue: 3}}});
            k.invoke('track', {obj: {event: 'Order Completed', properties: {order_id: 'o', products: [{product_id: 'p'}]}}});
            k.invoke('group', {obj: {traits: {name: 'n'}}});""";

    @Test
    void thePrivateKeyIsNeverUsedLoggedOrSentFromABarePage() {
        try (HostPage page = HostPage.bare(HostPage.localStorageDebug("analytics:*"))) {
            PageProbes.install(page);
            page.run("window.settings = {apiKey: 'hfWBjc', privateKey: '" + SECRET + "', listId: 'list'};"
                    + "window.settingsBefore = probe.fingerprint(settings);");
            PageProbes.startDestination(page, "settings");
            page.run(SEND_EVERYTHING);
            page.awaitKlaviyoCommands(6);
            assertTrue(page.console().size() >= 6, "debug logging is on: " + page.console());
            assertEquals("{\"apiKey\":\"hfWBjc\",\"enforceEmail\":false}", page.text("JSON.stringify(k.options)"));
            assertSecretNotSentOrLogged(page);
            assertTrue(page.check("probe.fingerprint(settings) === settingsBefore"), "the settings changed");
        }
    }

    @Test
    void thePrivateKeyFromAnalyticsNextCdnSettingsIsNeverUsedLoggedOrSent() {
        try (HostPage page = HostPage.analyticsNext(SETTINGS_WITH_SECRET, HostPage.localStorageDebug("analytics:*"))) {
            PageProbes.install(page);
            page.whenReady(IDENTIFY + COMPLETED_ORDER);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, ORDER, ORDERED_MONOPOLY, ORDERED_SUH_DUDE);
            assertTrue(page.console().stream().anyMatch(line -> line.startsWith("info: analytics:Klaviyo sent:")),
                    "debug logging is on: " + page.console());
            assertTrue(page.check(NEXT_INTEGRATION + " instanceof klaviyoIntegration"), "found the Klaviyo integration");
            assertEquals("{\"apiKey\":\"hfWBjc\",\"enforceEmail\":false}",
                    page.text("JSON.stringify(" + NEXT_INTEGRATION + ".options)"));
            assertSecretNotSentOrLogged(page);
        }
    }

    @Test
    void thePrivateKeyIsNeverUsedLoggedOrSentWithAnalyticsCoreOrThePlugin() {
        try (HostPage page = HostPage.analyticsCore(SETTINGS_WITH_SECRET, HostPage.localStorageDebug("analytics:*"))) {
            PageProbes.install(page);
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
            assertSecretNotSentOrLogged(page);
        }
        try (HostPage page = HostPage.analyticsNextPlugin(SETTINGS_WITH_SECRET, HostPage.localStorageDebug("analytics:*"))) {
            PageProbes.install(page);
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
            assertSecretNotSentOrLogged(page);
            assertSecretNotKept(page, "analytics.queue.plugins.filter(function (p) { return p.name == 'Klaviyo'; })[0]");
        }
    }

    private static final String NEXT_INTEGRATION =
            "analytics.queue.plugins.filter(function (p) { return p.name == 'Klaviyo'; })[0].integration";

    @Test
    void thePrivateKeyIsNotKeptByTheIntegrationObject() {
        try (HostPage page = HostPage.bare()) {
            PageProbes.install(page);
            PageProbes.startDestination(page, "{apiKey: 'hfWBjc', privateKey: '" + SECRET + "'}");
            page.run(SEND_EVERYTHING + "for (var i = 0; i < 2000; i++) k.invoke('track', {obj: {event: 'e' + i}});");
            page.awaitKlaviyoCommands(2006);
            assertSecretNotKept(page, "k");
        }
        try (HostPage page = HostPage.analyticsCore(SETTINGS_WITH_SECRET)) {
            PageProbes.install(page);
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
            assertSecretNotKept(page, "analytics._integrations.Klaviyo");
        }
        try (HostPage page = HostPage.analyticsNext(SETTINGS_WITH_SECRET)) {
            PageProbes.install(page);
            page.whenReady(IDENTIFY);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE);
            assertSecretNotKept(page, NEXT_INTEGRATION);
        }
    }

    @Test
    void theKeyGoesIntoKlaviyosAddressUrlEncodedAndAddsNoMarkup() {
        String key = "a\"><script>window.pwned=1</script>";
        String encoded = "a%22%3E%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E";
        try (HostPage page = HostPage.bare()) {
            PageProbes.install(page);
            page.run("window.elementsBefore = document.getElementsByTagName('*').length;");
            PageProbes.startDestination(page, "{apiKey: " + JsonText.quote(key) + "}");
            page.assertKlaviyoCommands("[\"account\", " + JsonText.quote(key) + "]");
            String address = HostPage.KLAVIYO_ONSITE + encoded + "/klaviyo.js?company_id=" + encoded;
            assertEquals(List.of(address), page.klaviyoScriptRequests());
            assertEquals(address,
                    page.text("document.querySelector('script[src*=\"static.klaviyo.com\"]').getAttribute('src')"));
            assertEquals("1", page.text("document.getElementsByTagName('*').length - elementsBefore"),
                    "only Klaviyo's script element was added");
            assertEquals("2", page.text("document.scripts.length"), "the bundle's and Klaviyo's");
            assertTrue(page.check("window.pwned === undefined"));
            assertEquals("[]", page.text("JSON.stringify(probe.pollution())"));
        }
        try (HostPage page = HostPage.bare()) {
            PageProbes.startDestination(page, "{apiKey: 'x&company_id=evil#frag'}");
            page.waitUntil("window.klaviyoStandIn && klaviyoStandIn.running");
            assertEquals(List.of(HostPage.KLAVIYO_ONSITE + "x%26company_id%3Devil%23frag/klaviyo.js"
                    + "?company_id=x%26company_id%3Devil%23frag"), page.klaviyoScriptRequests());
        }
    }

    @Test
    void theBundleHoldsNoStringToCodeOrMarkupApi() throws IOException {
        Pattern forbidden = Pattern.compile("\\beval\\s*\\(|\\bnew\\s+Function\\b|\\bFunction\\s*\\(|document\\.write"
                + "|innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|srcdoc|javascript:"
                + "|setAttribute\\s*\\(\\s*[\"'`]on|set(?:Timeout|Interval)\\s*\\(\\s*[\"'`]|\\bimport\\s*\\(");
        for (String name : List.of("klaviyo.js", "klaviyo.dynamic.js")) {
            String code = Files.readString(DIST.resolve(name));
            assertTrue(code.length() > 10_000, name + " is the built bundle");
            List<String> hits = new ArrayList<>();
            Matcher matcher = forbidden.matcher(code);
            while (matcher.find()) {
                hits.add(code.substring(Math.max(0, matcher.start() - 40), Math.min(code.length(), matcher.end() + 40)));
            }
            assertEquals(List.of(), hits, name);
            // The one timer passes a function.
            Matcher timers = Pattern.compile("set(?:Timeout|Interval)\\s*\\(\\s*([^,)]{0,12})").matcher(code);
            while (timers.find()) {
                assertTrue(timers.group(1).startsWith("function") || timers.group(1).startsWith("("),
                        name + ": a timer with " + timers.group(1));
            }
        }
    }

    /** Tripwires on every API that turns a string into code or markup, set before the bundle loads. */
    private static final String TRIPWIRES = """
            (function () {
              var hits = window.tripwireHits = [];
              function wire(owner, name, when) {
                var original = owner[name];
                if (typeof original != 'function') return;
                var wired = function () {
                  if (!when || when.apply(this, arguments)) hits.push(name + '(' + String(arguments[0]).slice(0, 60) + ')');
                  return original.apply(this, arguments);
                };
                wired.prototype = original.prototype;
                owner[name] = wired;
              }
              wire(window, 'eval');
              var F = Function;
              wire(window, 'Function');
              try { Object.defineProperty(F.prototype, 'constructor', {value: window.Function, configurable: true, writable: true}); } catch (e) {}
              wire(window, 'setTimeout', function (f) { return typeof f != 'function'; });
              wire(window, 'setInterval', function (f) { return typeof f != 'function'; });
              wire(document, 'write'); wire(document, 'writeln');
              wire(Element.prototype, 'insertAdjacentHTML');
              wire(Element.prototype, 'setAttribute', function (n) { return /^on/i.test(String(n)); });
              [Element.prototype, HTMLElement.prototype].forEach(function (proto) {
                ['innerHTML', 'outerHTML'].forEach(function (name) {
                  var d = Object.getOwnPropertyDescriptor(proto, name);
                  if (d && d.set) Object.defineProperty(proto, name, {configurable: true, enumerable: d.enumerable, get: d.get,
                    set: function (v) { hits.push(name + ' = ' + String(v).slice(0, 60)); return d.set.call(this, v); }});
                });
              });
            })();""";

    @Test
    void noStringBecomesCodeOrMarkupWhileTheDestinationRuns() {
        try (HostPage page = HostPage.bare(HostPage.prelude(TRIPWIRES))) {
            // The tripwires work: each catches what it is there for.
            page.run("eval('1'); new Function('return 1'); (function () {}).constructor('return 1'); setTimeout('1', 0);"
                    + " document.body.setAttribute('onclick', 'x'); document.body.insertAdjacentHTML('beforeend', '<i></i>');");
            assertEquals("[\"eval(1)\",\"Function(return 1)\",\"Function(return 1)\",\"setTimeout(1)\","
                    + "\"setAttribute(onclick)\",\"insertAdjacentHTML(beforeend)\"]", page.text("JSON.stringify(tripwireHits)"));
            page.run("tripwireHits.length = 0; document.body.removeAttribute('onclick');");

            PageProbes.install(page);
            PageProbes.startDestination(page, "{apiKey: 'hfWBjc', loadTimeout: 300}");
            page.run("""
                    k.invoke('identify', {obj: {userId: 'id', traits: {email: 'a@b.co', firstName: '<img src=x onerror=alert(1)>'}}});
                    k.invoke('track', {obj: {event: '<script>alert(1)</script>', properties: {html: '"><svg onload=alert(1)>'}}});
                    k.invoke('track', {obj: {event: 'Order Completed', properties: {order_id: 'javascript:alert(1)', products: [{product_id: 'p'}]}}});""");
            page.awaitKlaviyoCommands(5);
            page.run("k.reset();");
            assertEquals("[]", page.text("JSON.stringify(tripwireHits)"));
            assertEquals("0", page.text("Array.prototype.filter.call(document.scripts, function (s) {"
                    + " return !s.src || s.text.trim() !== ''; }).length - 1"), "no inline script but the tripwires'");
            assertFalse(page.check("document.body.innerHTML.indexOf('alert') >= 0"));
        }
    }
}
