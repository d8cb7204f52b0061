import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local demo of the Klaviyo destination: a page that runs Segment's Analytics Next with the
 * destination built by this project, served entirely from this machine.
 *
 * <p>Run from the project root, after {@code mvn -B -DskipTests package}:
 * <pre>java web/DemoServer.java [port]</pre>
 *
 * <p>It plays the parts of Segment's CDN (the analytics.js script, its chunks, the source's settings
 * and the destination's bundle) and of Klaviyo's onsite script (the stand-in in test-pages/). Only
 * the JDK is used. It binds 127.0.0.1; without a port it takes 8080 or the first free one after it.
 */
public final class DemoServer {
    private static final int DEFAULT_PORT = 8080;
    private static final int PORTS_TRIED = 20;
    /** In the write key the demo page loads, "-enforce-email" turns enforceEmail on. */
    private static final String ENFORCE_EMAIL_MARK = "-enforce-email";
    /** In the write key the demo page loads, "-ecommerce" turns klaviyoEcommerceMetrics on. */
    private static final String ECOMMERCE_MARK = "-ecommerce";
    /** A file name in a served folder: no separators, no "..", nothing hidden. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Pattern WRITE_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ANALYTICS_SCRIPT =
            Pattern.compile("/analytics\\.js/v1/([^/]+)/analytics\\.min\\.js");
    private static final Pattern SETTINGS = Pattern.compile("/v1/projects/([^/]+)/settings");
    /** Where web/klaviyo-api.js sends what the destination addresses to https://a.klaviyo.com/client/subscriptions. */
    private static final String KLAVIYO_SUBSCRIPTIONS = "/klaviyo-api/client/subscriptions";
    /** The request headers Klaviyo's client API allows across origins. */
    private static final String KLAVIYO_ALLOWED_HEADERS = "revision, content-type";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "application/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "map", "application/json; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8",
            "gz", "application/gzip");

    private final Path web;
    private final Path dist;
    private final Path bundles;
    private final Path standIn;
    private final Path cdnSettings;

    private DemoServer(Path root) {
        web = root.resolve("web");
        dist = root.resolve("target/dist");
        bundles = root.resolve("test-pages/node_modules/@segment/analytics-next/dist/umd");
        standIn = root.resolve("test-pages/klaviyo-standin.js");
        cdnSettings = root.resolve("test-pages/cdn-settings.json");
    }

    public static void main(String[] args) throws Exception {
        Integer requested = null;
        if (args.length > 0) {
            try {
                requested = Integer.parseInt(args[0]);
                if (requested < 1 || requested > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                System.err.println("Usage: java web/DemoServer.java [port]   (a port is 1-65535, not \"" + args[0] + "\")");
                System.exit(2);
            }
        }

        Path root = projectRoot();
        if (root == null) {
            System.err.println("Run the demo from the project root: java web/DemoServer.java [port]");
            System.exit(1);
        }
        DemoServer demo = new DemoServer(root);
        List<String> missing = demo.missingBuildOutput();
        if (!missing.isEmpty()) {
            System.err.println("The demo needs the project's build output, and these are missing:");
            for (String m : missing) {
                System.err.println("  " + m);
            }
            System.err.println("Build first, from the project root:  mvn -B -DskipTests package");
            System.err.println("then start the demo again:           java web/DemoServer.java");
            System.exit(1);
        }

        HttpServer server = bind(requested);
        if (server == null) {
            System.exit(1);
        }
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "demo-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", demo::handle);
        server.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            threads.shutdownNow();
            System.out.println("\nDemo server stopped.");
            stopped.countDown();
        }, "demo-stop"));

        int port = server.getAddress().getPort();
        System.out.println("Klaviyo destination demo: http://localhost:" + port + "/");
        System.out.println("Serving from " + root + " on 127.0.0.1 only. Press Ctrl-C to stop.");
        stopped.await();
    }

    /** The project root: the working directory, or its parent when started from web/. */
    private static Path projectRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p : new Path[] {cwd, cwd.getParent()}) {
            if (p != null && Files.isRegularFile(p.resolve("web/index.html")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return null;
    }

    private List<String> missingBuildOutput() {
        return java.util.stream.Stream.of(
                        dist.resolve("klaviyo.dynamic.js"),
                        dist.resolve("klaviyo.js"),
                        bundles.resolve("standalone.js"),
                        standIn)
                .filter(p -> !Files.isRegularFile(p))
                .map(p -> web.getParent().relativize(p).toString())
                .toList();
    }

    /** The port asked for, or 8080 and the ones after it until one is free. */
    private static HttpServer bind(Integer requested) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int first = requested != null ? requested : DEFAULT_PORT;
        int tries = requested != null ? 1 : PORTS_TRIED;
        for (int port = first; port < first + tries && port <= 65535; port++) {
            try {
                return HttpServer.create(new InetSocketAddress(loopback, port), 0);
            } catch (BindException e) {
                if (requested != null) {
                    System.err.println("Port " + port + " is in use; pick another: java web/DemoServer.java <port>");
                    return null;
                }
            }
        }
        System.err.println("No free port in " + first + "-" + (first + tries - 1)
                + "; pick one: java web/DemoServer.java <port>");
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (KLAVIYO_SUBSCRIPTIONS.equals(exchange.getRequestURI().getPath())) {
                klaviyoSubscriptions(exchange, method);
                return;
            }
            boolean head = "HEAD".equals(method);
            if (!head && !"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                text(exchange, 405, "Method not allowed", false);
                return;
            }
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            if (path == null || path.contains("..") || path.contains("\\") || path.indexOf('\0') >= 0) {
                text(exchange, 404, "Not found", head);
                return;
            }
            route(exchange, path, head);
        } catch (IOException e) {
            // The browser went away mid-response: nothing to tell it.
        }
    }

    private void route(HttpExchange exchange, String path, boolean head) throws IOException {
        Matcher m;
        if (path.equals("/") || path.equals("/index.html")) {
            file(exchange, web.resolve("index.html"), head);
        } else if (path.equals("/favicon.ico")) {
            exchange.sendResponseHeaders(204, -1);
        } else if (path.equals("/klaviyo-standin.js")) {
            file(exchange, standIn, head);
        } else if ((m = ANALYTICS_SCRIPT.matcher(path)).matches() && WRITE_KEY.matcher(m.group(1)).matches()) {
            // Segment's snippet loads analytics.js for the write key; Analytics Next's standalone build is it.
            file(exchange, bundles.resolve("standalone.js"), head);
        } else if ((m = SETTINGS.matcher(path)).matches() && WRITE_KEY.matcher(m.group(1)).matches()) {
            byte[] body = settings(m.group(1)).getBytes(StandardCharsets.UTF_8);
            send(exchange, 200, TYPES.get("json"), body, head);
        } else if (path.startsWith("/next-integrations/integrations/klaviyo/") && path.endsWith("/klaviyo.dynamic.js.gz")) {
            // The real CDN gzips this file on disk and serves it with Content-Encoding: gzip; here it is plain.
            file(exchange, dist.resolve("klaviyo.dynamic.js"), "js", head);
        } else if (path.startsWith("/analytics-next/bundles/")) {
            inFolder(exchange, bundles, path.substring("/analytics-next/bundles/".length()), head);
        } else if (path.startsWith("/dist/")) {
            inFolder(exchange, dist, path.substring("/dist/".length()), head);
        } else if (path.lastIndexOf('/') == 0 && (path.endsWith(".css") || path.endsWith(".js"))) {
            inFolder(exchange, web, path.substring(1), head);
        } else {
            text(exchange, 404, "Not found", head);
        }
    }

    /**
     * Klaviyo's Create Client Subscription, as the real API answers a browser: the CORS preflight
     * allows POST with the revision and content-type headers from any origin; a POST with a revision
     * header and a JSON:API body is accepted (202, no body), anything else is a 400 with JSON:API
     * errors. Nothing is kept. https://developers.klaviyo.com/en/v2025-01-15/reference/create_client_subscription
     */
    private static void klaviyoSubscriptions(HttpExchange exchange, String method) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Origin", "*");
        if ("OPTIONS".equals(method)) {
            headers.set("Access-Control-Allow-Methods", "POST, OPTIONS");
            headers.set("Access-Control-Allow-Headers", KLAVIYO_ALLOWED_HEADERS);
            headers.set("Access-Control-Max-Age", "600");
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        if (!"POST".equals(method)) {
            headers.set("Allow", "POST, OPTIONS");
            text(exchange, 405, "Method not allowed", false);
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (exchange.getRequestHeaders().getFirst("revision") == null || query == null
                || !query.startsWith("company_id=") || type == null || !type.startsWith("application/vnd.api+json")
                || !body.contains("\"type\":\"subscription\"")) {
            send(exchange, 400, "application/vnd.api+json", ("{\"errors\": [{\"status\": 400, \"code\": \"invalid\","
                    + " \"detail\": \"a revision header, a company_id and a JSON:API subscription are needed\"}]}")
                    .getBytes(StandardCharsets.UTF_8), false);
            return;
        }
        System.out.println("Klaviyo API stand-in: subscription accepted (" + body.length() + " bytes)");
        exchange.sendResponseHeaders(202, -1);
    }

    /**
     * The source's CDN settings, from test-pages/cdn-settings.json (the settings the tests serve too):
     * the Klaviyo destination as a bundled browser (classic) destination. Segment.io is listed as in
     * every real source's settings (Analytics Next only loads classic destinations when more than one
     * integration is listed), but the page turns it off in its load options, so no event is sent to
     * Segment's API; metrics are off too. Marks in the write key turn enforceEmail and
     * klaviyoEcommerceMetrics on (the page's boxes pick the write key).
     */
    private String settings(String writeKey) throws IOException {
        boolean enforceEmail = writeKey.contains(ENFORCE_EMAIL_MARK);
        boolean ecommerceMetrics = writeKey.contains(ECOMMERCE_MARK);
        String klaviyo = "\"Klaviyo\": {";
        // The demo shows the forms bridge (Klaviyo's form sign-ups reported to analytics.js) and list
        // subscriptions (to list DemoLs, answered by this server's stand-in of Klaviyo's API).
        return Files.readString(cdnSettings).replace("WRITE_KEY", writeKey)
                .replace(klaviyo, klaviyo + "\n      \"enforceEmail\": " + enforceEmail + ","
                        + " \"klaviyoEcommerceMetrics\": " + ecommerceMetrics + ", \"reportKlaviyoForms\": true,"
                        + " \"subscribeInBrowser\": true, \"listId\": \"DemoLs\",");
    }

    private void inFolder(HttpExchange exchange, Path folder, String name, boolean head) throws IOException {
        if (!FILE_NAME.matcher(name).matches()) {
            text(exchange, 404, "Not found", head);
            return;
        }
        Path file = folder.resolve(name).normalize();
        if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
            text(exchange, 404, "Not found", head);
            return;
        }
        file(exchange, file, head);
    }

    private void file(HttpExchange exchange, Path file, boolean head) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        file(exchange, file, dot < 0 ? "" : name.substring(dot + 1), head);
    }

    private void file(HttpExchange exchange, Path file, String extension, boolean head) throws IOException {
        if (!Files.isRegularFile(file)) {
            text(exchange, 404, "Not found", head);
            return;
        }
        String type = TYPES.getOrDefault(extension, "application/octet-stream");
        send(exchange, 200, type, Files.readAllBytes(file), head);
    }

    private static void text(HttpExchange exchange, int status, String message, boolean head) throws IOException {
        send(exchange, status, TYPES.get("txt"), (message + "\n").getBytes(StandardCharsets.UTF_8), head);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean head)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        // A rebuild shows on the next reload.
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        if (head) {
            headers.set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
