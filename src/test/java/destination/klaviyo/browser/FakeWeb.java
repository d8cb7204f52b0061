package destination.klaviyo.browser;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.htmlunit.HttpMethod;
import org.htmlunit.WebConnection;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.WebResponseData;
import org.htmlunit.util.NameValuePair;

/**
 * The whole web as one test page sees it: a {@link WebConnection} that answers from local files and
 * texts, and refuses every other address. Nothing reaches the network: this connection has no way
 * to, and a refused address is recorded (see {@link #refused()}) and answered with a 404.
 *
 * <p>Addresses are matched without their query string: {@link #file}, {@link #text} and
 * {@link #json} serve one address, {@link #directory} serves every file of a folder by name,
 * {@link #pattern} every address a regular expression matches, and {@link #api} every address of an
 * origin, in that order of precedence. Every response carries CORS headers, so
 * cross-origin XHR (Segment's CDN settings, its tracking API) works as it does against the real hosts.
 *
 * <p>Every request is recorded in order ({@link #requests()}), with its method and body.
 *
 * <p>{@link #failure} and {@link #networkError} fail an address on purpose: the page sees a failed
 * load (a script's error event), and {@link HostPage} lists it in {@code failedLoads()}, not as a problem.
 */
final class FakeWeb implements WebConnection {
    /**
     * A request the page made, {@code millis} after this web was made, with the headers the page or
     * the browser added (names as sent).
     */
    record Request(HttpMethod method, String url, String body, long millis, Map<String, String> headers) {
        Request(HttpMethod method, String url, String body, long millis) {
            this(method, url, body, millis, Map.of());
        }

        /** A header's value, its name in any case; null when the request has none. */
        String header(String name) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return method + " " + url;
        }
    }

    /** What an address answers to CORS, instead of allowing whatever is asked (see {@link #cors}). */
    private record Cors(String allowOrigin, String allowMethods, String allowHeaders) {
    }

    /** A response to give: status, content type, body, and headers of its own (such as Retry-After). */
    record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        Reply(int status, String contentType, byte[] body) {
            this(status, contentType, body, Map.of());
        }

        static Reply of(String contentType, String body) {
            return new Reply(200, contentType, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @FunctionalInterface
    interface Route {
        Reply reply(Request request) throws IOException;
    }

    private final Map<String, Route> addresses = new ConcurrentHashMap<>();
    private final Map<String, Path> directories = new ConcurrentHashMap<>();
    private final Map<String, Route> patterns = new ConcurrentHashMap<>();
    private final Map<String, Route> origins = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Request> refused = new CopyOnWriteArrayList<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, Cors> cors = new ConcurrentHashMap<>();
    private final long created = System.nanoTime();

    /** Serves a file at one address; the file is read at each request. */
    FakeWeb file(String url, Path file) {
        addresses.put(url, request -> fileReply(file));
        return this;
    }

    /** Answers one address with a route of the test's own (a slow response, say). */
    FakeWeb route(String url, Route route) {
        addresses.put(url, route);
        return this;
    }

    /**
     * Answers one address with an HTTP error status, on purpose: a script loaded from it fails to load
     * (its error event fires), and that is not one of the page's problems. Set before the page opens.
     */
    FakeWeb failure(String url, int status) {
        failing.add(url);
        addresses.put(url, request -> new Reply(status, "text/plain",
                ("failure on purpose: " + status).getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Fails every request to one address as a broken connection would, on purpose; see {@link #failure}. */
    FakeWeb networkError(String url) {
        failing.add(url);
        addresses.put(url, request -> {
            throw new IOException("network error on purpose: " + request.url());
        });
        return this;
    }

    /**
     * Answers CORS for one address as a given server does, rather than allowing whatever the page
     * asks: its preflight and responses carry these {@code Access-Control-Allow-Origin} (null: the
     * request's origin), {@code -Methods} and {@code -Headers}. A request needing more fails in the
     * browser, as it would against that server.
     */
    FakeWeb cors(String url, String allowOrigin, String allowMethods, String allowHeaders) {
        cors.put(url, new Cors(allowOrigin, allowMethods, allowHeaders));
        return this;
    }

    /** Whether this web fails some address on purpose ({@link #failure}, {@link #networkError}). */
    boolean failsOnPurpose() {
        return !failing.isEmpty();
    }

    /** Whether requests to this address fail on purpose. */
    boolean failsOnPurpose(URL url) {
        return failing.contains(url.getProtocol() + "://" + url.getAuthority() + url.getPath());
    }

    /** Serves a text at one address. */
    FakeWeb text(String url, String contentType, String body) {
        addresses.put(url, request -> Reply.of(contentType, body));
        return this;
    }

    /** Serves a JSON text at one address. */
    FakeWeb json(String url, String body) {
        return text(url, "application/json", body);
    }

    /** Serves each file directly in a folder at {@code prefix + name}; nothing from subfolders. */
    FakeWeb directory(String prefix, Path folder) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("a directory prefix ends with /: " + prefix);
        }
        directories.put(prefix, folder);
        return this;
    }

    /**
     * Answers every address (origin and path, no query) that a regular expression matches as a whole
     * with a route; a later route for the same expression replaces it.
     */
    FakeWeb pattern(String regex, Route route) {
        patterns.put(regex, route);
        return this;
    }

    /** Answers every address of an origin, such as {@code https://api.segment.io}, with a route. */
    FakeWeb api(String origin, Route route) {
        origins.put(origin, route);
        return this;
    }

    /** Every request so far, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The address of every request so far, in order, query strings included. */
    List<String> urls() {
        List<String> urls = new ArrayList<>();
        for (Request request : requests) {
            urls.add(request.url());
        }
        return urls;
    }

    /** The requests to addresses starting with a prefix, in order. */
    List<Request> requestsTo(String prefix) {
        List<Request> matching = new ArrayList<>();
        for (Request request : requests) {
            if (request.url().startsWith(prefix)) {
                matching.add(request);
            }
        }
        return matching;
    }

    /** The requests to addresses this web does not know: each one is a test that tried to go online. */
    List<Request> refused() {
        return List.copyOf(refused);
    }

    @Override
    public WebResponse getResponse(WebRequest webRequest) throws IOException {
        long start = System.nanoTime();
        URL url = webRequest.getUrl();
        Request request = new Request(webRequest.getHttpMethod(), url.toExternalForm(), webRequest.getRequestBody(),
                (start - created) / 1_000_000, Map.copyOf(webRequest.getAdditionalHeaders()));
        requests.add(request);

        Reply reply;
        Route route = route(url);
        if (route == null) {
            refused.add(request);
            reply = Reply.of("text/plain", "refused by FakeWeb: " + request.url());
            reply = new Reply(404, reply.contentType(), reply.body());
        } else if (request.method() == HttpMethod.OPTIONS) {
            reply = new Reply(204, "text/plain", new byte[0]);
        } else {
            reply = route.reply(request);
        }

        List<NameValuePair> headers = new ArrayList<>();
        headers.add(new NameValuePair("Content-Type", contentTypeHeader(reply.contentType())));
        headers.add(new NameValuePair("Content-Length", String.valueOf(reply.body().length)));
        headers.add(new NameValuePair("Cache-Control", "no-store"));
        reply.headers().forEach((name, value) -> headers.add(new NameValuePair(name, value)));
        String origin = header(webRequest, "Origin");
        Cors answer = cors.get(url.getProtocol() + "://" + url.getAuthority() + url.getPath());
        String asked = header(webRequest, "Access-Control-Request-Headers");
        if (answer == null) {
            answer = new Cors(null, "GET, POST, OPTIONS", asked == null ? "Content-Type, Authorization" : asked);
        }
        headers.add(new NameValuePair("Access-Control-Allow-Origin",
                answer.allowOrigin() != null ? answer.allowOrigin() : origin == null ? "*" : origin));
        headers.add(new NameValuePair("Access-Control-Allow-Methods", answer.allowMethods()));
        headers.add(new NameValuePair("Access-Control-Allow-Headers", answer.allowHeaders()));
        if (origin != null) {
            headers.add(new NameValuePair("Vary", "Origin"));
        }
        WebResponseData data = new WebResponseData(reply.body(), reply.status(), statusText(reply.status()), headers);
        return new WebResponse(data, webRequest, (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void close() {
        // Nothing to release: no sockets were opened.
    }

    private Route route(URL url) {
        String origin = url.getProtocol() + "://" + url.getAuthority();
        String address = origin + url.getPath();
        Route route = addresses.get(address);
        if (route != null) {
            return route;
        }
        for (Map.Entry<String, Path> directory : directories.entrySet()) {
            String prefix = directory.getKey();
            if (address.startsWith(prefix)) {
                String name = address.substring(prefix.length());
                Path file = directory.getValue().resolve(name);
                if (!name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.startsWith(".")
                        && Files.isRegularFile(file)) {
                    return request -> fileReply(file);
                }
            }
        }
        for (Map.Entry<String, Route> pattern : patterns.entrySet()) {
            if (address.matches(pattern.getKey())) {
                return pattern.getValue();
            }
        }
        return origins.get(origin);
    }

    private static Reply fileReply(Path file) throws IOException {
        return new Reply(200, contentType(file.getFileName().toString()), Files.readAllBytes(file));
    }

    /** The content type for a file name; {@code .js.gz} is JavaScript too, served plain. */
    static String contentType(String name) {
        if (name.endsWith(".js") || name.endsWith(".js.gz") || name.endsWith(".mjs")) {
            return "text/javascript";
        }
        if (name.endsWith(".html")) {
            return "text/html";
        }
        if (name.endsWith(".json") || name.endsWith(".map")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private static String contentTypeHeader(String contentType) {
        return contentType.startsWith("text/") || contentType.startsWith("application/j")
                ? contentType + "; charset=utf-8" : contentType;
    }

    private static String header(WebRequest request, String name) {
        for (Map.Entry<String, String> header : request.getAdditionalHeaders().entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static String statusText(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            default -> "Status " + status;
        };
    }
}
