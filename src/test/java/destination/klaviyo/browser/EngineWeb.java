package destination.klaviyo.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The web a real browser sees in the engine tests, all of it on this machine: the shop, Segment's CDN
 * and tracking API, Klaviyo's script and client API, at their real {@code https://} addresses.
 *
 * <p>The browser is started with this web's proxy ({@link #proxyPort()}) for every address. The proxy
 * takes only {@code CONNECT} to port 443 of the hosts this web serves, and tunnels each to one local
 * HTTPS server, which answers by the request's {@code Host}; a {@code CONNECT} to any other host, and
 * any plain proxy request, is refused (and recorded: {@link #refused()}), so nothing a page asks for
 * leaves the machine, and no name is looked up. The HTTPS server's certificate is self-signed (made
 * once with the JDK's keytool); the browsers are told to accept it, which is all a test needs.
 *
 * <p>Routes are by exact address without the query ({@link #route}), or by address prefix
 * ({@link #prefix}); a test changes them before it opens a page, or while it runs. Every request is
 * recorded with its method, headers and body ({@link #requests()}). A request to an address this web
 * does not know is answered 404 and recorded as refused.
 */
final class EngineWeb implements AutoCloseable {
    /** A request as the server got it: the full address (query included), lower-case header names. */
    record Request(String method, String url, Map<String, String> headers, String body, long nanos) {
        String path() {
            return URI.create(url).getPath();
        }

        @Override
        public String toString() {
            return method + " " + url;
        }
    }

    /** An answer: status, content type, body, extra headers. */
    record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Reply of(String contentType, String body) {
            return new Reply(200, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Reply status(int status) {
            return new Reply(status, "text/plain", new byte[0], Map.of());
        }

        Reply with(String header, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(header, value);
            return new Reply(status, contentType, body, all);
        }
    }

    private static final Path KEYSTORE = HostPage.TARGET.resolve("engines/localhost.p12");
    private static final char[] PASSWORD = "engines".toCharArray();

    private final HttpsServer https;
    private final SSLContext ssl;
    private final ServerSocket proxy;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "engine-web");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Function<Request, Reply>> routes = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Function<Request, Reply>> prefixes = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<String> hosts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> blockedHosts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<String> elsewhere = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    EngineWeb() {
        try {
            https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ssl = sslContext();
            https.setHttpsConfigurator(new HttpsConfigurator(ssl));
            https.setExecutor(threads);
            https.createContext("/", this::handle);
            https.start();
            proxy = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Thread accept = new Thread(this::acceptLoop, "engine-web-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    /** The proxy's port on 127.0.0.1, for the browser's proxy settings. */
    int proxyPort() {
        return proxy.getLocalPort();
    }

    /** Serves this exact address (query aside), replacing any route it had. */
    EngineWeb route(String url, Function<Request, Reply> handler) {
        hosts.add(URI.create(url).getHost());
        routes.put(url, handler);
        return this;
    }

    /** Serves every address starting so (query aside), after the exact routes; the first prefix added wins. */
    EngineWeb prefix(String url, Function<Request, Reply> handler) {
        hosts.add(URI.create(url).getHost());
        prefixes.put(url, handler);
        return this;
    }

    /** {@link #prefix}, unless this prefix is served already. */
    EngineWeb prefixIfAbsent(String url, Function<Request, Reply> handler) {
        hosts.add(URI.create(url).getHost());
        prefixes.putIfAbsent(url, handler);
        return this;
    }

    /** Serves a file at this address. */
    EngineWeb file(String url, Path file) {
        return route(url, request -> fileReply(file));
    }

    /** Serves a folder's files under this address (which ends with a slash). */
    EngineWeb directory(String url, Path folder) {
        return prefix(url, request -> {
            String name = request.path().substring(URI.create(url).getPath().length());
            Path file = folder.resolve(name).normalize();
            if (name.isEmpty() || name.contains("..") || !file.startsWith(folder) || !Files.isRegularFile(file)) {
                refused.add(request + " (no such file)");
                return Reply.status(404);
            }
            return fileReply(file);
        });
    }

    /** Serves a text at this address. */
    EngineWeb text(String url, String contentType, String text) {
        return route(url, request -> Reply.of(contentType, text));
    }

    /**
     * Refuses the proxy's tunnel to this host, as a network that blocks it does: the browser's request
     * fails without an answer (a script's error event, a fetch's rejection).
     */
    EngineWeb block(String host) {
        blockedHosts.add(host);
        hosts.add(host);
        return this;
    }

    /** Every request the server answered, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests to addresses starting so, in order. */
    List<Request> requestsTo(String prefix) {
        List<Request> found = new ArrayList<>();
        for (Request request : requests) {
            if (request.url().startsWith(prefix)) {
                found.add(request);
            }
        }
        return found;
    }

    /** What was refused: tunnels to unknown hosts, plain proxy requests, addresses this web does not serve. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /**
     * What the browser asked the proxy for elsewhere than the hosts this web serves (its own update
     * and safe-browsing checks): all refused, none reached.
     */
    List<String> elsewhere() {
        return List.copyOf(elsewhere);
    }

    /** Forgets the requests and refusals recorded so far (a test starting on a browser already used). */
    void forgetRequests() {
        requests.clear();
        refused.clear();
    }

    /** Drops every route, prefix and block, and forgets the requests. */
    void reset() {
        // Connections the browser keeps open would bypass a block: every test starts with none.
        for (Socket s : sockets) {
            close(s);
        }
        routes.clear();
        prefixes.clear();
        hosts.clear();
        blockedHosts.clear();
        forgetRequests();
    }

    @Override
    public void close() {
        closed = true;
        try {
            proxy.close();
        } catch (IOException e) {
            // closing
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
        https.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    String.join(", ", values)));
            String host = headers.getOrDefault("host", "");
            if (host.endsWith(":443")) {
                host = host.substring(0, host.length() - 4);
            }
            URI uri = exchange.getRequestURI();
            String url = "https://" + host + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            Request request = new Request(exchange.getRequestMethod(), url, headers,
                    bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8), System.nanoTime());
            requests.add(request);
            if (blockedHosts.contains(host)) {
                // A connection opened before the block: cut it, as the network would, with no answer.
                throw new IOException("blocked");
            }
            String withoutQuery = "https://" + host + uri.getRawPath();
            Function<Request, Reply> handler = routes.get(withoutQuery);
            if (handler == null) {
                synchronized (prefixes) {
                    for (Map.Entry<String, Function<Request, Reply>> e : prefixes.entrySet()) {
                        if (withoutQuery.startsWith(e.getKey())) {
                            handler = e.getValue();
                            break;
                        }
                    }
                }
            }
            Reply reply;
            if (handler == null) {
                refused.add(request.toString());
                reply = Reply.status(404);
            } else {
                try {
                    reply = handler.apply(request);
                } catch (RuntimeException e) {
                    refused.add(request + " (the test's handler threw " + e + ")");
                    reply = Reply.status(500);
                }
            }
            var out = exchange.getResponseHeaders();
            out.set("Content-Type", reply.contentType());
            out.set("Cache-Control", "no-store");
            reply.headers().forEach(out::set);
            boolean empty = reply.body().length == 0 || "HEAD".equals(request.method())
                    || reply.status() == 204 || reply.status() == 304;
            exchange.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
            if (!empty) {
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(reply.body());
                }
            }
        } catch (IOException e) {
            // The browser went away mid-answer.
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = proxy.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(client);
            threads.execute(() -> tunnel(client));
        }
    }

    /** One proxy connection: a CONNECT to a known host's port 443 is tunnelled to the HTTPS server. */
    private void tunnel(Socket plain) {
        Socket client = plain;
        try {
            InputStream in = client.getInputStream();
            int first0 = in.read();
            if (first0 == 0x16) {
                // A TLS handshake: WebKitGTK speaks to its "sslProxy" over TLS (GIO's https proxy), then CONNECT inside.
                javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) ssl.getSocketFactory().createSocket(plain,
                        new java.io.ByteArrayInputStream(new byte[] {0x16}), true);
                tls.setUseClientMode(false);
                sockets.add(tls);
                client = tls;
                in = tls.getInputStream();
            } else if (first0 < 0) {
                close(client);
                return;
            }
            String head = (first0 == 0x16 ? "" : String.valueOf((char) first0)) + readHead(in);
            String first = head.lines().findFirst().orElse("");
            String[] parts = first.split(" ");
            String target = parts.length > 1 ? parts[1] : "";
            int colon = target.lastIndexOf(':');
            String host = colon < 0 ? target : target.substring(0, colon);
            String port = colon < 0 ? "" : target.substring(colon + 1);
            if (!"CONNECT".equals(parts[0]) || !"443".equals(port) || !hosts.contains(host)
                    || blockedHosts.contains(host)) {
                if (hosts.contains(host) && !blockedHosts.contains(host)) {
                    refused.add("proxy: " + first);
                } else if (!blockedHosts.contains(host)) {
                    // The browser's own traffic (updates, safe browsing...), never the page's: refused too.
                    elsewhere.add(first);
                }
                client.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                client.close();
                return;
            }
            Socket server = new Socket(InetAddress.getLoopbackAddress(), https.getAddress().getPort());
            sockets.add(server);
            client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            client.getOutputStream().flush();
            Socket browser = client;
            threads.execute(() -> pipe(server, browser));
            pipe(browser, server);
        } catch (IOException e) {
            if (System.getenv("ENGINE_WEB_DEBUG") != null) {
                System.err.println("proxy: " + e);
            }
            close(client);
            close(plain);
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            close(from);
            close(to);
        }
    }

    private void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
        sockets.remove(socket);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            if (matched == 4 || head.size() > 16384) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    static Reply fileReply(Path file) {
        try {
            return new Reply(200, FakeWeb.contentType(file.getFileName().toString()), Files.readAllBytes(file), Map.of());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The self-signed certificate's key store, made once by the JDK's keytool. */
    private static synchronized SSLContext sslContext() throws IOException {
        try {
            if (!Files.isRegularFile(KEYSTORE)) {
                Files.createDirectories(KEYSTORE.getParent());
                Path made = KEYSTORE.resolveSibling("localhost-" + ProcessHandle.current().pid() + ".p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "engines", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=shop.example", "-validity", "3650", "-storetype", "PKCS12",
                        "-ext", "san=dns:shop.example,dns:cdn.segment.com,dns:api.segment.io,dns:static.klaviyo.com,"
                                + "dns:a.klaviyo.com,dns:fast.a.klaviyo.com",
                        "-keystore", made.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                        .redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IOException("keytool failed: " + output);
                }
                Files.move(made, KEYSTORE, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(KEYSTORE)) {
                store.load(in, PASSWORD);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
