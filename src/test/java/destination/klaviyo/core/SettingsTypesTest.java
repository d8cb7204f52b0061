package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The npm package's hand-written types (src/main/npm/klaviyo.d.ts) name every setting: each one the
 * destination reads ({@link Settings#KEYS}, and {@link Consent#SETTINGS}, which consent reads itself) and each row of the README's settings table is a
 * documented property of {@code KlaviyoSettings}, so that adding a setting without its type fails here.
 */
class SettingsTypesTest {
    private static final Path BASE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    static final Path DECLARATIONS = BASE.resolve("src/main/npm/klaviyo.d.ts");

    /**
     * The settings the destination reads: the names of Settings.KEYS, and of Consent.SETTINGS (the
     * consent categories, which Consent reads itself), without their `=`.
     */
    static Set<String> destinationSettings() {
        Set<String> names = new LinkedHashSet<>();
        for (String key : (Settings.KEYS + " " + Consent.SETTINGS).split(" ")) {
            names.add(key.startsWith("=") ? key.substring(1) : key);
        }
        return names;
    }

    /** The settings of the README's table under "## Settings": each `name` of a row's first cell. */
    static Set<String> readmeSettings() throws IOException {
        String readme = Files.readString(BASE.resolve("README.md"));
        int start = readme.indexOf("\n## Settings\n");
        assertFalse(start < 0, "the README has a Settings section");
        int end = readme.indexOf("\n## ", start + 1);
        Set<String> names = new LinkedHashSet<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            Matcher name = Pattern.compile("`([A-Za-z0-9_$]+)`").matcher(line.substring(0, line.indexOf('|', 1)));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        assertFalse(names.isEmpty(), "the README's settings table has rows");
        return names;
    }

    /** The properties of `interface KlaviyoSettings` that have a doc comment just before them. */
    static Set<String> typedSettings() throws IOException {
        String types = Files.readString(DECLARATIONS);
        int start = types.indexOf("export interface KlaviyoSettings {");
        assertFalse(start < 0, "klaviyo.d.ts declares KlaviyoSettings");
        String body = types.substring(start, types.indexOf("\n}", start));
        Set<String> names = new LinkedHashSet<>();
        Matcher property = Pattern.compile("\\*/\\n\\s+([A-Za-z0-9_$]+)\\??:").matcher(body);
        while (property.find()) {
            names.add(property.group(1));
        }
        return names;
    }

    private static List<String> missing(Set<String> wanted, Set<String> typed) {
        List<String> missing = new ArrayList<>(wanted);
        missing.removeAll(typed);
        return missing;
    }

    @Test
    void everySettingTheDestinationReadsIsADocumentedPropertyOfKlaviyoSettings() throws IOException {
        assertEquals(List.of(), missing(destinationSettings(), typedSettings()),
                "settings of Settings.KEYS or Consent.SETTINGS missing from KlaviyoSettings in src/main/npm/klaviyo.d.ts");
    }

    @Test
    void everySettingOfTheReadmesTableIsADocumentedPropertyOfKlaviyoSettings() throws IOException {
        assertEquals(List.of(), missing(readmeSettings(), typedSettings()),
                "settings of the README's table missing from KlaviyoSettings in src/main/npm/klaviyo.d.ts");
    }

    @Test
    void theTypesNameNoSettingTheReadmeLeavesOut() throws IOException {
        assertEquals(List.of(), missing(typedSettings(), readmeSettings()),
                "properties of KlaviyoSettings that the README's settings table does not list");
    }
}
