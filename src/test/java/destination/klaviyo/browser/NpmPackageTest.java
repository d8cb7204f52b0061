package destination.klaviyo.browser;

import destination.klaviyo.JsonText;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.COMPLETED_ORDER;
import static destination.klaviyo.browser.ShopEvents.EVENT_WITH_VALUE;
import static destination.klaviyo.browser.ShopEvents.GROUP;
import static destination.klaviyo.browser.ShopEvents.IDENTIFY;
import static destination.klaviyo.browser.ShopEvents.KLAVIYO_SCRIPT_FOR_KEY;
import static destination.klaviyo.browser.ShopEvents.ORDER;
import static destination.klaviyo.browser.ShopEvents.ORDERED_MONOPOLY;
import static destination.klaviyo.browser.ShopEvents.ORDERED_SUH_DUDE;
import static destination.klaviyo.browser.ShopEvents.ORGANIZATION;
import static destination.klaviyo.browser.ShopEvents.PROFILE;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;
import static destination.klaviyo.browser.ShopEvents.TRACK_WITH_REVENUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

/**
 * The npm package, as a site gets it: the tarball the build packs, installed by the consumer app of
 * {@code test-pages/consumer} (Analytics Next from npm, bundled by esbuild) and run in HtmlUnit
 * against the fake web. The app reaches the package only through its name and {@code exports}.
 */
class NpmPackageTest {
    private static final String VERSION = System.getProperty("project.version");
    private static final String NAME = "analytics-destination-klaviyo";
    private static final Path TARBALL = HostPage.TARGET.resolve(NAME + "-" + VERSION + ".tgz");
    private static final Path BASE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();

    @Test
    void pluginsInAnalyticsBrowserLoadSendKlaviyoEveryCall() {
        try (HostPage page = HostPage.npmConsumer("plugins", SETTINGS, web -> { })) {
            page.whenReady(IDENTIFY + TRACK_WITH_REVENUE + GROUP + COMPLETED_ORDER);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, EVENT_WITH_VALUE, ORGANIZATION, ORDER, ORDERED_MONOPOLY,
                    ORDERED_SUH_DUDE);
            assertEquals(List.of(KLAVIYO_SCRIPT_FOR_KEY), page.klaviyoScriptRequests());
            assertNoSegmentBundles(page);
        }
    }

    @Test
    void registerOnAnAnalyticsBrowserSendsKlaviyoItsCalls() {
        try (HostPage page = HostPage.npmConsumer("register", SETTINGS, web -> { })) {
            page.whenReady(IDENTIFY + TRACK_WITH_REVENUE);
            page.assertKlaviyoCommands(ACCOUNT, PROFILE, EVENT_WITH_VALUE);
            assertEquals("true", page.text("analytics.instance.queue.plugins.some(function (p) {"
                    + " return p.name == 'Klaviyo' && p.type == 'destination' && p.isLoaded(); })"));
        }
    }

    @Test
    void classicIntegrationsReplaceSegmentsKlaviyoBundleWithTheCdnSettings() {
        // The CDN settings enable Segment's classic Klaviyo destination, with their own apiKey.
        try (HostPage page = HostPage.npmConsumer("classicIntegrations",
                "{\"apiKey\": \"cdnKey\", \"enforceEmail\": true}", web -> { })) {
            page.whenReady("analytics.identify('no-email', {firstName: 'first'});\n" + IDENTIFY + TRACK_WITH_REVENUE);
            page.assertKlaviyoCommands("[\"account\", \"cdnKey\"]", """
                    ["identify", {"$email": "name@example.com", "id": "id", "$first_name": "first",
                      "$last_name": "last", "$phone_number": "phone", "$title": "title"}]""", EVENT_WITH_VALUE);
            assertEquals(List.of(HostPage.KLAVIYO_ONSITE + "cdnKey/klaviyo.js?company_id=cdnKey"), page.klaviyoScriptRequests());
            assertNoSegmentBundles(page);
            assertTrue(page.check("window.klaviyoLoader === undefined && window.klaviyoIntegration === undefined"
                    + " && window.KlaviyoIntegration === undefined"), "no bundle of Segment's ran");
            assertEquals("true", page.text("analytics.instance.queue.plugins.some(function (p) {"
                    + " return p.name == 'Klaviyo' && p.integration && p.integration.options.apiKey == 'cdnKey'; })"));
        }
    }

    @Test
    void pluginsWarnOnceWhenSegmentsKlaviyoIsOnForTheSourceToo() {
        try (HostPage page = HostPage.npmConsumer("plugins", SETTINGS, HostPage.segmentsKlaviyoOn(SETTINGS))) {
            page.whenReady(TRACK_WITH_REVENUE);
            assertEquals(JsonText.canonical(List.of(ACCOUNT, ACCOUNT, EVENT_WITH_VALUE, EVENT_WITH_VALUE)),
                    JsonText.canonical(page.awaitKlaviyoCommands(4).stream().sorted().toList()), "every call twice");
            assertEquals(1, page.console().stream().filter(line -> line.startsWith("warn: Klaviyo: Segment's Klaviyo"
                    + " destination is on for this source too, so Klaviyo gets every call twice.")).count());
        }
    }

    private static void assertNoSegmentBundles(HostPage page) {
        assertEquals(List.of(), page.web().requestsTo(HostPage.CDN + "/next-integrations/"),
                "requests for Segment's destination bundles");
    }

    /** A bare shop page whose only script is one of the consumer app's bundles. */
    private static HostPage importing(String bundle) {
        return HostPage.bare(web -> web.directory(HostPage.SHOP + "/consumer/", HostPage.CONSUMER)
                .text(HostPage.SHOP + "/bare.html", "text/html", "<!doctype html><html><head>"
                        + "<script>window.globalsBefore = Object.getOwnPropertyNames(window);</script>"
                        + "<script src=\"/consumer/" + bundle + "\"></script></head><body></body></html>"));
    }

    private static void assertImportingChangesNoGlobal(String bundle) {
        try (HostPage page = importing(bundle)) {
            PageProbes.install(page);
            assertEquals("KlaviyoIntegration klaviyo: function Klaviyo", page.text("window.imported"));
            assertEquals("[]", page.text("JSON.stringify(Object.getOwnPropertyNames(window).filter(function (k) {"
                    + " return globalsBefore.indexOf(k) < 0 && ['imported', 'globalsBefore', 'probe',"
                    + " 'hostPageErrors'].indexOf(k) < 0; }))"));
            assertEquals("0", page.text("document.querySelectorAll('script[src*=\"klaviyo.com\"]').length"));
            assertEquals(List.of(), page.klaviyoScriptRequests());
        }
    }

    @Test
    void importingTheEsModuleChangesNoGlobal() {
        assertImportingChangesNoGlobal("import-only.js");
    }

    @Test
    void requiringTheCommonJsEntryChangesNoGlobal() {
        assertImportingChangesNoGlobal("require-only.js");
    }

    @Test
    void theTarballHoldsOnlyThePackagesFiles() throws IOException {
        assertEquals(new TreeSet<>(List.of("package/package.json", "package/README.md", "package/LICENSE",
                        "package/klaviyo.mjs", "package/klaviyo.mjs.map", "package/klaviyo.cjs", "package/klaviyo.cjs.map",
                        "package/klaviyo.d.ts", "package/klaviyo.d.mts")),
                new TreeSet<>(tarEntries(TARBALL).keySet()));
    }

    @Test
    void theLicenceNamesTheThirdPartyCodeTheScriptsCarry() throws IOException {
        // The scripts hold code compiled from TeaVM's class library, and their maps its sources.
        String licence = new String(tarEntries(TARBALL).get("package/LICENSE"), StandardCharsets.UTF_8);
        assertTrue(licence.startsWith("MIT License\n"), licence);
        assertTrue(licence.contains("TeaVM") && licence.contains("Apache License, Version 2.0"), licence);
    }

    @Test
    void thePackageJsonNamesTheEntriesTypesVersionAndLicense() throws IOException {
        Map<String, Object> pkg = JsonText.parseObject(new String(tarEntries(TARBALL).get("package/package.json"),
                StandardCharsets.UTF_8));
        assertEquals(NAME, pkg.get("name"));
        assertEquals(VERSION, pkg.get("version"), "the pom's version");
        assertEquals("MIT", pkg.get("license"));
        assertEquals(false, pkg.get("sideEffects"));
        assertEquals("./klaviyo.d.ts", pkg.get("types"));
        assertEquals(JsonText.canonical("""
                {".": {"import": {"types": "./klaviyo.d.mts", "default": "./klaviyo.mjs"},
                       "require": {"types": "./klaviyo.d.ts", "default": "./klaviyo.cjs"}},
                 "./package.json": "./package.json"}"""), JsonText.canonical(JsonText.write(pkg.get("exports"))));
        assertEquals(JsonText.canonical("{\"@segment/analytics-next\": {\"optional\": true}}"),
                JsonText.canonical(JsonText.write(pkg.get("peerDependenciesMeta"))));
        assertTrue(((Map<?, ?>) pkg.get("peerDependencies")).containsKey("@segment/analytics-next"));
        assertEquals(null, pkg.get("dependencies"), "the package depends on nothing");
    }

    @Test
    void bothTypeFilesAreTheHandWrittenDeclarations() throws IOException {
        Map<String, byte[]> entries = tarEntries(TARBALL);
        byte[] written = Files.readAllBytes(Path.of(System.getProperty("basedir", "")).toAbsolutePath()
                .resolve("src/main/npm/klaviyo.d.ts"));
        assertEquals(new String(written, StandardCharsets.UTF_8),
                new String(entries.get("package/klaviyo.d.ts"), StandardCharsets.UTF_8));
        assertEquals(new String(written, StandardCharsets.UTF_8),
                new String(entries.get("package/klaviyo.d.mts"), StandardCharsets.UTF_8));
    }

    /**
     * What the two READMEs, the project's and the one npm shows (the tarball's), tell a site: the
     * package's require gives {@code {KlaviyoIntegration, klaviyo}}, never the constructor itself; and
     * which way in fits which site, since the plugin with Segment's Klaviyo on too sends every call twice.
     */
    @Test
    void bothReadmesTakeTheConstructorFromTheRequireAndSayWhichWayInFitsWhichSite() throws IOException {
        Map<String, String> readmes = new LinkedHashMap<>();
        readmes.put("README.md", Files.readString(BASE.resolve("README.md")));
        readmes.put("the package's README.md", new String(tarEntries(TARBALL).get("package/README.md"),
                StandardCharsets.UTF_8));
        String require = "require('" + NAME + "')";
        for (Map.Entry<String, String> readme : readmes.entrySet()) {
            String text = readme.getValue().replaceAll("\\s+", " ");
            assertTrue(text.contains("analytics.use(" + require + ".KlaviyoIntegration)"), readme.getKey()
                    + " shows analytics.js-core's line");
            for (int at = text.indexOf(require); at >= 0; at = text.indexOf(require, at + 1)) {
                String after = text.substring(at + require.length());
                assertTrue(after.startsWith(".KlaviyoIntegration") || after.startsWith(".klaviyo("),
                        readme.getKey() + " takes a named export of the require: " + text.substring(at, Math.min(text.length(), at + 80)));
            }
            assertTrue(text.contains("Where Klaviyo is on in Segment's UI for the source, use `classicIntegrations`"),
                    readme.getKey() + " says classicIntegrations is for a source with Klaviyo on in Segment");
            assertTrue(text.contains("plugin only where it is off"),
                    readme.getKey() + " says the plugin is for a source with Klaviyo off in Segment");
        }
    }

    /**
     * The package ships source maps with the text of every source they name (sourcesContent): the
     * shell's JavaScript and our Java as they are in src/main, and TeaVM's runtime sources the code came
     * from (Apache-2.0, their notice kept), which the ignoreList marks for debuggers to step over.
     * Nothing a map names is missing, so a site's tools need no file the package does not ship.
     */
    @Test
    void theShippedMapsCarryTheTextOfEverySourceTheyName() throws IOException {
        Map<String, byte[]> entries = tarEntries(TARBALL);
        for (String module : List.of("klaviyo.mjs", "klaviyo.cjs")) {
            String code = new String(entries.get("package/" + module), StandardCharsets.UTF_8);
            assertTrue(code.endsWith("\n//# sourceMappingURL=" + module + ".map\n"), module + " links its map");
            Map<String, Object> map = JsonText.parseObject(new String(entries.get("package/" + module + ".map"),
                    StandardCharsets.UTF_8));
            List<?> sources = (List<?>) map.get("sources");
            List<?> contents = (List<?>) map.get("sourcesContent");
            assertEquals(sources.size(), contents == null ? 0 : contents.size(), module + ".map: a text per source");
            List<Object> runtime = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                String source = (String) sources.get(i);
                String content = (String) contents.get(i);
                if (source.startsWith("org/teavm/")) {
                    runtime.add((double) i);
                    String pkg = source.substring(0, source.lastIndexOf('/')).replace('/', '.');
                    assertTrue(content.contains("Licensed under the Apache License, Version 2.0")
                            && content.contains("\npackage " + pkg + ";"), module + ".map: " + source);
                } else {
                    Path file = BASE.resolve(source.startsWith("js/") ? "src/main/" + source : "src/main/java/" + source);
                    if (!Files.isRegularFile(file)) {
                        // The rules compiled from their declarations (docs/rules.md) are ours too.
                        file = BASE.resolve("target/generated-sources/rules/" + source);
                    }
                    assertTrue(Files.isRegularFile(file), module + ".map names " + source + ", which is not ours");
                    assertEquals(Files.readString(file), content, module + ".map: " + source);
                }
            }
            assertTrue(sources.containsAll(List.of("js/plugin.js", "js/port.js", "destination/klaviyo/core/Mapping.java",
                    "destination/klaviyo/browser/Bundle.java")), module + ".map: " + sources);
            assertTrue(!runtime.isEmpty(), module + ".map names TeaVM's runtime");
            assertEquals(runtime, map.get("ignoreList"), module + ".map: TeaVM's runtime is ignore-listed");
        }
    }

    /**
     * A site's bundler follows the package's maps into the site's own: esbuild, in the consumer app,
     * puts our Java sources in app.js.map with their text.
     */
    @Test
    void aSitesBundleMapShowsTheJavaSources() throws IOException {
        Map<String, Object> map = JsonText.parseObject(Files.readString(HostPage.CONSUMER.resolve("app.js.map")));
        List<?> sources = (List<?>) map.get("sources");
        List<?> contents = (List<?>) map.get("sourcesContent");
        String mapping = "/" + NAME + "/destination/klaviyo/core/Mapping.java";
        int at = -1;
        for (int i = 0; i < sources.size(); i++) {
            if (((String) sources.get(i)).endsWith(mapping)) {
                at = i;
            }
        }
        assertTrue(at >= 0, "app.js.map names " + mapping + ": " + sources);
        assertEquals(Files.readString(BASE.resolve("src/main/java/destination/klaviyo/core/Mapping.java")),
                contents.get(at));
    }

    /** The files of a .tgz (ustar, as npm pack writes it), by path, with their contents. */
    static Map<String, byte[]> tarEntries(Path tgz) throws IOException {
        assertTrue(Files.isRegularFile(tgz), tgz + " is missing: the build (mvn test, or mvn package) packs it");
        byte[] tar;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            tar = in.readAllBytes();
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        int at = 0;
        while (at + 512 <= tar.length && tar[at] != 0) {
            String name = field(tar, at, 100);
            String prefix = field(tar, at + 345, 155);
            long size = Long.parseLong(field(tar, at + 124, 12).trim(), 8);
            char type = (char) tar[at + 156];
            at += 512;
            if (type == '0' || type == 0) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                content.write(tar, at, (int) size);
                entries.put(prefix.isEmpty() ? name : prefix + "/" + name, content.toByteArray());
            } else {
                entries.put((prefix.isEmpty() ? name : prefix + "/" + name) + " (type " + type + ")", new byte[0]);
            }
            at += (int) ((size + 511) / 512 * 512);
        }
        return entries;
    }

    private static String field(byte[] tar, int from, int length) {
        int end = from;
        while (end < from + length && tar[end] != 0) {
            end++;
        }
        return new String(tar, from, end - from, StandardCharsets.US_ASCII);
    }
}
