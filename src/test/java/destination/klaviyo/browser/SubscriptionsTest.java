package destination.klaviyo.browser;

import destination.klaviyo.JsonText;
import destination.klaviyo.core.SubscriptionPolicy;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.htmlunit.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * identify's list subscriptions through Klaviyo's Create Client Subscription, in the real hosts: the
 * exact request Klaviyo's API gets (method, address, headers, body), its CORS preflight, the retries,
 * and what the browser remembers. https://developers.klaviyo.com/en/v2025-01-15/reference/create_client_subscription
 *
 * <p>HtmlUnit has no fetch: every page here gets {@code test-pages/fetch-on-xhr.js} first, a fetch
 * made of XMLHttpRequest that keeps each call's options ({@code keepalive}) in {@code fetchCalls}.
 * The fake web plays Klaviyo's API, CORS included: its preflight allows the {@code revision} and
 * {@code content-type} headers and no others, and HtmlUnit refuses a request that needs more.
 */
class SubscriptionsTest {
    static final String SUBSCRIPTIONS = "https://a.klaviyo.com/client/subscriptions";
    static final String SUBSCRIBE_URL = SUBSCRIPTIONS + "?company_id=hfWBjc";
    static final String ON = "{\"apiKey\": \"hfWBjc\", \"subscribeInBrowser\": true, \"listId\": \"SetLst\"}";
    static final String ADA = "ada@example.com";
    static final String ADA_PROFILE = "[\"identify\", {\"$id\": \"id\", \"$email\": \"ada@example.com\"}]";
    static final String MARK_PREFIX = "klaviyo_subscribed_";
    /** The headers a browser adds to a request by itself: the rest are the page's. */
    static final List<String> BROWSERS_OWN = List.of("accept", "accept-language", "accept-encoding", "origin", "referer",
            "user-agent", "sec-fetch-mode", "sec-fetch-site", "sec-fetch-dest", "priority");
    static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * Klaviyo's client API with CORS as Klaviyo answers it ({@link KlaviyoClientApi}: a 400 for a body
     * its schema refuses), answering the others with these statuses in turn (the last repeats).
     */
    static Consumer<FakeWeb> klaviyoApi(int... statuses) {
        return KlaviyoClientApi.answering(statuses);
    }

    /** The page scripts first (fetch on XHR, then {@code script}), then the changes to the web. */
    @SafeVarargs
    static Consumer<FakeWeb> web(String script, Consumer<FakeWeb>... changes) {
        return web -> {
            HostPage.prelude(HostPage.fetchOnXhr() + "\n" + script).accept(web);
            for (Consumer<FakeWeb> change : changes) {
                change.accept(web);
            }
        };
    }

    static String debugOn() {
        return "localStorage.setItem('debug', 'analytics:Klaviyo');";
    }

    /** Exactly the JSON:API body the destination sends: the email, the phone to SMS if any, the list. */
    static String body(String list, String email, String phone) {
        String subscribed = "{\"marketing\":{\"consent\":\"SUBSCRIBED\"}}";
        return "{\"data\":{\"type\":\"subscription\",\"attributes\":{\"custom_source\":\"Segment analytics.js\","
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":" + JsonText.quote(email)
                + ",\"subscriptions\":{\"email\":" + subscribed + (phone == null ? "" : ",\"sms\":" + subscribed) + "}"
                + (phone == null ? "" : ",\"phone_number\":" + JsonText.quote(phone)) + "}}}},"
                + "\"relationships\":{\"list\":{\"data\":{\"type\":\"list\",\"id\":" + JsonText.quote(list) + "}}}}}";
    }

    static List<FakeWeb.Request> posts(HostPage page) {
        List<FakeWeb.Request> posts = new ArrayList<>();
        for (FakeWeb.Request request : page.web().requestsTo("https://a.klaviyo.com/")) {
            if (request.method() != HttpMethod.OPTIONS) {
                posts.add(request);
            }
        }
        return posts;
    }

    static void awaitPosts(HostPage page, int count) {
        page.await(count + " requests to Klaviyo's API", () -> posts(page).size() >= count, WAIT);
    }

    /** Waits until this browser remembers {@code count} subscriptions made (marks of 1, not pending ones). */
    static void awaitRemembered(HostPage page, int count) {
        page.waitUntil(REMEMBERED + ".filter(function (m) { return /=1$/.test(m); }).length == " + count);
    }

    /** The keys of localStorage that remember a subscription, made (=1) or pending (=the time), and their values. */
    static final String REMEMBERED = "(function () { var found = [];"
            + " for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i);"
            + " if (k.indexOf('" + MARK_PREFIX + "') == 0) found.push(k + '=' + localStorage.getItem(k)); }"
            + " return found; })()";

    /**
     * Asserts the requests Klaviyo's API got, all of them, in order: each a CORS preflight for the
     * page's two headers, then the POST with exactly these bodies, to the public key's address, with
     * the pinned revision and JSON:API's content type and no other header of the page's, sent with
     * fetch's keepalive (the fetch calls of the page open now: the last ones).
     */
    static void assertSubscriptions(HostPage page, String... bodies) {
        List<FakeWeb.Request> all = page.web().requestsTo("https://a.klaviyo.com/");
        List<String> seen = new ArrayList<>();
        for (FakeWeb.Request request : all) {
            seen.add(request.method() + " " + request.url()
                    + (request.method() == HttpMethod.OPTIONS ? "" : " " + request.body()));
        }
        List<String> expected = new ArrayList<>();
        for (String body : bodies) {
            expected.add("OPTIONS " + SUBSCRIBE_URL);
            expected.add("POST " + SUBSCRIBE_URL + " " + body);
        }
        assertEquals(expected, seen, "requests to Klaviyo's API");
        for (FakeWeb.Request request : all) {
            if (request.method() == HttpMethod.OPTIONS) {
                assertEquals("POST", request.header("Access-Control-Request-Method"), "preflight's method");
                assertEquals("content-type,revision", request.header("Access-Control-Request-Headers"),
                        "preflight's headers");
                continue;
            }
            Map<String, String> own = new LinkedHashMap<>();
            request.headers().forEach((name, value) -> {
                if (!BROWSERS_OWN.contains(name.toLowerCase())) {
                    own.put(name.toLowerCase(), value);
                }
            });
            assertEquals(Map.of("content-type", "application/vnd.api+json", "revision", "2025-01-15"), own,
                    "the page's headers on " + request);
        }
        List<Object> calls = new ArrayList<>();
        for (Object call : (List<?>) JsonText.parse(page.text("JSON.stringify(fetchCalls)"))) {
            if (((String) ((Map<?, ?>) call).get("url")).startsWith("https://a.klaviyo.com/")) {
                calls.add(call);
            }
        }
        int first = bodies.length - calls.size();
        assertTrue(first >= 0 && (bodies.length == 0 || calls.size() > 0), "fetch calls to Klaviyo's API: " + calls);
        for (int i = 0; i < calls.size(); i++) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("url", SUBSCRIBE_URL);
            call.put("method", "POST");
            call.put("headers", Map.of("content-type", "application/vnd.api+json", "revision", "2025-01-15"));
            call.put("body", bodies[first + i]);
            call.put("keepalive", true);
            call.put("credentials", null);
            assertEquals(call, calls.get(i), "the fetch call");
        }
    }

    /** Runs statements when Analytics Next is ready, then waits for Klaviyo's queue to get these commands. */
    static void identify(HostPage page, String statements, String... commands) {
        page.whenReady(statements);
        page.assertKlaviyoCommands(commands);
    }

    /** The subscriptions this browser remembers: the localStorage keys made of a hash, with their values. */
    static List<String> remembered(HostPage page) {
        return JsonText.parseStrings(page.text("JSON.stringify(" + REMEMBERED + ")"));
    }

    /**
     * The localStorage key of a subscription: 32-bit FNV-1a of the JSON array [list, email, phone or
     * null], in base 36, after the prefix (plain ASCII values only).
     */
    static String mark(String list, String email, String phone) {
        String text = "[" + JsonText.quote(list) + "," + JsonText.quote(email) + "," + (phone == null ? "null" : JsonText.quote(phone)) + "]";
        int hash = 0x811c9dc5;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x01000193;
        }
        return MARK_PREFIX + Long.toString(hash & 0xffffffffL, 36);
    }

    /** Makes the page's Math.random return this from now on: the retries' waits become exact. */
    static void random(HostPage page, double value) {
        page.run("Math.random = function () { return " + value + "; };");
    }

    @Test
    void aListIdInTheCallSubscribesTheEmailWithTheRequestKlaviyoDocuments() {
        try (HostPage page = HostPage.analyticsNext(ON, web("", klaviyoApi(202)))) {
            // The seed's call: analytics.identify('id', traits, {integrations: {Klaviyo: {listId: 'baV129'}}}).
            identify(page, "analytics.identify('id', {email: 'ada@example.com', firstName: 'Ada', plan: 'pro'},"
                    + " {integrations: {Klaviyo: {listId: 'baV129'}}});", ACCOUNT,
                    "[\"identify\", {\"$id\": \"id\", \"$email\": \"ada@example.com\", \"$first_name\": \"Ada\","
                            + " \"plan\": \"pro\"}]");
            awaitRemembered(page, 1);
            // Nothing else of the profile: the onsite identify carries it.
            assertSubscriptions(page, body("baV129", ADA, null));
            List<String> marks = remembered(page);
            assertEquals(1, marks.size());
            assertTrue(marks.get(0).matches(MARK_PREFIX + "[0-9a-z]{1,7}=1"), "a hash: " + marks);
            // The address is nowhere in what the destination stored (Analytics Next keeps the traits, ajs_*).
            String storage = "(function () { var all = '';"
                    + " for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i);"
                    + " if (k.indexOf('ajs_') != 0) all += k + '=' + localStorage.getItem(k) + ' '; } return all; })()";
            assertFalse(page.text(storage).contains("ada"), page.text(storage));
        }
    }

    @Test
    void theListIdSettingIsUsedWhenTheCallNamesNone() {
        try (HostPage page = HostPage.analyticsNext(ON, web("", klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            awaitPosts(page, 1);
            awaitRemembered(page, 1);
            assertSubscriptions(page, body("SetLst", ADA, null));
        }
    }

    @Test
    void theListIdSettingCanComeFromAnalyticsLoadOptions() {
        // Analytics Next merges analytics.load(writeKey, {integrations: {Klaviyo: {...}}}) into the CDN settings.
        Consumer<FakeWeb> loadOptions = web -> web.text(HostPage.SHOP + "/next.html", "text/html", nextWithLoadOptions());
        try (HostPage page = HostPage.analyticsNext("{\"apiKey\": \"hfWBjc\"}", web("", klaviyoApi(202), loadOptions))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            awaitPosts(page, 1);
            assertSubscriptions(page, body("LoadLs", ADA, null));
        }
    }

    /** next.html whose snippet loads with Klaviyo's settings in its options, and the fetch on XHR first. */
    private static String nextWithLoadOptions() {
        try {
            String html = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("basedir", ""))
                    .toAbsolutePath().resolve("test-pages/next.html"));
            return html.replace("<head>", "<head>\n<script>" + HostPage.fetchOnXhr() + "</script>")
                    .replace("analytics.load(\"shopWriteKey\");", "analytics.load(\"shopWriteKey\", {integrations:"
                            + " {Klaviyo: {subscribeInBrowser: true, listId: 'LoadLs'}}});");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anIdentifyWithoutEmailSendsNoSubscription() {
        try (HostPage page = HostPage.analyticsNext(ON, web("", klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {phone: '+15555550100'}, {integrations: {Klaviyo:"
                    + " {listId: 'baV129', smsConsent: true}}});", ACCOUNT,
                    "[\"identify\", {\"$id\": \"id\", \"$phone_number\": \"+15555550100\"}]");
            page.idle(Duration.ofMillis(500));
            assertSubscriptions(page);
        }
    }

    @Test
    void aPhoneIsSubscribedToSmsOnlyWhenTheCallSaysSmsConsent() {
        try (HostPage page = HostPage.analyticsNext(ON, web("", klaviyoApi(202)))) {
            identify(page, """
                    analytics.identify('ada', {email: 'ada@example.com', phone: '+15555550100'});
                    analytics.identify('grace', {email: 'grace@example.com', phoneNumber: '+15555550101'},
                      {integrations: {Klaviyo: {smsConsent: true}}});""", ACCOUNT,
                    "[\"identify\", {\"$id\": \"ada\", \"$email\": \"ada@example.com\", \"$phone_number\": \"+15555550100\"}]",
                    "[\"identify\", {\"$id\": \"grace\", \"$email\": \"grace@example.com\","
                            + " \"$phone_number\": \"+15555550101\"}]");
            awaitRemembered(page, 2);
            assertSubscriptions(page, body("SetLst", ADA, null), body("SetLst", "grace@example.com", "+15555550101"));
        }
    }

    @Test
    void aSecondIdentifyOnALaterPageSendsNothingMore() {
        try (HostPage page = HostPage.analyticsNext(ON, web("", klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            awaitRemembered(page, 1);

            page.reload();
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            page.idle(Duration.ofMillis(500));
            // The same identify on this page too, and on the first only the one subscription.
            assertEquals(1, posts(page).size(), "subscriptions: " + posts(page));

            // Another list is another subscription.
            page.run("analytics.identify('id', {email: 'ada@example.com'}, {integrations: {Klaviyo: {listId: 'Other1'}}});");
            awaitRemembered(page, 2);
            assertSubscriptions(page, body("SetLst", ADA, null), body("Other1", ADA, null));
        }
    }

    @Test
    void aSecondIdentifyOnTheSamePageDoesNotRaceTheFirst() {
        try (HostPage page = HostPage.analyticsNext(ON, web("", klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});"
                    + " analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE, ADA_PROFILE);
            awaitRemembered(page, 1);
            page.idle(Duration.ofMillis(300));
            assertSubscriptions(page, body("SetLst", ADA, null));
        }
    }

    @Test
    void a400IsLoggedNotRetriedAndNotRemembered() {
        try (HostPage page = HostPage.analyticsNext(ON, web(debugOn(), klaviyoApi(400, 202)))) {
            page.awaitReady();
            page.fakeClock(NOW);
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            page.await("the failure logged", () -> page.console().contains(
                    "info: analytics:Klaviyo subscription failed: 400"), WAIT);
            assertEquals(List.of(), page.timersAsked(), "no retry waits");
            assertSubscriptions(page, body("SetLst", ADA, null));
            assertEquals(List.of(), remembered(page));

            // The next page's identify tries again.
            page.reload();
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            awaitRemembered(page, 1);
            assertSubscriptions(page, body("SetLst", ADA, null), body("SetLst", ADA, null));
        }
    }

    @Test
    void a503ThenA202SucceedsOnTheRetryAboutASecondLater() {
        try (HostPage page = HostPage.analyticsNext(ON, web(debugOn(), klaviyoApi(503, 202)))) {
            page.awaitReady();
            page.fakeClock(NOW);
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            awaitWaits(page, 1);
            double wait = page.timersAsked().get(0);
            assertTrue(wait >= 500 && wait < 1500, "the retry waits " + wait + " ms");
            page.advance(Duration.ofMillis(1500));
            awaitRemembered(page, 1);
            assertSubscriptions(page, body("SetLst", ADA, null), body("SetLst", ADA, null));
            assertTrue(page.console().stream().noneMatch(line -> line.contains("subscription failed")), page.console().toString());
        }
    }

    @Test
    void a429IsRetriedToo() {
        try (HostPage page = HostPage.analyticsNext(ON, web("", klaviyoApi(429, 202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            awaitRemembered(page, 1);
            assertSubscriptions(page, body("SetLst", ADA, null), body("SetLst", ADA, null));
        }
    }

    @Test
    void withTheNetworkDownItIsTriedThreeTimesThenLoggedAndGivenUp() {
        Consumer<FakeWeb> down = web -> web.networkError(SUBSCRIPTIONS)
                .cors(SUBSCRIPTIONS, "*", "POST, OPTIONS", "revision, content-type");
        try (HostPage page = HostPage.analyticsNext(ON, web(debugOn(), down))) {
            page.awaitReady();
            random(page, 0.5);
            page.fakeClock(NOW);
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            // With Math.random() at 0.5, each wait is its step: 1 s, then 4 s.
            awaitWaits(page, 1);
            page.advance(Duration.ofSeconds(1));
            awaitWaits(page, 2);
            assertEquals(List.of(1000.0, 4000.0), page.timersAsked());
            page.advance(Duration.ofSeconds(4));
            page.await("the failure logged", () -> page.console().contains(
                    "info: analytics:Klaviyo subscription failed: 0"), WAIT);
            assertSubscriptions(page, body("SetLst", ADA, null), body("SetLst", ADA, null), body("SetLst", ADA, null));
            assertEquals(List.of(1000.0, 4000.0), page.timersAsked(), "no fourth attempt");
            assertEquals(List.of(), remembered(page));
        }
    }

    @Test
    void storageThatThrowsFallsBackToMemoryForThePage() {
        String blocked = "Object.defineProperty(window, 'localStorage', {get: function () {"
                + " throw new Error('storage blocked'); }});";
        try (HostPage page = HostPage.analyticsNext(ON, web(blocked, klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            awaitPosts(page, 1);
            page.idle(Duration.ofMillis(300));
            page.run("analytics.identify('id', {email: 'ada@example.com'});");
            page.assertKlaviyoCommands(ACCOUNT, ADA_PROFILE, ADA_PROFILE);
            page.idle(Duration.ofMillis(300));
            assertSubscriptions(page, body("SetLst", ADA, null));
        }
    }

    @Test
    void aHostileListIdStaysInsideTheJsonAndOutOfTheAddress() {
        String hostile = "baV\"},\"id\":\"x\\u2028&company_id=evil#</script><img src=x onerror=alert(1)>";
        try (HostPage page = HostPage.analyticsNext(ON, web("", klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com'}, {integrations: {Klaviyo: {listId: "
                    + JsonText.quote(hostile) + "}}});", ACCOUNT, ADA_PROFILE);
            awaitRemembered(page, 1);
            List<FakeWeb.Request> posts = posts(page);
            assertEquals(1, posts.size());
            assertEquals(SUBSCRIBE_URL, posts.get(0).url());
            Map<String, Object> sent = JsonText.parseObject(posts.get(0).body());
            assertEquals(JsonText.parse(body(hostile, ADA, null)), sent);
            assertEquals(hostile, page.text("JSON.parse(fetchCalls[fetchCalls.length - 1].body).data.relationships.list.data.id"));
        }
    }

    @Test
    void thePrivateKeyIsInNoRequestAndTheDebugLogDoesNotShowIt() {
        String secret = "pk_secret_123";
        String settings = "{\"apiKey\": \"hfWBjc\", \"subscribeInBrowser\": true, \"listId\": \"SetLst\","
                + " \"privateKey\": \"" + secret + "\"}";
        try (HostPage page = HostPage.analyticsNext(settings, web(debugOn(), klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com'}, {integrations: {Klaviyo: {listId: 'baV129'}}});",
                    ACCOUNT, ADA_PROFILE);
            awaitRemembered(page, 1);
            assertSubscriptions(page, body("baV129", ADA, null));
            for (FakeWeb.Request request : page.web().requests()) {
                String everything = request.url() + " " + request.body() + " " + request.headers();
                assertFalse(everything.contains(secret), "the private key in " + request);
            }
            assertTrue(page.console().stream().noneMatch(line -> line.contains(secret)), page.console().toString());
            assertTrue(page.console().contains("info: analytics:Klaviyo subscribing to list: baV129"), page.console().toString());
        }
    }

    @Test
    void withoutSubscribeInBrowserAListIdSendsNothing() {
        // A listId in a source's settings used to mean a subscription by Segment's servers only.
        try (HostPage page = HostPage.analyticsNext("{\"apiKey\": \"hfWBjc\", \"listId\": \"SetLst\"}",
                web("", klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com', phone: '+15555550100'},"
                    + " {integrations: {Klaviyo: {listId: 'baV129', smsConsent: true}}});", ACCOUNT,
                    "[\"identify\", {\"$id\": \"id\", \"$email\": \"ada@example.com\", \"$phone_number\": \"+15555550100\"}]");
            page.idle(Duration.ofMillis(500));
            assertSubscriptions(page);
        }
    }

    @Test
    void withoutAnApiKeyNothingIsSent() {
        try (HostPage page = HostPage.analyticsNext("{\"subscribeInBrowser\": true, \"listId\": \"SetLst\"}",
                web("", klaviyoApi(202)))) {
            page.whenReady("analytics.identify('id', {email: 'ada@example.com'});");
            page.idle(Duration.ofMillis(800));
            assertSubscriptions(page);
            assertEquals(List.of(), page.klaviyoScriptRequests());
        }
    }

    @Test
    void subscriptionsGoToKlaviyosApiWhenItsScriptIsBlocked() {
        Consumer<FakeWeb> blocked = web -> web.failure(HostPage.KLAVIYO_SCRIPT, 403);
        try (HostPage page = HostPage.analyticsNext(ON, web("", klaviyoApi(202), blocked))) {
            page.whenReady("analytics.identify('id', {email: 'ada@example.com'});");
            awaitRemembered(page, 1);
            assertSubscriptions(page, body("SetLst", ADA, null));
            assertEquals(List.of(), page.klaviyoCommands());
        }
    }

    @Test
    void confirmOptinFalseIsLoggedOnceAndTheListsOwnSettingApplies() {
        String settings = "{\"apiKey\": \"hfWBjc\", \"subscribeInBrowser\": true, \"listId\": \"SetLst\", \"confirmOptin\": false}";
        try (HostPage page = HostPage.analyticsNext(settings, web(debugOn(), klaviyoApi(202)))) {
            identify(page, "analytics.identify('ada', {email: 'ada@example.com'});"
                    + " analytics.identify('grace', {email: 'grace@example.com'}, {integrations: {Klaviyo: {confirmOptin: false}}});",
                    ACCOUNT, "[\"identify\", {\"$id\": \"ada\", \"$email\": \"ada@example.com\"}]",
                    "[\"identify\", {\"$id\": \"grace\", \"$email\": \"grace@example.com\"}]");
            awaitRemembered(page, 2);
            assertSubscriptions(page, body("SetLst", ADA, null), body("SetLst", "grace@example.com", null));
            assertEquals(1, page.console().stream().filter(line -> line.equals(
                    "info: analytics:Klaviyo confirmOptin false cannot apply in a browser")).count(), page.console().toString());
        }
    }

    @Test
    void aListIdInTheCallSubscribesThroughAnalyticsCore() {
        try (HostPage page = HostPage.analyticsCore(ON, web("", klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com'}, {integrations: {Klaviyo: {listId: 'baV129'}}});",
                    ACCOUNT, ADA_PROFILE);
            awaitRemembered(page, 1);
            assertSubscriptions(page, body("baV129", ADA, null));
        }
    }

    @Test
    void aListIdInTheCallSubscribesThroughThePlugin() {
        try (HostPage page = HostPage.analyticsNextPlugin(ON, web("", klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com'}, {integrations: {Klaviyo: {listId: 'baV129'}}});",
                    ACCOUNT, ADA_PROFILE);
            awaitRemembered(page, 1);
            assertSubscriptions(page, body("baV129", ADA, null));
        }
    }

    @Test
    void hostileIntegrationsOptionsNeverBreakThePage() {
        try (HostPage page = HostPage.bare(web("", klaviyoApi(202)))) {
            PageProbes.install(page);
            PageProbes.startDestination(page, "{apiKey: 'hfWBjc', subscribeInBrowser: true, listId: 'SetLst'}");
            page.waitUntil("klaviyoEvents.some(function (e) { return e[0] == 'ready'; })");
            page.run("probe.watch();");
            page.assertKlaviyoCommands(ACCOUNT);
            String thrower = "function () { throw new Error('no'); }";
            List<String> messages = List.of(
                    "{userId: 'id', traits: {email: 'a@example.com'}, integrations: {get Klaviyo() { throw new Error('no'); }}}",
                    "{userId: 'id', traits: {email: 'b@example.com'}, integrations: new Proxy({}, {get: " + thrower
                            + ", ownKeys: " + thrower + ", getOwnPropertyDescriptor: " + thrower + "})}",
                    "{userId: 'id', traits: {email: 'c@example.com', phone: '+15555550100'},"
                            + " integrations: {Klaviyo: {get listId() { throw new Error('no'); }, get smsConsent() { throw new Error('no'); }}}}",
                    "{userId: 'id', traits: {email: 'd@example.com', phone: {toString: function () { return '+1'; }}},"
                            + " integrations: {Klaviyo: {listId: {toString: function () { return 'L'; }}, smsConsent: true}}}",
                    "{userId: 'id', traits: {email: 'e\\uD800@example.com', phone: '+15555550100'},"
                            + " integrations: {Klaviyo: {listId: 'L\\uDC00', smsConsent: 'true'}}}",
                    "{userId: 'id', traits: {email: 'f@example.com'}, integrations: {Klaviyo: function () {}}}");
            for (String message : messages) {
                assertEquals(1, PageProbes.send(page, "identify", message).size(), message);
            }
            awaitPosts(page, messages.size());
            page.idle(Duration.ofMillis(300));
            List<String> lists = new ArrayList<>();
            for (FakeWeb.Request post : posts(page)) {
                assertEquals(SUBSCRIBE_URL, post.url());
                Map<String, Object> sent = JsonText.parseObject(post.body());
                assertFalse(post.body().contains("phone_number"), "no SMS without a string phone and smsConsent: true");
                lists.add(String.valueOf(((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) sent.get("data"))
                        .get("relationships")).get("list")).get("data")).get("id")));
            }
            assertEquals(List.of("SetLst", "SetLst", "SetLst", "SetLst", "L\uDC00", "SetLst"), lists);
        }
    }

    @Test
    void withoutFetchNothingIsSentAndThePageSeesNoError() {
        // An old browser: the subscription fails as the network would, three times, then is given up.
        try (HostPage page = HostPage.analyticsNext(ON, HostPage.prelude(debugOn()).andThen(klaviyoApi(202)))) {
            assertTrue(page.check("typeof window.fetch == 'undefined'"), "HtmlUnit has no fetch");
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            page.await("the failure logged", () -> page.console().contains(
                    "info: analytics:Klaviyo subscription failed: 0"), WAIT);
            assertEquals(List.of(), page.web().requestsTo("https://a.klaviyo.com/"));
            assertEquals(List.of(), remembered(page));
        }
    }

    @Test
    void theMarksAreTheFirstReleasesSoWhatItSubscribedStaysSubscribed() {
        // Values the first release's subscriptions.js computed for these subscriptions.
        assertEquals(MARK_PREFIX + "1j9n8bo", mark("SetLst", ADA, null));
        assertEquals(MARK_PREFIX + "gp6sup", mark("SetLst", "grace@example.com", "+15555550101"));
        String marked = "localStorage.setItem('" + MARK_PREFIX + "1j9n8bo', '1');"
                + " localStorage.setItem('" + MARK_PREFIX + "gp6sup', '1');";
        try (HostPage page = HostPage.analyticsNext(ON, web(marked, klaviyoApi(202)))) {
            identify(page, """
                    analytics.identify('ada', {email: 'ada@example.com'});
                    analytics.identify('grace', {email: 'grace@example.com', phone: '+1 555 555 0101'},
                      {integrations: {Klaviyo: {smsConsent: true}}});""", ACCOUNT,
                    "[\"identify\", {\"$id\": \"ada\", \"$email\": \"ada@example.com\"}]",
                    "[\"identify\", {\"$id\": \"grace\", \"$email\": \"grace@example.com\", \"$phone_number\": \"+1 555 555 0101\"}]");
            page.idle(Duration.ofMillis(500));
            assertSubscriptions(page);
        }
    }

    @Test
    void theMarkIsWrittenBeforeTheRequestSoTheNextPageDoesNotSendItAgainWhileItIsPending() {
        // A sign-up page that moves on at once: Klaviyo has not answered when the next page identifies.
        try (HostPage page = HostPage.analyticsNext(ON, web("",
                KlaviyoClientApi.answeringAfter(3000, KlaviyoClientApi.reply(202, Map.of()))))) {
            page.awaitReady();
            page.fakeClock(NOW);
            page.run("analytics.identify('id', {email: 'ada@example.com'});");
            awaitPosts(page, 1);
            List<String> marks = remembered(page);
            assertEquals(List.of(mark("SetLst", ADA, null) + "=" + NOW), marks, "a mark of the time it was sent, before the answer");

            // The next page, a minute later.
            page.reload();
            page.awaitReady();
            page.fakeClock(NOW + 60_000);
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            page.idle(Duration.ofMillis(800));
            assertEquals(1, posts(page).size(), "subscriptions: " + posts(page));
            assertEquals(marks, remembered(page));
        }
    }

    @Test
    void aMarkPendingForMoreThanADayIsSentAgainAFresherOneIsNot() {
        String mark = mark("SetLst", ADA, null);
        String stale = "localStorage.setItem('" + mark + "', String(Date.now() - 25 * 3600 * 1000));";
        try (HostPage page = HostPage.analyticsNext(ON, web(stale, klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            awaitRemembered(page, 1);
            assertSubscriptions(page, body("SetLst", ADA, null));
            assertEquals(List.of(mark + "=1"), remembered(page));
        }
        String fresh = "localStorage.setItem('" + mark + "', String(Date.now() - 23 * 3600 * 1000));";
        try (HostPage page = HostPage.analyticsNext(ON, web(fresh, klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            page.idle(Duration.ofMillis(500));
            assertSubscriptions(page);
        }
    }

    @Test
    void aPhoneIsSentInE164WithoutTheSpacesDashesAndParenthesesTyped() {
        try (HostPage page = HostPage.analyticsNext(ON, web("", klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com', phone: '+1 (555) 555-0100'},"
                    + " {integrations: {Klaviyo: {smsConsent: true}}});", ACCOUNT,
                    "[\"identify\", {\"$id\": \"id\", \"$email\": \"ada@example.com\", \"$phone_number\": \"+1 (555) 555-0100\"}]");
            awaitRemembered(page, 1);
            assertSubscriptions(page, body("SetLst", ADA, "+15555550100"));
            assertEquals(List.of(mark("SetLst", ADA, "+15555550100") + "=1"), remembered(page));
        }
    }

    @Test
    void aPhoneThatIsNotE164IsLeftOutTheEmailStillSubscribedAndTheDebugLogSaysWhy() {
        try (HostPage page = HostPage.analyticsNext(ON, web(debugOn(), klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com', phone: '555-0100'},"
                    + " {integrations: {Klaviyo: {smsConsent: true}}});", ACCOUNT,
                    "[\"identify\", {\"$id\": \"id\", \"$email\": \"ada@example.com\", \"$phone_number\": \"555-0100\"}]");
            awaitRemembered(page, 1);
            assertSubscriptions(page, body("SetLst", ADA, null));
            assertTrue(page.console().contains("info: analytics:Klaviyo phone left out: not E.164"), page.console().toString());
        }
    }

    @Test
    void anEmailKlaviyoCannotTakeSendsNoSubscriptionAndTheDebugLogSaysWhy() {
        try (HostPage page = HostPage.analyticsNext(ON, web(debugOn(), klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example'}); analytics.identify('id', {email: 'ada@@example.com'});",
                    ACCOUNT, "[\"identify\", {\"$id\": \"id\", \"$email\": \"ada@example\"}]",
                    "[\"identify\", {\"$id\": \"id\", \"$email\": \"ada@@example.com\"}]");
            page.idle(Duration.ofMillis(500));
            assertSubscriptions(page);
            assertEquals(2, page.console().stream().filter(line -> line.equals(
                    "info: analytics:Klaviyo no subscription: invalid email")).count(), page.console().toString());
            assertEquals(List.of(), remembered(page));
        }
    }

    @Test
    void anEmailWithSpacesAroundItIsSubscribedTrimmed() {
        try (HostPage page = HostPage.analyticsNext(ON, web("", klaviyoApi(202)))) {
            identify(page, "analytics.identify('id', {email: ' ada@example.com '});", ACCOUNT,
                    "[\"identify\", {\"$id\": \"id\", \"$email\": \" ada@example.com \"}]");
            awaitRemembered(page, 1);
            assertSubscriptions(page, body("SetLst", ADA, null));
        }
    }

    @Test
    void a4xxIsRememberedForThePageTheSameRequestIsNotSentAgainOnIt() {
        try (HostPage page = HostPage.analyticsNext(ON, web(debugOn(), klaviyoApi(422, 202)))) {
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            page.await("the refusal logged", () -> page.console().contains(
                    "info: analytics:Klaviyo subscription failed: 422"), WAIT);
            page.run("analytics.identify('id', {email: 'ada@example.com'});");
            page.assertKlaviyoCommands(ACCOUNT, ADA_PROFILE, ADA_PROFILE);
            page.idle(Duration.ofMillis(800));
            assertSubscriptions(page, body("SetLst", ADA, null));
            assertEquals(List.of(), remembered(page));

            // Another list is another request.
            page.run("analytics.identify('id', {email: 'ada@example.com'}, {integrations: {Klaviyo: {listId: 'Other1'}}});");
            awaitRemembered(page, 1);
            assertSubscriptions(page, body("SetLst", ADA, null), body("Other1", ADA, null));
        }
    }

    /** The instant the page's fake clock starts at (a whole second, as HTTP dates have). */
    private static final long NOW = 1_800_000_000_000L;

    /** Waits until the page asked for {@code count} waits of its fake clock ({@link HostPage#fakeClock}). */
    private static void awaitWaits(HostPage page, int count) {
        page.await(count + " waits asked", () -> page.timersAsked().size() >= count, WAIT);
    }

    @Test
    void retriesWaitARandomTimeAroundEachStep() {
        try (HostPage page = HostPage.analyticsNext(ON, web("", klaviyoApi(503, 503, 202)))) {
            page.awaitReady();
            random(page, 0);
            page.fakeClock(NOW);
            page.run("analytics.identify('id', {email: 'ada@example.com'});");
            // With Math.random() at 0, the shortest waits: half of 1 s, then half of 4 s.
            awaitWaits(page, 1);
            assertEquals(List.of(500.0), page.timersAsked());
            assertEquals(1, posts(page).size(), "no retry before its wait is over");
            page.advance(Duration.ofMillis(500));
            awaitWaits(page, 2);
            assertEquals(List.of(500.0, 2000.0), page.timersAsked());
            assertEquals(2, posts(page).size());
            page.advance(Duration.ofMillis(2000));
            awaitRemembered(page, 1);
            assertEquals(3, posts(page).size());
        }
        try (HostPage page = HostPage.analyticsNext(ON, web("", klaviyoApi(503, 202)))) {
            page.awaitReady();
            random(page, 0.999);
            page.fakeClock(NOW);
            page.run("analytics.identify('id', {email: 'ada@example.com'});");
            // The longest first wait: 0.5 s, and the random part of 1 s almost whole.
            awaitWaits(page, 1);
            assertEquals(List.of(SubscriptionPolicy.next(0, 503, Double.NaN, 0.999)), page.timersAsked());
            assertTrue(page.timersAsked().get(0) > 1498 && page.timersAsked().get(0) < 1500, page.timersAsked().toString());
            page.advance(Duration.ofMillis(1500));
            awaitRemembered(page, 1);
            assertEquals(2, posts(page).size());
        }
    }

    /** A 429's Retry-After, in seconds or as an HTTP date, is waited exactly, to the millisecond. */
    @ParameterizedTest(name = "Retry-After {0}")
    @ValueSource(strings = {"3", "4 s after the page's now, as an HTTP date"})
    void a429sRetryAfterIsWaitedAtLeast(String retryAfter) {
        boolean date = retryAfter.length() > 1;
        String header = date ? java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.Instant.ofEpochMilli(NOW + 4000).atZone(java.time.ZoneOffset.UTC)) : retryAfter;
        FakeWeb.Reply tooMany = KlaviyoClientApi.reply(429, Map.of("Retry-After", header));
        try (HostPage page = HostPage.analyticsNext(ON, web("",
                KlaviyoClientApi.answering(tooMany, KlaviyoClientApi.reply(202, Map.of()))))) {
            page.awaitReady();
            random(page, 0);
            page.fakeClock(NOW);
            page.run("analytics.identify('id', {email: 'ada@example.com'});");
            awaitWaits(page, 1);
            assertEquals(List.of(date ? 4000.0 : 3000.0), page.timersAsked());
            page.advance(Duration.ofSeconds(4));
            awaitRemembered(page, 1);
            assertEquals(2, posts(page).size());
        }
    }

    @Test
    void aRetryAfterLongerThanAMinuteGivesUpAndThePageDoesNotAskAgain() {
        FakeWeb.Reply tooMany = KlaviyoClientApi.reply(429, Map.of("Retry-After", "120"));
        try (HostPage page = HostPage.analyticsNext(ON, web(debugOn(),
                KlaviyoClientApi.answering(tooMany, KlaviyoClientApi.reply(202, Map.of()))))) {
            page.awaitReady();
            page.fakeClock(NOW);
            identify(page, "analytics.identify('id', {email: 'ada@example.com'});", ACCOUNT, ADA_PROFILE);
            page.await("the failure logged", () -> page.console().contains(
                    "info: analytics:Klaviyo subscription failed: 429"), WAIT);
            assertEquals(List.of(), page.timersAsked(), "no retry waits");
            page.run("analytics.identify('id', {email: 'ada@example.com'});");
            page.idle(Duration.ofMillis(300));
            assertSubscriptions(page, body("SetLst", ADA, null));
            assertEquals(List.of(), remembered(page));
        }
    }

    @Test
    void aConsentRevocationCancelsTheRetriesStillWaiting() {
        String settings = "{\"apiKey\": \"hfWBjc\", \"subscribeInBrowser\": true, \"listId\": \"SetLst\","
                + " \"consentSettings\": {\"categories\": [\"Targeting\"]}}";
        String granted = "{consent: {categoryPreferences: {Targeting: true}}}";
        String denied = "{consent: {categoryPreferences: {Targeting: false}}}";
        try (HostPage page = HostPage.analyticsNext(settings, web("", klaviyoApi(503, 202)))) {
            page.awaitReady();
            random(page, 0.999);
            page.fakeClock(NOW);
            page.run("analytics.identify('id', {email: 'ada@example.com'}, " + granted + ");");
            // The 503 answered, the retry waits about 1.5 s: the visitor withdraws consent meanwhile.
            awaitWaits(page, 1);
            page.run("analytics.track('Segment Consent Preference Updated', {}, " + denied + ");");
            page.awaitSegmentApiTrack("Segment Consent Preference Updated");
            // Past the wait: a retry still waiting would run now, and first write its pending mark.
            page.advance(Duration.ofSeconds(2));
            assertSubscriptions(page, body("SetLst", ADA, null));
            // Its pending mark goes: after a new grant, a new identify may subscribe again.
            assertEquals(List.of(), remembered(page));
        }
    }
}
