package destination.klaviyo.browser;

import destination.klaviyo.JsonText;
import destination.klaviyo.MappingCases;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.EVENT_WITH_VALUE;
import static destination.klaviyo.browser.ShopEvents.IDENTIFY;
import static destination.klaviyo.browser.ShopEvents.KLAVIYO_SCRIPT_FOR_KEY;
import static destination.klaviyo.browser.ShopEvents.PROFILE;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;
import static destination.klaviyo.browser.ShopEvents.TRACK_WITH_REVENUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The compiled bundle in a real browser engine, inside the real Analytics Next, on pages served at
 * their real addresses from this machine ({@link EngineWeb}), with the stand-ins of Klaviyo's script
 * and client API. The subclasses name the engine: {@link ChromiumEngineTest} (Blink),
 * {@link FirefoxEngineTest} (Gecko), {@link WebKitEngineTest} (WebKitGTK). Each class starts its
 * engine once and runs every test in it, one page after another in the same tab; before each test the
 * shop's cookies and storage are cleared, so each starts as a new visitor.
 *
 * <p>Where an engine is not installed, its class is skipped with one line naming the Debian packages;
 * with {@code KLAVIYO_REQUIRE_ENGINES=1} (CI sets it) a missing engine fails instead. At the end each
 * class prints how many cases ran and passed in its engine.
 *
 * <p>Every page gets a first script ({@link #PRELUDE}) that records what goes wrong in it (script
 * errors, unhandled rejections, console errors), the scripts that failed to load, and the options of
 * each {@code fetch}; anything wrong fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineSuite {
    static final String SHOP = HostPage.SHOP;
    static final String CDN = HostPage.CDN;
    static final String SEGMENT_API = HostPage.SEGMENT_API;
    static final String KLAVIYO_API = "https://a.klaviyo.com/";
    static final String DEMO = "https://demo.example";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(200);
    private static final Path BASE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path PAGES = BASE.resolve("test-pages");
    private static final Path TARGET = HostPage.TARGET;
    private static final Path ANALYTICS_NEXT_DIST = PAGES.resolve("node_modules/@segment/analytics-next/dist/umd");

    /** The first script of every page: records errors, failed loads, console lines and fetch options. */
    static final String PRELUDE = """
            (function () {
              var errors = window.enginePageErrors = [], lines = window.engineConsole = [];
              var loads = window.engineFailedLoads = [], fetches = window.engineFetches = [];
              addEventListener('error', function (e) {
                var t = e.target;
                if (t && t !== window && t.nodeType === 1) { loads.push(t.src || t.href || t.nodeName); return; }
                errors.push('script error: ' + (e.error && e.error.stack || e.message));
              }, true);
              addEventListener('unhandledrejection', function (e) {
                var r = e.reason;
                errors.push('unhandled rejection: ' + String(r && (r.stack || r.message) || r));
              });
              ['debug', 'log', 'info', 'warn', 'error'].forEach(function (level) {
                var original = console[level];
                console[level] = function () {
                  var text = [].map.call(arguments, function (a) {
                    try { return typeof a == 'string' ? a : JSON.stringify(a); } catch (x) { return String(a); }
                  }).join(' ');
                  lines.push(level + ': ' + text);
                  if (level == 'error') errors.push('console error: ' + text);
                  return original.apply(console, arguments);
                };
              });
              var realFetch = window.fetch;
              if (realFetch) window.fetch = function (input, init) {
                fetches.push({url: String(input && input.url || input), keepalive: !!(init && init.keepalive)});
                return realFetch.apply(this, arguments);
              };
            })();""";

    private final String engineName;
    private final AtomicInteger ran = new AtomicInteger();
    private final AtomicInteger passed = new AtomicInteger();
    private final Map<String, int[]> byGroup = new LinkedHashMap<>();
    private EngineWeb web;
    private Engine engine;
    private long startedAt;
    private String skipped;

    @RegisterExtension
    final InvocationInterceptor tally = new InvocationInterceptor() {
        @Override
        public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                ExtensionContext extension) throws Throwable {
            count(extension.getRequiredTestMethod().getName(), invocation);
        }

        @Override
        public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext context,
                ExtensionContext extension) throws Throwable {
            count(extension.getParent().flatMap(ExtensionContext::getParent)
                    .flatMap(ExtensionContext::getTestMethod).map(Method::getName).orElse("dynamic"), invocation);
        }
    };

    EngineSuite(String engineName) {
        this.engineName = engineName;
    }

    private void count(String group, InvocationInterceptor.Invocation<Void> invocation) throws Throwable {
        ran.incrementAndGet();
        int[] counts;
        synchronized (byGroup) {
            counts = byGroup.computeIfAbsent(group, g -> new int[2]);
        }
        counts[0]++;
        invocation.proceed();
        passed.incrementAndGet();
        counts[1]++;
    }

    @BeforeAll
    void startEngine() {
        String missing = Engine.missing(engineName);
        if (missing != null) {
            if (System.getenv(Engine.REQUIRE) != null && !System.getenv(Engine.REQUIRE).isEmpty()) {
                throw new AssertionError(missing + " (" + Engine.REQUIRE + " is set, so every engine must run)");
            }
            skipped = missing;
            System.out.println("Engines: " + engineName + " skipped. " + missing);
            Assumptions.abort(missing);
        }
        startedAt = System.nanoTime();
        web = new EngineWeb();
        try {
            engine = Engine.start(engineName, web.proxyPort());
        } catch (RuntimeException | Error e) {
            web.close();
            throw e;
        }
    }

    @AfterAll
    void stopEngine() {
        if (skipped != null || web == null) {
            return;
        }
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            if (web != null) {
                web.close();
            }
        }
        StringBuilder groups = new StringBuilder();
        byGroup.forEach((group, counts) -> groups.append(groups.length() == 0 ? "" : ", ").append(group).append(' ')
                .append(counts[1]).append('/').append(counts[0]));
        System.out.println("Engines: " + engineName + ": " + ran.get() + " cases ran, " + passed.get() + " passed, in "
                + (System.nanoTime() - startedAt) / 1_000_000_000 + " s (" + groups + "; the browser's own "
                + web.elsewhere().size() + " requests to other hosts refused)");
    }

    @BeforeEach
    void newVisitor() {
        // A blank page of the shop's origin, where its cookies and storage are cleared: a new visitor.
        web.reset();
        web.text(SHOP + "/blank.html", "text/html", "<!doctype html><title>blank</title>");
        engine.open(SHOP + "/blank.html");
        engine.run("""
                try { localStorage.clear(); } catch (e) {}
                try { sessionStorage.clear(); } catch (e) {}
                document.cookie.split(/;\\s*/).forEach(function (c) {
                  var name = c.split('=')[0];
                  if (!name) return;
                  ['', '; domain=shop.example', '; domain=.shop.example', '; domain=example'].forEach(function (d) {
                    document.cookie = name + '=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT' + d;
                  });
                });""");
        assertEquals("", engine.text("document.cookie"), "the shop's cookies, cleared");
        web.reset();
    }

    // ---------------------------------------------------------------------------------------------
    // The mapping's cases

    /** Each call after a reset, once the one before it was delivered, as in HtmlUnit. */
    private static final String RUN = MappingCasesThroughAnalyticsNextTest.RUN;

    /**
     * Every case of {@code mapping-cases.json}, through Analytics Next in this engine: exactly the
     * commands the case lists, key order included, and nothing between two cases but the reset's logout.
     */
    @TestFactory
    Stream<DynamicNode> mappingCases() {
        List<MappingCases.Case> all = MappingCases.all();
        return MappingCases.settings(all).stream().map(settings -> {
            List<MappingCases.Case> cases = all.stream().filter(c -> c.settings().equals(settings)).toList();
            Supplier<Run> run = memoized(() -> runCases(settings, cases));
            List<DynamicTest> tests = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                int at = i;
                MappingCases.Case c = cases.get(i);
                tests.add(DynamicTest.dynamicTest(c.name(), () -> run.get().check(at, c)));
            }
            return DynamicContainer.dynamicContainer("settings " + settings, tests.stream());
        });
    }

    private record Run(List<String> commands, List<Object> results, List<String> problems) {
        @SuppressWarnings("unchecked")
        void check(int at, MappingCases.Case c) {
            Map<String, Object> result = (Map<String, Object>) results.get(at);
            assertEquals(null, result.get("error"), "what the call threw");
            int from = number(result.get("from"));
            int to = number(result.get("to"));
            int previous = at == 0 ? 1 : number(((Map<String, Object>) results.get(at - 1)).get("to"));
            assertEquals(List.of("[\"clearIdentity\"]"), commands.subList(previous, from).stream()
                    .map(JsonText::canonical).toList(), "what came between the case before and this one: the reset alone");
            if (at == results.size() - 1) {
                assertEquals(to, commands.size(), "commands after the last case: " + commands.subList(to, commands.size()));
            }
            List<String> sent = commands.subList(from, to).stream().map(s -> JsonText.write(JsonText.parse(s))).toList();
            assertEquals(c.commands(), sent, () -> JsonText.write(call(c)) + " with " + c.settings());
            assertEquals(List.of(), problems, "problems in the page");
        }
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }

    @SuppressWarnings("unchecked")
    private Run runCases(String settings, List<MappingCases.Case> cases) {
        newVisitor();
        analyticsNext(settings);
        awaitReady();
        assertEquals(List.of(JsonText.canonical(ACCOUNT)), JsonText.canonical(awaitCommands(1)), "the page's first commands");
        engine.run(RUN + "(" + JsonText.write(cases.stream().map(EngineSuite::call).toList()) + ");");
        waitUntil("window.mappingCasesDone === true", Duration.ofSeconds(60));
        List<Object> results = (List<Object>) JsonText.parse(engine.text("JSON.stringify(window.mappingCases)"));
        int last = number(((Map<String, Object>) results.get(results.size() - 1)).get("to"));
        List<String> commands = awaitCommands(last);
        List<String> problems = new ArrayList<>(problems());
        klaviyoErrors().forEach(e -> problems.add("Klaviyo's stand-in: " + e));
        return new Run(commands, results, problems);
    }

    /** The call's arguments as analytics.js takes them, as in HtmlUnit. */
    private static List<Object> call(MappingCases.Case c) {
        return MappingCasesThroughAnalyticsNextTest.call(c);
    }

    // ---------------------------------------------------------------------------------------------
    // The lifecycle

    /**
     * Klaviyo's script blocked by the network (the tunnel to its host refused, as a blocker or a
     * firewall does): the script's error event makes the destination give up at once, Analytics Next
     * is ready without waiting for loadTimeout, the page's calls still reach Segment, and nothing is
     * kept for Klaviyo: a Klaviyo that turns up later gets the account alone.
     */
    @Test
    void aBlockedScriptGivesUpAtOnceAndAnalyticsNextIsReady() {
        web.block("static.klaviyo.com");
        web.text(SHOP + "/vendor/klaviyo-late.js", "text/javascript", HostPage.standInScript());
        analyticsNext(SETTINGS);
        engine.run("window.readyAt = 0; analytics.ready(function () { readyAt = performance.now(); });");
        waitUntil("window.readyAt > 0", WAIT);
        assertTrue(Double.parseDouble(engine.text("readyAt")) < 9000, "ready long before loadTimeout: " + engine.text("readyAt"));
        assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), failedLoads(), () -> "the scripts that failed to load" + problemsNote()
                + " requests " + web.requests() + " elsewhere " + web.elsewhere());
        engine.run(IDENTIFY + "\n" + TRACK_WITH_REVENUE);
        awaitSegmentTrack("event");
        assertTrue(check("!window.klaviyoStandIn && Array.isArray(window._learnq) && _learnq.length == 0"
                + " && _klOnsite.length == 1 && JSON.stringify(_klOnsite[0]) == '[\"account\",\"hfWBjc\",null]'"),
                engine.text("JSON.stringify([window._learnq, window._klOnsite])"));
        engine.run("var s = document.createElement('script'); s.src = '/vendor/klaviyo-late.js'; document.head.appendChild(s);");
        waitUntil("window.klaviyoStandIn && klaviyoStandIn.running", WAIT);
        engine.run("analytics.track('after Klaviyo turned up');");
        awaitSegmentTrack("after Klaviyo turned up");
        assertCommands(ACCOUNT);
    }

    /**
     * A Klaviyo slower than loadTimeout: Analytics Next is ready at loadTimeout, before Klaviyo runs,
     * and the identify and track made before get to Klaviyo when it does, in order.
     */
    @Test
    void aLateKlaviyoGetsTheCallsMadeBeforeInOrder() {
        String slow = "setTimeout(function () { window.klaviyoRanAt = performance.now();\n" + HostPage.standInScript()
                + "\n}, 3000);\n";
        web.prefix(HostPage.KLAVIYO_ONSITE, request -> EngineWeb.Reply.of("text/javascript", slow));
        analyticsNext("{\"apiKey\": \"hfWBjc\", \"loadTimeout\": 300}");
        engine.run("window.readyAt = 0; analytics.ready(function () { readyAt = performance.now(); });");
        engine.run(IDENTIFY + "\n" + TRACK_WITH_REVENUE);
        waitUntil("window.readyAt > 0", WAIT);
        assertTrue(check("!window.klaviyoStandIn"), "the host is ready before Klaviyo runs");
        waitUntil("window.klaviyoRanAt > 0", WAIT);
        assertCommands(ACCOUNT, PROFILE, EVENT_WITH_VALUE);
        assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), klaviyoScriptRequests());
    }

    /**
     * An identify and a track, then analytics.reset(), in the same tick: the calls were made for the
     * person who then logged out, so they reach Klaviyo before the logout; the call after the reset
     * comes after it, as a new visitor's.
     */
    @Test
    void aResetAfterCallsInTheSameTickComesAfterThem() {
        analyticsNext(SETTINGS);
        awaitReady();
        awaitCommands(1);
        engine.run(IDENTIFY + "\n" + TRACK_WITH_REVENUE + "\nanalytics.reset();\nanalytics.track('after the reset');");
        assertCommands(ACCOUNT, PROFILE, EVENT_WITH_VALUE, "[\"clearIdentity\"]", "[\"track\", \"after the reset\", {}]");
    }

    /**
     * Consent revoked mid-session through Segment's consent tools: no command after it, Klaviyo's
     * tracking off (__kla_off) and its identity cookie gone; a grant brings the next track back.
     */
    @Test
    void aConsentRevocationStopsEveryCommandAndDeletesKlaviyosIdentity() {
        analyticsNextWithConsent(SETTINGS, "{\"categories\": {\"Targeting\": true, \"Analytics\": true}}");
        awaitReady();
        engine.run(IDENTIFY + "\n" + TRACK_WITH_REVENUE);
        assertCommands(ACCOUNT, PROFILE, EVENT_WITH_VALUE);
        assertTrue(check(ConsentTest.KLA_ID), "Klaviyo's identity cookie, from its identify: " + engine.text("document.cookie"));

        engine.run("cmp.set({Targeting: false}); analytics.track('after the revocation');"
                + " analytics.identify('someone', {email: 'someone@example.com'}); analytics.group('g', {name: 'G'});");
        waitUntil(ConsentTest.KLA_OFF, WAIT);
        assertFalse(check(ConsentTest.KLA_ID), "Klaviyo's identity cookie after the revocation: " + engine.text("document.cookie"));
        awaitSegmentTrack("after the revocation");

        engine.run("cmp.set({Targeting: true}); analytics.track('after the grant');");
        assertCommands(ACCOUNT, PROFILE, EVENT_WITH_VALUE, "[\"clearIdentity\"]", "[\"track\", \"after the grant\", {}]");
        assertFalse(check(ConsentTest.KLA_OFF), "__kla_off after the grant: " + engine.text("document.cookie"));
    }

    // ---------------------------------------------------------------------------------------------
    // List subscriptions and storage

    private static final String SUBSCRIBE = "{\"apiKey\": \"hfWBjc\", \"subscribeInBrowser\": true, \"listId\": \"SetLst\"}";
    private static final String ADA_IDENTIFY = "analytics.identify('id', {email: 'ada@example.com'});";

    /** Klaviyo's client API with its CORS ({@link KlaviyoClientApi}'s rules), answering 202. */
    private void klaviyoApi() {
        web.route(KlaviyoClientApi.SUBSCRIPTIONS, request -> {
            EngineWeb.Reply reply;
            if ("OPTIONS".equals(request.method())) {
                reply = EngineWeb.Reply.status(204)
                        .with("Access-Control-Allow-Methods", "POST, OPTIONS")
                        .with("Access-Control-Allow-Headers", "revision, content-type")
                        .with("Access-Control-Max-Age", "0");
            } else {
                List<String> refused = KlaviyoClientApi.problems(request.body());
                reply = refused.isEmpty() ? EngineWeb.Reply.status(202)
                        : new EngineWeb.Reply(400, "application/vnd.api+json",
                                ("{\"errors\": " + JsonText.write(refused) + "}").getBytes(StandardCharsets.UTF_8), Map.of());
            }
            return reply.with("Access-Control-Allow-Origin", "*");
        });
    }

    /** The requests Klaviyo's API got, in order. */
    private List<EngineWeb.Request> apiRequests() {
        return web.requestsTo(KLAVIYO_API);
    }

    /**
     * A list subscription made by the browser's own fetch to Klaviyo's API on another origin: the CORS
     * preflight for the revision and content-type headers, then exactly the POST Klaviyo documents,
     * with keepalive; the mark that remembers it; no second request for the same identify.
     */
    @Test
    void aListSubscriptionGoesThroughFetchWithCors() {
        klaviyoApi();
        analyticsNext(SUBSCRIBE);
        awaitReady();
        engine.run(ADA_IDENTIFY);
        assertCommands(ACCOUNT, SubscriptionsTest.ADA_PROFILE);
        awaitTrue("Klaviyo's API got a POST", () -> apiRequests().stream().anyMatch(r -> r.method().equals("POST")));
        waitUntil("Object.keys(localStorage).some(function (k) { return k.indexOf('klaviyo_subscribed_') == 0"
                + " && localStorage.getItem(k) == '1'; })", WAIT);
        engine.run(ADA_IDENTIFY);
        assertCommands(ACCOUNT, SubscriptionsTest.ADA_PROFILE, SubscriptionsTest.ADA_PROFILE);
        idle(300);
        assertSubscriptionRequests(SubscriptionsTest.body("SetLst", SubscriptionsTest.ADA, null));
    }

    /**
     * The engine's own storage full, so that every write throws the engine's quota error, once
     * Analytics Next runs (it does not load at all where every write throws from the start): the
     * subscription is still made once, remembered in memory for the page, and nothing throws into
     * the page.
     */
    @Test
    void storageWhoseWritesThrowFallsBackToMemory() {
        subscribeWithBrokenStorage(FILL_STORAGE);
        assertEquals("QuotaExceededError", engine.text("(function () { try { localStorage.setItem('probe', 'x');"
                + " return 'written'; } catch (e) { return e.name; } })()"), "the engine's storage refuses writes");
    }

    /** Storage that cannot even be read: the getter of localStorage throws, as with storage blocked. */
    @Test
    void storageThatCannotBeReadFallsBackToMemory() {
        subscribeWithBrokenStorage("Object.defineProperty(window, 'localStorage', {get: function () {"
                + " throw new DOMException('The operation is insecure.', 'SecurityError'); }});");
    }

    /** Fills localStorage and sessionStorage until not even one character more fits. */
    private static final String FILL_STORAGE = """
            ['localStorage', 'sessionStorage'].forEach(function (name) {
              var storage = window[name], n = 0;
              [1 << 20, 1 << 16, 1 << 12, 1 << 8, 1 << 4, 1].forEach(function (size) {
                var text = new Array(size + 1).join('x');
                try { for (;;) storage.setItem('filler-' + n++, text); } catch (e) { window.engineQuotaError = e.name; }
              });
            });""";

    private void subscribeWithBrokenStorage(String breakStorage) {
        klaviyoApi();
        analyticsNext(SUBSCRIBE);
        awaitReady();
        engine.run(breakStorage);
        engine.run(ADA_IDENTIFY);
        assertCommands(ACCOUNT, SubscriptionsTest.ADA_PROFILE);
        awaitTrue("Klaviyo's API got a POST", () -> apiRequests().stream().anyMatch(r -> r.method().equals("POST")));
        idle(300);
        engine.run(ADA_IDENTIFY);
        assertCommands(ACCOUNT, SubscriptionsTest.ADA_PROFILE, SubscriptionsTest.ADA_PROFILE);
        idle(300);
        assertSubscriptionRequests(SubscriptionsTest.body("SetLst", SubscriptionsTest.ADA, null));
    }

    /**
     * Klaviyo's API got exactly these subscriptions, each a CORS preflight for the page's two headers
     * and then the POST to the public key's address with the pinned revision and JSON:API's content
     * type, made with fetch's keepalive.
     */
    private void assertSubscriptionRequests(String... bodies) {
        List<String> seen = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (EngineWeb.Request r : apiRequests()) {
            if (r.method().equals("OPTIONS")) {
                seen.add("OPTIONS " + r.url() + " " + r.headers().get("access-control-request-method") + " "
                        + r.headers().get("access-control-request-headers") + " from " + r.headers().get("origin"));
            } else {
                seen.add(r.method() + " " + r.url() + " revision " + r.headers().get("revision") + " "
                        + r.headers().get("content-type") + " from " + r.headers().get("origin") + " " + r.body());
            }
        }
        for (String body : bodies) {
            expected.add("OPTIONS " + KlaviyoClientApi.SUBSCRIPTIONS + "?company_id=hfWBjc POST content-type,revision from " + SHOP);
            expected.add("POST " + KlaviyoClientApi.SUBSCRIPTIONS + "?company_id=hfWBjc revision " + REVISION
                    + " application/vnd.api+json from " + SHOP + " " + body);
        }
        assertEquals(expected, seen, "the requests Klaviyo's API got");
        assertEquals("[true]".repeat(bodies.length > 0 ? 1 : 0),
                engine.text("JSON.stringify(engineFetches.filter(function (f) { return f.url.indexOf('" + KLAVIYO_API
                        + "') == 0; }).map(function (f) { return f.keepalive; }))"), "fetch's keepalive");
        assertNoProblems();
    }

    /** The revision of Klaviyo's API the destination pins, as its requests carry it. */
    private static final String REVISION = revision();

    private static String revision() {
        try {
            String source = Files.readString(BASE.resolve("src/main/js/subscriptions.js"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("SUBSCRIPTIONS_REVISION = '([^']+)'").matcher(source);
            return m.find() ? m.group(1) : "?";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The demo

    /**
     * The demo page (web/index.html, served by web/DemoServer.java itself) clicked through: each card's
     * button with its default values, and what the panel shows.
     */
    @Test
    void theDemoPageClickedThrough() throws Exception {
        Process server = null;
        try {
            int port = Engine.freePort();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "web/DemoServer.java", String.valueOf(port)).directory(BASE.toFile()).redirectErrorStream(true);
            server = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Klaviyo destination demo:")) {
                // compiling, starting
            }
            assertTrue(line != null, "the demo server did not start");
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // its log
                    }
                } catch (IOException e) {
                    // stopped
                }
            }, "demo-output");
            drain.setDaemon(true);
            drain.start();
            HttpClient client = HttpClient.newHttpClient();
            String origin = "http://127.0.0.1:" + port;
            web.prefix(DEMO + "/", request -> forward(client, origin, request));
            engine.open(DEMO + "/?debug=1");
            waitUntil("/\\bok\\b/.test(document.getElementById('status-analytics').className)", WAIT);
            // Each card's button, once what the one before it shows is all in the panel.
            Map<String, Integer> shownAfter = new LinkedHashMap<>();
            shownAfter.put("identify", 5);
            shownAfter.put("track", 7);
            shownAfter.put("group", 9);
            shownAfter.put("klaviyo-form", 12);
            shownAfter.put("order", 16);
            for (Map.Entry<String, Integer> card : shownAfter.entrySet()) {
                engine.run("document.querySelector('form.call[data-method=\"" + card.getKey() + "\"] button[type=submit]').click();");
                waitUntil("document.querySelectorAll('#commands > li').length >= " + card.getValue(), WAIT);
            }
            waitUntil("document.querySelectorAll('#commands .type-subscribe .status').length == 1"
                    + " && /202/.test(document.querySelector('#commands .type-subscribe .status').textContent)", WAIT);
            idle(500);
            // Each item of the panel: a call made (its method), or what reached Klaviyo, Segment or
            // Klaviyo's API: its badge, label and status; each command's text is checked against
            // what Klaviyo's stand-in got, below.
            String panel = engine.text("JSON.stringify([].map.call(document.querySelectorAll('#commands > li'), function (li) {"
                    + " var badge = li.querySelector('.badge'), label = li.querySelector('.label'), status = li.querySelector('.status');"
                    + " if (li.classList.contains('call-marker')) return 'call ' + li.querySelector('code').textContent.split('(')[0];"
                    + " return badge.textContent + (label ? ' ' + label.textContent : '') + (status ? ' ' + status.textContent : ''); }))");
            String pushed = engine.text("JSON.stringify([].map.call(document.querySelectorAll('#commands > li.command code'),"
                    + " function (c) { return c.textContent; }).filter(function (t) { return t.indexOf('klaviyo.push(') == 0; }))");
            List<String> expectedPushed = new ArrayList<>();
            for (String command : commands()) {
                expectedPushed.add("klaviyo.push(" + command + ")");
            }
            assertEquals(expectedPushed, JsonText.parseStrings(pushed), "the commands the panel shows: what Klaviyo got");
            List<String> shown = JsonText.parseStrings(panel);
            System.out.println("Engines: " + engineName + " demo panel: " + shown.size() + " items");
            assertEquals(demoPanel(), shown, "what the demo's panel shows");
            assertEquals("7 commands", engine.text("document.getElementById('count').textContent"));
            assertNoProblems();
        } finally {
            if (server != null) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroy();
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        }
    }

    /** What the demo's panel shows after the click-through, the same in every engine. */
    static List<String> demoPanel() {
        return List.of("call analytics.page", "account DEMO01", "call analytics.identify", "identify",
                "subscribe list DemoLs \u2192 202", "call analytics.track", "track Product Viewed", "call analytics.group",
                "identify", "call a Klaviyo form submit with $email \"grace.hopper@example.com\"", "to Segment: identify",
                "to Segment: track Klaviyo Form Submitted", "call analytics.track", "track Order Completed",
                "track Ordered Product", "track Ordered Product");
    }

    private static EngineWeb.Reply forward(HttpClient client, String origin, EngineWeb.Request request) {
        try {
            URI uri = URI.create(request.url());
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(origin + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(request.body()));
            for (String header : List.of("content-type", "revision", "accept")) {
                if (request.headers().containsKey(header)) {
                    builder.header(header, request.headers().get(header));
                }
            }
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("content-type").orElse("text/plain");
            byte[] body = response.body();
            if (type.startsWith("text/html")) {
                body = withPrelude(new String(body, StandardCharsets.UTF_8), "").getBytes(StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h : List.of("access-control-allow-origin", "access-control-allow-methods",
                    "access-control-allow-headers", "allow")) {
                response.headers().firstValue(h).ifPresent(v -> headers.put(h, v));
            }
            return new EngineWeb.Reply(response.statusCode(), type, body, headers);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Pages

    private static String withPrelude(String html, String extra) {
        assertTrue(html.contains("<head>"), "a page with a head");
        return html.replaceFirst("<head>", java.util.regex.Matcher.quoteReplacement(
                "<head>\n<script>" + PRELUDE + "\n" + extra + "</script>"));
    }

    private void page(String url, Path file, String extra) {
        try {
            web.text(url, "text/html", withPrelude(Files.readString(file), extra));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Segment's CDN, tracking API and the shop with Klaviyo's stand-in, for these CDN settings. */
    private void analyticsNextWeb(Map<String, Object> settings) {
        web.file(HostPage.ANALYTICS_NEXT_URL, ANALYTICS_NEXT_DIST.resolve("standalone.js"))
                .directory(CDN + "/analytics-next/bundles/", ANALYTICS_NEXT_DIST)
                .route(HostPage.SETTINGS_URL, request -> EngineWeb.Reply.of("application/json", JsonText.write(settings))
                        .with("Access-Control-Allow-Origin", "*"))
                .file(HostPage.DYNAMIC_URL, TARGET.resolve("dist/klaviyo.dynamic.js"))
                .prefix(SEGMENT_API + "/", request -> "OPTIONS".equals(request.method())
                        // Segment's tracking API allows the page's origin, POST and the headers asked for.
                        ? EngineWeb.Reply.status(204).with("Access-Control-Allow-Origin", "*")
                                .with("Access-Control-Allow-Methods", "POST, OPTIONS")
                                .with("Access-Control-Allow-Headers",
                                        request.headers().getOrDefault("access-control-request-headers", "content-type"))
                        : EngineWeb.Reply.of("application/json", "{\"success\": true}").with("Access-Control-Allow-Origin", "*"))
                .prefixIfAbsent(HostPage.KLAVIYO_ONSITE, request -> EngineWeb.Reply.of("text/javascript", HostPage.standInScript()));
    }

    /** test-pages/next.html: Segment's snippet, Analytics Next, Klaviyo a classic destination with these settings. */
    private void analyticsNext(String klaviyoSettings) {
        analyticsNext(klaviyoSettings, "");
    }

    private void analyticsNext(String klaviyoSettings, String firstScript) {
        analyticsNextWeb(cdnSettings(klaviyoSettings, null));
        page(SHOP + "/next.html", PAGES.resolve("next.html"), firstScript);
        engine.open(SHOP + "/next.html");
    }

    /** test-pages/next-consent.html: Analytics Next through Segment's consent tools, Klaviyo in Targeting. */
    private void analyticsNextWithConsent(String klaviyoSettings, String cmpState) {
        assertTrue(Files.isRegularFile(TARGET.resolve("hosts/consent-tools.js")), "the build makes target/hosts/consent-tools.js");
        analyticsNextWeb(cdnSettings(klaviyoSettings, "Targeting"));
        web.file(SHOP + "/cmp-standin.js", PAGES.resolve("cmp-standin.js"))
                .file(SHOP + "/hosts/consent-tools.js", TARGET.resolve("hosts/consent-tools.js"));
        page(SHOP + "/next-consent.html", PAGES.resolve("next-consent.html"), "window.cmpState = " + cmpState + ";");
        engine.open(SHOP + "/next-consent.html");
    }

    /** test-pages/cdn-settings.json with Klaviyo's settings, and its consent category if any. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> cdnSettings(String klaviyoSettings, String category) {
        Map<String, Object> settings;
        try {
            settings = JsonText.parseObject(Files.readString(PAGES.resolve("cdn-settings.json"))
                    .replace("WRITE_KEY", HostPage.WRITE_KEY));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, Object> integrations = (Map<String, Object>) settings.get("integrations");
        Map<String, Object> cdn = (Map<String, Object>) integrations.get("Klaviyo");
        Map<String, Object> klaviyo = JsonText.parseObject(klaviyoSettings);
        for (String field : List.of("versionSettings", "type", "bundlingStatus")) {
            klaviyo.putIfAbsent(field, cdn.get(field));
        }
        if (category != null) {
            klaviyo.putIfAbsent("consentSettings", Map.of("categories", List.of(category)));
            settings.put("consentSettings", Map.of("allCategories", List.of(category), "hasUnmappedDestinations", true));
        }
        integrations.put("Klaviyo", klaviyo);
        return settings;
    }

    // ---------------------------------------------------------------------------------------------
    // Waiting and reading

    private boolean check(String condition) {
        return "true".equals(engine.text("!!(" + condition + ")"));
    }

    private void waitUntil(String condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still false after " + timeout.toMillis() + " ms in " + engineName + ": "
                        + condition + problemsNote());
            }
            idle(20);
        }
    }

    private void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toMillis() + " ms in " + engineName + ": " + what + problemsNote());
            }
            idle(20);
        }
    }

    private static void idle(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void awaitReady() {
        engine.run("window.enginePageReady = false; analytics.ready(function () { window.enginePageReady = true; });");
        waitUntil("window.enginePageReady === true", WAIT);
    }

    private List<String> commands() {
        return JsonText.parseStrings(engine.text("JSON.stringify(window.klaviyoStandIn ? klaviyoStandIn.commands : [])"));
    }

    private List<String> klaviyoErrors() {
        return JsonText.parseStrings(engine.text("JSON.stringify(window.klaviyoStandIn ? klaviyoStandIn.errors : [])"));
    }

    private List<String> awaitCommands(int count) {
        waitUntil("window.klaviyoStandIn && klaviyoStandIn.commands.length >= " + count, WAIT);
        List<String> commands = commands();
        long quietUntil = System.nanoTime() + QUIET.toNanos();
        while (System.nanoTime() < quietUntil) {
            idle(20);
            List<String> now = commands();
            if (now.size() != commands.size()) {
                commands = now;
                quietUntil = System.nanoTime() + QUIET.toNanos();
            }
        }
        return commands;
    }

    private void assertCommands(String... expected) {
        List<String> actual = awaitCommands(expected.length);
        assertEquals(JsonText.canonical(List.of(expected)), JsonText.canonical(actual),
                "the commands Klaviyo got in " + engineName + problemsNote());
        assertEquals(List.of(), klaviyoErrors(), "errors recorded by Klaviyo's stand-in");
        assertNoProblems();
    }

    private List<String> failedLoads() {
        return JsonText.parseStrings(engine.text("JSON.stringify(window.engineFailedLoads || [])"));
    }

    private List<String> klaviyoScriptRequests() {
        return web.requestsTo(HostPage.KLAVIYO_ONSITE).stream().map(EngineWeb.Request::url).toList();
    }

    private void awaitSegmentTrack(String event) {
        awaitTrue("Segment's API got the track '" + event + "': " + web.requestsTo(SEGMENT_API).stream()
                .map(r -> r + " " + r.body()).toList(), () -> web.requestsTo(SEGMENT_API).stream()
                .anyMatch(r -> "POST".equals(r.method()) && r.body() != null
                        && r.body().contains("\"event\":" + JsonText.quote(event))));
    }

    /** What went wrong in the page: errors it recorded, and requests this web refused. */
    private List<String> problems() {
        List<String> all = new ArrayList<>();
        try {
            all.addAll(JsonText.parseStrings(engine.text("JSON.stringify(window.enginePageErrors || [])")));
        } catch (RuntimeException e) {
            all.add("could not read the page's errors: " + e);
        }
        for (String refused : web.refused()) {
            if (!refused.endsWith("/favicon.ico")) {
                all.add("refused request (no test may go online): " + refused);
            }
        }
        return all;
    }

    private void assertNoProblems() {
        assertEquals(List.of(), problems(), "problems in the page in " + engineName);
    }

    private String problemsNote() {
        List<String> found = problems();
        List<String> console = List.of();
        try {
            console = JsonText.parseStrings(engine.text("JSON.stringify((window.engineConsole || []).slice(-20))"));
        } catch (RuntimeException e) {
            // the page is gone
        }
        return (found.isEmpty() ? "" : "\nproblems in the page: " + found) + "\nthe console's last lines: " + console;
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;
            private Throwable failure;

            @Override
            public synchronized T get() {
                if (value == null && failure == null) {
                    try {
                        value = supplier.get();
                    } catch (RuntimeException | AssertionError e) {
                        failure = e;
                    }
                }
                if (failure instanceof RuntimeException r) {
                    throw r;
                }
                if (failure instanceof AssertionError a) {
                    throw a;
                }
                return value;
            }
        };
    }
}
