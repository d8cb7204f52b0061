package destination.klaviyo.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.MutableCapabilities;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * A real browser engine, started once and driven by a test class: Chromium (Blink) through
 * ChromeDriver, Firefox ESR (Gecko) through WebDriver BiDi spoken directly over the JDK's WebSocket
 * client (geckodriver is not packaged), WebKitGTK's MiniBrowser through WebKitWebDriver under Xvfb.
 * Each is given an {@link EngineWeb}'s proxy for every address and told to accept its certificate.
 *
 * <p>{@link #missing} says which Debian packages an engine needs when they are not installed. Every
 * process an engine starts (driver, browser, their children, Xvfb) is ended by {@link #close()},
 * which waits for them, kills what remains, and deletes the temporary profile.
 */
abstract class Engine implements AutoCloseable {
    /** The environment variable that makes a missing engine fail instead of being skipped (CI sets it). */
    static final String REQUIRE = "KLAVIYO_REQUIRE_ENGINES";

    private static final Duration START = Duration.ofSeconds(60);

    final String name;
    final Path profile;
    private final Set<Long> before;

    /** Ends what this engine started should the test JVM stop before {@link #close()} (a killed build). */
    private final Thread leftovers = new Thread(this::endProcesses, "engine-leftovers");

    Engine(String name) {
        this.name = name;
        before = descendants();
        Runtime.getRuntime().addShutdownHook(leftovers);
        try {
            profile = Files.createTempDirectory("klaviyo-engine-" + name.toLowerCase() + "-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Opens this address in the browser's one tab and waits until the page has loaded. */
    abstract void open(String url);

    /** Runs statements in the page (a function body: {@code return} gives a value) and returns the value as a string. */
    abstract String call(String body);

    /** The value of a JavaScript expression in the page, as {@code String(...)} makes it. */
    String text(String expression) {
        return call("return String(" + expression + ");");
    }

    /** Runs statements in the page. */
    void run(String statements) {
        call(statements + "\n;return '';");
    }

    /** Stops the driver and the browser: overridden to quit the session first. */
    @Override
    public void close() {
        stopProcesses();
    }

    /** Ends every process this engine started that is still running, children first, and deletes the profile. */
    final void stopProcesses() {
        endProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(leftovers);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs anyway
        }
        deleteTree(profile);
    }

    private void endProcesses() {
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid())).toList();
        for (ProcessHandle p : left) {
            p.destroy();
        }
        for (ProcessHandle p : left) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : left) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a browser still writing: the temp folder keeps it
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // as above
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Null when the engine can run here, else one line naming the Debian packages to install.
     */
    static String missing(String engine) {
        return switch (engine) {
            case "Chromium" -> Files.isExecutable(Path.of(Chromium.BROWSER)) && Files.isExecutable(Path.of(Chromium.DRIVER))
                    ? null : "Chromium is not installed: apt-get install chromium chromium-driver";
            case "Firefox" -> Files.isExecutable(Path.of(Firefox.BROWSER))
                    ? null : "Firefox ESR is not installed: apt-get install firefox-esr";
            case "WebKit" -> Files.isExecutable(Path.of(WebKit.DRIVER)) && WebKit.miniBrowser() != null
                    && (System.getenv("DISPLAY") != null || Files.isExecutable(Path.of(WebKit.XVFB)))
                    ? null : "WebKitGTK is not installed: apt-get install webkit2gtk-driver xvfb";
            default -> throw new IllegalArgumentException(engine);
        };
    }

    /** Starts the named engine with every address going through this proxy port. */
    static Engine start(String engine, int proxyPort) {
        return switch (engine) {
            case "Chromium" -> new Chromium(proxyPort);
            case "Firefox" -> new Firefox(proxyPort);
            case "WebKit" -> new WebKit(proxyPort);
            default -> throw new IllegalArgumentException(engine);
        };
    }

    /** A Selenium session: Chromium's ChromeDriver and WebKitGTK's WebKitWebDriver. */
    abstract static class Selenium extends Engine {
        WebDriver driver;

        Selenium(String name) {
            super(name);
        }

        @Override
        void open(String url) {
            driver.get(url);
        }

        @Override
        String call(String body) {
            Object result = ((JavascriptExecutor) driver).executeScript(body);
            return result == null ? null : String.valueOf(result);
        }

        @Override
        public void close() {
            try {
                if (driver != null) {
                    driver.quit();
                }
            } catch (RuntimeException e) {
                // the processes are ended below
            } finally {
                stopProcesses();
            }
        }
    }

    static final class Chromium extends Selenium {
        static final String BROWSER = "/usr/lib/chromium/chromium";
        static final String DRIVER = "/usr/bin/chromedriver";
        private ChromeDriverService service;

        Chromium(int proxyPort) {
            super("Chromium");
            try {
                service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File(DRIVER))
                        .usingAnyFreePort().withSilent(true).build();
                ChromeOptions options = new ChromeOptions();
                options.setBinary(BROWSER);
                options.setAcceptInsecureCerts(true);
                options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
                        "--proxy-server=127.0.0.1:" + proxyPort, "--proxy-bypass-list=<-loopback>",
                        "--ignore-certificate-errors");
                driver = new ChromeDriver(service, options);
                driver.manage().timeouts().pageLoadTimeout(START).scriptTimeout(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                if (service != null) {
                    service.stop();
                }
                stopProcesses();
            }
        }
    }

    static final class WebKit extends Selenium {
        static final String DRIVER = "/usr/bin/WebKitWebDriver";
        static final String XVFB = "/usr/bin/Xvfb";
        private Process xvfb;
        private Process webDriver;

        static String miniBrowser() {
            for (String arch : List.of("x86_64-linux-gnu", "aarch64-linux-gnu")) {
                for (String api : List.of("webkit2gtk-4.1", "webkit2gtk-4.0", "webkitgtk-6.0")) {
                    Path p = Path.of("/usr/lib", arch, api, "MiniBrowser");
                    if (Files.isExecutable(p)) {
                        return p.toString();
                    }
                }
            }
            return null;
        }

        WebKit(int proxyPort) {
            super("WebKit");
            try {
                String display = System.getenv("DISPLAY");
                if (display == null || display.isEmpty()) {
                    xvfb = new ProcessBuilder(XVFB, "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "1280x1024x24")
                            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                    BufferedReader out = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
                    String line = readLine(out, xvfb, "Xvfb's display number");
                    display = ":" + line.trim();
                }
                int port = freePort();
                ProcessBuilder builder = new ProcessBuilder(DRIVER, "--port=" + port)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                builder.environment().put("DISPLAY", display);
                // No accessibility bus, no GPU: a bare X server.
                builder.environment().put("NO_AT_BRIDGE", "1");
                builder.environment().put("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
                // The proxy, by the environment (read by GIO's proxy resolver): the "proxy" capability
                // makes WebKitGTK speak TLS to an sslProxy, which would need its certificate trusted.
                for (String variable : List.of("https_proxy", "http_proxy", "HTTPS_PROXY", "HTTP_PROXY")) {
                    builder.environment().put(variable, "http://127.0.0.1:" + proxyPort);
                }
                builder.environment().remove("all_proxy");
                builder.environment().remove("ALL_PROXY");
                // The driver reaches the browser on the loopback: not through the proxy.
                builder.environment().put("no_proxy", "127.0.0.1,localhost,::1");
                builder.environment().put("NO_PROXY", "127.0.0.1,localhost,::1");
                webDriver = builder.start();
                awaitPort(port, webDriver);
                MutableCapabilities capabilities = new MutableCapabilities();
                capabilities.setCapability("browserName", "MiniBrowser");
                capabilities.setCapability("acceptInsecureCerts", true);
                capabilities.setCapability("webkitgtk:browserOptions", Map.of(
                        "binary", miniBrowser(), "args", List.of("--automation", "--private")));
                driver = new RemoteWebDriver(new java.net.URL("http://127.0.0.1:" + port), capabilities);
                driver.manage().timeouts().pageLoadTimeout(START).scriptTimeout(Duration.ofSeconds(30));
            } catch (IOException | RuntimeException e) {
                close();
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                for (Process p : new Process[] {webDriver, xvfb}) {
                    if (p != null) {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    }
                }
                stopProcesses();
            }
        }
    }

    /**
     * Firefox ESR over WebDriver BiDi: started with {@code --remote-debugging-port=0}, it prints the
     * WebSocket's address; {@code session.new} accepts insecure certificates, and the profile's
     * user.js sends every address to the proxy.
     */
    static final class Firefox extends Engine {
        static final String BROWSER = "/usr/lib/firefox-esr/firefox-esr";
        private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
        private static final ObjectMapper JSON = new ObjectMapper();

        private Process firefox;
        private WebSocket socket;
        private String context;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

        Firefox(int proxyPort) {
            super("Firefox");
            try {
                Files.writeString(profile.resolve("user.js"), String.join("\n",
                        "user_pref('network.proxy.type', 1);",
                        "user_pref('network.proxy.ssl', '127.0.0.1');",
                        "user_pref('network.proxy.ssl_port', " + proxyPort + ");",
                        "user_pref('network.proxy.http', '127.0.0.1');",
                        "user_pref('network.proxy.http_port', " + proxyPort + ");",
                        "user_pref('network.proxy.no_proxies_on', '');",
                        "user_pref('network.proxy.allow_hijacking_localhost', true);",
                        "user_pref('network.dns.disablePrefetch', true);",
                        "user_pref('network.http.speculative-parallel-limit', 0);",
                        "user_pref('network.captive-portal-service.enabled', false);",
                        "user_pref('network.connectivity-service.enabled', false);",
                        "user_pref('browser.safebrowsing.malware.enabled', false);",
                        "user_pref('browser.safebrowsing.phishing.enabled', false);",
                        "user_pref('browser.safebrowsing.downloads.enabled', false);",
                        "user_pref('browser.safebrowsing.blockedURIs.enabled', false);",
                        "user_pref('app.update.auto', false);",
                        "user_pref('app.update.enabled', false);",
                        "user_pref('extensions.update.enabled', false);",
                        "user_pref('datareporting.policy.dataSubmissionEnabled', false);",
                        "user_pref('toolkit.telemetry.enabled', false);",
                        "user_pref('services.settings.server', 'https://127.0.0.1:1/');",
                        "user_pref('browser.shell.checkDefaultBrowser', false);",
                        "user_pref('browser.startup.homepage_override.mstone', 'ignore');",
                        "user_pref('security.enterprise_roots.enabled', false);",
                        ""));
                ProcessBuilder builder = new ProcessBuilder(BROWSER, "--headless", "--no-remote", "--profile",
                        profile.toString(), "--remote-debugging-port=0", "about:blank").redirectErrorStream(true);
                builder.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
                firefox = builder.start();
                BufferedReader out = new BufferedReader(new InputStreamReader(firefox.getInputStream(), StandardCharsets.UTF_8));
                String address = null;
                long deadline = System.nanoTime() + START.toNanos();
                while (address == null) {
                    String line = readLine(out, firefox, "Firefox's WebDriver BiDi address");
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address = m.group(1);
                    } else if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Firefox printed no WebDriver BiDi address");
                    }
                }
                // Keep reading what it prints, so that it never blocks on a full pipe.
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // discarded
                        }
                    } catch (IOException e) {
                        // exited
                    }
                }, "firefox-output");
                drain.setDaemon(true);
                drain.start();
                socket = HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(URI.create(address + (address.endsWith("/session") ? "" : "/session")), new Listener())
                        .get(30, TimeUnit.SECONDS);
                ObjectNode capabilities = JSON.createObjectNode();
                capabilities.putObject("alwaysMatch").put("acceptInsecureCerts", true);
                send("session.new", Map.of("capabilities", capabilities));
                JsonNode tree = send("browsingContext.getTree", Map.of());
                context = tree.path("contexts").path(0).path("context").asText();
            } catch (Exception e) {
                close();
                throw e instanceof RuntimeException r ? r : new IllegalStateException("could not start Firefox: " + e, e);
            }
        }

        @Override
        void open(String url) {
            send("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
        }

        @Override
        String call(String body) {
            JsonNode result = send("script.callFunction", Map.of(
                    "functionDeclaration", "function () {\n" + body + "\n}",
                    "target", Map.of("context", context), "awaitPromise", false,
                    "resultOwnership", "none"));
            if ("exception".equals(result.path("type").asText())) {
                throw new IllegalStateException("script error in Firefox: "
                        + result.path("exceptionDetails").path("text").asText() + "\n" + body);
            }
            JsonNode value = result.path("result");
            return switch (value.path("type").asText()) {
                case "undefined", "null" -> null;
                case "string" -> value.path("value").asText();
                case "number", "boolean" -> value.path("value").asText();
                default -> value.toString();
            };
        }

        private JsonNode send(String method, Object params) {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            try {
                String message = JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params));
                synchronized (this) {
                    socket.sendText(message, true).get(30, TimeUnit.SECONDS);
                }
                JsonNode reply = answer.get(60, TimeUnit.SECONDS);
                if ("error".equals(reply.path("type").asText())) {
                    throw new IllegalStateException(method + " failed in Firefox: " + reply.path("error").asText() + ": "
                            + reply.path("message").asText());
                }
                return reply.path("result");
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(method + " failed in Firefox: " + e, e);
            } finally {
                pending.remove(id);
            }
        }

        private final class Listener implements WebSocket.Listener {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        JsonNode message = JSON.readTree(text.toString());
                        if (message.has("id")) {
                            CompletableFuture<JsonNode> waiting = pending.get(message.get("id").asInt());
                            if (waiting != null) {
                                waiting.complete(message);
                            }
                        }
                    } catch (IOException e) {
                        // not JSON: ignored
                    }
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }

        @Override
        public void close() {
            try {
                if (socket != null) {
                    try {
                        send("session.end", Map.of());
                    } catch (RuntimeException e) {
                        // Firefox goes below either way
                    }
                    socket.abort();
                }
                if (firefox != null) {
                    firefox.descendants().forEach(ProcessHandle::destroy);
                    firefox.destroy();
                    if (!firefox.waitFor(10, TimeUnit.SECONDS)) {
                        firefox.descendants().forEach(ProcessHandle::destroyForcibly);
                        firefox.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopProcesses();
            }
        }
    }

    /** A line the process prints, or a failure when it exits or stays silent for a minute. */
    private static String readLine(BufferedReader out, Process process, String what) throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String read = line.get(START.toSeconds(), TimeUnit.SECONDS);
            if (read == null) {
                throw new IOException("no " + what + ": the process exited (" + (process.isAlive() ? "running" : process.exitValue()) + ")");
            }
            return read;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("no " + what + " within " + START.toSeconds() + " s");
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IOException(e);
        }
    }

    private static void awaitPort(int port, Process process) throws IOException {
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("the driver did not listen on port " + port);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException(ie);
                }
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
