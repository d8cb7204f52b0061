package destination.klaviyo.browser;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.htmlunit.BrowserVersion;
import org.htmlunit.ScriptException;
import org.htmlunit.WebClient;
import org.htmlunit.WebConsole;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.javascript.JavaScriptErrorListener;

/**
 * A shop page open in HtmlUnit with one of the real analytics.js hosts and the compiled destination,
 * every address served by a {@link FakeWeb}:
 * <ul>
 *   <li>{@link #analyticsNext}: Segment's snippet loads Analytics Next (standalone build), whose CDN
 *       settings list Klaviyo as a classic destination, so it loads {@code klaviyo.dynamic.js};</li>
 *   <li>{@link #analyticsCore}: the site's own analytics.js-core 4.x build with
 *       {@code analytics.use(KlaviyoIntegration)};</li>
 *   <li>{@link #analyticsNextPlugin}: Segment's snippet, settings without Klaviyo, and the site
 *       registering {@code KlaviyoIntegration.plugin(settings)}.</li>
 *   <li>{@link #analyticsNextWithConsent}: as {@link #analyticsNext}, but the page loads Analytics
 *       Next through Segment's consent tools, with a stand-in for the site's consent banner
 *       ({@code test-pages/cmp-standin.js}, first state from {@link #cmpState}), and the CDN settings
 *       give Klaviyo consent categories.</li>
 * </ul>
 * Klaviyo's onsite script is the stand-in {@code test-pages/klaviyo-standin.js}, which records each
 * command it gets.
 *
 * <p>Anything wrong in the page fails the test at {@link #close()} at the latest: a script error
 * (also one in a timer or an async script), a console error, a request to an address the fake web
 * does not know, an error thrown in {@link #whenReady}. {@link #problems()} lists them earlier;
 * {@link #assertKlaviyoCommands} checks them and the stand-in's errors too.
 *
 * <p>A test opens one page, which is its own browser (cookies and storage included), and closes it:
 * <pre>{@code
 * try (HostPage page = HostPage.analyticsNext("{\"apiKey\": \"hfWBjc\"}")) {
 *     page.whenReady("analytics.track('event', {revenue: 90});");
 *     page.assertKlaviyoCommands("[\"account\", \"hfWBjc\"]", "[\"track\", \"event\", {\"$value\": 90}]");
 * }
 * }</pre>
 * Calls made in {@code whenReady} reach Analytics Next's classic destinations at once; calls made
 * before it is ready wait in its buffer, which it flushes after a random delay of up to 5 seconds.
 */
final class HostPage implements AutoCloseable {
    static final String SHOP = "https://shop.example";
    static final String CDN = "https://cdn.segment.com";
    static final String WRITE_KEY = "shopWriteKey";
    static final String SETTINGS_URL = CDN + "/v1/projects/" + WRITE_KEY + "/settings";
    static final String ANALYTICS_NEXT_URL = CDN + "/analytics.js/v1/" + WRITE_KEY + "/analytics.min.js";
    static final String DYNAMIC_URL = CDN + "/next-integrations/integrations/klaviyo/1.0.0/klaviyo.dynamic.js.gz";
    /** Where Klaviyo's scripts live; both forms of the onsite script's address start so. */
    static final String KLAVIYO_ONSITE = "https://static.klaviyo.com/onsite/js/";
    /** The address of Klaviyo's onsite script for the tests' key, as Klaviyo gives it today (query aside). */
    static final String KLAVIYO_SCRIPT = KLAVIYO_ONSITE + "hfWBjc/klaviyo.js";
    /** The older address of Klaviyo's onsite script, with the key in company_id alone (query aside). */
    static final String KLAVIYO_SCRIPT_OLD_FORM = KLAVIYO_ONSITE + "klaviyo.js";
    /** Every address of Klaviyo's onsite script, either form, any key, as a regular expression. */
    static final String KLAVIYO_SCRIPTS = "https://static\\.klaviyo\\.com/onsite/js/(?:[^/]+/)?klaviyo\\.js";
    static final String SEGMENT_API = "https://api.segment.io";

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** How long no new command must arrive before a list of commands counts as complete. */
    private static final Duration QUIET = Duration.ofMillis(150);

    private static final Path BASE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path PAGES = BASE.resolve("test-pages");
    static final Path TARGET = BASE.resolve("target");
    private static final Path ANALYTICS_NEXT_DIST = PAGES.resolve("node_modules/@segment/analytics-next/dist/umd");
    private static final Path ANALYTICS_CORE = TARGET.resolve("hosts/analytics-core.js");
    private static final Path CONSENT_TOOLS = TARGET.resolve("hosts/consent-tools.js");
    /** The consumer app's bundles, made by {@code test-pages/consumer/build.mjs}. */
    static final Path CONSUMER = TARGET.resolve("consumer");

    private final WebClient client;
    private final FakeWeb web;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> console = new CopyOnWriteArrayList<>();
    private final List<String> failedLoads = new CopyOnWriteArrayList<>();
    private HtmlPage page;
    private String path;

    private HostPage(FakeWeb web) {
        this.web = web;
        client = new WebClient(BrowserVersion.BEST_SUPPORTED);
        client.getOptions().setJavaScriptEnabled(true);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnScriptError(true);
        // An address failing on purpose must reach the page as a failed load (a script's error event),
        // not as an exception; unknown addresses still fail the test, as refused requests.
        client.getOptions().setThrowExceptionOnFailingStatusCode(!web.failsOnPurpose());
        client.getOptions().setPrintContentOnFailingStatusCode(false);
        client.setWebConnection(web);
        client.setJavaScriptErrorListener(new ErrorListener());
        client.getWebConsole().setLogger(new ConsoleLogger());
    }

    /**
     * A shop page with Segment's snippet: Analytics Next loads Klaviyo as a classic destination,
     * configured by the source's CDN settings. {@code klaviyoSettings} is the destination's settings
     * as a JSON object; the CDN's version and bundling fields are added unless it has them.
     */
    static HostPage analyticsNext(String klaviyoSettings) {
        return analyticsNext(klaviyoSettings, web -> { });
    }

    /** {@link #analyticsNext(String)}, with changes to the fake web first (a route replaced, added). */
    static HostPage analyticsNext(String klaviyoSettings, Consumer<FakeWeb> changes) {
        FakeWeb web = analyticsNextWeb(Map.of("Klaviyo", classicKlaviyo(klaviyoSettings)));
        changes.accept(web);
        return open("/next.html", web);
    }

    /**
     * A shop page with Segment's snippet whose {@code analytics.load} goes through the wrapper of
     * Segment's consent tools ({@code test-pages/next-consent.html}), a stand-in for the site's
     * consent banner (set its first state with {@link #cmpState} among {@code changes}; without it,
     * nothing is granted), and CDN settings that list Klaviyo as a classic destination, as
     * {@link #analyticsNext} does, with {@code "consentSettings": {"categories": klaviyoCategories}}
     * on Klaviyo's entry: {@code klaviyoCategories} is a JSON array of category names, such as
     * {@code ["Targeting"]}. The settings' top-level {@code consentSettings} list those categories as
     * {@code allCategories}, with {@code hasUnmappedDestinations: true}, so the consent tools never
     * disable Segment as a whole; {@link #analyticsNextWithConsent(String, String, String, Consumer)}
     * sets them otherwise.
     */
    static HostPage analyticsNextWithConsent(String klaviyoSettings, String klaviyoCategories,
            Consumer<FakeWeb> changes) {
        String sourceConsent = "{\"allCategories\": " + JsonText.write(JsonText.parse(klaviyoCategories))
                + ", \"hasUnmappedDestinations\": true}";
        return analyticsNextWithConsent(klaviyoSettings, klaviyoCategories, sourceConsent, changes);
    }

    /**
     * {@link #analyticsNextWithConsent(String, String, Consumer)} with the settings' top-level
     * {@code consentSettings} given as JSON ({@code {"allCategories": [...], "hasUnmappedDestinations":
     * false}}), or left out when null. A {@code consentSettings} in {@code klaviyoSettings} wins over
     * {@code klaviyoCategories}.
     */
    static HostPage analyticsNextWithConsent(String klaviyoSettings, String klaviyoCategories,
            String sourceConsentSettings, Consumer<FakeWeb> changes) {
        assertTrue(Files.isRegularFile(CONSENT_TOOLS), CONSENT_TOOLS + " is missing: the build (mvn test) makes it"
                + " with npm run build in test-pages");
        Map<String, Object> klaviyo = classicKlaviyo(klaviyoSettings);
        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("categories", JsonText.parse(klaviyoCategories));
        klaviyo.putIfAbsent("consentSettings", consent);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (sourceConsentSettings != null) {
            extra.put("consentSettings", JsonText.parse(sourceConsentSettings));
        }
        FakeWeb web = analyticsNextWeb(Map.of("Klaviyo", klaviyo), extra)
                .file(SHOP + "/next-consent.html", PAGES.resolve("next-consent.html"))
                .file(SHOP + "/cmp-standin.js", PAGES.resolve("cmp-standin.js"))
                .file(SHOP + "/hosts/consent-tools.js", CONSENT_TOOLS);
        changes.accept(web);
        return open("/next-consent.html", web);
    }

    /**
     * {@link #prelude} setting {@code window.cmpState}, the first state of the consent banner's
     * stand-in ({@code test-pages/cmp-standin.js}), such as
     * {@code {"categories": {"Targeting": false, "Analytics": true}}} (and optionally
     * {@code "consentModel": "opt-out"}; opt-in otherwise). Like every {@link #prelude} it replaces
     * the pages: to combine it with another prelude, pass one prelude with both scripts.
     */
    static Consumer<FakeWeb> cmpState(String json) {
        return prelude("window.cmpState = " + JsonText.write(JsonText.parse(json)) + ";");
    }

    /** A shop page with analytics.js-core and {@code analytics.use(KlaviyoIntegration)}. */
    static HostPage analyticsCore(String klaviyoSettings) {
        return analyticsCore(klaviyoSettings, web -> { });
    }

    /** {@link #analyticsCore(String)}, with changes to the fake web first. */
    static HostPage analyticsCore(String klaviyoSettings, Consumer<FakeWeb> changes) {
        FakeWeb web = shopWeb(klaviyoSettings)
                .file(SHOP + "/hosts/analytics-core.js", ANALYTICS_CORE);
        changes.accept(web);
        return open("/core.html", web);
    }

    /** A shop page with Segment's snippet, no Klaviyo in the CDN settings, and the plugin registered. */
    static HostPage analyticsNextPlugin(String klaviyoSettings) {
        return analyticsNextPlugin(klaviyoSettings, web -> { });
    }

    /** {@link #analyticsNextPlugin(String)}, with changes to the fake web first. */
    static HostPage analyticsNextPlugin(String klaviyoSettings, Consumer<FakeWeb> changes) {
        FakeWeb web = analyticsNextWeb(Map.of());
        web.text(SHOP + "/klaviyo-settings.js", "text/javascript", settingsScript(klaviyoSettings));
        changes.accept(web);
        return open("/plugin.html", web);
    }

    /**
     * Changes to the fake web for the plugin pages ({@link #analyticsNextPlugin}, {@link #npmConsumer}):
     * the source's CDN settings list Klaviyo as Segment's classic destination as well, with these
     * settings (and the CDN's version and bundling fields), as for a site that left Klaviyo on in
     * Segment. Analytics Next then loads {@code klaviyo.dynamic.js} besides the plugin.
     */
    @SuppressWarnings("unchecked")
    static Consumer<FakeWeb> segmentsKlaviyoOn(String klaviyoSettings) {
        Map<String, Object> settings = cdnSettings();
        ((Map<String, Object>) settings.get("integrations")).put("Klaviyo", classicKlaviyo(klaviyoSettings));
        return web -> web.json(SETTINGS_URL, JsonText.write(settings));
    }

    /**
     * {@link #analyticsNext(String)} served from another origin (such as {@code https://a.b.shop.example}),
     * for what depends on the page's host name: Klaviyo's cookies on its parent domains.
     */
    static HostPage analyticsNextOn(String origin, String klaviyoSettings) {
        FakeWeb web = analyticsNextWeb(Map.of("Klaviyo", classicKlaviyo(klaviyoSettings)))
                .file(origin + "/next.html", PAGES.resolve("next.html"));
        return openAt(origin + "/next.html", web);
    }

    /**
     * A shop page whose source lists Klaviyo as a classic destination with {@code classicSettings}, and
     * which also registers the plugin with {@code pluginSettings} ({@code test-pages/plugin.html}): two
     * destinations, from two copies of the bundle, on one page.
     */
    static HostPage analyticsNextPluginBesideClassic(String classicSettings, String pluginSettings) {
        return analyticsNextPluginBesideClassic(classicSettings, pluginSettings, web -> { });
    }

    /** {@link #analyticsNextPluginBesideClassic(String, String)} with changes to the fake web. */
    static HostPage analyticsNextPluginBesideClassic(String classicSettings, String pluginSettings,
            Consumer<FakeWeb> changes) {
        FakeWeb web = analyticsNextWeb(Map.of("Klaviyo", classicKlaviyo(classicSettings)));
        web.text(SHOP + "/klaviyo-settings.js", "text/javascript", settingsScript(pluginSettings));
        changes.accept(web);
        return open("/plugin.html", web);
    }

    /**
     * A shop built with npm ({@code test-pages/consumer.html}): the consumer app of
     * {@code test-pages/consumer}, which installs Analytics Next and the destination's packed tarball
     * from npm and is bundled by esbuild into {@link #CONSUMER}. {@code consumerCase} is how it adds
     * Klaviyo: {@code "plugins"} or {@code "register"}, with {@code klaviyoSettings} as the plugin's
     * settings and CDN settings without Klaviyo; or {@code "classicIntegrations"}, with
     * {@code klaviyoSettings} in the CDN settings as Segment's classic Klaviyo destination (whose
     * bundle the fake web serves, as Segment's CDN does).
     */
    static HostPage npmConsumer(String consumerCase, String klaviyoSettings, Consumer<FakeWeb> changes) {
        boolean classic = "classicIntegrations".equals(consumerCase);
        FakeWeb web = analyticsNextWeb(classic ? Map.of("Klaviyo", classicKlaviyo(klaviyoSettings)) : Map.of())
                .file(SHOP + "/consumer.html", PAGES.resolve("consumer.html"))
                .directory(SHOP + "/consumer/", CONSUMER)
                .text(SHOP + "/consumer-settings.js", "text/javascript", "window.consumerCase = "
                        + JsonText.quote(consumerCase) + ";\n" + (classic ? "" : settingsScript(klaviyoSettings)));
        changes.accept(web);
        assertTrue(Files.isRegularFile(CONSUMER.resolve("app.js")), CONSUMER + "/app.js is missing: the build"
                + " (mvn test) makes it with test-pages/consumer/build.mjs");
        return open("/consumer.html", web);
    }

    /**
     * A page with the compiled destination and no host, for tests that drive the integration contract
     * themselves: {@code KlaviyoIntegration} is defined, nothing else has run.
     */
    static HostPage bare() {
        return bare(web -> { });
    }

    /** {@link #bare()}, with changes to the fake web first. */
    static HostPage bare(Consumer<FakeWeb> changes) {
        FakeWeb web = shopWeb(null);
        changes.accept(web);
        return open("/bare.html", web);
    }

    /**
     * {@link #bare()} served from another origin (such as {@code https://www.shop.example}), for what
     * depends on the page's host name: cookies of its parent domain.
     */
    static HostPage bareOn(String origin) {
        FakeWeb web = new FakeWeb()
                .file(origin + "/bare.html", PAGES.resolve("bare.html"))
                .directory(origin + "/dist/", TARGET.resolve("dist"))
                .pattern(KLAVIYO_SCRIPTS, request -> FakeWeb.Reply.of("text/javascript", standInScript()));
        return openAt(origin + "/bare.html", web);
    }

    /** The source of Klaviyo's stand-in, {@code test-pages/klaviyo-standin.js}. */
    static String standInScript() {
        try {
            return Files.readString(PAGES.resolve("klaviyo-standin.js"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Changes to the fake web that serve every host page with an inline script of the test's first
     * in its head, so that it runs before the snippet, the host and the destination. The script must
     * not contain {@code </script>}.
     */
    static Consumer<FakeWeb> prelude(String script) {
        return web -> {
            for (String name : List.of("next.html", "core.html", "plugin.html", "bare.html", "next-consent.html",
                    "consumer.html")) {
                String html;
                try {
                    html = Files.readString(PAGES.resolve(name));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                web.text(SHOP + "/" + name, "text/html", html.replace("<head>", "<head>\n<script>" + script + "</script>"));
            }
        };
    }

    /**
     * Changes to the fake web that serve the Analytics Next pages with {@code options} (a JavaScript
     * object expression) as the snippet's load options: {@code analytics.load(writeKey, options)}, as
     * a site passes {@code {integrations: {Klaviyo: {...}}}}, which Analytics Next merges into the CDN
     * settings. Replaces a {@link #prelude}'s pages.
     */
    static Consumer<FakeWeb> loadOptions(String options) {
        return web -> {
            for (String name : List.of("next.html", "plugin.html")) {
                String html;
                try {
                    html = Files.readString(PAGES.resolve(name));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                String load = "analytics.load(\"" + WRITE_KEY + "\");";
                assertTrue(html.contains(load), name + " loads Analytics Next with " + load);
                web.text(SHOP + "/" + name, "text/html",
                        html.replace(load, "analytics.load(\"" + WRITE_KEY + "\", " + options + ");"));
            }
        };
    }

    /**
     * {@link #prelude} setting {@code localStorage.debug}, as a developer does in the console before
     * reloading the page to see analytics.js's debug lines.
     */
    static Consumer<FakeWeb> localStorageDebug(String value) {
        return prelude("localStorage.setItem('debug', " + JsonText.quote(value) + ");");
    }

    /**
     * The shop origin (pages, {@code /dist/} with the compiled destination, {@code /klaviyo-settings.js})
     * and Klaviyo's onsite script.
     */
    private static FakeWeb shopWeb(String klaviyoSettings) {
        FakeWeb web = new FakeWeb()
                .file(SHOP + "/next.html", PAGES.resolve("next.html"))
                .file(SHOP + "/core.html", PAGES.resolve("core.html"))
                .file(SHOP + "/plugin.html", PAGES.resolve("plugin.html"))
                .file(SHOP + "/bare.html", PAGES.resolve("bare.html"))
                .directory(SHOP + "/dist/", TARGET.resolve("dist"))
                .pattern(KLAVIYO_SCRIPTS, request -> FakeWeb.Reply.of("text/javascript", standInScript()));
        if (klaviyoSettings != null) {
            web.text(SHOP + "/klaviyo-settings.js", "text/javascript", settingsScript(klaviyoSettings));
        }
        return web;
    }

    /**
     * Klaviyo's entry in the CDN settings as a classic destination: its settings, plus the CDN's
     * version and bundling fields unless they are there.
     */
    /**
     * Klaviyo's entry in the source's CDN settings: the test's settings, with the CDN's fields that make
     * Analytics Next load it as a classic destination (version, component types, bundling status) from
     * {@code test-pages/cdn-settings.json}, the settings the demo serves too, unless the test gives them.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> classicKlaviyo(String klaviyoSettings) {
        Map<String, Object> klaviyo = JsonText.parseObject(klaviyoSettings);
        Map<String, Object> cdn = (Map<String, Object>) ((Map<String, Object>) cdnSettings().get("integrations")).get("Klaviyo");
        for (String field : List.of("versionSettings", "type", "bundlingStatus")) {
            klaviyo.putIfAbsent(field, cdn.get(field));
        }
        return klaviyo;
    }

    /** The source's CDN settings as {@code test-pages/cdn-settings.json} has them, write key filled in. */
    private static Map<String, Object> cdnSettings() {
        try {
            return JsonText.parseObject(Files.readString(PAGES.resolve("cdn-settings.json")).replace("WRITE_KEY", WRITE_KEY));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The shop, plus Segment's CDN and tracking API for a source with these extra integrations. */
    private static FakeWeb analyticsNextWeb(Map<String, Object> integrations) {
        return analyticsNextWeb(integrations, Map.of());
    }

    /**
     * {@link #analyticsNextWeb(Map)}, with more top-level fields in the CDN settings. Segment.io stays
     * listed: Analytics Next loads classic destinations only when the settings list more than one
     * integration (it takes a single one to be Segment.io). It sends each event to the tracking API,
     * which the fake web answers (with CORS, as Analytics Next needs). No remote metrics: they would
     * only add requests to the tracking API.
     */
    @SuppressWarnings("unchecked")
    private static FakeWeb analyticsNextWeb(Map<String, Object> integrations, Map<String, Object> extraSettings) {
        Map<String, Object> settings = cdnSettings();
        Map<String, Object> all = (Map<String, Object>) settings.get("integrations");
        all.remove("Klaviyo");
        all.putAll(integrations);
        settings.putAll(extraSettings);

        return shopWeb(null)
                .file(ANALYTICS_NEXT_URL, ANALYTICS_NEXT_DIST.resolve("standalone.js"))
                .directory(CDN + "/analytics-next/bundles/", ANALYTICS_NEXT_DIST)
                .json(SETTINGS_URL, JsonText.write(settings))
                .file(DYNAMIC_URL, TARGET.resolve("dist/klaviyo.dynamic.js"))
                .api(SEGMENT_API, request -> FakeWeb.Reply.of("application/json", "{\"success\": true}"));
    }

    private static String settingsScript(String klaviyoSettings) {
        return "window.klaviyoSettings = " + JsonText.write(JsonText.parse(klaviyoSettings)) + ";\n";
    }

    private static HostPage open(String path, FakeWeb web) {
        return openAt(SHOP + path, web);
    }

    private static HostPage openAt(String url, FakeWeb web) {
        for (Path needed : List.of(TARGET.resolve("dist/klaviyo.js"), TARGET.resolve("dist/klaviyo.dynamic.js"),
                ANALYTICS_CORE, ANALYTICS_NEXT_DIST.resolve("standalone.js"))) {
            assertTrue(Files.isRegularFile(needed), needed + " is missing: the build (mvn test, or mvn package)"
                    + " installs the hosts and compiles the destination first");
        }
        HostPage host = new HostPage(web);
        host.path = url;
        try {
            host.page = host.client.getPage(url);
        } catch (IOException | RuntimeException e) {
            host.client.close();
            throw new AssertionError("could not open " + url + ": " + e, e);
        }
        host.run("window.hostPageErrors = [];");
        return host;
    }

    /**
     * Opens the same address again in this browser tab, as a visitor going on to the shop's next page:
     * cookies, localStorage and sessionStorage stay; the page's scripts, the host and the destination
     * start afresh. Fails first if anything went wrong on the page left.
     */
    void reload() {
        assertEquals(List.of(), problems(), "problems in the page left");
        try {
            page = client.getPage(page.getUrl());
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("could not reload " + page.getUrl() + ": " + e, e);
        }
        run("window.hostPageErrors = [];");
    }

    /**
     * The text of {@code test-pages/fetch-on-xhr.js}: a {@code window.fetch} for HtmlUnit, which has
     * none, made of XMLHttpRequest, recording each call's options in {@code window.fetchCalls}. Serve
     * it with {@link #prelude}.
     */
    static String fetchOnXhr() {
        try {
            return Files.readString(PAGES.resolve("fetch-on-xhr.js"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The fake web this page is served from, with every request it made. */
    FakeWeb web() {
        return web;
    }

    /** Runs JavaScript in the page and returns its result (as HtmlUnit converts it). */
    Object run(String script) {
        return page.executeJavaScript(script).getJavaScriptResult();
    }

    /** Runs a JavaScript expression in the page and returns its value as a string. */
    String text(String expression) {
        Object result = run("String(" + expression + ")");
        return String.valueOf(result);
    }

    /** Whether a JavaScript expression is truthy in the page now. */
    boolean check(String condition) {
        return Boolean.TRUE.equals(run("!!(" + condition + ")"));
    }

    /**
     * Runs statements once the host says it is ready ({@code analytics.ready(...)}), which for
     * Analytics Next means every destination is loaded, so nothing waits in its buffers. An error
     * thrown by the statements becomes one of the {@link #problems()}.
     */
    void whenReady(String statements) {
        run("analytics.ready(function () { try {\n" + statements + "\n} catch (e) {"
                + " window.hostPageErrors.push(String(e && e.stack || e)); } });");
    }

    /** Waits until the host is ready ({@code analytics.ready}). */
    void awaitReady() {
        run("window.hostPageReady = false; analytics.ready(function () { window.hostPageReady = true; });");
        waitUntil("window.hostPageReady === true");
    }

    /** Waits until a JavaScript condition is truthy, for at most 20 seconds. */
    void waitUntil(String condition) {
        waitUntil(condition, WAIT);
    }

    /** Waits until a JavaScript condition is truthy, while the page's timers and scripts run. */
    void waitUntil(String condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still false after " + timeout.toMillis() + " ms: " + condition
                        + problemsNote());
            }
            pause(10);
        }
    }

    /**
     * Waits until a condition on the test's side (requests the fake web got, say) holds, for at most
     * {@code timeout}, while the page's timers and scripts run.
     */
    void await(String what, java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what + problemsNote());
            }
            pause(10);
        }
    }

    /**
     * From now on the page's clock is fake: {@code Date.now()} is {@code now} until {@link #advance}
     * moves it, and a timer of 100 ms or more waits for {@link #advance} to reach it, whatever the
     * wall clock says; shorter timers (the hosts' own steps) run as they would. So a test asserts the
     * exact waits the page asked for ({@link #timersAsked}) and never a window of wall-clock time.
     */
    void fakeClock(long now) {
        run("""
                (function (w) {
                  var realSet = w.setTimeout, realClear = w.clearTimeout, held = [], next = 1e9, now = %d;
                  var clock = w.hostPageClock = { asked: [] };
                  Date.now = function () { return now; };
                  w.setTimeout = function (f, ms) {
                    if (!(ms >= 100)) return realSet.apply(w, arguments);
                    clock.asked.push(ms);
                    held.push({ id: next, at: now + ms, f: f });
                    return next++;
                  };
                  w.clearTimeout = function (id) {
                    held = held.filter(function (t) { return t.id !== id; });
                    return realClear.call(w, id);
                  };
                  clock.advance = function (ms) {
                    var until = now + ms, due;
                    while ((due = held.filter(function (t) { return t.at <= until; })).length) {
                      due.sort(function (a, b) { return a.at - b.at; });
                      held.splice(held.indexOf(due[0]), 1);
                      now = due[0].at;
                      due[0].f();
                    }
                    now = until;
                  };
                })(window);""".formatted(now));
    }

    /** Moves the page's fake clock ({@link #fakeClock}) on, running the timers it reaches, in their order. */
    void advance(Duration duration) {
        run("hostPageClock.advance(" + duration.toMillis() + ");");
    }

    /** The waits of 100 ms or more the page asked for since its clock became fake, in milliseconds, in order. */
    List<Double> timersAsked() {
        return ((List<?>) JsonText.parse(text("JSON.stringify(hostPageClock.asked)"))).stream()
                .map(ms -> ((Number) ms).doubleValue()).toList();
    }

    /** Lets the page run for a while: its timers fire, its requests are answered. */
    void idle(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            pause(10);
        }
    }

    /** The commands Klaviyo's stand-in has received so far, each as JSON text. */
    List<String> klaviyoCommands() {
        return JsonText.parseStrings(text("JSON.stringify(window.klaviyoStandIn ? klaviyoStandIn.commands : [])"));
    }

    /** The errors Klaviyo's stand-in has recorded: commands it could not take. */
    List<String> klaviyoErrors() {
        return JsonText.parseStrings(text("JSON.stringify(window.klaviyoStandIn ? klaviyoStandIn.errors : [])"));
    }

    /**
     * Waits until the stand-in has at least {@code count} commands and then no new one for a short
     * while, and returns them all.
     */
    List<String> awaitKlaviyoCommands(int count) {
        waitUntil("window.klaviyoStandIn && klaviyoStandIn.commands.length >= " + count);
        List<String> commands = klaviyoCommands();
        long quietUntil = System.nanoTime() + QUIET.toNanos();
        while (System.nanoTime() < quietUntil) {
            pause(10);
            List<String> now = klaviyoCommands();
            if (now.size() != commands.size()) {
                commands = now;
                quietUntil = System.nanoTime() + QUIET.toNanos();
            }
        }
        return commands;
    }

    /**
     * Asserts the stand-in got exactly these commands, in this order, each compared as JSON (key
     * order aside), and recorded no error. Waits for them first.
     */
    void assertKlaviyoCommands(String... expected) {
        List<String> actual = awaitKlaviyoCommands(expected.length);
        assertEquals(JsonText.canonical(List.of(expected)), JsonText.canonical(actual),
                "the commands Klaviyo got" + problemsNote());
        assertEquals(List.of(), klaviyoErrors(), "errors recorded by Klaviyo's stand-in");
        assertEquals(List.of(), problems(), "problems in the page");
    }

    /**
     * The events Analytics Next has sent to Segment's tracking API so far, in order: the JSON body of
     * each POST to {@link #SEGMENT_API}, parsed ({@code type}, {@code event}, {@code context}...).
     */
    List<Map<String, Object>> segmentApiEvents() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (FakeWeb.Request request : web.requestsTo(SEGMENT_API)) {
            if (request.method() == org.htmlunit.HttpMethod.POST && request.body() != null) {
                events.add(JsonText.parseObject(request.body()));
            }
        }
        return events;
    }

    /**
     * Waits until Segment's tracking API has got a track of this event name, for at most 20 seconds,
     * and returns the first one.
     */
    Map<String, Object> awaitSegmentApiTrack(String event) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<Map<String, Object>> events = segmentApiEvents();
            for (Map<String, Object> sent : events) {
                if ("track".equals(sent.get("type")) && event.equals(sent.get("event"))) {
                    return sent;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Segment's API got no track '" + event + "' within " + WAIT.toMillis()
                        + " ms; it got: " + JsonText.write(events) + problemsNote());
            }
            pause(10);
        }
    }

    /**
     * Waits until Segment's tracking API has got at least {@code count} events, for at most 20 seconds,
     * then until no new one arrives for a short while, and returns them all.
     */
    List<Map<String, Object>> awaitSegmentApiEvents(int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (segmentApiEvents().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Segment's API got fewer than " + count + " events within " + WAIT.toMillis()
                        + " ms: " + JsonText.write(segmentApiEvents()) + problemsNote());
            }
            pause(10);
        }
        List<Map<String, Object>> events = segmentApiEvents();
        long quietUntil = System.nanoTime() + QUIET.toNanos();
        while (System.nanoTime() < quietUntil) {
            pause(10);
            List<Map<String, Object>> now = segmentApiEvents();
            if (now.size() != events.size()) {
                events = now;
                quietUntil = System.nanoTime() + QUIET.toNanos();
            }
        }
        return events;
    }

    /** The requests for Klaviyo's onsite script (either address), full addresses. */
    List<String> klaviyoScriptRequests() {
        List<String> urls = new ArrayList<>();
        for (FakeWeb.Request request : web.requestsTo(KLAVIYO_ONSITE)) {
            urls.add(request.url());
        }
        return urls;
    }

    /**
     * What went wrong in the page so far: script errors (from any job), console errors, errors caught
     * by {@link #whenReady}, and requests to addresses the fake web does not know.
     */
    List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        if (page != null) {
            try {
                all.addAll(JsonText.parseStrings(text("JSON.stringify(window.hostPageErrors || [])")));
            } catch (RuntimeException e) {
                all.add("could not read window.hostPageErrors: " + e);
            }
        }
        for (FakeWeb.Request request : web.refused()) {
            all.add("refused request (no test may go online): " + request);
        }
        return all;
    }

    /** Everything the page wrote to its console, as "level: text". */
    List<String> console() {
        return List.copyOf(console);
    }

    /** The scripts that failed to load from addresses the fake web fails on purpose, full addresses. */
    List<String> failedLoads() {
        return List.copyOf(failedLoads);
    }

    /** Closes the browser, then fails if anything went wrong in the page. */
    @Override
    public void close() {
        List<String> found;
        try {
            found = problems();
        } finally {
            client.close();
        }
        assertEquals(List.of(), found, "problems in the page");
    }

    private String problemsNote() {
        List<String> found = problems();
        return found.isEmpty() ? "" : "\nproblems in the page: " + found;
    }

    private void pause(long milliseconds) {
        // The page's timers and async scripts run on HtmlUnit's own thread meanwhile; this returns at
        // once when none is due, hence the sleep as well.
        client.waitForBackgroundJavaScriptStartingBefore(milliseconds, 5 * milliseconds);
        try {
            Thread.sleep(milliseconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private final class ErrorListener implements JavaScriptErrorListener {
        @Override
        public void scriptException(HtmlPage htmlPage, ScriptException e) {
            problems.add("script error: " + e.getMessage());
        }

        @Override
        public void timeoutError(HtmlPage htmlPage, long allowed, long executionTime) {
            problems.add("script timeout after " + executionTime + " ms");
        }

        @Override
        public void malformedScriptURL(HtmlPage htmlPage, String url, java.net.MalformedURLException e) {
            problems.add("malformed script address: " + url);
        }

        @Override
        public void loadScriptError(HtmlPage htmlPage, java.net.URL url, Exception e) {
            if (web.failsOnPurpose(url)) {
                failedLoads.add(url.toExternalForm());
                return;
            }
            problems.add("script failed to load: " + url + ": " + e);
        }

        @Override
        public void warn(String message, String sourceName, int line, String lineSource, int lineOffset) {
            console.add("warn: " + message + " (" + sourceName + ":" + line + ")");
        }
    }

    private final class ConsoleLogger implements WebConsole.Logger {
        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public void trace(Object message) {
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public void debug(Object message) {
            console.add("debug: " + message);
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public void info(Object message) {
            console.add("info: " + message);
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public void warn(Object message) {
            console.add("warn: " + message);
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public void error(Object message) {
            console.add("error: " + message);
            problems.add("console error: " + message);
        }
    }
}
